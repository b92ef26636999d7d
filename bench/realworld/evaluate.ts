/**
 * The real-world evaluation (issue 21): medicine strings taken from public code lists that nobody
 * on the team wrote, each labelled by us with the ingredient(s) it names and a category (the
 * issue's families), run through the bundled pack exactly as the content script compiles it
 * (pack names + product-name expansion, exact + fuzzy stage).
 *
 * A string is a positive when some pack rule covers one of its ingredients (a rule name equals the
 * ingredient's dm+d VTM name), so a string about an ingredient with no rule yet (papaveretum,
 * dextromoramide) counts as a negative until a rule arrives, and then as a positive without
 * relabelling. A positive is found when an exact match names one of the covering rules; a
 * negative is falsely flagged when any exact match is made. A family name whose products differ
 * ("Solpadeine": Plus and Max contain codeine, Headache does not) is never more than a possible
 * match by design (the issue: an ambiguous name is "possible", never certain), and is the right
 * answer for such a string: it counts as found on a positive, and as a false flag on a negative,
 * and `family` counts how many outcomes rest on it alone. Other fuzzy matches (misspellings,
 * ambiguous cut-short generics) are "possible matches" and are only counted.
 *
 * Every string is assigned to the tuning part or the held-back part by a hash of its text, so the
 * split is stable as strings are added. The held-back part is not to be looked at while tuning:
 * `npx tsx bench/realworld/run.ts` prints misses of the tuning part only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRuleSet, createFuzzyMatcher, matchText } from '../../rules/engine';
import type { CompiledRuleSet, EngineRule } from '../../rules/engine';
import { validatePack } from '../../rules/loader/validate';
import { nameKey } from '../../rules/names/canonical';
import { engineRule, expandRuleNames } from '../../rules/names/expand';
import { parseNamePolicy, parseProductNameIndex } from '../../rules/names/index-schema';
import type { Rule } from '../../rules/schema/rule-pack';

export type Split = 'tune' | 'held';

export interface RealWorldString {
  readonly text: string;
  readonly source: string;
  readonly category: string;
  /** dm+d VTM names; empty for an ordinary medicine no rule is meant to cover. */
  readonly ingredients: readonly string[];
  readonly split: Split;
}

/** FNV-1a over UTF-16 code units: a stable split that does not move when strings are added. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 30% held back. */
export function splitOf(text: string): Split {
  return hash(text) % 10 < 3 ? 'held' : 'tune';
}

/**
 * Parses one list file: `#` comments, `@source`, `@category` and `@ingredient` directives (the
 * last takes `A;B` for combinations and `-` for none), and one string per other line.
 */
export function parseList(content: string, file: string): RealWorldString[] {
  const out: RealWorldString[] = [];
  let source = '';
  let category = '';
  let ingredients: string[] | null = null;
  for (const [n, raw] of content.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('@')) {
      const space = line.indexOf(' ');
      const key = line.slice(1, space);
      const value = line.slice(space + 1).trim();
      if (key === 'source') source = value;
      else if (key === 'category') category = value;
      else if (key === 'ingredient')
        ingredients = value === '-' ? [] : value.split(';').map((s) => s.trim());
      else throw new Error(`${file}:${n + 1}: unknown directive ${key}`);
      continue;
    }
    if (!source || !category || ingredients === null) {
      throw new Error(`${file}:${n + 1}: string before @source/@category/@ingredient`);
    }
    out.push({ text: line, source, category, ingredients, split: splitOf(line) });
  }
  return out;
}

const HERE = new URL('.', import.meta.url).pathname;
const ROOT = join(HERE, '..', '..');

/** Every list in bench/realworld/, de-duplicated by text (the first label wins). */
export function loadRealWorld(dir = HERE): RealWorldString[] {
  const seen = new Set<string>();
  const out: RealWorldString[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    for (const s of parseList(readFileSync(join(dir, file), 'utf8'), file)) {
      if (seen.has(s.text)) continue;
      seen.add(s.text);
      out.push(s);
    }
  }
  return out;
}

