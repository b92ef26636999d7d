/**
 * The MV3 service worker is stopped by the browser whenever it likes. Stopped mid-session (CDP
 * `ServiceWorker.stopAllWorkers`) and started again, the open page's content script must keep
 * flagging, and the admin's local pack and the prescriber's preferences must be intact and still
 * followed. Named to run last: Playwright keeps no handle on a restarted worker, and the other
 * hostile specs evaluate in the worker.
 */
import fs from 'node:fs';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import {
  dumpStorage,
  expect,
  extensionId,
  foreignRequests,
  note,
  openExtensionPage,
  test,
} from '../fixtures/hostile/harness';
import { readHighlights } from './highlights';
import { revealFlag, storageRemove, storageSet } from './page-helpers';

const LOCAL_PACK = 'tests/fixtures/options/local-amlodipine.json';

type StorageGlobal = {
  chrome: {
    alarms: { getAll(): Promise<{ name: string }[]> };
  };
};

/** Running service workers of our extension, from the browser's target list. */
async function runningWorkers(cdp: CDPSession, id: string): Promise<number> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(id)).length;
}

async function setStorage(extPage: Page, items: Record<string, unknown>): Promise<void> {
  await storageSet(extPage, items);
}

async function cleanUp(context: BrowserContext): Promise<void> {
  const extPage = await openExtensionPage(context);
  await storageRemove(extPage, ['localPack', 'settings']);
  await extPage.close();
}

test('service worker stopped and restarted mid-session: flags, pack and preferences intact', async ({
  page,
  server,
  log,
  ext,
  extensionContext,
}, testInfo) => {
  const id = await extensionId(extensionContext);
  const pack = {
    text: fs.readFileSync(LOCAL_PACK, 'utf8'),
    fileName: 'local-amlodipine.json',
    importedAt: '2026-11-20T09:30:00.000Z',
  };
  const settings = { categories: { 'shared-care': false }, highlightStyle: 'tint', sites: [] };
  const extPage = await openExtensionPage(extensionContext);
  try {
    await setStorage(extPage, { localPack: pack, settings });
    const before = await dumpStorage(extPage);

    // Local pack: Amlodipine flagged; preference: shared care (Methotrexate) switched off.
    await page.goto(server.url('fights-back.html'));
    const expected = {
      'plens-no-commissioned-service': ['Amlodipine'],
      'plens-dependence-forming': ['Zopiclone'],
    };
    await expect.poll(() => readHighlights(page)).toEqual(expected);

    await ext.cdp.send('ServiceWorker.enable');
    await ext.cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => runningWorkers(ext.cdp, id), { message: 'worker stopped' }).toBe(0);

    // With the worker stopped: the page keeps working on its own.
    await page.evaluate(() =>
      (window as unknown as { hostileFight: { addItem(p: string): void } }).hostileFight.addItem(
        'Warfarin 1mg tablets',
      ),
    );
    const withWarfarin = {
      'plens-no-commissioned-service': ['Amlodipine', 'Warfarin'],
      'plens-dependence-forming': ['Zopiclone'],
    };
    await expect.poll(() => readHighlights(page)).toEqual(withWarfarin);
    const point = await revealFlag(page, 'Amlodipine');
    await page.mouse.move(point.x, point.y);
    await expect(page.getByRole('dialog', { name: 'Amlodipine' })).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText('FICTITIOUS TEST RULE');
    await page.mouse.move(5, 5);
    const stoppedStill = await runningWorkers(ext.cdp, id);

    // Something wakes the worker (here: an extension page writing storage, as the options page
    // does); packs and preferences are as they were, and the alarm is still registered.
    await extPage.reload();
    await setStorage(extPage, { settings: { ...settings, categories: { 'shared-care': true } } });
    await expect.poll(() => runningWorkers(ext.cdp, id), { message: 'worker restarted' }).toBe(1);
    const after = await dumpStorage(extPage);
    const localPackIn = (json = '{}') => (JSON.parse(json) as { localPack?: unknown }).localPack;
    expect(localPackIn(before.local)).toEqual(pack);
    expect(localPackIn(after.local), 'local pack intact').toEqual(pack);
    const alarms = await extPage.evaluate(async () =>
      (await (globalThis as unknown as StorageGlobal).chrome.alarms.getAll()).map((a) => a.name),
    );
    expect(alarms).toContain('plens-refresh-url-pack');

    // The open page follows the preference change made after the restart, without a reload.
    await expect
      .poll(() => readHighlights(page))
      .toEqual({
        'plens-shared-care': ['Methotrexate'],
        ...withWarfarin,
      });
    // And a reload reads the same pack and preferences.
    await page.reload();
    await expect
      .poll(() => readHighlights(page))
      .toEqual({
        'plens-shared-care': ['Methotrexate'],
        ...expected,
      });
    note(
      testInfo,
      'worker',
      `stopped (running workers: ${stoppedStill} while the page kept flagging), restarted by a storage write from an extension page`,
    );
  } finally {
    await extPage.close();
    await cleanUp(extensionContext);
  }
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});
