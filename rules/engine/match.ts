/**
 * Finds drug names in one text run. Exact first: longest listed phrase at each token, whole tokens
 * only (so "dihydrocodeine" never yields "codeine", "lithiumion" never yields "lithium"). Then the
 * fuzzy stage, if compiled in, on tokens no exact match covered. Form-qualified rules are resolved
 * from form words near the name ("buprenorphine … patch"). Form-bound names match only with their
 * own form near ("Depixol 20mg/1ml solution for injection").
 */
import { combinationStrengthAt } from './combination-strength';
import { isKnownMedicineWord } from './known-medicine-words';
import { isBesideWord, isDoseFormWord, readFormWords, type FormWord } from './form-abbreviations';
import { confusableSkeleton, MAX_PACKED_TOKENS, PackedWords, tokenizeText } from './normalize';
import { firstStartIn, vocabularyOf, type Vocabulary } from './prescan';
import { hasLocalFormAfter, inTruncatedShape, truncatedAt } from './truncation';
import type { CompiledRuleSet, FormBoundPhrase, Match, Phrase, Token } from './types';

/** How far around a name form words are looked for, in tokens. */
const FORM_WINDOW_BEFORE = 3;
const FORM_WINDOW_AFTER = 12;
/** Tokens of one name may be separated only by short runs of these (so "Co-codamol", "co codamol"). */
const MAX_GAP = 3;
const GAP_CHARS = new Set([
  ' ',
  '\t',
  '\u00a0',
  '-',
  '\u2010',
  '\u2011',
  '\u2013',
  '/',
  '.',
  '_',
  "'",
  '\u2019',
]);

function isJoiningGap(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let i = from; i < to; i++) if (!GAP_CHARS.has(text[i] ?? '')) return false;
  return true;
}

/** Dose-form words that, with a strength, show a context-needing name is a medicine here. */
const CONTEXT_WORDS = new Set([
  'tablet',
  'tablets',
  'tab',
  'tabs',
  'capsule',
  'capsules',
  'cap',
  'caps',
  'patch',
  'patches',
  'solution',
  'soln',
  'suspension',
  'liquid',
  'spray',
  'injection',
  'inj',
  'gel',
  'mg',
  'microgram',
  'micrograms',
  'mcg',
  'ml',
]);
const CONTEXT_WINDOW = 3;

/** Titles before a person's name: "Dr Turgeon", "Mrs Olena Koval" are people, not brands. */
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'nurse', 'sister']);

/**
 * Whether a context-needing name at tokens [start, end) is written as a medicine: not after a
 * title, and with a strength or dose form within a few tokens after it, in its own clause (the
 * strength in "Olena, continue paracetamol 500mg tablets" is paracetamol's).
 */
function hasDoseContext(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  start: number,
  end: number,
): boolean {
  const before = tokens[start - 1];
  if (before && TITLES.has(before.norm) && !hasNewline(text, before.end, tokens[start]?.start ?? 0))
    return false;
  const last = tokens[end - 1];
  for (let k = end; k < Math.min(tokens.length, end + CONTEXT_WINDOW); k++) {
    const t = tokens[k];
    if (!t || !last || hasNewline(text, last.end, t.start)) return false;
    if (startsOtherClause(set, text, tokens, k)) return false;
    if (/^\d/.test(t.norm) || CONTEXT_WORDS.has(t.norm)) return true;
  }
  return false;
}

/** How far after an own brand's name its supplier may be written in brackets, in tokens. */
const SUPPLIER_WINDOW = 8;

/**
 * Whether `supplier` is written in brackets after token `end - 1`, on its line, within
 * `SUPPLIER_WINDOW` tokens: "Dental Pain Relief tablets (The Boots Company Plc)".
 */
