import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import corePack from '@/rules/packs/core.json';
import { activeRulesItem, localPackItem } from '@/rules/store/items';
import { readRulesSnapshot } from '@/rules/loader/rules-snapshot';
import { extensionVersion, pageRuleState } from '@/rules/store/state';
import { answerRebuildRequest, guardRulesSnapshot, refreshRulesSnapshot } from './rules-snapshot';

const stored = (pack: object) => ({
  text: JSON.stringify(pack),
  fileName: 'local.json',
  importedAt: '2026-11-24T10:00:00Z',
});

const localPack = {
  ...corePack,
  packId: 'example-icb',
  name: 'Example ICB pack',
  rules: corePack.rules.slice(0, 3),
};

describe('the background builds the rule set pages restore', () => {
  beforeEach(() => fakeBrowser.reset());

  test('no local pack: a snapshot with no layers, and pages use the build-time compilation', async () => {
    await refreshRulesSnapshot();
    const snapshot = readRulesSnapshot(await activeRulesItem.getValue(), extensionVersion());
    expect(snapshot).toMatchObject({ layers: [], problems: [], compiled: null });
  });

  test('a local pack: validated and compiled once, here', async () => {
    await localPackItem.setValue(stored(localPack));
    await refreshRulesSnapshot();
    const snapshot = readRulesSnapshot(await activeRulesItem.getValue(), extensionVersion());
    expect(snapshot?.layers.map((l) => l.pack.packId)).toEqual(['example-icb']);
    expect(snapshot?.compiled?.phrasesByFirst.length).toBeGreaterThan(0);
  });

  test('an invalid local pack: the problem is in the snapshot, and the national pack stays', async () => {
    await localPackItem.setValue(stored({ ...localPack, packVersion: 7 }));
    await refreshRulesSnapshot();
    const page = pageRuleState({
      activeRules: await activeRulesItem.getValue(),
      settings: null,
      managed: {},
    });
    expect(page.state.layers.map((l) => l.layer)).toEqual(['bundled']);
    expect(page.state.problems[0]?.message).toMatch(/no longer validates/);
  });

  test('an unchanged rebuild writes nothing (open tabs are not made to re-annotate)', async () => {
    await localPackItem.setValue(stored(localPack));
    await refreshRulesSnapshot();
    let writes = 0;
    const unwatch = activeRulesItem.watch(() => writes++);
    await refreshRulesSnapshot();
    unwatch();
    expect(writes).toBe(0);
  });

  // Issue 16 (high): a 9 KB schema-valid pack whose letter froze every page for up to 38 s.
  test('the pack that froze pages is built quickly, and pages only restore it', async () => {
    const body = `${'{{'.repeat(2000)}${' '.repeat(3999)}`;
    const letter = { id: 'hostile', title: 'Hostile', audience: 'practice', body };
    const hostile = {
      ...localPack,
      categoryText: {
        ...corePack.categoryText,
        'shared-care': { ...corePack.categoryText['shared-care'], letters: [letter] },
      },
    };
    await localPackItem.setValue(stored(hostile));
    const started = performance.now();
    await refreshRulesSnapshot();
    // Seconds-to-minutes with the old expression; well under a second now, on any machine.
    expect(performance.now() - started).toBeLessThan(3000);
    const snapshot = readRulesSnapshot(await activeRulesItem.getValue(), extensionVersion());
    expect(snapshot?.layers.map((l) => l.pack.packId)).toEqual(['example-icb']);
  });
});

describe('a snapshot written by anything but the background (issue #16)', () => {
  beforeEach(() => fakeBrowser.reset());

  test('is overwritten with the snapshot of the stored packs', async () => {
    await localPackItem.setValue(stored(localPack));
    await refreshRulesSnapshot();
    const good = await activeRulesItem.getValue();
    const unwatch = guardRulesSnapshot();
    // What isolated-world code could write: a snapshot with every layer gone.
    const forged = { ...(good as object), body: '{"layers":[],"problems":[],"compiled":null}' };
    await activeRulesItem.setValue(forged);
    let now: unknown = forged;
    for (let k = 0; k < 50 && JSON.stringify(now) !== JSON.stringify(good); k++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      now = await activeRulesItem.getValue();
    }
    unwatch();
    expect(now).toEqual(good);
  });
});

// A page with no usable snapshot shows the bundled pack and sends `plens:rebuild-rules`.
describe("a page's request for a snapshot", () => {
  beforeEach(() => fakeBrowser.reset());

  test('with none stored, builds one the page can restore, with the local pack in it', async () => {
    await localPackItem.setValue(stored(localPack));
    let asked = false;
    const page = pageRuleState(
      { activeRules: await activeRulesItem.getValue(), settings: null, managed: {} },
      extensionVersion(),
      () => (asked = true),
    );
    expect(asked).toBe(true);
    expect(page.state.layers.map((l) => l.layer)).toEqual(['bundled']);

    await answerRebuildRequest({ type: 'plens:rebuild-rules' });
    const snapshot = readRulesSnapshot(await activeRulesItem.getValue(), extensionVersion());
    expect(snapshot?.layers.map((l) => l.pack.packId)).toEqual(['example-icb']);
  });

  test('a snapshot left by an older version is rebuilt', async () => {
    await refreshRulesSnapshot();
    const current = (await activeRulesItem.getValue()) as object;
    await activeRulesItem.setValue({ ...current, builtBy: '0.0.1' });
    await answerRebuildRequest({ type: 'plens:rebuild-rules' });
    expect(await activeRulesItem.getValue()).toEqual(current);
  });

  test('with a usable snapshot, many frames asking at once write nothing', async () => {
    await localPackItem.setValue(stored(localPack));
    await refreshRulesSnapshot();
    let writes = 0;
    const unwatch = activeRulesItem.watch(() => writes++);
    const asks: Promise<void>[] = [];
    for (let frame = 0; frame < 20; frame++) {
      const answer = answerRebuildRequest({ type: 'plens:rebuild-rules' });
      if (answer) asks.push(answer);
    }
    expect(asks).toHaveLength(20);
    await Promise.all(asks);
    unwatch();
    expect(writes).toBe(0);
  });

  test('other messages are left to the other handlers', () => {
    expect(answerRebuildRequest({ type: 'plens:summary' })).toBeUndefined();
    expect(answerRebuildRequest(null)).toBeUndefined();
  });
});
