// The demo path (issue 7): the SIMULATED Tartus scenario replayed into a
// fresh data directory with the story's reports, a real `sitrep serve`,
// the demo login, the Gibraltar transit (westbound) on the timeline, and
// the Tartus situation report opened from the front page link. Saves
// screenshots of the UI and of the report in web/test-results/, and as
// docs/img/demo.png and docs/img/demo-brief.png (shown by the README) when
// those are missing or SITREP_UPDATE_SCREENSHOTS=1.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync, existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {sitrep, tempDir, addUser, reportFiles, startServe, launch, openUI, cleanup, ROOT} from './harness.mjs';

const SCENARIO = join(ROOT, 'scenario/tartus/scenario.yaml');
const DEMO = ['demo', 'demo-password-2025'];
const skip = existsSync(SCENARIO) ? false : 'scenario/tartus/scenario.yaml is not there yet';

let data, server, browser;

/** shot saves a screenshot as web/test-results/NAME and, when wanted, docs/img/NAME. */
async function shot(page, name) {
  const out = join(ROOT, 'web/test-results');
  mkdirSync(out, {recursive: true});
  await page.screenshot({path: join(out, name)});
  const doc = join(ROOT, 'docs/img', name);
  if (!existsSync(doc) || process.env.SITREP_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(ROOT, 'docs/img'), {recursive: true});
    copyFileSync(join(out, name), doc);
  }
}

before(async () => {
  if (skip) return;
  data = tempDir('sitrep-demotest-');
  const capture = join(data, 'tartus.nmea');
  sitrep(['simulate', '--scenario', SCENARIO, '--seed', '1', '--out', capture]);
  sitrep(['replay', '--data', data, '--progress=false', capture]);
  sitrep(['reports', 'load', '--data', data, ...reportFiles()]);
  addUser(data, DEMO[0], 'analyst', DEMO[1]);
  server = await startServe(data);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
  cleanup(data);
});

test('demo: the Gibraltar transit on the timeline and the Tartus situation report', {skip}, async () => {
  const page = await openUI(browser, server.url, '#5/36.5/8');
  try {
    await page.fill('#login-name', DEMO[0]);
    await page.fill('#login-password', DEMO[1]);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('#auth-user');
    await page.fill('#tl-from', '2025-01-20');
    await page.fill('#tl-to', '2025-02-19');
    await page.dispatchEvent('#tl-to', 'change');
    // The transit of the Strait of Gibraltar, westbound, as an AIS event
    // (filtered: the background traffic makes thousands of events).
    await page.fill('#tl-filter', 'transit gibraltar');
    const transit = page.locator('#tl-items li.event', {hasText: /Gibraltar/}).filter({has: page.locator('.badge.ev', {hasText: /^transit$/})}).filter({hasText: /west/i});
    await transit.first().waitFor({timeout: 30_000});
    const when = await transit.first().getAttribute('data-time');
    await transit.first().locator('button').click();
    await page.waitForSelector('#panel[data-kind=event]');
    assert.match(await page.textContent('#panel-body'), /transit/);
    // Report claims are on the timeline too, graded.
    await page.fill('#tl-filter', '');
    await page.selectOption('#tl-kind', 'claim');
    await page.locator('#tl-items li.claim .badge.grade').first().waitFor();
    await page.selectOption('#tl-kind', '');
    await page.fill('#tl-filter', 'transit gibraltar');
    // The map at the moment of the transit.
    await page.evaluate((t) => {
      window.__sitrep.map.setView([36.0, -4.5], 7, {animate: false});
      window.__sitrep.timeline.seek(new Date(t));
    }, when);
    await page.waitForFunction(() => window.__sitrep.mode === 'snapshot' && window.__sitrep.shownT && window.__sitrep.count() > 0);
    await shot(page, 'demo.png');
    // The front page link opens the Tartus situation report.
    const link = page.locator('#front-brief');
    await link.waitFor();
    assert.match(await link.textContent(), /Tartus/);
    await Promise.all([page.waitForURL(/\/api\/brief\?site=tartus-naval-base&format=html/), link.click()]);
    const body = await page.textContent('body');
    assert.match(body, /Tartus/);
    assert.match(body, /SPARTA/);
    await shot(page, 'demo-brief.png');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});
