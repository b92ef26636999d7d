import { mergePacks } from '../loader/merge';
import type { RulePack } from '../schema/rule-pack';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { activateRuleSet, bundledPack } from '../bundled';
import { readCsvRows } from '../rag/list';
import {
  describeTally,
  findIdentifierColumns,
  inspectExport,
  isNhsNumber,
  noticeDrugText,
  parseCount,
  parseExportDate,
  summaryText,
  unfundedSentence,
  workloadNoticeLetter,
  WorkloadCounter,
  type WorkloadSummary,
  workloadServices,
} from './workload';

const rules = activateRuleSet([{ layer: 'bundled', pack: bundledPack() }]);

function rowsOf(file: string): readonly (readonly string[])[] {
  const read = readCsvRows(readFileSync(`tests/fixtures/workload/${file}`));
  if (!read.ok) throw new Error(read.errors.join('; '));
  return read.rows;
}

function summarise(file: string): WorkloadSummary {
  const rows = rowsOf(file);
  const inspection = inspectExport(rows);
  if (!inspection?.columns || !inspection.shape) throw new Error('not recognised');
  const counter = new WorkloadCounter(rules, inspection.columns, inspection.shape, 0);
  const error = counter.addRows(rows.slice(inspection.headerRow + 1), inspection.headerRow + 2);
  expect(error).toBeNull();
  return counter.summary();
}

const line = (s: WorkloadSummary) => s.unfunded.map((u) => unfundedSentence(u, s.measures));

describe('recognising export shapes', () => {
  test('an EMIS Web report: title lines above the header are skipped', () => {
    const inspection = inspectExport(rowsOf('emis-web-medication-report.csv'));
    expect(inspection).toMatchObject({
      headerRow: 4,
      shape: 'emis-web',
      columns: { drug: 0, patients: 1, issues: 2, date: 3 },
      identifiers: [],
    });
  });

  test('a SystmOne report', () => {
    expect(inspectExport(rowsOf('systmone-medication-report.csv'))).toMatchObject({
      headerRow: 0,
      shape: 'systmone',
      columns: { drug: 0, patients: 1, issues: 2, date: 3 },
    });
  });

  test('an unknown header asks for the columns', () => {
    const inspection = inspectExport([
      ['Thing', 'Amount'],
      ['Warfarin', '3'],
    ]);
    expect(inspection).toMatchObject({ headerRow: 0, shape: null, columns: null });
  });

  test('other headers with the words we know are read as columns chosen', () => {
    const inspection = inspectExport([['Practice', 'Drug name', 'Items']]);
    expect(inspection).toMatchObject({
      shape: 'chosen',
      columns: { drug: 1, patients: null, issues: 2 },
    });
  });
});

describe('patient identifiers are refused', () => {
  test('by header', () => {
    const header = [
      'NHS Number',
      'Patient Name',
      'Surname',
      'Date of Birth',
      'DOB',
      'Address Line 1',
      'Postcode',
      'Drug Name',
      'Practice name',
      'Number of patients',
    ];
    expect(findIdentifierColumns(header, []).map((c) => [c.header, c.looksLike])).toEqual([
      ['NHS Number', 'an NHS number'],
      ['Patient Name', 'a name'],
      ['Surname', 'a name'],
      ['Date of Birth', 'a date of birth'],
      ['DOB', 'a date of birth'],
      ['Address Line 1', 'an address'],
      ['Postcode', 'a postcode'],
    ]);
  });

  test('by cells, under an innocent header', () => {
    const ids = findIdentifierColumns(
      ['Ref', 'Where', 'Drug'],
      [
        ['943 476 5919', 'LS1 4AP', 'Warfarin'],
        ['9434765870', 'M1 1AE', 'Warfarin'],
      ],
    );
    expect(ids.map((c) => c.looksLike)).toEqual(['an NHS number', 'a postcode']);
  });

  test('the NHS number check digit keeps ordinary counts out', () => {
    expect(isNhsNumber('943 476 5919')).toBe(true);
    expect(isNhsNumber('1234567890')).toBe(false);
    expect(isNhsNumber('42')).toBe(false);
  });

  test('an export with an NHS-number column names it and chooses no column from it', () => {
    const inspection = inspectExport(rowsOf('emis-web-with-nhs-number.csv'));
    expect(inspection?.identifiers).toEqual([
      { index: 0, header: 'NHS Number', looksLike: 'an NHS number' },
    ]);
    expect(inspection?.columns?.drug).toBe(1);
  });
});

