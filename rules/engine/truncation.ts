/**
 * NHSBSA BNF presentation names cut long generic names to a prefix before a salt abbreviation and
 * the `_` form separator: "Methylphen HCl_Tab 10mg", "Lisdexamfet Dimesil_Cap 30mg", "Oxycod
 * HCl/Nalox HCl_Tab 10mg/5mg M/R" (issue 21, family 1). A token that is not a name, is at least
 * MIN_PREFIX letters long and is a proper prefix of a listed generic reads as that generic, but
 * only in that written shape: directly followed by `_`, or by NHSBSA salt abbreviations that are
 * then followed by `_` or `/`. A prefix shared by generics of different rules is only a possible
 * match ("Hydrox Sulf_Tab": hydroxychloroquine or hydroxycarbamide); elsewhere nothing changes.
 */
import { codeAt } from './normalize';
import { knownMedicines } from './word-lists';
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
  'anhy',
  'anhyd',
  'anhydrous',
  'besil',
  'bitart',
  'brom',
  'cit',
  'citrate',
  'dihydrochlor',
  'dihydrochloride',
  'dimesil',
  'dimesyl',
  'edisil',
  'edisilate',
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

/**
 * Makers whose names NHSBSA writes after a generic's (cut) name, before `_`: companies written so
 * after two or more generics in BNF Code Information 2020-02-01 ("Diamorph Roche_Tab 10mg",
 * "Pethidine Roche_Tab 50mg", "Fluoro-Uracil Roche_Cap 250mg"; "Estradiol Organon_Implant 25mg",
 * "Testosterone Organon_Implant 100mg"; "Glucagon Lilly_Inj 1mg Vl + Dil", "Cycloserine
 * Lilly_Pulvule 125mg"). Only read between a prefix and `_`, so they never name anything.
 */
const MAKERS = new Set(['roche', 'organon', 'lilly']);

export function isSaltAbbreviation(norm: string): boolean {
  return SALT_ABBREVIATIONS.has(norm);
}

/**
 * Lengths of the salt abbreviations by first letter, one bit per length: most words after a
 * generic's name ("tablets", "10", "capsules") have a first letter and length no salt has, and
 * this answers without hashing the word (`mayBeSalt`). Built at the first look, not at load, as
 * the local-form tables below (issue 22, start-up per frame).
 */
let saltLengths: Uint32Array | null = null;

/** False only for a word no salt abbreviation can be; true means "look it up". */
function mayBeSalt(norm: string): boolean {
  return hasLengthFor((saltLengths ??= lengthsByFirstLetter(SALT_ABBREVIATIONS)), norm);
}

/** One bit per word length (up to 31) for each first letter a–z of lower-case `words`. */
function lengthsByFirstLetter(words: Iterable<string>): Uint32Array {
  const lengths = new Uint32Array(26);
  for (const word of words) {
    const letter = word.charCodeAt(0) - 97;
    lengths[letter] = (lengths[letter] ?? 0) | (1 << Math.min(word.length, 31));
  }
  return lengths;
}

/** False only when no word of `lengths` has `norm`'s first letter and length. */
function hasLengthFor(lengths: Uint32Array, norm: string): boolean {
  const letter = norm.charCodeAt(0) - 97;
  if (letter < 0 || letter >= 26 || norm.length > 31) return false;
  return ((lengths[letter] ?? 0) & (1 << norm.length)) !== 0;
}

function isSaltAt(token: Token): boolean {
  return mayBeSalt(token.norm) && SALT_ABBREVIATIONS.has(token.norm);
}

/** A prefix's reading: the rules of the one generic it starts, or of several (ambiguous). */
export interface PrefixReading {
  readonly ruleIds: readonly string[];
  readonly ambiguous: boolean;
}

const UNDERSCORE = 95;
const SLASH = 47;
const SPACE = 32;
const AMPERSAND = 38;

/**
 * What prefix readings are made of, built once per rule set on first need (most pages never need
 * it): the generics the set lists (one-token names written in lower case, i.e. not brands) with
 * their rules, and the known medicines no rule covers, each sorted so the names a prefix starts
 * are one run. A prefix's reading is then worked out when a text first asks for it: building
 * every prefix's reading up front cost 1–15 ms a page.
 */
