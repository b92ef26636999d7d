/**
 * The fuzzy stage: reads a misspelt or truncated drug name ("sertaline", "zopiclon", "methotrex") as
 * a *possible* match, and otherwise stays silent. A false flag costs more than a miss: GPs already
 * ignore most prescribing alerts (in the INTERACT-IT study 2% led to any action), so every guard
 * here leans towards silence.
 *
 * Pipeline for one token (match.ts calls it only for tokens no exact name covered and that are not
 * themselves a word of any listed name), memoised per unique token:
 *  1. Gate: ≥ 5 letters, not a stop word, not a known medicine (a real drug name is never re-read as
 *     another drug: LASA pairs such as hydroxyzine/hydralazine).
 *  2. Candidates, cheaply: terms with the token's first letter and a length within two, and names
 *     the token is a prefix of (NearTermIndex), on the letters as written and on the phonetic
 *     skeleton. Terms are single-token names, first tokens of multi-word names, the name after a
 *     "co-"-style prefix ("codamol") and such prefixes joined ("codydramol"), plus every known
 *     medicine as a decoy. fuse.js per token is ~1000× too slow for page text (docs/performance.md).
 *  3. Verification (rankOf): same first letter; English endings ("-ing", "-ed") never match; bounded
 *     Damerau-Levenshtein (optimal string alignment) distance on raw letters or on skeletons — one
 *     edit below 10 letters, two from 10, and below 8 letters a substituted letter must be a vowel
 *     or a sound-alike; or a truncation of ≥ 7 letters and ≥ 60% of the name. Brands (names
 *     written capitalised) only through slips that keep every letter. Then the nearest flagged
 *     name must beat every other reading — another drug or a known unflagged medicine — by a full
 *     edit (RIVAL_MARGIN), or the token stays unread.
 *  4. fuse.js's Bitap score (bitap.ts: its search with our options, tested equal to fuse.js)
 *     ranks the few survivors, once per unique token: it picks among them, its score becomes the
 *     match's score, and a poor score still vetoes.
 *
 * Thresholds were tuned on tests/fixtures/corpus/misspellings.json (must read),
 * no-false-flags.json and lasa-pairs.json (must not), and a scan of 100k English words (fuzzy.test.ts
 * "English collisions").
 */
import { bestBitap } from './bitap';
import { foldToken } from './normalize';
import { knownMedicines as builtInKnown, stopWords as builtInStopWords } from './word-lists';
import type { CompiledRuleSet, FuzzyHit, FuzzyIndexSnapshot, FuzzyMatcher } from './types';

/**
 * Below 5 letters one edit is ≥ 25% of the word and short English words are dense around short
 * names ("tram", "code", "mxl"), so short tokens are matched exactly or not at all.
 */
export const MIN_FUZZY_LENGTH = 5;
/** A prefix and the next word joined ("codydramol") is a fuzzy term only from this length. */
const MIN_JOINED_LENGTH = 8;
/**
 * A truncation must keep at least this many letters and this share of the name ("gabapen" 7/10).
 * Six letters let English prefixes in ("neuron" → Neurontin).
 */
const MIN_TRUNCATION_LENGTH = 7;
const MIN_TRUNCATION_SHARE = 0.6;
/** fuse.js (Bitap) score above which a survivor is rejected (0 = identical, 1 = unrelated). */
const MAX_FUSE_SCORE = 0.5;
/** How much nearer (in edits) the chosen drug must be than any other reading of the token. */
const RIVAL_MARGIN = 1;
/** Memo bound: a long-lived EHR tab sees an open-ended vocabulary. */
const MAX_MEMO = 50_000;
/** The longest token Bitap takes in one pattern. */
const MAX_TOKEN_LENGTH = 32;

/**
 * Edits allowed for a word of this skeleton length: one below 10 letters, two from 10. Scanning a
 * 100k-word English list showed two edits at 8–9 letters reach ordinary words ("concerns" →
 * Concerta, "transfer" → Transtec); from 10 letters misspellings such as "buprenorfin" need two.
 */
export function maxEditsFor(length: number): number {
  return length >= 10 ? 2 : 1;
}

/**
 * A spelling-insensitive key: "ph" → "f", "y" → "i", doubled letters collapsed, so the phonetic and
 * doubling errors clinicians make ("morfine", "amitryptiline", "diazzepam") cost no edits.
 */
