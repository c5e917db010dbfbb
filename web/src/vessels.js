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
// Course is drawn in ROTATIONS steps; sprite index ROTATIONS is the circle
// for vessels that report no course.
const ROTATIONS = 36;

// Colours as little-endian RGBA words for the pixel buffer.
const rgba = (hex) => {
  const n = parseInt(hex.slice(1), 16);
  return (0xff << 24) | ((n & 0xff) << 16) | (n & 0xff00) | (n >> 16);
};
const RGBA = Uint32Array.from(COLORS, rgba);
const WHITE = rgba('#ffffff');

// sprites returns, for one marker size and pixel ratio, the pixel offsets
// of each rotated triangle (and the circle): fill (every pixel) and edge
// (pixels beside the outside, for hollow markers). Rasterized once with a
// canvas and cached.
const spriteCache = new Map();
function sprites(size, dpr) {
  const key = size + '@' + dpr;
  let sp = spriteCache.get(key);
  if (sp) return sp;
  const r = [3.5, 5, 7][size] * dpr;
  const n = Math.ceil(r * 1.6) + 2, d = 2 * n + 1;
  const cv = document.createElement('canvas');
  cv.width = cv.height = d;
  const g = cv.getContext('2d', {willReadFrequently: true});
  sp = {fill: [], edge: [], n, W: 0, lfill: null, ledge: null};
  for (let k = 0; k <= ROTATIONS; k++) {
    g.clearRect(0, 0, d, d);
    g.beginPath();
    if (k === ROTATIONS) {
      g.arc(n + 0.5, n + 0.5, r * 0.8, 0, 2 * Math.PI);
    } else {
      const a = (k * 2 * Math.PI) / ROTATIONS, sa = Math.sin(a), ca = Math.cos(a), x = n + 0.5, y = n + 0.5;
      // A triangle pointing along the course (north up, clockwise).
      g.moveTo(x + sa * r * 1.4, y - ca * r * 1.4);
      g.lineTo(x - sa * r * 0.8 + ca * r * 0.75, y + ca * r * 0.8 + sa * r * 0.75);
      g.lineTo(x - sa * r * 0.8 - ca * r * 0.75, y + ca * r * 0.8 - sa * r * 0.75);
      g.closePath();
    }
    g.fillStyle = '#fff';
    g.fill();
    const a = g.getImageData(0, 0, d, d).data;
    const on = (i, j) => i >= 0 && j >= 0 && i < d && j < d && a[(j * d + i) * 4 + 3] >= 100;
    const fill = [], edge = [];
    const w = Math.max(1, Math.round(dpr * 1.5));
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < d; i++) {
        if (!on(i, j)) continue;
        fill.push(i - n, j - n);
        let border = false;
        for (let t = 1; t <= w && !border; t++) border = !on(i - t, j) || !on(i + t, j) || !on(i, j - t) || !on(i, j + t);
        if (border) edge.push(i - n, j - n);
      }
    }
    sp.fill.push(Int16Array.from(fill));
    sp.edge.push(Int16Array.from(edge));
  }
  spriteCache.set(key, sp);
  return sp;
}

// stamp writes colour at (cx, cy) + each offset of the sprite. A sprite
// wholly inside the W×H buffer is written through its precomputed linear
// offsets (lin, for this W) without bounds checks; one at the edge is
// clipped pixel by pixel.
function stamp(px, W, H, cx, cy, offs, lin, n, color) {
  if (cx >= n && cy >= n && cx < W - n && cy < H - n) {
    const base = cy * W + cx;
    for (let j = 0; j < lin.length; j++) px[base + lin[j]] = color;
    return;
  }
  for (let j = 0; j < offs.length; j += 2) {
    const x = cx + offs[j], y = cy + offs[j + 1];
    if (x >= 0 && y >= 0 && x < W && y < H) px[y * W + x] = color;
  }
}

// linear returns the sprite set's offsets as indexes into a buffer W wide.
function linear(sp, W) {
  if (sp.W !== W) {
    const conv = (o) => { const l = new Int32Array(o.length / 2); for (let j = 0; j < l.length; j++) l[j] = o[2 * j + 1] * W + o[2 * j]; return l; };
    sp.lfill = sp.fill.map(conv);
    sp.ledge = sp.edge.map(conv);
    sp.W = W;
  }
  return sp;
}

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
    const map = this._map, s = this.store, ctx = this._ctx, c = this._canvas;
    const W = c.width, H = c.height;
    if (!W || !H) return;
    const dpr = W / map.getSize().x;
    if (!this._img || this._img.width !== W || this._img.height !== H) {
      this._img = ctx.createImageData(W, H);
      this._px = new Uint32Array(this._img.data.buffer);
    }
    const px = this._px;
    px.fill(0);
    const zoom = map.getZoom();
    const size = zoom >= 9 ? 2 : zoom >= 6 ? 1 : 0;
    const sp = linear(sprites(size, dpr), W);
    const sn = sp.n;
    const scale = 256 * Math.pow(2, zoom);
    const origin = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin());
    const ox = origin.x, oy = origin.y;
    const wCss = W / dpr, hCss = H / dpr, m = 10;
    const mx = s.mx, my = s.my, course = s.course, cat = s.cat, sim = s.sim;
    let visible = 0;
    for (let i = 0; i < s.n; i++) {
      let x = mx[i] * scale - ox;
      // The copy of the world nearest the view.
      if (x < -m) x += scale * Math.ceil((-m - x) / scale);
      else if (x > wCss + m) x -= scale * Math.ceil((x - wCss - m) / scale);
      const y = my[i] * scale - oy;
      if (x < -m || x > wCss + m || y < -m || y > hCss + m) continue;
      visible++;
      const crs = course[i];
      const k = crs === NO_COURSE ? ROTATIONS : Math.round((crs / 360) * ROTATIONS) % ROTATIONS;
      const cx = Math.round(x * dpr), cy = Math.round(y * dpr);
      const color = RGBA[cat[i]];
      if (sim[i]) {
        stamp(px, W, H, cx, cy, sp.fill[k], sp.lfill[k], sn, WHITE);
        stamp(px, W, H, cx, cy, sp.edge[k], sp.ledge[k], sn, color);
      } else {
        stamp(px, W, H, cx, cy, sp.fill[k], sp.lfill[k], sn, color);
      }
    }
    ctx.putImageData(this._img, 0, 0);
    this.visible = visible;
    const sel = this.selected ? s.byMMSI.get(this.selected) : undefined;
    if (sel !== undefined) {
      let x = mx[sel] * scale - ox;
      x -= scale * Math.round((x - wCss / 2) / scale);
      const y = my[sel] * scale - oy;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.beginPath();
      ctx.arc(x, y, 12, 0, 2 * Math.PI);
      ctx.strokeStyle = '#ffdd00';
      ctx.lineWidth = 3;
      ctx.stroke();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
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
