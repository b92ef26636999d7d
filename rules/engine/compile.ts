/**
 * Compiles rules into the exact-match index: first normalised token → candidate phrases, longest
 * first, so a scan costs one Map look-up per token (uBO's "hash then look up"; docs/performance.md shows
 * this beats an Aho-Corasick DFA here). Run once per rule-set change.
 */
import { normalizeName, tokenize } from './normalize';
import type {
  CompiledRuleSet,
  EngineRule,
  FormBoundPhrase,
  FuzzyIndexSnapshot,
  FuzzyMatcher,
  Phrase,
} from './types';

export interface CompileOptions {
  /** Builds the fuzzy stage from the exact index; omit for exact matching only. */
  readonly createFuzzy?: (
    exact: Omit<CompiledRuleSet, 'fuzzy'>,
    options?: { readonly prebuilt?: FuzzyIndexSnapshot },
  ) => FuzzyMatcher;
}

/**
 * A compiled rule set, every field present and always in the same order. Built as object literals
 * with the optional maps spread in, each restore after the first few got a hidden class of its
 * own (V8), and every reader that had seen the last one threw its optimised code away (a "wrong
 * map" deopt of the token reader, the form checks and the pre-scan per new set, issue 22).
 */
export class RuleSet implements CompiledRuleSet {
  fuzzy: FuzzyMatcher | null = null;

  constructor(
    readonly phrasesByFirst: ReadonlyMap<string, readonly Phrase[]>,
    readonly formsByRule: ReadonlyMap<string, readonly (readonly string[])[]>,
    readonly nameTokens: ReadonlySet<string>,
    readonly properNameTokens: ReadonlySet<string>,
    readonly formBoundByFirst: ReadonlyMap<string, readonly FormBoundPhrase[]> | undefined,
    readonly localFormsByRule: ReadonlyMap<string, readonly string[]> | undefined,
  ) {}
}

interface PhraseEntry {
  tokens: string[];
  ruleIds: string[];
  raw?: string[];
  needsContext?: boolean;
  possible?: boolean;
  except?: string[][];
  supplier?: string;
}

/**
 * Retailers whose own brands are named by ordinary words ("Boots Dental Pain Relief"). dm+d names
 * such a product without the retailer in front and gives it in brackets after ("Dental Pain Relief
 * tablets (The Boots Company Plc)"), so a context-needing name that starts with one is also read
 * that way, and only that way (`Phrase.supplier`).
 */
const OWN_BRAND_SUPPLIERS: ReadonlySet<string> = new Set([
  'boots',
  'lloyds',
  'lloydspharmacy',
  'superdrug',
  'tesco',
  'numark',
  'sainsbury',
  'sainsburys',
  'asda',
  'morrisons',
  'wilko',
  'savers',
]);

/**
 * Adds to `tails` the tokens after `tokens` of each longer name that starts with them ("Clopixol
 * Acuphase" → acuphase), once each.
 */
function addTailsAfter(
  tails: string[][],
  tokens: readonly string[],
  longerNames: readonly string[],
): void {
  for (const other of longerNames) {
    const longer = normalizeName(other);
    if (longer.length <= tokens.length || tokens.some((t, k) => longer[k] !== t)) continue;
    const rest = longer.slice(tokens.length);
    if (!tails.some((e) => e.join(' ') === rest.join(' '))) tails.push(rest);
  }
}

/** Adds a case-sensitive or context-needing phrase, kept apart from the plain name of the same spelling. */
function addSpecial(
  byKey: Map<string, PhraseEntry>,
  key: string,
  tokens: string[],
  ruleId: string,
  extra: Pick<PhraseEntry, 'raw' | 'needsContext' | 'possible' | 'except' | 'supplier'>,
): void {
  if (tokens.length === 0) return;
  const entry = byKey.get(key) ?? { tokens, ruleIds: [], ...extra };
  if (!entry.ruleIds.includes(ruleId)) entry.ruleIds.push(ruleId);
  byKey.set(key, entry);
}

interface FormBoundEntry {
  tokens: string[];
  bindings: { ruleId: string; forms: string[][] }[];
  except: string[][];
}

/**
 * Adds a rule's form-bound names. One phrase per spelling; each rule it may mean keeps its own
 * forms. An exception ("Clopixol Acuphase" for "Clopixol") is kept as the tokens after the name.
 */
function addFormBound(byKey: Map<string, FormBoundEntry>, rule: EngineRule): void {
  for (const bound of rule.formBoundNames ?? []) {
    const tokens = normalizeName(bound.name);
    const forms = bound.forms.map(normalizeName).filter((f) => f.length > 0);
    if (tokens.length === 0 || forms.length === 0) continue;
    const key = tokens.join(' ');
    const entry = byKey.get(key) ?? { tokens, bindings: [], except: [] };
    const binding = entry.bindings.find((b) => b.ruleId === rule.id);
    if (binding) binding.forms.push(...forms);
    else entry.bindings.push({ ruleId: rule.id, forms });
    addTailsAfter(entry.except, tokens, bound.except ?? []);
    byKey.set(key, entry);
  }
}

