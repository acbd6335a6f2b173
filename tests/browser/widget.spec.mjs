// Browser tests of the web widget (adapters/web/) against the REAL kneebot server.
//
//   cd tests/browser && npm ci
//   KNEEBOT_BIN=../../build/bot/kneebot node --test widget.spec.mjs
//   (or: ctest -R browser --output-on-failure in the build folder)
//
// Env: see lib.mjs. The server is started on a free loopback port with --region US.
// Every test that opens a page saves a screenshot to KNEEBOT_SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWERS, launchBrowser, screenshot, skip, startKneebot, watchErrors } from './lib.mjs';

let kneebot;
let browser;

before(async () => {
  if (skip) return;
  kneebot = await startKneebot();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (kneebot) await kneebot.stop();
});

// A fresh page on the demo (which opens the chat at load); collects the frames the widget
// sends and receives, and any page or console error.
async function openDemo(viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const frames = { sent: [], got: [] };
  const errors = watchErrors(page);
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.sent.push(JSON.parse(f.payload)));
    ws.on('framereceived', (f) => frames.got.push(JSON.parse(f.payload)));
  });
  await page.goto(kneebot.base);
  await page.locator('.kneebot-bot').first().waitFor();
  await waitIdle(page);
  return { ctx, page, frames, errors };
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

// The top of `locator` lies inside the visible part of the conversation log.
async function assertInView(page, locator, what) {
  const [log, box] = [await page.locator('.kneebot-log').boundingBox(), await locator.boundingBox()];
  assert.ok(box && box.y >= log.y - 1 && box.y < log.y + log.height - 10,
    `${what} is scrolled into view (log ${JSON.stringify(log)}, it ${JSON.stringify(box)})`);
}

// The first bubble of the latest reply: the one right after the last user bubble.
async function firstOfReply(page) {
  await page.evaluate(() => {
    for (const e of document.querySelectorAll('[data-test-first]')) e.removeAttribute('data-test-first');
    const users = document.querySelectorAll('.kneebot-log > .kneebot-user');
    const u = users[users.length - 1];
    const n = u ? u.nextElementSibling : document.querySelector('.kneebot-log > .kneebot-bot');
    if (n) n.setAttribute('data-test-first', '');
  });
  return page.locator('[data-test-first]');
}

test('serves the demo page, widget.js and widget.css; the widget greets at load', { skip }, async () => {
  const html = await (await fetch(kneebot.base)).text();
  assert.match(html, /<script src="\/widget\.js"[^>]*data-kneebot-open="true"/);
  for (const [p, type] of [['widget.js', /javascript/], ['widget.css', /css/]]) {
    const r = await fetch(kneebot.base + p);
    assert.equal(r.status, 200, p);
    assert.match(r.headers.get('content-type') || '', type, p);
  }
  const { ctx, page, frames, errors } = await openDemo();
  assert.equal(frames.sent[0].type, 'hello');
  assert.equal(frames.sent[0].locale, 'en');
  const r = lastReply(frames);
  assert.equal(r.reply_to, frames.sent[0].id);
  assert.equal(await page.locator('.kneebot-bot').count(), r.messages.length);
  assert.equal(await page.locator('.kneebot-qr').count(), r.quick_replies.length);
  // A reply taller than the log is shown from its first bubble.
  await assertInView(page, page.locator('.kneebot-bot').first(), 'the greeting');
  assert.deepEqual(errors, []);
  await screenshot(page, 'widget-greeting');
  await ctx.close();
});

test('a conversation through quick replies and typed text reaches an assessment', { skip }, async () => {
  const { ctx, page, frames, errors } = await openDemo();
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
    // The new question is on screen, not hidden under the suggested answers.
    await assertInView(page, await firstOfReply(page), `the reply to turn ${turn + 1}`);
  }
  const r = lastReply(frames);
  assert.ok(r.triage, 'an assessment with a triage level');
  assert.ok(tapped > 0 && typed > 0, `tapped ${tapped}, typed ${typed}`);
  const banner = page.locator(`.kneebot-banner-${r.triage.level}`);
  await banner.waitFor();
  for (const reason of r.triage.reasons || []) assert.ok((await banner.textContent()).includes(reason));
  // The possible causes are shown once: as the server's list, or as a card when the
  // messages do not name them.
  assert.ok(r.conditions.length > 0, 'the assessment names possible causes');
  const logText = await page.locator('.kneebot-log').textContent();
  for (const c of r.conditions) {
    assert.equal(logText.split(c.name).length - 1, 1, `"${c.name}" shown exactly once`);
  }
  assert.ok(await page.locator('.kneebot-bot li').count() >= r.conditions.length, '"- " lines render as a list');
  // The assessment is read from its first bubble, not from the end.
  await assertInView(page, page.locator('.kneebot-bot', { hasText: r.messages[0].text }).last(), 'the assessment start');
  // Every frame was answered in order with a matching reply_to.
  const answers = frames.got.filter((f) => f.type !== 'notice');
  assert.deepEqual(answers.map((f) => f.reply_to), frames.sent.map((f) => f.id));
  assert.deepEqual(errors, []);
  await screenshot(page, 'widget-assessment');
  await ctx.close();
});

