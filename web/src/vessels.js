// vessels: the live vessels on one canvas (not one DOM marker per vessel).
// Vessels live in flat typed arrays, with their Web Mercator coordinates
// precomputed, so a redraw allocates nothing per vessel: it culls to the
// viewport, buckets visible vessels by colour, and fills one path per
// colour. The canvas follows the map pane while panning and is scaled with
// a CSS transform during zoom animations (as Leaflet's own renderers do),
// so it is redrawn only when the view settles or data changes.
import L from 'leaflet';
import {COLORS, categoryIndex} from './shiptypes.js';

const NO_COURSE = 360;

/** VesselStore holds the latest state of every vessel shown. */
export class VesselStore {
  constructor(capacity = 1024) {
    this.n = 0;
    this.byMMSI = new Map();
    this.alloc(capacity);
  }

  alloc(cap) {
    const grow = (Old, a) => { const b = new Old.constructor(cap); if (a) b.set(a.subarray(0, this.n)); return b; };
    this.mmsi = grow(new Uint32Array(0), this.mmsi);
    this.mx = grow(new Float64Array(0), this.mx); // Web Mercator x in [0,1)
    this.my = grow(new Float64Array(0), this.my);
    this.lat = grow(new Float64Array(0), this.lat);
    this.lon = grow(new Float64Array(0), this.lon);
    this.course = grow(new Float32Array(0), this.course); // degrees, NO_COURSE when unknown
    this.cat = grow(new Uint8Array(0), this.cat);
    this.sim = grow(new Uint8Array(0), this.sim);
    this.time = grow(new Float64Array(0), this.time);
    this.info = this.info ? this.info.slice(0, this.n) : [];
    this.cap = cap;
  }

  clear() { this.n = 0; this.byMMSI.clear(); this.info.length = 0; }

  /** replace sets the store to exactly the given LiveVessels. */
  replace(items) {
    this.clear();
    for (const v of items) this.upsert(v);
  }

  /** upsert adds or updates one LiveVessel; returns its index. */
  upsert(v) {
    let i = this.byMMSI.get(v.mmsi);
    if (i === undefined) {
      if (this.n === this.cap) this.alloc(this.cap * 2);
      i = this.n++;
      this.byMMSI.set(v.mmsi, i);
      this.mmsi[i] = v.mmsi;
    } else if (Date.parse(v.time) < this.time[i]) {
      return i; // an older fix than the one shown
    }
    const lat = Math.max(-85.05, Math.min(85.05, v.lat));
    this.lat[i] = v.lat;
    this.lon[i] = v.lon;
    this.mx[i] = (v.lon + 180) / 360;
    const s = Math.sin((lat * Math.PI) / 180);
    this.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    const hd = v.heading !== undefined && v.heading < 360 ? v.heading : null;
    const cog = v.cog !== undefined && v.cog < 360 ? v.cog : null;
    this.course[i] = hd ?? cog ?? NO_COURSE;
    this.cat[i] = categoryIndex(v.type_name);
    this.sim[i] = v.simulated ? 1 : 0;
    this.time[i] = Date.parse(v.time);
    this.info[i] = v;
    return i;
  }

  /** get returns the LiveVessel last stored for mmsi, or undefined. */
  get(mmsi) {
    const i = this.byMMSI.get(mmsi);
    return i === undefined ? undefined : this.info[i];
  }

  simulatedCount() {
    let k = 0;
    for (let i = 0; i < this.n; i++) k += this.sim[i];
    return k;
  }
}

