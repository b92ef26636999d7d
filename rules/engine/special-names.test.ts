import { describe, expect, test } from 'vitest';
import { compileRuleSet } from './compile';
import { createFuzzyMatcher } from './fuzzy';
import { matchText } from './match';

const set = compileRuleSet(
  [
    { id: 'methotrexate', names: ['methotrexate'], caseSensitiveNames: ['MTX'] },
    { id: 'nicotine-replacement', names: ['nicotine patch'], caseSensitiveNames: ['NRT'] },
    { id: 'zaleplon', names: ['zaleplon'], contextNames: ['Sonata'] },
  ],
  { createFuzzy: createFuzzyMatcher },
);

const found = (text: string) =>
  matchText(set, text).map((m) => `${text.slice(m.start, m.end)}→${m.ruleIds.join('+')}`);

describe('case-sensitive names match only as written', () => {
  test.each([
    ['MTX 10mg weekly', ['MTX→methotrexate']],
    ['mtx 10mg weekly', []],
    ['Mtx 10mg weekly', []],
    ['Stop smoking: NRT patches offered', ['NRT→nicotine-replacement']],
    ['nrt', []],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('context-needing names match only with a strength or dose form after them', () => {
  test.each([
    ['Sonata 10mg capsules', ['Sonata→zaleplon']],
    ['Sonata capsules', ['Sonata→zaleplon']],
    ['Moonlight Sonata by Beethoven', []],
    ['Sonata\n10mg', []],
    ['Sonata in C major, 2 movements', []],
    ['Sonatas and sonatinas', []],
    // The strength must be the name's own, not another clause's or another medicine's
    ['Sonata, then zaleplon 10mg capsules', ['zaleplon→zaleplon']],
    ['Sonata; 2 movements', []],
    ['Sonata methotrexate 10mg', ['methotrexate→methotrexate']],
    ['Sonata/zaleplon 10mg capsules', ['Sonata→zaleplon', 'zaleplon→zaleplon']],
    // After a title it is a person
    ['Seen by Dr Sonata, 10mg capsules issued', []],
    ['Mrs Sonata 10 tablets', []],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test('the fuzzy stage never proposes them', () => {
    expect(found('Sonatta 10mg capsules')).toEqual([]);
  });
});

describe('family names whose products differ are only ever possible', () => {
  const family = compileRuleSet(
    [
      {
        id: 'codeine',
        names: ['codeine', 'Solpadeine Plus'],
        possibleNames: [{ name: 'Solpadeine', except: ['Solpadeine Headache'] }],
      },
    ],
    { createFuzzy: createFuzzyMatcher },
  );
  const read = (text: string) =>
    matchText(family, text).map((m) => ({
      name: text.slice(m.start, m.end),
      kind: m.kind,
      family: m.family === true,
    }));

  test('the family name alone is a possible match that says why', () => {
    expect(read('Solpadeine soluble tablets')).toEqual([
      { name: 'Solpadeine', kind: 'fuzzy', family: true },
    ]);
  });

  test('a longer listed product of the family stays certain', () => {
    expect(read('Solpadeine Plus capsules')).toEqual([
      { name: 'Solpadeine Plus', kind: 'exact', family: false },
    ]);
  });

  test('a product of the family without the medicine is no match at all', () => {
    expect(read('Solpadeine Headache tablets')).toEqual([]);
  });

  test('the family name is never a fuzzy target: a misspelling of it stays unread', () => {
    expect(read('Solpadiene tablets').filter((m) => m.family)).toEqual([]);
  });
});
