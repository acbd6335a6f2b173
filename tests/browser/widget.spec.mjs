// Browser tests of the web widget (adapters/web/) against the REAL kneebot server.
//
//   cd tests/browser && npm ci   (or: npm install)
//   KNEEBOT_BIN=../../build/bot/kneebot npm test
//
// Env: KNEEBOT_BIN (required, else every test is skipped), CHROMIUM (default
// /usr/bin/chromium; `apt-get install -y chromium`), KNEEBOT_CONTENT_ROOT (default: this
// checkout). The server is started on a free loopback port with --region US.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.KNEEBOT_BIN && path.resolve(process.env.KNEEBOT_BIN);
const ROOT = process.env.KNEEBOT_CONTENT_ROOT || path.resolve(here, '../..');
const skip = BIN ? false : 'KNEEBOT_BIN is not set';

let server;
let serverLog = '';
let base;
let browser;

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function waitHealthy(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    if (server.exitCode !== null) throw new Error('kneebot exited:\n' + serverLog);
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    if (Date.now() > end) throw new Error('kneebot not healthy in time:\n' + serverLog);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  if (skip) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  server = spawn(BIN, ['--port', String(port), '--bind', '127.0.0.1', '--region', 'US',
    '--content-root', ROOT], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d) => { serverLog = (serverLog + d).slice(-20000); };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  await waitHealthy(base + 'healthz', 15000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'], headless: true,
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.once('exit', r); setTimeout(r, 5000); });
  }
});

// A fresh page on the demo (which opens the chat at load); collects the frames the widget
// sends and receives, and any page error.
async function openDemo(viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const frames = { sent: [], got: [], errors: [] };
  page.on('pageerror', (e) => frames.errors.push(String(e)));
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.sent.push(JSON.parse(f.payload)));
    ws.on('framereceived', (f) => frames.got.push(JSON.parse(f.payload)));
  });
  await page.goto(base);
  await page.locator('.kneebot-bot').first().waitFor();
  await waitIdle(page);
  return { ctx, page, frames };
}

// Wait until no reply is pending (the typing indicator is hidden).
async function waitIdle(page) {
  await page.locator('.kneebot-typing').waitFor({ state: 'hidden', timeout: 10000 });
}

const lastReply = (frames) => [...frames.got].reverse().find((f) => f.type === 'reply');

async function typeAndSend(page, text) {
  await page.locator('.kneebot-input').fill(text);
  await page.locator('.kneebot-input').press('Enter');
  await waitIdle(page);
}

// Benign answers: the quick-reply payload to tap, else the text to type.
const ANSWERS = {
  location: ['/location=inside', 'on the inside of my knee'], side: ['/side=left', 'my left knee'],
  onset: ['/onset=gradual', 'it came on gradually'], injury: ['/injury=no', 'no injury'],
  swelling: ['/swelling=no', 'no swelling'], duration: [null, 'about 3 weeks'],
  severity: [null, '4'], weight_bearing: ['/weight_bearing=yes', 'yes I can walk normally'],
  locking: ['/locking=no', 'no'], giving_way: ['/giving_way=no', 'no'], fever: ['/fever=no', 'no'],
  calf: ['/calf=no', 'no'], circulation: ['/circulation=no', 'no'], age: [null, '34'],
  aggravators: ['/aggravators=stairs', 'stairs'], training_change: ['/training_change=yes', 'yes, I started running more'],
  feet: ['/feet=no', 'no'], night_pain: ['/night_pain=no', 'no'], history: ['/history=no', 'no'],
};

test('serves the demo page, widget.js and widget.css', { skip }, async () => {
  const html = await (await fetch(base)).text();
  assert.match(html, /<script src="\/widget\.js"[^>]*data-kneebot-open="true"/);
  for (const [p, type] of [['widget.js', /javascript/], ['widget.css', /css/]]) {
    const r = await fetch(base + p);
    assert.equal(r.status, 200, p);
    assert.match(r.headers.get('content-type') || '', type, p);
  }
});

