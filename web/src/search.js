// search: one box for vessels (name, MMSI, IMO, call sign) and sites (by
// name); choosing a result flies the map to it. Arrow keys move through
// the results, Enter chooses, Esc closes; "/" focuses the box.
import {h, fill, $} from './dom.js';

export class Search {
  constructor(api, onPick) {
    this.api = api;
    this.onPick = onPick;
    this.input = $('search-q');
    this.list = $('search-results');
    this.results = [];
    this.active = -1;
    this.seq = 0;
    let timer = 0;
    this.input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => this.run(), 200); });
    this.input.addEventListener('keydown', (e) => this.key(e));
    $('search').addEventListener('submit', (e) => { e.preventDefault(); this.choose(this.active >= 0 ? this.active : 0); });
    this.input.setAttribute('role', 'combobox');
    this.input.setAttribute('aria-expanded', 'false');
    this.input.setAttribute('aria-autocomplete', 'list');
  }

  async run() {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) { this.close(); return; }
    const [vs, ss] = await Promise.all([
      this.api.get('/api/vessels', {q, limit: 8}).catch(() => ({items: []})),
      this.api.get('/api/sites', {q, limit: 8}).catch(() => ({items: []})),
    ]);
    if (seq !== this.seq) return;
    this.results = [
      ...(vs.items || []).map((v) => ({kind: 'vessel', label: `${v.name || '(no name)'} · MMSI ${v.mmsi}${v.imo ? ' · IMO ' + v.imo : ''}${v.callsign ? ' · ' + v.callsign : ''}`, v})),
      ...(ss.items || []).map((s) => ({kind: 'site', label: `${s.name} · ${s.kind}${s.country ? ' · ' + s.country : ''}`, s})),
    ];
    this.active = this.results.length ? 0 : -1;
    this.render();
  }

  render() {
    if (!this.results.length) {
      fill(this.list, h('li', {class: 'muted', role: 'option', 'aria-disabled': 'true'}, 'No match.'));
    } else {
      fill(this.list, this.results.map((r, i) => h('li', {role: 'option', id: `sr-${i}`, 'aria-selected': String(i === this.active),
        onmousedown: (e) => { e.preventDefault(); this.choose(i); }}, r.label, h('span', {class: 'kind'}, r.kind))));
    }
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `sr-${this.active}`);
  }

  key(e) {
    if (e.key === 'Escape') { this.close(); e.stopPropagation(); return; }
    if (this.list.hidden || !this.results.length) return;
    if (e.key === 'ArrowDown') { this.active = (this.active + 1) % this.results.length; this.render(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { this.active = (this.active - 1 + this.results.length) % this.results.length; this.render(); e.preventDefault(); }
  }

  choose(i) {
    const r = this.results[i];
    if (!r) return;
    this.close();
    this.onPick(r);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
