import { describe, expect, test } from 'vitest';
import { SectionContext } from './section-context';

function pastOf(html: string, selector = '#drug'): boolean {
  document.body.innerHTML = html;
  const el = document.querySelector(selector);
  if (!el) throw new Error('fixture');
  return new SectionContext().isPast(el);
}

describe('SectionContext.isPast', () => {
  test.each([
    [
      'GP Connect discontinued repeats table',
      '<table id="med-tab-dis-rep"><tr><td id="drug">Codeine</td></tr></table>',
      true,
    ],
    [
      'GP Connect current repeats table, even under a "history" heading',
      '<h2>Medication history</h2><table id="med-tab-curr-rep"><tr><td id="drug">Codeine</td></tr></table>',
      false,
    ],
    [
      'GP Connect all-issues table',
      '<table id="med-tab-all-iss"><tr><td id="drug">Codeine</td></tr></table>',
      true,
    ],
    [
      'a DISCONTINUED: marker in the row',
      '<table><tr><td id="drug">Codeine</td><td>DISCONTINUED: side effects</td></tr></table>',
      true,
    ],
    [
      'a caption saying Past medications',
      '<table><caption>Past medications</caption><tr><td id="drug">Codeine</td></tr></table>',
      true,
    ],
    [
      'the heading before a list',
      '<h3>Stopped medicines</h3><ul><li id="drug">Codeine</li></ul>',
      true,
    ],
    [
      'a section whose first child is a Historical heading',
      '<section><h2>Historical</h2><div><p id="drug">Codeine</p></div></section>',
      true,
    ],
    [
      'an aria-label',
      '<div aria-label="Inactive medications"><p id="drug">Codeine</p></div>',
      true,
    ],
    [
      'the nearest heading wins over an outer one',
      '<section><h2>Past</h2><h3>Current repeats</h3><ul><li id="drug">Codeine</li></ul></section>',
      false,
    ],
    [
      'a heading wrapped in a header div before the table',
      '<div class="view-header"><h1>Past medication</h1><span>3 items</span></div><table><tr><td id="drug">Codeine</td></tr></table>',
      true,
    ],
    ['no evidence means current', '<div><p id="drug">Codeine</p></div>', false],
    [
      'a current heading',
      '<h2>Current Repeat Medication</h2><table><tr><td id="drug">Codeine</td></tr></table>',
      false,
    ],
  ])('%s', (_why, html, expected) => {
    expect(pastOf(html)).toBe(expected);
  });
});
