/**
 * The score fuse.js (7.5, `fuse.js/basic`) gives one text for a pattern, with the options the fuzzy
 * stage used to build a throwaway Fuse for each new word (threshold 1, ignoreLocation,
 * ignoreFieldNorm, no match indices): the Bitap search of fuse's `search/bitap/search.ts`, with
 * those options fixed. Building a Fuse per word and running its general search was most of the
 * fuzzy stage's time on a page's first pass (issue 22): fuse.js's code runs a few hundred times a
 * page, too rarely for V8 to optimise it. bitap.test.ts checks this agrees with fuse.js exactly.
 */

/** What `bitapScore` returns when fuse.js would not list the text at all. */
export const NO_MATCH = -1;

/** Longest pattern fuse.js searches in one piece; the fuzzy stage never asks for longer. */
const MAX_PATTERN = 32;

/**
 * fuse.js's score for `text` against `pattern` (0 = identical, up to 1), or NO_MATCH. Both are
 * compared lower-cased, as fuse.js does.
 */
export function bitapScore(rawPattern: string, rawText: string): number {
  const pattern = rawPattern.toLowerCase();
  const text = rawText.toLowerCase();
  const patternLen = pattern.length;
  if (patternLen === 0 || patternLen > MAX_PATTERN) throw new Error('bitapScore: 1–32 letters');
  if (pattern === text) return 0;
  const textLen = text.length;

  // Each pattern letter's positions, one bit each from the pattern's end (createPatternAlphabet).
  const letters: number[] = [];
  const masks: number[] = [];
  for (let i = 0; i < patternLen; i++) {
    const c = pattern.charCodeAt(i);
    const k = letters.indexOf(c);
    const bit = 1 << (patternLen - i - 1);
    if (k < 0) {
      letters.push(c);
      masks.push(bit);
    } else masks[k] = (masks[k] ?? 0) | bit;
  }
  const alphabet = (at: number): number => {
    if (at >= textLen) return 0;
    const k = letters.indexOf(text.charCodeAt(at));
    return k < 0 ? 0 : (masks[k] ?? 0);
  };

  // With ignoreLocation a score is errors / pattern length, wherever the match is; the expected
  // location is 0. An exact occurrence sets the threshold to 0 first.
  let threshold = 1;
  if (text.includes(pattern)) threshold = 0;
  let bestLocation = -1;
  let finalScore = 1;
  // Two rows reused from call to call, as fuse's fresh arrays would read: zeroed up to the row's
  // length, nothing read past the last row's. A typed array per row cost most of a call (issue 22).
  if (rowA.length < textLen + patternLen + 2) {
    rowA = new Int32Array(2 * (textLen + patternLen + 2));
    rowB = new Int32Array(rowA.length);
  }
  let lastBits = rowB;
  let lastLength = 0;
  let binMax = patternLen + textLen;
  const mask = 1 << (patternLen - 1);
  for (let i = 0; i < patternLen; i++) {
    // fuse's binary search for how far from the expected location to look: its test does not
    // depend on the location here, so it runs out to binMax or down to 0.
    const fits = i / patternLen <= threshold;
    let binMin = 0;
    let binMid = binMax;
    while (binMin < binMid) {
      if (fits) binMin = binMid;
      else binMax = binMid;
      binMid = Math.floor((binMax - binMin) / 2 + binMin);
    }
    binMax = binMid;
    const start = Math.max(1, 1 - binMid);
    const finish = Math.min(binMid, textLen) + patternLen;
    // Zero-filled, as fuse's holes read as 0 in its bit operations.
    const bits = lastBits === rowA ? rowB : rowA;
    bits.fill(0, 0, finish + 2);
    bits[finish + 1] = (1 << i) - 1;
    for (let j = finish; j >= start; j--) {
      const location = j - 1;
      let b = (((bits[j + 1] ?? 0) << 1) | 1) & alphabet(location);
      if (i > 0) {
        const after = j + 1 < lastLength ? (lastBits[j + 1] ?? 0) : 0;
        const here = j < lastLength ? (lastBits[j] ?? 0) : 0;
        b |= ((after | here) << 1) | 1 | after;
      }
      bits[j] = b;
      if (b & mask) {
        finalScore = i / patternLen;
        if (finalScore <= threshold) {
          threshold = finalScore;
          bestLocation = location;
          if (bestLocation <= 0) break;
        }
      }
    }
    if ((i + 1) / patternLen > threshold) break;
    lastBits = bits;
    lastLength = finish + 2;
  }
  return bestLocation >= 0 ? Math.max(0.001, finalScore) : NO_MATCH;
}

let rowA = new Int32Array(128);
let rowB = new Int32Array(128);

/**
 * Which of `texts` fuse.js's `search(pattern, { limit: 1 })` would return first, and its score:
 * the lowest score, the earliest text on a tie. Null when none is listed.
 */
export function bestBitap(
  pattern: string,
  texts: readonly string[],
): { readonly index: number; readonly score: number } | null {
  let index = -1;
  let best = Infinity;
  for (let k = 0; k < texts.length; k++) {
    const text = texts[k] ?? '';
    // fuse.js indexes only texts that are not blank.
    if (text.trim().length === 0) continue;
    const score = bitapScore(pattern, text);
    if (score !== NO_MATCH && score < best) {
      best = score;
      index = k;
    }
  }
  return index < 0 ? null : { index, score: best };
}