function hasSupplierAfter(
  text: string,
  tokens: readonly Token[],
  end: number,
  supplier: string,
): boolean {
  const last = tokens[end - 1];
  if (!last) return false;
  for (let k = end; k < Math.min(tokens.length, end + SUPPLIER_WINDOW); k++) {
    const t = tokens[k];
    if (!t || hasNewline(text, last.end, t.start)) return false;
    if (t.norm === supplier) return text.lastIndexOf('(', t.start) > last.end - 1;
  }
  return false;
}

/**
 * Whether `words` from index `from` on follow token i, each joined to the one before as one
 * name's tokens are. `from` spares slicing a phrase's tail on every candidate.
 */
function tokensFollow(
  text: string,
  tokens: readonly Token[],
  i: number,
  words: readonly string[],
  from = 0,
): boolean {
  for (let k = from; k < words.length; k++) {
    const prev = tokens[i + k - from - 1];
    const cur = tokens[i + k - from];
    if (!prev || !cur || cur.norm !== words[k]) return false;
    if (!isJoiningGap(text, prev.end, cur.start)) return false;
  }
  return true;
}

function phraseLengthAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  phrase: Phrase,
): number {
  const n = phrase.tokens.length;
  if (i + n > tokens.length) return 0;
  if (phrase.raw) {
    for (let k = 0; k < n; k++) {
      const t = tokens[i + k];
      if (!t || text.slice(t.start, t.end) !== phrase.raw[k]) return 0;
    }
  }
  if (phrase.needsContext && !hasDoseContext(set, text, tokens, i, i + n)) return 0;
  if (phrase.supplier !== undefined && !hasSupplierAfter(text, tokens, i + n, phrase.supplier))
    return 0;
  if (!tokensFollow(text, tokens, i + 1, phrase.tokens, 1)) return 0;
  if (phrase.except?.some((rest) => tokensFollow(text, tokens, i + n, rest))) return 0;
  return n;
}

/** Score of a family name whose products differ ("Solpadeine"): a possible match, never certain. */
const FAMILY_SCORE = 0.7;

/** Score of a truncated prefix that starts several generics: a possible match, never certain. */
const TRUNCATED_AMBIGUOUS_SCORE = 0.6;

/** Form words may run on past the window by this many tokens ("prolonged-release solution for injection"). */
const FORM_RUN_ON = 8;

function hasLineBreak(text: string, a: Token, b: Token): boolean {
  return hasNewline(text, a.end, b.start);
}

/** Whether text [from, to) has a line feed; read in place, where a slice would allocate. */
function hasNewline(text: string, from: number, to: number): boolean {
  for (let c = from; c < to; c++) if (text.charCodeAt(c) === 10) return true;
  return false;
}

function formStartsAt(words: readonly FormWord[], p: number, form: readonly string[]): boolean {
  for (let k = 0; k < form.length; k++) if (words[p + k]?.norm !== form[k]) return false;
  return true;
}

interface FormWindow {
  /** Form words before the name, in text order. */
  readonly before: readonly FormWord[];
  /** Form words after the name, in text order, running on past `windowEnd`. */
  readonly after: readonly FormWord[];
  /** Token index where forms may no longer start after the name. */
  readonly windowEnd: number;
}

