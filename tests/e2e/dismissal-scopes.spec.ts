/**
 * Issue #18: each way of hiding a flag does what its label says. "Hide on this patient's record
 * (this tab)" hides the name on that record in that tab, through a reload, and nowhere else: not
 * on another patient's record in another tab, not on the next patient's record in the same tab.
 * Whatever is hidden is said on the page ("1 hidden — Show") and in the popup, and comes back in
 * one step. No NHS number or page address reaches storage; the tab's choices go when it closes.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { axeOnOurs } from './axe-ours';
import { readHighlights } from './highlights';
import { activeServiceWorker, clearSessionDismissals, openPopupFor, tabIdOf } from './page-helpers';

const PATIENT_A = 'gp-medication-screen.html'; // NHS No. 999 000 0001
const PATIENT_B = 'next-patient-record.html'; // NHS No. 999 000 0024
const RECORD_LABEL = 'Hide on this patient’s record (this tab)';

/** How many of the page's marks read "Zopiclone" (any case, any highlight). */
async function zopicloneMarks(page: Page): Promise<number> {
  return Object.values(await readHighlights(page))
    .flat()
    .filter((t) => t.toLowerCase() === 'zopiclone').length;
}

/** Everything in the extension's storage, session and local, as text. */
async function storedText(context: BrowserContext): Promise<string> {
  const worker = await activeServiceWorker(context);
  return worker.evaluate(async () => {
    const c = globalThis as unknown as {
      chrome: { storage: Record<'session' | 'local', { get(k: null): Promise<object> }> };
    };
    const [session, local] = await Promise.all([
      c.chrome.storage.session.get(null),
      c.chrome.storage.local.get(null),
    ]);
    return JSON.stringify({ session, local });
  });
}

async function tabDismissalKeys(context: BrowserContext): Promise<string[]> {
  const worker = await activeServiceWorker(context);
  return worker.evaluate(async () => {
    const c = globalThis as unknown as {
      chrome: { storage: { session: { get(k: null): Promise<object> } } };
    };
    return Object.keys(await c.chrome.storage.session.get(null)).filter((k) =>
      k.startsWith('tab-dismissed-'),
    );
  });
}

test.beforeEach(async ({ extensionContext }) => {
  await clearSessionDismissals(extensionContext);
});

test('hidden on patient A’s record in tab 1: flagged for patient B in tab 2, still hidden after reload with “1 hidden — Show”, flagged again when tab 1 moves to patient B', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url(PATIENT_A));
  await expect.poll(() => zopicloneMarks(page)).toBeGreaterThan(0);
  const tab1 = await tabIdOf(extensionContext, page);

  const popup = await openPopupFor(extensionContext, tab1);
  await popup.getByRole('button', { name: 'More: Zopiclone' }).click();
  await popup.getByRole('button', { name: RECORD_LABEL }).click();
  await expect(popup.getByTestId('plens-popup-status')).toHaveText(
    'Zopiclone: hidden on this record (this tab).',
  );
  await expect(popup.locator('[data-rule-id="zopiclone"] .plens-item-meta')).toContainText(
    'Hidden on this record (this tab)',
  );
  await expect(popup.getByTestId('plens-hidden')).toContainText('1 hidden');
  expect(await axeOnOurs(popup, 'page')).toEqual([]);
  await popup.close();
  await expect.poll(() => zopicloneMarks(page)).toBe(0);
  const hidden = page.getByTestId('plens-hidden');
  await expect(hidden).toHaveText('1 hidden — Show');
  expect(await axeOnOurs(page, 'overlay')).toEqual([]);

  // Patient B in another tab: the same medicine is flagged there.
  const tab2 = await extensionContext.newPage();
  await tab2.goto(server.url(PATIENT_B));
  await expect.poll(() => zopicloneMarks(tab2)).toBe(1);
  await expect(tab2.getByTestId('plens-hidden')).toHaveCount(0);
  await tab2.close();

  // Reload tab 1 (the same record): still hidden, and said so.
  await page.bringToFront();
  await page.reload();
  await expect(page.getByTestId('plens-hidden')).toHaveText('1 hidden — Show');
  await expect.poll(() => zopicloneMarks(page)).toBe(0);

  // Nothing that names the patient or the page reached storage: only a salted digest.
  const stored = await storedText(extensionContext);
  expect(stored).not.toMatch(/999\s?000\s?0001|9990000001/);
  expect(stored).not.toContain(PATIENT_A);
  expect(stored).toMatch(/"tab-dismissed-\d+":\{"[0-9a-f]{64}":\["zopiclone"\]\}/);

  // The next patient in the same tab: flagged.
  await page.goto(server.url(PATIENT_B));
  await expect.poll(() => zopicloneMarks(page)).toBe(1);
  await expect(page.getByTestId('plens-hidden')).toHaveCount(0);
});

test('“1 hidden — Show” on the page shows the name again in one step; closing the tab forgets its choices', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url(PATIENT_A));
  await expect.poll(() => zopicloneMarks(page)).toBeGreaterThan(0);
  const marks = await zopicloneMarks(page);
  const tab1 = await tabIdOf(extensionContext, page);
  const popup = await openPopupFor(extensionContext, tab1);
  await popup.getByRole('button', { name: 'More: Zopiclone' }).click();
  await popup.getByRole('button', { name: RECORD_LABEL }).click();
  await expect(popup.getByTestId('plens-popup-status')).not.toHaveText('');
  await popup.close();
  await expect.poll(() => zopicloneMarks(page)).toBe(0);

  await page.getByRole('button', { name: 'Show 1 hidden flag again' }).click();
  await expect.poll(() => zopicloneMarks(page)).toBe(marks);
  await expect(page.getByTestId('plens-hidden')).toHaveCount(0);
  await page.reload();
  await expect.poll(() => zopicloneMarks(page)).toBe(marks);

  // Hide it again, then close the tab: its entry in storage.session goes.
  const again = await openPopupFor(extensionContext, tab1);
  await again.getByRole('button', { name: 'More: Zopiclone' }).click();
  await again.getByRole('button', { name: RECORD_LABEL }).click();
  await expect.poll(() => tabDismissalKeys(extensionContext)).toEqual([`tab-dismissed-${tab1}`]);
  await again.close();
  await page.close();
  await expect.poll(() => tabDismissalKeys(extensionContext)).toEqual([]);
});

test('hidden in every tab until the browser closes: hidden on another patient’s record too, and said so there', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url(PATIENT_A));
  await expect.poll(() => zopicloneMarks(page)).toBeGreaterThan(0);
  const tab1 = await tabIdOf(extensionContext, page);
  const popup = await openPopupFor(extensionContext, tab1);
  await popup.getByRole('button', { name: 'More: Zopiclone' }).click();
  await popup.getByRole('button', { name: 'Hide in every tab until the browser closes' }).click();
  await expect(popup.getByTestId('plens-popup-status')).toHaveText(
    'Zopiclone: hidden in every tab.',
  );
  await popup.close();

  const tab2 = await extensionContext.newPage();
  await tab2.goto(server.url(PATIENT_B));
  // Not silently: the page says what is hidden, with the way back.
  await expect(tab2.getByTestId('plens-hidden')).toHaveText('1 hidden — Show');
  expect(await zopicloneMarks(tab2)).toBe(0);
  await clearSessionDismissals(extensionContext);
  await tab2.close();
});
