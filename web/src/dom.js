// dom: tiny helpers to build elements without innerHTML (every text is a
// text node, so API strings can never inject markup).

/**
 * h creates an element: h('a', {href: '/x', class: 'y', onclick: f}, 'text', child).
 * Attributes whose value is null, undefined or false are skipped; keys
 * starting with "on" add event listeners.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** clear removes every child of el and appends the given children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** $ returns the element with the given id (throws when missing: a build bug). */
export function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`element #${id} missing from index.html`);
  return el;
}

/** fmtTime formats an RFC 3339 time (or Date) as "2025-01-28 14:05Z". */
export function fmtTime(t) {
  if (!t) return '';
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1) return '';
  return d.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

/** dl builds a definition list from [label, value] pairs, skipping empty values. */
export function dl(pairs) {
  const out = h('dl', {class: 'kv'});
  for (const [k, v] of pairs) {
    if (v === '' || v === null || v === undefined) continue;
    out.append(h('dt', null, k), h('dd', null, v));
  }
  return out;
}
