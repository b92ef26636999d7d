/**
 * From validated, layered packs to what a page needs: the effective rules (for popover text) and
 * the compiled matcher. Runs once per rule-set change, never per scan. Pure: the bundled data
 * (brand names, the build-time compilation) is passed in by the caller (rules/bundled).
 */
import { compileRuleSet, type CompiledSnapshot } from '../engine';
import { engineRule, expandRuleNames, type RuleNameExpansion } from '../names/expand';
import { type NamePolicy, type ProductNameIndex } from '../names/index-schema';
import { mergePacks, type LayeredPack } from './merge';
import { fuzzyOptions, restoreLayers, type ActiveRuleSet, type RestoreOptions } from './restore';

export interface ProductNames {
  readonly index: ProductNameIndex;
  readonly policy: NamePolicy;
}

export interface ActivateOptions extends RestoreOptions {
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
  const snapshot = options.compiled ?? null;
  if (snapshot) return restoreLayers(layers, snapshot, options);
  const effective = mergePacks(layers);
  const compileOptions = fuzzyOptions(options);
  const rules = [...effective.rules.values()].map(({ rule }) => rule);
  const expansion: ReadonlyMap<string, RuleNameExpansion> = options.productNames
    ? expandRuleNames(rules, options.productNames.index, options.productNames.policy)
    : new Map();
  const engineRules = rules.map((rule) => engineRule(rule, expansion.get(rule.id)));
  return { effective, compiled: compileRuleSet(engineRules, compileOptions) };
}
