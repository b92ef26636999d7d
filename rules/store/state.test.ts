import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { matchText, snapshotOf } from '../engine';
import { activateRuleSet } from '../bundled';
import corePack from '../packs/core.json';
import {
  activeRulesItem,
  dismissedRulesItem,
  localPackItem,
  managedMirrorItem,
  readStartupValues,
  settingsItem,
} from './items';
import { buildRulesSnapshot, RULES_SNAPSHOT_FORMAT } from '../loader/rules-snapshot';
import { loadRuleState, pageRuleState } from './state';

const VERSION = '1.2.3';

const localPack = {
  ...corePack,
  packId: 'local-icb',
  name: 'Local ICB pack',
  rules: corePack.rules.slice(0, 2),
};

/** What the background writes after validating and compiling the stored packs. */
async function backgroundBuildsSnapshot(version = VERSION): Promise<void> {
  const state = await loadRuleState();
  const compiled =
    state.layers.length > 1 ? snapshotOf(activateRuleSet(state.layers).compiled) : null;
  await activeRulesItem.setValue(buildRulesSnapshot(state, compiled, version));
}

describe('a page’s one start-up read', () => {
  beforeEach(() => fakeBrowser.reset());

  test('with the background’s snapshot: the same rule state as validating every item', async () => {
    await localPackItem.setValue({
      text: JSON.stringify(localPack),
      fileName: 'icb.json',
      importedAt: '2026-11-01T09:00:00Z',
    });
    await settingsItem.setValue({ highlightStyle: 'underline' });
    await managedMirrorItem.setValue({ lockedSettings: ['highlightStyle'] });
    await dismissedRulesItem.setValue(['zopiclone']);
    await backgroundBuildsSnapshot();

    const startup = await readStartupValues();
    expect(startup.dismissedRules).toEqual(['zopiclone']);
    const page = pageRuleState(startup, VERSION);
    expect(page.state).toEqual(await loadRuleState());
    expect(page.state.layers.map((l) => l.layer)).toEqual(['bundled', 'local']);
    expect(page.compiled).not.toBeNull();
  });

  test('the page restores the compiled set: same matches as compiling the packs itself', async () => {
    await localPackItem.setValue({
      text: JSON.stringify(localPack),
      fileName: 'icb.json',
      importedAt: '2026-11-01T09:00:00Z',
    });
    await backgroundBuildsSnapshot();
    const page = pageRuleState(await readStartupValues(), VERSION);
    const restored = activateRuleSet(page.state.layers, { compiled: page.compiled }).compiled;
    const compiledHere = activateRuleSet((await loadRuleState()).layers).compiled;
    const text = 'Zopiclone 7.5mg, Acamprosate 333mg, zopiclon, Xaggitin XL, Methotrexate';
    expect(matchText(restored, text)).toEqual(matchText(compiledHere, text));
  });

  test('with a snapshot, the page never reads or validates the stored packs', async () => {
    await localPackItem.setValue({
      text: JSON.stringify(localPack),
      fileName: 'icb.json',
      importedAt: '2026-11-01T09:00:00Z',
    });
    await backgroundBuildsSnapshot();
    // Anything read from here on would now fail to parse: the page must not look.
    await localPackItem.setValue({ text: '{ not json', fileName: 'icb.json', importedAt: 'x' });
    const page = pageRuleState(await readStartupValues(), VERSION);
    expect(page.state.problems).toEqual([]);
    expect(page.state.layers.map((l) => l.pack.packId)).toEqual(['plens-national', 'local-icb']);
  });

  test.each([
    ['built by another version', { version: '0.0.1' }],
    ['of another format', { format: RULES_SNAPSHOT_FORMAT + 1 }],
    ['damaged', { damaged: true }],
  ])(
    'a snapshot %s is not used: the page shows the bundled pack and asks for a new one',
    async (_n, how) => {
      await localPackItem.setValue({
        text: JSON.stringify(localPack),
        fileName: 'icb.json',
        importedAt: '2026-11-01T09:00:00Z',
      });
      await backgroundBuildsSnapshot('version' in how ? how.version : VERSION);
      const raw = (await activeRulesItem.getValue()) as Record<string, unknown>;
      if ('format' in how) await activeRulesItem.setValue({ ...raw, format: how.format });
      if ('damaged' in how) await activeRulesItem.setValue({ ...raw, body: '{"layers": "x"' });
      let asked = 0;
      const page = pageRuleState(await readStartupValues(), VERSION, () => asked++);
      // The stored pack is not validated here: the background's new snapshot brings it.
      expect(page.compiled).toBeNull();
      expect(page.state.layers.map((l) => l.layer)).toEqual(['bundled']);
      expect(page.state.problems).toEqual([]);
      expect(asked).toBe(1);
    },
  );

  test('empty storage: the bundled pack, default settings, nothing dismissed', async () => {
    const startup = await readStartupValues();
    expect(startup).toEqual({
      activeRules: null,
      settings: null,
      managed: {},
      dismissedRules: [],
      noticeFolded: {},
    });
    let asked = 0;
    const page = pageRuleState(startup, VERSION, () => asked++);
    expect(page).toEqual({ state: await loadRuleState(), compiled: null });
    expect(asked).toBe(1);
  });
});