/** The form words around tokens [from, to), on the same line (see form-abbreviations.ts). */
function formWindow(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  after: number,
): FormWindow {
  const isJoined = (prev: Token, cur: Token) => isJoiningGap(text, prev.end, cur.start);
  // A form word belongs to this name only within the same line.
  let lo = from;
  while (lo > Math.max(0, from - FORM_WINDOW_BEFORE)) {
    const prev = tokens[lo - 1];
    const cur = tokens[lo];
    if (!prev || !cur || hasLineBreak(text, prev, cur)) break;
    lo -= 1;
  }
  const windowEnd = Math.min(tokens.length, to + after);
  let hi = to;
  while (hi < Math.min(tokens.length, windowEnd + FORM_RUN_ON)) {
    const prev = tokens[hi - 1];
    const cur = tokens[hi];
    if (!prev || !cur || hasLineBreak(text, prev, cur)) break;
    hi += 1;
  }
  // Abbreviations that count only beside the name: nothing but strengths, salts and form words
  // may separate them from it (see form-abbreviations.ts).
  let besideBefore = from;
  while (besideBefore > lo && isBesideWord(tokens[besideBefore - 1]?.norm ?? '')) besideBefore -= 1;
  let besideAfter = to;
  while (besideAfter < hi && isBesideWord(tokens[besideAfter]?.norm ?? '')) besideAfter += 1;

  return {
    before: readFormWords(text, tokens, lo, from, (_a, b) => b >= besideBefore, isJoined),
    after: readFormWords(text, tokens, to, hi, (a) => a <= besideAfter, isJoined),
    windowEnd,
  };
}

function hasFormNear(
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  forms: readonly (readonly string[])[],
): boolean {
  const { before, after, windowEnd } = formWindow(text, tokens, from, to, FORM_WINDOW_AFTER);
  for (const form of forms) {
    for (let p = 0; p < before.length; p++) if (formStartsAt(before, p, form)) return true;
    for (let p = 0; p < after.length && (after[p]?.source ?? windowEnd) < windowEnd; p++) {
      if (formStartsAt(after, p, form)) return true;
    }
  }
  return false;
}

/**
 * Whether one of a form-bound name's forms is near it with no other dose form in between:
 * "Depixol 3mg tablets; previously Depixol injection" binds only the second. dm+d writes long
 * forms after the strength ("Risperidone 37.5mg powder and solvent for prolonged-release
 * suspension for injection vials"), so the form may start anywhere up to the run-on limit.
 */
function hasBoundFormNear(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  forms: readonly (readonly string[])[],
): boolean {
  const own = new Set(forms.flat());
  const isOther = (w: FormWord | undefined) =>
    w !== undefined && isDoseFormWord(w.norm) && !own.has(w.norm);
  const { before, after } = formWindow(text, tokens, from, to, FORM_WINDOW_AFTER + FORM_RUN_ON);
  let firstBefore = 0;
  for (let p = 0; p < before.length; p++) if (isOther(before[p])) firstBefore = p + 1;
  for (let p = firstBefore; p < before.length; p++) {
    if (forms.some((form) => formStartsAt(before, p, form))) return true;
  }
  const last = after[after.length - 1];
  const stop = last ? endOfOwnClause(set, text, tokens, to, last.source + 1) : to;
  for (let p = 0; p < after.length; p++) {
    if ((after[p]?.source ?? stop) >= stop) return false;
    if (forms.some((form) => formStartsAt(after, p, form))) return true;
    if (isOther(after[p])) return false;
  }
  return false;
}

/**
 * The token from which words after a form-bound name belong to something else, up to `limit`:
 * the first clause break (comma, semicolon, colon, a full stop before a space) or another
 * medicine named in its own right ("MST team review, continue paracetamol tablets"; "free
 * triiodothyronine 4.5 pmol/L on levothyroxine 100 microgram tablets"). A medicine joined by
 * "/", "+", "&", "and" or "with" is the same product's other ingredient
 * ("Dronabinol/Cannabidiol_Spy2.7/2.5mg").
 */
function endOfOwnClause(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  to: number,
  limit: number,
): number {
  for (let k = to; k < limit; k++) if (startsOtherClause(set, text, tokens, k)) return k;
  return limit;
}

/**
 * Whether token k begins something other than the name before it: a clause break before it
 * (comma, semicolon, colon, a full stop before a space) or another medicine named in its own
 * right, that is, not joined by "/", "+", "&", "and" or "with".
 */
