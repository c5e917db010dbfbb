// reportform: the analyst's form to enter or edit a report with one
// claim: source (with its A–F reliability; a new source can be created
// with its grade), credibility 1–6, claim kind, when (with precision),
// where (a site, or a point picked on the map, with precision), count,
// text, evidence URL and, for assessments, the ICD 203 likelihood.
// Validation errors from the API are shown next to the field they name.
import {h, fill} from './dom.js';
import {ApiError} from './api.js';

const KINDS = ['movement', 'departure', 'arrival', 'blocked', 'turned_back', 'loading', 'sighting', 'imagery', 'statement', 'assessment', 'other'];
const TIME_PRECISIONS = [['minute', 'minute (±1 min)'], ['hour', 'hour (±1 h)'], ['part_of_day', 'part of day (±3 h)'], ['day', 'day (±12 h)'], ['approximate', 'approximate (±2 days)']];
const PLACE_PRECISIONS = [['exact', 'exact'], ['near', 'near (10 km)'], ['region', 'region (50 km)']];
const LIKELIHOODS = [['', '—'], ['almost_no_chance', 'almost no chance (1–5 %)'], ['very_unlikely', 'very unlikely (5–20 %)'], ['unlikely', 'unlikely (20–45 %)'],
  ['roughly_even', 'roughly even chance (45–55 %)'], ['likely', 'likely (55–80 %)'], ['very_likely', 'very likely (80–95 %)'], ['almost_certain', 'almost certain (95–99 %)']];
const CONFIDENCES = [['', '— (none stated)'], ['low', 'low'], ['moderate', 'moderate'], ['high', 'high']];
const CREDIBILITY = [['1', '1 confirmed'], ['2', '2 probably true'], ['3', '3 possibly true'], ['4', '4 doubtful'], ['5', '5 improbable'], ['6', '6 cannot be judged']];
const RELIABILITY = [['A', 'A completely reliable'], ['B', 'B usually reliable'], ['C', 'C fairly reliable'], ['D', 'D not usually reliable'], ['E', 'E unreliable'], ['F', 'F cannot be judged']];
const SOURCE_KINDS = ['outlet', 'account', 'imagery', 'official', 'ais_feed', 'other'];

const opts = (pairs, sel) => pairs.map(([v, l]) => h('option', {value: v, selected: v === sel}, l));

/** slug makes a report id from a title: lower-case words joined by '-', plus the time. */
export function slug(title, now = new Date()) {
  const s = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'report';
  return `${s}-${now.toISOString().slice(0, 16).replace(/[^0-9]/g, '')}`;
}

/** toInput formats an RFC 3339 time for a datetime-local input in UTC. */
const toInput = (t) => (t && !t.startsWith('0001') ? new Date(t).toISOString().slice(0, 16) : '');
const fromInput = (v) => (v ? new Date(v + ':00Z').toISOString().replace('.000Z', 'Z') : '');

/**
 * showReportForm opens the form in the panel. report (optional) is the
 * report to edit and claimIndex the claim edited. ctx: {api, panel, map,
 * pickPoint(cb), onSaved(report)}.
 */