export function compileRuleSet(
  rules: readonly EngineRule[],
  options: CompileOptions = {},
): CompiledRuleSet {
  const byKey = new Map<string, PhraseEntry>();
  const formBoundByKey = new Map<string, FormBoundEntry>();
  const formsByRule = new Map<string, string[][]>();
  const localFormsByRule = new Map<string, string[]>();
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
    for (const { name, except } of rule.nameExceptions ?? []) {
      const tokens = normalizeName(name);
      const entry = byKey.get(tokens.join(' '));
      if (entry && except) addTailsAfter((entry.except ??= []), tokens, except);
    }
    for (const name of rule.caseSensitiveNames ?? []) {
      const raw = tokenize(name).map((t) => name.slice(t.start, t.end));
      addSpecial(byKey, `cs:${raw.join(' ')}`, normalizeName(name), rule.id, { raw });
    }
    for (const name of rule.contextNames ?? []) {
      const tokens = normalizeName(name);
      addSpecial(byKey, `ctx:${tokens.join(' ')}`, tokens, rule.id, { needsContext: true });
      const [first, ...rest] = tokens;
      if (first !== undefined && OWN_BRAND_SUPPLIERS.has(first) && rest.length >= 2) {
        addSpecial(byKey, `sup:${first}:${rest.join(' ')}`, rest, rule.id, {
          needsContext: true,
          supplier: first,
        });
      }
    }
    for (const { name, except } of rule.possibleNames ?? []) {
      const tokens = normalizeName(name);
      const key = `pos:${tokens.join(' ')}`;
      addSpecial(byKey, key, tokens, rule.id, { possible: true, except: [] });
      const entry = byKey.get(key);
      if (entry?.except) addTailsAfter(entry.except, tokens, except ?? []);
    }
    addFormBound(formBoundByKey, rule);
    const local = (rule.localForms ?? []).map((w) => w.toLowerCase());
    if (local.length > 0) localFormsByRule.set(rule.id, local);
    if (rule.forms && rule.forms.length > 0) {
      formsByRule.set(
        rule.id,
        rule.forms.map(normalizeName).filter((f) => f.length > 0),
      );
    }
  }

  const phrasesByFirst = new Map<string, Phrase[]>();
  for (const { tokens, ruleIds, raw, needsContext, possible, except, supplier } of byKey.values()) {
    const first = tokens[0];
    if (first === undefined) continue;
    let list = phrasesByFirst.get(first);
    if (!list) {
      list = [];
      phrasesByFirst.set(first, list);
    }
    list.push({
      tokens,
      ruleIds,
      ...(raw ? { raw } : {}),
      ...(needsContext ? { needsContext } : {}),
      // A family name always carries its exceptions; a plain name only when it has some.
      ...(possible ? { possible, except: except ?? [] } : except?.length ? { except } : {}),
      ...(supplier ? { supplier } : {}),
    });
  }
  for (const list of phrasesByFirst.values()) {
    // Longest first; among equals, the stricter (case-sensitive, context-needing) phrases first
    // and family names, only ever possible, last.
    const strictness = (p: Phrase) =>
      p.possible === true ? -1 : Number(p.raw !== undefined || p.needsContext === true);
    list.sort((a, b) => b.tokens.length - a.tokens.length || strictness(b) - strictness(a));
    // Tokens of special names are never fuzzily re-read as another drug either.
    for (const p of list) for (const t of p.tokens) nameTokens.add(t);
  }

  // Form-bound tokens stay out of nameTokens: the fuzzy stage keeps reading "risperidone" as a
  // known medicine (so misspellings near it stay unread), and matchText skips fuzzy on them.
  const formBoundByFirst = new Map<string, FormBoundPhrase[]>();
  for (const entry of formBoundByKey.values()) {
    const first = entry.tokens[0];
    if (first === undefined) continue;
    const list = formBoundByFirst.get(first) ?? [];
    list.push(entry);
    formBoundByFirst.set(first, list);
  }
  for (const list of formBoundByFirst.values())
    list.sort((a, b) => b.tokens.length - a.tokens.length);

  const properNameTokens = new Set([...capitalised].filter((t) => !lowerCase.has(t)));
  const set = new RuleSet(
    phrasesByFirst,
    formsByRule,
    nameTokens,
    properNameTokens,
    formBoundByFirst.size > 0 ? formBoundByFirst : undefined,
    localFormsByRule.size > 0 ? localFormsByRule : undefined,
  );
  // The fuzzy stage reads the exact index, which is the set itself while its `fuzzy` is null.
  if (options.createFuzzy) set.fuzzy = options.createFuzzy(set);
  return set;
}