function startsOtherClause(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  k: number,
): boolean {
  const prev = tokens[k - 1];
  const cur = tokens[k];
  if (!prev || !cur) return true;
  let joined = prev.norm === 'and' || prev.norm === 'with';
  for (let c = prev.end; c < cur.start; c++) {
    const ch = text.charCodeAt(c);
    // , ; :
    if (ch === 44 || ch === 59 || ch === 58) return true;
    // ". " ends a sentence; "." alone is inside an abbreviation or a number.
    if (ch === 46 && c + 1 < cur.start && isSpaceCode(text.charCodeAt(c + 1))) return true;
    // / + &
    if (ch === 47 || ch === 43 || ch === 38) joined = true;
  }
  return !joined && (isKnownMedicineWord(cur.norm) || isOneWordName(set, cur.norm));
}

function isSpaceCode(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 160 || ch === 10 || ch === 13;
}

/** Whether `norm` is a whole one-word name of the set (a flagged medicine written alone). */
function isOneWordName(set: CompiledRuleSet, norm: string): boolean {
  const phrases = set.phrasesByFirst.get(norm);
  if (!phrases) return false;
  for (const p of phrases) if (p.tokens.length === 1) return true;
  return false;
}

/**
 * The rules a form-bound phrase means at token i (never empty), or null: its tokens, no
 * exception, its form near. Null, not an empty array: empty literals and arrays built by push have
 * different elements kinds, and the reader's optimised code, having seen one, was dropped on
 * meeting the other (a "wrong map" deopt, issue 22).
 */
function formBoundRulesAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  phrase: FormBoundPhrase,
): string[] | null {
  const n = phrase.tokens.length;
  if (i + n > tokens.length || !tokensFollow(text, tokens, i + 1, phrase.tokens, 1)) return null;
  if (phrase.except.some((rest) => tokensFollow(text, tokens, i + n, rest))) return null;
  let ids: string[] | null = null;
  for (const b of phrase.bindings) {
    if (hasBoundFormNear(set, text, tokens, i, i + n, b.forms)) (ids ??= []).push(b.ruleId);
  }
  return ids;
}

/** Chooses, among the rules a name may mean, those its surrounding form words select. */
function resolveForms(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  ruleIds: readonly string[],
): readonly string[] {
  let anyQualified = false;
  for (const id of ruleIds) if (set.formsByRule.has(id)) anyQualified = true;
  if (!anyQualified) return ruleIds;
  const qualified = ruleIds.filter((id) => {
    const forms = set.formsByRule.get(id);
    return forms !== undefined && hasFormNear(text, tokens, from, to, forms);
  });
  if (qualified.length > 0) return qualified;
  const unqualified = ruleIds.filter((id) => !set.formsByRule.has(id));
  // With no form word and no unqualified rule, every reading stays possible: show them all.
  return unqualified.length > 0 ? unqualified : ruleIds;
}

/**
 * The rules a name means once its form is read, or none: a local form after the name
 * ("Tacrolimus 0.1% ointment", or "Isotretinoin_Gel 0.05%" for a rule whose products have no
 * systemic gel) keeps only form-qualified rules whose own form is near, never a systemic rule
 * without forms (issue 21, family 5).
 */
function rulesFor(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  ruleIds: readonly string[],
): readonly string[] {
  // Most names mean only rules with no forms and no local forms of their own, and have no local
  // form written after them: then every reading below keeps all their rules. Asked first, by an
  // index loop over the ids and one look along the line, with no call into the form readers and
  // no closure (about a sixth of the token reader's time went to this per-match step, issue 22).
  const own = set.localFormsByRule;
  if (
    !hasAnyKey(set.formsByRule, ruleIds) &&
    (own === undefined || !hasAnyKey(own, ruleIds)) &&
    !hasLocalFormAfter(text, tokens, to)
  ) {
    return ruleIds;
  }
  return rulesForForms(set, text, tokens, from, to, ruleIds);
}

