// The map and timeline UI against a real `sitrep serve` (issue 6): vessels
// drawn and moving from a live file feed, the vessel card, the time slider
// and snapshots, login as analyst and viewer, a report added through the
// form (with the API's validation errors next to the fields) and seen on
// the timeline, the CSRF header on writes, logout.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {sitrep, tempDir, addUser, reportFiles, startServe, launch, openUI, cleanup, ROOT} from './harness.mjs';

// The live feed: a real capture (two hours of satellite AIS with tag-block
// times) replayed at 60 times real time, so vessels move during the test.
// The live feed is a SIMULATED capture made here (sitrep simulate, 2025),
// not one of the stored real captures: the live state starts from the
// stored vessels' last positions, and replaying fixes no newer than those
// would move nothing.
let FEED;
const FEED_SPEED = 60;
// History for the snapshots: the bundled real captures, replayed into the store.
const HISTORY = ['amsa-ais-head3000.nmea', 'amsa-exact-earth-2.nmea', 'dma-ais250.nmea', 'pyais-sample.nmea'].map((f) => join(ROOT, 'testdata/ais', f));
const ANALYST = ['ana', 'analyst-pass-1234'];
const VIEWER = ['val', 'viewer-pass-1234'];

let data, server, browser;

before(async () => {
  data = tempDir('sitrep-webtest-');
  FEED = join(data, 'live-simulated.nmea');
  sitrep(['simulate', '--vessels', '300', '--duration', '30m', '--seed', '7', '--out', FEED]);
  addUser(data, ANALYST[0], 'analyst', ANALYST[1]);
  addUser(data, VIEWER[0], 'viewer', VIEWER[1]);
  sitrep(['replay', '--data', data, '--progress=false', ...HISTORY]);
  sitrep(['reports', 'load', '--data', data, ...reportFiles()]);
  server = await startServe(data, ['--feed', `file:${FEED}?speed=${FEED_SPEED}`]);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
  cleanup(data);
});

/** vesselPoint centres the map on a vessel (away from the legend and panel) and returns where it is drawn. */
async function vesselPoint(page) {
  await page.evaluate(() => {
    const s = window.__sitrep;
    s.map.setView([s.store.lat[0], s.store.lon[0]], Math.max(s.map.getZoom(), 6), {animate: false});
  });
  await page.waitForFunction(() => window.__sitrep.layer.visible > 0);
  return page.evaluate(() => {
    const s = window.__sitrep, p = s.layer.containerPointOf(s.store.mmsi[0]);
    return p && {mmsi: s.layer.hit(p), ...p};
  });
}

async function login(page, [name, password]) {
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#auth-user');
  assert.equal(await page.textContent('#auth-user'), name);
}

async function logout(page) {
  await page.click('#logout');
  await page.waitForSelector('#login-name');
}

