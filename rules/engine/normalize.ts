/**
 * Text normalisation shared by compile (names) and match (page text), so both sides agree.
 * A token is a run of letters or a run of digits: "Diazepam2mg" → diazepam | 2 | mg, "7.5mg" →
 * 7 | 5 | mg, "Co-Codamol_Tab" → co | codamol | tab. Case, accents (NFKD) and format characters
 * such as soft hyphens are folded away inside a token.
 */
import type { Token } from './types';

const enum CharClass {
  Other = 0,
  Letter = 1,
  Digit = 2,
  /** Combining marks and format characters (soft hyphen, zero-width joiner): part of a token, dropped. */
  Ignorable = 3,
}

const LETTER_OR_MARK = /[\p{L}]/u;
const DIGIT = /[\p{Nd}]/u;
const IGNORABLE = /[\p{M}\p{Cf}]/u;

function classify(code: number, ch: string): CharClass {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return CharClass.Letter;
    if (code >= 48 && code <= 57) return CharClass.Digit;
    return CharClass.Other;
  }
  if (LETTER_OR_MARK.test(ch)) return CharClass.Letter;
  if (DIGIT.test(ch)) return CharClass.Digit;
  if (IGNORABLE.test(ch)) return CharClass.Ignorable;
  return CharClass.Other;
}

const COMBINING = /[\p{M}\p{Cf}]/gu;

/** Lower-case, strip accents and format characters. */
export function foldToken(raw: string): string {
  // Fast path: plain ASCII needs only lower-casing.
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) >= 128) return raw.normalize('NFKD').replace(COMBINING, '').toLowerCase();
  }
  return raw.toLowerCase();
}

/**
 * text.charCodeAt(k), or -1 past the end. Reading past the end gives NaN, and V8 throws away the
 * optimised code of a loop the first time one of its reads does that (an "out of bounds" deopt,
 * issue 22): these readers look one or two characters past a word, often at the text's end.
 */
export function codeAt(text: string, k: number): number {
  return k < text.length ? text.charCodeAt(k) : -1;
}

/** Splits text into letter-run and digit-run tokens with their offsets in `text`. */
export function tokenize(text: string): Token[] {
  return tokenizeText(text).tokens;
}

/** Tokens and whether any token's normalised form has a non-ASCII character (rare on UK screens). */
export interface TokenizedText {
  readonly tokens: Token[];
  readonly hasNonAscii: boolean;
  /** Whether the text has a `/` (a strength pair's separator) or a `_` (NHSBSA's form separator). */
  readonly hasSlash: boolean;
  readonly hasUnderscore: boolean;
}

const SLASH = 47;
const UNDERSCORE = 95;

/** Letters per packed key: six 5-bit codes (a–z as 1–26) fit a small integer. */
export const PER_KEY = 6;
/** Longer words are not packed (rare on screens): their readers take the full way. */
export const MAX_PACKED = 4 * PER_KEY;

/**
 * A text's plain words, packed as the tokenizer read them: for token k, `tags[k]` is its length
 * when it is ASCII letters with no capital after a lower-case letter and at most MAX_PACKED long
 * (else 0), and `keys[4k…4k+3]` its letters five bits each, lower-cased. The token reader asks
 * the pre-scan's word table with them (prescan.ts) instead of reading each word's letters again.
 * One is reused from text to text by its owner.
 */
export class PackedWords {
  readonly keys = new Int32Array(4 * MAX_PACKED_TOKENS);
  readonly tags = new Uint8Array(MAX_PACKED_TOKENS);
}

/**
 * Tokens past this many in one text are not packed (their tag reads 0, so they take the full
 * way): the buffers stay small however long a page's text run is.
 */
export const MAX_PACKED_TOKENS = 4096;

/**
 * Where the words of texts tokenized for other readers (compile's names, `tokenize`) are packed
 * and never read: one shape for every call, so the tokenizer's optimised code serves both.
 */
let scratchWords: PackedWords | null = null;

/**
 * OR-ing 0x20 lower-cases an ASCII letter, maps no other ASCII character to one, and leaves ASCII
 * digits as they are (the pre-scan packs digits through it too).
 */
