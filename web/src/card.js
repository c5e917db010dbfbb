// card: the vessel card — identity, identity changes, declared destination
// (and the port it resolves to), last position, recent events, track export
// links — and the vessel's track drawn on the map.
import {h, dl, fmtTime} from './dom.js';
import {categoryOf} from './shiptypes.js';

/**
 * showVessel fills the panel with the card of mmsi. live is the LiveVessel
 * shown on the map (for the simulated flag), or undefined.
 * ctx: {api, panel, tracks, onEvent, range}
 */
export async function showVessel(ctx, mmsi, live) {
  const {api, panel} = ctx;
  const base = `/api/vessels/${mmsi}`;
  panel.open('vessel', `Vessel ${mmsi}`, h('p', {class: 'muted'}, 'Loading…'));
  panel.el.dataset.mmsi = String(mmsi);
  let v;
  try {
    v = await api.get(base);
  } catch (e) {
    if (e.status !== 404 || !live) { panel.open('vessel', `Vessel ${mmsi}`, h('p', {class: 'form-error'}, e.message)); return; }
    v = {mmsi, name: live.name, flag: live.flag, class: live.class};
  }
  const [hist, evs] = await Promise.all([
    api.get(base + '/history').catch(() => ({items: []})),
    api.get('/api/events', {mmsi, limit: 20}).catch(() => ({items: []})),
  ]);
  const sim = live ? live.simulated : false;
  const lp = v.last_position;
  const dims = v.length || v.beam ? `${v.length || '?'} × ${v.beam || '?'} m` : '';
  const port = v.destination_port;
  const title = v.name || `MMSI ${mmsi}`;
  const exportLinks = ['geojson', 'csv', 'kml', 'gpx'].map((f) =>
    h('a', {href: `${base}/track?format=${f}`, download: `${mmsi}.${f}`}, f.toUpperCase()));
  panel.open('vessel', title,
    sim ? h('p', null, h('span', {class: 'badge sim'}, 'SIMULATED'), ' This vessel\'s positions come from simulated traffic, not real AIS.') : '',
    h('h3', null, 'Identity'),
    dl([
      ['Name', v.name || ''], ['MMSI', String(v.mmsi ?? mmsi)], ['IMO', v.imo ? String(v.imo) : ''],
      ['Call sign', v.callsign || ''], ['Flag', v.flag || ''],
      ['Type', v.ship_type ? `${categoryOf(v.ship_type)} (${v.ship_type})` : (live && live.type_name) || ''],
      ['Class', v.class || ''], ['Dimensions', dims],
      ['First seen', fmtTime(v.first_seen)], ['Last seen', fmtTime(v.last_seen)],
    ]),
    h('h3', null, 'Declared voyage'),
    v.destination || port ? dl([
      ['Destination', v.destination || ''],
      ['Resolves to', port ? `${port.name}, ${port.country}${port.locode ? ' (' + port.locode + ')' : ''}` : 'not resolved'],
      ['ETA', fmtTime(v.eta)], ['Draught', v.draught ? v.draught + ' m' : ''],
    ]) : h('p', {class: 'muted'}, 'None declared.'),
    h('h3', null, 'Last position'),
    lp ? dl([
      ['Time', fmtTime(lp.time)], ['Position', `${lp.lat.toFixed(5)}, ${lp.lon.toFixed(5)}`],
      ['Speed', lp.sog !== undefined && lp.sog < 102.3 ? lp.sog.toFixed(1) + ' kn' : ''],
      ['Course', lp.cog !== undefined && lp.cog < 360 ? lp.cog.toFixed(0) + '°' : ''],
    ]) : h('p', {class: 'muted'}, live ? `${fmtTime(live.time)} at ${live.lat.toFixed(5)}, ${live.lon.toFixed(5)}` : 'No position stored.'),
    h('h3', null, 'Identity changes'),
    hist.items && hist.items.length ? h('ul', {class: 'list'}, hist.items.map((c) =>
      h('li', null, `${fmtTime(c.first_seen)} ${c.field}: “${c.old}” → “${c.new}”`))) : h('p', {class: 'muted'}, 'None recorded.'),
    h('h3', null, 'Recent events'),
    evs.items && evs.items.length ? h('ul', {class: 'list'}, evs.items.map((e) =>
      h('li', null, h('button', {type: 'button', class: 'linklike', onclick: () => ctx.onEvent && ctx.onEvent(e)},
        h('span', {class: 'badge ev'}, e.kind), ' ', fmtTime(e.start), ' ', e.summary)))) : h('p', {class: 'muted'}, 'None.'),
    h('h3', null, 'Track'),
    h('p', null, 'Export: ', exportLinks.flatMap((a, i) => (i ? [' · ', a] : [a]))),
  );
  panel.el.dataset.mmsi = String(mmsi);
  if (ctx.tracks) ctx.tracks.show(mmsi);
}
