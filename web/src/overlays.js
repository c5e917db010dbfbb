// overlays: the toggleable map layers besides the vessels — sites (from
// zoom 7), AIS events, report claims with a place, and the selected
// vessel's track.
import L from 'leaflet';
import {fmtTime} from './dom.js';
import {bboxOf} from './api.js';

/** SITE_MIN_ZOOM is the zoom from which sites are drawn (the catalogue has thousands). */
export const SITE_MIN_ZOOM = 7;

/** MAX_MARKERS caps the event and claim markers drawn (the latest are kept; the timeline lists them all). */
const MAX_MARKERS = 1500;

export class Overlays {
  constructor(map, api, {onSite, onEvent, onClaim}) {
    this.map = map;
    this.api = api;
    this.on = {onSite, onEvent, onClaim};
    this.sites = L.layerGroup();
    this.events = L.layerGroup();
    this.reports = L.layerGroup();
    this.tracks = L.layerGroup();
    // Events and claims can be thousands: one canvas for their markers.
    this.markerRenderer = L.canvas({padding: 0.2});
    this.enabled = {sites: true, events: true, reports: true, tracks: true};
    this.siteCount = 0;
    this.trackPoints = 0;
    this.trackMMSI = 0;
    this._siteReq = 0;
    for (const k of Object.keys(this.enabled)) this[k].addTo(map);
    map.on('moveend', () => this.loadSites());
  }

  /** toggle shows or hides layer name ("sites", "events", "reports", "tracks"). */
  toggle(name, on) {
    this.enabled[name] = on;
    if (on) this[name].addTo(this.map); else this.map.removeLayer(this[name]);
    if (name === 'sites' && on) this.loadSites();
  }

  async loadSites() {
    if (!this.enabled.sites) return;
    const req = ++this._siteReq;
    if (this.map.getZoom() < SITE_MIN_ZOOM) { this.sites.clearLayers(); this.siteCount = 0; return; }
    let fc;
    try { fc = await this.api.get('/api/sites.geojson', {bbox: bboxOf(this.map.getBounds())}); } catch (e) { console.warn('sitrep: sites', e); return; }
    if (req !== this._siteReq) return;
    this.sites.clearLayers();
    const layer = L.geoJSON(fc, {
      style: {color: '#6a3d9a', weight: 1.5, fillOpacity: 0.08},
      pointToLayer: (f, ll) => f.properties && f.properties.radius_m
        ? L.circle(ll, {radius: f.properties.radius_m, color: '#6a3d9a', weight: 1.5, fillOpacity: 0.08})
        : L.circleMarker(ll, {radius: 5, color: '#6a3d9a'}),
      onEachFeature: (f, l) => {
        l.bindTooltip(`${f.properties.name} (${f.properties.kind})`);
        l.on('click', (e) => { L.DomEvent.stopPropagation(e); this.on.onSite(f.properties.id); });
      },
    });
    this.sites.addLayer(layer);
    this.siteCount = fc.features ? fc.features.length : 0;
  }

  /** setTimeline draws the timeline's events and placed claims as markers (the last MAX_MARKERS). */
  setTimeline(items) {
    this.events.clearLayers();
    this.reports.clearLayers();
    for (const it of items.slice(-MAX_MARKERS)) {
      if (it.lat === undefined || it.lon === undefined || it.lat === null) continue;
      if (it.kind === 'event') {
        const m = L.circleMarker([it.lat, it.lon], {renderer: this.markerRenderer, radius: 6, color: '#0b5cad', weight: 2, fillColor: '#fff', fillOpacity: 1});
        m.bindTooltip(`${fmtTime(it.time)} ${it.summary}`);
        m.on('click', (e) => { L.DomEvent.stopPropagation(e); this.on.onEvent(it.event); });
        this.events.addLayer(m);
      } else {
        const m = L.circleMarker([it.lat, it.lon], {renderer: this.markerRenderer, radius: 7, color: '#7b2d8e', weight: 2, fillColor: '#e7d2ee', fillOpacity: 1});
        m.bindTooltip(`${it.grade} ${fmtTime(it.time)} ${it.summary}`);
        m.on('click', (e) => { L.DomEvent.stopPropagation(e); this.on.onClaim(it); });
        this.reports.addLayer(m);
      }
    }
  }

  /** showTrack draws vessel mmsi's stored track (within range {from,to}, optional). */
  async showTrack(mmsi, range = {}) {
    this.trackMMSI = mmsi;
    let tr;
    try { tr = await this.api.get(`/api/vessels/${mmsi}/track`, {format: 'json', from: range.from, to: range.to}); } catch (e) { console.warn('sitrep: track', e); return; }
    if (this.trackMMSI !== mmsi) return;
    this.tracks.clearLayers();
    const pts = (tr.items || []).map((p) => [p.lat, p.lon]);
    this.trackPoints = pts.length;
    if (!pts.length) return;
    // Split where the track crosses the antimeridian so it is not drawn round the world.
    let seg = [pts[0]];
    const segs = [seg];
    for (let i = 1; i < pts.length; i++) {
      if (Math.abs(pts[i][1] - pts[i - 1][1]) > 180) segs.push((seg = []));
      seg.push(pts[i]);
    }
    this.tracks.addLayer(L.polyline(segs, {color: '#ff6a00', weight: 2.5, opacity: 0.9, interactive: false}));
  }

  clearTrack() { this.trackMMSI = 0; this.trackPoints = 0; this.tracks.clearLayers(); }
}
