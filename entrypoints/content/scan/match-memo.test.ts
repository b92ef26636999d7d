import { describe, expect, test } from 'vitest';
import type { Match } from '@/rules/engine';
import { MEMO_MAX_ENTRIES, MEMO_MAX_TEXT, memoizeMatches } from './match-memo';

function counting() {
  const calls: string[] = [];
  const match = (set: { id: number }, text: string): Match[] => {
    calls.push(`${set.id}:${text}`);
    return text.includes('Zopiclone')
      ? [{ start: 0, end: 9, ruleIds: [`r${set.id}`], kind: 'exact', score: 1 }]
      : [];
  };
  return { calls, match };
}

describe('memoizeMatches', () => {
  test('a repeated cell is matched once, and gets the same marks every time', () => {
    const { calls, match } = counting();
    const memo = memoizeMatches(match);
    const set = { id: 1 };
    const first = memo(set, 'Zopiclone 7.5mg tablets');
    for (let i = 0; i < 5; i++) expect(memo(set, 'Zopiclone 7.5mg tablets')).toEqual(first);
    expect(memo(set, 'one at night')).toEqual([]);
    expect(calls).toEqual(['1:Zopiclone 7.5mg tablets', '1:one at night']);
  });

  test('new rules read every text afresh', () => {
    const { calls, match } = counting();
    const memo = memoizeMatches(match);
    memo({ id: 1 }, 'Zopiclone');
    expect(memo({ id: 2 }, 'Zopiclone')[0]?.ruleIds).toEqual(['r2']);
    expect(calls).toEqual(['1:Zopiclone', '2:Zopiclone']);
  });

  test('long texts are never held, and the memo starts over when full', () => {
    const { calls, match } = counting();
    const memo = memoizeMatches(match);
    const set = { id: 1 };
    const note = `Zopiclone ${'x'.repeat(MEMO_MAX_TEXT)}`;
    memo(set, note);
    memo(set, note);
    expect(calls.filter((c) => c === `1:${note}`)).toHaveLength(2);
    for (let i = 0; i <= MEMO_MAX_ENTRIES; i++) memo(set, `row ${i}`);
    calls.length = 0;
    memo(set, `row ${MEMO_MAX_ENTRIES}`);
    memo(set, 'row 0');
    expect(calls).toEqual(['1:row 0']);
  });
});