export function skeletonOf(word: string): string {
  // One pass by char code, not two regular-expression replaces then a pass: every new word on a
  // page that reaches the fuzzy stage comes here (the cold pass of bench/README.md).
  let out = '';
  let prev = -1;
  for (let i = 0; i < word.length; i++) {
    let c = word.charCodeAt(i);
    if (c === P && i + 1 < word.length && word.charCodeAt(i + 1) === H) {
      c = F;
      i++;
    } else if (c === Y) c = I;
    if (c !== prev) out += String.fromCharCode(c);
    prev = c;
  }
  return out;
}

const P = 112;
const H = 104;
const F = 102;
const Y = 121;
const I = 105;

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), giving up
 * above `max`: returns `max + 1` as soon as the distance must exceed it.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const width = n + 1;
  if (rows.length < 3 * width) rows = new Int32Array(6 * width);
  // Only the band of cells within `max` of the diagonal: a path that leaves it has already cost
  // more than `max`, so cells outside it read as `max + 1` (one or two edits allowed: a band of
  // three to five cells a row, not the whole row, for every candidate of every new word).
  const over = max + 1;
  let prev2 = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j <= n; j++) rows[prev + j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const lo = i - max > 1 ? i - max : 1;
    const hi = i + max < n ? i + max : n;
    rows[cur] = i <= max ? i : over;
    if (lo > 1) rows[cur + lo - 1] = over;
    let rowMin = i <= max ? i : over;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(
        (rows[prev + j] ?? 0) + 1,
        (rows[cur + j - 1] ?? 0) + 1,
        (rows[prev + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, (rows[prev2 + j - 2] ?? 0) + 1);
      }
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads one cell past this row's band.
    if (hi < n) rows[cur + hi + 1] = over;
    if (rowMin > max) return over;
    const oldPrev2 = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldPrev2;
  }
  const d = rows[prev + n] ?? over;
  return d > max ? over : d;
}

let rows = new Int32Array(3 * 33);

/**
 * Which letters a word holds, one bit each (other letters share five bits). Two words whose sets
 * differ in k letters are at least ⌈k/2⌉ edits apart (a substitution fixes two), so most
 * candidates are rejected without computing a distance.
 */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    mask |= 1 << (c >= 0 && c < 26 ? c : 26 + ((c + 97) % 5));
  }
  return mask;
}

function differingLetters(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/** Below this skeleton length a single substituted letter must be a plausible slip (see below). */
const SHORT_WORD = 8;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
/**
 * Letters that stand for the same sound in drug names ("Lyrika", "zopiklone"). Not c/s: "loses"
 * would read as Losec.
 */
const SOUND_ALIKE = new Set(['ck', 'kc', 'sz', 'zs']);

type Slip = 'none' | 'transposition' | 'vowel' | 'sound-alike' | 'other';

/** How two words of the same length differ by at most one slip; 'other' for anything else. */
function sameLengthSlip(a: string, b: string): Slip {
  if (a.length !== b.length) return 'other';
  const diffs: number[] = [];
  for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
  const [i, j] = diffs;
  if (i === undefined) return 'none';
  if (j === undefined) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (VOWELS.has(x) && VOWELS.has(y)) return 'vowel';
    return SOUND_ALIKE.has(x + y) ? 'sound-alike' : 'other';
  }
  if (diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i]) return 'transposition';
  return 'other';
}

/**
 * True when `a` and `b` are short, the same length, and differ in exactly one letter that is not a
 * vowel-for-vowel or sound-alike slip. Short English words sit one consonant away from short names
 * ("tiles"/"Tylex", "butter"/"Butec", "loser"/"Losec"); clinicians' slips in short names are mostly
 * vowels, sound-alikes, transpositions, omissions and doublings, which stay allowed.
 */
function isHarshSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length || a.length >= SHORT_WORD) return false;
  return sameLengthSlip(a, b) === 'other';
}

/** English inflections and derivations no medicine name ends in. */
const ENGLISH_SUFFIXES = [
  'ing',
  'ings',
  'ed',
  'ly',
  'tion',
  'tions',
  'ment',
  'ness',
  'ful',
  'less',
];

