import { describe, expect, test } from 'vitest';
import type { RagReport } from './convert';
import { formatRagReport } from './report';

const base: RagReport = {
  encoding: 'windows-1252',
  delimiter: ';',
  dataRows: 4,
  blankRows: 1,
  services: [],
  overridden: [
    {
      ruleId: 'methotrexate-injection',
      drug: 'Methotrexate (subcutaneous injection)',
      rows: [2, 5],
      status: 'Red',
      categories: ['no-commissioned-service'],
      forms: ['injection', 'pen'],
      addedNames: ['Zlatal PEN'],
    },
  ],
  created: [
    {
      ruleId: 'cenobamate',
      drug: 'Cenobamate',
      rows: [3],
      status: 'Red',
      categories: ['no-commissioned-service'],
      addedNames: ['Cenobamate', 'Ontozry'],
    },
  ],
  switchedOff: [],
  skipped: [
    {
      row: 4,
      drug: 'Sertraline',
      status: 'Green',
      reason: 'Green: GP prescribes',
      bundledRuleId: 'sertraline',
      bundledCategories: ['dependence-forming'],
    },
  ],
  problems: [
    {
      kind: 'duplicate',
      rows: [2, 5],
      message: 'rows 2, 5 both list …; merged into one rule.',
      outcome: 'merged',
    },
  ],
  warnings: ['The file is not UTF-8 …'],
  errors: [],
};

describe('formatRagReport', () => {
  test('reads top to bottom as the admin works: read, replaced, new, not flagged, to resolve', () => {
    expect(formatRagReport(base)).toEqual([
      'Read 4 rows (Windows-1252, semicolon-separated); 1 blank row ignored.',
      'warning: The file is not UTF-8 …',
      'Replaces 1 bundled rule:',
      '  rows 2, 5: methotrexate-injection (Methotrexate (subcutaneous injection)) ← "Red" → no-commissioned-service [forms: injection, pen]; adds "Zlatal PEN"',
      'New rules for 1 medicine the bundled pack does not list:',
      '  row 3: cenobamate (Cenobamate) ← "Red" → no-commissioned-service',
      'Not flagged (1 row):',
      '  row 4: "Sertraline" is "Green": Green: GP prescribes; the bundled rule sertraline still flags it (dependence-forming)',
      'To resolve (1):',
      '  rows 2, 5 [duplicate, merged]: rows 2, 5 both list …; merged into one rule.',
    ]);
  });

  test('a file that could not be read shows only its errors', () => {
    const failed: RagReport = {
      ...base,
      encoding: null,
      delimiter: null,
      overridden: [],
      created: [],
      skipped: [],
      problems: [],
      warnings: [],
      errors: ['The file is empty: it has no header row and no rows'],
    };
    expect(formatRagReport(failed)).toEqual([
      'error: The file is empty: it has no header row and no rows',
    ]);
  });
});
