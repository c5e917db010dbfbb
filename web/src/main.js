// main: wires the map, the live vessels, the stream, the timeline, search,
// login and the panels together. window.__sitrep exposes the state the
// browser tests read (vessel counts and positions, mode, loads).
import L from 'leaflet';
import {Api, bboxOf} from './api.js';
import {$} from './dom.js';
import {addBasemap} from './basemap.js';
import {VesselStore, VesselLayer} from './vessels.js';
import {Stream} from './stream.js';
import {Panel} from './panel.js';
import {renderLegend, renderStatus} from './legend.js';
import {Overlays} from './overlays.js';
import {showVessel} from './card.js';
import {showSite} from './site.js';
import {showEvent, showReport} from './details.js';
import {Timeline} from './timeline.js';
import {Search} from './search.js';
import {Auth} from './auth.js';
import {showReportForm} from './reportform.js';

const LIVE_LIMIT = 50000;
const DEMO_SITE = 'tartus-naval-base';

async function start() {
  const api = new Api();
  const config = await api.get('/api/config').catch(() => ({}));
  const map = L.map('map', {worldCopyJump: true, zoomControl: true, keyboard: true, attributionControl: !!config.tile_url, minZoom: 2, maxZoom: 16});
  map.setView(viewFromHash() || [35, 28], viewFromHash() ? Number(location.hash.split('/')[0].slice(1)) : 5);
  const store = new VesselStore();
  const panel = new Panel();
  const hook = (window.__sitrep = {map, store, api, mode: 'live', liveLoads: 0, timelineLoads: 0, snapshotLoads: 0, snapshotT: null, streamed: 0,
    count: () => store.n,
    positions: () => Array.from({length: store.n}, (_, i) => ({mmsi: store.mmsi[i], lat: store.lat[i], lon: store.lon[i], time: store.info[i].time})),
  });
  let picking = null;

  const openVessel = (mmsi) => {
    layer.setSelected(mmsi);
    showVessel({api, panel, tracks: {show: (m) => overlays.enabled.tracks && overlays.showTrack(m)}, onEvent: openEvent}, mmsi, store.get(mmsi));
    panel.onClose = () => { layer.setSelected(0); overlays.clearTrack(); };
  };
  const openSite = (id) => showSite({api, panel, onVessel: openVessel, onEvent: openEvent, flyToSite,
    range: () => (timeline.from ? {from: timeline.from.toISOString(), to: timeline.to.toISOString()} : undefined)}, id);
  const openEvent = (e) => {
    map.panTo([e.lat, e.lon]);
    showEvent({panel, onVessel: openVessel, onSite: openSite}, e);
  };
  const openReport = (r, claim, grade) => showReport({panel, canEdit: () => auth.can('analyst'), onEdit: (rep, i) => openForm(rep, i), onSite: openSite}, r, claim, grade);
  const flyToSite = (s) => {
    const c = s.shape && (s.shape.center || (s.shape.rings && s.shape.rings[0] && s.shape.rings[0][0]) || (s.shape.line && s.shape.line[0]));
    if (c && (c.lat || c.lon)) map.flyTo([c.lat, c.lon], Math.max(map.getZoom(), 11));
  };
  const openForm = (rep, i, preset) => showReportForm({api, panel, map, onSaved: async (saved) => {
    await timeline.load();
    openReport(saved, i || 0);
    hook.lastSaved = saved.id;
  }, pickPoint: (cb) => {
    picking = cb;
    $('map').classList.add('picking');
    $('map').focus();
  }}, rep, i, preset);

  const layer = new VesselLayer(store, (mmsi) => { if (!picking) openVessel(mmsi); });
  layer.addTo(map);
  hook.layer = layer;
  map.on('click', (e) => {
    if (!picking) return;
    const cb = picking;
    picking = null;
    $('map').classList.remove('picking');
    cb(e.latlng);
  });

  const overlays = new Overlays(map, api, {onSite: openSite, onEvent: openEvent, onClaim: (it) => openReport(it.report, it.claim, it.grade)});
  hook.overlays = overlays;
  for (const name of ['sites', 'events', 'reports', 'tracks']) {
    $('layer-' + name).addEventListener('change', (e) => {
      overlays.toggle(name, e.target.checked);
      if (name === 'tracks' && e.target.checked && layer.selected) overlays.showTrack(layer.selected);
    });
  }

  let lastLive = {total: 0, truncated: false};
  const status = () => renderStatus({shown: store.n, total: lastLive.total, truncated: lastLive.truncated, simulated: store.simulatedCount(),
    mode: hook.mode, time: hook.snapshotT ? hook.snapshotT.toISOString().slice(0, 16).replace('T', ' ') + 'Z' : ''});

  // The live view: what is in the box now, then the stream's updates.
  const stream = new Stream({
    onPosition: (v) => {
      if (hook.mode !== 'live') return;
      hook.streamed++;
      store.upsert(v);
      layer.redraw();
      scheduleStatus();
    },
    onEvent: (e) => {
      // Reload the timeline (at most every 30 s) for events in its period.
      const t = Date.parse(e.start);
      if (hook.mode === 'live' && timeline.from && t >= timeline.from.getTime() && t < timeline.to.getTime()) scheduleTimeline();
    },
  });
  // Dropped for falling behind: reopen the stream after a pause, and reload
  // the box (to catch up on what was missed) at most once a minute, so that
  // a flood of positions does not turn into a flood of reloads.
  let lastCatchUp = 0;
  stream.onDropped = () => setTimeout(() => {
    if (hook.mode !== 'live' || stream.es) return;
    if (Date.now() - lastCatchUp > 60_000) { lastCatchUp = Date.now(); loadLive(); } else stream.open(world ? '' : bboxOf(loaded || map.getBounds()));
  }, 2000);
  hook.stream = stream;
  let statusTimer = 0, timelineTimer = 0;
  const scheduleStatus = () => { if (!statusTimer) statusTimer = setTimeout(() => { statusTimer = 0; status(); }, 500); };
  const scheduleTimeline = () => { if (!timelineTimer) timelineTimer = setTimeout(() => { timelineTimer = 0; hook.timelineLoads++; timeline.load(); }, 30_000); };

  // The first load asks for the whole world: when that is not truncated
  // (up to LIVE_LIMIT vessels) the stream keeps it all up to date and no
  // pan or zoom reloads. Otherwise the box loaded is the view padded by
  // half its size, so small pans and zooming in need no reload.
  let liveSeq = 0, loaded = null, world = true;
  const WORLD = L.latLngBounds([-90, -1e9], [90, 1e9]);
  const covered = () => loaded && !lastLive.truncated && loaded.contains(map.getBounds());
  async function loadLive() {
    const seq = ++liveSeq;
    const want = world ? WORLD : map.getBounds().pad(0.5);
    const bbox = world ? '' : bboxOf(want);
    const body = await api.get('/api/live', {bbox, limit: LIVE_LIMIT}).catch((e) => { console.warn('sitrep: live', e); return null; });
    if (!body || seq !== liveSeq || hook.mode !== 'live') return body;
    if (world && body.truncated) { world = false; return loadLive(); }
    store.replace(body.items || []);
    lastLive = body;
    loaded = want;
    hook.liveLoads++;
    layer.redraw();
    status();
    stream.open(bbox);
    return body;
  }

  // The map at a past moment; one request in flight, the latest moment wins.
  let snapBusy = false, snapNext = null;
  async function loadSnapshot(t) {
    if (snapBusy) { snapNext = t; return; }
    snapBusy = true;
    try {
      const body = await api.get('/api/snapshot', {t: t.toISOString(), bbox: bboxOf(map.getBounds()), limit: LIVE_LIMIT}).catch((e) => { console.warn('sitrep: snapshot', e); return null; });
      if (body && hook.mode === 'snapshot') {
        store.replace(body.items || []);
        lastLive = body;
        hook.snapshotLoads++;
        hook.shownT = t;
        layer.redraw();
        status();
      }
    } finally {
      snapBusy = false;
    }
    if (snapNext && hook.mode === 'snapshot') { const n = snapNext; snapNext = null; loadSnapshot(n); }
  }

  const timeline = new Timeline(api, {
    onTime: (t) => {
      hook.snapshotT = t;
      if (t) {
        if (hook.mode === 'live') { hook.mode = 'snapshot'; stream.close(); loaded = null; }
        loadSnapshot(t);
      } else {
        hook.mode = 'live';
        snapNext = null;
        loaded = null;
        loadLive();
      }
    },
    onItem: (it) => {
      if (it.kind === 'event' && it.event) openEvent(it.event);
      else if (it.report) { if (it.lat !== undefined && it.lat !== null) map.panTo([it.lat, it.lon]); openReport(it.report, it.claim, it.grade); }
    },
    onItems: (items) => overlays.setTimeline(items),
  });
  hook.timeline = timeline;

  const auth = new Auth(api, (a) => {
    $('tl-new-report').hidden = !a.can('analyst');
    hook.role = a.role;
    hook.user = a.user;
    if (panel.kind === 'report' && !a.can('analyst') && $('panel').querySelector('form.report')) panel.close();
  });
  hook.auth = auth;
  $('tl-new-report').addEventListener('click', () => openForm(null, 0, {from: hook.snapshotT ? hook.snapshotT.toISOString().slice(0, 16) : ''}));

  new Search(api, (r) => {
    if (r.kind === 'vessel') {
      const p = r.v.last_position;
      if (p) map.flyTo([p.lat, p.lon], Math.max(map.getZoom(), 10));
      openVessel(r.v.mmsi);
    } else {
      flyToSite(r.s);
      openSite(r.s.id);
    }
  });

  renderLegend();
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
    if (e.key === 'Escape') {
      if (picking) { picking = null; $('map').classList.remove('picking'); return; }
      panel.close();
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') { e.preventDefault(); $('search-q').focus(); }
    else if (e.key === 'l') timeline.live();
    else if (e.key === 'p') (timeline.playing ? timeline.stop() : timeline.play());
    else if (e.key === 't') $('tl-slider').focus();
    else if (e.key === 'f') { e.preventDefault(); $('tl-filter').focus(); }
    else if (e.key === 'n' && auth.can('analyst')) $('tl-new-report').click();
  });

  let moveTimer = 0;
  map.on('moveend', () => {
    const c = map.getCenter();
    history.replaceState(null, '', `#${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`);
    clearTimeout(moveTimer);
    if (hook.mode === 'live' && covered()) return;
    moveTimer = setTimeout(() => (hook.mode === 'live' ? loadLive() : loadSnapshot(hook.snapshotT)), 250);
  });

  // The front-page link to the Tartus situation report, when the site exists.
  api.get(`/api/sites/${DEMO_SITE}`).then((s) => {
    const a = $('front-brief');
    a.href = `/api/brief?site=${DEMO_SITE}&format=html`;
    a.textContent = `${s.name} situation report`;
    a.hidden = false;
    const md = $('front-brief-md');
    md.href = `/api/brief?site=${DEMO_SITE}&format=md`;
    md.hidden = false;
  }).catch(() => {});

  await auth.load();
  addBasemap(map, config).catch((e) => console.warn('sitrep: basemap', e));
  await loadLive();
  if (!viewFromHash() && store.n) {
    // Frame the live vessels when none is in the default view.
    const inView = map.getBounds();
    let any = false;
    for (let i = 0; i < store.n && !any; i++) any = inView.contains([store.lat[i], store.lon[i]]);
    if (!any) {
      const b = L.latLngBounds([]);
      for (let i = 0; i < Math.min(store.n, 5000); i++) b.extend([store.lat[i], store.lon[i]]);
      map.fitBounds(b.pad(0.2), {maxZoom: 10, animate: false});
      if (!world) await loadLive();
    }
  }
  let latest = 0;
  for (let i = 0; i < store.n; i++) latest = Math.max(latest, store.time[i]);
  await timeline.load(latest || undefined);
  hook.ready = true;
  document.body.dataset.ready = 'true';
}

function viewFromHash() {
  const m = /^#(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(location.hash);
  return m ? [Number(m[2]), Number(m[3])] : null;
}

start().catch((e) => {
  console.error('sitrep: start failed', e);
  $('status').textContent = `The UI failed to start: ${e.message}`;
});