test('an emergency shows the red banner with a tel: link (360 px, full screen)', { skip }, async () => {
  const { ctx, page, frames, errors } = await openDemo({ width: 360, height: 740 });
  const phrases = ['I have a fever and my knee is hot, red and swollen',
    'I fell and now I cannot put any weight on my leg at all',
    'my calf is swollen, red and very painful'];
  for (const p of phrases) {
    await typeAndSend(page, p);
    if (lastReply(frames).triage?.level === 'emergency') break;
  }
  assert.equal(lastReply(frames).triage?.level, 'emergency', 'one of the red-flag phrases escalated');
  const banner = page.locator('.kneebot-banner-emergency');
  await banner.waitFor();
  assert.equal(await banner.locator('xpath=..').getAttribute('role'), 'alert');
  const call = page.locator('.kneebot-call');
  assert.equal(await call.getAttribute('href'), 'tel:911'); // --region US
  assert.equal(await call.textContent(), 'Call 911');
  assert.ok(await call.isVisible());
  const box = await page.locator('.kneebot-panel').boundingBox();
  assert.deepEqual([box.x, box.y, box.width], [0, 0, 360], 'full-screen panel at 360 px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  await assertInView(page, await firstOfReply(page), 'the emergency advice');
  assert.deepEqual(errors, []);
  await screenshot(page, 'widget-emergency-360');
  await ctx.close();
});

test('a reload resumes the same session', { skip }, async () => {
  const { ctx, page, frames, errors } = await openDemo();
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
  await page.waitForFunction(() => document.querySelectorAll('.kneebot-msg').length > 0);
  await page.waitForFunction(() => document.querySelector('.kneebot-qr:not(:disabled)'));
  await waitIdle(page);
  assert.equal(frames.sent[0].type, 'hello');
  assert.equal(frames.sent[0].session, session);
  const r = lastReply(frames);
  assert.equal(r.session, session, 'the server resumed the session');
  assert.ok(await page.locator('.kneebot-msg').count() > before, 'transcript kept and a reply added');
  assert.equal(await page.locator('.kneebot-note', { hasText: 'new conversation' }).count(), 0);
  assert.equal(await page.locator('.kneebot-qr').count(), r.quick_replies.length, 'the pending question\'s answers are offered');
  assert.deepEqual(errors, []);
  await screenshot(page, 'widget-resumed');
  await ctx.close();
});

test('Start over clears the transcript and the server greets again', { skip }, async () => {
  const { ctx, page, frames, errors } = await openDemo();
  await typeAndSend(page, 'my knee hurts on the inside after running');
  const session = lastReply(frames).session;
  await page.getByRole('button', { name: 'Start over' }).first().click();
  await waitIdle(page);
  assert.equal(frames.sent.at(-1).type, 'restart');
  const r = lastReply(frames);
  assert.equal(r.reply_to, frames.sent.at(-1).id);
  assert.equal(r.session, session, 'same session');
  assert.equal(await page.locator('.kneebot-user').count(), 0, 'transcript cleared');
  assert.ok(await page.locator('.kneebot-bot').count() >= 1, 'greeted again');
  assert.deepEqual(errors, []);
  await screenshot(page, 'widget-start-over');
  await ctx.close();
});

test('keyboard and names: Escape closes and returns focus; Enter reopens into the input', { skip }, async () => {
  const { ctx, page, errors } = await openDemo();
  // Every control has an accessible name; the transcript is a live log.
  for (const b of await page.locator('.kneebot-root button').all()) {
    const name = (await b.getAttribute('aria-label')) || (await b.textContent()).trim();
    assert.ok(name, 'a button without a name: ' + (await b.evaluate((e) => e.outerHTML)));
  }
  assert.equal(await page.getByLabel('Message to kneebot').count(), 1);
  assert.equal(await page.getByRole('log').getAttribute('aria-live'), 'polite');
  await page.locator('.kneebot-input').focus();
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('.kneebot-panel').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.className), 'kneebot-launcher');
  assert.equal(await page.locator('.kneebot-launcher').getAttribute('aria-expanded'), 'false');
  await screenshot(page, 'widget-closed');
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('.kneebot-panel').isVisible());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'kneebot-input');
  // Tab from the input reaches Send, then the first enabled control after it.
  await page.locator('.kneebot-input').fill('hello');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'kneebot-send');
  assert.deepEqual(errors, []);
  await ctx.close();
});
