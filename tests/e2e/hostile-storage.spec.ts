/**
 * Security L8 (hazard log OA-16): `chrome.storage.local` is writable from content scripts, so code
 * running in a compromised clinical page's renderer could switch every category off, or put its
 * own local pack in force, for every site. The background undoes any write of the local pack or
 * settings it did not seal (rules/store/seal.ts), and the page keeps its flags.
 */
import type { Page } from '@playwright/test';
import {
  evalIsolated,
  expect,
  openExtensionPage,
  test,
  type ExtensionWatch,
} from '../fixtures/hostile/harness';
import { readHighlights } from './highlights';
import { storageGet, storageSet } from './page-helpers';

const ALL_OFF = {
  categories: {
    'shared-care': false,
    'specialist-initiation': false,
    'no-commissioned-service': false,
    'dependence-forming': false,
  },
};

/** Opens the demo record once its content script runs and has flagged it; its flags then. */
async function openFlaggedRecord(
  page: Page,
  url: string,
  ext: ExtensionWatch,
): Promise<Awaited<ReturnType<typeof readHighlights>>> {
  await page.goto(url);
  await expect.poll(() => ext.isolatedContexts.size).toBeGreaterThan(0);
  await expect
    .poll(async () => Object.values(await readHighlights(page)).flat().length)
    .toBeGreaterThan(0);
  return readHighlights(page);
}

async function writeFromContentScript(ext: ExtensionWatch, items: object): Promise<void> {
  await evalIsolated(ext, `chrome.storage.local.set(${JSON.stringify(items)}).then(() => true)`);
}

test('settings written from the content script are undone, and the page keeps its flags', async ({
  page,
  server,
  ext,
  extensionContext,
}) => {
  const extPage = await openExtensionPage(extensionContext);
  const mine = { highlightStyle: 'tint', categories: {} };
  await storageSet(extPage, { settings: mine });
  await expect.poll(() => storageGet(extPage, 'settings')).toEqual(mine);
  const before = await openFlaggedRecord(page, server.url('gp-medication-screen.html'), ext);

  await writeFromContentScript(ext, { settings: ALL_OFF });
  await expect.poll(() => storageGet(extPage, 'settings')).toEqual(mine);
  // Whatever the page saw for a moment, it ends as it was: every flag back.
  await expect.poll(() => readHighlights(page)).toEqual(before);
  await extPage.close();
});

test('a local pack written from the content script is removed again', async ({
  page,
  server,
  ext,
  extensionContext,
}) => {
  const extPage = await openExtensionPage(extensionContext);
  const before = await openFlaggedRecord(page, server.url('gp-medication-screen.html'), ext);

  const forged = { text: '{"packId":"forged"}', fileName: 'x.json', importedAt: '2026-12-08' };
  await writeFromContentScript(ext, { localPack: forged });
  await expect.poll(() => storageGet(extPage, 'localPack')).toBeUndefined();
  await expect.poll(() => readHighlights(page)).toEqual(before);
  await extPage.close();
});
