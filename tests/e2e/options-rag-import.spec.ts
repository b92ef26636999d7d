/**
 * An admin on the real options page imports the ICB's traffic-light list: chooses the CSV and a
 * mapping file through the real file choosers, reads the converter's report (problems with their
 * row numbers), sees the usual pack preview, confirms, and the open GP screen follows the local
 * rule without a reload. A malformed CSV is refused with its row named and nothing changes.
 *
 * What the sample list really changes on gp-medication-screen.html (checked with the converter,
 * `npm run import-rag`): Liothyronine ("Amber 1") replaces the national rule `liothyronine`, so its
 * popover now cites the local pack "Example ICB traffic lights" in place of the national pack.
 * Its category (specialist initiation) is the same, so the popover, not the colour, shows it.
 *
 * The Chromium context is shared by every test in the worker, so each test starts and ends with
 * the extension's storage items it touches removed.
 */
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations } from './axe-ours';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { clearStorage, extensionId, revealFlag, storageGet } from './page-helpers';

const RAG = path.resolve('tests/fixtures/rag');
const CSV = path.join(RAG, 'example-icb-traffic-lights.csv');
const MAPPING = path.join(RAG, 'example-icb.mapping.json');
const MALFORMED = path.join(RAG, 'unterminated-quote.csv');
const GP_SCREEN = 'gp-medication-screen.html';
const LOCAL_PACK_NAME = 'Example ICB traffic lights';

/** `chrome.storage.local` keys of the items in rules/store/items.ts this spec writes. */
const KEYS = ['localPack', 'keptLocalPack', 'ragMapping'];

async function openOptions(page: Page, context: BrowserContext): Promise<void> {
  await page.goto(`chrome-extension://${await extensionId(context)}/options.html`);
  await expect(page.getByRole('heading', { name: 'Rule packs in force' })).toBeVisible();
}

/** Chooses a file through the page's real file input, labelled `label`. */
async function chooseFile(page: Page, label: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel(label, { exact: true }).click();
  await (await chooser).setFiles(file);
}

/** The pack cited by Liothyronine's popover on the GP screen (hovered afresh each time). */
async function liothyroninePopover(gp: Page): Promise<string> {
  await gp.bringToFront();
  await gp.mouse.move(1, 1);
  await expect(gp.getByRole('dialog')).toBeHidden();
  const point = await revealFlag(gp, 'Liothyronine');
  await gp.mouse.move(point.x, point.y);
  const popover = gp.getByRole('dialog', { name: 'Liothyronine' });
  await expect(popover).toBeVisible();
  return (await popover.textContent()) ?? '';
}

async function openGpScreen(context: BrowserContext, url: string): Promise<Page> {
  const gp = await context.newPage();
  await gp.goto(url);
  await expect
    .poll(async () => (await readHighlights(gp))['plens-specialist-initiation'] ?? [])
    .toContain('Liothyronine');
  return gp;
}

/** axe on the whole options page, WCAG 2.2 A/AA rules, colour contrast included (real layout here). */
test.beforeEach(async ({ extensionContext }) => {
  await clearStorage(extensionContext, KEYS);
});
test.afterEach(async ({ extensionContext }) => {
  await clearStorage(extensionContext, KEYS);
});

