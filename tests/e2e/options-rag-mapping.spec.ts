/**
 * Issue #20, as an ICB admin who is not a programmer meets it on the real options page:
 *
 * - a 31-row traffic-light export of the usual shape (BNF Chapter, Drug, Formulation, Status,
 *   Notes), first as CSV and then as an Excel workbook (second sheet), mapped entirely on screen:
 *   columns picked, each status given a meaning, green rows switching the national flag off,
 *   previewed row by row, applied, and the open GP screen following it (polled, never slept);
 *   the mapping saved, and offered first for the workbook;
 * - two other common export shapes (netFormulary; a semicolon, Windows-1252 APC list) mapped with
 *   a preset and by hand;
 * - removing the pack asks first, and Undo puts it back;
 * - a hand-written pack's mistakes reported in the plain words an admin acts on, word for word;
 * - axe clean throughout (WCAG 2.2 AA, real layout, colour contrast included).
 *
 * On gp-medication-screen.html the national pack flags Warfarin (no commissioned service) and
 * Liothyronine (specialist initiation). The list makes Warfarin green (switched off) and
 * Liothyronine red (no commissioned service). Statuses are fictitious and the fixtures say so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { axeViolations } from './axe-ours';
import { expect, test } from './fixtures';
import { readHighlights, type HighlightTexts } from './highlights';
import { clearStorage, extensionId, storageGet } from './page-helpers';

const RAG = path.resolve('tests/fixtures/rag');
const USUAL_CSV = path.join(RAG, 'icb-usual-shape.csv');
const USUAL_XLSX = path.join(RAG, 'icb-usual-shape.xlsx');
const NETFORMULARY = path.join(RAG, 'netformulary-sample.csv');
const PAN_MERSEY = path.join(RAG, 'pan-mersey-sample.csv');
const SERVICES_CSV = path.join(RAG, 'services-column.csv');
const PLAIN_ERRORS = path.resolve('tests/fixtures/options/plain-errors-pack.json');
const GP_SCREEN = 'gp-medication-screen.html';
const SCREENSHOTS = path.resolve('docs/screenshots');
const PACK_NAME = 'Example ICB formulary traffic lights';
const SWITCH_OFF =
  'Green on the local formulary: GPs may prescribe it, so the national flag is switched off';

/** `chrome.storage.local` keys this spec writes (rules/store/items.ts and the options store). */
const KEYS = ['localPack', 'keptLocalPack', 'ragMapping'];

async function openOptions(page: Page, context: BrowserContext): Promise<void> {
  await page.goto(`chrome-extension://${await extensionId(context)}/options.html`);
  await expect(page.getByRole('heading', { name: 'Rule packs in force' })).toBeVisible();
}

async function chooseFile(page: Page, label: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel(label, { exact: true }).click();
  await (await chooser).setFiles(file);
}

