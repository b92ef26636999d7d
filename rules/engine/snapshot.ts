/**
 * A compiled rule set as plain JSON and back, so a rule set that never changes (the bundled pack
 * alone) is compiled once when the extension is built rather than on every page load (≈ 7–9 ms
 * per page and per frame, cold). Restoring only rebuilds Maps and Sets from arrays; the fuzzy
 * stage's index, built too, is restored on its first use.
 */
import { RuleSet, type CompileOptions } from './compile';
import type { CompiledRuleSet, FormBoundPhrase, FuzzyIndexSnapshot, Phrase } from './types';

export interface CompiledSnapshot {
  readonly phrasesByFirst: readonly (readonly [string, readonly Phrase[]])[];
  readonly formsByRule: readonly (readonly [string, readonly (readonly string[])[]])[];
  readonly nameTokens: readonly string[];
  readonly properNameTokens: readonly string[];
  readonly formBoundByFirst: readonly (readonly [string, readonly FormBoundPhrase[]])[];
  /** Optional: snapshots built before rule-specific local forms existed have none. */
  readonly localFormsByRule?: readonly (readonly [string, readonly string[]])[];
  /** The fuzzy stage's index, built: absent when the set was compiled without one. */
  readonly fuzzy?: FuzzyIndexSnapshot;
}

export function snapshotOf(set: CompiledRuleSet): CompiledSnapshot {
  return {
    phrasesByFirst: [...set.phrasesByFirst],
    formsByRule: [...set.formsByRule],
    nameTokens: [...set.nameTokens],
    properNameTokens: [...(set.properNameTokens ?? [])],
    formBoundByFirst: [...(set.formBoundByFirst ?? [])],
    ...(set.localFormsByRule ? { localFormsByRule: [...set.localFormsByRule] } : {}),
    ...(set.fuzzy?.indexSnapshot ? { fuzzy: set.fuzzy.indexSnapshot() } : {}),
  };
}

export function restoreCompiled(
  snapshot: CompiledSnapshot,
  options: CompileOptions = {},
): CompiledRuleSet {
  const set = new RuleSet(
    new Map(snapshot.phrasesByFirst),
    new Map(snapshot.formsByRule),
    new Set(snapshot.nameTokens),
    new Set(snapshot.properNameTokens),
    snapshot.formBoundByFirst.length > 0 ? new Map(snapshot.formBoundByFirst) : undefined,
    snapshot.localFormsByRule && snapshot.localFormsByRule.length > 0
      ? new Map(snapshot.localFormsByRule)
      : undefined,
  );
  if (options.createFuzzy) {
    set.fuzzy = options.createFuzzy(set, snapshot.fuzzy ? { prebuilt: snapshot.fuzzy } : {});
  }
  return set;
}