interface PrefixIndex {
  readonly generics: readonly (readonly [name: string, ruleIds: readonly string[]])[];
  readonly unflagged: readonly string[];
  readonly readings: Map<string, PrefixReading | null>;
}

const prefixCache = new WeakMap<CompiledRuleSet, PrefixIndex>();
/** Prefixes remembered per set before the memo starts again (an open-ended vocabulary). */
const MAX_PREFIX_READINGS = 10_000;

function prefixIndexOf(set: CompiledRuleSet): PrefixIndex {
  const cached = prefixCache.get(set);
  if (cached) return cached;
  const generics: [string, readonly string[]][] = [];
  for (const [first, phrases] of set.phrasesByFirst) {
    if (set.properNameTokens?.has(first) || first.length <= MIN_PREFIX) continue;
    if (!/^[a-z]+$/.test(first)) continue;
    const single = phrases.find((p) => p.tokens.length === 1 && !p.raw && !p.needsContext);
    if (single) generics.push([first, single.ruleIds]);
  }
  generics.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const unflagged = sortedKnownMedicines().filter((m) => !set.nameTokens.has(m));
  const index = { generics, unflagged, readings: new Map<string, PrefixReading | null>() };
  prefixCache.set(set, index);
  return index;
}

let sortedKnown: readonly string[] | null = null;

/** KNOWN_MEDICINES without repeats, sorted: the same for every set, so sorted once per page. */
function sortedKnownMedicines(): readonly string[] {
  return (sortedKnown ??= [...new Set(knownMedicines())].sort());
}

/** Builds the salt and known-medicine tables now (warm-up.ts). */
export function prepareTruncation(): void {
  saltLengths ??= lengthsByFirstLetter(SALT_ABBREVIATIONS);
  sortedKnownMedicines();
}

/** Index of the first of the sorted `words` at or after `norm`. */
function firstAtOrAfter(count: number, wordAt: (k: number) => string, norm: string): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (wordAt(mid) < norm) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The reading of `norm` as a prefix (at least MIN_PREFIX letters, shorter than the name) of the
 * generics it starts, or null when it starts none. A prefix that also starts a medicine no rule
 * covers ("Papaver HCl_Tab": papaverine, not papaveretum) cannot be certain: the known medicine
 * joins its readings with no rules.
 */
function prefixReading(set: CompiledRuleSet, norm: string): PrefixReading | null {
  if (norm.length < MIN_PREFIX) return null;
  const index = prefixIndexOf(set);
  const known = index.readings.get(norm);
  if (known !== undefined) return known;
  const ids = new Set<string>();
  let names = 0;
  const { generics, unflagged } = index;
  for (
    let k = firstAtOrAfter(generics.length, (j) => generics[j]?.[0] ?? '', norm);
    k < generics.length;
    k++
  ) {
    const [name, ruleIds] = generics[k] ?? ['', []];
    if (!name.startsWith(norm)) break;
    if (name.length === norm.length) continue;
    names += 1;
    for (const id of ruleIds) ids.add(id);
  }
  let reading: PrefixReading | null = null;
  if (names > 0) {
    for (
      let k = firstAtOrAfter(unflagged.length, (j) => unflagged[j] ?? '', norm);
      k < unflagged.length;
      k++
    ) {
      const name = unflagged[k] ?? '';
      if (!name.startsWith(norm)) break;
      if (name.length > norm.length) names += 1;
    }
    reading = { ruleIds: [...ids].sort(), ambiguous: names > 1 };
  }
  if (index.readings.size >= MAX_PREFIX_READINGS) index.readings.clear();
  index.readings.set(norm, reading);
  return reading;
}

/**
 * Whether token i stands in the NHSBSA truncated shape: `_` right after it, or one or more salt
 * abbreviations (single spaces between) ending at `_` or `/`. Returns the index of the last token
 * of the shape (the prefix itself or its last salt), or -1.
 */
