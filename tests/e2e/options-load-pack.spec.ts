/**
 * An admin on the real options page: imports a local pack with the file chooser (or by dropping
 * it), sees the preview, confirms, and an open GP screen flags the new medicine without a reload;
 * a broken pack lists its problems and changes nothing; removing the local pack reverts to the
 * national pack; a managed (policy) pack wins over the local one and locks preferences; export
 * downloads the stored text. Each state is checked with axe, colour contrast included.
 *
 * The Chromium context is shared by every test in the worker, so each test starts and ends with
 * the extension's storage items it touches removed (see `clearStorage`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations } from './axe-ours';
import { expect, test } from './fixtures';
import { readHighlights, type HighlightTexts } from './highlights';
import { clearStorage, extensionId, revealFlag, storageGet, storageSet } from './page-helpers';

const PACKS = path.resolve('tests/fixtures/options');
const LOCAL = path.join(PACKS, 'local-amlodipine.json');
const MANAGED = path.join(PACKS, 'managed-amlodipine.json');
const BROKEN = path.join(PACKS, 'broken-pack.json');
const NO_SOURCE = path.join(PACKS, 'local-no-source.json');
const SCREENSHOTS = path.resolve('docs/screenshots');
const GP_SCREEN = 'gp-medication-screen.html';

/** `chrome.storage.local` keys of the items in rules/store/items.ts this spec writes. */
const KEYS = ['localPack', 'managedEmulation', 'settings', 'keptLocalPack'];

async function openOptions(page: Page, context: BrowserContext): Promise<void> {
  await page.goto(`chrome-extension://${await extensionId(context)}/options.html`);
  await expect(page.getByRole('heading', { name: 'Rule packs in force' })).toBeVisible();
}

/** Stands in for an earlier import, so tests that are not about importing start from a pack. */
async function storeLocalPack(page: Page, file: string): Promise<string> {
  const text = fs.readFileSync(file, 'utf8');
  const value = { text, fileName: path.basename(file), importedAt: '2026-11-20T09:30:00.000Z' };
  await storageSet(page, { localPack: value });
  return text;
}

/** Chooses a file through the page's real file input, as an admin would. */
async function importWithFileChooser(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Rule pack file (JSON)').click();
  await (await chooser).setFiles(file);
}

/** Drops a file on the import box: a real DataTransfer and DragEvent, dispatched in the page. */
async function importByDrop(page: Page, file: string): Promise<void> {
  const text = fs.readFileSync(file, 'utf8');
  await page.getByTestId('plens-drop-zone').evaluate(
    (zone, { text, name }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(
          new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
        );
      }
    },
    { text, name: path.basename(file) },
  );
}

/** Which highlight (category) each name is painted in on the GP screen, e.g. Amlodipine. */
function categoryOf(highlights: HighlightTexts, name: string): string | null {
  for (const [category, texts] of Object.entries(highlights)) {
    if (texts?.includes(name)) return category;
  }
  return null;
}

async function openGpScreen(context: BrowserContext, url: string): Promise<Page> {
  const gp = await context.newPage();
  await gp.goto(url);
  // The national pack has painted: Sertraline (a current repeat) is flagged, Amlodipine is not.
  // (Not Zopiclone: the demo's zopiclone course has ended, so it is painted as past — issue #18.)
  await expect
    .poll(async () => categoryOf(await readHighlights(gp), 'Sertraline'))
    .toBe('plens-dependence-forming');
  return gp;
}

/** axe on the whole options page, WCAG 2.2 A/AA rules, colour contrast included (real layout here). */
async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

test.beforeEach(async ({ extensionContext }) => {
  await clearStorage(extensionContext, KEYS);
});
test.afterEach(async ({ extensionContext }) => {
  await clearStorage(extensionContext, KEYS);
});

