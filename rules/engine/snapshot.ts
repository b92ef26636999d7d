/**
 * A compiled rule set as plain JSON and back, so a rule set that never changes (the bundled pack
 * alone) is compiled once when the extension is built rather than on every page load (≈ 7–9 ms
 * per page and per frame, cold). Restoring only rebuilds Maps and Sets from arrays; the fuzzy
 * stage is created afresh (it builds itself on first use).
 */
import type { CompileOptions } from './compile';
import type { CompiledRuleSet, FormBoundPhrase, Phrase } from './types';

export interface CompiledSnapshot {
  readonly phrasesByFirst: readonly (readonly [string, readonly Phrase[]])[];
  readonly formsByRule: readonly (readonly [string, readonly (readonly string[])[]])[];
  readonly nameTokens: readonly string[];
  readonly properNameTokens: readonly string[];
  readonly formBoundByFirst: readonly (readonly [string, readonly FormBoundPhrase[]])[];
}

export function snapshotOf(set: CompiledRuleSet): CompiledSnapshot {
  return {
    phrasesByFirst: [...set.phrasesByFirst],
    formsByRule: [...set.formsByRule],
    nameTokens: [...set.nameTokens],
    properNameTokens: [...(set.properNameTokens ?? [])],
    formBoundByFirst: [...(set.formBoundByFirst ?? [])],
  };
}

export function restoreCompiled(
  snapshot: CompiledSnapshot,
  options: CompileOptions = {},
): CompiledRuleSet {
  const exact = {
    phrasesByFirst: new Map(snapshot.phrasesByFirst),
    formsByRule: new Map(snapshot.formsByRule),
    nameTokens: new Set(snapshot.nameTokens),
    properNameTokens: new Set(snapshot.properNameTokens),
    ...(snapshot.formBoundByFirst.length > 0
      ? { formBoundByFirst: new Map(snapshot.formBoundByFirst) }
      : {}),
  };
  return { ...exact, fuzzy: options.createFuzzy ? options.createFuzzy(exact) : null };
}
