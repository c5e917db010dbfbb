// harness: what the browser tests share — a fresh data directory made with
// the real CLI, a real `sitrep serve` on 127.0.0.1 with a free port, and
// Debian's chromium driven by playwright-core (never a downloaded browser).
import {spawn, execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, openSync, readFileSync, existsSync, readdirSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join, resolve, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.SITREP_BIN || join(ROOT, 'bin/sitrep');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** sitrep runs the CLI synchronously and returns its stdout; it throws with stderr on failure. */
export function sitrep(args, input) {
  try {
    return execFileSync(BIN, args, {cwd: ROOT, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 300_000});
  } catch (e) {
    throw new Error(`sitrep ${args.join(' ')} failed (${e.status}): ${e.stderr || e.message}`);
  }
}

/** tempDir makes a fresh directory that cleanup() removes. */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** reportFiles lists the Tartus scenario's report files. */
export function reportFiles() {
  const dir = join(ROOT, 'scenario/tartus/reports');
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
}

/** addUser creates a user with a password given on standard input. */
export function addUser(data, name, role, password) {
  sitrep(['users', 'add', name, '--role', role, '--password-stdin', '--data', data], password + '\n');
}

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const {port} = s.address(); s.close(() => res(port)); });
  });
}

const running = new Set();
process.on('exit', () => { for (const p of running) try { p.kill('SIGKILL'); } catch { /* gone */ } });

/**
 * startServe starts `sitrep serve` on a free 127.0.0.1 port with data dir
 * data and extra args, waits until /healthz answers, and returns
 * {url, stop(), log()}. stop() ends it (SIGTERM, then SIGKILL after 5 s).
 */
export async function startServe(data, extra = []) {
  const port = await freePort();
  const logPath = join(data, 'serve.log');
  const out = openSync(logPath, 'a');
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--data', data, ...extra];
  const proc = spawn(BIN, args, {cwd: ROOT, stdio: ['ignore', out, out]});
  running.add(proc);
  let exited = null;
  const done = new Promise((r) => proc.on('exit', (code, sig) => { exited = {code, sig}; running.delete(proc); r(); }));
  const url = `http://127.0.0.1:${port}`;
  const log = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  const stop = async () => {
    if (exited) return;
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(t);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`sitrep ${args.join(' ')} exited (${JSON.stringify(exited)}):\n${log()}`);
    try {
      const r = await fetch(url + '/healthz');
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`sitrep serve did not answer /healthz within 60 s:\n${log()}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {url, stop, log, proc};
}

/** launch starts headless chromium. */
export function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: run scripts/ensure-chromium.sh (as root)`);
  return chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS});
}

/**
 * openUI opens the UI at url (+ hash) in a 1366×768 page, collects page
 * errors into page.errors, and waits until the UI says it is ready.
 */
export async function openUI(browser, url, hash = '') {
  const page = await browser.newPage({viewport: {width: 1366, height: 768}});
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.errors.push(m.text()); });
  await page.goto(url + '/' + hash);
  await page.waitForFunction(() => window.__sitrep && window.__sitrep.ready, null, {timeout: 30_000});
  return page;
}

export function cleanup(dir) {
  if (dir && !process.env.SITREP_KEEP_TEST_DATA) rmSync(dir, {recursive: true, force: true});
}
