/**
 * Compiles rules into the exact-match index: first normalised token → candidate phrases, longest
 * first, so a scan costs one Map look-up per token (uBO's "hash then look up"; PERFORMANCE.md shows
 * this beats an Aho-Corasick DFA here). Run once per rule-set change.
 */
import { normalizeName } from './normalize';
import type { CompiledRuleSet, EngineRule, FuzzyMatcher, Phrase } from './types';

export interface CompileOptions {
  /** Builds the fuzzy stage from the exact index; omit for exact matching only. */
  readonly createFuzzy?: (exact: Omit<CompiledRuleSet, 'fuzzy'>) => FuzzyMatcher;
}

export function compileRuleSet(
  rules: readonly EngineRule[],
  options: CompileOptions = {},
): CompiledRuleSet {
  const byKey = new Map<string, { tokens: string[]; ruleIds: string[] }>();
  const formsByRule = new Map<string, string[][]>();
  const nameTokens = new Set<string>();
  // A first token seen capitalised is a brand unless some name also writes it in lower case.
  const capitalised = new Set<string>();
  const lowerCase = new Set<string>();

  for (const rule of rules) {
    for (const name of rule.names) {
      const tokens = normalizeName(name);
      if (tokens.length === 0) continue;
      const key = tokens.join(' ');
      let entry = byKey.get(key);
      if (!entry) {
        entry = { tokens, ruleIds: [] };
        byKey.set(key, entry);
      }
      if (!entry.ruleIds.includes(rule.id)) entry.ruleIds.push(rule.id);
      for (const t of tokens) nameTokens.add(t);
      const firstChar = name.trim().charAt(0);
      const first = tokens[0];
      if (first !== undefined) {
        if (firstChar !== firstChar.toLowerCase()) capitalised.add(first);
        else lowerCase.add(first);
      }
    }
    if (rule.forms && rule.forms.length > 0) {
      formsByRule.set(
        rule.id,
        rule.forms.map(normalizeName).filter((f) => f.length > 0),
      );
    }
  }

  const phrasesByFirst = new Map<string, Phrase[]>();
  for (const { tokens, ruleIds } of byKey.values()) {
    const first = tokens[0];
    if (first === undefined) continue;
    let list = phrasesByFirst.get(first);
    if (!list) {
      list = [];
      phrasesByFirst.set(first, list);
    }
    list.push({ tokens, ruleIds });
  }
  for (const list of phrasesByFirst.values()) {
    list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  const properNameTokens = new Set([...capitalised].filter((t) => !lowerCase.has(t)));
  const exact = { phrasesByFirst, formsByRule, nameTokens, properNameTokens };
  return { ...exact, fuzzy: options.createFuzzy ? options.createFuzzy(exact) : null };
}
