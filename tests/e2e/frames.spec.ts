/**
 * Frames scan with the rules the same-origin frame above them restored (entrypoints/content/page/
 * shared-rules.ts, issue 22). Whatever rules a frame scans with, a GP must see exactly the page's
 * expected flags in every frame, and a change of preferences or of the admin's local pack must
 * reach every frame without a reload. A frame that starts before the top frame's script waits
 * briefly for its rules, and flags exactly the same whether they come within the wait or not.
 */
import fs from 'node:fs';
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readHighlights, type HighlightTexts } from './highlights';
import { clearStorage, expectedState, loadExpectations, setStorage } from './page-helpers';

const FILE = 'iframe-host.html';
const LOCAL_PACK = fs
  .readFileSync('tests/fixtures/options/local-amlodipine.json', 'utf8')
  .replaceAll('amlodipine', 'ramipril')
  .replaceAll('Amlodipine', 'Ramipril');

function medicationFrames(page: Page): Frame[] {
  return page.frames().filter((f) => f.url().includes('iframe-medications.html'));
}

/** Whether the frame's content script scans with a frame above's rules (a test-build mark). */
function scansWithSharedRules(frame: Frame): Promise<boolean | null> {
  return frame.evaluate(() => {
    const mark = performance.getEntriesByName('plens:rules-active')[0] as
      PerformanceMark | undefined;
    return mark ? (mark.detail as { shared?: boolean } | null)?.shared === true : null;
  });
}

/** When the frame's content script started (epoch ms), and whether it scans with shared rules. */
function startOf(frame: Frame): Promise<{ at: number; shared: boolean | null }> {
  return frame.evaluate(() => {
    const start = performance.getEntriesByName('plens:start')[0];
    const rules = performance.getEntriesByName('plens:rules-active')[0] as
      PerformanceMark | undefined;
    return {
      at: performance.timeOrigin + (start?.startTime ?? Number.NaN),
      shared: rules ? (rules.detail as { shared?: boolean } | null)?.shared === true : null,
    };
  });
}

/**
 * Loads FILE with `insert` placed before `before` in the top page, and the resource `slow` answered
 * only after SLOW_MS: the top frame's document_idle script then starts well after its frame's.
 */
async function loadWithSlowTop(
  page: Page,
  url: string,
  before: string,
  insert: string,
  slow: string,
) {
  await page.route(`**/${slow}`, async (route) => {
    await new Promise((done) => setTimeout(done, SLOW_MS));
    await route.fulfill({
      status: 200,
      contentType: slow.endsWith('.js') ? 'text/javascript' : 'image/gif',
      body: '',
    });
  });
  await page.route(
    (target) => target.pathname.endsWith(`/${FILE}`),
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(before, `${insert}${before}`);
      await route.fulfill({ response, body });
    },
  );
  await page.goto(url);
}

/** How long the top page's slow resource takes: well past the frames' wait (OFFER_WAIT_MS). */
const SLOW_MS = 1500;

async function expectEveryFrame(page: Page, expected: HighlightTexts): Promise<void> {
  await expect.poll(() => medicationFrames(page).length).toBe(3);
  for (const frame of medicationFrames(page))
    await expect.poll(() => readHighlights(frame)).toEqual(expected);
}

test('frames added under a running page: the same flags, and every change of preferences or pack reaches each frame', async ({
  page,
  server,
  extensionContext,
}) => {
  const expectations = loadExpectations(FILE);
  const inFrame = expectedState(expectations, 'frame');
  try {
    await page.goto(server.url(FILE));
    await page.waitForFunction(() => performance.getEntriesByName('plens:rules-active').length > 0);
    // The top frame's content script runs: frames added now find its rules (the page's own frame
    // may have started before it, and then restored its own).
    await page.evaluate(() => {
      for (const n of [1, 2]) {
        const frame = document.createElement('iframe');
        frame.src = `iframe-medications.html?added=${n}`;
        document.querySelector('.viewer')?.append(frame);
      }
    });
    await expectEveryFrame(page, inFrame);
    for (const frame of medicationFrames(page).filter((f) => f.url().includes('added'))) {
      expect(await scansWithSharedRules(frame)).toBe(true);
    }
    expect(await readHighlights(page)).toEqual(expectedState(expectations, 'initial'));

    // The prescriber switches shared care off: Azathioprine is no longer flagged in any frame.
    await setStorage(extensionContext, {
      settings: { categories: { 'shared-care': false }, highlightStyle: 'tint', sites: [] },
    });
    const withoutSharedCare: HighlightTexts = { ...inFrame };
    delete withoutSharedCare['plens-shared-care'];
    await expectEveryFrame(page, withoutSharedCare);

    // The admin loads a local pack (other rules: every frame takes a set built for them).
    await setStorage(extensionContext, {
      localPack: { text: LOCAL_PACK, fileName: 'local.json', importedAt: '2026-12-07T09:00:00Z' },
    });
    await expectEveryFrame(page, {
      ...withoutSharedCare,
      'plens-no-commissioned-service': ['Ramipril'],
    });

    // And back: the page's expected flags, exactly.
    await clearStorage(extensionContext, ['settings', 'localPack']);
    await expectEveryFrame(page, inFrame);
  } finally {
    await clearStorage(extensionContext, ['settings', 'localPack']);
  }
});

test('a frame that starts before the top frame’s script flags exactly, whether the top’s rules come within its wait or not', async ({
  page,
  server,
}) => {
  const inFrame = expectedState(loadExpectations(FILE), 'frame');
  const medications = async () => {
    await expect.poll(() => medicationFrames(page).length).toBe(1);
    const [frame] = medicationFrames(page);
    if (!frame) throw new Error('no medication frame');
    await expect.poll(() => readHighlights(frame)).toEqual(inFrame);
    await page.waitForFunction(() => performance.getEntriesByName('plens:start').length > 0, null, {
      timeout: 10_000,
    });
    return { frame: await startOf(frame), top: await startOf(page.mainFrame()) };
  };

  // The top page's load waits for a slow image: its script starts 200 ms after DOMContentLoaded,
  // after its frame's, which waits for the top's rules and scans with them.
  await loadWithSlowTop(
    page,
    server.url(FILE),
    '</body>',
    '<img src="slow-load.gif" alt="" width="1" height="1">',
    'slow-load.gif',
  );
  const loadHeld = await medications();
  // The top's script starts at the latest 200 ms after its DOMContentLoaded, within the wait, so
  // the frame scans with the top's rules. Usually the frame starts first and waits for them; on a
  // busy machine its own load can take longer than those 200 ms and it starts after the top (CI
  // saw 24–55 ms after, twice in one run): it then finds them offered at once. Shared either way;
  // the order is recorded, and the wait itself is unit-tested (page/shared-rules.test.ts).
  expect(loadHeld.frame.shared).toBe(true);
  test.info().annotations.push({
    type: 'top load held',
    description: `frame started ${Math.round(loadHeld.top.at - loadHeld.frame.at)} ms before the top (negative: after); shared: ${loadHeld.frame.shared}`,
  });
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // The top page's parser waits for a slow script after the frame: the top's script starts more
  // than a second after its frame's, long after the wait ended; the frame restored its own rules.
  await loadWithSlowTop(
    page,
    server.url(`${FILE}?parser-held`),
    '</body>',
    '<script src="slow-parse.js"></script>',
    'slow-parse.js',
  );
  const parseHeld = await medications();
  expect(parseHeld.top.at - parseHeld.frame.at).toBeGreaterThan(SLOW_MS / 2);
  expect(parseHeld.frame.shared).toBe(false);
});
