/**
 * Frames scan with the rules the same-origin frame above them restored (entrypoints/content/page/
 * shared-rules.ts, issue 22). Whatever rules a frame scans with, a GP must see exactly the page's
 * expected flags in every frame, and a change of preferences or of the admin's local pack must
 * reach every frame without a reload.
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
