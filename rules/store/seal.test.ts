import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { guardSealedKeys, isSealed, sealedWrite } from './seal';
import { localPackItem, SEALED_KEYS, settingsItem } from './items';

const PACK = { text: '{"packId":"local-icb"}', fileName: 'local.json', importedAt: '2026-12-01' };

/** Waits for the guard's asynchronous work (digests, the restore) to settle. */
async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('sealed keys: only the extension itself may change the local pack and settings (L8)', () => {
  beforeEach(() => fakeBrowser.reset());

  test('a sealed write is kept', async () => {
    const reports: string[] = [];
    const unguard = guardSealedKeys(SEALED_KEYS, (k) => reports.push(k));
    await localPackItem.setValue(PACK);
    await settled();
    unguard();
    expect(await localPackItem.getValue()).toEqual(PACK);
    expect(reports).toEqual([]);
  });

  test('a write from anywhere else (a content script) is undone, and reported', async () => {
    await localPackItem.setValue(PACK);
    const reports: string[] = [];
    const unguard = guardSealedKeys(SEALED_KEYS, (k) => reports.push(k));
    // What isolated-world code can do: storage.local directly, with no seal.
    await browser.storage.local.set({ localPack: { ...PACK, text: '{"packId":"forged"}' } });
    await settled();
    unguard();
    expect(await localPackItem.getValue()).toEqual(PACK);
    expect(reports).toEqual(['localPack']);
  });

  test('a removal from anywhere else is undone; a sealed removal is kept', async () => {
    await settingsItem.setValue({ categories: { 'shared-care': true } });
    const unguard = guardSealedKeys(SEALED_KEYS, () => undefined);
    await browser.storage.local.remove('settings');
    await settled();
    expect(await settingsItem.getValue()).toEqual({ categories: { 'shared-care': true } });
    await settingsItem.removeValue();
    await settled();
    unguard();
    expect(await settingsItem.getValue()).toBeNull();
  });

  test('a key first written from elsewhere is removed again', async () => {
    const unguard = guardSealedKeys(SEALED_KEYS, () => undefined);
    await browser.storage.local.set({ settings: { categories: {} } });
    await settled();
    unguard();
    expect(await settingsItem.getValue()).toBeNull();
  });

  test('two forged writes in a row never leave the first one in force', async () => {
    await localPackItem.setValue(PACK);
    const unguard = guardSealedKeys(SEALED_KEYS, () => undefined);
    await browser.storage.local.set({ localPack: { ...PACK, text: '{"packId":"forged-1"}' } });
    await browser.storage.local.set({ localPack: { ...PACK, text: '{"packId":"forged-2"}' } });
    await settled();
    unguard();
    const now = await localPackItem.getValue();
    expect([PACK, null]).toContainEqual(now);
  });

  test('writes close together each keep their seal', async () => {
    const unguard = guardSealedKeys(SEALED_KEYS, () => undefined);
    await Promise.all([
      sealedWrite('settings', { highlightStyle: 'tint' }),
      sealedWrite('settings', { highlightStyle: 'underline' }),
    ]);
    await settled();
    unguard();
    const now = await settingsItem.getValue();
    expect(await isSealed('settings', now)).toBe(true);
  });

  test('a value read back with its keys in another order (Chrome sorts them) is still sealed', async () => {
    await sealedWrite('settings', { highlightStyle: 'tint', categories: { b: true, a: false } });
    expect(
      await isSealed('settings', { categories: { a: false, b: true }, highlightStyle: 'tint' }),
    ).toBe(true);
  });

  test('other keys are not guarded (the content script writes its own)', async () => {
    const unguard = guardSealedKeys(SEALED_KEYS, () => undefined);
    await browser.storage.local.set({ noticeFolded: { 'gp.example.nhs.uk': true } });
    await settled();
    unguard();
    expect(await browser.storage.local.get('noticeFolded')).toEqual({
      noticeFolded: { 'gp.example.nhs.uk': true },
    });
  });
});
