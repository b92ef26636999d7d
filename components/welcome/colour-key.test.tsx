import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { COLOUR_KEY } from './colour-key';

const css = readFileSync('entrypoints/content/paint/highlights.css', 'utf8');

/** The declarations of one `::highlight(name)` rule in the content script's sheet. */
function ruleOf(name: string): string {
  // At the start of a line: the sheet's header comment quotes a rule too.
  const start = css.indexOf(`\n::highlight(${name}) {`);
  if (start < 0) throw new Error(`no rule for ${name}`);
  return css.slice(start, css.indexOf('}', start));
}

describe('colour key', () => {
  test.each(COLOUR_KEY.map((e) => [e.highlight, e] as const))(
    '%s shows the colours the page shows',
    (name, entry) => {
      const rule = ruleOf(name);
      if (entry.background) expect(rule).toContain(`background-color: ${entry.background}`);
      if (entry.underline.style === 'dotted') expect(rule).toContain('dotted');
      expect(rule).toContain(entry.underline.colour);
    },
  );

  test('every category, possible matches and past medication have a key entry', () => {
    expect(COLOUR_KEY.map((e) => e.highlight)).toEqual([
      'plens-shared-care',
      'plens-specialist-initiation',
      'plens-no-commissioned-service',
      'plens-dependence-forming',
      'plens-possible',
      'plens-past',
    ]);
  });
});
