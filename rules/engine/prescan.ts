/**
 * Most text runs on a clinical page name no medicine ("Review due 7/8/2026", "Take ONE tablet at
 * night"), and reading them token by token (a string and an object per token, then each stage's
 * checks) cost most of the engine's time (issue 22). This pre-scan answers "can anything match
 * here?" in one pass over the char codes, allocating nothing for words it has seen before: each
 * word is packed, five bits a letter, into four small integers as it is read, and looked up by
 * them in a small table that remembers whether the word can start anything (a name's first word,
 * a truncated generic, a fuzzy reading). The packing is exact, so a look-up compares four integers,
 * not the word's letters. When it answers no, the full reading (match.ts) would find nothing, so
 * it is skipped; anything it is unsure of (non-ASCII text, a capital inside a word, a word too long
 * to pack, a strength written before `/`) goes the full way.
 *
 * Keep it in step with match.ts: a new reader there needs its trigger here, or the pre-scan will
 * skip texts it would have matched. match.test.ts checks both agree on the fixture corpora, and
 * scripts/engine-match-hash.ts on the bench corpora and the real-world strings.
 */
import { codeAt, LOWER_BIT, MAX_PACKED, PER_KEY } from './normalize';
import { MIN_PREFIX, mayReadTruncated } from './truncation';
import type { CompiledRuleSet, FormBoundPhrase, Phrase } from './types';

const SLASH = 47;

/** Open addressing, at most half full; a page's vocabulary is a few thousand words. */
const TABLE_BITS = 13;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_MASK = TABLE_SIZE - 1;
/** Past this many words the table starts again: a long-lived tab sees an open-ended vocabulary. */
const MAX_WORDS = TABLE_SIZE >>> 1;
/** Marks a run of digits in a slot's tag (the tag is otherwise the length, at most MAX_PACKED). */
const DIGITS_TAG = 32;

/** Words (lower-cased) seen in a rule set's texts, and whether each can start a match. */
export class Vocabulary {
  /** Each slot's four packed keys. */
  private readonly keys = new Int32Array(TABLE_SIZE * 4);
  /** Each slot's length, plus DIGITS_TAG for digits; 0 marks an empty slot (no word is empty). */
  private readonly tags = new Uint8Array(TABLE_SIZE);
  private readonly starts = new Uint8Array(TABLE_SIZE);
  /** Each slot's phrases and form-bound phrases, so the reader hashes no word a second time. */
  private readonly phrases = new Array<readonly Phrase[] | undefined>(TABLE_SIZE).fill(undefined);
  private readonly bound = new Array<readonly FormBoundPhrase[] | undefined>(TABLE_SIZE).fill(
    undefined,
  );
  private count = 0;
  /** Whether some name starts with a number, so numbers need a look-up too. */
  readonly digitFirst: boolean;
  /** Tokens shorter than this are never read fuzzily (the matcher's own gate). */
  readonly fuzzyFrom: number;

  /**
   * Words shorter than this are never read as a truncated or misspelt name, so only a name's
   * first word can start there, which `mayBeFirst` rules out for most of them.
   */
  readonly shortBelow: number;
  /** One bit per (first letter, second letter, length) of the set's first words. */
  private readonly firstBits = new Uint32Array(1 << 14);
  /** Whether some first word has a character past ASCII in its first two: such tokens take the maps. */
  private readonly hasOtherFirst: boolean;
  /**
   * One bit per (last letter, third letter, length) of the set's first words: of the tokens the
   * first table lets through in page text ("tablets", "microgram", "review"), it turns away about
   * two in three, each a phrase-map look-up spared.
   */
  private readonly lastBits = new Uint32Array(1 << 14);

