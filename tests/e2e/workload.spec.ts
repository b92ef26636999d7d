/**
 * Issue #23, as a practice manager meets it on the real extension page (Chromium):
 *
 * - an EMIS Web report export and a SystmOne report export, as CSV and as .xlsx (shapes:
 *   tests/fixtures/workload/README.md) give the expected totals, unmatched names and possible matches, counted in the page's worker;
 * - an export with an NHS-number column is refused, naming the column, with nothing counted;
 * - a 50,000-row export completes with a progress bar that moved on the way;
 * - a malformed count names its row and column;
 * - the notice letter fills from the totals; the summary prints without the controls;
 * - nothing is written to storage until "Keep this summary", and then only totals and medicine
 *   names under the page's own key; no request leaves the extension; axe clean (WCAG 2.2 AA).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations } from './axe-ours';
import { expect, test } from './fixtures';
import { extensionId, storageAll, storageRemove } from './page-helpers';

const FIXTURES = path.resolve('tests/fixtures/workload');
const EMIS = path.join(FIXTURES, 'emis-web-medication-report.csv');
const SYSTMONE = path.join(FIXTURES, 'systmone-medication-report.csv');
const SYSTMONE_XLSX = path.join(FIXTURES, 'systmone-medication-report.xlsx');
const NHS_NUMBER = path.join(FIXTURES, 'emis-web-with-nhs-number.csv');
const MALFORMED = path.join(FIXTURES, 'malformed-count.csv');
const FILE_LABEL = 'Choose an export (CSV or .xlsx)';
const SCREENSHOTS = path.resolve('docs/screenshots');

async function openWorkload(page: Page, context: BrowserContext): Promise<void> {
  await page.goto(`chrome-extension://${await extensionId(context)}/workload.html`);
  await expect(page.getByRole('heading', { name: 'Practice workload' })).toBeVisible();
}

async function choose(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel(FILE_LABEL, { exact: true }).click();
  await (await chooser).setFiles(file);
}

async function tableRows(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) =>
        Array.from(r.children)
          .map((c) => c.textContent ?? '')
          .join(' | '),
      ),
    );
}

test.describe('practice workload', () => {
  test.beforeEach(async ({ page, extensionContext }) => {
    await openWorkload(page, extensionContext);
    await storageRemove(page, ['workloadSummary']);
    await page.reload();
  });

  test('an EMIS Web export: totals, letter, print; stored only when kept', async ({
    page,
    log,
  }) => {
    const before = await storageAll(page);
    await choose(page, EMIS);
    await expect(page.getByRole('heading', { name: 'Workload summary' })).toBeVisible();
    await expect(page.getByTestId('plens-summary-source')).toContainText(
      'EMIS Web search/report export): 16 rows read, 12 flagged, issues from 2025-12-02 to 2026-11-30',
    );
    await expect(page.getByTestId('plens-unfunded').getByRole('listitem')).toHaveText([
      'Shared care with no signed agreement recorded here: 125 patients on 7 drugs',
      'Specialist initiation with no commissioned service recorded here: 5 patients on 1 drug',
      'Medicines with no commissioned service: 59 patients on 2 drugs',
    ]);
    expect(await tableRows(page, 'plens-by-category')).toEqual([
      'Shared care | 125 | 752 | 7 | 7',
      'Specialist initiation | 5 | 30 | 1 | 1',
      'No commissioned service | 59 | 410 | 2 | 2',
      'Dependence-forming | 109 | 654 | 2 | 2',
    ]);
    await expect(page.getByTestId('plens-possible')).toHaveText(
      'Azathioprin 25mg tablets: perhaps Azathioprine (2 patients)',
    );
    await expect(page.getByTestId('plens-unmatched').getByRole('listitem')).toHaveText([
      'Atorvastatin 20mg tablets: 812 patients',
      'Ramipril 5mg capsules: 402 patients',
      'Metformin 500mg tablets: 377 patients',
    ]);
    // Counting wrote nothing.
    expect(await storageAll(page)).toEqual(before);

    await page.getByRole('button', { name: 'Fill the notice letter' }).click();
    const letter = page.getByTestId('plens-letter-text');
    await expect(letter).toContainText('To: the integrated care board (ICB)');
    await expect(letter).toContainText(
      'care relating to the following medicines (189 patients on 10 drugs between 2025-12-02 and 2026-11-30): ',
    );
    await expect(letter).not.toContainText('{{');
    await expect(page.getByTestId('plens-columns-read')).toContainText(
      'drug names from “Medication Name”, patients from “Patient Count”',
    );
    expect(await axeViolations(page)).toEqual([]);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'workload-summary.png'), fullPage: true });

    // Print: the summary and letter, without the file chooser or any button.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { name: 'Workload summary' })).toBeVisible();
    await expect(letter).toBeVisible();
    await expect(page.getByLabel(FILE_LABEL, { exact: true })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Copy letter' })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: 'Keep this summary' }).click();
    await expect(page.getByTestId('plens-workload-status')).toHaveText(
      'Summary kept on this computer (totals and medicine names only)',
    );
    const after = await storageAll(page);
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual(['workloadSummary']);
    const kept = JSON.stringify(after.workloadSummary);
    expect(kept).toContain('"patients":125');
    expect(kept).not.toContain('Run date');

    expect(log.requests.filter((u) => !u.startsWith('chrome-extension://'))).toEqual([]);
    expect(log.errors).toEqual([]);
  });

  for (const [kind, file] of [
    ['CSV', SYSTMONE],
    ['.xlsx workbook', SYSTMONE_XLSX],
  ] as const) {
    test(`a SystmOne export (${kind}) gives its totals`, async ({ page }) => {
      await choose(page, file);
      await expect(page.getByTestId('plens-summary-source')).toContainText(
        'SystmOne (TPP) report export): 10 rows read, 8 flagged, issues from 2025-12-01 to 2026-11-30',
      );
      await expect(page.getByTestId('plens-unfunded').getByRole('listitem')).toHaveText([
        'Shared care with no signed agreement recorded here: 39 patients on 6 drugs',
        'Medicines with no commissioned service: 31 patients on 1 drug',
      ]);
      expect(await tableRows(page, 'plens-by-category')).toEqual([
        'Shared care | 39 | 234 | 6 | 6',
        'No commissioned service | 31 | 220 | 1 | 1',
        'Dependence-forming | 22 | 110 | 1 | 1',
      ]);
    });
  }

  test('an export with an NHS-number column is refused', async ({ page }) => {
    const before = await storageAll(page);
    await choose(page, NHS_NUMBER);
    await expect(page.getByTestId('plens-refusal')).toContainText('Nothing was counted');
    await expect(page.getByText('Column 1 (“NHS Number”) looks like an NHS number')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Workload summary' })).toHaveCount(0);
    expect(await page.locator('body').textContent()).not.toContain('943 476');
    expect(await axeViolations(page)).toEqual([]);
    // With consent the column is dropped unread.
    await page.getByRole('button', { name: 'Drop these columns and count the rest' }).click();
    await expect(page.getByTestId('plens-summary-source')).toContainText('dropped unread');
    expect(await page.locator('body').textContent()).not.toContain('943 476');
    expect(await storageAll(page)).toEqual(before);
  });

  test('a malformed count names its row and column', async ({ page }) => {
    await choose(page, MALFORMED);
    await expect(page.getByTestId('plens-workload-error')).toHaveText(
      'Row 3, column 2 ("Patient Count"): the cell is not a whole number of patients or issues. Correct it in the export (or choose the right column) and try again',
    );
  });

  test('a 50,000-row export completes with a progress indicator', async ({ page }) => {
    const lines = ['"Medication Name","Patient Count","Issue Count","Last Issue Date"'];
    const names = [
      'Methotrexate 2.5mg tablets',
      'Warfarin 1mg tablets',
      'Zopiclone 7.5mg tablets',
      'Atorvastatin 20mg tablets',
      'Ramipril 5mg capsules',
    ];
    for (let i = 0; i < 50_000; i++) lines.push(`"${names[i % 5] ?? ''}","1","2","30-Nov-2026"`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plens-workload-'));
    const file = path.join(dir, 'emis-web-50000-rows.csv');
    fs.writeFileSync(file, lines.join('\r\n'));
    try {
      await choose(page, file);
      await expect(page.getByRole('heading', { name: 'Workload summary' })).toBeVisible({
        timeout: 60_000,
      });
      await expect(page.getByTestId('plens-progress-text')).toHaveText('50,000 of 50,000 rows');
      const progress = page.locator('#plens-workload-progress');
      await expect(progress).toHaveAttribute('max', '50000');
      await expect(progress).toHaveAttribute('value', '50000');
      // 0, then one update per 2,000-row slice: the bar moved on the way.
      expect(Number(await progress.getAttribute('data-updates'))).toBeGreaterThan(20);
      await expect(page.getByTestId('plens-unfunded').getByRole('listitem')).toHaveText([
        'Shared care with no signed agreement recorded here: 10,000 patients on 1 drug',
        'Medicines with no commissioned service: 10,000 patients on 1 drug',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
