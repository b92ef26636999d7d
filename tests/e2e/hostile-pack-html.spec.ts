/**
 * A pack with HTML and script in every text field (issue 7): the admin's preview and the
 * clinician's popover show it as literal text, and nothing in it ever runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { revealFlag } from './page-helpers';

const PAYLOADS = {
  drug: '<img src=x onerror="window.__pwned=1">Amlodipine',
  position: '<script>window.__pwned=1</script><b>Bold?</b> FICTITIOUS TEST position',
  advice: '<a href="javascript:window.__pwned=1">click me</a> FICTITIOUS TEST advice',
  notes: '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe> notes',
  title: '<svg onload="window.__pwned=1"></svg> Source title',
  publisher: '<style>*{display:none!important}</style> Publisher',
};

function hostilePack(): string {
  return JSON.stringify({
    schemaVersion: 1,
    packId: 'hostile-html-e2e',
    name: '<b onmouseover="window.__pwned=1">Hostile</b> pack (test)',
    publisher: 'Test <script>window.__pwned=1</script>',
    packVersion: '1.0.0',
    publishedAt: '2026-11-01',
    reviewBy: '2099-01-01',
    licence: 'OGL-UK-3.0',
    description: '<marquee>FICTITIOUS test pack</marquee>',
    rules: [
      {
        id: 'amlodipine-hostile-html',
        drug: PAYLOADS.drug,
        names: ['amlodipine'],
        categories: ['shared-care'],
        position: PAYLOADS.position,
        advice: PAYLOADS.advice,
        notes: PAYLOADS.notes,
        sources: [
          {
            title: PAYLOADS.title,
            publisher: PAYLOADS.publisher,
            url: 'https://example-icb.nhs.uk/formulary',
          },
        ],
        lastReviewed: '2026-10-01',
      },
    ],
  });
}

async function optionsPage(context: BrowserContext): Promise<Page> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await expect(page.getByRole('heading', { name: 'Rule packs in force' })).toBeVisible();
  return page;
}

const pwned = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);

test('HTML in every text field of a pack is shown as text, and none of it runs', async ({
  page,
  server,
  extensionContext,
}) => {
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'plens-pack-')),
    'hostile-html.json',
  );
  fs.writeFileSync(file, hostilePack());
  const options = await optionsPage(extensionContext);
  try {
    const chooser = options.waitForEvent('filechooser');
    await options.getByLabel('Rule pack file (JSON)').click();
    await (await chooser).setFiles(file);
    const preview = options.getByTestId('plens-preview');
    await expect(preview).toContainText(PAYLOADS.drug);
    await preview.getByRole('button', { name: 'Apply this pack' }).click();
    await expect(options.getByTestId('plens-status')).toContainText('is now in force');

    await page.goto(server.url('gp-medication-screen.html'));
    await expect
      .poll(async () => (await readHighlights(page))['plens-shared-care'] ?? [])
      .toContain('Amlodipine');
    const point = await revealFlag(page, 'Amlodipine');
    await page.mouse.click(point.x, point.y);
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(PAYLOADS.drug);
    await expect(dialog.getByTestId('plens-position')).toHaveText(PAYLOADS.position);
    await expect(dialog.getByTestId('plens-advice')).toHaveText(PAYLOADS.advice);
    await expect(dialog).toContainText(PAYLOADS.notes);
    await expect(dialog.getByRole('link', { name: PAYLOADS.title })).toHaveAttribute(
      'href',
      'https://example-icb.nhs.uk/formulary',
    );
    // No element from the pack exists inside our UI, and no script from it ran anywhere.
    const injected = await page.evaluate(
      () =>
        document
          .querySelector('plens-overlay')
          ?.shadowRoot?.querySelectorAll(
            'img,script,iframe,svg,style:not(:first-child),marquee,b[onmouseover]',
          ).length ?? -1,
    );
    expect(injected).toBe(0);
    await page.waitForTimeout(300);
    expect(await pwned(page)).toBe(0);
    expect(await pwned(options)).toBe(0);
  } finally {
    await options.getByRole('button', { name: 'Remove local pack' }).click();
    await options.getByRole('button', { name: 'Yes, remove it' }).click();
    await options.close();
  }
});
