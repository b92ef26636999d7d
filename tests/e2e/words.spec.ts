/**
 * Issue #18, words a clinician can act on: the page card and the popup's "More" say the same
 * summary, position and advice; letters carry marked blanks, never page text; the page summary is
 * copied as plain text and opens laid out for A4; the welcome page opens once on install, with
 * the colour key and the instructions for use; popup and options show the version and the help
 * link. Each extension page is checked with axe.
 */
import type { Page } from '@playwright/test';
import { axeViolations } from './axe-ours';
import { expect, test } from './fixtures';
import { isWelcomeUrl, launchWithExtension } from './chromium';
import { readHighlights } from './highlights';
import {
  activeServiceWorker,
  clearSessionDismissals,
  extensionId,
  openPopupFor,
  revealFlag,
  tabIdOf,
} from './page-helpers';

const GP_SCREEN = 'gp-medication-screen.html';

async function openGpScreen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect
    .poll(async () => (await readHighlights(page))['plens-shared-care']?.length ?? 0)
    .toBeGreaterThan(0);
}

interface CardWords {
  readonly summary: string;
  readonly position: string;
  readonly advice: string;
}

async function wordsOf(card: ReturnType<Page['getByRole']>): Promise<CardWords> {
  return {
    summary: (await card.getByTestId('plens-summary').textContent()) ?? '',
    position: (await card.getByTestId('plens-position').textContent()) ?? '',
    advice: (await card.getByTestId('plens-advice').textContent()) ?? '',
  };
}

test.beforeEach(async ({ extensionContext }) => {
  await clearSessionDismissals(extensionContext);
});

test('the page card and the popup’s “More” show the same summary, position and advice', async ({
  page,
  server,
  extensionContext,
}) => {
  await openGpScreen(page, server.url(GP_SCREEN));
  const point = await revealFlag(page, 'Methotrexate');
  await page.mouse.move(point.x, point.y);
  const pageCard = page.getByRole('dialog', { name: 'Methotrexate' });
  await expect(pageCard).toBeVisible();
  const onPage = await wordsOf(pageCard);
  // One line first: what it is and the next step, before the detail.
  expect(onPage.summary).toMatch(/shared care agreement/);
  expect(onPage.summary).toMatch(/ask the specialist/);
  await page.mouse.move(5, 5);

  const popup = await openPopupFor(extensionContext, await tabIdOf(extensionContext, page));
  try {
    await popup.getByRole('button', { name: 'More: Methotrexate' }).click();
    const panel = popup.getByRole('group', {
      name: 'Methotrexate: position, advice, hide and letters',
    });
    const inPopup = await wordsOf(panel.getByRole('article'));
    expect(inPopup).toEqual(onPage);
    expect(await axeViolations(popup)).toEqual([]);
  } finally {
    await popup.close();
  }
});

test('where the page does not say current or past, the medicine is a “possible current” one', async ({
  page,
  server,
  extensionContext,
}) => {
  await openGpScreen(page, server.url(GP_SCREEN));
  // A screen that names a medicine under a heading that says neither current nor past.
  await page.evaluate(() => {
    document.body.innerHTML =
      '<main><h2>Summary</h2><ul><li>Zopiclone 7.5mg tablets, one at night</li></ul></main>';
  });
  await expect
    .poll(async () => (await readHighlights(page))['plens-dependence-forming'] ?? [])
    .toEqual(['Zopiclone']);
  const popup = await openPopupFor(extensionContext, await tabIdOf(extensionContext, page));
  try {
    await expect(popup.getByRole('button', { name: /^Zopiclone/ })).toHaveText(
      'Zopiclone 1 possible current',
    );
    // Still counted: a flag rather than a miss.
    await expect(popup.getByTestId('plens-page-count')).toHaveText('1 current medicine');
  } finally {
    await popup.close();
  }
  const point = await revealFlag(page, 'Zopiclone');
  await page.mouse.move(point.x, point.y);
  await expect(
    page.getByRole('dialog', { name: 'Zopiclone' }).getByTestId('plens-unstated-note'),
  ).toContainText('Possible current medicine');
});

