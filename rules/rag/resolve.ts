/**
 * Which bundled rule a formulary row means. The row's drug text is read by the engine itself
 * (`matchText` over the bundled rules), so a row reaches the rule a GP's screen would reach:
 * "Methotrexate (oral)", "Concerta XL" and "methylphenidate hydrochloride" find methotrexate and
 * methylphenidate, and "Methotrexate injection" finds the injection rule by its form word.
 */
import {
  compileRuleSet,
  createFuzzyMatcher,
  matchText,
  normalizeName,
  type CompiledRuleSet,
  type Match,
} from '../engine';
import type { Rule, RulePack } from '../schema/rule-pack';
import { FORM_WORDS } from './drug-cell';

/** The bundled rules, indexed for looking rows up. */
export interface BundledIndex {
  readonly set: CompiledRuleSet;
  readonly byId: ReadonlyMap<string, Rule>;
  /** Normalised name → ids of every bundled rule listing it. */
  readonly claims: ReadonlyMap<string, readonly string[]>;
  /** Form words bundled rules use ("lyophilisate"), as tokens. */
  readonly formTokens: ReadonlySet<string>;
}

/** A name as the engine compares it: "Co-codamol" and "co codamol" are the same key. */
export function nameKey(name: string): string {
  return normalizeName(name).join(' ');
}

export function indexBundled(bundled: RulePack): BundledIndex {
  const byId = new Map<string, Rule>();
  const claims = new Map<string, string[]>();
  const formTokens = new Set<string>();
  for (const rule of bundled.rules) {
    byId.set(rule.id, rule);
    for (const name of rule.names) {
      const key = nameKey(name);
      const list = claims.get(key) ?? [];
      if (!list.includes(rule.id)) list.push(rule.id);
      claims.set(key, list);
    }
    for (const form of rule.forms ?? []) for (const t of normalizeName(form)) formTokens.add(t);
  }
  const set = compileRuleSet(
    bundled.rules.map((r) => ({
      id: r.id,
      names: r.names,
      ...(r.forms ? { forms: r.forms } : {}),
    })),
    // Fuzzy only to ask "did you mean…?" about a name that matched nothing exactly.
    { createFuzzy: createFuzzyMatcher },
  );
  return { set, byId, claims, formTokens };
}

/** The rule a row means: a bundled rule it overrides, or a new medicine (keyed by its name). */
export type Target =
  | { readonly kind: 'bundled'; readonly rule: Rule }
  | { readonly kind: 'new'; readonly key: string; readonly generic: string };

export type Resolution =
  | {
      readonly ok: true;
      readonly target: Target;
      /** For a new medicine whose name is one slip from a bundled name: who it looks like. */
      readonly lookalike?: { readonly shown: string; readonly rule: Rule };
    }
  | { readonly ok: false; readonly message: string };

function describeRule(rule: Rule): string {
  const forms = rule.forms ? `; forms: ${rule.forms.join(', ')}` : '';
  return `${rule.id} (${rule.categories.join(', ')}${forms})`;
}

/** True when the row's text, outside the matched names, has a form or route word. */
function statesForm(search: string, exact: readonly Match[], formTokens: ReadonlySet<string>) {
  let rest = search;
  for (const m of exact) {
    rest = rest.slice(0, m.start) + ' '.repeat(m.end - m.start) + rest.slice(m.end);
  }
  return normalizeName(rest).some((t) => FORM_WORDS.has(t) || formTokens.has(t));
}

export interface RowText {
  /** The drug cell as written (cleaned). */
  readonly drug: string;
  /** The form column's text, if the mapping names one. */
  readonly form: string;
  /** Brands from the brand columns. */
  readonly brands: readonly string[];
  /** The medicine's name for a new rule, from parseDrugCell. */
  readonly generic: string;
}

/**
 * Every bundled name in the row narrows the choice to the rules that list all of them (so
 * "Denosumab (Xgeva)", whose two names belong to two rules, is sent back to the admin). When one
 * name belongs to several rules (methotrexate and methotrexate-injection), the row's form words
 * pick, as they do on a screen, but only if the row states a form: a bare "Methotrexate" could mean
 * either, so the admin is asked.
 */
export function resolveTarget(index: BundledIndex, row: RowText): Resolution {
  const search = row.form === '' ? row.drug : `${row.drug} ${row.form}`;
  const matches = matchText(index.set, search);
  const exact = matches.filter((m) => m.kind === 'exact');
  const claimSets: { name: string; ids: readonly string[] }[] = [];
  const engineIds = new Set<string>();
  for (const m of exact) {
    const name = search.slice(m.start, m.end);
    claimSets.push({ name, ids: index.claims.get(nameKey(name)) ?? m.ruleIds });
    for (const id of m.ruleIds) engineIds.add(id);
  }
  for (const brand of row.brands) {
    const ids = index.claims.get(nameKey(brand));
    if (!ids) continue;
    claimSets.push({ name: brand, ids });
    // The brand read with the row's own words after it, so the row's form words count.
    const [first] = matchText(index.set, `${brand} ${search}`).filter(
      (m) => m.kind === 'exact' && m.start === 0,
    );
    for (const id of first?.ruleIds ?? []) engineIds.add(id);
  }

  if (claimSets.length === 0) {
    const target: Target = { kind: 'new', key: nameKey(row.generic), generic: row.generic };
    const fuzzy = matches.find((m) => m.kind === 'fuzzy');
    const rule = fuzzy ? index.byId.get(fuzzy.ruleIds[0] ?? '') : undefined;
    if (!fuzzy || !rule) return { ok: true, target };
    return { ok: true, target, lookalike: { shown: search.slice(fuzzy.start, fuzzy.end), rule } };
  }

  let common: readonly string[] = claimSets[0]?.ids ?? [];
  for (const c of claimSets.slice(1)) common = common.filter((id) => c.ids.includes(id));
  if (common.length === 0) {
    const named = claimSets.map((c) => `"${c.name}" (${c.ids.join(', ')})`);
    return {
      ok: false,
      message: `the names ${named.join(', ')} belong to different bundled rules; give each medicine its own row`,
    };
  }
  const candidates = common.flatMap((id) => index.byId.get(id) ?? []);
  const [single] = candidates;
  if (candidates.length === 1 && single)
    return { ok: true, target: { kind: 'bundled', rule: single } };
  const picked = candidates.filter((r) => engineIds.has(r.id));
  const [only] = picked;
  const sameCategories = new Set(candidates.map((r) => r.categories.join(','))).size === 1;
  if (
    picked.length === 1 &&
    only &&
    (sameCategories || statesForm(search, exact, index.formTokens))
  ) {
    return { ok: true, target: { kind: 'bundled', rule: only } };
  }
  const name = claimSets[0]?.name ?? row.drug;
  // "Nordimet": "Nordimet" is… reads badly; the row's own text needs no repeating.
  const subject = nameKey(name) === nameKey(row.drug) ? 'it' : `"${name}"`;
  return {
    ok: false,
    message: `${subject} is a name of bundled rules ${candidates.map(describeRule).join(' and ')}; say which form the row means (e.g. "(oral)" or "injection" in the drug cell, or a form column)`,
  };
}