function truncatedShapeEnd(text: string, tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  if (!token) return -1;
  const after = codeAt(text, token.end);
  if (after === UNDERSCORE) return i;
  // "Morph/Cyclizine_Inj", "Buprenorph/Naloxone_Tab", "Morph & Atrop_Inj": a combination's first
  // part, read only when the combination's `_` follows its next word.
  const joined =
    after === SLASH
      ? tokens[i + 1]?.start === token.end + 1
      : after === SPACE &&
        codeAt(text, token.end + 1) === AMPERSAND &&
        codeAt(text, token.end + 2) === SPACE &&
        tokens[i + 1]?.start === token.end + 3;
  if (joined) {
    const next = tokens[i + 1];
    return next && codeAt(text, next.end) === UNDERSCORE ? i : -1;
  }
  // "Diamorph Roche_Tab 10mg": a generic cut before its maker's name, then `_`.
  const maker = tokens[i + 1];
  if (
    maker !== undefined &&
    maker.start === token.end + 1 &&
    codeAt(text, token.end) === SPACE &&
    // The `_` first: a char read, where the set look-up hashes a word most tokens are followed by.
    codeAt(text, maker.end) === UNDERSCORE &&
    MAKERS.has(maker.norm)
  ) {
    return i + 1;
  }
  let k = i;
  for (;;) {
    const cur = tokens[k];
    const next = tokens[k + 1];
    if (!cur || !next || next.start !== cur.end + 1 || codeAt(text, cur.end) !== SPACE) break;
    if (!isSaltAt(next)) break;
    k += 1;
    const after = codeAt(text, next.end);
    if (after === UNDERSCORE || after === SLASH) return k;
  }
  return -1;
}

/** A truncated reading and how many tokens it covers. */
export interface TruncatedReading extends PrefixReading {
  readonly length: number;
}

/**
 * The reading of a truncated generic at token i, or null. Cheap checks first: most tokens fail.
 * A token that is a whole one-word name is never read as a prefix; one that only starts or sits
 * inside longer names ("Morph" in a brand "Minjet Morph Sulf") still can be. `hasUnderscore`:
 * whether `text` has a `_` at all (false skips the phrase readings, which all end at one).
 */
export function truncatedAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  hasUnderscore = true,
): TruncatedReading | null {
  const token = tokens[i];
  // Most tokens are too short or are numbers: this part is small enough to be inlined where it
  // is called, so they cost no call.
  if (!token || token.norm.length < MIN_PREFIX) return null;
  const c = token.norm.charCodeAt(0);
  if (c < 97 || c > 122) return null;
  return truncatedWordAt(set, text, tokens, i, token, hasUnderscore);
}

function truncatedWordAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
  token: Token,
  hasUnderscore: boolean,
): TruncatedReading | null {
  if (
    truncatedShapeEnd(text, tokens, i) >= 0 &&
    !isWholeName(set, token.norm) &&
    !followsSalt(text, tokens, i)
  ) {
    const reading = prefixReading(set, token.norm);
    // Written out, not spread: a spread makes another hidden class than the other readers'
    // literals, and V8 dropped matchTokens' optimised code when it met it (issue 22).
    if (reading) return { ruleIds: reading.ruleIds, ambiguous: reading.ambiguous, length: 1 };
  }
  // A cut-short phrase always ends at `_`: most lines have none (the caller looks once per text),
  // and skipping spares a hash look-up per unmatched word.
  return (
    (hasUnderscore ? truncatedPhraseAt(set, text, tokens, i) : null) ??
    runTogetherAt(set, text, tokens, i)
  );
}

/**
 * Systemic dose forms (and NHSBSA's abbreviations of them) that may be run on after a name. No
 * local form: "ProtopicOintment" must not read as systemic tacrolimus, and the local-form check
 * looks only at the tokens after a name.
 */
const RUN_ON_FORMS = new Set([
  'tab',
  'tabs',
  'tablet',
  'tablets',
  'cap',
  'caps',
  'capsule',
  'capsules',
  'oral',
  'sublingual',
  'buccal',
  'oromucosal',
  'transdermal',
  'patch',
  'lozenge',
  'inj',
  'injection',
]);

