/**
 * Clinical screens repeat their cells: dosage instructions, quantities, statuses, prescribers and
 * many drug descriptions recur row after row. Matching is a pure function of the rule set and the
 * text, so short texts are matched once per rule set and the answer is reused; on the 2,000-row
 * bench screen most runs are repeats (bench/README.md, issue 22).
 */
import type { Match } from '@/rules/engine';

/** Longer texts (notes, letters) rarely repeat: matched every time, never held. */
export const MEMO_MAX_TEXT = 96;
/** A long-lived tab sees an open-ended vocabulary: start over at this many texts. */
export const MEMO_MAX_ENTRIES = 4096;

/** `match` with its answers for short texts remembered until the rule set changes. */
export function memoizeMatches<S extends object>(
  match: (set: S, text: string) => Match[],
): (set: S, text: string) => readonly Match[] {
  let forSet: S | null = null;
  let memo = new Map<string, readonly Match[]>();
  return (set, text) => {
    if (text.length > MEMO_MAX_TEXT) return match(set, text);
    if (set !== forSet) {
      forSet = set;
      memo = new Map();
    }
    let found = memo.get(text);
    if (found === undefined) {
      found = match(set, text);
      if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
      memo.set(text, found);
    }
    return found;
  };
}
