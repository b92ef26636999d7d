/**
 * Own-brand opioid and paracetamol combinations are sold under ordinary phrases that name no
 * ingredient ("Boots_Migraine Relief Cap 8mg/500mg", "Pain Relief Plus 8mg/500mg tablets": NHSBSA
 * BNF presentations filed under co-codamol; issue 21, family 2). Matching the phrases would match
 * everyday English, so the engine reads the strength pair instead: an opioid dose written before
 * paracetamol 500mg (or aspirin 400mg) in a pair that only co-codamol, co-dydramol and co-codaprin
 * have (BNF: co-codamol 8/500, 15/500, 30/500; co-dydramol 20/500, 30/500; co-codaprin
 * 8/400). The pair counts only when nothing on its line names a medicine: a named product
 * ("Co-codamol 8mg/500mg", "Naproxen/Esomeprazole 500mg/20mg") speaks for itself.
 */
import { codeAt, LOWER_BIT } from './normalize';
import type { CompiledRuleSet, Match, Token } from './types';
import { isKnownMedicineWord } from './known-medicine-words';

/**
 * "opioid mg/partner mg" → the ingredients whose rules the pair means. Not 10/500: co-dydramol's,
 * but also domperidone with paracetamol ("Domperamol_Tab 10mg/500mg", NHSBSA BNF).
 */
const OPIOID_PAIRS: ReadonlyMap<string, readonly string[]> = new Map([
  ['8/500', ['codeine']],
  ['15/500', ['codeine']],
  ['30/500', ['codeine', 'dihydrocodeine']],
  ['20/500', ['dihydrocodeine']],
  ['8/400', ['codeine']],
]);

/** Builds the known medicines' set now (warm-up.ts). */
export function prepareStrengthPairs(): void {
  isKnownMedicineWord('');
}
/** How far along the line other medicine names are looked for, in tokens each way. */
const LINE_WINDOW = 16;

function isDigits(norm: string): boolean {
  const c = norm.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let c = from; c < to; c++) {
    const ch = text.charCodeAt(c);
    if (ch === 10 || ch === 13) return true;
  }
  return false;
}

/**
 * Whether a listed name is written from token k. The whole name, not its first word: an own brand
 * read with its supplier ("Boots Dental Pain Relief") makes "boots" a first word, and "Boots_
 * Migraine Relief Cap 8mg/500mg" names no product, so its pair must still be read.
 */
function startsName(set: CompiledRuleSet, tokens: readonly Token[], k: number): boolean {
  const phrases = set.phrasesByFirst.get(tokens[k]?.norm ?? '');
  // An own brand without its supplier in front names a product only with the supplier after it
  // in brackets; "Pain Relief Plus 8mg/500mg tablets" is still read by its pair.
  return (phrases ?? []).some(
    (p) => p.supplier === undefined && p.tokens.every((w, j) => tokens[k + j]?.norm === w),
  );
}

/**
 * The match for an opioid combination's strength pair at token i ("8", "mg", "500", "mg", with
 * "/" between the two), or null. `earlier` are the matches made so far in this text: one on the
 * same line means the product is already named. Cheap for most tokens: they are not digits.
 */
export function combinationStrengthAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  earlier: readonly Match[],
): { readonly match: Match; readonly length: number } | null {
  const dose = tokens[i];
  // Most tokens are not numbers, and most numbers are not followed by "mg" ("2.5", "75ml",
  // "7/8/2026"): this part is small enough to be inlined where it is called, so they cost no call.
  if (!dose || !isDigits(dose.norm) || !mayBeMgAt(text, dose.end)) return null;
  return strengthPairAt(set, text, tokens, i, dose, earlier);
}

/**
 * False only when an ASCII character rules out the unit token "mg" starting at `at`: another
 * character there or next, or an ASCII letter after it that would make the word longer. Anything
 * past ASCII (a full-width "ｍｇ", a combining mark inside) is left to strengthPairAt, which reads
 * the tokens themselves, so this never turns away a pair it would read.
 */
function mayBeMgAt(text: string, at: number): boolean {
  const m = codeAt(text, at);
  if (m >= 128) return true;
  if ((m | LOWER_BIT) !== M) return false;
  const g = codeAt(text, at + 1);
  if (g >= 128) return true;
  if ((g | LOWER_BIT) !== G) return false;
  const after = codeAt(text, at + 2);
  const lower = after | LOWER_BIT;
  return !(after >= 0 && after < 128 && lower >= 97 && lower <= 122);
}

const M = 109;
const G = 103;

function strengthPairAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  dose: Token,
  earlier: readonly Match[],
): { readonly match: Match; readonly length: number } | null {
  const unit = tokens[i + 1];
  const partner = tokens[i + 2];
  const unit2 = tokens[i + 3];
  if (unit?.norm !== 'mg' || unit2?.norm !== 'mg' || !partner) return null;
  if (dose.end !== unit.start || partner.end !== unit2.start) return null;
  if (text.slice(unit.end, partner.start).trim() !== '/') return null;
  const ingredients = OPIOID_PAIRS.get(`${dose.norm}/${partner.norm}`);
  if (!ingredients) return null;

  const last = earlier[earlier.length - 1];
  if (last && !hasLineBreak(text, last.end, dose.start)) return null;
  for (
    let k = Math.max(0, i - LINE_WINDOW);
    k < Math.min(tokens.length, i + 4 + LINE_WINDOW);
    k++
  ) {
    const t = tokens[k];
    if (!t) continue;
    const isOnLine =
      k < i ? !hasLineBreak(text, t.end, dose.start) : !hasLineBreak(text, unit2.end, t.start);
    if (isOnLine && (isKnownMedicineWord(t.norm) || startsName(set, tokens, k))) return null;
  }

  const ruleIds = new Set<string>();
  for (const ingredient of ingredients) {
    for (const p of set.phrasesByFirst.get(ingredient) ?? []) {
      if (p.tokens.length === 1 && !p.raw && !p.needsContext)
        for (const id of p.ruleIds) ruleIds.add(id);
    }
  }
  if (ruleIds.size === 0) return null;
  return {
    match: {
      start: dose.start,
      end: unit2.end,
      ruleIds: [...ruleIds].sort(),
      kind: 'exact',
      score: 1,
    },
    length: 4,
  };
}
