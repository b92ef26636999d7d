/**
 * NHSBSA BNF presentation names cut long generic names to a prefix before a salt abbreviation and
 * the `_` form separator: "Methylphen HCl_Tab 10mg", "Lisdexamfet Dimesil_Cap 30mg", "Oxycod
 * HCl/Nalox HCl_Tab 10mg/5mg M/R" (issue 21, family 1). A token that is not a name, is at least
 * MIN_PREFIX letters long and is a proper prefix of a listed generic reads as that generic, but
 * only in that written shape: directly followed by `_`, or by NHSBSA salt abbreviations that are
 * then followed by `_` or `/`. A prefix shared by generics of different rules is only a possible
 * match ("Hydrox Sulf_Tab": hydroxychloroquine or hydroxycarbamide); elsewhere nothing changes.
 */
import type { CompiledRuleSet, Token } from './types';

/** Shorter prefixes are too often other words or other medicines' abbreviations ("Pot", "Ferr"). */
export const MIN_PREFIX = 5;

/**
 * Salt and ester abbreviations as NHSBSA writes them in BNF presentation names (and the full words,
 * which the same names also use). Only read right after a truncated prefix.
 */
const SALT_ABBREVIATIONS = new Set([
  'acet',
  'acetate',
  'besil',
  'bitart',
  'brom',
  'cit',
  'citrate',
  'dihydrochlor',
  'dihydrochloride',
  'dimesil',
  'dimesyl',
  'fumar',
  'hbr',
  'hcl',
  'hydrob',
  'hydrobromide',
  'hydrochlor',
  'hydrochloride',
  'mal',
  'maleate',
  'mesil',
  'mesyl',
  'phos',
  'phosphate',
  'pot',
  'sod',
  'sodium',
  'succ',
  'sulf',
  'sulph',
  'sulfate',
  'sulphate',
  'tart',
  'tartrate',
  'tosil',
]);

export function isSaltAbbreviation(norm: string): boolean {
  return SALT_ABBREVIATIONS.has(norm);
}

/** A prefix's reading: the rules of the one generic it starts, or of several (ambiguous). */
export interface PrefixReading {
  readonly ruleIds: readonly string[];
  readonly ambiguous: boolean;
}

const UNDERSCORE = 95;
const SLASH = 47;
const SPACE = 32;

/**
 * Prefix → reading, built once per rule set on first need (most pages never need it) from the
 * generics the set lists: one-token names written in lower case, i.e. not brands.
 */
const prefixCache = new WeakMap<CompiledRuleSet, ReadonlyMap<string, PrefixReading>>();

function prefixesOf(set: CompiledRuleSet): ReadonlyMap<string, PrefixReading> {
  const cached = prefixCache.get(set);
  if (cached) return cached;
  const owners = new Map<string, Map<string, readonly string[]>>();
  for (const [first, phrases] of set.phrasesByFirst) {
    if (set.properNameTokens?.has(first) || first.length <= MIN_PREFIX) continue;
    if (!/^[a-z]+$/.test(first)) continue;
    const single = phrases.find((p) => p.tokens.length === 1 && !p.raw && !p.needsContext);
    if (!single) continue;
    for (let n = MIN_PREFIX; n < first.length; n++) {
      const prefix = first.slice(0, n);
      const byName = owners.get(prefix) ?? new Map<string, readonly string[]>();
      byName.set(first, single.ruleIds);
      owners.set(prefix, byName);
    }
  }
  const out = new Map<string, PrefixReading>();
  for (const [prefix, byName] of owners) {
    const ruleIds = [...new Set([...byName.values()].flat())].sort();
    out.set(prefix, { ruleIds, ambiguous: byName.size > 1 });
  }
  prefixCache.set(set, out);
  return out;
}

/**
 * Whether token i stands in the NHSBSA truncated shape: `_` right after it, or one or more salt
 * abbreviations (single spaces between) ending at `_` or `/`. Returns the index of the last token
 * of the shape (the prefix itself or its last salt), or -1.
 */
function truncatedShapeEnd(text: string, tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  if (!token) return -1;
  if (text.charCodeAt(token.end) === UNDERSCORE) return i;
  let k = i;
  for (;;) {
    const cur = tokens[k];
    const next = tokens[k + 1];
    if (!cur || !next || next.start !== cur.end + 1 || text.charCodeAt(cur.end) !== SPACE) break;
    if (!SALT_ABBREVIATIONS.has(next.norm)) break;
    k += 1;
    const after = text.charCodeAt(next.end);
    if (after === UNDERSCORE || after === SLASH) return k;
  }
  return -1;
}

/** The reading of a truncated generic at token i, or null. Cheap checks first: most tokens fail. */
export function truncatedAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
): PrefixReading | null {
  const token = tokens[i];
  if (!token || token.norm.length < MIN_PREFIX) return null;
  const c = token.norm.charCodeAt(0);
  if (c < 97 || c > 122) return null;
  if (truncatedShapeEnd(text, tokens, i) < 0) return null;
  if (set.nameTokens.has(token.norm)) return null;
  return prefixesOf(set).get(token.norm) ?? null;
}

/**
 * Local (non-systemic) dose forms and their screen abbreviations (issue 21, family 5): a systemic
 * drug's rule never applies to "Tacrolimus 0.1% ointment" or "Ciclosporin 0.1% eye drops". "Gel"
 * is not here: testosterone gels are systemic. "Eye"/"ear" count only before drops or ointment.
 */
const LOCAL_FORM_WORDS = new Set([
  'ointment',
  'oint',
  'cream',
  'crm',
  'shampoo',
  'lotion',
  'cutaneous',
  'topical',
]);
const LOCAL_ORGANS = new Set(['eye', 'ear', 'scalp']);
const LOCAL_ORGAN_FORMS = new Set(['drops', 'drop', 'ointment', 'oint', 'application', 'gel']);
/** Systemic dose forms: a local word after one of these belongs to another product on the line. */
const SYSTEMIC_FORM_WORDS = new Set([
  'tablet',
  'tablets',
  'tab',
  'tabs',
  'capsule',
  'capsules',
  'cap',
  'caps',
  'injection',
  'inj',
  'oral',
  'granules',
  'infusion',
  'patch',
  'patches',
  'suppository',
  'suppositories',
]);
const LOCAL_WINDOW = 8;

/**
 * Whether the name at tokens [from, to) is written as a local form: a local form word within
 * LOCAL_WINDOW tokens after it, on the same line, before any systemic form word, comma or
 * semicolon ("Tacrolimus_Oint 0.1%", "Tacrolimus 0.1% ointment"). No allocation.
 */
export function hasLocalFormAfter(text: string, tokens: readonly Token[], to: number): boolean {
  const end = Math.min(tokens.length, to + LOCAL_WINDOW);
  for (let k = to; k < end; k++) {
    const cur = tokens[k];
    const prev = tokens[k - 1];
    if (!cur || !prev) return false;
    for (let c = prev.end; c < cur.start; c++) {
      const ch = text.charCodeAt(c);
      if (ch === 10 || ch === 13 || ch === 44 || ch === 59) return false;
    }
    const w = cur.norm;
    if (LOCAL_FORM_WORDS.has(w)) return true;
    if (LOCAL_ORGANS.has(w) && LOCAL_ORGAN_FORMS.has(tokens[k + 1]?.norm ?? '')) return true;
    if (SYSTEMIC_FORM_WORDS.has(w)) return false;
  }
  return false;
}