/** rulesFor where a rule has forms or local forms of its own, or a local form follows the name. */
function rulesForForms(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  ruleIds: readonly string[],
): readonly string[] {
  const resolved = resolveForms(set, text, tokens, from, to, ruleIds);
  const isLocalForAll = hasLocalFormAfter(text, tokens, to);
  const own = set.localFormsByRule;
  if (!isLocalForAll && (own === undefined || !hasAnyKey(own, resolved))) return resolved;
  return resolved.filter((id) => {
    if (!isLocalForAll && !hasLocalFormAfter(text, tokens, to, own?.get(id))) return true;
    const forms = set.formsByRule.get(id);
    return forms !== undefined && hasFormNear(text, tokens, from, to, forms);
  });
}

/** Whether one of `ids` is a key of `map`. */
function hasAnyKey(map: ReadonlyMap<string, unknown>, ids: readonly string[]): boolean {
  for (let k = 0; k < ids.length; k++) if (map.has(ids[k] ?? '')) return true;
  return false;
}

/** A name read through its Latin look-alikes (Cyrillic о in "Zоpiclone"): possible, never exact. */
const CONFUSABLE_SCORE = 0.9;

/**
 * The tokens with each look-alike token replaced by its Latin skeleton, or null when none has one.
 * Only tokens with non-ASCII letters are looked at; most pages never get here.
 */
function skeletonTokens(text: string, tokens: readonly Token[]): Token[] | null {
  let any = false;
  const out = tokens.map((t) => {
    if (isAscii(t.norm)) return t;
    const norm = confusableSkeleton(text.slice(t.start, t.end));
    if (norm === null || norm === t.norm) return t;
    any = true;
    return { start: t.start, end: t.end, norm };
  });
  return any ? out : null;
}

function isAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) >= 128) return false;
  return true;
}

/** Tokens [from, to) hold a look-alike letter (so the exact reading could not have matched). */
function spansSkeleton(
  tokens: readonly Token[],
  sk: readonly Token[],
  from: number,
  to: number,
): boolean {
  for (let k = from; k < to; k++) if (sk[k] !== tokens[k]) return true;
  return false;
}

/**
 * The token reader's packed words, reused from text to text; made at the first read (68 KB of
 * buffers a frame that scans with a frame above's engine never needs).
 */
let readerWords: PackedWords | null = null;

export function matchText(set: CompiledRuleSet, text: string): Match[] {
  // Most texts name nothing, and the pre-scan says so without a token (prescan.ts); in the rest,
  // it says where the first word that may start a name is.
  const vocabulary = vocabularyOf(set);
  const from = firstStartIn(vocabulary, text);
  return from < 0 ? [] : readTokens(set, vocabulary, text, from, true);
}

/**
 * matchText after the pre-scan: tokens that start before `from` are only context for the ones
 * after. With `from` 0, every token is read by every reader, none passed over by the pre-scan's
 * table (the test that both agree compares the two).
 */
export function matchTokens(set: CompiledRuleSet, text: string, from = 0): Match[] {
  return readTokens(set, vocabularyOf(set), text, from, false);
}

/**
 * matchTokens, given the set's word table: building that table for a new set is a step V8's
 * optimised code has never seen, and it throws that code away there; kept apart, only the small
 * caller is thrown away, not this reader (issue 22).
 */
