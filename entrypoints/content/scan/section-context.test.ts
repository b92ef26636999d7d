import { describe, expect, test } from 'vitest';
import { isNotMedicationEntry, readLabel, SectionContext } from './section-context';

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

function readingOf(html: string, now = Date.UTC(2026, 11, 7)): string {
  document.body.innerHTML = html;
  const el = document.querySelector('#drug');
  if (!el) throw new Error('fixture');
  return new SectionContext(() => now).read(el);
}

describe('readLabel: common UK headings, anchored', () => {
  test.each([
    ['Drug history', 'current'],
    ['Drug History (on admission)', 'current'],
    ['Medication history', 'current'],
    ['Current medication', 'current'],
    ['Repeat medication', 'current'],
    ['Acute Medication (last 12 months) 7 items', 'current'],
    ['Medications on admission', 'current'],
    ['Past medication', 'past'],
    ['Past medical history', 'past'],
    ['Previous medication', 'past'],
    ['Discontinued Repeat Medication 5 items', 'past'],
    ['Historical', 'past'],
    ['Stopped medicines', 'past'],
    ['Repeat medication – ended', 'past'],
    ['Medicines stopped at this review', 'past'],
    ['Medications no longer taken', 'past'],
    ['Consultation notes', 'mention'],
    ['Journal', 'mention'],
    ['Test results', 'mention'],
    ['Investigations', 'mention'],
    ['Allergies', 'mention'],
    ['Current Allergies and Adverse Reactions', 'mention'],
    ['Historical Allergies and Adverse Reactions', 'mention'],
    ['Drug allergies and intolerances', 'mention'],
    ['Active Problems and Issues', 'mention'],
    ['Major Inactive Problems and Issues', 'mention'],
    ['Current medication (check allergies)', 'current'],
    ['Family history', 'mention'],
    ['Medication issues', null],
    ['Recent Medication Issues', null],
    ['Medication allergies', 'mention'],
    ['Active medications', 'current'],
    ['Social history', 'mention'],
    ['Patient details', null],
  ])('%s → %s', (text, expected) => {
    expect(readLabel(text)).toBe(expected);
  });
});

describe('SectionContext: one context for a whole scan', () => {
  /** A "Past medication" section holding a shallow cell and one nested `levels` divs deeper. */
  function section(levels: number): string {
    const deep = `${'<div>'.repeat(levels)}<p id="deep">Codeine</p>${'</div>'.repeat(levels)}`;
    return (
      '<section><h2>Past medication</h2><div id="shallow">Codeine</div><div>-</div>' +
      `<div>-</div><div>${deep}</div></section>`
    );
  }

  test('every row of a past table reads past, whichever row is read first', () => {
    const rows = Array.from({ length: 6 }, (_, i) => `<tr><td id="r${i}">Codeine</td></tr>`);
    document.body.innerHTML = `<h2>Current repeats</h2><table><caption>Past medication</caption>${rows.join('')}</table>`;
    const sections = new SectionContext();
    for (const id of ['r3', 'r0', 'r5', 'r1']) {
      const cell = document.getElementById(id);
      if (!cell) throw new Error('fixture');
      expect(sections.isPast(cell)).toBe(true);
      expect(sections.isStated(cell)).toBe(true);
    }
  });

  // The heading is looked for at most 16 levels up: a name nested deeper is current by default,
  // even when a shallower name in the same section was read first (and the other way round).
  test.each([
    [13, true],
    [14, false],
  ])('a name %i divs below the section reads past: %s, in either order', (levels, past) => {
    for (const order of [
      ['shallow', 'deep'],
      ['deep', 'shallow'],
    ]) {
      document.body.innerHTML = section(levels);
      const sections = new SectionContext();
      for (const id of order) {
        const el = document.getElementById(id);
        if (!el) throw new Error('fixture');
        expect(sections.isPast(el)).toBe(id === 'shallow' ? true : past);
      }
    }
  });
});