/** VesselLayer draws a VesselStore on a canvas and answers clicks. */
export const VesselLayer = L.Layer.extend({
  initialize(store, onClick) {
    this.store = store;
    this.onClick = onClick;
    this.selected = 0;
    this.buckets = COLORS.map(() => new Int32Array(1024));
    this.counts = new Int32Array(COLORS.length);
    this.lastDrawMs = 0;
    this.visible = 0;
    this._pending = 0;
  },

  onAdd(map) {
    this._map = map;
    const c = (this._canvas = L.DomUtil.create('canvas', 'vessel-canvas leaflet-zoom-animated'));
    this._ctx = c.getContext('2d');
    map.getPane('overlayPane').appendChild(c);
    map.on('moveend zoomend resize viewreset', this._reset, this);
    map.on('zoomanim', this._animateZoom, this);
    map.on('click', this._click, this);
    this._reset();
  },

  onRemove(map) {
    map.off('moveend zoomend resize viewreset', this._reset, this);
    map.off('zoomanim', this._animateZoom, this);
    map.off('click', this._click, this);
    L.DomUtil.remove(this._canvas);
  },

  /** redraw schedules one draw on the next animation frame. */
  redraw() {
    if (!this._map || this._pending) return;
    this._pending = requestAnimationFrame(() => { this._pending = 0; this._draw(); });
  },

  setSelected(mmsi) { this.selected = mmsi || 0; this.redraw(); },

  _reset() {
    const map = this._map, size = map.getSize();
    const dpr = window.devicePixelRatio || 1;
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(this._canvas, topLeft);
    const c = this._canvas;
    if (c.width !== Math.round(size.x * dpr) || c.height !== Math.round(size.y * dpr)) {
      c.width = Math.round(size.x * dpr);
      c.height = Math.round(size.y * dpr);
      c.style.width = size.x + 'px';
      c.style.height = size.y + 'px';
    }
    this._center = map.getCenter();
    this._zoom = map.getZoom();
    this._draw();
  },

  _animateZoom(e) {
    const map = this._map;
    const scale = map.getZoomScale(e.zoom, this._zoom);
    const offset = map._latLngToNewLayerPoint(map.containerPointToLatLng([0, 0]), e.zoom, e.center);
    L.DomUtil.setTransform(this._canvas, offset, scale);
  },

  _draw() {
    const t0 = performance.now();
    const map = this._map, s = this.store, ctx = this._ctx;
    const size = map.getSize();
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this._canvas.width, this._canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const zoom = map.getZoom();
    const scale = 256 * Math.pow(2, zoom);
    const origin = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin());
    const ox = origin.x, oy = origin.y, w = size.x, hgt = size.y;
    // Bucket visible vessels by colour.
    const counts = this.counts;
    counts.fill(0);
    const mx = s.mx, my = s.my;
    let visible = 0;
    for (let i = 0; i < s.n; i++) {
      let x = mx[i] * scale - ox;
      // Show the copy of the world nearest the view.
      if (x < -8) x += scale * Math.ceil((-8 - x) / scale);
      else if (x > w + 8) x -= scale * Math.ceil((x - w - 8) / scale);
      const y = my[i] * scale - oy;
      if (x < -8 || x > w + 8 || y < -8 || y > hgt + 8) continue;
      const c = s.cat[i];
      let b = this.buckets[c];
      if (counts[c] === b.length) {
        const nb = new Int32Array(b.length * 2);
        nb.set(b);
        b = this.buckets[c] = nb;
      }
      b[counts[c]++] = i;
      visible++;
    }
    this.visible = visible;
    const r = zoom >= 9 ? 7 : zoom >= 6 ? 6 : 4.5;
    ctx.lineWidth = 1.5;
    for (let c = 0; c < COLORS.length; c++) {
      const k = counts[c];
      if (!k) continue;
      const b = this.buckets[c];
      // Real vessels filled, simulated ones hollow (outlined): two paths.
      for (let pass = 0; pass < 2; pass++) {
        ctx.beginPath();
        let any = false;
        for (let j = 0; j < k; j++) {
          const i = b[j];
          if (s.sim[i] !== pass) continue;
          any = true;
          let x = mx[i] * scale - ox;
          if (x < -8) x += scale * Math.ceil((-8 - x) / scale);
          else if (x > w + 8) x -= scale * Math.ceil((x - w - 8) / scale);
          const y = my[i] * scale - oy;
          const crs = s.course[i];
          if (crs === NO_COURSE) {
            ctx.moveTo(x + r * 0.8, y);
            ctx.arc(x, y, r * 0.8, 0, 2 * Math.PI);
          } else {
            const a = (crs * Math.PI) / 180, sa = Math.sin(a), ca = Math.cos(a);
            // A triangle pointing along the course (north up, clockwise).
            ctx.moveTo(x + sa * r * 1.4, y - ca * r * 1.4);
            ctx.lineTo(x - sa * r * 0.8 + ca * r * 0.75, y + ca * r * 0.8 + sa * r * 0.75);
            ctx.lineTo(x - sa * r * 0.8 - ca * r * 0.75, y + ca * r * 0.8 - sa * r * 0.75);
            ctx.closePath();
          }
        }
        if (!any) continue;
        if (pass === 0) {
          ctx.fillStyle = COLORS[c];
          ctx.fill();
        } else {
          ctx.fillStyle = 'rgba(255,255,255,0.85)';
          ctx.fill();
          ctx.strokeStyle = COLORS[c];
          ctx.stroke();
        }
      }
    }
    const sel = this.selected ? s.byMMSI.get(this.selected) : undefined;
    if (sel !== undefined) {
      const x = mx[sel] * scale - ox, y = my[sel] * scale - oy;
      ctx.beginPath();
      ctx.arc(x, y, r + 6, 0, 2 * Math.PI);
      ctx.strokeStyle = '#ffdd00';
      ctx.lineWidth = 3;
      ctx.stroke();
    }
    this.lastDrawMs = performance.now() - t0;
  },

  /** containerPointOf returns where vessel mmsi is drawn, or null (a test hook). */
  containerPointOf(mmsi) {
    const i = this.store.byMMSI.get(mmsi);
    if (i === undefined) return null;
    const p = this._map.latLngToContainerPoint([this.store.lat[i], this.store.lon[i]]);
    return {x: p.x, y: p.y};
  },

  /** hit returns the MMSI of the vessel drawn nearest container point p (within 10 px), or 0. */
  hit(p) {
    const map = this._map, s = this.store;
    const scale = 256 * Math.pow(2, map.getZoom());
    const origin = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin());
    let best = 0, bestD = 100;
    for (let i = 0; i < s.n; i++) {
      let dx = s.mx[i] * scale - origin.x - p.x;
      dx -= scale * Math.round(dx / scale);
      const dy = s.my[i] * scale - origin.y - p.y;
      const d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = s.mmsi[i]; }
    }
    return best;
  },

  _click(e) {
    const m = this.hit(e.containerPoint);
    if (m && this.onClick) this.onClick(m);
  },
});
