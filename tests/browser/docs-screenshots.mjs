// Regenerates the README's pictures of the widget: docs/widget.png (the demo page at
// 1280 px, mid-conversation) and docs/widget-360.png (a 360 px phone).
//
//   cd tests/browser && KNEEBOT_BIN=../../build/bot/kneebot node docs-screenshots.mjs
import fs from 'node:fs';
import path from 'node:path';
import { BIN, here, launchBrowser, startKneebot } from './lib.mjs';

if (!BIN) throw new Error('set KNEEBOT_BIN to the kneebot binary');
const docs = path.resolve(here, '../../docs');
fs.mkdirSync(docs, { recursive: true });

// A typed opening, then taps: enough to show both kinds of answer and the next question.
const STEPS = ['My knee hurts on the inside after I run', 'qr:No, it came on by itself', 'qr:Left'];

const kneebot = await startKneebot();
const browser = await launchBrowser();
try {
  for (const [file, viewport] of [['widget.png', { width: 1280, height: 800 }],
    ['widget-360.png', { width: 360, height: 740 }]]) {
    const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(kneebot.base);
    await page.locator('.kneebot-bot').first().waitFor();
    for (const step of STEPS) {
      await page.locator('.kneebot-typing').waitFor({ state: 'hidden' });
      if (step.startsWith('qr:')) {
        const qr = page.locator('.kneebot-qr', { hasText: step.slice(3) });
        if (await qr.count()) await qr.first().click();
        else continue; // the content changed: skip this tap
      } else {
        await page.locator('.kneebot-input').fill(step);
        await page.locator('.kneebot-input').press('Enter');
      }
    }
    await page.locator('.kneebot-typing').waitFor({ state: 'hidden' });
    await page.mouse.move(0, 0); // no hover highlight
    await page.locator('.kneebot-input').blur();
    await page.screenshot({ path: path.join(docs, file) });
    console.log('wrote', path.join(docs, file));
    await ctx.close();
  }
} finally {
  await browser.close();
  await kneebot.stop();
}