  constructor(private readonly set: CompiledRuleSet) {
    this.fuzzyFrom = set.fuzzy ? (set.fuzzy.minTokenLength ?? 0) : Infinity;
    this.shortBelow = Math.min(MIN_PREFIX, this.fuzzyFrom);
    const firsts = [...set.phrasesByFirst.keys(), ...(set.formBoundByFirst?.keys() ?? [])];
    // A first word with a character past ASCII can never be an ASCII word of a text.
    let hasOtherFirst = false;
    let digitFirst = false;
    for (const first of firsts) {
      const a = first.charCodeAt(0);
      if (isDigit(a)) digitFirst = true;
      const b = first.length > 1 ? first.charCodeAt(1) : 0;
      if (a >= 128 || b >= 128) {
        hasOtherFirst = true;
        continue;
      }
      const slot = firstSlot(a, b, first.length);
      this.firstBits[slot >>> 5] = (this.firstBits[slot >>> 5] ?? 0) | (1 << (slot & 31));
      const last = lastSlot(first);
      this.lastBits[last >>> 5] = (this.lastBits[last >>> 5] ?? 0) | (1 << (last & 31));
    }
    this.digitFirst = digitFirst;
    this.hasOtherFirst = hasOtherFirst;
  }

  /**
   * For the token reader (match.ts): false only when no phrase (plain or form-bound) can start
   * with a token of this norm. Most page tokens ("50", "mg", "tablets") start none, and this small
   * table answers without hashing the token into the phrase maps.
   */
  mayStartName(norm: string): boolean {
    const a = norm.charCodeAt(0);
    const b = norm.length > 1 ? norm.charCodeAt(1) : 0;
    if (a >= 128 || b >= 128) return this.hasOtherFirst;
    const slot = firstSlot(a, b, norm.length);
    if (((this.firstBits[slot >>> 5] ?? 0) & (1 << (slot & 31))) === 0) return false;
    const last = lastSlot(norm);
    return ((this.lastBits[last >>> 5] ?? 0) & (1 << (last & 31))) !== 0;
  }

