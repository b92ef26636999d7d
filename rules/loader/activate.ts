/**
 * From validated, layered packs to what a page needs: the effective rules (for popover text) and
 * the compiled matcher. Runs once per rule-set change, never per scan.
 */
import {
  compileRuleSet,
  createFuzzyMatcher,
  type CompiledRuleSet,
  type CompileOptions,
} from '../engine';
import { CATEGORIES, type Category } from '../schema/rule-pack';
import { mergePacks, type EffectiveRuleSet, type LayeredPack } from './merge';

export interface ActiveRuleSet {
  readonly effective: EffectiveRuleSet;
  readonly compiled: CompiledRuleSet;
}

export interface ActivateOptions extends CompileOptions {
  /**
   * Whether to compile the fuzzy stage (default true). Misspelt and truncated names are common on
   * real screens ("zopiclon", "sertaline"); the fuzzy stage flags them as *possible* matches and is
   * tuned never to flag an English word or another real medicine. `createFuzzy` replaces it.
   */
  readonly fuzzy?: boolean;
}

export function activateRuleSet(
  layers: readonly LayeredPack[],
  options: ActivateOptions = {},
): ActiveRuleSet {
  const effective = mergePacks(layers);
  const engineRules = [...effective.rules.values()].map(({ rule }) => ({
    id: rule.id,
    names: rule.names,
    ...(rule.forms ? { forms: rule.forms } : {}),
  }));
  const createFuzzy =
    options.createFuzzy ?? (options.fuzzy === false ? undefined : createFuzzyMatcher);
  return {
    effective,
    compiled: compileRuleSet(engineRules, createFuzzy ? { createFuzzy } : {}),
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
