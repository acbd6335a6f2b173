// Microsoft Web Chat (npm botframework-webchat, its prebuilt browser bundle, unmodified)
// talking to the REAL kneebot through its Direct Line 3.0 subset.
//
//   cd tests/browser && npm ci
//   KNEEBOT_BIN=../../build/bot/kneebot node --test webchat.spec.mjs
//
// kneebot runs with KNEEBOT_DIRECTLINE_SECRET set; the test fetches a token from
// POST /v3/directline/tokens/generate with the secret (as a site's back end would) and hands
// it to a page served by a tiny static server on another port, so every Direct Line call
// is cross-origin and needs kneebot's CORS answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ANSWERS, here, launchBrowser, screenshot, serveStatic, skip, startKneebot, watchErrors,
} from './lib.mjs';

const SECRET = crypto.randomBytes(24).toString('hex');
const BUNDLE = ['webchat.js', 'webchat-es5.js']
  .map((f) => path.join(here, 'node_modules/botframework-webchat/dist', f))
  .find((f) => fs.existsSync(f));

// The embedding a site would use (README): the bundle, a token from its back end, and
// createDirectLine pointed at kneebot. The hash carries the token and options; the page
// also records every activity Web Chat's Direct Line sees, for the assertions.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>kneebot in Microsoft Web Chat</title>
<style>html, body { height: 100%; margin: 0; } #webchat { height: 100%; }</style>
</head>
<body>
<div id="webchat" role="main"></div>
<script src="/webchat.js"></script>
<script>
  const p = new URLSearchParams(location.hash.slice(1));
  window.activities = [];
  window.statuses = [];
  const directLine = window.WebChat.createDirectLine({
    token: p.get('token'),
    domain: p.get('domain'),
    webSocket: p.get('webSocket') !== 'false',
  });
  directLine.activity$.subscribe((a) => window.activities.push(a));
  directLine.connectionStatus$.subscribe((s) => window.statuses.push(s));
  window.WebChat.renderWebChat({ directLine, userID: 'visitor-' + Date.now(), username: 'Visitor', locale: 'en-US' },
    document.getElementById('webchat'));
</script>
</body>
</html>`;

let kneebot;
let site;
let browser;

before(async () => {
  if (skip) return;
  assert.ok(BUNDLE, 'botframework-webchat/dist/webchat.js is missing: run npm ci in tests/browser');
  kneebot = await startKneebot({ KNEEBOT_DIRECTLINE_SECRET: SECRET });
  site = await serveStatic({
    '/': { type: 'text/html; charset=utf-8', body: PAGE },
    '/webchat.js': { type: 'text/javascript; charset=utf-8', file: BUNDLE },
  });
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (site) await site.close();
  if (kneebot) await kneebot.stop();
});

async function token() {
  const r = await fetch(kneebot.base + 'v3/directline/tokens/generate', {
    method: 'POST', headers: { Authorization: 'Bearer ' + SECRET },
  });
  assert.equal(r.status, 200, 'token generate with the secret');
  const body = await r.json();
  assert.ok(body.token && body.conversationId && body.expires_in > 0, JSON.stringify(body));
  return body.token;
}

// The bot's turn-final activities (they carry channelData.kneebot).
const turns = (page) => page.evaluate(() => window.activities
  .filter((a) => a.type === 'message' && a.from && a.from.role === 'bot' && a.channelData && a.channelData.kneebot));

async function waitTurns(page, n) {
  await page.waitForFunction((k) => window.activities.filter((a) => a.type === 'message' && a.from &&
    a.from.role === 'bot' && a.channelData && a.channelData.kneebot).length >= k, n, { timeout: 15000 });
}

async function conversation(t, webSocket) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  const origins = new Set();
  page.on('request', (r) => { if (r.url().includes('/v3/directline/')) origins.add(new URL(r.url()).origin); });
  const domain = kneebot.base + 'v3/directline';
  await page.goto(site.base + '#' + new URLSearchParams({ token: await token(), domain, webSocket }));
  assert.notEqual(new URL(site.base).origin, new URL(kneebot.base).origin, 'cross-origin page');

  await waitTurns(page, 1); // the greeting ends with the first question
  await page.locator('.webchat__text-content', { hasText: 'Where on the knee does it hurt most' }).first().waitFor();
  let tapped = 0;
  const typed = [];
  const titles = new Map(); // payload -> title of the actions tapped
  let final;
  for (let turn = 0; turn < 30; turn++) {
    const all = await turns(page);
    const last = all.at(-1);
    const kb = last.channelData.kneebot;
    if (kb.triage && kb.expecting == null) { final = last; break; }
    assert.ok(kb.expecting, 'a question is pending: ' + JSON.stringify(last));
    const [payload, text] = ANSWERS[kb.expecting] || [null, 'no'];
    const action = (last.suggestedActions?.actions || []).find((a) => a.value === payload);
    if (action) {
      await page.locator('.webchat__suggested-actions__button', { hasText: action.title }).first().click();
      titles.set(action.value, action.title);
      tapped++;
    } else {
      const box = page.locator('[data-id="webchat-sendbox-input"]');
      await box.fill(text);
      await box.press('Enter');
      typed.push(text);
    }
    await waitTurns(page, all.length + 1);
  }
  assert.ok(final, 'reached an assessment');
  assert.ok(tapped > 0 && typed.length > 0, `tapped ${tapped}, typed ${typed.length}`);

  // Web Chat shows the assessment text and the typed answers, and marks every user
  // message sent (the server echoed it with its clientActivityID and an id).
  const bubble = (text) => page.locator('.webchat__text-content', { hasText: text }).last();
  await bubble(final.text).waitFor(); // the end of the transcript: in view
  for (const text of typed) await bubble(text).waitFor({ state: 'attached' }); // some scrolled up by now
  const acts = await page.evaluate(() => window.activities);
  const users = acts.filter((a) => a.from?.role === 'user' && a.type === 'message');
  assert.equal(users.length, tapped + typed.length, 'every user message echoed once');
  for (const u of users) {
    assert.ok(u.id && u.channelData?.clientActivityID, 'echo keeps clientActivityID: ' + JSON.stringify(u));
  }
  // Suggested actions are messageBack: the person sees the title they tapped, never the
  // machine payload ("/location=inside"), while the payload reaches the bot as `value`.
  const raw = users.filter((u) => titles.has(u.text)).map((u) => u.text);
  assert.deepEqual(raw, [], 'tapped payloads shown as text');
  for (const [payload, title] of titles) {
    assert.equal(await page.locator('.webchat__text-content', { hasText: payload }).count(), 0,
      `payload ${payload} is not shown`);
    assert.ok(users.some((u) => u.value === payload), `payload ${payload} sent as value (${title})`);
  }
  await page.waitForFunction(() => !/send failed/i.test(document.body.innerText), null, { timeout: 5000 });
  assert.equal(await page.getByText(/send failed/i).count(), 0, 'no "Send failed" in the transcript');
  const statuses = await page.evaluate(() => window.statuses);
  assert.ok(statuses.includes(2) && !statuses.includes(4), 'Online, never FailedToConnect: ' + statuses);
  assert.deepEqual([...origins], [new URL(kneebot.base).origin]);
  assert.deepEqual(errors, []);
  await screenshot(page, 'webchat-' + (webSocket ? 'websocket' : 'polling'));
  await ctx.close();
}

test('Web Chat over a Direct Line WebSocket stream reaches an assessment', { skip },
  (t) => conversation(t, true));

test('Web Chat over Direct Line polling reaches an assessment', { skip },
  (t) => conversation(t, false));