export interface PackUnderTest {
  readonly compiled: CompiledRuleSet;
  /** Rule ids covering a dm+d VTM name (a rule name equal to it after normalisation). */
  readonly rulesFor: (ingredient: string) => ReadonlySet<string>;
  readonly rules: readonly Rule[];
  /** The rules as the engine takes them: pack names plus the index's expansion. */
  readonly engineRules: readonly EngineRule[];
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** The bundled pack as the content script compiles it: pack + index names, exact and fuzzy. */
export function loadBundledPack(): PackUnderTest {
  const pack = validatePack(readJson('rules/packs/core.json'));
  if (!pack.ok) throw new Error('core.json does not validate');
  const index = parseProductNameIndex(readJson('rules/names/product-names.json'));
  if (!index.ok) throw new Error(`product-names.json: ${index.errors.join('; ')}`);
  const policy = parseNamePolicy(readJson('rules/names/name-policy.json'));
  if (!policy.ok) throw new Error(`name-policy.json: ${policy.errors.join('; ')}`);
  const rules = pack.value.rules;
  const expansion = expandRuleNames(rules, index.value, policy.value);
  const engineRules: EngineRule[] = rules.map((rule) => engineRule(rule, expansion.get(rule.id)));
  const compiled = compileRuleSet(engineRules, { createFuzzy: createFuzzyMatcher });
  const byKey = new Map<string, Set<string>>();
  for (const rule of rules) {
    for (const name of rule.names) {
      const key = nameKey(name);
      const set = byKey.get(key) ?? new Set<string>();
      set.add(rule.id);
      byKey.set(key, set);
    }
  }
  const none: ReadonlySet<string> = new Set();
  return {
    compiled,
    rules,
    engineRules,
    rulesFor: (ingredient) => byKey.get(nameKey(ingredient)) ?? none,
  };
}

/** The rules a text's exact (certain) matches name, each once, in the order first met. */
export function exactRulesOf(compiled: CompiledRuleSet, text: string): string[] {
  return [
    ...new Set(
      matchText(compiled, text)
        .filter((m) => m.kind === 'exact')
        .flatMap((m) => [...m.ruleIds]),
    ),
  ];
}

export type Outcome = 'found' | 'missed' | 'clean' | 'false-flag';

export interface Scored {
  readonly string: RealWorldString;
  readonly positive: boolean;
  readonly outcome: Outcome;
  /** A fuzzy ("possible") match was shown, other than a family name's. */
  readonly possible: boolean;
  /** Found, or falsely flagged, only through a family name's possible match. */
  readonly family: boolean;
  /** Rules the exact matches named. */
  readonly flaggedRules: readonly string[];
}

export function scoreString(pack: PackUnderTest, s: RealWorldString): Scored {
  const expected = new Set<string>();
  for (const ingredient of s.ingredients)
    for (const id of pack.rulesFor(ingredient)) expected.add(id);
  const matches = matchText(pack.compiled, s.text);
  const flagged = new Set<string>();
  const byFamily = new Set<string>();
  let possible = false;
  for (const m of matches) {
    if (m.kind === 'exact') for (const id of m.ruleIds) flagged.add(id);
    else if (m.family === true) for (const id of m.ruleIds) byFamily.add(id);
    else possible = true;
  }
  const positive = expected.size > 0;
  const names = (ids: ReadonlySet<string>) =>
    positive ? [...ids].some((id) => expected.has(id)) : ids.size > 0;
  const certain = names(flagged);
  const marked = certain || names(byFamily);
  let outcome: Outcome;
  if (positive) outcome = marked ? 'found' : 'missed';
  else outcome = marked ? 'false-flag' : 'clean';
  return {
    string: s,
    positive,
    outcome,
    possible,
    family: marked && !certain,
    flaggedRules: [...new Set([...flagged, ...byFamily])].sort(),
  };
}

export interface Tally {
  positives: number;
  found: number;
  negatives: number;
  falseFlags: number;
  possible: number;
  /** Found or falsely flagged through a family name's possible match alone. */
  family: number;
}

const emptyTally = (): Tally => ({
  positives: 0,
  found: 0,
  negatives: 0,
  falseFlags: 0,
  possible: 0,
  family: 0,
});

function add(t: Tally, s: Scored): void {
  if (s.positive) {
    t.positives++;
    if (s.outcome === 'found') t.found++;
  } else {
    t.negatives++;
    if (s.outcome === 'false-flag') t.falseFlags++;
  }
  if (s.possible && s.outcome !== 'found') t.possible++;
  if (s.family) t.family++;
}

export const recallOf = (t: Tally): number => (t.positives === 0 ? 1 : t.found / t.positives);
export const falseFlagRateOf = (t: Tally): number =>
  t.negatives === 0 ? 0 : t.falseFlags / t.negatives;

export interface Report {
  readonly scored: readonly Scored[];
  /** Keyed `${split}` → overall, and `${split}|source|${name}`, `${split}|category|${name}`. */
  readonly tallies: ReadonlyMap<string, Tally>;
}

export function evaluate(pack: PackUnderTest, strings: readonly RealWorldString[]): Report {
  const tallies = new Map<string, Tally>();
  const bump = (key: string, s: Scored) => {
    const t = tallies.get(key) ?? emptyTally();
    add(t, s);
    tallies.set(key, t);
  };
  const scored = strings.map((s) => scoreString(pack, s));
  for (const s of scored) {
    for (const split of [s.string.split, 'all']) {
      bump(split, s);
      bump(`${split}|source|${s.string.source}`, s);
      bump(`${split}|category|${s.string.category}`, s);
    }
  }
  return { scored, tallies };
}

export function tally(report: Report, key: string): Tally {
  return report.tallies.get(key) ?? emptyTally();
}

/** Names after `${split}|${kind}|`, sorted. */
export function keysOf(report: Report, split: string, kind: 'source' | 'category'): string[] {
  const prefix = `${split}|${kind}|`;
  return [...report.tallies.keys()]
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .sort();
}
