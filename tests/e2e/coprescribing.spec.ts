/**
 * Co-prescribing: an opioid with a benzodiazepine, z-drug or gabapentinoid in the current
 * medication raises a quiet, dismissible notice naming both; a past-only medicine never does.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { expectedState, loadExpectations } from './page-helpers';

test('an opioid with a gabapentinoid in current medication shows a notice naming both, with the MHRA source; ended courses join nothing', async ({
  page,
  server,
}) => {
  await page.goto(server.url('gp-medication-screen.html'));
  const notice = page.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' });
  await expect(notice).toContainText('Opioid with a benzodiazepine, z-drug or gabapentinoid');
  // The buprenorphine patch and Lyrica are current repeats. The co-codamol (ended 06-Oct), the
  // diazepam (ended 04-Jun) and the zopiclone (ended 19-Oct) are acute courses past their end
  // date: issue #18 — they are muted as past and join no alert.
  await expect(notice).toContainText('Buprenorphine (patches for pain) + Pregabalin');
  await expect(notice).not.toContainText('Codeine');
  await expect(notice).not.toContainText('Diazepam');
  await expect(notice).not.toContainText('Zopiclone');
  // It never takes focus from the clinician.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  await notice.getByRole('button', { name: 'Details' }).first().click();
  await expect(notice.getByRole('link', { name: /Benzodiazepines and opioids/ })).toHaveAttribute(
    'href',
    /^https:\/\/www\.gov\.uk\//,
  );
  await page.screenshot({ path: 'docs/screenshots/coprescribing-notice.png' });
  // Dismissed for the tab: gone, and with it our host element.
  // Each dismissal re-renders the list, so always take the first remaining button.
  while ((await notice.getByRole('button', { name: /^Dismiss/ }).count()) > 0) {
    await notice
      .getByRole('button', { name: /^Dismiss/ })
      .first()
      .click();
  }
  await expect(notice).toBeHidden();
  await expect(page.locator('plens-overlay')).toHaveCount(0);
});

/** Loads a page, waits for its expected flags and the summary, and checks that no notice shows. */
async function expectFlagsAndNoNotice(page: Page, url: string, file: string): Promise<void> {
  await page.goto(url);
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations(file), 'initial'));
  await page.waitForTimeout(400); // the summary is published 250 ms after marks settle
  await expect(
    page.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' }),
  ).toHaveCount(0);
  await expect(page.locator('plens-overlay')).toHaveCount(0);
}

test('no notice when the benzodiazepine is only in past medications', async ({ page, server }) => {
  await expectFlagsAndNoNotice(
    page,
    server.url('coprescribing-past.html'),
    'coprescribing-past.html',
  );
});

test('no notice when the opioid is named only as an allergy, though its table says "Current"', async ({
  page,
  server,
}) => {
  const file = 'gp-summary-allergies.html';
  await expectFlagsAndNoNotice(page, server.url(file), file);
});
