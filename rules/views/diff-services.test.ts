/** Issue #19: the import preview lists services and directory entries a pack changes. */
import { describe, expect, test } from 'vitest';
import { bundledPack } from '../bundled';
import { mergePacks } from '../loader/merge';
import type { RulePack } from '../schema/rule-pack';
import { diffRuleSets, isEmptyDiff } from './diff';

const core = bundledPack();
const national = mergePacks([{ layer: 'bundled', pack: core }]);

describe('diff of services and directory', () => {
  test('a local pack that only adds a directory entry and overrides a service is not "no change"', () => {
    const bows = core.directory?.[0];
    const smoking = core.services?.find((s) => s.id === 'stop-smoking');
    if (!bows || !smoking) throw new Error('national pack lacks BOWS or stop smoking');
    const local: RulePack = {
      ...core,
      packId: 'x',
      rules: [],
      alerts: [],
      services: [{ ...smoking, name: 'Example Smokefree Service' }],
      directory: [{ ...bows, id: 'example-clinic', name: 'Example clinic' }],
    };
    const diff = diffRuleSets(
      national,
      mergePacks([
        { layer: 'bundled', pack: core },
        { layer: 'local', pack: local },
      ]),
    );
    expect(diff.services).toEqual({
      added: [],
      changed: ['Example Smokefree Service'],
      removed: [],
    });
    expect(diff.directory).toEqual({ added: ['Example clinic'], changed: [], removed: [] });
    expect(isEmptyDiff(diff)).toBe(false);
  });

  test('the same set compares empty', () => {
    expect(isEmptyDiff(diffRuleSets(national, national))).toBe(true);
  });
});