describe('SectionContext.read', () => {
  test.each([
    [
      '"Drug history" is current (the clerking heading), not past',
      '<h2>Drug history</h2><ul><li id="drug">Oxycodone</li></ul>',
      'current',
    ],
    [
      'a "Stopped: no" cell is not a past marker',
      '<table><tr><td id="drug">Diazepam</td><td>Stopped: no</td></tr></table>',
      'current',
    ],
    [
      'a "Stopped: 02-Jun-2026" cell is',
      '<table><tr><td id="drug">Diazepam</td><td>Stopped: 02-Jun-2026</td></tr></table>',
      'past',
    ],
    [
      'a status cell that says only "Stopped" (a discharge letter\'s changes)',
      '<table><tr><td id="drug">Diazepam 2mg tablets</td><td>Stopped</td><td>drowsiness</td></tr></table>',
      'past',
    ],
    [
      'a status cell "Discontinued" in a worklist',
      '<table><tr><td id="drug">Diazepam</td><td>Discontinued </td></tr></table>',
      'past',
    ],
    [
      'a status cell "Active" stays current',
      '<table><tr><td id="drug">Diazepam</td><td>Active</td></tr></table>',
      'current',
    ],
    [
      'a past word inside an instruction is not a status',
      '<table><tr><td id="drug">Diazepam</td><td>Stop if drowsy; review when stopped</td></tr></table>',
      'current',
    ],
    [
      "a withheld medicine is still the patient's",
      '<table><tr><td id="drug">Diazepam</td><td>Withheld</td></tr></table>',
      'current',
    ],
    [
      "a status badge after the name in a card (Medplum's medication summary)",
      '<div class="item"><p id="drug">Codeine 30mg tablets</p><div class="group"><div class="badge"><span>stopped</span></div></div></div>',
      'past',
    ],
    [
      'a status badge inside the list item',
      '<ul><li id="drug">Diazepam 2mg tablets <span class="badge">Discontinued</span></li></ul>',
      'past',
    ],
    [
      'an "on-hold" or "active" badge stays current',
      '<div class="item"><p id="drug">Warfarin 1mg tablets</p><div class="group"><span>on-hold</span></div></div>',
      'current',
    ],
    [
      'a marker word inside other text is not a marker',
      '<table><tr><td id="drug">Diazepam</td><td>Review if stopped: see plan</td></tr></table>',
      'current',
    ],
    [
      'an acute course whose scheduled end date has passed',
      '<table id="med-tab-acu-med"><thead><tr><th>Start Date</th><th>Medication Item</th><th>Scheduled End Date</th></tr></thead><tbody><tr><td>02-Jun-2026</td><td id="drug">Diazepam</td><td>04-Jun-2026</td></tr></tbody></table>',
      'past',
    ],
    [
      'an acute course still within its duration',
      '<table id="med-tab-acu-med"><thead><tr><th>Start Date</th><th>Medication Item</th><th>Scheduled End Date</th></tr></thead><tbody><tr><td>01-Dec-2026</td><td id="drug">Diazepam</td><td>10-Dec-2026</td></tr></tbody></table>',
      'current',
    ],
    [
      'a drug named in another column of a medication table (a folic-acid instruction)',
      '<table><thead><tr><th>Medication Item</th><th>Dosage Instruction</th></tr></thead><tbody><tr><td>Folic acid 5mg</td><td id="drug">not on the day of methotrexate</td></tr></tbody></table>',
      'mention',
    ],
    [
      'a lab result naming a drug',
      '<table><tr><td>Priadel</td><td id="drug">Lithium level 0.6 mmol/L on 14-Oct-2026</td></tr></table>',
      'mention',
    ],
    [
      'a search suggestion (listbox option)',
      '<input role="combobox" /><ul role="listbox"><li role="option" id="drug">Codeine 30mg tablets</li></ul>',
      'mention',
    ],
    [
      'an allergy in GP Connect\'s current allergies table, whose heading says "Current"',
      '<h2>Current Allergies and Adverse Reactions</h2><table id="all-tab-curr"><thead><tr><th>Start Date</th><th>Details</th></tr></thead><tbody><tr><td>15-Mar-2016</td><td id="drug">Allergy to codeine, vomiting</td></tr></tbody></table>',
      'mention',
    ],
    [
      "a medicine in GP Connect's active problems table",
      '<h2>Active Problems and Issues</h2><table id="prb-tab-act"><tbody><tr><td>02-Feb-2024</td><td id="drug">Lithium toxicity</td></tr></tbody></table>',
      'mention',
    ],
    [
      'an allergy list under its heading, outside GP Connect',
      '<h3>Allergies</h3><ul><li id="drug">Codeine - vomiting</li></ul>',
      'mention',
    ],
    [
      'GP Connect current repeats still current beside an allergies table',
      '<table id="all-tab-curr"><tr><td>Penicillin</td></tr></table><h2>Current Repeat Medication</h2><table id="med-tab-curr-rep"><tr><td id="drug">Codeine 30mg tablets</td></tr></table>',
      'current',
    ],
    [
      'an allergy field as a definition list',
      '<dl><dt>Allergies</dt><dd id="drug">Codeine (vomiting)</dd></dl>',
      'mention',
    ],
    [
      'an allergy row with its own header cell',
      '<table><tr><th>Drug allergies</th><td id="drug">Codeine</td></tr></table>',
      'mention',
    ],
    [
      'a medication field as a definition list stays current',
      '<dl><dt>Medication</dt><dd id="drug">Codeine 30mg tablets</dd></dl>',
      'current',
    ],
    [
      'free text under a consultation heading',
      '<h2>Consultation notes</h2><div><p id="drug">Discussion about gabapentin tapering plan.</p></div>',
      'mention',
    ],
  ])('%s', (_why, html, expected) => {
    expect(readingOf(html)).toBe(expected);
  });
});