export async function showReportForm(ctx, report, claimIndex = 0, preset = {}) {
  const {api, panel} = ctx;
  const editing = !!report;
  const claim = editing ? report.claims[claimIndex] : null;
  let sources = [];
  try { sources = (await api.get('/api/sources')).items || []; } catch (e) { console.warn('sitrep: sources', e); }

  const field = (path, label, input, hint) => {
    const id = 'rf-' + path.replace(/[^a-z]+/g, '-');
    input.id = id;
    input.dataset.path = path;
    const err = h('div', {class: 'field-error', id: id + '-err', role: 'alert', 'aria-live': 'polite'});
    input.setAttribute('aria-describedby', id + '-err');
    return h('div', {class: 'field', 'data-field': path}, h('label', {for: id}, label, hint ? h('span', {class: 'hint'}, ' ' + hint) : ''), input, err);
  };
  const c = claim || {};
  const w = c.where || {};
  const inp = {
    title: h('input', {value: editing ? report.title : '', required: true}),
    id: h('input', {value: editing ? report.id : '', readonly: editing, placeholder: 'made from the title when empty'}),
    source: h('select', null, h('option', {value: ''}, '— choose a source —'),
      sources.map((s) => h('option', {value: s.id, selected: editing && report.source_id === s.id}, `${s.name} — ${s.reliability} (${relWord(s.reliability)})`)),
      h('option', {value: '__new'}, 'New source…')),
    credibility: h('select', null, opts(CREDIBILITY, String(editing ? report.credibility : 3))),
    what: h('select', null, opts(KINDS.map((k) => [k, k.replace('_', ' ')]), c.what || 'movement')),
    text: h('textarea', {rows: 3}, c.text || ''),
    from: h('input', {type: 'datetime-local', value: toInput(c.when?.from) || preset.from || ''}),
    to: h('input', {type: 'datetime-local', value: toInput(c.when?.to)}),
    tprec: h('select', null, opts(TIME_PRECISIONS, c.when?.precision || 'hour')),
    site: h('input', {value: w.site_id || preset.site || '', placeholder: 'site id, e.g. tartus-naval-base'}),
    lat: h('input', {type: 'number', step: 'any', min: -90, max: 90, value: w.point ? w.point.lat : ''}),
    lon: h('input', {type: 'number', step: 'any', min: -180, max: 180, value: w.point ? w.point.lon : ''}),
    pprec: h('select', null, opts(PLACE_PRECISIONS, w.precision || 'near')),
    cmin: h('input', {type: 'number', min: 0, value: c.count ? c.count.min : ''}),
    cmax: h('input', {type: 'number', min: 0, value: c.count ? c.count.max : ''}),
    cunit: h('input', {value: c.count ? c.count.unit || '' : '', placeholder: 'vehicles, ships…'}),
    likelihood: h('select', null, opts(LIKELIHOODS, c.likelihood || '')),
    confidence: h('select', null, opts(CONFIDENCES, c.confidence || '')),
    evidence: h('input', {type: 'url', value: editing && report.evidence?.length ? report.evidence[0].url : '', placeholder: 'https://…'}),
    why: h('input', {placeholder: 'what changed and why'}),
  };
  const newSrc = {
    name: h('input'), id: h('input', {placeholder: 'made from the name when empty'}),
    kind: h('select', null, opts(SOURCE_KINDS.map((k) => [k, k]), 'outlet')),
    reliability: h('select', null, opts(RELIABILITY, 'F')),
  };
  const newSrcBox = h('fieldset', {hidden: true}, h('legend', null, 'New source'),
    field('new_source.name', 'Name', newSrc.name), field('new_source.id', 'ID', newSrc.id),
    field('new_source.kind', 'Kind', newSrc.kind), field('new_source.reliability', 'Reliability (Admiralty A–F)', newSrc.reliability));
  inp.source.addEventListener('change', () => { newSrcBox.hidden = inp.source.value !== '__new'; });
  const assessBox = h('div', null, field('claim.likelihood', 'Likelihood (ICD 203)', inp.likelihood), field('claim.confidence', 'Confidence', inp.confidence));
  const syncKind = () => { assessBox.hidden = inp.what.value !== 'assessment'; };
  inp.what.addEventListener('change', syncKind);
  syncKind();
  const pick = h('button', {type: 'button', id: 'rf-pick'}, 'Pick on map');
  pick.addEventListener('click', () => ctx.pickPoint((ll) => { inp.lat.value = ll.lat.toFixed(5); inp.lon.value = ll.lng.toFixed(5); inp.lat.focus(); }));
  const formError = h('div', {class: 'form-error', role: 'alert', id: 'rf-error'});
  const submit = h('button', {type: 'submit', class: 'primary'}, editing ? 'Save new version' : 'Add report');
  const form = h('form', {class: 'report', id: 'report-form', novalidate: true},
    field('title', 'Title', inp.title),
    field('id', 'ID', inp.id, editing ? '(fixed)' : '(lower-case slug)'),
    field('source', 'Source', inp.source, '(reliability A–F shown)'), newSrcBox,
    field('credibility', 'Credibility of this information', inp.credibility),
    h('fieldset', null, h('legend', null, editing ? `Claim ${claimIndex + 1}` : 'Claim'),
      field('claim.what', 'What', inp.what),
      field('claim.text', 'Text', inp.text),
      h('div', {class: 'row'}, field('claim.when', 'When (UTC)', inp.from), field('claim.when.to', 'Until (optional)', inp.to)),
      field('claim.when.precision', 'Time precision', inp.tprec),
      field('claim.where.site', 'Where: site', inp.site),
      h('div', {class: 'row'}, field('claim.where.point.lat', 'or point: latitude', inp.lat), field('claim.where.point.lon', 'longitude', inp.lon)),
      pick,
      field('claim.where.precision', 'Place precision', inp.pprec),
      h('div', {class: 'row'}, field('claim.count', 'Count: min', inp.cmin), field('claim.count.max', 'max', inp.cmax), field('claim.count.unit', 'unit', inp.cunit)),
      assessBox),
    field('evidence', 'Evidence URL', inp.evidence),
    editing ? field('why', 'Reason for the edit', inp.why) : '',
    formError,
    h('div', {class: 'actions'}, submit, h('button', {type: 'button', onclick: () => panel.close()}, 'Cancel')));

  const showErrors = (fields, general) => {
    for (const el of form.querySelectorAll('.field-error')) fill(el);
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    fill(formError, general || '');
    let first = null;
    for (const [path, msg] of Object.entries(fields)) {
      const el = fieldFor(form, path, claimIndex);
      if (!el) { formError.append(h('div', null, `${path}: ${msg}`)); continue; }
      const box = el.closest('.field');
      fill(box.querySelector('.field-error'), msg);
      el.setAttribute('aria-invalid', 'true');
      first = first || el;
    }
    if (first) first.focus(); else if (general) formError.scrollIntoView({block: 'nearest'});
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      let sourceID = inp.source.value;
      if (sourceID === '__new') {
        const name = newSrc.name.value.trim();
        if (!name) { showErrors({'new_source.name': 'empty'}); return; }
        const id = newSrc.id.value.trim() || slug(name).replace(/-\d+$/, '');
        try {
          const s = await api.post('/api/sources', {id, name, kind: newSrc.kind.value, reliability: newSrc.reliability.value});
          sourceID = s.id;
        } catch (err) {
          if (err instanceof ApiError) { showErrors({'new_source.id': err.message}); return; }
          throw err;
        }
      }
      const out = editing ? structuredClone(report) : {claims: []};
      out.title = inp.title.value.trim();
      out.id = editing ? report.id : inp.id.value.trim() || slug(out.title);
      out.source_id = sourceID;
      out.credibility = Number(inp.credibility.value);
      const cl = {what: inp.what.value, text: inp.text.value.trim(), when: {from: fromInput(inp.from.value), precision: inp.tprec.value}};
      if (!cl.when.from) delete cl.when.from;
      if (inp.to.value) cl.when.to = fromInput(inp.to.value);
      const where = {precision: inp.pprec.value};
      if (inp.site.value.trim()) where.site_id = inp.site.value.trim();
      if (inp.lat.value !== '' || inp.lon.value !== '') where.point = {lat: Number(inp.lat.value), lon: Number(inp.lon.value)};
      if (where.site_id || where.point) cl.where = where;
      if (inp.cmin.value !== '' || inp.cmax.value !== '') {
        const min = Number(inp.cmin.value || inp.cmax.value), max = Number(inp.cmax.value || inp.cmin.value);
        cl.count = {min, max};
        if (inp.cunit.value.trim()) cl.count.unit = inp.cunit.value.trim();
      }
      if (cl.what === 'assessment') {
        if (inp.likelihood.value) cl.likelihood = inp.likelihood.value;
        if (inp.confidence.value) cl.confidence = inp.confidence.value;
      }
      if (editing) out.claims[claimIndex] = cl; else out.claims = [cl];
      const url = inp.evidence.value.trim();
      if (url) {
        out.evidence = out.evidence && out.evidence.length ? out.evidence : [{}];
        out.evidence[0] = {...out.evidence[0], url};
      } else if (!editing) delete out.evidence;
      if (editing) out.change = {why: inp.why.value.trim()};
      if (!sourceID) { showErrors({source: 'choose a source or create one'}); return; }
      const saved = editing ? await api.put(`/api/reports/${encodeURIComponent(report.id)}`, out) : await api.post('/api/reports', out);
      ctx.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fields();
        showErrors(f, Object.keys(f).length ? '' : err.status === 409 ? `${err.message} — reload the report and edit the latest version.` : err.message);
      } else showErrors({}, String(err));
    } finally {
      submit.disabled = false;
    }
  });
  panel.open('report', editing ? `Edit report ${report.id} (v${report.version})` : 'New report', form);
  inp.title.focus();
}

function relWord(r) {
  const i = 'ABCDEF'.indexOf(r);
  return i < 0 ? 'not graded' : RELIABILITY[i][1].slice(2);
}

/** fieldFor finds the input an API error path names ("claims[0].when.to"), for the claim being edited. */
function fieldFor(form, path, claimIndex) {
  let p = path;
  const m = /^claims\[(\d+)\](.*)$/.exec(p);
  if (m) {
    if (Number(m[1]) !== claimIndex) return null;
    p = 'claim' + m[2];
  } else if (p === 'claims') p = 'claim.text';
  p = p.replace(/^evidence\[\d+\].*$/, 'evidence').replace(/^claim\.where\.point$/, 'claim.where.point.lat').replace(/^claim\.where$/, 'claim.where.site').replace(/^claim\.where\.area$/, 'claim.where.site');
  while (p) {
    const el = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
    const i = p.lastIndexOf('.');
    if (i < 0) break;
    p = p.slice(0, i);
  }
  return null;
}
