/**
 * The pharmacist's and GP's workflow in the toolbar popup, with the real extension: the badge
 * counts the medicines flagged in current medication; the popup lists them by category, reveals
 * one in the page (scrolled to, popover open with focus), dismisses (marks gone; back on reload)
 * and restores; the look-up answers "what is the position on X?" with typos and brand names; a
 * next-step letter is copied as filled plain text; and the whole path works from the keyboard.
 *
 * Playwright cannot click the toolbar button, so the popup is opened as a page at
 * `popup.html?tabId=<id>` (the documented test and accessibility affordance); the GP page's tab
 * id comes from the service worker. Each state is checked with axe, colour contrast included.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations } from './axe-ours';
import { expect, test } from './fixtures';
import { HIGHLIGHT_NAMES, readHighlights } from './highlights';
import {
  activeServiceWorker,
  clearStorage,
  expectedState,
  extensionId,
  loadExpectations,
  pointOfFlag,
  tabIdOf,
} from './page-helpers';

const GP_SCREEN = 'gp-medication-screen.html';
const SCREENSHOTS = path.resolve('docs/screenshots');
const POPUP_VIEWPORT = { width: 400, height: 600 };

/** The slice of `chrome` used inside the service worker and extension pages (no chrome types here). */
interface ChromeGlobal {
  chrome: {
    tabs: { query(q: object): Promise<{ id?: number }[]> };
    action: { getBadgeText(details: { tabId: number }): Promise<string> };
  };
}

async function badgeText(context: BrowserContext, tabId: number): Promise<string> {
  const worker = await activeServiceWorker(context);
  return worker.evaluate(
    (id) => (globalThis as unknown as ChromeGlobal).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
}

/** The popup for a tab, opened as a page (`?tabId=`), or with no tab: "no clinical page". */
async function openPopup(context: BrowserContext, tabId?: number): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  const query = tabId === undefined ? '' : `?tabId=${tabId}`;
  await popup.goto(`chrome-extension://${await extensionId(context)}/popup.html${query}`);
  await expect(popup.getByRole('heading', { name: 'On this page' })).toBeVisible();
  await expect(popup.getByText('Reading this page…')).toHaveCount(0);
  return popup;
}

/** The GP demo screen, painted as expected. */
async function openGpScreen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations(GP_SCREEN), 'initial'));
}

/** Texts painted for current medication (every highlight but past), lower-cased and distinct. */
async function currentFlagTexts(page: Page): Promise<string[]> {
  const highlights = await readHighlights(page);
  const texts = HIGHLIGHT_NAMES.filter((n) => n !== 'plens-past').flatMap(
    (n) => highlights[n] ?? [],
  );
  return [...new Set(texts.map((t) => t.toLowerCase()))].sort();
}

/** What the popup lists for current medication: each medicine and the names it covers. */
async function listedCurrent(popup: Page): Promise<{ drug: string; names: string[] }[]> {
  return popup.evaluate(() =>
    [...document.querySelectorAll('.plens-group:not(.plens-group--past) .plens-item')].map(
      (item) => {
        const drug = item.querySelector('.plens-item-drug')?.textContent ?? '';
        const meta = item.querySelector('.plens-item-meta')?.textContent ?? '';
        const shown = [...meta.matchAll(/“([^”]+)”/g)].map((m) => m[1] ?? '');
        return { drug, names: [drug, ...shown].map((n) => n.toLowerCase()) };
      },
    ),
  );
}

/** The page's popover (in our shadow root) and whether it holds the keyboard focus. */
async function popoverState(page: Page): Promise<{ heading: string | null; hasFocus: boolean }> {
  return page.evaluate(() => {
    const host = document.querySelector('plens-overlay');
    const root = host?.shadowRoot;
    const dialog = root?.querySelector('[role="dialog"]');
    return {
      heading: dialog?.querySelector('h2')?.textContent ?? null,
      hasFocus:
        document.activeElement === host &&
        !!root?.activeElement &&
        !!dialog?.contains(root.activeElement),
    };
  });
}

