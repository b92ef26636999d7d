/**
 * Issue #19: the same GP screen under two practice profiles. One provides the stop smoking service
 * and the shared care local enhanced service (in North Central London); one provides neither (in
 * Devon). Flags, the popover's "Your practice" and "Where to refer", and the badge differ; a
 * profile set by policy is locked on the options page. The profile is organisational: no page
 * text reaches storage and no request leaves the browser.
 *
 * The Chromium context is shared by every test in the worker, so each test removes the storage
 * items it writes.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { collectHighlightTexts, HIGHLIGHT_NAMES } from './highlights';
import {
  activeServiceWorker,
  clearStorage,
  extensionId,
  revealFlag,
  setStorage,
  storageAll,
  tabIdOf,
} from './page-helpers';

const GP_SCREEN = 'gp-medication-screen.html';
const KEYS = ['settings', 'managedEmulation'];
const BOTH = { icb: 'north-central-london', services: ['stop-smoking', 'shared-care-les'] };
const NEITHER = { icb: 'devon', services: [] };

/** The slice of `chrome` used inside the service worker (no chrome types here). */
interface ChromeGlobal {
  chrome: { action: { getBadgeText(details: { tabId: number }): Promise<string> } };
}

type Texts = Record<string, string[]>;

/** Our highlights, with the underline-only (quiet) names as well. */
function readHighlights(page: Page): Promise<Texts> {
  const names = [...HIGHLIGHT_NAMES, ...HIGHLIGHT_NAMES.map((n) => `${n}-underline`)];
  return page.evaluate(collectHighlightTexts, names);
}

function categoryOf(highlights: Texts, name: string): string | null {
  for (const [category, texts] of Object.entries(highlights)) {
    if (texts?.includes(name)) return category;
  }
  return null;
}

