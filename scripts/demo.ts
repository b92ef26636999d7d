/**
 * Opens the demo prescribing page in Chromium with the built extension. With a display, the
 * browser stays open until you close it. Without one (servers, CI), it runs headless, opens a
 * popover on the first flagged medicine, writes a screenshot and prints where it is.
 */
import path from 'node:path';
import fs from 'node:fs';
import { startServer } from '../tests/server';
import { launchWithExtension } from '../tests/e2e/chromium';
import { collectHighlightTexts, HIGHLIGHT_NAMES } from '../tests/e2e/highlights';
import { activeServiceWorker, tabIdOf } from '../tests/e2e/page-helpers';

const DEMO_PAGE = 'gp-medication-screen.html';
const SCREENSHOT = path.resolve('.output/demo-screenshot.png');

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const server = await startServer(Number(process.env.PORT ?? 4173)).catch(() => startServer(0));
const url = server.url(DEMO_PAGE);
const launched = await launchWithExtension({ headless });
const { context } = launched;
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);
await page.waitForFunction(() => CSS.highlights.size > 0, null, { timeout: 10_000 });
const flagged = await page.evaluate(collectHighlightTexts, [...HIGHLIGHT_NAMES]);
const marks = Object.values(flagged).reduce((n, list) => n + list.length, 0);
// The badge's number (distinct medicines in current medication) and the marks painted (every
// name, past and mentioned ones included) are different things: say both, each labelled.
const tabId = await tabIdOf(context, page);
const worker = await activeServiceWorker(context);
let badge = '';
for (let i = 0; i < 20 && badge === ''; i++) {
  badge = await worker.evaluate(
    (id) =>
      (
        globalThis as unknown as {
          chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
        }
      ).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
  if (badge === '') await page.waitForTimeout(250);
}
console.log(
  `Prescribing Lens is running on ${url}: ${badge || '0'} current medicines flagged (the toolbar badge); ${marks} names marked on the page, past and mentioned ones included.`,
);

if (headless) {
  // Hover the first flagged current medicine in view, so the screenshot shows a popover as a
  // person would see it (only ranges near the viewport are registered, and past names are muted).
  const findBox = () =>
    page.evaluate(() => {
      const names = [
        'plens-dependence-forming',
        'plens-shared-care',
        'plens-no-commissioned-service',
        'plens-specialist-initiation',
      ];
      for (const name of names) {
        for (const r of CSS.highlights.get(name)?.values() ?? []) {
          if (!(r instanceof StaticRange)) continue;
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          const rect = range.getBoundingClientRect();
          if (rect.width > 0 && rect.top >= 0 && rect.bottom <= innerHeight)
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      // None in view: bring the first current one into view; the caller looks again.
      for (const name of names) {
        const first = CSS.highlights.get(name)?.values().next().value;
        if (first instanceof StaticRange) {
          first.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          break;
        }
      }
      return null;
    });
  let box = await findBox();
  if (!box) {
    // Only ranges near the viewport are registered: wait for those of the new scroll position.
    await page.waitForTimeout(500);
    box = await findBox();
  }
  if (box) {
    await page.mouse.move(box.x, box.y);
    await page.getByTestId('plens-popover').waitFor({ timeout: 5_000 });
  }
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  console.log(
    `No display, so Chromium ran headless. Screenshot of the annotated demo page: ${SCREENSHOT}`,
  );
  await launched.close();
  await server.close();
} else {
  console.log('Close the browser window to stop.');
  context.on('close', () => {
    void server.close().then(() => process.exit(0));
  });
}