  /** False only when no first word is the word text[start, end) of ASCII letters, case aside. */
  mayBeFirst(text: string, start: number, end: number): boolean {
    const a = text.charCodeAt(start) | LOWER_BIT;
    const b = end - start > 1 ? text.charCodeAt(start + 1) | LOWER_BIT : 0;
    const slot = firstSlot(a, b, end - start);
    return ((this.firstBits[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0;
  }

  /**
   * Whether the word text[start, end) can start a match: ASCII letters (case aside) or digits,
   * packed as `k0`–`k3` by the loop that read it, `tag` its length (plus DIGITS_TAG for digits).
   */
  canStart(
    text: string,
    start: number,
    end: number,
    k0: number,
    k1: number,
    k2: number,
    k3: number,
    tag: number,
  ): boolean {
    return this.starts[this.slotFor(text, start, end, k0, k1, k2, k3, tag)] === 1;
  }

  /** The word's slot in the table (see canStart), classified and added if it is new. */
  private slotFor(
    text: string,
    start: number,
    end: number,
    k0: number,
    k1: number,
    k2: number,
    k3: number,
    tag: number,
  ): number {
    const keys = this.keys;
    let slot = slotOf(k0, k1, k2, k3, tag);
    for (;;) {
      const seen = this.tags[slot] ?? 0;
      if (seen === 0) break;
      const at = slot << 2;
      if (
        seen === tag &&
        keys[at] === k0 &&
        keys[at + 1] === k1 &&
        keys[at + 2] === k2 &&
        keys[at + 3] === k3
      ) {
        return slot;
      }
      slot = (slot + 1) & TABLE_MASK;
    }
    return this.addWord(text, start, end, k0, k1, k2, k3, tag, slot);
  }

  /**
   * Classifies a word not in the table and adds it at `slot` (its empty slot), or after starting
   * the table again. Apart from slotFor: the pre-scan's loop and the token reader take slotFor's
   * probe into their own code, and this rarer step (a slice, the phrase maps, the truncation and
   * fuzzy questions) made that code larger and slower to optimise for nothing (issue 22).
   */
  private addWord(
    text: string,
    start: number,
    end: number,
    k0: number,
    k1: number,
    k2: number,
    k3: number,
    tag: number,
    empty: number,
  ): number {
    const keys = this.keys;
    let slot = empty;
    const norm = text.slice(start, end).toLowerCase();
    const phrases = this.set.phrasesByFirst.get(norm);
    const bound = this.set.formBoundByFirst?.get(norm);
    const starts = phrases !== undefined || bound !== undefined || this.mayStartOtherwise(norm);
    if (this.count >= MAX_WORDS) {
      this.clear();
      slot = slotOf(k0, k1, k2, k3, tag);
    }
    const at = slot << 2;
    keys[at] = k0;
    keys[at + 1] = k1;
    keys[at + 2] = k2;
    keys[at + 3] = k3;
    this.tags[slot] = tag;
    this.starts[slot] = starts ? 1 : 0;
    this.phrases[slot] = phrases;
    this.bound[slot] = bound;
    this.count += 1;
    return slot;
  }

  /**
   * For the token reader (match.ts): false only when nothing can start at the word text[start,
   * end), the same answer the pre-scan's loop gives: after a text's first name, most of its words
   * ("tablets", "morning", "specialist") are each answered from this table instead of a
   * phrase-map, salt, prefix and fuzzy-memo look-up apiece. The word is plain ASCII letters with
   * no capital inside, packed by the tokenizer as this loop packs it (normalize.ts), `n` long.
   */
  wordSlot(
    text: string,
    start: number,
    end: number,
    k0: number,
    k1: number,
    k2: number,
    k3: number,
    n: number,
  ): number {
    if (n < this.shortBelow && !this.mayBeFirst(text, start, end)) return -1;
    const slot = this.slotFor(text, start, end, k0, k1, k2, k3, n);
    return this.starts[slot] === 1 ? slot : -1;
  }

  /** The phrases starting with the word in `slot` (from wordSlot), as `phrasesByFirst` has them. */
  phrasesAt(slot: number): readonly Phrase[] | undefined {
    return this.phrases[slot];
  }

  /** The form-bound phrases starting with the word in `slot`, as `formBoundByFirst` has them. */
  boundAt(slot: number): readonly FormBoundPhrase[] | undefined {
    return this.bound[slot];
  }

  /**
   * What match.ts would try at a token with this norm, each stage's first question, past the
   * phrase maps (slotFor asks those, and keeps what they hold for the reader).
   */
  private mayStartOtherwise(norm: string): boolean {
    const set = this.set;
    if (mayReadTruncated(set, norm)) return true;
    const fuzzy = set.fuzzy;
    return (
      fuzzy !== null &&
      norm.length >= this.fuzzyFrom &&
      !set.nameTokens.has(norm) &&
      fuzzy.lookup(norm) !== null
    );
  }

  private clear(): void {
    this.tags.fill(0);
    this.count = 0;
  }
}

function firstSlot(a: number, b: number, length: number): number {
  return (((a << 7) | b) << 5) | Math.min(length, 31);
}

/**
 * The last-letters table's slot of a word whose first two letters are ASCII: its last and third
 * characters folded to seven bits (a character past ASCII shares a slot: the table only says no).
 */
function lastSlot(word: string): number {
  const n = word.length;
  const z = word.charCodeAt(n - 1) & 127;
  const c = n > 2 ? word.charCodeAt(2) & 127 : 0;
  return (((z << 7) | c) << 5) | Math.min(n, 31);
}

function slotOf(k0: number, k1: number, k2: number, k3: number, tag: number): number {
  let h = Math.imul(k0 ^ tag, 0x9e3779b1);
  h = Math.imul(h ^ k1, 0x85ebca6b);
  h = Math.imul(h ^ k2, 0xc2b2ae35);
  h ^= k3;
  return (h ^ (h >>> 15) ^ (h >>> TABLE_BITS)) & TABLE_MASK;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const vocabularies = new WeakMap<CompiledRuleSet, Vocabulary>();

/**
 * The set's word table, built on its first text. One object per set serves the pre-scan and the
 * token reader: two per-set tables (this and a first-token filter in match.ts) made V8 drop the
 * reader's optimised code when the second set's filter was built (issue 22).
 */
export function vocabularyOf(set: CompiledRuleSet): Vocabulary {
  let vocabulary = vocabularies.get(set);
  if (!vocabulary) {
    vocabulary = new Vocabulary(set);
    vocabularies.set(set, vocabulary);
  }
  return vocabulary;
}

/**
 * Whether a number ending at `at` may start a strength pair ("8mg/500mg", combination-strength.ts):
 * "mg" as a whole word, a gap with a `/`, then a number and "mg" again. Wider than the reader's own
 * test (which also wants the gap to be only spaces around the `/`), never narrower.
 */
function mayStartStrengthPair(text: string, at: number): boolean {
  let k = unitEnd(text, at);
  if (k < 0) return false;
  let slash = false;
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return true;
    if (c === SLASH) slash = true;
    else if (isDigit(c) || isLetter(c)) break;
  }
  if (!slash || !isDigit(codeAt(text, k))) return false;
  while (isDigit(codeAt(text, k))) k++;
  return unitEnd(text, k) >= 0;
}

/** Where "mg" written at `at` as a whole word ends, or -1. */
function unitEnd(text: string, at: number): number {
  const isMg =
    (codeAt(text, at) | LOWER_BIT) === 109 &&
    (codeAt(text, at + 1) | LOWER_BIT) === 103 &&
    !isLetter(codeAt(text, at + 2));
  return isMg ? at + 2 : -1;
}

function isLetter(c: number): boolean {
  const lower = c | LOWER_BIT;
  return c < 128 && lower >= 97 && lower <= 122;
}

/**
 * Where in `text` the first token that may start a match begins, or -1 when matchText would find
 * nothing at all. Tokens before it start nothing (match.ts skips their checks); see the comment
 * at the top for what counts as "may".
 */
export function firstStartAt(set: CompiledRuleSet, text: string): number {
  return firstStartIn(vocabularyOf(set), text);
}

/**
 * The pre-scan's loop, apart from the look-up of the set's table: that look-up builds the table
 * for a new set, a step V8's optimised code has never seen, so it throws that code away there;
 * kept apart, only the small caller is thrown away, not this loop (issue 22).
 */
export function firstStartIn(vocabulary: Vocabulary, text: string): number {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    // Rare on UK screens; the token it is in may have begun before it.
    if (code >= 128) return 0;
    const lower = code | LOWER_BIT;
    if (lower >= 97 && lower <= 122) {
      const start = i;
      // a–z as 1–26, five bits each, six letters a key: equal keys and lengths are equal words.
      let k0 = lower - 96;
      let k1 = 0;
      let k2 = 0;
      let k3 = 0;
      let afterLower = code >= 97;
      for (i++; i < length; i++) {
        const c = text.charCodeAt(i);
        const l = c | LOWER_BIT;
        if (l < 97 || l > 122) break;
        // A capital after a lower-case letter: words run together ("NicAssistTransdermalPatch").
        if (c < 97 && afterLower) return start;
        afterLower = c >= 97;
        const n = i - start;
        if (n < PER_KEY) k0 = (k0 << 5) | (l - 96);
        else if (n < 2 * PER_KEY) k1 = (k1 << 5) | (l - 96);
        else if (n < 3 * PER_KEY) k2 = (k2 << 5) | (l - 96);
        else k3 = (k3 << 5) | (l - 96);
      }
      const n = i - start;
      // Most words are short and start no name: the first-letters table answers without a look-up.
      const mayStart = n >= vocabulary.shortBelow || vocabulary.mayBeFirst(text, start, i);
      if (mayStart && (n > MAX_PACKED || vocabulary.canStart(text, start, i, k0, k1, k2, k3, n))) {
        return start;
      }
    } else if (isDigit(code)) {
      const start = i;
      let k0 = code - 47;
      let k1 = 0;
      let k2 = 0;
      let k3 = 0;
      for (i++; i < length; i++) {
        const c = text.charCodeAt(i);
        if (!isDigit(c)) break;
        const n = i - start;
        if (n < PER_KEY) k0 = (k0 << 5) | (c - 47);
        else if (n < 2 * PER_KEY) k1 = (k1 << 5) | (c - 47);
        else if (n < 3 * PER_KEY) k2 = (k2 << 5) | (c - 47);
        else k3 = (k3 << 5) | (c - 47);
      }
      if (mayStartStrengthPair(text, i)) return start;
      const n = i - start;
      const mayMatter = vocabulary.digitFirst || n >= vocabulary.fuzzyFrom;
      if (
        mayMatter &&
        (n > MAX_PACKED || vocabulary.canStart(text, start, i, k0, k1, k2, k3, n | DIGITS_TAG))
      ) {
        return start;
      }
    } else i++;
  }
  return -1;
}
