/**
 * One definition of invisible characters serves the pack schema, the traffic-light import and the
 * page text quoted on cards; these are the characters each of the three lists used to hold.
 */
import { describe, expect, test } from 'vitest';
import { hasInvisible, INVISIBLE_SOURCES, withoutInvisible } from './invisible';

const HIDDEN: readonly [string, string][] = [
  ['NUL', '\u0000'],
  ['tab', '\t'],
  ['line feed', '\n'],
  ['carriage return', '\r'],
  ['DEL', '\u007f'],
  ['C1 control', '\u0085'],
  ['soft hyphen', '\u00ad'],
  ['Arabic letter mark', '\u061c'],
  ['zero-width space', '\u200b'],
  ['zero-width joiner', '\u200d'],
  ['right-to-left mark', '\u200f'],
  ['line separator', '\u2028'],
  ['paragraph separator', '\u2029'],
  ['right-to-left override', '\u202e'],
  ['word joiner', '\u2060'],
  ['unassigned U+2065', '\u2065'],
  ['first strong isolate', '\u2068'],
  ['byte-order mark', '\ufeff'],
  ['interlinear annotation', '\ufff9'],
  ['Hangul filler', '\u3164'],
  ['halfwidth Hangul filler', '\uffa0'],
  ['Hangul choseong filler', '\u115f'],
  ['Mongolian vowel separator', '\u180e'],
  ['combining grapheme joiner', '\u034f'],
  ['Khmer inherent vowel', '\u17b4'],
  ['Mongolian variation selector', '\u180b'],
  ['tag character', '\u{e0041}'],
];

describe('invisible characters', () => {
  test('the finder and the remover are the same pattern', () => {
    expect(new Set(INVISIBLE_SOURCES).size).toBe(1);
  });

  test.each(HIDDEN)('%s is invisible, found and removed from inside a name', (_, ch) => {
    expect(hasInvisible(`Zopi${ch}clone`)).toBe(true);
    expect(withoutInvisible(`Zopi${ch}clone${ch}`)).toBe('Zopiclone');
  });

  test.each([
    ['a space', 'Zopiclone 7.5 mg'],
    ['accents', 'Crème'],
    ['Welsh', 'Tabledi ŵ'],
    ['a no-break space', 'Zopiclone\u00a07.5 mg'],
    ['an emoji', 'Pill 💊'],
    ['®', 'Zimovane®'],
  ])('%s is visible text, kept', (_, text) => {
    expect(hasInvisible(text)).toBe(false);
    expect(withoutInvisible(text)).toBe(text);
  });

  test('stays linear on a long run of hidden characters', () => {
    const text = `${'\u200b\u034f'.repeat(200_000)}x`;
    const start = performance.now();
    expect(withoutInvisible(text)).toBe('x');
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
