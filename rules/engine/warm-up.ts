/**
 * The tables the engine builds on first use, as separate steps. Each is cheap on its own (1–6 ms
 * cold), but a page's first text run used to build them all at once, with the rules, and on a
 * 340,000-node page that V8 is still marking each allocation pays part of the page's marking:
 * that first run then took 100–180 ms (bench/README.md, "Work that only V8's garbage collector
 * makes slow"). A caller that runs one step per task before such a page's first scan keeps every
 * task short; one that never calls them loses nothing, since each is built on first use anyway.
 * Pure.
 */
import { prepareStrengthPairs } from './combination-strength';
import { prepareFormAbbreviations } from './form-abbreviations';
import { vocabularyOf } from './prescan';
import { prepareTruncation } from './truncation';
import type { CompiledRuleSet } from './types';

/** The steps, in the order a scan first needs them; running all of them twice is harmless. */
export function warmUpSteps(set: CompiledRuleSet): readonly (() => void)[] {
  return [
    () => void vocabularyOf(set),
    prepareFormAbbreviations,
    () => {
      prepareTruncation();
      prepareStrengthPairs();
    },
    () => set.fuzzy?.prepare?.(),
  ];
}