function categoryOf(highlights: HighlightTexts, name: string): string | null {
  for (const [category, texts] of Object.entries(highlights)) {
    if (texts?.includes(name)) return category;
  }
  return null;
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

function ragSection(page: Page): Locator {
  return page.locator('section', {
    has: page.getByRole('heading', { name: 'Import a traffic-light formulary (CSV or Excel)' }),
  });
}

/** The "Becomes" cell of the preview row for `drug`. */
function becomes(section: Locator, drug: string): Locator {
  return section
    .getByTestId('plens-rag-preview')
    .getByRole('row')
    .filter({ has: section.page().getByRole('cell', { name: drug, exact: true }) })
    .getByRole('cell')
    .last();
}

async function fillDetails(section: Locator): Promise<void> {
  await section.getByLabel('Pack name').fill(PACK_NAME);
  await section.getByLabel('Publisher').fill('NHS Example ICB Medicines Optimisation Team');
  await section.getByLabel('Licence').fill('OGL-UK-3.0');
  await section.getByLabel('Formulary name').fill('Example ICB formulary (fictitious)');
  await section
    .getByLabel('Formulary web address (https)')
    .fill('https://example-icb.nhs.uk/formulary');
}

test.beforeEach(async ({ extensionContext }) => {
  await clearStorage(extensionContext, KEYS);
});
test.afterEach(async ({ extensionContext }) => {
  await clearStorage(extensionContext, KEYS);
});

test('a CSV and an Excel list of the usual shape are mapped on screen, applied, switch national flags off, and the mapping is reused; remove asks first and undo restores', async ({
  page,
  server,
  extensionContext,
  log,
}) => {
  const gp = await extensionContext.newPage();
  await gp.goto(server.url(GP_SCREEN));
  await expect
    .poll(async () => categoryOf(await readHighlights(gp), 'Warfarin'))
    .toBe('plens-no-commissioned-service');
  expect(categoryOf(await readHighlights(gp), 'Liothyronine')).toBe('plens-specialist-initiation');
  try {
    await openOptions(page, extensionContext);
    const section = ragSection(page);

    // 1. The CSV: columns found from their names, each status listed with its row count.
    await chooseFile(page, 'Traffic-light list (CSV or Excel)', USUAL_CSV);
    await expect(page.getByTestId('plens-status')).toHaveText(
      '“icb-usual-shape.csv” read: 31 rows. Map its columns and statuses below.',
    );
    await expect(section.getByLabel('Drug name column (required)')).toHaveValue('Drug');
    await expect(section.getByLabel('Status (traffic light) column (required)')).toHaveValue(
      'Status',
    );
    await expect(section.getByLabel('Formulation column')).toHaveValue('Formulation');
    await expect(section.getByLabel('Notes column')).toHaveValue('Notes');
    const statuses = section.getByTestId('plens-rag-statuses').getByRole('rowheader');
    await expect(statuses).toHaveText(['Green', 'Red', 'Amber', 'Grey']);

    // Each status given its meaning; green switches the national flag off.
    await section
      .getByLabel('Meaning of “Red”')
      .selectOption({ label: 'Flag: No commissioned service' });
    await section.getByLabel('Meaning of “Amber”').selectOption({ label: 'Flag: Shared care' });
    await section
      .getByLabel('Meaning of “Grey”')
      .selectOption({ label: 'Flag: No commissioned service' });
    await section
      .getByLabel('Meaning of “Green”')
      .selectOption({ label: 'Switch off the national flag' });
    await fillDetails(section);

    // The live preview says what each of the first rows becomes, with the reason.
    await expect(becomes(section, 'Warfarin')).toHaveText(
      `Switches off the national flag (No commissioned service): ${SWITCH_OFF}`,
    );
    await expect(becomes(section, 'Liothyronine')).toHaveText(
      'Flagged: No commissioned service (replaces the national rule liothyronine)',
    );
    await expect(becomes(section, 'Lithium')).toHaveText(
      'Flagged: Shared care (replaces the national rule lithium)',
    );
    await expect(becomes(section, 'Omeprazole')).toHaveText(
      `Not flagged: ${SWITCH_OFF}; no single national rule flags it, so there is nothing to switch off`,
    );
    await expect(section.getByTestId('plens-rag-switched-off')).toContainText('Warfarin');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'options-rag-mapping.png');

    // Saved for next time, before applying.
    await section.getByRole('button', { name: 'Save mapping for next time' }).click();
    await expect(page.getByTestId('plens-status')).toHaveText(
      'Mapping saved. It is offered first the next time you import a list.',
    );
    expect(await storageGet(page, 'ragMapping')).toMatchObject({
      columns: { drug: 'Drug', status: 'Status' },
    });

    // Applied through the usual check → preview → confirm.
    await section.getByRole('button', { name: 'Check the pack and see what changes' }).click();
    const preview = section.getByTestId('plens-preview');
    await expect(preview.getByRole('heading', { level: 3 })).toHaveText(
      `Check before applying: “${PACK_NAME}”`,
    );
    expect(await storageGet(page, 'localPack')).toBeUndefined();
    await preview.getByRole('button', { name: 'Apply this pack' }).click();
    await expect(page.getByTestId('plens-status')).toContainText(`The local pack “${PACK_NAME}”`);

    // The open GP screen follows once the background has rebuilt.
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Liothyronine'), { timeout: 10_000 })
      .toBe('plens-no-commissioned-service');
    await expect.poll(async () => categoryOf(await readHighlights(gp), 'Warfarin')).toBeNull();
    expect(categoryOf(await readHighlights(gp), 'Lithium')).toBe('plens-shared-care');
    const stored = (await storageGet(page, 'localPack')) as { text: string };
    expect(JSON.parse(stored.text)).toMatchObject({
      disable: expect.arrayContaining([expect.objectContaining({ ruleId: 'warfarin' })]),
    });

    // 2. Remove asks first; "keep it" changes nothing; undo restores the pack.
    await page.bringToFront();
    await page.getByRole('button', { name: 'Remove local pack' }).click();
    await expect(page.getByTestId('plens-remove-confirm')).toContainText(
      'Remove the local pack “icb-usual-shape.pack.json”?',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'No, keep it' }).click();
    expect(await storageGet(page, 'localPack')).toEqual(stored);
    await page.getByRole('button', { name: 'Remove local pack' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(page.getByTestId('plens-status')).toHaveText(
      'The local pack was removed. The national pack is in force again. Use “Undo” to put it back.',
    );
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Warfarin'), { timeout: 10_000 })
      .toBe('plens-no-commissioned-service');
    await expect(page.getByTestId('plens-undo')).toContainText(
      `The local pack “${PACK_NAME}” (“icb-usual-shape.pack.json”) was removed on`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Undo: put “${PACK_NAME}” back` }).click();
    await expect(page.getByTestId('plens-status')).toHaveText(
      `The local pack “${PACK_NAME}” is back in force. Open clinical pages update by themselves.`,
    );
    expect(await storageGet(page, 'localPack')).toEqual(stored);
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Warfarin'), { timeout: 10_000 })
      .toBeNull();

    // 3. The same list as an Excel workbook: the saved mapping is offered first; the list is on
    // the second sheet.
    await openOptions(page, extensionContext);
    const again = ragSection(page);
    await chooseFile(page, 'Traffic-light list (CSV or Excel)', USUAL_XLSX);
    await expect(again.getByLabel('Sheet')).toHaveValue('Cover');
    await again.getByLabel('Sheet').selectOption('Formulary');
    await expect(page.getByTestId('plens-status')).toHaveText(
      '“icb-usual-shape.xlsx”, sheet “Formulary”, read: 31 rows. Map its columns and statuses below.',
    );
    await expect(again.getByLabel('Start from')).toHaveValue('saved');
    await expect(again.getByLabel('Meaning of “Green”')).toHaveValue('disable');
    await expect(again.getByLabel('Meaning of “Red”')).toHaveValue('no-commissioned-service');
    await fillDetails(again);
    await expect(becomes(again, 'Warfarin')).toHaveText(
      `Switches off the national flag (No commissioned service): ${SWITCH_OFF}`,
    );
    await expect(becomes(again, 'Liothyronine')).toHaveText(
      'Flagged: No commissioned service (replaces the national rule liothyronine)',
    );
    expect(await axeViolations(page)).toEqual([]);
    await again.getByRole('button', { name: 'Check the pack and see what changes' }).click();
    await again
      .getByTestId('plens-preview')
      .getByRole('button', { name: 'Apply this pack' })
      .click();
    await expect(page.getByTestId('plens-status')).toContainText(
      'Use “Undo” to put the previous pack back.',
    );
    expect(((await storageGet(page, 'localPack')) as { fileName: string }).fileName).toBe(
      'icb-usual-shape.pack.json',
    );
    await expect(page.getByTestId('plens-undo')).toContainText('was replaced by a new local pack');
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Liothyronine'), { timeout: 10_000 })
      .toBe('plens-no-commissioned-service');
    expect(categoryOf(await readHighlights(gp), 'Warfarin')).toBeNull();
    expect(log.errors).toEqual([]);
  } finally {
    await gp.close();
  }
});

test('two other common export shapes map on screen: a netFormulary export with its preset, and a semicolon APC list by hand', async ({
  page,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  const section = ragSection(page);

  await chooseFile(page, 'Traffic-light list (CSV or Excel)', NETFORMULARY);
  await section
    .getByLabel('Start from')
    .selectOption({ label: 'Example: netFormulary-style list (Red, Amber, Green SI…)' });
  await expect(section.getByLabel('Drug name column (required)')).toHaveValue('Name');
  await expect(section.getByLabel('Status (traffic light) column (required)')).toHaveValue(
    'Traffic Light',
  );
  await expect(section.getByLabel('Brand names column')).toHaveValue('Brands');
  await expect(section.getByLabel('Link column')).toHaveValue('Link');
  await expect(section.getByTestId('plens-rag-undecided')).toHaveCount(0);
  await expect(section.getByTestId('plens-rag-preview').getByRole('row').nth(1)).toContainText(
    'Flagged: Shared care (replaces the national rule methotrexate)',
  );
  expect(await axeViolations(page)).toEqual([]);

  await chooseFile(page, 'Traffic-light list (CSV or Excel)', PAN_MERSEY);
  await expect(section.getByLabel('Drug name column (required)')).toHaveValue('Medicine');
  await expect(section.getByLabel('Status (traffic light) column (required)')).toHaveValue('RAG');
  await expect(section.getByLabel('Brand names column')).toHaveValue('Brand name');
  const undecided = section.getByTestId('plens-rag-undecided');
  for (const select of await section
    .getByTestId('plens-rag-statuses')
    .getByRole('combobox')
    .all()) {
    if ((await select.inputValue()) === '') await select.selectOption('specialist-initiation');
  }
  await expect(undecided).toHaveCount(0);
  await expect(section.getByTestId('plens-rag-preview')).toContainText('Melatonin');
  expect(await axeViolations(page)).toEqual([]);
  expect(await storageGet(page, 'localPack')).toBeUndefined();
});

test('a hand-written pack with everyday mistakes is refused in plain words, one error per mistake', async ({
  page,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Rule pack file (JSON)').click();
  await (await chooser).setFiles(PLAIN_ERRORS);
  const issues = page.getByTestId('plens-validation-issues');
  await expect(issues.getByRole('heading', { level: 3 })).toHaveText(
    '“plain-errors-pack.json” was not imported',
  );
  await expect(issues.getByTestId('plens-errors').getByRole('listitem')).toHaveText([
    `Rule 1 (id 'amlodipine-local', Amlodipine): "catagories" is not a field a rule has; did you mean "categories"?`,
    `Rule 2 (id 'liothyronine-local', Liothyronine): Category "red" is not one of shared-care, specialist-initiation, no-commissioned-service, dependence-forming; in this pack, hospital-only red drugs are 'no-commissioned-service'`,
    `Rule 3 (id 'warfarin-local', Warfarin): lastReviewed "2026-13-01" is not a real date: there is no month 13`,
    'Pack details: reviewBy (2026-10-01) is before publishedAt (2026-11-01); the review date must come after publication',
  ]);
  await expect(issues.getByTestId('plens-warnings')).toContainText(
    `Rule 1 (id 'amlodipine-local', Amlodipine): amlodipine is an everyday medicine that GPs start and prescribe routinely; flagging it marks it on many patients' records. Check the rule is meant to be in this pack`,
  );
  await expect(page.getByTestId('plens-status')).toHaveText(
    '“plain-errors-pack.json” was not imported: 4 problems. Nothing has changed.',
  );
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'options-plain-errors.png');
  expect(await storageGet(page, 'localPack')).toBeUndefined();
});

test('a local service column links rows to a service of the packs in force, whose drug list the pack sets (#19)', async ({
  page,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  const section = ragSection(page);
  await chooseFile(page, 'Traffic-light list (CSV or Excel)', SERVICES_CSV);
  await expect(section.getByLabel('Local service column')).toHaveValue('Local service');
  const linkOf = (label: string) => section.getByLabel(`Service meant by “${label}”`);
  // "Shared care LES" spells the national service's id; "High-risk drug monitoring" is the admin's call.
  await expect(linkOf('Shared care LES')).toHaveValue('shared-care-les');
  await expect(linkOf('High-risk drug monitoring')).toHaveValue('');
  await linkOf('High-risk drug monitoring').selectOption({
    label: 'DMARD and high-risk drug monitoring service',
  });
  await section
    .getByLabel('Meaning of “Amber 1”')
    .selectOption({ label: 'Flag: Specialist initiation' });
  await fillDetails(section);
  await expect(becomes(section, 'Azathioprine')).toHaveText(
    'Flagged: Shared care (replaces the national rule azathioprine); under the Shared care local enhanced service',
  );
  await expect(becomes(section, 'Methotrexate (oral)')).toHaveText(
    'Flagged: Shared care (replaces the national rule methotrexate); under the DMARD and high-risk drug monitoring service',
  );
  expect(await axeViolations(page)).toEqual([]);

  await section.getByRole('button', { name: 'Check the pack and see what changes' }).click();
  await section
    .getByTestId('plens-preview')
    .getByRole('button', { name: 'Apply this pack' })
    .click();
  await expect(page.getByTestId('plens-status')).toContainText(`The local pack “${PACK_NAME}”`);
  const stored = (await storageGet(page, 'localPack')) as { text: string };
  const pack = JSON.parse(stored.text) as { services: { id: string; covers: unknown }[] };
  expect(pack.services.map((x) => [x.id, x.covers])).toEqual([
    ['dmard-monitoring', { rules: ['methotrexate'] }],
    ['shared-care-les', { rules: ['azathioprine', 'mercaptopurine'] }],
  ]);
});
