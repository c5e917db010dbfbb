// timeline: the fused timeline (AIS events and graded report claims, from
// /api/timeline) and the time slider. Scrubbing sets the moment the map
// shows (onTime(Date)); "Live" returns to now (onTime(null)); Play moves
// the moment forward at a chosen speed (1 h of history per second by
// default) — watching a voyage at speed.
import {h, fill, fmtTime, $} from './dom.js';

const DAY = 86400e3;
const MAX_ROWS = 2000;

export class Timeline {
  constructor(api, {onTime, onItem, onItems}) {
    this.api = api;
    this.onTime = onTime;
    this.onItem = onItem;
    this.onItems = onItems;
    this.items = [];
    this.from = null;
    this.to = null;
    this.t = null; // null: live
    this.playing = false;
    this.slider = $('tl-slider');
    this.out = $('tl-time');
    this.list = $('tl-items');
    this.playBtn = $('tl-play');
    this.slider.addEventListener('input', () => { this.stop(); this.seek(this.valueTime()); });
    this.slider.addEventListener('keydown', (e) => { if (e.key === 'End') { e.preventDefault(); this.live(); } });
    $('tl-live').addEventListener('click', () => this.live());
    this.playBtn.addEventListener('click', () => (this.playing ? this.stop() : this.play()));
    let ft = 0;
    $('tl-filter').addEventListener('input', () => { clearTimeout(ft); ft = setTimeout(() => this.render(), 150); });
    $('tl-kind').addEventListener('change', () => this.render());
    $('tl-from').addEventListener('change', () => this.setRange($('tl-from').value, $('tl-to').value));
    $('tl-to').addEventListener('change', () => this.setRange($('tl-from').value, $('tl-to').value));
  }

  /** load reads the timeline; without a range yet it reads everything and spans the slider over it. */
  async load(extraEnd) {
    const params = {};
    if (this.from) { params.from = this.from.toISOString(); params.to = this.to.toISOString(); }
    let body;
    try { body = await this.api.get('/api/timeline', params); } catch (e) {
      fill(this.list, h('li', {class: 'form-error'}, `Timeline: ${e.message}`));
      return;
    }
    this.items = body.items || [];
    if (!this.from) {
      let lo = Infinity, hi = -Infinity;
      for (const it of this.items) {
        const a = Date.parse(it.time), b = it.end && !it.end.startsWith('0001') ? Date.parse(it.end) : a;
        if (a < lo) lo = a;
        if (b > hi) hi = b;
      }
      if (extraEnd && extraEnd > hi) hi = extraEnd;
      if (!Number.isFinite(lo)) { hi = Date.now(); lo = hi - 7 * DAY; }
      this.from = new Date(Math.floor(lo / DAY) * DAY);
      this.to = new Date(Math.ceil((hi + 1) / DAY) * DAY);
      $('tl-from').value = this.from.toISOString().slice(0, 10);
      $('tl-to').value = new Date(this.to.getTime() - DAY).toISOString().slice(0, 10);
    }
    this.render();
    if (this.onItems) this.onItems(this.items);
  }

  /** setRange sets the slider's span from two YYYY-MM-DD dates (to inclusive) and reloads. */
  setRange(from, to) {
    const f = Date.parse(from + 'T00:00:00Z'), t = Date.parse(to + 'T00:00:00Z') + DAY;
    if (!(f < t)) return;
    this.from = new Date(f);
    this.to = new Date(t);
    this.load();
    if (this.t) this.seek(new Date(Math.min(Math.max(this.t.getTime(), f), t)));
  }

  valueTime() {
    const f = this.from.getTime(), span = this.to.getTime() - f;
    return new Date(f + (span * Number(this.slider.value)) / Number(this.slider.max));
  }

  /** seek shows the map at t. */
  seek(t) {
    this.t = t;
    const f = this.from.getTime(), span = this.to.getTime() - f;
    this.slider.value = String(Math.round(((t.getTime() - f) / span) * Number(this.slider.max)));
    this.out.value = fmtTime(t);
    this.slider.setAttribute('aria-valuetext', fmtTime(t));
    this.markCurrent();
    this.onTime(t);
  }

  live() {
    this.stop();
    this.t = null;
    this.slider.value = this.slider.max;
    this.out.value = 'live';
    this.slider.setAttribute('aria-valuetext', 'live');
    this.markCurrent();
    this.onTime(null);
  }

  play() {
    if (!this.from) return;
    if (!this.t || this.t >= this.to) this.seek(new Date(this.from));
    this.playing = true;
    this.playBtn.setAttribute('aria-pressed', 'true');
    this.playBtn.textContent = '❚❚ Pause';
    let last = performance.now();
    const step = (now) => {
      if (!this.playing) return;
      const speed = Number($('tl-speed').value); // seconds of history per second
      const t = new Date(this.t.getTime() + (now - last) * speed);
      last = now;
      if (t >= this.to) { this.seek(new Date(this.to)); this.stop(); return; }
      this.seek(t);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  stop() {
    this.playing = false;
    this.playBtn.setAttribute('aria-pressed', 'false');
    this.playBtn.textContent = '▶ Play';
  }

  /** shown returns the items the filter box and kind select let through. */
  shown() {
    const words = $('tl-filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    const kind = $('tl-kind').value;
    if (!words.length && !kind) return this.items;
    return this.items.filter((it) => {
      if (kind && it.kind !== kind) return false;
      const text = `${it.kind} ${it.event ? it.event.kind : ''} ${it.grade || ''} ${it.summary}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  render() {
    const items = this.shown();
    const rows = items.slice(0, MAX_ROWS).map((it) => {
      const what = it.kind === 'event' ? h('span', {class: 'badge ev', title: 'AIS event'}, it.event ? it.event.kind : 'event')
        : h('span', {class: 'badge grade', title: `Report claim, graded ${it.grade} (source reliability, information credibility)`}, it.grade || '??');
      const sim = it.simulated || (it.report && it.report.simulated) ? h('span', {class: 'badge sim', title: it.kind === 'event' ? 'This event rests on SIMULATED AIS, not real reception' : 'This report is invented scenario material'}, 'SIMULATED') : '';
      return h('li', {class: it.kind, dataset: {kind: it.kind, time: it.time}},
        h('span', {class: 'when'}, fmtTime(it.time)), h('span', {class: 'what'}, what),
        h('button', {type: 'button', onclick: () => this.onItem(it)}, it.summary, ' ', sim));
    });
    if (items.length > MAX_ROWS) rows.push(h('li', {class: 'muted'}, `… ${items.length - MAX_ROWS} more: narrow the dates or filter.`));
    if (!rows.length) rows.push(h('li', {class: 'muted'}, 'Nothing in this period.'));
    fill(this.list, rows);
    this.markCurrent();
  }

  /** markCurrent highlights the last item at or before the time shown. */
  markCurrent() {
    const prev = this.list.querySelector('li.current');
    if (prev) prev.classList.remove('current');
    if (!this.t) return;
    const t = this.t.getTime();
    let cur = null;
    for (const li of this.list.children) {
      if (li.dataset.time && Date.parse(li.dataset.time) <= t) cur = li; else if (li.dataset.time) break;
    }
    if (cur) {
      cur.classList.add('current');
      if (this.playing) cur.scrollIntoView({block: 'nearest'});
    }
  }
}