test('live vessels are drawn, move with the feed, and open a card when clicked', async () => {
  const page = await openUI(browser, server.url);
  try {
    await page.waitForFunction(() => window.__sitrep.count() > 0, null, {timeout: 30_000});
    const before = await page.evaluate(() => Object.fromEntries(window.__sitrep.positions().map((p) => [p.mmsi, [p.lat, p.lon]])));
    // Moving: some vessel's position differs from the first sample (from the stream, not a reload).
    await page.waitForFunction((b) => window.__sitrep.streamed > 0 && window.__sitrep.positions().some((p) => b[p.mmsi] && (b[p.mmsi][0] !== p.lat || b[p.mmsi][1] !== p.lon)),
      before, {timeout: 60_000});
    assert.equal(await page.evaluate(() => window.__sitrep.mode), 'live');
    // Only the vessels are clickable for this step.
    for (const l of ['#layer-events', '#layer-reports', '#layer-sites']) await page.uncheck(l);
    const pt = await vesselPoint(page);
    assert.ok(pt, 'no vessel drawn in the open part of the map');
    const box = await page.locator('#map').boundingBox();
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    await page.waitForSelector('#panel[data-kind=vessel] h3');
    const mmsi = Number(await page.getAttribute('#panel', 'data-mmsi'));
    assert.ok(await page.evaluate((m) => !!window.__sitrep.store.get(m), mmsi), `card for ${mmsi}, which is not on the map`);
    const card = await page.textContent('#panel-body');
    assert.match(card, new RegExp(`MMSI\\s*${mmsi}`));
    assert.match(card, /Export: GEOJSON · CSV · KML · GPX/);
    assert.equal(await page.getAttribute(`#panel a[download="${mmsi}.kml"]`, 'href'), `/api/vessels/${mmsi}/track?format=kml`);
    // Esc closes the card.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#panel', {state: 'hidden'});
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});

test('scrubbing the time slider shows the map at that moment; Live returns to now', async () => {
  const page = await openUI(browser, server.url, '#3/-30/150');
  try {
    await page.fill('#tl-from', '2012-02-01');
    await page.fill('#tl-to', '2012-02-01');
    await page.dispatchEvent('#tl-to', 'change');
    const at = async (iso) => {
      const n = await page.evaluate(() => window.__sitrep.snapshotLoads);
      const v = Math.round(((Date.parse(iso) - Date.parse('2012-02-01T00:00:00Z')) / 86400e3) * 1000);
      await page.fill('#tl-slider', String(v));
      await page.waitForFunction((k) => window.__sitrep.snapshotLoads > k && !document.querySelector('#status').textContent.startsWith('Live'), n);
      await page.waitForFunction(() => window.__sitrep.shownT && Math.abs(window.__sitrep.shownT - window.__sitrep.snapshotT) < 1);
      return page.evaluate(() => window.__sitrep.positions().map((p) => `${p.mmsi}@${p.lat.toFixed(5)},${p.lon.toFixed(5)}`).sort().join(' '));
    };
    const early = await at('2012-02-01T21:35:00Z');
    assert.equal(await page.evaluate(() => window.__sitrep.mode), 'snapshot');
    assert.match(await page.textContent('#tl-time'), /^2012-02-01 21:3\dZ$/);
    const late = await at('2012-02-01T22:25:00Z');
    assert.ok(early.length > 0 && late.length > 0, 'empty snapshot');
    assert.notEqual(late, early, 'the snapshot did not change with the slider');
    // Every vessel shown at a moment was last heard before it.
    assert.ok(await page.evaluate(() => window.__sitrep.positions().every((p) => Date.parse(p.time) <= window.__sitrep.snapshotT.getTime())));
    // Play moves the moment forward (at 1 h of history per second) and the map with it.
    const t0 = await page.evaluate(() => window.__sitrep.snapshotT.getTime());
    const n0 = await page.evaluate(() => window.__sitrep.snapshotLoads);
    await page.fill('#tl-slider', '850');
    await page.click('#tl-play');
    assert.equal(await page.getAttribute('#tl-play', 'aria-pressed'), 'true');
    await page.waitForFunction((k) => window.__sitrep.snapshotLoads >= k + 3, n0);
    await page.keyboard.press('p');
    assert.equal(await page.getAttribute('#tl-play', 'aria-pressed'), 'false');
    const t1 = await page.evaluate(() => window.__sitrep.snapshotT.getTime());
    assert.ok(t1 > Date.parse('2012-02-01T20:24:00Z') && t1 !== t0, `play did not move the moment: ${new Date(t1).toISOString()}`);
    await page.click('#tl-live');
    await page.waitForFunction(() => window.__sitrep.mode === 'live' && document.querySelector('#status').textContent.startsWith('Live'));
    assert.equal(await page.textContent('#tl-time'), 'live');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});

test('a viewer sees no report form; an analyst adds a report, sees API errors by the field and the report on the timeline', async () => {
  const page = await openUI(browser, server.url, '#7/34.9/35.8');
  const writes = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/')) writes.push({url: r.url(), method: r.method(), csrf: r.headers()['x-csrf-token'] || ''}); });
  try {
    // Anonymous and viewer: no way to write.
    assert.equal(await page.isVisible('#tl-new-report'), false);
    await login(page, VIEWER);
    assert.equal(await page.textContent('#auth-role'), 'viewer');
    assert.equal(await page.isVisible('#tl-new-report'), false);
    await page.keyboard.press('n');
    assert.equal(await page.isVisible('#report-form'), false);
    await logout(page);

    await login(page, ANALYST);
    assert.equal(await page.textContent('#auth-role'), 'analyst');
    await page.click('#tl-new-report');
    await page.waitForSelector('#report-form');
    const sources = await page.$$eval('#rf-source option', (os) => os.map((o) => o.textContent));
    assert.ok(sources.some((s) => / — [A-F] \(/.test(s)), `sources without their grade: ${sources}`);
    const title = `Test sighting ${Date.now()}`;
    await page.fill('#rf-title', title);
    await page.selectOption('#rf-source', {index: 1});
    await page.selectOption('#rf-credibility', '2');
    await page.selectOption('#rf-claim-what', 'sighting');
    await page.fill('#rf-claim-when', '2012-02-01T21:40');
    await page.selectOption('#rf-claim-when-precision', 'hour');
    // The place: picked on the map.
    await page.click('#rf-pick');
    const box = await page.locator('#map').boundingBox();
    await page.mouse.click(box.x + 300, box.y + 250);
    assert.notEqual(await page.inputValue('#rf-claim-where-point-lat'), '');
    assert.notEqual(await page.inputValue('#rf-claim-where-point-lon'), '');
    // No text: the API refuses, and says so next to the text field.
    await page.click('#report-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#rf-claim-text-err').textContent !== '');
    assert.match(await page.textContent('#rf-claim-text-err'), /empty/);
    assert.equal(await page.getAttribute('#rf-claim-text', 'aria-invalid'), 'true');
    await page.fill('#rf-claim-text', 'Two grey hulls seen leaving the port, heading west.');
    await page.fill('#rf-evidence', 'https://example.org/post/1');
    await page.click('#report-form button[type=submit]');
    await page.waitForSelector('#panel[data-kind=report] .claim');
    assert.equal(await page.textContent('#panel-title'), title);
    // On the timeline, as a graded claim.
    await page.fill('#tl-from', '2012-02-01');
    await page.fill('#tl-to', '2012-02-02');
    await page.dispatchEvent('#tl-to', 'change');
    const row = page.locator('#tl-items li.claim', {hasText: 'Two grey hulls'});
    await row.waitFor();
    assert.match(await row.locator('.badge.grade').textContent(), /^[A-F]2$/);
    // Every write carried the session's CSRF token.
    const posts = writes.filter((w) => w.url.endsWith('/api/reports'));
    assert.equal(posts.length, 2);
    assert.ok(writes.filter((w) => !w.url.endsWith('/api/login')).every((w) => w.csrf.length > 0), JSON.stringify(writes));
    await logout(page);
    assert.equal(await page.isVisible('#tl-new-report'), false);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});
