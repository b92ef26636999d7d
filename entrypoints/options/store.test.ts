import fs from 'node:fs';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localPackItem, managedEmulationItem, settingsItem } from '@/rules/store/items';
import { readSettings } from '@/rules/schema/settings';
import { createOptionsStore, keptLocalPackItem } from './store';

const LOCAL = fs.readFileSync('tests/fixtures/options/local-amlodipine.json', 'utf8');
const MANAGED = fs.readFileSync('tests/fixtures/options/managed-amlodipine.json', 'utf8');
const BROKEN = fs.readFileSync('tests/fixtures/options/broken-pack.json', 'utf8');
const OVERDUE = fs.readFileSync('tests/fixtures/rule-packs/valid/review-overdue.json', 'utf8');

beforeEach(() => {
  fakeBrowser.reset();
  // fakeBrowser has no permissions API (the page lists sites with `contains`).
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
});

const stored = { text: LOCAL, fileName: 'local.json', importedAt: '2026-11-20T09:30:00.000Z' };

describe('createOptionsStore', () => {
  test('with nothing stored, only the national pack is in force and nothing can be exported', async () => {
    const snapshot = await createOptionsStore().load();
    expect(snapshot.packs.map((p) => p.layer)).toEqual(['bundled']);
    expect(snapshot.localFile).toBeNull();
    expect(snapshot.problems).toEqual([]);
  });

  test('a stored local pack is summarised with its file, and its switched-off rule named', async () => {
    await localPackItem.setValue(stored);
    const snapshot = await createOptionsStore().load();
    const local = snapshot.packs.find((p) => p.layer === 'local');
    expect(local).toMatchObject({
      name: 'Example ICB local positions (test)',
      ruleCount: 1,
      nameCount: 1,
      disableCount: 1,
      fileName: 'local.json',
      reviewOverdue: false,
    });
    expect(snapshot.disabled).toEqual([
      expect.objectContaining({ ruleId: 'melatonin', drug: 'Melatonin', byLayer: 'local' }),
    ]);
  });

  test('a broken pack is refused with its issues, and nothing is written', async () => {
    await localPackItem.setValue(stored);
    const check = await createOptionsStore().checkPack(BROKEN, 'broken.json');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues.map((i) => i.path)).toContain('reviewBy');
    expect(await localPackItem.getValue()).toEqual(stored);
  });

  test('a valid pack is previewed against the rules in force, and not written until applied', async () => {
    const store = createOptionsStore();
    const check = await store.checkPack(LOCAL, 'local.json');
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.diff.added.map((r) => r.rule.drug)).toEqual(['Amlodipine']);
    expect(check.diff.removed.map((r) => r.id)).toEqual(['melatonin']);
    expect(await localPackItem.getValue()).toBeNull();
    await store.applyPack(check);
    expect(await localPackItem.getValue()).toMatchObject({ text: LOCAL, fileName: 'local.json' });
  });

  test('a pack past its review date is usable, with the warning in the preview', async () => {
    const check = await createOptionsStore().checkPack(OVERDUE, 'overdue.json');
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.pack.reviewOverdue).toBe(true);
      expect(check.warnings.map((w) => w.message).join(' ')).toContain('has passed');
    }
  });

  test('with a managed pack in force, the preview says it stays on top and diffs with it', async () => {
    await managedEmulationItem.setValue({ inlinePack: MANAGED });
    const check = await createOptionsStore().checkPack(LOCAL, 'local.json');
    if (!check.ok) throw new Error('expected a valid pack');
    expect(check.warnings.map((w) => w.message).join(' ')).toContain('stays above local packs');
    expect(check.diff.added).toEqual([]); // the managed rule with the same id was already in force
  });

  test('apply refuses text that does not validate, whatever the caller claims', async () => {
    const store = createOptionsStore();
    const check = await store.checkPack(LOCAL, 'local.json');
    if (!check.ok) throw new Error('expected a valid pack');
    await expect(store.applyPack({ ...check, text: BROKEN })).rejects.toThrow();
    expect(await localPackItem.getValue()).toBeNull();
  });

  test('remove goes back to the national pack', async () => {
    await localPackItem.setValue(stored);
    await createOptionsStore().removeLocalPack();
    expect((await createOptionsStore().load()).packs.map((p) => p.layer)).toEqual(['bundled']);
  });

  test('saving preferences keeps the sites list', async () => {
    await settingsItem.setValue({ sites: ['https://records.example.nhs.uk/*'] });
    const store = createOptionsStore();
    const { preferences } = await store.load();
    await store.savePreferences({ ...preferences, highlightStyle: 'underline' });
    expect(readSettings(await settingsItem.getValue())).toMatchObject({
      highlightStyle: 'underline',
      sites: ['https://records.example.nhs.uk/*'],
    });
  });

  test('the practice profile is saved beside the preferences, organisational fields only (#19)', async () => {
    await settingsItem.setValue({ highlightStyle: 'underline' });
    const store = createOptionsStore();
    expect((await store.load()).practice).toEqual({ commissionedFlags: 'quiet' });
    await store.savePractice?.({
      practice: { icb: 'devon', services: ['stop-smoking'] },
      commissionedFlags: 'hidden',
    });
    const saved = await settingsItem.getValue();
    expect(readSettings(saved)).toMatchObject({
      highlightStyle: 'underline',
      practice: { icb: 'devon', services: ['stop-smoking'] },
      commissionedFlags: 'hidden',
    });
    expect((await store.load()).practice).toEqual({
      practice: { icb: 'devon', services: ['stop-smoking'] },
      commissionedFlags: 'hidden',
    });
  });

  test('the practice’s place is saved with its ICB, and cleared with it', async () => {
    const store = createOptionsStore();
    const sussex = { icb: 'sussex', services: [], place: '70F' } as const;
    await store.savePractice?.({ practice: sussex, commissionedFlags: 'quiet' });
    expect((await store.load()).practice).toEqual({ practice: sussex, commissionedFlags: 'quiet' });
    await store.savePractice?.({
      practice: { icb: 'kent-medway', services: [] },
      commissionedFlags: 'quiet',
    });
    expect(readSettings(await settingsItem.getValue()).practice).toEqual({
      icb: 'kent-medway',
      services: [],
    });
  });

  test('policy locks and sites come through for the page to show', async () => {
    await managedEmulationItem.setValue({
      lockedSettings: { highlightStyle: 'underline' },
      allowedSites: ['https://scr.example.nhs.uk/*'],
    });
    const snapshot = await createOptionsStore().load();
    expect(snapshot.locks).toEqual({ highlightStyle: 'underline' });
    expect(snapshot.sites).toEqual([
      { pattern: 'https://scr.example.nhs.uk/*', byUser: false, byPolicy: true, granted: false },
    ]);
  });

  test('removing the local pack keeps it, and undo puts it back as it was', async () => {
    await localPackItem.setValue(stored);
    const store = createOptionsStore();
    await store.removeLocalPack();
    expect(await localPackItem.getValue()).toBeNull();
    const after = await store.load();
    expect(after.undo).toMatchObject({
      action: 'removed',
      packName: 'Example ICB local positions (test)',
      fileName: 'local.json',
    });
    await store.undoLocalPack();
    expect(await localPackItem.getValue()).toEqual(stored);
    expect(await keptLocalPackItem.getValue()).toBeNull();
    expect((await store.load()).undo).toBeNull();
  });

  test('applying a pack over another keeps the one replaced for undo', async () => {
    await localPackItem.setValue(stored);
    const store = createOptionsStore();
    const check = await store.checkPack(OVERDUE, 'overdue.json');
    if (!check.ok) throw new Error('fixture should validate');
    await store.applyPack(check);
    expect((await localPackItem.getValue())?.fileName).toBe('overdue.json');
    expect((await store.load()).undo).toMatchObject({ action: 'replaced', fileName: 'local.json' });
    await store.undoLocalPack();
    expect(await localPackItem.getValue()).toEqual(stored);
  });

  test('undo with nothing kept fails and changes nothing', async () => {
    await expect(createOptionsStore().undoLocalPack()).rejects.toThrow('no earlier local pack');
    expect(await localPackItem.getValue()).toBeNull();
  });
});