test('a copied letter has marked blanks for the patient, addressee, date and signature', async ({
  page,
  server,
  extensionContext,
}) => {
  await extensionContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openGpScreen(page, server.url(GP_SCREEN));
  const popup = await openPopupFor(extensionContext, await tabIdOf(extensionContext, page));
  try {
    await popup.getByRole('button', { name: 'More: Methotrexate' }).click();
    await popup
      .getByRole('button', {
        name: 'Copy letter: Decline a shared-care request (to the specialist)',
      })
      .first()
      .click();
    await expect(popup.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    const text = await popup.evaluate(() => navigator.clipboard.readText());
    for (const blank of [
      '[PRACTICE NAME AND ADDRESS]',
      '[DATE]',
      'To: [ADDRESSEE / SPECIALIST]',
      'Patient: [PATIENT NAME]',
      'NHS number: [NHS NUMBER]',
      'Date of birth: [DATE OF BIRTH]',
      '[SIGNATURE]',
    ])
      expect(text).toContain(blank);
    // Nothing about the patient on the demo screen reaches the letter.
    const banner = await page.evaluate(() => document.body.innerText);
    const nhsNumber = /\b\d{3} \d{3} \d{4}\b/.exec(banner)?.[0];
    if (nhsNumber) expect(text).not.toContain(nhsNumber);
  } finally {
    await popup.close();
  }
});

test('"Copy summary" and "Print summary": the page’s medicines, position and next step, for A4', async ({
  page,
  server,
  extensionContext,
}) => {
  await extensionContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openGpScreen(page, server.url(GP_SCREEN));
  const popup = await openPopupFor(extensionContext, await tabIdOf(extensionContext, page));
  try {
    await popup.getByRole('button', { name: 'Copy summary' }).click();
    await expect(popup.getByTestId('plens-popup-status')).toHaveText(
      'Copied: the page summary (no patient details).',
    );
    const text = await popup.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('8 current medicines · 7 past or mentioned only');
    expect(text).toContain(
      '\n- Methotrexate (1 current, mentioned once)\n  Shared care is voluntary: take over prescribing only under a shared care agreement',
    );
    expect(text).toContain('Past or mentioned only (7)');
    const pageText = await page.evaluate(() => document.body.innerText);
    const nhsNumber = /\b\d{3} \d{3} \d{4}\b/.exec(pageText)?.[0];
    if (nhsNumber) expect(text).not.toContain(nhsNumber);

    const [print] = await Promise.all([
      extensionContext.waitForEvent('page'),
      popup.getByRole('button', { name: 'Print summary' }).click(),
    ]);
    await expect(print.getByTestId('plens-print-counts')).toHaveText(
      '8 current medicines · 7 past or mentioned only',
    );
    expect(new URL(print.url()).searchParams.get('view')).toBe('print');
    await expect(print.locator('[data-rule-id="methotrexate"]')).toContainText('Shared care is');
    expect(await axeViolations(print)).toEqual([]);
    // On paper: no Print button, only the summary.
    await print.emulateMedia({ media: 'print' });
    await expect(print.getByRole('button', { name: 'Print' })).toBeHidden();
    await print.close();
  } finally {
    await popup.close();
  }
});

test('popup and options show the version and the instructions for use; no “What’s new” after install', async ({
  extensionContext,
}) => {
  const id = await extensionId(extensionContext);
  const version = await (
    await activeServiceWorker(extensionContext)
  ).evaluate(
    () =>
      (
        globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }
      ).chrome.runtime.getManifest().version,
  );
  for (const file of ['popup.html', 'options.html']) {
    const page = await extensionContext.newPage();
    try {
      await page.goto(`chrome-extension://${id}/${file}`);
      const about = page.getByTestId('plens-about');
      await expect(about).toContainText(`Version ${version}`);
      await expect(about.getByRole('link', { name: 'Instructions for use' })).toHaveAttribute(
        'href',
        `chrome-extension://${id}/welcome.html#instructions`,
      );
      await expect(page.getByTestId('plens-whats-new')).toHaveCount(0);
    } finally {
      await page.close();
    }
  }
});

test('install opens the welcome page once: colour key, where it runs, instructions; an update shows “What’s new” quietly', async () => {
  const launched = await launchWithExtension({ keepWelcome: true });
  try {
    const { context } = launched;
    await expect.poll(() => context.pages().filter((p) => isWelcomeUrl(p.url())).length).toBe(1);
    const welcome = context.pages().find((p) => isWelcomeUrl(p.url()));
    if (!welcome) throw new Error('no welcome tab');
    await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Prescribing Lens');
    const key = welcome.getByTestId('plens-colour-key');
    for (const label of [
      'Shared care',
      'Specialist initiation',
      'No commissioned service',
      'Dependence-forming',
      'Possible match',
      'Past medication',
    ])
      await expect(key).toContainText(label);
    await expect(welcome.getByRole('heading', { name: 'Where it runs' })).toBeVisible();
    await expect(welcome.getByText(/see the instructions for use/)).toBeVisible();
    await expect(
      welcome.getByRole('region', { name: 'Instructions for use' }).getByRole('heading', {
        name: 'No mark is not an all-clear',
      }),
    ).toBeVisible();
    await expect(welcome.getByText(/^Prescribing Lens version \d/)).toBeVisible();
    expect(await axeViolations(welcome)).toEqual([]);

    // As after an update: the stored version is older. No tab opens; the popup's footer offers
    // "What's new" until it is opened once.
    const worker = await activeServiceWorker(context);
    await worker.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set(v: object): Promise<void> } } };
        }
      ).chrome.storage.local.set({ welcomeVersion: '0.0.1' }),
    );
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${await extensionId(context)}/popup.html`);
    const line = popup.getByTestId('plens-whats-new');
    await expect(line).toContainText('What’s new in');
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      line.getByRole('link').click(),
    ]);
    await expect(opened.getByRole('heading', { name: /^What’s new in/ })).toBeVisible();
    await expect(line).toHaveCount(0);
    await popup.reload();
    await expect(popup.getByTestId('plens-about')).toBeVisible();
    await expect(popup.getByTestId('plens-whats-new')).toHaveCount(0);
  } finally {
    await launched.close();
  }
});
