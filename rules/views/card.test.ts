/**
 * The card's one-line summary (#18): what the position is, why it matters and the next step, the
 * same wherever the card is shown, following the practice profile where it changes the position.
 */
import { describe, expect, test } from 'vitest';
import { bundledPack } from '../bundled';
import { mergePacks, type ResolvedRule } from '../loader/merge';
import type { RulePack } from '../schema/rule-pack';
import { cardFromRule, cardSummary, firstSentence } from './card';
import { practicePosition } from './practice-position';

const core = bundledPack();
const national = mergePacks([{ layer: 'bundled', pack: core }]);
const TODAY = '2026-12-07';
const VIEW = { matchedText: 'x', kind: 'exact', isPast: false } as const;

function ruleOf(id: string, set = national): ResolvedRule {
  const resolved = set.rules.get(id);
  if (!resolved) throw new Error(`no rule ${id}`);
  return resolved;
}

describe('firstSentence', () => {
  test.each([
    ['One. Two.', 'One.'],
    ['Use it (e.g. for pain). Then stop.', 'Use it (e.g. for pain).'],
    ['Only one sentence', 'Only one sentence'],
    ['  Padded.  ', 'Padded.'],
    ['Ask for details, i.e. the plan. Then decide.', 'Ask for details, i.e. the plan.'],
  ])('%j → %j', (text, expected) => {
    expect(firstSentence(text)).toBe(expected);
  });

  test('is linear on a long run of abbreviations and stops', () => {
    const text = 'e.g. '.repeat(50_000);
    const started = performance.now();
    firstSentence(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('cardSummary', () => {
  test('a medicine using its category’s text gets the category’s summary, with the next step', () => {
    const summary = cardSummary(ruleOf('methotrexate'));
    expect(summary).toBe(core.categoryText?.['shared-care']?.summary);
    expect(summary).toMatch(/shared care agreement/);
    expect(summary).toMatch(/ask the specialist/);
  });

  test('a medicine with its own position is summed up from its own words, never its category’s', () => {
    const acitretin = ruleOf('acitretin');
    const summary = cardSummary(acitretin);
    expect(summary).toMatch(/^Hospital-only \(red\)/);
    expect(summary).toMatch(/ask the specialist team to keep prescribing/);
    expect(summary).not.toBe(core.categoryText?.['no-commissioned-service']?.summary);
  });

  test('every medicine in the national pack has a summary of at most three sentences', () => {
    for (const resolved of national.rules.values()) {
      const summary = cardSummary(resolved);
      expect(summary, resolved.rule.id).not.toBe('');
      expect(summary.split('. ').length, resolved.rule.id).toBeLessThanOrEqual(3);
    }
  });

  test('follows the practice profile: a service the practice provides answers the medicine', () => {
    const resolved = ruleOf('varenicline');
    const ctx = { services: national.services, directory: national.directory, today: TODAY };
    const provided = practicePosition(resolved, {
      ...ctx,
      profile: { icb: null, services: ['stop-smoking'] },
    });
    expect(cardSummary(resolved, provided)).toMatch(/^Your practice provides the /);
    const notProvided = practicePosition(resolved, {
      ...ctx,
      profile: { icb: null, services: [] },
    });
    expect(cardSummary(resolved, notProvided)).toBe(
      core.categoryText?.['no-commissioned-service']?.summary,
    );
  });

  test('the card carries the summary, and a local pack’s own summary wins', () => {
    const local: RulePack = {
      ...core,
      packId: 'local-test',
      name: 'Local test pack',
      rules: [
        {
          ...(core.rules.find((r) => r.id === 'methotrexate') ?? core.rules[0]!),
          summary: 'Local: prescribe under the area agreement; ask rheumatology for it.',
        },
      ],
    };
    const set = mergePacks([
      { layer: 'bundled', pack: core },
      { layer: 'local', pack: local },
    ]);
    const card = cardFromRule(ruleOf('methotrexate', set), VIEW, TODAY);
    expect(card?.summary).toBe(
      'Local: prescribe under the area agreement; ask rheumatology for it.',
    );
  });
});
