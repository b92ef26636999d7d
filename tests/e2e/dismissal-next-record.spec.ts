/**
 * A session dismissal carries over to the next patient (hazard log C1.12, OA-10): the clinician
 * dismisses a medicine "for this session" on one patient's record, the same tab then opens the
 * next patient's record, which lists the same medicine. There the medicine must not be painted,
 * but the popup must still list it, greyed as hidden, with "Show again" — so a medicine quietened on
 * one record is never silently missing from the next. "Show again" paints it again.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import {
  clearSessionDismissals,
  expectedState,
  loadExpectations,
  openPopupFor,
  tabIdOf,
} from './page-helpers';

const FIRST_RECORD = 'gp-medication-screen.html';
const NEXT_RECORD = 'next-patient-record.html';

/** How many of the page's marks read "Zopiclone" (any case, any highlight). */
async function zopicloneMarks(page: Page): Promise<number> {
  return Object.values(await readHighlights(page))
    .flat()
    .filter((t) => t.toLowerCase() === 'zopiclone').length;
}

test.beforeEach(async ({ extensionContext }) => {
  await clearSessionDismissals(extensionContext);
});
test.afterEach(async ({ extensionContext }) => {
  await clearSessionDismissals(extensionContext);
});

test('dismissed for the session on one record: on the next patient’s record it is listed greyed with “Show again”, not painted; “Show again” paints it', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url(FIRST_RECORD));
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations(FIRST_RECORD), 'initial'));
  const tabId = await tabIdOf(extensionContext, page);

  const first = await openPopupFor(extensionContext, tabId);
  await first.getByRole('button', { name: 'More: Zopiclone' }).click();
  await first.getByRole('button', { name: 'Hide in every tab until the browser closes' }).click();
  await expect(first.getByTestId('plens-popup-status')).toHaveText(
    'Zopiclone: hidden in every tab.',
  );
  await expect.poll(() => zopicloneMarks(page)).toBe(0);
  // The toolbar popup closes when the clinician goes back to the page.
  await first.close();

  // The next patient, in the same tab.
  await page.goto(server.url(NEXT_RECORD));
  const next = expectedState(loadExpectations(NEXT_RECORD), 'initial');
  expect(next['plens-dependence-forming']).toEqual(['Zopiclone']);
  const withoutZopiclone = { ...next };
  delete withoutZopiclone['plens-dependence-forming'];
  await expect.poll(() => readHighlights(page)).toEqual(withoutZopiclone);

  const popup = await openPopupFor(extensionContext, tabId);
  try {
    // Listed (the page's scan found it: 1 current), greyed, with "Show again"; not a reveal button.
    const item = popup.locator('li[data-rule-id="zopiclone"]');
    await expect(item).toHaveClass(/plens-item--dismissed/);
    await expect(item.locator('.plens-item-meta')).toHaveText('Hidden in every tab; 1 current');
    await expect(item.getByTestId('plens-reveal')).toHaveCount(0);
    const colours = await item.evaluate((li) => {
      const drugColour = (el: Element | null) => (el ? getComputedStyle(el).color : '');
      const other = li.ownerDocument.querySelector(
        '[data-rule-id="methotrexate"] .plens-item-drug',
      );
      return {
        dismissed: drugColour(li.querySelector('.plens-item-drug')),
        other: drugColour(other),
      };
    });
    expect(colours.other).not.toBe('');
    expect(colours.dismissed, 'the dismissed medicine is greyed').not.toBe(colours.other);
    await expect(popup.getByTestId('plens-page-count')).toHaveText(
      '1 current medicine · 1 hidden (greyed)',
    );
    // And the page itself says what is hidden (#18).
    await expect(page.getByTestId('plens-hidden')).toHaveText('1 hidden — Show');
    // Still not painted once the page has reported (the popup read its summary).
    expect(await readHighlights(page)).toEqual(withoutZopiclone);

    await item.getByRole('button', { name: 'Show again' }).click();
    await expect(popup.getByTestId('plens-popup-status')).toHaveText(
      'Zopiclone restored: its marks are shown again.',
    );
    await expect.poll(() => readHighlights(page)).toEqual(next);
    await expect(item).not.toHaveClass(/plens-item--dismissed/);
    await expect(popup.getByRole('button', { name: /^Zopiclone/ })).toHaveText(
      'Zopiclone 1 current',
    );
  } finally {
    await popup.close();
  }
});
