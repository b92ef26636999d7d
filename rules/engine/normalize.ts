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

/** Splits text into letter-run and digit-run tokens with their offsets in `text`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  let cls = CharClass.Other;
  let hasNonAscii = false;
  const flush = (end: number) => {
    if (start >= 0) {
      const raw = text.slice(start, end);
      const norm = hasNonAscii ? foldToken(raw) : raw.toLowerCase();
      if (norm.length > 0) tokens.push({ start, end, norm });
    }
    start = -1;
    hasNonAscii = false;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let c = code < 128 ? classify(code, '') : classify(code, text[i] ?? '');
    if (c === CharClass.Ignorable) {
      if (start >= 0) {
        hasNonAscii = true;
        continue;
      }
      c = CharClass.Other;
    }
    if (c === CharClass.Other) {
      flush(i);
      continue;
    }
    if (start >= 0 && c !== cls) flush(i);
    if (start < 0) {
      start = i;
      cls = c;
    }
    if (code >= 128) hasNonAscii = true;
  }
  flush(text.length);
  return tokens;
}

/** A listed name (or form word) as normalised tokens, e.g. "Co-codamol 30/500" → [co, codamol, 30, 500]. */
export function normalizeName(name: string): string[] {
  return tokenize(name).map((t) => t.norm);
}
