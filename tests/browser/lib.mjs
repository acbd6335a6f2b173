// Shared helpers of the browser tests: start the real kneebot on a free loopback port,
// launch Debian's Chromium through playwright-core, save screenshots.
//
// Env: KNEEBOT_BIN (required: the server binary), CHROMIUM (default /usr/bin/chromium),
// KNEEBOT_CONTENT_ROOT (default: this checkout), KNEEBOT_SCREENSHOT_DIR (default: set by
// CMake to the build folder; by hand, <tmp>/kneebot-screenshots).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.KNEEBOT_BIN && path.resolve(process.env.KNEEBOT_BIN);
export const ROOT = process.env.KNEEBOT_CONTENT_ROOT || path.resolve(here, '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = path.resolve(process.env.KNEEBOT_SCREENSHOT_DIR ||
  path.join(os.tmpdir(), 'kneebot-screenshots'));
// Run by hand without KNEEBOT_BIN every test is skipped; ctest always sets it.
export const skip = BIN ? false : 'KNEEBOT_BIN is not set';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// Starts kneebot (region US, so the emergency number is 911). `env` adds variables, e.g.
// KNEEBOT_DIRECTLINE_SECRET. Returns { base, port, stop(), log() }.
export async function startKneebot(env = {}) {
  if (!fs.existsSync(BIN)) throw new Error(`KNEEBOT_BIN ${BIN} does not exist`);
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) { // a free port can be taken meanwhile
    const port = await freePort();
    let out = '';
    const proc = spawn(BIN, ['--port', String(port), '--bind', '127.0.0.1', '--region', 'US',
      '--content-root', ROOT], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const keep = (d) => { out = (out + d).slice(-20000); };
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    const base = `http://127.0.0.1:${port}/`;
    const stop = async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    };
    try {
      const end = Date.now() + 20000;
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`kneebot exited with ${proc.exitCode}:\n${out}`);
        try { if ((await fetch(base + 'healthz')).ok) break; } catch { /* not up yet */ }
        if (Date.now() > end) throw new Error('kneebot was not healthy within 20 s:\n' + out);
        await sleep(100);
      }
      return { base, port, stop, log: () => out };
    } catch (e) {
      lastError = e;
      await stop();
    }
  }
  throw lastError;
}

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
  });
}

// Saves a full-viewport PNG as <dir>/<name>.png and returns its path.
export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

// Collects uncaught page errors and console errors of a page.
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push('pageerror: ' + String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  return errors;
}

// A tiny static HTTP server on another loopback port (so requests to kneebot are
// cross-origin and exercise its CORS). `routes` maps a path to { type, body } or
// { type, file }. Returns { base, close() }.
export async function serveStatic(routes) {
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (!route || req.method !== 'GET') { res.writeHead(404).end('not found\n'); return; }
    res.writeHead(200, { 'Content-Type': route.type, 'Cache-Control': 'no-store' });
    if (route.file) fs.createReadStream(route.file).pipe(res); else res.end(route.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Benign answers per slot (protocol.md's `expecting`): the quick-reply payload to tap when
// offered, else the text to type. Used by the widget and the Web Chat tests alike.
export const ANSWERS = {
  location: ['/location=inside', 'on the inside of my knee'], side: ['/side=left', 'my left knee'],
  onset: ['/onset=gradual', 'it came on gradually'], injury: ['/injury=no', 'no injury'],
  swelling: ['/swelling=no', 'no swelling'], duration: [null, 'about 3 weeks'],
  severity: [null, '4'], weight_bearing: ['/weight_bearing=yes', 'yes I can walk normally'],
  locking: ['/locking=no', 'no'], giving_way: ['/giving_way=no', 'no'], fever: ['/fever=no', 'no'],
  calf: ['/calf=no', 'no'], circulation: ['/circulation=no', 'no'], age: [null, '34'],
  aggravators: ['/aggravators=stairs', 'stairs'],
  training_change: ['/training_change=yes', 'yes, I started running more'],
  feet: ['/feet=no', 'no'], night_pain: ['/night_pain=no', 'no'], history: ['/history=no', 'no'],
};
