/**
 * The light half of activation: layers already validated and a set already compiled (by the
 * background, or at build time for the bundled pack) made ready for a page. It never expands names
 * or compiles, so the content script bundles neither the name expander nor the validator
 * (tests/content-bundle.test.ts); activate.ts does both for everyone else. Pure.
 */
import {
  createFuzzyMatcher,
  restoreCompiled,
  type CompiledRuleSet,
  type CompiledSnapshot,
  type CompileOptions,
} from '../engine';
import { CATEGORIES, type Category } from '../schema/rule-pack';
import { mergePacks, type EffectiveRuleSet, type LayeredPack } from './merge';

export interface ActiveRuleSet {
  readonly effective: EffectiveRuleSet;
  readonly compiled: CompiledRuleSet;
}

export interface RestoreOptions extends CompileOptions {
  /** Whether to restore the fuzzy stage (default true); `createFuzzy` replaces it. */
  readonly fuzzy?: boolean;
}

/** The compile options activation uses: the fuzzy stage unless switched off. */
export function fuzzyOptions(options: RestoreOptions): CompileOptions {
  const createFuzzy =
    options.createFuzzy ?? (options.fuzzy === false ? undefined : createFuzzyMatcher);
  return createFuzzy ? { createFuzzy } : {};
}

/** `layers` merged, with `compiled` (built from these same layers) restored rather than rebuilt. */
export function restoreLayers(
  layers: readonly LayeredPack[],
  compiled: CompiledSnapshot,
  options: RestoreOptions = {},
): ActiveRuleSet {
  return {
    effective: mergePacks(layers),
    compiled: restoreCompiled(compiled, fuzzyOptions(options)),
  };
}

/** The most important first-listed category among the rules a name maps to (decides its colour). */
export function primaryCategory(
  effective: EffectiveRuleSet,
  ruleIds: readonly string[],
): Category | null {
  let best: Category | null = null;
  for (const id of ruleIds) {
    const first = effective.rules.get(id)?.rule.categories[0];
    if (first && (best === null || CATEGORIES.indexOf(first) < CATEGORIES.indexOf(best)))
      best = first;
  }
  return best;
}