describe('SectionContext.isStated: does the page say the medicine is current?', () => {
  test.each([
    ['no heading at all', '<ul><li id="drug">Codeine</li></ul>', false],
    ['a heading that says neither', '<h2>Summary</h2><ul><li id="drug">Codeine</li></ul>', false],
    ['a current heading', '<h2>Repeat medication</h2><ul><li id="drug">Codeine</li></ul>', true],
    [
      'a GP Connect current table',
      '<table id="med-tab-curr-rep"><tr><td id="drug">Codeine</td></tr></table>',
      true,
    ],
  ])('%s → %s', (_label, html, stated) => {
    document.body.innerHTML = html;
    const el = document.querySelector('#drug');
    if (!el) throw new Error('fixture');
    const sections = new SectionContext();
    expect(sections.read(el)).toBe('current');
    expect(sections.isStated(el)).toBe(stated);
  });
});

describe('isNotMedicationEntry: a name written as an allergy or problem entry on its line', () => {
  const at = (text: string, name: string) => isNotMedicationEntry(text, text.indexOf(name));
  test.each([
    ['OKAFOR, Daniel · NHS No. 999 000 0009 · Allergies: Penicillin, Codeine', 'Codeine', true],
    ['Known drug allergies: codeine (vomiting)', 'codeine', true],
    ['Allergic to codeine - rash', 'codeine', true],
    ['Adverse reaction to lithium 2019', 'lithium', true],
    ['Problems: lithium toxicity', 'lithium', true],
    ['Allergies: none · Medication: Codeine 30mg', 'Codeine', false],
    ['Nil known drug allergies. Codeine 30mg tablets', 'Codeine', false],
    ['Allergies: penicillin; codeine 30mg qds', 'codeine', false],
    ['Codeine 30mg tablets: one four times a day', 'Codeine', false],
    ['Drug: Codeine 30mg', 'Codeine', false],
  ])('%s (%s) → %s', (text, name, expected) => {
    expect(at(text, name)).toBe(expected);
  });
});
