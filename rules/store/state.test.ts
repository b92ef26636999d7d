import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import corePack from '../packs/core.json';
import {
  dismissedRulesItem,
  localPackItem,
  managedMirrorItem,
  readStartupValues,
  settingsItem,
} from './items';
import { loadRuleState, ruleStateFrom } from './state';

const localPack = {
  ...corePack,
  packId: 'local-icb',
  name: 'Local ICB pack',
  rules: corePack.rules.slice(0, 2),
};

describe('a page’s one start-up read', () => {
  beforeEach(() => fakeBrowser.reset());

  test('gives the same rule state as reading each item', async () => {
    await localPackItem.setValue({
      text: JSON.stringify(localPack),
      fileName: 'icb.json',
      importedAt: '2026-11-01T09:00:00Z',
    });
    await settingsItem.setValue({ highlightStyle: 'underline' });
    await managedMirrorItem.setValue({ lockedSettings: ['highlightStyle'] });
    await dismissedRulesItem.setValue(['zopiclone']);

    const startup = await readStartupValues();
    expect(startup.dismissedRules).toEqual(['zopiclone']);
    const fromOneRead = ruleStateFrom(startup);
    const fromItems = await loadRuleState();
    expect(fromOneRead).toEqual(fromItems);
    expect(fromOneRead.layers.map((l) => l.layer)).toEqual(['bundled', 'local']);
  });

  test('empty storage: the bundled pack, default settings, nothing dismissed', async () => {
    const startup = await readStartupValues();
    expect(startup).toEqual({
      localPack: null,
      urlPack: null,
      settings: null,
      managed: {},
      dismissedRules: [],
    });
    expect(ruleStateFrom(startup)).toEqual(await loadRuleState());
  });
});