/** How many of the page's marks read `name` (any case, any highlight). */
async function marksNamed(page: Page, name: string): Promise<number> {
  const highlights = await readHighlights(page);
  return Object.values(highlights)
    .flat()
    .filter((t) => t.toLowerCase() === name).length;
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** "Dismiss for this session" is kept in storage.local; no test leaves one behind. */
function clearDismissed(context: BrowserContext): Promise<void> {
  return clearStorage(context, ['dismissedRules']);
}

test.beforeEach(async ({ extensionContext }) => {
  await clearDismissed(extensionContext);
});
test.afterEach(async ({ extensionContext }) => {
  await clearDismissed(extensionContext);
});

test('the badge counts the distinct medicines flagged in current medication, as the page and the popup show them', async ({
  page,
  server,
  extensionContext,
}) => {
  await openGpScreen(page, server.url(GP_SCREEN));
  const tabId = await tabIdOf(extensionContext, page);
  await expect.poll(() => badgeText(extensionContext, tabId)).not.toBe('');

  const popup = await openPopup(extensionContext, tabId);
  try {
    const listed = await listedCurrent(popup);
    // Every name painted in current medication belongs to exactly one listed medicine…
    const texts = await currentFlagTexts(page);
    for (const text of texts) {
      expect(
        listed.filter((m) => m.names.includes(text)).map((m) => m.drug),
        `"${text}" is listed once`,
      ).toHaveLength(1);
    }
    // …every listed medicine is painted on the page…
    for (const m of listed)
      expect(
        m.names.some((n) => texts.includes(n)),
        m.drug,
      ).toBe(true);
    // …and the badge is their number.
    expect(Number(await badgeText(extensionContext, tabId))).toBe(listed.length);
    // Issue #18: the co-codamol, diazepam, zopiclone and varenicline acute courses have ended.
    expect(listed.length).toBe(8);
    await expect(popup.getByTestId('plens-page-count')).toHaveText(
      '8 current medicines · 7 past or mentioned only',
    );

    // Past-only medicines apart; the co-prescribing alert at the top.
    const past = popup.getByRole('list', { name: /^Past medication/ });
    await expect(past.getByTestId('plens-reveal')).toHaveText([
      'Citalopram 1 past',
      'Codeine shown as “Co-codamol”; 1 past',
      'Diazepam 1 past',
      'Temazepam 1 past',
      'Tramadol 1 past',
      'Varenicline 1 past',
      'Zopiclone 2 past',
    ]);
    // A medicine both current and past is listed once, with both counts (Sertraline: a current
    // repeat and a discontinued one).
    await expect(popup.getByRole('button', { name: /^Sertraline/ })).toHaveText(
      'Sertraline 1 current, 1 past',
    );
    await expect(popup.getByTestId('plens-popup-alerts')).toContainText(
      'Opioid with a benzodiazepine, z-drug or gabapentinoid',
    );
    expect(await axeViolations(popup)).toEqual([]);
    await screenshot(popup, 'popup-summary.png');
  } finally {
    await popup.close();
  }
});

test('choosing a medicine in the popup scrolls the page to it and opens its popover, with focus', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.setViewportSize({ width: 1280, height: 400 });
  await openGpScreen(page, server.url(GP_SCREEN));
  const tabId = await tabIdOf(extensionContext, page);
  const popup = await openPopup(extensionContext, tabId);
  const closed = popup.waitForEvent('close');
  // Warfarin is well below the first screenful at this height.
  const before = await pointOfFlag(page, 'Warfarin');
  expect(before.y).toBeGreaterThan(400);
  // The popup closes itself once the page has the request.
  await Promise.all([
    closed,
    popup
      .getByRole('button', { name: /^Warfarin/ })
      .click({ noWaitAfter: true })
      .catch(() => undefined),
  ]);

  await expect.poll(async () => (await popoverState(page)).heading).toBe('Warfarin');
  expect((await popoverState(page)).hasFocus).toBe(true);
  const after = await pointOfFlag(page, 'Warfarin');
  expect(after.y).toBeGreaterThan(0);
  expect(after.y).toBeLessThan(400);
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('the look-up answers with no clinical page open: "zopiclon" and "Zimovane" find Zopiclone', async ({
  extensionContext,
}) => {
  // No ?tabId: the popup is about the active tab, here its own page, which is no clinical page.
  const popup = await openPopup(extensionContext);
  try {
    await expect(popup.getByTestId('plens-empty')).toHaveText(
      'No clinical page is open in this tab. You can still look up a medicine above.',
    );
    const box = popup.getByRole('searchbox', { name: 'Medicine name' });
    await expect(box).toBeFocused();
    expect(await axeViolations(popup)).toEqual([]);

    await box.fill('zopiclon');
    const answer = popup.getByTestId('plens-lookup-card');
    await expect(answer.getByRole('heading', { level: 2 })).toHaveText('Zopiclone');
    await expect(answer.getByTestId('plens-position')).not.toBeEmpty();
    await expect(answer.getByRole('list', { name: 'Categories' })).toHaveText('Dependence-forming');

    await box.fill('Zimovane');
    await expect(answer.getByRole('heading', { level: 2 })).toHaveText('Zopiclone');
    await expect(answer).toContainText('“Zimovane” is a name for Zopiclone.');
    await expect(popup.getByTestId('plens-lookup-status')).toHaveText(
      '1 medicine matches: Zopiclone.',
    );
    expect(await axeViolations(popup)).toEqual([]);
    await screenshot(popup, 'popup-lookup.png');

    await box.fill('amlodipine');
    await expect(popup.getByTestId('plens-lookup-status')).toContainText(
      'No flagged medicine matches “amlodipine”',
    );
    await expect(answer).toHaveCount(0);
  } finally {
    await popup.close();
  }
});

test('"Copy letter" puts the filled letter on the clipboard and says "Copied"', async ({
  extensionContext,
}) => {
  // Chromium refuses a grant for the extension's origin ("opaque"); grant it for every origin.
  await extensionContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  const popup = await openPopup(extensionContext);
  try {
    await popup.getByRole('searchbox', { name: 'Medicine name' }).fill('methotrexat');
    const answer = popup.getByTestId('plens-lookup-card');
    await expect(answer.getByRole('heading', { level: 2 })).toHaveText('Methotrexate');
    await answer
      .getByRole('button', {
        name: 'Copy letter: Decline a shared-care request (to the specialist)',
      })
      .click();
    await expect(popup.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(
      'Copied: Decline a shared-care request (to the specialist)',
    );
    const text = await popup.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Re: request to transfer prescribing of Methotrexate under shared care');
    expect(text).toMatch(/\nSources:\n- .+ \(.+\) https:\/\/\S+\n- /);
    expect(text).not.toMatch(/\{\{|\}\}/);
    // The preview shows exactly what was copied.
    const preview = answer.locator('[data-letter-id="decline-shared-care"] pre');
    expect(await preview.textContent()).toBe(text);
  } finally {
    await popup.close();
  }
});

test('hide on this record removes the medicine’s marks from the page, also after a reload; “Show again” brings them back', async ({
  page,
  server,
  extensionContext,
}) => {
  await openGpScreen(page, server.url(GP_SCREEN));
  const tabId = await tabIdOf(extensionContext, page);
  await expect.poll(() => badgeText(extensionContext, tabId)).toBe('8');
  const popup = await openPopup(extensionContext, tabId);
  try {
    // Sertraline: a current repeat and a discontinued one (issue #18: the demo's zopiclone course
    // has ended, so it is past only and not in the badge).
    expect(await marksNamed(page, 'sertraline')).toBe(2); // current and past

    await popup.getByRole('button', { name: 'More: Sertraline' }).click();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Hide on this patient’s record (this tab)' }).click();
    await expect(popup.getByTestId('plens-popup-status')).toHaveText(
      'Sertraline: hidden on this record (this tab).',
    );
    const restore = popup.getByRole('button', { name: 'Show again', exact: true });
    await expect(restore).toBeFocused();
    await expect(popup.locator('li[data-rule-id="sertraline"]')).toContainText(
      'Hidden on this record (this tab)',
    );
    await expect.poll(() => marksNamed(page, 'sertraline')).toBe(0);
    await expect.poll(() => badgeText(extensionContext, tabId)).toBe('7');
    expect(await axeViolations(popup)).toEqual([]);

    // Restore: the marks come back.
    await restore.click();
    await expect
      .poll(() => readHighlights(page))
      .toEqual(expectedState(loadExpectations(GP_SCREEN), 'initial'));

    // Hidden on this record in this tab: a reload of the same record keeps it hidden (#18).
    await popup.getByRole('button', { name: 'More: Sertraline' }).click();
    await popup.getByRole('button', { name: 'Hide on this patient’s record (this tab)' }).click();
    await expect.poll(() => marksNamed(page, 'sertraline')).toBe(0);
    await page.reload();
    await expect(page.getByTestId('plens-hidden')).toHaveText('1 hidden — Show');
    await expect.poll(() => marksNamed(page, 'sertraline')).toBe(0);
    await expect.poll(() => badgeText(extensionContext, tabId)).toBe('7');
    await page.getByRole('button', { name: 'Show 1 hidden flag again' }).click();
    await expect
      .poll(() => readHighlights(page))
      .toEqual(expectedState(loadExpectations(GP_SCREEN), 'initial'));
    await expect.poll(() => badgeText(extensionContext, tabId)).toBe('8');
  } finally {
    await popup.close();
  }
});

test('keyboard only: Tab to a medicine, Enter reveals it, the popover has focus, Escape closes it', async ({
  page,
  server,
  extensionContext,
}) => {
  await openGpScreen(page, server.url(GP_SCREEN));
  const tabId = await tabIdOf(extensionContext, page);
  const popup = await openPopup(extensionContext, tabId);
  const closed = popup.waitForEvent('close');
  // As a person would, wait for the list: focus is already on its first medicine (#18).
  const first = popup.getByTestId('plens-reveal').first();
  await expect(first).toBeVisible();
  await expect(first).toBeFocused();
  await expect(first).toHaveText(/^Amiodarone/);
  // Tab order: the medicine, its "More", then the next medicine.
  await popup.keyboard.press('Tab');
  await expect(popup.getByRole('button', { name: 'More: Amiodarone' })).toBeFocused();
  await popup.keyboard.press('Tab');
  await expect(popup.getByTestId('plens-reveal').nth(1)).toBeFocused();
  await popup.keyboard.press('Shift+Tab');
  await popup.keyboard.press('Shift+Tab');
  await expect(first).toBeFocused();
  // The look-up sits above the list: one press away (it was 31).
  await popup.keyboard.press('Shift+Tab');
  await expect(popup.getByRole('searchbox', { name: 'Medicine name' })).toBeFocused();
  await popup.keyboard.press('Tab');
  await expect(first).toBeFocused();
  // Enter reveals it; the popup closes itself while the key is still being handled.
  await Promise.all([closed, popup.keyboard.press('Enter').catch(() => undefined)]);

  await page.bringToFront();
  await expect.poll(async () => (await popoverState(page)).heading).toBe('Amiodarone');
  expect((await popoverState(page)).hasFocus).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('Escape closes the popup, but first clears the search box', async ({ extensionContext }) => {
  const popup = await openPopup(extensionContext);
  const box = popup.getByRole('searchbox', { name: 'Medicine name' });
  await box.fill('zopiclon');
  await box.press('Escape');
  await expect(box).toHaveValue('');
  expect(popup.isClosed()).toBe(false);
  // The popup closes itself while the key is still being handled.
  await Promise.all([popup.waitForEvent('close'), box.press('Escape').catch(() => undefined)]);
  expect(popup.isClosed()).toBe(true);
});

test('hidden in every tab: gone from every tab and after a reload, until shown again', async ({
  page,
  server,
  extensionContext,
}) => {
  await openGpScreen(page, server.url(GP_SCREEN));
  const tabId = await tabIdOf(extensionContext, page);
  const popup = await openPopup(extensionContext, tabId);
  try {
    await popup.getByRole('button', { name: 'More: Diazepam' }).click();
    await popup.getByRole('button', { name: 'Hide in every tab until the browser closes' }).click();
    await expect(popup.locator('li[data-rule-id="diazepam"]')).toContainText('Hidden in every tab');
    const withoutDiazepam = async (target: Page) =>
      !Object.values(await readHighlights(target))
        .flat()
        .some((t) => t.toLowerCase() === 'diazepam');
    await expect.poll(() => withoutDiazepam(page)).toBe(true);
    await page.reload();
    await expect.poll(() => readHighlights(page)).not.toEqual({});
    await page.waitForTimeout(300);
    expect(await withoutDiazepam(page)).toBe(true);
    // Another clinical tab: the co-prescribing page shows diazepam only under past medication.
    const other = await extensionContext.newPage();
    await other.goto(server.url('coprescribing-past.html'));
    await expect.poll(() => readHighlights(other)).not.toEqual({});
    await other.waitForTimeout(300);
    expect(await withoutDiazepam(other)).toBe(true);

    await popup.reload();
    await popup.getByRole('button', { name: 'Show again', exact: true }).click();
    await expect
      .poll(() => readHighlights(page))
      .toEqual(expectedState(loadExpectations(GP_SCREEN), 'initial'));
    await expect.poll(() => withoutDiazepam(other)).toBe(false);
    await other.close();
  } finally {
    await popup.close();
  }
});

test('a site the extension does not run on: the popup says so and offers "Check this page"', async ({
  page,
  extensionContext,
}) => {
  // A page no content script of ours is declared for (and no extension may script a data: URL).
  await page.goto('data:text/html,<title>Other site</title><p>Zopiclone 7.5mg tablets</p>');
  const tabId = await tabIdOf(extensionContext, page);
  const popup = await openPopup(extensionContext, tabId);
  try {
    await expect(popup.getByTestId('plens-empty')).toContainText(
      'Prescribing Lens does not run on this site.',
    );
    const check = popup.getByRole('button', { name: 'Check this page' });
    expect(await axeViolations(popup)).toEqual([]);
    await check.click();
    // Here the popup has no activeTab grant (and data: URLs are off limits): it says why.
    await expect(popup.getByRole('alert')).toContainText('This page could not be checked:');
    expect(await axeViolations(popup)).toEqual([]);
    expect(await readHighlights(page)).toEqual({});
  } finally {
    await popup.close();
  }
});