/**
 * NHSBSA runs words together to keep a name within its 40 characters:
 * "Boots_NicAssistTransdermalPatch21mg24hrs" (BNF 0410020B0BHAYAR). A token whose written text is
 * a whole one-word name and then, each from a capital right after a lower-case letter, only
 * dose-form words ("TransdermalPatch") reads as that name. The capitals must be written, and every
 * run-on word must be a form: "NicAssistant" or "Pethidineplus" stay unread. No allocation unless
 * the token has a capital after a lower-case letter.
 */
function runTogetherAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
): TruncatedReading | null {
  const token = tokens[i];
  if (!token || token.end - token.start !== token.norm.length) return null;
  for (let p = token.start + MIN_PREFIX; p < token.end; p++) {
    if (!isUpper(text.charCodeAt(p)) || !isLower(text.charCodeAt(p - 1))) continue;
    const head = token.norm.slice(0, p - token.start);
    const name = set.phrasesByFirst
      .get(head)
      ?.find((ph) => ph.tokens.length === 1 && !ph.raw && !ph.needsContext);
    if (name && onlyFormsFrom(text, p, token.end)) {
      return { ruleIds: name.ruleIds, ambiguous: false, length: 1 };
    }
  }
  return null;
}

/** Whether text [from, to) is capitalised dose-form words run together ("TransdermalPatch"). */
function onlyFormsFrom(text: string, from: number, to: number): boolean {
  let start = from;
  for (let k = from + 1; k <= to; k++) {
    if (k < to && !isUpper(text.charCodeAt(k))) continue;
    const word = text.slice(start, k).toLowerCase();
    if (!isUpper(text.charCodeAt(start))) return false;
    if (!RUN_ON_FORMS.has(word)) return false;
    start = k;
  }
  return true;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

/**
 * A salt abbreviation is never a generic's prefix ("Mag Sulph_Inj": "Sulph" is not
 * sulphasalazine). After a salt, a prefix is read only directly before `_`, as in salt-first names
 * ("Sod Valpr_Tab"), not before more salts, which are one salt's name ("Sod Dihyd Phos Anhy_Tab").
 */
function followsSalt(text: string, tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const prev = tokens[i - 1];
  if (!token || SALT_ABBREVIATIONS.has(token.norm)) return true;
  if (isChlorideAfterCation(token, prev)) return true;
  const afterSalt =
    prev !== undefined &&
    prev.end + 1 === token.start &&
    text.charCodeAt(prev.end) === SPACE &&
    SALT_ABBREVIATIONS.has(prev.norm);
  return afterSalt && text.charCodeAt(token.end) !== UNDERSCORE;
}

/** Cations NHSBSA writes before a cut "chloride" ("Sod Chlor_Inf", "Mag Chlor_Mix"). */
const CATIONS = new Set([
  'sod',
  'sodium',
  'pot',
  'potassium',
  'mag',
  'magnesium',
  'calc',
  'calcium',
]);

/**
 * "Chlor" after a cation is chloride, the salt ("Ceftazidime/Sod Chlor_Inf": in sodium chloride),
 * not a cut chlordiazepoxide or chlormethiazole.
 */
function isChlorideAfterCation(token: Token, prev: Token | undefined): boolean {
  return (
    prev !== undefined &&
    token.norm.length < 'chloride'.length &&
    'chloride'.startsWith(token.norm) &&
    CATIONS.has(prev.norm)
  );
}

/**
 * Whether token i stands where NHSBSA cuts a name short: `_` right after it, or salt abbreviations
 * and then `_` or `/` ("Olanzap_Tab", "Zuclopenth Acet_Inj"). The readings here own that shape, so
 * the fuzzy stage does not also read a truncation there (match.ts).
 */
export function inTruncatedShape(text: string, tokens: readonly Token[], i: number): boolean {
  return truncatedShapeEnd(text, tokens, i) >= 0;
}

/** The set's first words longer than MIN_PREFIX, sorted, built on first need (prescan.ts). */
const longFirstWords = new WeakMap<CompiledRuleSet, readonly string[]>();

/**
 * For the pre-scan (prescan.ts): false only when `truncatedAt` finds nothing at any token whose
 * norm is `norm`, where the token is not a name's first word (the pre-scan reads those in full
 * anyway) and has no capital after a lower-case letter (nor those: `runTogetherAt`). What is left
 * starts a reading only as a proper prefix of a name's first word: the prefix map's keys, and
 * `phrasesOf`'s. Wider than the readers, never narrower: keep it so when they change. Cheaper to
 * build than the prefix map itself (1–15 ms), which most pages never need.
 */
export function mayReadTruncated(set: CompiledRuleSet, norm: string): boolean {
  if (norm.length < MIN_PREFIX) return false;
  let words = longFirstWords.get(set);
  if (!words) {
    words = [...set.phrasesByFirst.keys()].filter((w) => w.length > MIN_PREFIX).sort();
    longFirstWords.set(set, words);
  }
  // The first word at or after `norm` in sort order is the one it is a proper prefix of, if any.
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] ?? '') < norm) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < words.length; k++) {
    const word = words[k] ?? '';
    if (!word.startsWith(norm)) return false;
    if (word.length > norm.length) return true;
  }
  return false;
}