export const LOWER_BIT = 0x20;

/**
 * `tokenize`, telling the matcher whether it need look at non-ASCII tokens at all. Every page text
 * run goes through here, so a token of ASCII letters or digits is read in a tight loop by char
 * code and costs one slice (and a lower-casing if it has a capital); a token with any other
 * character, or that a character from 128 up may continue, takes the general path (`readToken`).
 */
export function tokenizeText(
  text: string,
  words: PackedWords = (scratchWords ??= new PackedWords()),
): TokenizedText {
  const tokens: Token[] = [];
  let anyNonAscii = false;
  let hasSlash = false;
  let hasUnderscore = false;
  // The text lower-cased once, on its first capital, so a capitalised token costs one slice, not
  // a slice and a lower-casing. Only where lower-casing kept every character's offset: a few
  // characters past ASCII lower-case to two code units ("İ").
  let lower: string | null = null;
  const length = text.length;
  const keys = words.keys;
  const tags = words.tags;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const isLetter = (code | LOWER_BIT) >= 97 && (code | LOWER_BIT) <= 122;
    const isDigit = code >= 48 && code <= 57;
    if (code < 128 && !isLetter && !isDigit) {
      if (code === SLASH) hasSlash = true;
      else if (code === UNDERSCORE) hasUnderscore = true;
      i++;
      continue;
    }
    if (code < 128) {
      const start = i;
      let upper = code <= 90 && isLetter;
      let c = 0;
      // Packed as in prescan.ts: a–z as 1–26, five bits each, six letters a key.
      let k0 = (code | LOWER_BIT) - 96;
      let k1 = 0;
      let k2 = 0;
      let k3 = 0;
      let runTogether = false;
      i++;
      if (isLetter) {
        let afterLower = code >= 97;
        for (; i < length; i++) {
          c = text.charCodeAt(i);
          const l = c | LOWER_BIT;
          if (l < 97 || l > 122) break;
          if (c <= 90) {
            upper = true;
            if (afterLower) runTogether = true;
          }
          afterLower = c >= 97;
          const n = i - start;
          if (n < PER_KEY) k0 = (k0 << 5) | (l - 96);
          else if (n < 2 * PER_KEY) k1 = (k1 << 5) | (l - 96);
          else if (n < 3 * PER_KEY) k2 = (k2 << 5) | (l - 96);
          else k3 = (k3 << 5) | (l - 96);
        }
      } else {
        for (; i < length; i++) {
          c = text.charCodeAt(i);
          if (c < 48 || c > 57) break;
        }
      }
      // A character from 128 up may be a letter, digit or mark that continues the token.
      if (i === length || c < 128) {
        let norm: string;
        if (!upper) norm = text.slice(start, i);
        else {
          lower ??= text.toLowerCase();
          norm =
            lower.length === length ? lower.slice(start, i) : text.slice(start, i).toLowerCase();
        }
        const k = tokens.length;
        if (k < MAX_PACKED_TOKENS) {
          const n = i - start;
          tags[k] = isLetter && !runTogether && n <= MAX_PACKED ? n : 0;
          keys[4 * k] = k0;
          keys[4 * k + 1] = k1;
          keys[4 * k + 2] = k2;
          keys[4 * k + 3] = k3;
        }
        tokens.push({ start, end: i, norm });
        continue;
      }
      if (tokens.length < MAX_PACKED_TOKENS) tags[tokens.length] = 0;
      i = readToken(text, start, isLetter ? CharClass.Letter : CharClass.Digit, tokens);
    } else {
      const width = widthAt(text, i, code);
      const cls = classify(code, width === 2 ? text.slice(i, i + 2) : (text[i] ?? ''));
      if (cls !== CharClass.Letter && cls !== CharClass.Digit) {
        i += width;
        continue;
      }
      if (tokens.length < MAX_PACKED_TOKENS) tags[tokens.length] = 0;
      i = readToken(text, i, cls, tokens);
    }
    const last = tokens[tokens.length - 1];
    if (last && !anyNonAscii && !isAsciiString(last.norm)) anyNonAscii = true;
  }
  return { tokens, hasNonAscii: anyNonAscii, hasSlash, hasUnderscore };
}