test('a conversation through quick replies and typed text reaches an assessment', { skip }, async () => {
  const { ctx, page, frames } = await openDemo();
  assert.equal(frames.sent[0].type, 'hello');
  assert.equal(frames.sent[0].locale, 'en');
  let tapped = 0;
  let typed = 0;
  for (let turn = 0; turn < 30; turn++) {
    const r = lastReply(frames);
    if (r.triage && r.expecting == null) break; // the assessment
    const slot = r.expecting;
    assert.ok(slot, 'a question is pending: ' + JSON.stringify(r));
    const [payload, text] = ANSWERS[slot] || [null, 'no'];
    const qr = (r.quick_replies || []).find((q) => q.payload === payload);
    if (qr) {
      const users = await page.locator('.kneebot-user').count();
      await page.locator('.kneebot-qr', { hasText: qr.title }).first().click();
      await waitIdle(page);
      assert.equal(await page.locator('.kneebot-user').nth(users).textContent(), 'You: ' + qr.title);
      assert.equal(frames.sent.at(-1).text, qr.payload);
      tapped++;
    } else {
      await typeAndSend(page, text);
      typed++;
    }
  }
  const r = lastReply(frames);
  assert.ok(r.triage, 'an assessment with a triage level');
  assert.ok(tapped > 0 && typed > 0, `tapped ${tapped}, typed ${typed}`);
  const banner = page.locator(`.kneebot-banner-${r.triage.level}`);
  await banner.waitFor();
  for (const reason of r.triage.reasons || []) assert.ok((await banner.textContent()).includes(reason));
  if (r.conditions.length) {
    const card = await page.locator('.kneebot-cond').last().textContent();
    for (const c of r.conditions) assert.ok(card.includes(c.name), c.name);
  }
  // Every frame was answered in order with a matching reply_to.
  const answers = frames.got.filter((f) => f.type !== 'notice');
  assert.deepEqual(answers.map((f) => f.reply_to), frames.sent.map((f) => f.id));
  assert.deepEqual(frames.errors, []);
  await ctx.close();
});

test('an emergency shows the red banner with a tel: link', { skip }, async () => {
  const { ctx, page, frames } = await openDemo({ width: 360, height: 740 });
  const phrases = ['I have a fever and my knee is hot, red and swollen',
    'I fell and now I cannot put any weight on my leg at all',
    'my calf is swollen, red and very painful'];
  for (const p of phrases) {
    await typeAndSend(page, p);
    if (lastReply(frames).triage?.level === 'emergency') break;
  }
  assert.equal(lastReply(frames).triage?.level, 'emergency', 'one of the red-flag phrases escalated');
  await page.locator('.kneebot-banner-emergency').waitFor();
  assert.equal(await page.locator('.kneebot-call').getAttribute('href'), 'tel:911'); // --region US
  const box = await page.locator('.kneebot-panel').boundingBox();
  assert.deepEqual([box.x, box.y, box.width], [0, 0, 360], 'full-screen panel at 360 px');
  await ctx.close();
});

test('a reload resumes the same session', { skip }, async () => {
  const { ctx, page, frames } = await openDemo();
  const session = lastReply(frames).session;
  assert.ok(session);
  const first = lastReply(frames).quick_replies[0];
  if (first) await page.locator('.kneebot-qr').first().click();
  else await typeAndSend(page, 'my knee hurts on the inside');
  await waitIdle(page);
  const before = await page.locator('.kneebot-msg').count();
  frames.sent.length = 0;
  frames.got.length = 0;
  await page.reload();
  await page.locator('.kneebot-typing').waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.querySelectorAll('.kneebot-msg').length > 0);
  await waitIdle(page);
  assert.equal(frames.sent[0].type, 'hello');
  assert.equal(frames.sent[0].session, session);
  assert.equal(lastReply(frames).session, session, 'the server resumed the session');
  assert.ok(await page.locator('.kneebot-msg').count() > before, 'transcript kept and a reply added');
  assert.equal(await page.locator('.kneebot-note', { hasText: 'new conversation' }).count(), 0);
  await ctx.close();
});

test('keyboard: Escape closes and returns focus to the launcher; Enter reopens into the input', { skip }, async () => {
  const { ctx, page } = await openDemo();
  await page.locator('.kneebot-input').focus();
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('.kneebot-panel').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.className), 'kneebot-launcher');
  assert.equal(await page.locator('.kneebot-launcher').getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('.kneebot-panel').isVisible());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'kneebot-input');
  await ctx.close();
});