function isWholeName(set: CompiledRuleSet, norm: string): boolean {
  const phrases = set.phrasesByFirst.get(norm);
  return phrases !== undefined && phrases.some((p) => p.tokens.length === 1);
}

/** A word cut short before `_` keeps at least this many letters ("Decan", "Fumar"). */
const MIN_LAST_PREFIX = 3;

interface PhraseEntry {
  readonly tokens: readonly string[];
  readonly ruleIds: readonly string[];
}

/**
 * Lower-case names of two or more words ("flupentixol decanoate", "dimethyl fumarate") by their
 * first word and by each MIN_PREFIX-or-longer prefix of it, built once per rule set on first need.
 */
const phraseCache = new WeakMap<CompiledRuleSet, ReadonlyMap<string, readonly PhraseEntry[]>>();

function phrasesOf(set: CompiledRuleSet): ReadonlyMap<string, readonly PhraseEntry[]> {
  const cached = phraseCache.get(set);
  if (cached) return cached;
  const out = new Map<string, PhraseEntry[]>();
  for (const [first, phrases] of set.phrasesByFirst) {
    if (!/^[a-z]+$/.test(first)) continue;
    // A brand's first word must be written whole ("Haldol Decan_Inj"); a generic's may be cut too.
    const shortest = set.properNameTokens?.has(first) ? first.length : MIN_PREFIX;
    for (const p of phrases) {
      if (p.tokens.length < 2 || p.raw || p.needsContext) continue;
      if (!p.tokens.every((t) => /^[a-z]+$/.test(t))) continue;
      const entry = { tokens: p.tokens, ruleIds: p.ruleIds };
      for (let n = Math.min(shortest, first.length); n <= first.length; n++) {
        const key = first.slice(0, n);
        const list = out.get(key) ?? [];
        list.push(entry);
        out.set(key, list);
      }
    }
  }
  phraseCache.set(set, out);
  return out;
}

/**
 * A name of several words whose last word NHSBSA cut short before `_` ("Flupentixol Decan_Inj",
 * "Dimethyl Fumar_Cap", "Zuclopenth Decan_Inj"): the words before it as written (the first may
 * itself be a prefix), the last a proper prefix of the name's last word, `_` right after it.
 */
function truncatedPhraseAt(
  set: CompiledRuleSet,
  text: string,
  tokens: readonly Token[],
  i: number,
): TruncatedReading | null {
  const first = tokens[i];
  if (!first) return null;
  const entries = phrasesOf(set).get(first.norm);
  if (!entries) return null;
  if (first.norm.length < MIN_PREFIX && !set.nameTokens.has(first.norm)) return null;
  const ids = new Set<string>();
  const names = new Set<string>();
  let length = 0;
  for (const e of entries) {
    const n = e.tokens.length;
    const last = tokens[i + n - 1];
    const want = e.tokens[n - 1] ?? '';
    if (!last || text.charCodeAt(last.end) !== UNDERSCORE) continue;
    if (last.norm.length < MIN_LAST_PREFIX || last.norm.length >= want.length) continue;
    if (!want.startsWith(last.norm)) continue;
    let ok = true;
    for (let k = 1; k < n - 1 && ok; k++) ok = tokens[i + k]?.norm === e.tokens[k];
    if (!ok) continue;
    for (const id of e.ruleIds) ids.add(id);
    names.add(e.tokens.join(' '));
    length = Math.max(length, n);
  }
  if (length === 0) return null;
  return { ruleIds: [...ids].sort(), ambiguous: names.size > 1 && ids.size > 1, length };
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
  'eyedps', // NHSBSA "Ciclosporin_EyeDps 0.06%" (no space)
  'eardps',
  'cutaneous',
  'topical',
]);
const LOCAL_ORGANS = new Set(['eye', 'ear', 'scalp']);
const LOCAL_ORGAN_FORMS = new Set([
  'drops',
  'drop',
  'dps',
  'ointment',
  'oint',
  'application',
  'gel',
]);
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