/** Which characters end some suffix of ENGLISH_SUFFIXES: most words end in none of them. */
const SUFFIX_ENDS = (() => {
  const ends = new Uint8Array(128);
  for (const suffix of ENGLISH_SUFFIXES) ends[suffix.charCodeAt(suffix.length - 1) & 127] = 1;
  return ends;
})();

/** Which of ENGLISH_SUFFIXES a word ends in, one bit each (worked out once per word, not per pair). */
function suffixesOf(word: string): number {
  if (word.length === 0) return 0;
  const last = word.charCodeAt(word.length - 1);
  if (!(last < 128 && SUFFIX_ENDS[last] === 1)) return 0;
  let bits = 0;
  for (let k = 0; k < ENGLISH_SUFFIXES.length; k++) {
    if (word.endsWith(ENGLISH_SUFFIXES[k] ?? '')) bits |= 1 << k;
  }
  return bits;
}

/** "morphing" is English, not a slip for "morphine": its ending is one the name does not share. */
function hasForeignSuffix(wordSuffixes: number, nameSuffixes: number): boolean {
  return (wordSuffixes & ~nameSuffixes) !== 0;
}

interface Term {
  /** The name's token as written in the pack (normalised), used for fuse.js scoring. */
  readonly name: string;
  readonly skeleton: string;
  readonly nameMask: number;
  readonly skeletonMask: number;
  /** `suffixesOf` the name and the skeleton. */
  readonly nameSuffixes: number;
  readonly skeletonSuffixes: number;
  /** Rules this term means; null for a decoy (a known medicine no pack flags). */
  readonly ruleIds: readonly string[] | null;
  /** A short token that precedes this term in the name ("co" of "co-codamol"), if any. */
  readonly lead: string | null;
  /** A brand: read only through slips that keep every letter (see rankOf). */
  readonly isProper: boolean;
}

export interface FuzzyOptions {
  /** Extra words never to read as a drug (e.g. a local pack's vocabulary). */
  readonly stopWords?: Iterable<string>;
  /** Replaces the built-in known-medicine decoys (tests use it to isolate behaviour). */
  readonly knownMedicines?: readonly string[];
  /**
   * The index this matcher would build, built ahead (`indexSnapshot()` of a matcher over the same
   * exact index, with the built-in stop words and known medicines): the bundled pack's ships in
   * rules-data.js. Ignored with custom `stopWords` or `knownMedicines`.
   */
  readonly prebuilt?: FuzzyIndexSnapshot;
}

type ExactIndex = Omit<CompiledRuleSet, 'fuzzy'>;

/** Whether `s` is letters only: by char code for lower-case ASCII, the usual case, else Unicode's. */
function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) return LETTERS.test(s);
  }
  return s.length > 0;
}

const LETTERS = /^\p{L}+$/u;

type TermWords = Omit<Term, 'nameMask' | 'skeletonMask' | 'nameSuffixes' | 'skeletonSuffixes'>;

