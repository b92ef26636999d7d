/**
 * From validated, layered packs to what a page needs: the effective rules (for popover text) and
 * the compiled matcher. Runs once per rule-set change, never per scan. Pure: the bundled data
 * (brand names, the build-time compilation) is passed in by the caller (rules/bundled).
 */
import {
  compileRuleSet,
  createFuzzyMatcher,
  restoreCompiled,
  type CompiledRuleSet,
  type CompiledSnapshot,
  type CompileOptions,
} from '../engine';
import { engineRule, expandRuleNames, type RuleNameExpansion } from '../names/expand';
import { type NamePolicy, type ProductNameIndex } from '../names/index-schema';
import { CATEGORIES, type Category } from '../schema/rule-pack';
import { mergePacks, type EffectiveRuleSet, type LayeredPack } from './merge';

export interface ProductNames {
  readonly index: ProductNameIndex;
  readonly policy: NamePolicy;
}

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
  /**
   * The set already compiled (by the background, from these same layers): restored instead of
   * compiled, so a frame never pays to compile a stored pack.
   */
  readonly compiled?: CompiledSnapshot | null;
  /**
   * Brand and product names to add to every rule by ingredient (rules/bundled passes the bundled
   * index). A local pack's rules get them too, so an admin lists generics and the brands come
   * along. Absent: the packs' own names only.
   */
  readonly productNames?: ProductNames | null;
}

export function compileLayers(
  layers: readonly LayeredPack[],
  options: ActivateOptions = {},
): ActiveRuleSet {
  const effective = mergePacks(layers);
  const createFuzzy =
    options.createFuzzy ?? (options.fuzzy === false ? undefined : createFuzzyMatcher);
  const compileOptions = createFuzzy ? { createFuzzy } : {};
  const snapshot = options.compiled ?? null;
  if (snapshot) return { effective, compiled: restoreCompiled(snapshot, compileOptions) };
  const rules = [...effective.rules.values()].map(({ rule }) => rule);
  const expansion: ReadonlyMap<string, RuleNameExpansion> = options.productNames
    ? expandRuleNames(rules, options.productNames.index, options.productNames.policy)
    : new Map();
  const engineRules = rules.map((rule) => engineRule(rule, expansion.get(rule.id)));
  return { effective, compiled: compileRuleSet(engineRules, compileOptions) };
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