test('a traffic-light CSV is converted with its report, previewed, applied on confirmation, and the open GP screen follows it without reload', async ({
  page,
  server,
  extensionContext,
  log,
}) => {
  const gp = await openGpScreen(extensionContext, server.url(GP_SCREEN));
  try {
    expect(await liothyroninePopover(gp)).not.toContain(LOCAL_PACK_NAME);

    await openOptions(page, extensionContext);
    await page.bringToFront();
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Import a traffic-light formulary (CSV or Excel)' }),
    });
    await chooseFile(page, 'Traffic-light list (CSV or Excel)', CSV);
    await chooseFile(page, 'Or load a mapping file (JSON)', MAPPING);
    await expect(section.getByLabel('Start from')).toHaveValue('file');
    // Statuses the mapping file does not list wait for the admin's decision.
    const undecided = section.getByTestId('plens-rag-undecided');
    await expect(undecided).toBeVisible();
    for (const select of await section
      .getByTestId('plens-rag-statuses')
      .getByRole('combobox')
      .all()) {
      if ((await select.inputValue()) === '') await select.selectOption('skip');
    }
    await expect(undecided).toHaveCount(0);

    const report = section.getByTestId('plens-rag-report');
    await expect(report.getByRole('heading', { level: 3 })).toHaveText(
      'Conversion report: “example-icb-traffic-lights.csv”',
    );
    await expect(report.getByTestId('plens-rag-summary')).toContainText(
      '57 national rules replaced',
    );
    const problems = report.getByTestId('plens-rag-problems').getByRole('listitem');
    // The row with no status is listed by number (rows whose status the mapping did not know
    // were decided above, so they are no longer problems).
    await expect(problems.filter({ hasText: /^Row 102 / })).toContainText('has no status');
    await section.getByRole('button', { name: 'Check the pack and see what changes' }).click();

    // Then the same preview as a pack import; nothing is stored yet.
    const preview = section.getByTestId('plens-preview');
    await expect(preview.getByRole('heading', { level: 3 })).toHaveText(
      `Check before applying: “${LOCAL_PACK_NAME}”`,
    );
    await expect(preview.getByRole('heading', { level: 3 })).toBeFocused();
    expect(await storageGet(page, 'localPack')).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);

    await preview.getByRole('button', { name: 'Apply this pack' }).click();
    await expect(page.getByTestId('plens-status')).toContainText(
      `The local pack “${LOCAL_PACK_NAME}”`,
    );
    const stored = (await storageGet(page, 'localPack')) as {
      text: string;
      fileName: string;
      importedAt: string;
    };
    expect(stored.fileName).toBe('example-icb-traffic-lights.pack.json');
    expect(JSON.parse(stored.text)).toMatchObject({ name: LOCAL_PACK_NAME });
    expect(typeof stored.importedAt).toBe('string');

    // The open tab follows the local rule in place: Liothyronine's popover cites the local pack.
    await expect
      .poll(() => liothyroninePopover(gp), { timeout: 10_000 })
      .toContain(LOCAL_PACK_NAME);

    // Clean up as an admin would: remove the local pack, and the national rule is back.
    await page.bringToFront();
    await page.getByRole('button', { name: 'Remove local pack' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(page.getByTestId('plens-status')).toHaveText(
      'The local pack was removed. The national pack is in force again. Use “Undo” to put it back.',
    );
    expect(await storageGet(page, 'localPack')).toBeUndefined();
    await expect
      .poll(() => liothyroninePopover(gp), { timeout: 10_000 })
      .not.toContain(LOCAL_PACK_NAME);
    expect(log.errors).toEqual([]);
  } finally {
    await gp.close();
  }
});

test('a malformed CSV is refused with its row named, and nothing changes', async ({
  page,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  const section = page.locator('section', {
    has: page.getByRole('heading', { name: 'Import a traffic-light formulary (CSV or Excel)' }),
  });
  await chooseFile(page, 'Traffic-light list (CSV or Excel)', MALFORMED);

  const errors = section.getByTestId('plens-rag-list-errors');
  await expect(errors).toContainText(
    '“unterminated-quote.csv” could not be read. Nothing has changed.',
  );
  await expect(errors).toContainText(
    'Row 3 (line 3), column 5 ("Comments"): a quoted cell starts here and is never closed',
  );
  await expect(page.getByTestId('plens-status')).toHaveText(
    '“unterminated-quote.csv” could not be read. Nothing has changed.',
  );
  await expect(section.getByTestId('plens-rag-mapper')).toHaveCount(0);
  await expect(page.getByTestId('plens-preview')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  expect(await storageGet(page, 'localPack')).toBeUndefined();
  await expect(page.getByRole('heading', { level: 3, name: /pack/ })).toHaveText([
    'National pack (built in)',
  ]);
});
