/**
 * From validated, layered packs to what a page needs: the effective rules (for popover text) and
 * the compiled matcher. Runs once per rule-set change, never per scan.
 */
import { compileRuleSet, type CompiledRuleSet, type CompileOptions } from '../engine';
import { CATEGORIES, type Category } from '../schema/rule-pack';
import { mergePacks, type EffectiveRuleSet, type LayeredPack } from './merge';

export interface ActiveRuleSet {
  readonly effective: EffectiveRuleSet;
  readonly compiled: CompiledRuleSet;
}

export function activateRuleSet(
  layers: readonly LayeredPack[],
  options: CompileOptions = {},
): ActiveRuleSet {
  const effective = mergePacks(layers);
  const engineRules = [...effective.rules.values()].map(({ rule }) => ({
    id: rule.id,
    names: rule.names,
    ...(rule.forms ? { forms: rule.forms } : {}),
  }));
  return { effective, compiled: compileRuleSet(engineRules, options) };
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
