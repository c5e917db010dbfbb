// details: the panels for one AIS event (with the rule and its evidence)
// and one report (source, grade, claims, evidence; Edit for analysts).
import {h, dl, fmtTime} from './dom.js';

/** showEvent opens event e. ctx: {panel, onVessel, onSite}. */
export function showEvent(ctx, e) {
  const params = Object.entries((e.rule && e.rule.params) || {}).map(([k, v]) => `${k}=${v}`).join(', ');
  const simulated = (e.evidence || []).some((f) => (f.sources || []).some(isSimulated));
  ctx.panel.open('event', `${e.kind} event`,
    simulated ? h('p', null, h('span', {class: 'badge sim'}, 'SIMULATED'), ' This event rests on simulated AIS (a scenario), not real reception.') : '',
    h('p', null, e.summary),
    dl([['Kind', e.kind], ['Start', fmtTime(e.start)], ['End', fmtTime(e.end)],
      ['Vessel', h('button', {type: 'button', class: 'linklike', onclick: () => ctx.onVessel(e.mmsi)}, String(e.mmsi))],
      ['Other vessel', e.other ? String(e.other) : ''],
      ['Site', e.site_id ? h('button', {type: 'button', class: 'linklike', onclick: () => ctx.onSite(e.site_id)}, e.site_id) : ''],
      ['Position', `${e.lat.toFixed(4)}, ${e.lon.toFixed(4)}`],
      ['Rule', e.rule ? `${e.rule.name}${params ? ' (' + params + ')' : ''}` : '']]),
    e.attrs ? dl(Object.entries(e.attrs)) : '',
    h('h3', null, `Evidence (${(e.evidence || []).length} fixes)`),
    h('ul', {class: 'list'}, (e.evidence || []).slice(0, 50).map((f) =>
      h('li', null, `${f.role}: ${fmtTime(f.time)} ${f.lat.toFixed(4)}, ${f.lon.toFixed(4)}${f.sog !== undefined ? ' ' + f.sog.toFixed(1) + ' kn' : ''}${via(f.sources)}`))),
  );
}

/** isSimulated tells a receipt of simulated data (sitrep.SimulatedPrefix). */
function isSimulated(src) {
  return (src.station || '').startsWith('sitrep-simulated') || (src.feed || '').startsWith('sitrep-simulated');
}

/** via names where a fix was received: " via station (feed)". */
function via(sources) {
  if (!sources || !sources.length) return '';
  const s = sources[0];
  const more = sources.length > 1 ? ` +${sources.length - 1}` : '';
  return ` via ${s.station || s.feed}${s.station && s.feed ? ' (' + s.feed + ')' : ''}${more}`;
}

/** showReport opens report r, with claim index claim highlighted. ctx: {panel, canEdit(), onEdit(r, i), onSite}. */
export function showReport(ctx, r, claim = 0, grade = '') {
  ctx.panel.open('report', r.title,
    r.simulated ? h('p', null, h('span', {class: 'badge sim'}, 'SIMULATED'), ' This report is invented material (a scenario), not a real source.') : '',
    dl([['ID', `${r.id} (version ${r.version})`], ['Source', r.source_id],
      ['Grade', h('span', {class: 'badge grade'}, grade || `${r.reliability || '?'}${r.credibility}`)],
      ['Published', fmtTime(r.published)], ['Edited', r.edited ? `${fmtTime(r.edited)}${r.change && r.change.by ? ' by ' + r.change.by : ''}` : '']]),
    ...(r.claims || []).map((c, i) => h('section', {class: i === claim ? 'claim current' : 'claim', 'aria-label': `Claim ${i + 1}`},
      h('h3', null, `Claim ${i + 1}: ${c.what}`),
      h('p', null, c.text),
      dl([['When', `${fmtTime(c.when.from)}${c.when.to && !c.when.to.startsWith('0001') ? ' – ' + fmtTime(c.when.to) : ''} (${c.when.precision})`],
        ['Where', c.where ? [c.where.name, c.where.site_id, c.where.point ? `${c.where.point.lat}, ${c.where.point.lon}` : ''].filter(Boolean).join(' · ') + (c.where.precision ? ` (${c.where.precision})` : '') : ''],
        ['Count', c.count ? `${c.count.min}${c.count.max !== c.count.min ? '–' + c.count.max : ''} ${c.count.unit || ''}` : ''],
        ['Likelihood', c.likelihood ? c.likelihood.replace(/_/g, ' ') + (c.confidence ? `, ${c.confidence} confidence` : '') : '']]),
      ctx.canEdit() ? h('button', {type: 'button', class: 'edit-claim', onclick: () => ctx.onEdit(r, i)}, `Edit claim ${i + 1}`) : '')),
    r.evidence && r.evidence.length ? [h('h3', null, 'Evidence'), h('ul', {class: 'list'}, r.evidence.map((e) =>
      h('li', null, h('a', {href: e.url, rel: 'noopener noreferrer', target: '_blank'}, e.url), e.note ? ` — ${e.note}` : '')))] : '',
  );
}
