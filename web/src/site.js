// site: the site panel — who is inside now, visits, events and reports at
// the site, and links to its situation report.
import {h, dl, fmtTime} from './dom.js';

/** showSite fills the panel with site id's summary. ctx: {api, panel, range, onVessel, onEvent, flyTo}. */
export async function showSite(ctx, id) {
  const {api, panel} = ctx;
  panel.open('site', id, h('p', {class: 'muted'}, 'Loading…'));
  let s;
  try {
    s = await api.get(`/api/sites/${encodeURIComponent(id)}/summary`, ctx.range ? ctx.range() : undefined);
  } catch (e) {
    panel.open('site', id, h('p', {class: 'form-error'}, e.message));
    return;
  }
  const site = s.site;
  const brief = (fmt) => `/api/brief?site=${encodeURIComponent(id)}&format=${fmt}`;
  const counts = Object.entries(s.counts || {}).map(([k, n]) => `${k} ${n}`).join(', ');
  panel.open('site', site.name,
    dl([['ID', site.id], ['Kind', site.kind], ['Country', site.country || ''], ['LOCODE', site.locode || ''],
      ['Source', site.source || ''], ['Approximate', site.approximate ? 'yes — the outline is approximate' : ''], ['Counts', counts]]),
    h('p', null, 'Situation report: ',
      h('a', {href: brief('html'), target: '_blank', rel: 'noopener', class: 'brief-html'}, 'HTML'), ' · ',
      h('a', {href: brief('md'), target: '_blank', rel: 'noopener'}, 'Markdown')),
    h('button', {type: 'button', onclick: () => ctx.flyToSite && ctx.flyToSite(site)}, 'Show on map'),
    h('h3', null, `Inside now (${(s.inside || []).length})`),
    list(s.inside, (v) => h('button', {type: 'button', class: 'linklike', onclick: () => ctx.onVessel(v.mmsi)},
      `${v.name || v.mmsi} `, v.simulated ? h('span', {class: 'badge sim'}, 'SIMULATED') : '', ` ${v.type_name || ''}`)),
    h('h3', null, `Visits (${(s.visits || []).length})`),
    list(s.visits, (e) => h('button', {type: 'button', class: 'linklike', onclick: () => ctx.onEvent(e)}, `${fmtTime(e.start)} ${e.summary}`)),
    h('h3', null, `Events (${(s.events || []).length})`),
    list(s.events, (e) => h('button', {type: 'button', class: 'linklike', onclick: () => ctx.onEvent(e)},
      h('span', {class: 'badge ev'}, e.kind), ` ${fmtTime(e.start)} ${e.summary}`)),
    h('h3', null, `Reports (${(s.reports || []).length})`),
    list(s.reports, (r) => h('span', null, h('span', {class: 'badge grade'}, `${r.reliability || '?'}${r.credibility || ''}`), ` ${r.title}`,
      r.simulated ? h('span', {class: 'badge sim'}, ' SIMULATED') : '')),
  );
}

function list(items, row) {
  if (!items || !items.length) return h('p', {class: 'muted'}, 'None.');
  return h('ul', {class: 'list'}, items.slice(0, 200).map((x) => h('li', null, row(x))));
}