/** What each word of the sets above is, as bits: one hash per word read, not four. */
const LOCAL_FORM = 1;
const LOCAL_ORGAN = 2;
const SYSTEMIC_FORM = 4;
const LOCAL_ORGAN_FORM = 8;
function localWordKinds(): ReadonlyMap<string, number> {
  const kinds = new Map<string, number>();
  const add = (words: ReadonlySet<string>, kind: number) => {
    for (const w of words) kinds.set(w, (kinds.get(w) ?? 0) | kind);
  };
  add(LOCAL_FORM_WORDS, LOCAL_FORM);
  add(LOCAL_ORGANS, LOCAL_ORGAN);
  add(SYSTEMIC_FORM_WORDS, SYSTEMIC_FORM);
  add(LOCAL_ORGAN_FORMS, LOCAL_ORGAN_FORM);
  return kinds;
}

/**
 * The local-form words' kinds, and their lengths by first letter as for the salts: most words
 * after a name ("2", "micrograms", "hour") have none, and are answered without a hash. Built at
 * the first look, not at load.
 */
interface LocalWordTables {
  readonly kinds: ReadonlyMap<string, number>;
  readonly lengths: Uint32Array;
}

let localWords: LocalWordTables | null = null;

function localWordTables(): LocalWordTables {
  if (!localWords) {
    const kinds = localWordKinds();
    localWords = { kinds, lengths: lengthsByFirstLetter(kinds.keys()) };
  }
  return localWords;
}

/** The local-form bits of a word; none for a number or an unlisted shape, without hashing it. */
function kindIn(tables: LocalWordTables, norm: string): number {
  return hasLengthFor(tables.lengths, norm) ? (tables.kinds.get(norm) ?? 0) : 0;
}

/**
 * Whether the name at tokens [from, to) is written as a local form: a local form word within
 * LOCAL_WINDOW tokens after it, on the same line, before any systemic form word, comma or
 * semicolon ("Tacrolimus_Oint 0.1%", "Tacrolimus 0.1% ointment"). No allocation.
 * `ruleLocal` adds one rule's own local words ("gel" for isotretinoin, never for testosterone);
 * such a word is not local when a systemic form or "filled" follows it ("gel-filled capsules").
 */
export function hasLocalFormAfter(
  text: string,
  tokens: readonly Token[],
  to: number,
  ruleLocal?: readonly string[],
): boolean {
  const end = Math.min(tokens.length, to + LOCAL_WINDOW);
  // Once per call, not per word: called for every name the reader finds (issue 22).
  const tables = localWordTables();
  for (let k = to; k < end; k++) {
    const cur = tokens[k];
    const prev = tokens[k - 1];
    if (!cur || !prev) return false;
    for (let c = prev.end; c < cur.start; c++) {
      const ch = text.charCodeAt(c);
      if (ch === 10 || ch === 13 || ch === 44 || ch === 59) return false;
    }
    const w = cur.norm;
    const kind = kindIn(tables, w);
    if (kind & LOCAL_FORM) return true;
    if (ruleLocal?.includes(w)) {
      const next = tokens[k + 1]?.norm ?? '';
      if (next !== 'filled' && !(kindIn(tables, next) & SYSTEMIC_FORM)) return true;
    }
    if (kind & LOCAL_ORGAN && kindIn(tables, tokens[k + 1]?.norm ?? '') & LOCAL_ORGAN_FORM)
      return true;
    if (kind & SYSTEMIC_FORM) return false;
  }
  return false;
}