test('a local pack chosen with the file chooser is previewed, applied on confirmation, and flags the open GP screen without reload', async ({
  page,
  server,
  extensionContext,
  log,
}) => {
  const gp = await openGpScreen(extensionContext, server.url(GP_SCREEN));
  try {
    expect(categoryOf(await readHighlights(gp), 'Amlodipine')).toBeNull();
    await openOptions(page, extensionContext);
    expect(await axeViolations(page)).toEqual([]);

    await importWithFileChooser(page, LOCAL);
    const preview = page.getByTestId('plens-preview');
    await expect(preview.getByRole('heading', { level: 3 })).toHaveText(
      'Check before applying: “Example ICB local positions (test)”',
    );
    await expect(preview.getByTestId('plens-added')).toContainText(
      'Amlodipine — No commissioned service',
    );
    await expect(preview.getByTestId('plens-removed')).toContainText(
      'Melatonin — switched off: FICTITIOUS TEST',
    );
    await expect(preview.getByRole('heading', { level: 3 })).toBeFocused();
    // Previewing stores nothing.
    expect(await storageGet(page, 'localPack')).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'options-preview.png');

    await preview.getByRole('button', { name: 'Apply this pack' }).click();
    await expect(page.getByTestId('plens-status')).toHaveText(
      'The local pack “Example ICB local positions (test)” version 2026.11.1 is now in force. Open clinical pages update by themselves.',
    );
    await expect(page.getByRole('heading', { name: 'Local pack', exact: true })).toBeVisible();
    const stored = (await storageGet(page, 'localPack')) as { text: string; fileName: string };
    expect(stored.text).toBe(fs.readFileSync(LOCAL, 'utf8'));
    expect(stored.fileName).toBe('local-amlodipine.json');

    // The open tab re-annotates in place (no reload): Amlodipine is now flagged.
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Amlodipine'))
      .toBe('plens-no-commissioned-service');
    expect(categoryOf(await readHighlights(gp), 'Sertraline')).toBe('plens-dependence-forming');

    // The rule table finds it, typo and all, and says where it came from.
    await page.getByLabel('Search by medicine, brand or category').fill('amlodipin');
    const row = page.getByTestId('plens-rule-table').getByRole('row', { name: /Amlodipine/ });
    await expect(row.getByRole('cell').last()).toHaveText('Local');
    expect(log.errors).toEqual([]);
  } finally {
    await gp.close();
  }
});

