/**
 * Golden corpus for the bundled pack: what a GP or pharmacist would see flagged on real-looking
 * medication lines, and what must stay quiet. Runs the engine exactly as the content script does
 * (validated pack → activateRuleSet with its default fuzzy stage → matchText), so a content change
 * that drops a name, or a new name that collides with everyday text, fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { matchText } from '../engine';
import { activateRuleSet } from '../bundled';
import { validatePack } from '../loader/validate';

interface FlaggedLine {
  readonly text: string;
  readonly ruleIds: readonly string[];
}
interface Exception extends FlaggedLine {
  readonly why: string;
}

function readFixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../../tests/fixtures/corpus/${name}`, import.meta.url), 'utf8'),
  ) as T;
}

const { lines } = readFixture<{ lines: FlaggedLine[] }>('medication-lines.json');
const notFlagged = readFixture<{
  medicines: string[];
  sentences: string[];
  exceptions: Exception[];
}>('not-flagged.json');

const validated = validatePack(
  JSON.parse(readFileSync(new URL('./core.json', import.meta.url), 'utf8')),
);
if (!validated.ok) throw new Error('core.json does not validate; see core.test.ts');
const { compiled } = activateRuleSet([{ layer: 'bundled', pack: validated.value }]);

/** The rule ids a user would see flagged in `text`, sorted. */
function flaggedRuleIds(text: string): string[] {
  return [...new Set(matchText(compiled, text).flatMap((m) => m.ruleIds))].sort();
}

describe('corpus size', () => {
  test('has at least 300 flagged lines and 300 unflagged texts', () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
    expect(notFlagged.medicines.length + notFlagged.sentences.length).toBeGreaterThanOrEqual(300);
  });
});

describe('medication lines flag the right rules', () => {
  test.each(lines)('$text → $ruleIds', ({ text, ruleIds }) => {
    expect(flaggedRuleIds(text)).toEqual([...ruleIds].sort());
  });

  test.each(lines)('$text is flagged by exact names, never a guess', ({ text }) => {
    for (const match of matchText(compiled, text)) expect(match.kind).toBe('exact');
  });
});

describe('common medicines and everyday text stay unflagged', () => {
  test.each(notFlagged.medicines)('medicine: %s', (text) => {
    expect(matchText(compiled, text)).toEqual([]);
  });

  test.each(notFlagged.sentences)('sentence: %s', (text) => {
    expect(matchText(compiled, text)).toEqual([]);
  });
});

describe('documented exceptions flag as documented', () => {
  test.each(notFlagged.exceptions)('$text → $ruleIds ($why)', ({ text, ruleIds }) => {
    expect(flaggedRuleIds(text)).toEqual([...ruleIds].sort());
  });
});