async function badgeOf(context: BrowserContext, page: Page): Promise<string> {
  const tabId = await tabIdOf(context, page);
  return (await activeServiceWorker(context)).evaluate(
    (id) => (globalThis as unknown as ChromeGlobal).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
}

async function openCard(page: Page, name: string) {
  const point = await revealFlag(page, name);
  await page.mouse.click(point.x, point.y);
  const popover = page.getByRole('dialog');
  await expect(popover).toBeVisible();
  return popover;
}

test.afterEach(async ({ extensionContext }) => clearStorage(extensionContext, KEYS));

test('the same screen shows different positions, flags and badge counts per profile', async ({
  page,
  server,
  extensionContext,
  log,
}) => {
  await setStorage(extensionContext, { settings: { practice: NEITHER } });
  await page.goto(server.url(GP_SCREEN));
  // Varenicline's acute course on this screen has ended, so it is painted as past whatever the
  // profile (issue #18); its card still states the practice's position.
  await expect
    .poll(async () => categoryOf(await readHighlights(page), 'Methotrexate'))
    .toBe('plens-shared-care');
  expect(categoryOf(await readHighlights(page), 'Varenicline')).toBe('plens-past');
  await expect.poll(() => badgeOf(extensionContext, page)).not.toBe('');
  const neitherBadge = Number(await badgeOf(extensionContext, page));

  let popover = await openCard(page, 'Varenicline');
  const practice = popover.getByRole('region', { name: 'Your practice' });
  await expect(practice).toContainText('Your practice does not provide the Stop smoking service');
  await expect(practice).toContainText('must arrange another provider');
  await page.keyboard.press('Escape');

  popover = await openCard(page, 'Diazepam');
  const refer = popover.getByRole('region', { name: 'Where to refer' });
  await expect(refer).toContainText('No local service recorded for this in NHS Devon ICB');
  await page.keyboard.press('Escape');

  // The practice signs up to both services: flags go quiet, the badge drops.
  await setStorage(extensionContext, { settings: { practice: BOTH } });
  await expect
    .poll(async () => categoryOf(await readHighlights(page), 'Methotrexate'))
    .toBe('plens-shared-care-underline');
  expect(categoryOf(await readHighlights(page), 'Varenicline')).toBe('plens-past');
  await expect
    .poll(async () => Number(await badgeOf(extensionContext, page)))
    // At least methotrexate (the LES also answers the screen's other current shared care).
    .toBeLessThanOrEqual(neitherBadge - 1);

  popover = await openCard(page, 'Varenicline');
  await expect(popover.getByRole('region', { name: 'Your practice' })).toContainText(
    'Your practice provides the Stop smoking service (commissioned by the local authority public health commissioner',
  );
  await page.keyboard.press('Escape');

  // A North Central London practice sees the Camden withdrawal services, dated and sourced.
  popover = await openCard(page, 'Diazepam');
  const camden = popover.getByRole('region', { name: 'Where to refer' });
  await expect(camden).toContainText('Benzodiazepine and Opiate Withdrawal Service (BOWS)');
  await expect(camden).toContainText('check that it still runs');
  await camden.getByRole('heading', { name: 'Where to refer' }).scrollIntoViewIfNeeded();
  await popover.screenshot({ path: 'docs/screenshots/practice-where-to-refer.png' });
  const links = camden.getByRole('link');
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    expect(href).toMatch(/^https:\/\//);
  // Keyboard reachable: Tab moves through the card's controls to the directory's links.
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await camden
      .getByRole('link')
      .evaluateAll((as) => as.some((a) => a.matches(':focus')));
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Escape');

  // Privacy: storage holds the profile, never page text; nothing was requested elsewhere.
  const stored = await storageAll(await activeServiceWorker(extensionContext));
  expect(JSON.stringify(stored)).not.toContain('Varenicline 0.5mg');
  expect(JSON.stringify(stored.settings)).toBe(JSON.stringify({ practice: BOTH }));
  const origin = new URL(server.url(GP_SCREEN)).origin;
  expect(
    log.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('chrome-extension://')),
  ).toEqual([]);
});

/** The letters the popup's look-up offers for a medicine: title → filled text (previews). */
async function lettersInLookup(
  context: BrowserContext,
  query: string,
  drug: string,
): Promise<Record<string, string>> {
  const popup = await context.newPage();
  try {
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${await extensionId(context)}/popup.html`);
    await popup.getByRole('searchbox', { name: 'Medicine name' }).fill(query);
    const answer = popup.getByTestId('plens-lookup-card');
    await expect(answer.getByRole('heading', { level: 2 })).toHaveText(drug);
    const letters = answer.getByRole('list', { name: `Next-step letters for ${drug}` });
    if ((await letters.count()) === 0) return {};
    return Object.fromEntries(
      await letters
        .getByRole('listitem')
        .evaluateAll((items) =>
          items.map((li) => [
            li.querySelector('.plens-letter-title')?.firstChild?.textContent?.trim() ?? '',
            li.querySelector('pre')?.textContent ?? '',
          ]),
        ),
    );
  } finally {
    await popup.close();
  }
}

test('letters follow the profile: the service, its commissioner and the referral route on record', async ({
  extensionContext,
}) => {
  // Provides neither, in Devon: the notice to the commissioner names the service it does not
  // provide and who must arrange another provider; no local referral route is on record.
  await setStorage(extensionContext, { settings: { practice: NEITHER } });
  const vareniclineNeither = await lettersInLookup(extensionContext, 'varenicline', 'Varenicline');
  const notice = Object.values(vareniclineNeither).find((t) =>
    t.includes('This practice does not provide'),
  );
  expect(notice).toContain(
    'This practice does not provide the Stop smoking service; it is commissioned by the local authority public health commissioner, who must arrange another provider.',
  );
  const diazepamNeither = Object.values(
    await lettersInLookup(extensionContext, 'diazepam', 'Diazepam'),
  );
  expect(diazepamNeither.length).toBeGreaterThan(0);
  // Diazepam's letter is for the patient: it gets a referral route or nothing, never "none here".
  expect(diazepamNeither.join('\n')).not.toContain('Referral route on record');
  expect(diazepamNeither.join('\n')).not.toContain('Benzodiazepine and Opiate Withdrawal Service');

  // Provides both, in North Central London: no letter disputes the stop smoking prescribing its
  // own service covers, and diazepam's letters quote the Camden referral route on record.
  await setStorage(extensionContext, { settings: { practice: BOTH } });
  expect(await lettersInLookup(extensionContext, 'varenicline', 'Varenicline')).toEqual({});
  const diazepamBoth = Object.values(
    await lettersInLookup(extensionContext, 'diazepam', 'Diazepam'),
  );
  expect(diazepamBoth.length).toBeGreaterThan(0);
  for (const text of diazepamBoth) {
    expect(text).toContain(
      'Referral route on record: Benzodiazepine and Opiate Withdrawal Service (BOWS)',
    );
  }

  // Organisational facts only: no placeholder is left and nothing about a patient is filled in.
  for (const text of [...Object.values(vareniclineNeither), ...diazepamNeither, ...diazepamBoth])
    expect(text).not.toMatch(/\{\{|NHS number|Date of birth/i);
});

test('a profile set by policy is locked on the options page and used on pages', async ({
  page,
  server,
  extensionContext,
}) => {
  await setStorage(extensionContext, {
    settings: { practice: NEITHER },
    managedEmulation: { lockedSettings: { practice: BOTH } },
  });
  await page.goto(`chrome-extension://${await extensionId(extensionContext)}/options.html`);
  await expect(page.getByTestId('plens-practice-locked')).toBeVisible();
  const icb = page.getByLabel('Integrated care board (ICB)', { exact: true });
  await expect(icb).toBeDisabled();
  await expect(icb).toHaveValue('north-central-london');
  await expect(page.getByRole('checkbox', { name: /Stop smoking service/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /Stop smoking service/ })).toBeDisabled();
  await page
    .getByRole('region', { name: 'Your practice' })
    .screenshot({ path: 'docs/screenshots/options-your-practice-locked.png' });

  const gp = await extensionContext.newPage();
  try {
    await gp.goto(server.url(GP_SCREEN));
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Methotrexate'))
      .toBe('plens-shared-care-underline');
  } finally {
    await gp.close();
  }
});

test('the place (sub-ICB location) is offered where the ICB has several, and policy can lock it', async ({
  page,
  extensionContext,
}) => {
  await page.goto(`chrome-extension://${await extensionId(extensionContext)}/options.html`);
  const icb = page.getByLabel('Integrated care board (ICB)', { exact: true });
  await icb.selectOption('cheshire-merseyside');
  const place = page.getByLabel('Place (sub-ICB location)', { exact: true });
  await place.selectOption('01F');
  await expect
    .poll(async () => storageAll(await activeServiceWorker(extensionContext)))
    .toMatchObject({ settings: { practice: { icb: 'cheshire-merseyside', place: '01F' } } });
  // NHS Devon ICB has one sub-ICB location: no place to choose, and the old one is cleared.
  await icb.selectOption('devon');
  await expect(place).toHaveCount(0);

  await setStorage(extensionContext, {
    managedEmulation: {
      lockedSettings: { practice: { icb: 'sussex', services: [], place: '09D' } },
    },
  });
  await expect(page.getByTestId('plens-practice-locked')).toBeVisible();
  await expect(place).toBeDisabled();
  await expect(place).toHaveValue('09D');
});
