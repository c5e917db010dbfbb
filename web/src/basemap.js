// basemap: the offline Natural Earth basemap (world-atlas TopoJSON served
// under /basemap/): land on the water-coloured map background, country
// borders as thin lines from zoom 5. 110m land below zoom 5, 50m from 5.
// An online tile layer is added instead when the server's config names one.
import L from 'leaflet';
import {feature, mesh} from 'topojson-client';

const landStyle = {stroke: false, fillColor: '#f4f1e8', fillOpacity: 1, interactive: false};
const borderStyle = {color: '#9a8f7a', weight: 0.8, opacity: 0.9, fill: false, interactive: false};

/**
 * unwrap makes longitudes continuous along every ring and line (a point
 * more than 180° from the one before is moved by 360°), so that shapes
 * crossing the antimeridian (Fiji, Chukotka) are not drawn as slivers
 * round the world; a line whose middle then lies outside [-180, 180] is
 * moved back whole.
 */
export function unwrap(geom) {
  const line = (pts) => {
    let lo = pts.length ? pts[0][0] : 0, hi = lo;
    for (let i = 1; i < pts.length; i++) {
      const d = pts[i][0] - pts[i - 1][0];
      if (d > 180) pts[i][0] -= 360 * Math.round(d / 360);
      else if (d < -180) pts[i][0] += 360 * Math.round(-d / 360);
      lo = Math.min(lo, pts[i][0]);
      hi = Math.max(hi, pts[i][0]);
    }
    // Move the whole line back by 360° when its middle left [-180, 180]
    // (a ring that started on the far side of the antimeridian).
    const mid = (lo + hi) / 2, shift = mid > 180 ? -360 : mid < -180 ? 360 : 0;
    if (shift) for (const p of pts) p[0] += shift;
  };
  const walk = (c, depth) => { if (depth === 0) line(c); else for (const x of c) walk(x, depth - 1); };
  const g = geom.type === 'Feature' ? geom.geometry : geom;
  if (g.type === 'FeatureCollection' || geom.type === 'FeatureCollection') { for (const f of geom.features) unwrap(f); return geom; }
  const depth = {LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2}[g.type];
  if (depth !== undefined) walk(g.coordinates, depth);
  return geom;
}

/**
 * explode splits a MultiPolygon or MultiLineString into one feature per
 * part, so that Leaflet skips the parts outside the view (by their bounds)
 * instead of clipping every ring of one huge layer on each pan.
 */
export function explode(geom) {
  const g = geom.type === 'Feature' ? geom.geometry : geom;
  const single = {MultiPolygon: 'Polygon', MultiLineString: 'LineString'}[g.type];
  if (!single) return geom;
  return {type: 'FeatureCollection', features: g.coordinates.map((c) => ({type: 'Feature', properties: {}, geometry: {type: single, coordinates: c}}))};
}

async function topo(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`basemap ${url}: HTTP ${res.status}`);
  return res.json();
}

/**
 * addBasemap draws the offline basemap (and the optional tile layer) on map.
 * It resolves when the low-resolution land is shown; errors reject.
 */
export async function addBasemap(map, config) {
  const pane = map.createPane('basemap');
  pane.style.zIndex = 250;
  const renderer = L.canvas({pane: 'basemap', padding: 0.3});
  if (config && config.tile_url) {
    L.tileLayer(config.tile_url, {maxZoom: 18, attribution: 'Tiles: ' + new URL(config.tile_url.replace('{s}.', '')).host}).addTo(map);
  }
  const t110 = await topo('/basemap/land-110m.json');
  const low = L.geoJSON(explode(unwrap(feature(t110, t110.objects.land))), {style: landStyle, renderer, pane: 'basemap'});
  let high = null, borders = null;
  const pick = () => {
    const z = map.getZoom();
    const wantHigh = z >= 5 && high;
    if (wantHigh) { map.removeLayer(low); high.addTo(map); } else { if (high) map.removeLayer(high); low.addTo(map); }
    if (borders) { if (z >= 5) borders.addTo(map); else map.removeLayer(borders); }
  };
  pick();
  map.on('zoomend', pick);
  // The detailed land and borders load in the background.
  Promise.all([topo('/basemap/land-50m.json'), topo('/basemap/countries-50m.json')]).then(([t50, c50]) => {
    high = L.geoJSON(explode(unwrap(feature(t50, t50.objects.land))), {style: landStyle, renderer, pane: 'basemap', smoothFactor: 1.5});
    borders = L.geoJSON(explode(unwrap(mesh(c50, c50.objects.countries, (a, b) => a !== b))), {style: borderStyle, renderer, pane: 'basemap', smoothFactor: 1.5});
    pick();
  }).catch((e) => console.warn('sitrep: detailed basemap not loaded:', e));
}