function collectTerms(
  exact: ExactIndex,
  known: readonly string[],
  stop: ReadonlySet<string>,
): Term[] {
  const terms: TermWords[] = [];
  const proper = exact.properNameTokens ?? new Set<string>();
  // First tokens: a single-token name keeps its own rules; otherwise the union over the phrases.
  for (const [first, allPhrases] of exact.phrasesByFirst) {
    // Case-sensitive and context-needing names are exact-only by design (docs/names.md), and a
    // family name is never more than possible, so never a fuzzy target either.
    const phrases = allPhrases.filter(
      (p) => p.raw === undefined && p.needsContext !== true && p.possible !== true,
    );
    if (phrases.length === 0) continue;
    const single = phrases.find((p) => p.tokens.length === 1);
    const ruleIds = single
      ? single.ruleIds
      : [...new Set(phrases.flatMap((p) => p.ruleIds))].sort();
    if (first.length >= MIN_FUZZY_LENGTH && isLetters(first) && !stop.has(first)) {
      terms.push({
        name: first,
        skeleton: skeletonOf(first),
        ruleIds,
        lead: null,
        isProper: proper.has(first),
      });
    }
    // "co-codamol", "APO-go", "Li-Liquid": the short prefix alone identifies nothing, so the word
    // after it, and the two joined, stand for the name.
    if (first.length <= 3 && isLetters(first)) {
      for (const p of phrases) {
        const second = p.tokens[1];
        if (second === undefined || !isLetters(second)) continue;
        if (second.length >= MIN_FUZZY_LENGTH && !stop.has(second)) {
          terms.push({
            name: second,
            skeleton: skeletonOf(second),
            ruleIds: p.ruleIds,
            lead: first,
            isProper: proper.has(first),
          });
        }
        const joined = first + second;
        // Short joined forms ("apogo") sit among English words ("apogee", "apollo").
        if (joined.length >= MIN_JOINED_LENGTH && !exact.phrasesByFirst.has(joined)) {
          terms.push({
            name: joined,
            skeleton: skeletonOf(joined),
            ruleIds: p.ruleIds,
            lead: null,
            isProper: proper.has(first),
          });
        }
      }
    }
  }
  for (const raw of known) {
    const name = foldToken(raw);
    if (name.length < MIN_FUZZY_LENGTH || exact.nameTokens.has(name)) continue;
    terms.push({
      name,
      skeleton: skeletonOf(name),
      ruleIds: null,
      lead: null,
      isProper: false,
    });
  }
  return terms.map((t) => ({
    ...t,
    nameMask: letterMask(t.name),
    skeletonMask: letterMask(t.skeleton),
    nameSuffixes: suffixesOf(t.name),
    skeletonSuffixes: suffixesOf(t.skeleton),
  }));
}