/** 2 where a surrogate pair starts at i (one astral character), else 1. */
function widthAt(text: string, i: number, code: number): number {
  return code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
}

/**
 * The general path: reads the token of class `cls` that starts at `start`, by code point, not code
 * unit: an astral format character (a tag character, U+E0001) or an astral letter (mathematical
 * bold 𝐙, U+1D419) is one character, not two lone surrogates that each end the token (issue #16).
 * Combining marks and format characters inside it are dropped (NFKD in foldToken folds 𝐙 to z).
 * Pushes the token (unless folding left nothing) and returns where it ends.
 */
function readToken(text: string, start: number, cls: CharClass, tokens: Token[]): number {
  const length = text.length;
  let hasNonAscii = false;
  let hasUpper = false;
  let i = start;
  while (i < length) {
    const code = text.charCodeAt(i);
    let c: CharClass;
    let width = 1;
    if (code < 128) {
      if (code >= 97 && code <= 122) c = CharClass.Letter;
      else if (code >= 65 && code <= 90) c = CharClass.Letter;
      else if (code >= 48 && code <= 57) c = CharClass.Digit;
      else c = CharClass.Other;
    } else {
      width = widthAt(text, i, code);
      c = classify(code, width === 2 ? text.slice(i, i + 2) : (text[i] ?? ''));
      if (c === CharClass.Ignorable && i > start) {
        hasNonAscii = true;
        i += width;
        continue;
      }
    }
    if (c !== cls) break;
    if (code >= 65 && code <= 90) hasUpper = true;
    if (code >= 128) hasNonAscii = true;
    i += width;
  }
  const raw = text.slice(start, i);
  const norm = hasNonAscii ? foldToken(raw) : hasUpper ? raw.toLowerCase() : raw;
  if (norm.length > 0) tokens.push({ start, end: i, norm });
  return i;
}

function isAsciiString(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) >= 128) return false;
  return true;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Latin look-alikes among Cyrillic and Greek letters (from Unicode's confusables.txt, the ones
 * that look like a Latin letter in common fonts), both cases. A name spelt with them looks
 * right to a clinician but is another string; its skeleton is only ever a *possible* match.
 */
let confusableLatin: ReadonlyMap<string, string> | null = null;

/** The look-alikes' table, built when a skeleton is first asked for. */
function confusableLatinMap(): ReadonlyMap<string, string> {
  return (confusableLatin ??= new Map(
    // Cyrillic lower, then upper
    (
      'а a|в b|е e|ё e|һ h|і i|ї i|ј j|к k|м m|н h|о o|р p|с c|ѕ s|т t|у y|х x|ԁ d|ԛ q|ԝ w|ӏ l|' +
      'А a|В b|Е e|Ё e|Һ h|І i|Ї i|Ј j|К k|М m|Н h|О o|Р p|С c|Ѕ s|Т t|У y|Х x|Ԁ d|Ԛ q|Ԝ w|Ӏ l|' +
      // Greek lower, then upper
      'α a|β b|ε e|ι i|κ k|ν v|ο o|ρ p|τ t|υ u|χ x|γ y|' +
      'Α a|Β b|Ε e|Ζ z|Η h|Ι i|Κ k|Μ m|Ν n|Ο o|Ρ p|Τ t|Υ y|Χ x'
    )
      .split('|')
      .map((pair) => [pair.charAt(0), pair.charAt(2)] as const),
  ));
}

/**
 * The token's Latin skeleton if it contains a look-alike letter, else null. `raw` is the token's
 * text as on the page (before case folding, so upper- and lower-case forms map as they look).
 */
export function confusableSkeleton(raw: string): string | null {
  const table = confusableLatinMap();
  let out = '';
  let changed = false;
  for (const ch of raw) {
    const latin = table.get(ch);
    if (latin !== undefined) changed = true;
    out += latin ?? ch;
  }
  return changed ? foldToken(out) : null;
}

/** A listed name (or form word) as normalised tokens, e.g. "Co-codamol 30/500" → [co, codamol, 30, 500]. */
export function normalizeName(name: string): string[] {
  return tokenize(name).map((t) => t.norm);
}
