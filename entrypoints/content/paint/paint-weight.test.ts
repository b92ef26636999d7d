import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HIGHLIGHT_NAMES, highlightNameOf } from './highlight-names';
import { HEAVY_RUNS, HEAVY_SCREENS, PaintWeight } from './paint-weight';

describe('a heavy page is painted without text-decoration', () => {
  test('a page taller than the limit is heavy from its first marks, before it is read', () => {
    expect(new PaintWeight(() => HEAVY_SCREENS + 1).isHeavy).toBe(true);
    expect(new PaintWeight(() => 40).isHeavy).toBe(false);
  });

  test('a short page whose scan read many text runs (an inner scroller) becomes heavy: repaint', () => {
    const weight = new PaintWeight(() => 2);
    expect(weight.isHeavy).toBe(false);
    expect(weight.noteFullScan(HEAVY_RUNS + 1)).toBe(true);
    expect(weight.isHeavy).toBe(true);
  });

  test('a page that shrank (navigation in a single-page app) is decorated again', () => {
    let screens = HEAVY_SCREENS * 2;
    const weight = new PaintWeight(() => screens);
    expect(weight.isHeavy).toBe(true);
    screens = 3;
    expect(weight.noteFullScan(500)).toBe(true);
    expect(weight.isHeavy).toBe(false);
  });

  test('no repaint when nothing was painted yet or the weight held', () => {
    const weight = new PaintWeight(() => 3);
    expect(weight.noteFullScan(HEAVY_RUNS + 1)).toBe(false);
    expect(weight.noteFullScan(HEAVY_RUNS + 2)).toBe(false);
  });

  test.each([
    [{ category: 'shared-care', kind: 'exact', isPast: false }, 'tint', 'plens-shared-care-plain'],
    [
      { category: 'shared-care', kind: 'exact', isPast: false },
      'underline',
      'plens-shared-care-underline-plain',
    ],
    [
      { category: 'dependence-forming', kind: 'fuzzy', isPast: false },
      'tint',
      'plens-possible-plain',
    ],
    [{ category: 'dependence-forming', kind: 'exact', isPast: true }, 'tint', 'plens-past-plain'],
  ] as const)('%o in style %s paints as %s on a heavy page', (mark, style, name) => {
    expect(highlightNameOf(mark, style, true)).toBe(name);
    expect(HIGHLIGHT_NAMES).toContain(name);
  });

  test('plain marks still show (a tint or a text colour) and draw no text-decoration', () => {
    const css = readFileSync('entrypoints/content/paint/highlights.css', 'utf8');
    for (const name of HIGHLIGHT_NAMES.filter((n) => n.endsWith('-plain'))) {
      const start = css.indexOf(`\n::highlight(${name}) {`);
      expect(start, name).toBeGreaterThan(0);
      const rule = css.slice(start, css.indexOf('}', start));
      expect(rule, name).not.toContain('text-decoration');
      expect(rule, name).toMatch(/(background-color|color): #[0-9a-f]{6} !important/);
    }
  });
});
