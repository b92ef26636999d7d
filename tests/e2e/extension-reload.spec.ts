/**
 * An update or reload of the extension leaves the open tabs' content scripts orphaned (the browser
 * does not stop them). The script owns its lifetime (entrypoints/content/page/lifetime.ts): an
 * orphan must take its flags and card away within a few seconds, so a GP never works from marks a
 * version no longer running made, and a reload of the page brings the new version's flags. Its own
 * Chromium: reloading the extension would disturb every other spec's.
 */
import { expect, test } from './fixtures';
import { launchWithExtension } from './chromium';
import { readHighlights } from './highlights';
import { expectedState, loadExpectations } from './page-helpers';

const FILE = 'gp-medication-screen.html';
/** The lifetime checks the extension every 2 s; a little more for a loaded 2-core machine. */
const ORPHAN_GONE_MS = 4000;

test('after the extension reloads, the old script’s flags go within seconds; reloading the page brings them back', async ({
  server,
}) => {
  const launched = await launchWithExtension();
  try {
    const { context } = launched;
    const page = await context.newPage();
    const expected = expectedState(loadExpectations(FILE), 'initial');
    await page.goto(server.url(FILE));
    await expect.poll(() => readHighlights(page)).toEqual(expected);
    // The notice that the page is being checked, in our overlay host.
    await expect(page.locator('plens-overlay')).toHaveCount(1);

    const [worker] = context.serviceWorkers();
    if (!worker) throw new Error('no extension service worker');
    const restarted = context.waitForEvent('serviceworker');
    // The worker goes away mid-call, so the call itself may fail.
    await worker
      .evaluate(() => {
        (
          globalThis as unknown as { chrome: { runtime: { reload(): void } } }
        ).chrome.runtime.reload();
      })
      .catch(() => undefined);
    await restarted;

    await expect.poll(() => readHighlights(page), { timeout: ORPHAN_GONE_MS }).toEqual({});
    await expect(page.locator('plens-overlay')).toHaveCount(0);
    await page.reload();
    await expect.poll(() => readHighlights(page)).toEqual(expected);
  } finally {
    await launched.close();
  }
});