describe('counting', () => {
  test('the EMIS Web fixture: totals per category, unfunded part, unmatched and possible', () => {
    const s = summarise('emis-web-medication-report.csv');
    expect(s.rowsRead).toBe(16);
    expect(s.byCategory.map((c) => [c.category, c.patients, c.issues, c.drugs])).toEqual([
      ['shared-care', 125, 752, 7],
      ['specialist-initiation', 5, 30, 1],
      ['no-commissioned-service', 59, 410, 2],
      ['dependence-forming', 109, 654, 2],
    ]);
    expect(line(s)).toEqual([
      'Shared care with no signed agreement recorded here: 125 patients on 7 drugs',
      'Specialist initiation with no commissioned service recorded here: 5 patients on 1 drug',
      'Medicines with no commissioned service: 59 patients on 2 drugs',
    ]);
    expect(s.unmatched.map((u) => u.name)).toEqual([
      'Atorvastatin 20mg tablets',
      'Ramipril 5mg capsules',
      'Metformin 500mg tablets',
    ]);
    expect(s.possible.map((p) => [p.name, p.perhaps])).toEqual([
      ['Azathioprin 25mg tablets', ['Azathioprine']],
    ]);
    expect(s.period).toEqual({ from: '2025-12-02', to: '2026-11-30' });
  });

  test('the SystmOne fixture', () => {
    const s = summarise('systmone-medication-report.csv');
    expect(s.byCategory.map((c) => [c.category, c.patients, c.issues, c.drugs])).toEqual([
      ['shared-care', 39, 234, 6],
      ['no-commissioned-service', 31, 220, 1],
      ['dependence-forming', 22, 110, 1],
    ]);
    expect(s.unmatched).toHaveLength(2);
  });

  test('per local service, when the practice profile gives services (optional input)', () => {
    const s = summarise('emis-web-medication-report.csv');
    const rows = rowsOf('emis-web-medication-report.csv');
    const counter = new WorkloadCounter(
      rules,
      { drug: 0, patients: 1, issues: 2, date: 3 },
      'emis-web',
      0,
    );
    counter.addRows(rows.slice(5), 6);
    const withServices = counter.summary([
      {
        id: 'dmard',
        name: 'DMARD monitoring LES',
        commissioned: true,
        ruleIds: ['methotrexate', 'azathioprine', 'leflunomide', 'hydroxychloroquine'],
      },
      { id: 'adhd', name: 'ADHD shared care', commissioned: false, ruleIds: ['dexamfetamine'] },
    ]);
    expect(withServices.byService?.map((v) => [v.name, v.patients, v.drugs])).toEqual([
      ['DMARD monitoring LES', 104, 4],
      ['ADHD shared care', 3, 1],
    ]);
    expect(line(withServices)[0]).toBe(
      'Shared care with no signed agreement in your practice profile: 21 patients on 3 drugs',
    );
    expect(s.byService).toBeNull();
  });

  test('a malformed count names its row and column', () => {
    const rows = rowsOf('malformed-count.csv');
    const counter = new WorkloadCounter(
      rules,
      { drug: 0, patients: 1, issues: 2, date: null },
      'emis-web',
      0,
    );
    expect(counter.addRows(rows.slice(1), 2)).toEqual({
      row: 3,
      column: 2,
      message: 'is not a whole number of patients or issues',
    });
  });

  test('without count columns, rows are counted and said to be rows', () => {
    const counter = new WorkloadCounter(
      rules,
      { drug: 0, patients: null, issues: null, date: null },
      'chosen',
      2,
    );
    counter.addRows([['Warfarin 1mg tablets'], ['Warfarin 3mg tablets'], ['']], 2);
    const s = counter.summary();
    expect(line(s)).toEqual(['Medicines with no commissioned service: 2 rows on 1 drug']);
    expect(s.droppedColumns).toBe(2);
  });
});

describe('text out', () => {
  test('the summary text and the letter blank carry totals and medicine names only', () => {
    const s = summarise('emis-web-medication-report.csv');
    const text = summaryText(s);
    expect(text).toContain(
      'Shared care with no signed agreement recorded here: 125 patients on 7 drugs',
    );
    expect(text).toContain('Azathioprin 25mg tablets (perhaps Azathioprine)');
    expect(text).toContain(
      'Names that matched no rule (3)\n- Atorvastatin 20mg tablets: 812 patients',
    );
    expect(noticeDrugText(s)).toMatch(
      /^the following medicines \(189 patients on 10 drugs between 2025-12-02 and 2026-11-30\): /,
    );
    expect(describeTally({ rows: 1, patients: 1, issues: 0 }, s.measures)).toBe('1 patient');
  });

  test('the notice letter fills from the totals', () => {
    const s = summarise('emis-web-medication-report.csv');
    const letter = workloadNoticeLetter(rules.effective, s, new Date('2026-12-07T10:00:00Z'));
    expect(letter).toContain('To: the integrated care board (ICB)');
    expect(letter).toContain(
      'care relating to the following medicines (189 patients on 10 drugs between 2025-12-02 and 2026-11-30): ',
    );
    expect(letter).not.toContain('{{');
    expect(letter).not.toContain('Zopiclone');
  });

  test('counts and dates', () => {
    expect(parseCount('1,204')).toBe(1204);
    expect(parseCount('')).toBe(0);
    expect(parseCount('12.5')).toBeNull();
    expect(parseExportDate('28-Nov-2026')).toBe('2026-11-28');
    expect(parseExportDate('30/11/2026')).toBe('2026-11-30');
    expect(parseExportDate('2026-11-30')).toBe('2026-11-30');
    expect(parseExportDate('soon')).toBeNull();
  });
});

describe('per-service totals follow the practice profile (issue #19)', () => {
  const effective = mergePacks([
    {
      layer: 'bundled',
      pack: JSON.parse(readFileSync('rules/packs/core.json', 'utf8')) as RulePack,
    },
  ]);

  test('no profile: no per-service lines, so nothing is guessed', () => {
    expect(workloadServices(effective, undefined)).toBeNull();
  });

  test('a practice that provides stop smoking: that service is commissioned and covers varenicline', () => {
    const services = workloadServices(effective, { icb: null, services: ['stop-smoking'] }) ?? [];
    const smoking = services.find((s) => s.id === 'stop-smoking');
    expect(smoking?.commissioned).toBe(true);
    expect(smoking?.ruleIds).toContain('varenicline');
    expect(services.filter((s) => s.id !== 'stop-smoking').every((s) => !s.commissioned)).toBe(
      true,
    );
  });
});
