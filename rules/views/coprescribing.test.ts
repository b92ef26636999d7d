import { describe, expect, test } from 'vitest';
import corePack from '../packs/core.json';
import { describeGroups, findCoPrescribing } from './coprescribing';
import { mergePacks } from '../loader/merge';
import { validatePack } from '../loader/validate';

const bundled = validatePack(corePack);
if (!bundled.ok) throw new Error('core pack invalid');
const effective = mergePacks([{ layer: 'bundled', pack: bundled.value }]);

const fired = (ids: string[]) =>
  findCoPrescribing(effective, ids).map((t) => `${t.alert.id}:${t.ruleIds.join('+')}`);

describe('findCoPrescribing with the national pack', () => {
  test.each([
    ['codeine with diazepam', ['codeine', 'diazepam'], ['opioid-with-sedative:codeine+diazepam']],
    [
      'tramadol with pregabalin',
      ['tramadol', 'pregabalin'],
      ['opioid-with-sedative:tramadol+pregabalin'],
    ],
    [
      'morphine with zopiclone',
      ['morphine', 'zopiclone'],
      ['opioid-with-sedative:morphine+zopiclone'],
    ],
    ['two opioids', ['codeine', 'morphine'], ['more-than-one-opioid:codeine+morphine']],
    ['an opioid alone', ['codeine'], []],
    ['a benzodiazepine with a z-drug, no opioid', ['diazepam', 'zopiclone'], []],
    ['an antidepressant with an opioid', ['sertraline', 'codeine'], []],
    ['unknown rule ids are ignored', ['codeine', 'no-such-rule'], []],
    [
      'both alerts at once',
      ['codeine', 'morphine', 'gabapentin'],
      ['opioid-with-sedative:codeine+gabapentin', 'more-than-one-opioid:codeine+morphine'],
    ],
  ])('%s', (_why, ids, expected) => {
    expect(fired(ids)).toEqual(expected);
  });

  test('a local pack can add its own combination as data', () => {
    const local = {
      ...bundled.value,
      packId: 'local-test',
      rules: [],
      alerts: [
        {
          id: 'antidepressant-with-tramadol',
          title: 'Antidepressant with tramadol',
          groups: [['antidepressant'], ['opioid']],
          message: 'Serotonin syndrome risk.',
          advice: 'Review the combination.',
          sources: bundled.value.rules[0]?.sources ?? [],
        },
      ],
    };
    const merged = mergePacks([
      { layer: 'bundled', pack: bundled.value },
      { layer: 'local', pack: local },
    ]);
    expect(findCoPrescribing(merged, ['sertraline', 'tramadol']).map((t) => t.alert.id)).toEqual([
      'antidepressant-with-tramadol',
    ]);
  });
});

describe('describeGroups', () => {
  test.each([
    [[['Codeine'], ['Diazepam']], 'Codeine + Diazepam'],
    [[['Buprenorphine', 'Codeine'], ['Diazepam']], 'Buprenorphine, Codeine + Diazepam'],
    [
      [
        ['Buprenorphine', 'Codeine'],
        ['Buprenorphine', 'Codeine'],
      ],
      'Buprenorphine + Codeine',
    ],
  ])('%j → %s', (groups, expected) => {
    expect(describeGroups(groups)).toBe(expected);
  });
});