test('a local rule with no source loads with a warning, and its card says who gave no source', async ({
  page,
  server,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  await importWithFileChooser(page, NO_SOURCE);
  const preview = page.getByTestId('plens-preview');
  await expect(preview.getByTestId('plens-preview-warnings').getByRole('listitem')).toContainText([
    `Rule 1 (id 'amlodipine-example-unsourced', Amlodipine): No source given, so readers cannot check it; the card will say "No source given by Example ICB unsourced line (test)". Add the document the rule rests on (title, publisher and https link)`,
  ]);
  await preview.getByRole('button', { name: 'Apply this pack' }).click();
  await expect(page.getByRole('heading', { name: 'Local pack', exact: true })).toBeVisible();

  const gp = await openGpScreen(extensionContext, server.url(GP_SCREEN));
  try {
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Amlodipine'))
      .toBe('plens-no-commissioned-service');
    const point = await revealFlag(gp, 'Amlodipine');
    await gp.mouse.click(point.x, point.y);
    const card = gp.getByRole('dialog');
    await expect(card.getByTestId('plens-no-source')).toHaveText(
      'No source given by Example ICB unsourced line (test)',
    );
  } finally {
    await gp.close();
  }
});

test('a pack dropped on the import box is checked the same way, and cancelling stores nothing', async ({
  page,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  await importByDrop(page, LOCAL);
  const preview = page.getByTestId('plens-preview');
  await expect(preview.getByTestId('plens-added')).toContainText('Amlodipine');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('plens-status')).toHaveText(
    'Import cancelled. Nothing has changed.',
  );
  await expect(preview).toHaveCount(0);
  expect(await storageGet(page, 'localPack')).toBeUndefined();
});

test('a broken pack lists every problem with its path and reason, and the previous pack stays in force', async ({
  page,
  server,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  const text = await storeLocalPack(page, LOCAL);
  const gp = await openGpScreen(extensionContext, server.url(GP_SCREEN));
  try {
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Amlodipine'))
      .toBe('plens-no-commissioned-service');

    await page.bringToFront();
    await importWithFileChooser(page, BROKEN);
    const issues = page.getByTestId('plens-validation-issues');
    await expect(issues.getByRole('heading', { level: 3 })).toHaveText(
      '“broken-pack.json” was not imported',
    );
    await expect(issues).toContainText('Nothing has changed');
    const errors = issues.getByTestId('plens-errors').getByRole('listitem');
    await expect(errors).toHaveText([
      'Pack details: "reviewBy" is missing: add the date by which the pack must be reviewed again, written YYYY-MM-DD',
      "Rule 1 (id 'atorvastatin-example-local', Atorvastatin): Category \"red-list\" is not one of shared-care, specialist-initiation, no-commissioned-service, dependence-forming; in this pack, hospital-only red drugs are 'no-commissioned-service'",
      "Rule 1 (id 'atorvastatin-example-local', Atorvastatin), source 1: Source url must be an https:// link with a host",
    ]);
    await expect(page.getByTestId('plens-status')).toHaveText(
      '“broken-pack.json” was not imported: 3 problems. Nothing has changed.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'options-errors.png');

    // Nothing stored changed, and the open tab still shows the local rule.
    expect(((await storageGet(page, 'localPack')) as { text: string }).text).toBe(text);
    await expect(page.getByRole('heading', { name: 'Local pack', exact: true })).toBeVisible();
    await gp.waitForTimeout(1200); // longer than the content script's reload (within a second)
    expect(categoryOf(await readHighlights(gp), 'Amlodipine')).toBe(
      'plens-no-commissioned-service',
    );
  } finally {
    await gp.close();
  }
});

test('removing the local pack reverts to the national pack, and the flag leaves the open tab', async ({
  page,
  server,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  await storeLocalPack(page, LOCAL);
  const gp = await openGpScreen(extensionContext, server.url(GP_SCREEN));
  try {
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Amlodipine'))
      .toBe('plens-no-commissioned-service');
    await page.bringToFront();
    await page.getByRole('button', { name: 'Remove local pack' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(page.getByTestId('plens-status')).toHaveText(
      'The local pack was removed. The national pack is in force again. Use “Undo” to put it back.',
    );
    await expect(page.getByRole('heading', { level: 3, name: /pack/ })).toHaveText([
      'National pack (built in)',
    ]);
    expect(await storageGet(page, 'localPack')).toBeUndefined();
    await expect.poll(async () => categoryOf(await readHighlights(gp), 'Amlodipine')).toBeNull();
    expect(categoryOf(await readHighlights(gp), 'Sertraline')).toBe('plens-dependence-forming');
  } finally {
    await gp.close();
  }
});

test('a managed pack (policy emulation) wins over the local pack and locks preferences', async ({
  page,
  server,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  await storeLocalPack(page, LOCAL);
  const gp = await openGpScreen(extensionContext, server.url(GP_SCREEN));
  try {
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Amlodipine'))
      .toBe('plens-no-commissioned-service');

    // The test build reads `local:managedEmulation` in place of storage.managed (rules/store/items.ts),
    // because only real enterprise policy can fill storage.managed.
    await page.bringToFront();
    await storageSet(page, {
      managedEmulation: {
        inlinePack: fs.readFileSync(MANAGED, 'utf8'),
        lockedSettings: { categories: { 'shared-care': true }, highlightStyle: 'tint' },
      },
    });

    await expect(
      page.getByRole('heading', { name: 'Managed pack (set by your organisation)' }),
    ).toBeVisible();
    await expect(page.getByTestId('plens-locked')).toContainText(
      'Some preferences are set by your organisation.',
    );
    // Scoped to Preferences: "Your practice" (#19) also lists a "Shared care local enhanced service".
    const sharedCare = page
      .getByRole('region', { name: 'Preferences' })
      .getByRole('checkbox', { name: /Shared care/ });
    await expect(sharedCare).toBeDisabled();
    await expect(sharedCare).toBeChecked();
    await expect(page.getByRole('radio', { name: /Tint and underline/ })).toBeDisabled();
    await expect(page.getByRole('radio', { name: /Underline only/ })).toBeDisabled();
    // What policy does not lock stays the user's.
    await expect(page.getByRole('checkbox', { name: /Dependence-forming/ })).toBeEnabled();

    await page.getByLabel('Search by medicine, brand or category').fill('amlodipine');
    const row = page.getByTestId('plens-rule-table').getByRole('row', { name: /Amlodipine/ });
    await expect(row.getByRole('cell').last()).toHaveText('Managed — replaces the local rule');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'options-locked.png');

    // The open tab follows the policy pack: Amlodipine is now shared care.
    await expect
      .poll(async () => categoryOf(await readHighlights(gp), 'Amlodipine'))
      .toBe('plens-shared-care');
  } finally {
    await gp.close();
  }
});

test('export downloads the stored pack text, verbatim, under its file name', async ({
  page,
  extensionContext,
}) => {
  await openOptions(page, extensionContext);
  // Odd spacing and a trailing newline prove the file is the stored text, not a re-serialisation.
  const text = `${fs.readFileSync(LOCAL, 'utf8').replace('"schemaVersion": 1', '"schemaVersion":   1')}\n`;
  await storageSet(page, {
    localPack: { text, fileName: 'example-icb-local.json', importedAt: '2026-11-20T09:30:00.000Z' },
  });
  const exportButton = page.getByRole('button', { name: 'Export local pack' });
  await expect(exportButton).toBeVisible();
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('example-icb-local.json');
  expect(fs.readFileSync(await download.path(), 'utf8')).toBe(text);
});
