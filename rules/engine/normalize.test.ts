import { describe, expect, test } from 'vitest';
import { foldToken, normalizeName, tokenize } from './normalize';

describe('tokenize', () => {
  test.each([
    ['letters and digits split', 'Diazepam2mg', ['diazepam', '2', 'mg']],
    ['decimal strength', 'Zopiclone 7.5mg tablets', ['zopiclone', '7', '5', 'mg', 'tablets']],
    [
      'hyphen and underscore',
      'Co-Codamol_Tab 30mg/500mg',
      ['co', 'codamol', 'tab', '30', 'mg', '500', 'mg'],
    ],
    ['upper case', 'DIAZEPAM 2MG TABS', ['diazepam', '2', 'mg', 'tabs']],
    ['accents folded', 'Zópiclone', ['zopiclone']],
    ['full-width letters folded', 'ＺＯＰＩＣＬＯＮＥ', ['zopiclone']],
    ['soft hyphen inside a word dropped', 'zopi\u00adclone', ['zopiclone']],
    ['combining accent inside a word dropped', 'sertrali\u0301ne', ['sertraline']],
    ['zero-width joiner inside a word dropped', 'lyr\u200dica', ['lyrica']],
    ['leading soft hyphen is not a token', '\u00adlyrica', ['lyrica']],
    ['NBSP separates words', 'MST\u00a0Continus', ['mst', 'continus']],
    ['brackets and quotes', '("Lyrica")', ['lyrica']],
    ['non-Latin letters kept', 'лирика Lyrica', ['лирика', 'lyrica']],
    // "İ" lower-cases to two characters: the words after it keep their own offsets and case.
    [
      'capitals before and after İ',
      'Zopiclone İ Lyrica Tabs',
      ['zopiclone', 'i', 'lyrica', 'tabs'],
    ],
    ['capitals after an NBSP', 'x\u00a0Zopiclone Tabs', ['x', 'zopiclone', 'tabs']],
    ['empty', '', []],
    ['only punctuation', ' -/.,; ', []],
  ])('%s', (_why, text, expected) => {
    expect(tokenize(text).map((t) => t.norm)).toEqual(expected);
  });

  test.each([
    ['plain', 'take zopiclone nightly', 'zopiclone'],
    ['after an emoji (surrogate pair)', '💊 Zopiclone', 'Zopiclone'],
    ['with a soft hyphen', 'x zopi\u00adclone y', 'zopi\u00adclone'],
    ['full-width', '＊ＺＯＰＩＣＬＯＮＥ＊', 'ＺＯＰＩＣＬＯＮＥ'],
    ['combining accent at the end', 'caf\u0065\u0301 zopiclone\u0301', 'zopiclone\u0301'],
  ])('offsets cover the word as written: %s', (_why, text, shown) => {
    const token = tokenize(text).find((t) => t.norm === 'zopiclone');
    expect(token).toBeDefined();
    if (token) expect(text.slice(token.start, token.end)).toBe(shown);
  });
});

describe('foldToken', () => {
  test.each([
    ['Zopiclone', 'zopiclone'],
    ['ÉTÉ', 'ete'],
    ['ＬＹＲＩＣＡ', 'lyrica'],
    ['co\u00addamol', 'codamol'],
  ])('%s → %s', (raw, folded) => {
    expect(foldToken(raw)).toBe(folded);
  });
});

describe('normalizeName', () => {
  test.each([
    ['Co-codamol 30/500', ['co', 'codamol', '30', '500']],
    ['MST Continus', ['mst', 'continus']],
    ['Li-Liquid', ['li', 'liquid']],
    ['sertraline hydrochloride', ['sertraline', 'hydrochloride']],
    ['  ', []],
  ])('%s', (name, tokens) => {
    expect(normalizeName(name)).toEqual(tokens);
  });
});
