// perf: pan/zoom frame times of the map with 50,000 live vessels in
// headless chromium (make bench-ui; not part of make test). The vessels
// are SIMULATED: `sitrep simulate --vessels N --duration 10m` fed live to a
// real `sitrep serve` at speed. The map is panned and zoomed
// programmatically while requestAnimationFrame records frame intervals;
// the canvas layer's own redraw times are reported beside them.
//
//   node test/perf.mjs [--vessels 50000] [--duration 10m] [--speed 60] [--keep]
//
// SITREP_PERF_CAPTURE=FILE reuses a capture made earlier with
// `sitrep simulate --vessels 50000 --duration 10m --seed 1 --out FILE`.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {sitrep, tempDir, startServe, launch, openUI, cleanup} from './harness.mjs';

const {values: opt} = parseArgs({options: {
  vessels: {type: 'string', default: '50000'},
  duration: {type: 'string', default: '10m'},
  speed: {type: 'string', default: '100'},
  keep: {type: 'boolean', default: false},
}});
const N = Number(opt.vessels);

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {frames: s.length, p50: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1)};
}

const data = tempDir('sitrep-perf-');
let server = null, browser = null;
try {
  const cache = process.env.SITREP_PERF_CAPTURE || join(data, 'sim.nmea');
  if (!existsSync(cache)) {
    console.error(`perf: simulating ${N} vessels for ${opt.duration} (SIMULATED traffic) into ${cache}`);
    sitrep(['simulate', '--vessels', String(N), '--duration', opt.duration, '--seed', '1', '--out', cache]);
  }
  server = await startServe(data, ['--feed', `file:${cache}?speed=${opt.speed}`]);
  const url = server.url;
  browser = await launch();
  // Wait until the live state holds (nearly) every vessel.
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const r = await (await fetch(`${url}/api/live?limit=1`)).json();
    if (r.total >= N * 0.98) break;
    if (Date.now() > deadline) throw new Error(`only ${r.total} live vessels after 15 min`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  // And until the feed has ended, so that the figures are about panning and
  // zooming, not about a flood of stream messages.
  for (;;) {
    const fs = await (await fetch(`${url}/api/feeds`)).json();
    const items = fs.items || fs;
    if (items.every((f) => f.state === 'done')) break;
    if (Date.now() > deadline) throw new Error('the feed did not end within 15 min');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const page = await openUI(browser, url, '#4/48/10');
  await page.waitForFunction((n) => window.__sitrep.count() >= n, N * 0.5, {timeout: 120_000});
  const result = await page.evaluate(async () => {
    const s = window.__sitrep, map = s.map;
    const frames = [], draws = [];
    let last = performance.now(), run = true, most = 0, mostVisible = 0;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      if (s.layer.lastDrawMs) { draws.push(s.layer.lastDrawMs); s.layer.lastDrawMs = 0; }
      most = Math.max(most, s.count());
      mostVisible = Math.max(mostVisible, s.layer.visible);
      if (run) requestAnimationFrame(tick);
    };
    const idle = () => new Promise((r) => setTimeout(r, 400));
    const moveend = () => new Promise((r) => map.once('moveend', r));
    requestAnimationFrame(tick);
    const loads0 = s.liveLoads, tl0 = s.timelineLoads;
    const t0 = performance.now();
    // Pans: 24 animated pans of 300 px in alternating directions.
    for (let i = 0; i < 24; i++) {
      const d = [[300, 0], [0, 200], [-300, 0], [0, -200]][i % 4];
      const e = moveend();
      map.panBy(d, {animate: true, duration: 0.5});
      await e;
    }
    // Zooms: in and out through 3..8, animated.
    for (const z of [5, 6, 7, 8, 7, 6, 5, 4, 3, 4]) {
      const e = moveend();
      map.setZoom(z, {animate: true});
      await e;
      await idle();
    }
    run = false;
    return {frames, draws, seconds: (performance.now() - t0) / 1000, shown: most, visible: mostVisible, reloads: s.liveLoads - loads0, timelineReloads: s.timelineLoads - tl0, simulated: s.store.simulatedCount()};
  });
  const out = {vessels: result.shown, most_drawn: result.visible, reloads: result.reloads, timeline_reloads: result.timelineReloads, simulated: result.simulated, seconds: +result.seconds.toFixed(1),
    frame_ms: stats(result.frames.slice(1)), layer_redraw_ms: stats(result.draws)};
  console.log(JSON.stringify(out, null, 2));
  console.log(`perf: ${out.vessels} vessels loaded, up to ${out.most_drawn} drawn at once (SIMULATED); frame time p50 ${out.frame_ms.p50} ms, p95 ${out.frame_ms.p95} ms, max ${out.frame_ms.max} ms over ${out.frame_ms.frames} frames; layer redraw p50 ${out.layer_redraw_ms.p50} ms, p95 ${out.layer_redraw_ms.p95} ms, max ${out.layer_redraw_ms.max} ms`);
  if (out.frame_ms.p95 > 50) { console.error('perf: p95 frame time over the 50 ms budget'); process.exitCode = 1; }
} finally {
  if (browser) await browser.close();
  if (server) await server.stop();
  if (!opt.keep) cleanup(data);
}
