import { describe, expect, test } from 'vitest';
import { matchText, snapshotOf, type MatchKind } from '@/rules/engine';
import { activate, categoryFor, noticesOf, type ActiveRules } from './active-rules';
import { highlightNameOf, type HighlightName } from '../paint/highlight-names';
import {
  TEST_RULES,
  testPack,
  testPageRuleState,
  testRuleState,
  type RuleStateOptions,
} from '../../../tests/support/rule-state';

const NOW = new Date('2026-11-24T10:00:00Z');

function active(options: RuleStateOptions = {}) {
  return activate(testPageRuleState(testRuleState(options)), NOW);
}

const DEFAULT = active();

describe('activate', () => {
  test('restores the packs the background compiled', () => {
    const found = matchText(DEFAULT.compiled, 'Maxtrex 2.5mg tablets');
    expect(found.map((m) => [m.ruleIds, m.kind])).toEqual([[['methotrexate'], 'exact']]);
  });

  test('restores the compiled set the background built instead of compiling', () => {
    // The background's set knows only warfarin: what the page then matches proves which set it uses.
    const warfarinOnly = active({
      pack: testPack({ rules: TEST_RULES.filter((r) => r.id === 'warfarin') }),
    });
    const restored = activate(
      { state: testRuleState(), compiled: snapshotOf(warfarinOnly.compiled) },
      NOW,
    );
    expect(
      matchText(restored.compiled, 'Maxtrex 2.5mg, warfarin 1mg').map((m) => m.ruleIds),
    ).toEqual([['warfarin']]);
  });

  test("keeps the state it was built from and today's date for review warnings", () => {
    const state = testRuleState();
    const rules = activate(testPageRuleState(state), NOW);
    expect(rules.state).toBe(state);
    expect(rules.today).toBe('2026-11-24');
  });

  test('the effective rules name every medicine of the pack', () => {
    expect(DEFAULT.effective.rules.get('warfarin')?.rule.drug).toBe('Warfarin');
  });
});

/** What the content script paints a match in: its category in force, named for the style. */
function highlightFor(
  rules: ActiveRules,
  ruleIds: readonly string[],
  kind: MatchKind,
  isPast: boolean,
): HighlightName | null {
  const category = categoryFor(rules, ruleIds);
  return category
    ? highlightNameOf({ category, kind, isPast }, rules.state.settings.highlightStyle)
    : null;
}

describe('the highlight a match paints in', () => {
  test.each<[string, readonly string[], MatchKind, boolean, HighlightName | null]>([
    [
      'a current exact match paints in its category',
      ['methotrexate'],
      'exact',
      false,
      'plens-shared-care',
    ],
    ['a dependence-forming name', ['zopiclone'], 'exact', false, 'plens-dependence-forming'],
    ['a name in a past section is muted', ['methotrexate'], 'exact', true, 'plens-past'],
    ['a misspelt name is only possible', ['methotrexate'], 'fuzzy', false, 'plens-possible'],
    ['a misspelt name in a past section is muted', ['zopiclone'], 'fuzzy', true, 'plens-past'],
    [
      'the first listed category decides the colour',
      ['lithium'],
      'exact',
      false,
      'plens-shared-care',
    ],
    [
      'of several rules, the most important category wins',
      ['zopiclone', 'warfarin'],
      'exact',
      false,
      'plens-no-commissioned-service',
    ],
    ['a rule the pack does not have paints nothing', ['amlodipine'], 'exact', false, null],
    ['no rules paints nothing', [], 'exact', false, null],
  ])('%s', (_why, ruleIds, kind, isPast, expected) => {
    expect(highlightFor(DEFAULT, ruleIds, kind, isPast)).toBe(expected);
  });

  test.each<[string, MatchKind, boolean]>([
    ['current exact', 'exact', false],
    ['past', 'exact', true],
    ['possible', 'fuzzy', false],
  ])('a switched-off category paints nothing, %s matches included', (_why, kind, isPast) => {
    const rules = active({ categories: { 'shared-care': false } });
    expect(highlightFor(rules, ['methotrexate'], kind, isPast)).toBeNull();
  });

  test('switching one category off leaves the others painted', () => {
    const rules = active({ categories: { 'shared-care': false } });
    expect(highlightFor(rules, ['zopiclone'], 'exact', false)).toBe('plens-dependence-forming');
  });

  test.each<[string, MatchKind, boolean, HighlightName]>([
    ['a current name is underlined in its category', 'exact', false, 'plens-shared-care-underline'],
    ['a past name keeps the muted style', 'exact', true, 'plens-past'],
    ['a possible name keeps the possible style', 'fuzzy', false, 'plens-possible'],
  ])('underline style: %s', (_why, kind, isPast, expected) => {
    const rules = active({ settings: { highlightStyle: 'underline' } });
    expect(highlightFor(rules, ['methotrexate'], kind, isPast)).toBe(expected);
  });
});

describe('noticesOf', () => {
  test('a page with every pack loaded has nothing to say', () => {
    expect(noticesOf(DEFAULT)).toEqual([]);
  });

  test('packs that failed to load come first, then policy problems, each in its own words', () => {
    const rules = active({
      problems: [
        {
          layer: 'local',
          message: 'Your local pack could not be read; the national pack is in use.',
        },
        { layer: 'managed', message: 'The policy pack failed validation.' },
      ],
      policyProblems: ['Enterprise policy ignored: packUrl: packUrl must be an https:// link'],
    });
    expect(noticesOf(rules)).toEqual([
      'Your local pack could not be read; the national pack is in use.',
      'The policy pack failed validation.',
      'Enterprise policy ignored: packUrl: packUrl must be an https:// link',
    ]);
  });
});