function readTokens(
  set: CompiledRuleSet,
  vocabulary: Vocabulary,
  text: string,
  from: number,
  skipByTable: boolean,
): Match[] {
  // The tokenizer also says whether the text has a `_` and a `/`: the truncated phrase readings
  // all end at `_`, and a strength pair has `/` between its strengths. Most lines have no `_`;
  // the per-word checks then stop early.
  const packedWords = (readerWords ??= new PackedWords());
  const { tokens, hasNonAscii, hasSlash, hasUnderscore } = tokenizeText(text, packedWords);
  // Its plain words, packed as the tokenizer read them (the reader is never re-entered).
  const keys = packedWords.keys;
  const tags = packedWords.tags;
  const matches: Match[] = [];
  if (tokens.length === 0) return matches;
  let skeleton: Token[] | null | undefined = hasNonAscii ? undefined : null;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token) break;
    if (token.start < from) {
      i += 1;
      continue;
    }
    // A word of plain letters that the pre-scan's table says starts nothing is passed over: none
    // of the readers below would find anything at it (prescan.ts keeps them in step).
    // Its phrases come from the same table, which hashed the word once when it was first seen.
    const n = skipByTable && i < MAX_PACKED_TOKENS ? (tags[i] ?? 0) : 0;
    let candidates: readonly Phrase[] | undefined;
    let bound: readonly FormBoundPhrase[] | undefined;
    if (n !== 0) {
      const slot = vocabulary.wordSlot(
        text,
        token.start,
        token.end,
        keys[4 * i] ?? 0,
        keys[4 * i + 1] ?? 0,
        keys[4 * i + 2] ?? 0,
        keys[4 * i + 3] ?? 0,
        n,
      );
      if (slot < 0) {
        i += 1;
        continue;
      }
      candidates = vocabulary.phrasesAt(slot);
      bound = vocabulary.boundAt(slot);
    } else if (vocabulary.mayStartName(token.norm)) {
      candidates = set.phrasesByFirst.get(token.norm);
      bound = set.formBoundByFirst?.get(token.norm);
    }
    if (candidates !== undefined || bound !== undefined) {
      const used = readNameAt(set, text, tokens, i, candidates, bound, matches);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    // Computed on first need: only when some token has non-ASCII letters.
    if (skeleton === undefined) skeleton = skeletonTokens(text, tokens);
    i += readOtherAt(set, text, tokens, i, bound, skeleton, hasSlash, hasUnderscore, matches);
  }
  return matches;
}

/**
 * The listed name (plain or form-bound) that starts at token i, pushed to `matches` if its rules
 * survive their forms; how many tokens it spans, or 0. Out of the reader's loop, as is
 * readOtherAt: one function holding every reader, inlined into one, was compiled to slower code
 * than the loop and these apart (issue 22).
 */
function readNameAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  candidates: readonly Phrase[] | undefined,
  bound: readonly FormBoundPhrase[] | undefined,
  matches: Match[],
): number {
  const token = tokens[i];
  if (!token) return 0;
  let matched = 0;
  let ruleIds: readonly string[] = [];
  let family = false;
  if (candidates) {
    for (const phrase of candidates) {
      const len = phraseLengthAt(set, text, tokens, i, phrase);
      if (len > 0) {
        matched = len;
        ruleIds = phrase.ruleIds;
        family = phrase.possible === true;
        break;
      }
    }
  }
  // A form-bound name at least as long as the plain match wins when its form is near; without
  // its form it is no match at all, never "every reading stays possible".
  if (bound) {
    for (const phrase of bound) {
      if (phrase.tokens.length < matched) break;
      const ids = formBoundRulesAt(set, text, tokens, i, phrase);
      if (ids !== null) {
        matched = phrase.tokens.length;
        ruleIds = ids;
        family = false;
        break;
      }
    }
  }
  if (matched > 0) {
    const last = tokens[i + matched - 1] ?? token;
    const ids = rulesFor(set, text, tokens, i, i + matched, ruleIds);
    if (ids.length > 0) {
      matches.push(
        family
          ? {
              start: token.start,
              end: last.end,
              ruleIds: ids,
              kind: 'fuzzy',
              score: FAMILY_SCORE,
              family,
            }
          : { start: token.start, end: last.end, ruleIds: ids, kind: 'exact', score: 1 },
      );
    }
  }
  return matched;
}

/**
 * The readings tried at token i when no listed name starts there: look-alike letters, a generic
 * cut short, an opioid combination's strength pair, a misspelling. Pushes what it finds to
 * `matches` and returns how many tokens to move on by (at least 1).
 */
function readOtherAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  bound: readonly FormBoundPhrase[] | undefined,
  skeleton: readonly Token[] | null,
  hasSlash: boolean,
  hasUnderscore: boolean,
  matches: Match[],
): number {
  const token = tokens[i];
  if (!token) return 1;
  // Look-alike letters (issue #16): "Zоpiclone" with a Cyrillic о looks right and matched
  // nothing. Its Latin skeleton is read as a possible match, never an exact one.
  if (skeleton) {
    const sk = skeleton;
    const first = sk[i];
    const skCandidates = first ? set.phrasesByFirst.get(first.norm) : undefined;
    let len = 0;
    let skIds: readonly string[] = [];
    for (const phrase of skCandidates ?? []) {
      if (phrase.raw) continue; // Case-exact names compare page text; a skeleton is not page text.
      len = phraseLengthAt(set, text, sk, i, phrase);
      if (len > 0 && spansSkeleton(tokens, sk, i, i + len)) {
        skIds = rulesFor(set, text, sk, i, i + len, phrase.ruleIds);
        break;
      }
      len = 0;
    }
    if (len > 0) {
      if (skIds.length > 0) {
        const last = tokens[i + len - 1] ?? token;
        matches.push({
          start: token.start,
          end: last.end,
          ruleIds: skIds,
          kind: 'fuzzy',
          score: CONFUSABLE_SCORE,
        });
      }
      return len;
    }
  }
  // A generic cut short before a salt abbreviation and `_` (NHSBSA BNF names, truncation.ts):
  // certain when the prefix starts one generic, a possible match when it starts several.
  if (!bound) {
    const truncated = truncatedAt(set, text, tokens, i, hasUnderscore);
    if (truncated) {
      const end = i + truncated.length;
      const ids = rulesFor(set, text, tokens, i, end, truncated.ruleIds);
      if (ids.length > 0) {
        matches.push({
          start: token.start,
          end: (tokens[end - 1] ?? token).end,
          ruleIds: ids,
          kind: truncated.ambiguous ? 'fuzzy' : 'exact',
          score: truncated.ambiguous ? TRUNCATED_AMBIGUOUS_SCORE : 1,
        });
      }
      return truncated.length;
    }
  }
  // An opioid combination known only by its strength pair ("Boots_Migraine Relief Cap
  // 8mg/500mg": combination-strength.ts). Most tokens fail its first check (not digits).
  const pair = hasSlash ? combinationStrengthAt(set, text, tokens, i, matches) : null;
  if (pair) {
    matches.push(pair.match);
    return pair.length;
  }
  // Form-bound names are exact only: their first token is never fuzzily re-read either.
  if (
    set.fuzzy &&
    !bound &&
    token.norm.length >= (set.fuzzy.minTokenLength ?? 0) &&
    !set.nameTokens.has(token.norm)
  ) {
    const hit = set.fuzzy.lookup(token.norm);
    // Where NHSBSA cuts a name short, truncation.ts has read the prefix (its generics, salts
    // and phrases) and found nothing: "Olanzap_Tab" is oral olanzapine, not the depot.
    if (hit && !(hit.truncation && hasUnderscore && inTruncatedShape(text, tokens, i))) {
      const prev = tokens[i - 1];
      const from =
        hit.lead !== undefined &&
        prev !== undefined &&
        prev.norm === hit.lead &&
        isJoiningGap(text, prev.end, token.start) &&
        (matches[matches.length - 1]?.end ?? -1) <= prev.start
          ? i - 1
          : i;
      const ids = rulesFor(set, text, tokens, from, i + 1, hit.ruleIds);
      if (ids.length > 0) {
        matches.push({
          start: tokens[from]?.start ?? token.start,
          end: token.end,
          ruleIds: ids,
          kind: 'fuzzy',
          score: hit.score,
        });
      }
    }
  }
  return 1;
}