function sameRules(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

interface Candidate {
  readonly term: Term;
  /** Edit distance on skeletons; truncations rank just after the largest allowed edit. */
  readonly rank: number;
}

/** The most edits `rankOf` ever allows, so the furthest a near term's length can be. */
const MAX_EDITS = 2;

/**
 * Every term `rankOf` could accept for a token, found without a precomputed delete index: a term
 * within edit bounds shares the token's first letter and is at most MAX_EDITS letters longer or
 * shorter (terms bucketed by first letter and length), and a truncation is a prefix (terms bucketed
 * by their first three letters). Both spellings are looked up: the skeleton absorbs phonetic slips, the
 * letters as written keep slips the skeleton would distort ("morhpine" has no "ph" to fold).
 * Building it is a pass over the terms (≈ 0.3 ms warm, 10–25 ms with the terms on a cold page),
 * where a SymSpell delete index took 8–15 ms more for candidates that still needed this
 * verification. It serialises (`snapshot`/`restore`) so the bundled pack's ships built.
 */
class NearTermIndex {
  /** Terms made so far: a restored index makes each from its JSON on first use. */
  private readonly made: (Term | undefined)[];
  /**
   * Which forEachCandidate call last visited each term id: a call visits a term once, and a new
   * call number forgets the last call's visits without clearing anything (a Set cost more).
   * Sized for every term when the index is made (on the first word that reaches the fuzzy stage):
   * grown from empty on the first visits instead, each new set's index took a path its
   * optimised code had not seen, and V8 threw visitOnce away on every restore after the first
   * (issue 22).
   */
  private visitedIn: Int32Array;
  private call = 0;

  private constructor(
    terms: readonly Term[],
    private readonly raw: FuzzyIndexSnapshot['terms'],
    private readonly byFirstAndLength: ReadonlyMap<number, readonly number[]>,
    /** By first three letters (a truncation keeps at least seven): `id` names the term's name, `~id` its skeleton. */
    private readonly byPrefix: ReadonlyMap<string, readonly number[]>,
  ) {
    // Sized and filled up front: setting ids one by one into an empty array changed its elements
    // kind as it grew, and V8 dropped the optimised code that stored into it (issue 22).
    this.made = new Array<Term | undefined>(Math.max(terms.length, raw.length)).fill(undefined);
    terms.forEach((term, id) => (this.made[id] = term));
    this.visitedIn = new Int32Array(this.made.length);
  }

  static build(terms: readonly Term[]): NearTermIndex {
    const byFirstAndLength = new Map<number, number[]>();
    const byPrefix = new Map<string, number[]>();
    terms.forEach((term, id) => {
      push(byFirstAndLength, bucketOf(term.name, term.name.length), id);
      push(byPrefix, term.name.slice(0, 3), id);
      if (term.skeleton === term.name) return;
      push(byFirstAndLength, bucketOf(term.skeleton, term.skeleton.length), id);
      push(byPrefix, term.skeleton.slice(0, 3), ~id);
    });
    return new NearTermIndex(terms, [], byFirstAndLength, byPrefix);
  }

  /**
   * From `snapshot()`'s JSON. Terms are made as look-ups reach them, not all at once: a thousand
   * objects at start-up cost 25–30 ms while V8 marks a 340,000-node page.
   */
  static restore(snapshot: FuzzyIndexSnapshot): NearTermIndex {
    return new NearTermIndex(
      [],
      snapshot.terms,
      new Map(snapshot.byFirstAndLength),
      new Map(snapshot.byPrefix),
    );
  }

  snapshot(): FuzzyIndexSnapshot {
    const terms: FuzzyIndexSnapshot['terms'][number][] = [];
    for (let id = 0; id < Math.max(this.made.length, this.raw.length); id++) {
      const t = this.term(id);
      if (!t) continue;
      terms.push([
        t.name,
        t.skeleton === t.name ? '' : t.skeleton,
        t.ruleIds,
        t.lead,
        t.isProper ? 1 : 0,
      ]);
    }
    return {
      terms,
      byFirstAndLength: [...this.byFirstAndLength],
      byPrefix: [...this.byPrefix],
    };
  }

  private term(id: number): Term | undefined {
    const made = this.made[id];
    if (made) return made;
    const raw = this.raw[id];
    if (!raw) return undefined;
    const [name, written, ruleIds, lead, isProper] = raw;
    const skeleton = written || name;
    const term: Term = {
      name,
      skeleton,
      nameMask: letterMask(name),
      skeletonMask: letterMask(skeleton),
      nameSuffixes: suffixesOf(name),
      skeletonSuffixes: suffixesOf(skeleton),
      ruleIds,
      lead,
      isProper: isProper === 1,
    };
    this.made[id] = term;
    return term;
  }

  /** Calls `visit` once per term that might be near `token` (as written) or its `skeleton`. */
  forEachCandidate(token: string, skeleton: string, visit: (term: Term) => void): void {
    // No set, closure or word array per call: every new word on a page that passes the cheap
    // checks comes here once (the cold pass of bench/README.md).
    this.call += 1;
    const words = token === skeleton ? 1 : 2;
    for (let w = 0; w < words; w++) {
      const word = w === 0 ? token : skeleton;
      for (let len = word.length - MAX_EDITS; len <= word.length + MAX_EDITS; len++) {
        // rankOf's own bound: two letters longer or shorter is near only from ten letters.
        if (Math.abs(len - word.length) > maxEditsFor(Math.min(len, word.length))) continue;
        const ids = this.byFirstAndLength.get(bucketOf(word, len));
        if (ids) for (const id of ids) this.visitOnce(id, visit);
      }
      if (word.length < MIN_TRUNCATION_LENGTH) continue;
      const entries = this.byPrefix.get(word.slice(0, 3));
      if (!entries) continue;
      for (const entry of entries) {
        const id = entry < 0 ? ~entry : entry;
        const term = this.term(id);
        const key = entry < 0 ? term?.skeleton : term?.name;
        if (key !== undefined && key.length > word.length && key.startsWith(word)) {
          this.visitOnce(id, visit);
        }
      }
    }
  }

  private visitOnce(id: number, visit: (term: Term) => void): void {
    if (id >= this.visitedIn.length) {
      const grown = new Int32Array(Math.max(id + 1, this.visitedIn.length * 2, 1024));
      grown.set(this.visitedIn);
      this.visitedIn = grown;
    }
    if (this.visitedIn[id] === this.call) return;
    this.visitedIn[id] = this.call;
    const term = this.term(id);
    if (term) visit(term);
  }
}

function bucketOf(word: string, length: number): number {
  return word.charCodeAt(0) * 64 + length;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * How near `word` is to `name` (both raw or both skeletons): the edit distance if within bounds, a
 * truncation just after the largest allowed edit, or Infinity. Same first letter always: slips
 * rarely hit it, and LASA pairs often differ only after it.
 *
 * Brands (`isProper`) are read only through slips that keep every letter: doubling and phonetic
 * spellings (equal skeletons), one swap of adjacent letters, or one sound-alike letter. No
 * omissions, insertions or truncations: brands are often coined from English words, and scanning a
 * 100k-word list showed "tranquil" → Tranquilyn, "allegro" → Allegron, "astral" → Abstral,
 * "neural" → Neoral, "hydra" → Hydrea.
 */
function rankOf(
  word: string,
  wordMask: number,
  wordSuffixes: number,
  name: string,
  nameMask: number,
  nameSuffixes: number,
  isProper: boolean,
): number {
  if (word.charCodeAt(0) !== name.charCodeAt(0)) return Infinity;
  if (isProper) {
    if (word.length !== name.length || hasForeignSuffix(wordSuffixes, nameSuffixes)) {
      return Infinity;
    }
    if (word === name) return 0;
    const slip = sameLengthSlip(word, name);
    return slip === 'transposition' || slip === 'sound-alike' ? 1 : Infinity;
  }
  const max = maxEditsFor(Math.min(word.length, name.length));
  const mayBeNear =
    Math.abs(word.length - name.length) <= max && differingLetters(wordMask ^ nameMask) <= 2 * max;
  const mayBeTruncation =
    word.length >= MIN_TRUNCATION_LENGTH &&
    word.length >= MIN_TRUNCATION_SHARE * name.length &&
    name.startsWith(word);
  if ((!mayBeNear && !mayBeTruncation) || hasForeignSuffix(wordSuffixes, nameSuffixes)) {
    return Infinity;
  }
  if (mayBeNear) {
    const d = editDistance(word, name, max);
    if (d <= max && (d === 0 || !isHarshSubstitution(word, name))) return d;
  }
  return mayBeTruncation ? max + 0.5 : Infinity;
}

/**
 * The fuzzy stage over one exact index. A class, not closures per matcher: each rule-set restore
 * made new `lookup` and `decide` functions, and V8 threw away the optimised code that had inlined
 * the last set's (a "wrong call target" deopt per restore, issue 22).
 */
class FuzzyStage implements FuzzyMatcher {
  readonly minTokenLength = MIN_FUZZY_LENGTH;
  // Built (or restored) on the first word that reaches them: most screens have a handful of such
  // words or none, and start-up time is the clinician's. Building costs 10–25 ms on a cold page, and
  // far more while V8 marks a huge page's DOM, so the bundled pack's index ships built.
  private knownSet: ReadonlySet<string> | null = null;
  private near: NearTermIndex | null = null;
  private readonly memo = new Map<string, FuzzyHit | null>();

  constructor(
    private readonly exact: ExactIndex,
    private readonly stop: ReadonlySet<string>,
    private readonly known: readonly string[],
    private readonly prebuilt: FuzzyIndexSnapshot | undefined,
  ) {}

  private knownNames(): ReadonlySet<string> {
    return (this.knownSet ??=
      this.known === builtInKnown() ? knownMedicineSet() : foldedSet(this.known));
  }

  private index(): NearTermIndex {
    return (this.near ??= this.prebuilt
      ? NearTermIndex.restore(this.prebuilt)
      : NearTermIndex.build(collectTerms(this.exact, this.known, this.stop)));
  }

  private candidatesFor(token: string, skeleton: string): Candidate[] {
    const out: Candidate[] = [];
    const tokenMask = letterMask(token);
    const skeletonMask = letterMask(skeleton);
    const tokenSuffixes = suffixesOf(token);
    const skeletonSuffixes = suffixesOf(skeleton);
    // Most words and names are their own skeleton ("tablets", "zopiclone"): the two readings are
    // then one, and ranked once (each new word on a page ranks dozens of terms).
    const tokenIsSkeleton = token === skeleton;
    this.index().forEachCandidate(token, skeleton, (term) => {
      const bySkeleton = rankOf(
        skeleton,
        skeletonMask,
        skeletonSuffixes,
        term.skeleton,
        term.skeletonMask,
        term.skeletonSuffixes,
        term.isProper,
      );
      const rank =
        tokenIsSkeleton && term.name === term.skeleton
          ? bySkeleton
          : Math.min(
              bySkeleton,
              rankOf(
                token,
                tokenMask,
                tokenSuffixes,
                term.name,
                term.nameMask,
                term.nameSuffixes,
                term.isProper,
              ),
            );
      if (rank < Infinity) out.push({ term, rank });
    });
    return out;
  }

  private decide(token: string): FuzzyHit | null {
    if (token.length < MIN_FUZZY_LENGTH || token.length > MAX_TOKEN_LENGTH) return null;
    if (!isLetters(token) || this.stop.has(token) || this.knownNames().has(token)) return null;
    if (this.exact.nameTokens.has(token)) return null;
    const skeleton = skeletonOf(token);
    if (skeleton.length < MIN_FUZZY_LENGTH) return null;

    const candidates = this.candidatesFor(token, skeleton);
    let best = Infinity;
    for (const c of candidates) if (c.term.ruleIds) best = Math.min(best, c.rank);
    // Arrays built by push, not `filter`/`map`: V8's optimised code builds those with another
    // elements kind than its builtins do, and code that had only seen the other threw itself
    // away (a "wrong map" deopt of this function, issue 22).
    const survivors: Candidate[] = [];
    const names: string[] = [];
    for (const c of candidates) {
      if (c.term.ruleIds && c.rank === best) {
        survivors.push(c);
        names.push(c.term.name);
      }
    }
    const first = survivors[0]?.term.ruleIds;
    if (!first) return null;
    // Any other reading (another drug, or a medicine no pack flags) must be a full edit further
    // away: "alitretin" is one edit from acitretin and a truncation of alitretinoin, so it stays
    // unread rather than risk naming the wrong drug; "zopiclon" has no rival and is read.
    for (const c of candidates) {
      const isSameDrug = c.term.ruleIds !== null && sameRules(c.term.ruleIds, first);
      if (!isSameDrug && c.rank < best + RIVAL_MARGIN) return null;
    }

    const top = bestBitap(token, names);
    const chosen = top ? survivors[top.index] : undefined;
    const fuseScore = top?.score ?? 1;
    if (!chosen || !chosen.term.ruleIds || fuseScore > MAX_FUSE_SCORE) return null;

    // Similarity in (0, 1): fuse.js's view of the letters, discounted per edit, never 1 (not exact).
    const editShare = chosen.rank / Math.max(chosen.term.skeleton.length, 1);
    const score = Math.min(0.99, Math.max(0.01, (1 - fuseScore) * (1 - editShare)));
    const hit: FuzzyHit = {
      ruleIds: chosen.term.ruleIds,
      score: Math.round(score * 1000) / 1000,
      ...(chosen.term.lead ? { lead: chosen.term.lead } : {}),
      // A truncation ranks half an edit past the largest allowed (rankOf); edits are whole.
      ...(chosen.rank % 1 !== 0 ? { truncation: true as const } : {}),
    };
    return hit;
  }

  indexSnapshot(): FuzzyIndexSnapshot {
    return this.index().snapshot();
  }

  prepare(): void {
    this.knownNames();
    this.index();
  }

  lookup(token: string): FuzzyHit | null {
    // Most unmatched tokens are short ("20mg", "daily"): answered before the memo's hash.
    if (token.length < MIN_FUZZY_LENGTH || token.length > MAX_TOKEN_LENGTH) return null;
    const memo = this.memo;
    const cached = memo.get(token);
    if (cached !== undefined) return cached;
    const hit = this.decide(token);
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(token, hit);
    return hit;
  }
}

function foldedSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(foldToken));
}

let knownMedicines: ReadonlySet<string> | null = null;

/** The built-in known medicines, folded once per page rather than once per rule set. */
function knownMedicineSet(): ReadonlySet<string> {
  return (knownMedicines ??= foldedSet(builtInKnown()));
}

/** Builds the fuzzy stage for a compiled exact index. Pure and deterministic. */
export function createFuzzyMatcher(exact: ExactIndex, options: FuzzyOptions = {}): FuzzyMatcher {
  const custom = options.stopWords !== undefined || options.knownMedicines !== undefined;
  const prebuilt = custom ? undefined : options.prebuilt;
  let stop: ReadonlySet<string> = builtInStopWords();
  if (options.stopWords) {
    const extended = new Set(stop);
    for (const w of options.stopWords) extended.add(foldToken(w));
    stop = extended;
  }
  return new FuzzyStage(exact, stop, options.knownMedicines ?? builtInKnown(), prebuilt);
}
