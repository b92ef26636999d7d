import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  draftFor,
  draftToMapping,
  guessAction,
  servicesFor,
  guessColumns,
  statusesFor,
  undecided,
} from './draft';
import { readCsvRows, sniffListFormat, cellText } from './list';
import { parseRagMappingText, validateRagMapping } from './mapping';

const rowsOf = (text: string) => {
  const r = readCsvRows(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.rows;
};

describe('the on-screen mapping draft', () => {
  test.each([
    [
      ['BNF Chapter', 'Drug', 'Formulation', 'Status', 'Notes'],
      ['Drug', 'Status', 'Formulation', '', 'Notes', ''],
    ],
    [
      ['Medicine', 'Brand name', 'RAG', 'Comments', 'Link'],
      ['Medicine', 'RAG', '', 'Brand name', 'Comments', 'Link'],
    ],
    [
      ['BNF Section', 'Name', 'Formulation', 'Brands', 'Traffic Light', 'Notes', 'Link'],
      ['Name', 'Traffic Light', 'Formulation', 'Brands', 'Notes', 'Link'],
    ],
  ])('guesses the columns of %j', (header, [drug, status, form, brands, notes, link]) => {
    expect(guessColumns(header)).toEqual({ drug, status, form, brands, notes, link, service: '' });
  });

  test.each([
    ['Red', 'no-commissioned-service'],
    ['RED - hospital only', 'no-commissioned-service'],
    ['Black', 'no-commissioned-service'],
    ['Amber SCP', 'shared-care'],
    ['Amber initiation', 'specialist-initiation'],
    ['Purple', 'specialist-initiation'],
    ['Green', 'skip'],
    ['Brown', ''],
  ])('a first guess for %s is %s', (label, action) => {
    expect(guessAction(label)).toBe(action);
  });

  test('distinct statuses keep their first spelling, and choices survive a column change', () => {
    const rows = rowsOf('Drug,Status,Other\nA,Red,x\nB,RED,y\nC,Green,x\n');
    const statuses = statusesFor(rows, rows[0] ?? [], 'Status', null, []);
    expect(statuses).toEqual([
      { label: 'Red', count: 2, action: 'no-commissioned-service' },
      { label: 'Green', count: 1, action: 'skip' },
    ]);
    const kept = statusesFor(rows, rows[0] ?? [], 'Status', null, [
      { label: 'Green', count: 1, action: 'disable' },
    ]);
    expect(kept[1]?.action).toBe('disable');
  });

  test('a draft from a shipped preset becomes a mapping the CLI accepts', () => {
    const preset = parseRagMappingText(
      readFileSync('rules/rag/mappings/netformulary.json', 'utf8'),
    );
    if (!preset.ok) throw new Error('preset');
    const rows = rowsOf(readFileSync('tests/fixtures/rag/netformulary-sample.csv', 'utf8'));
    const draft = draftFor(rows[0] ?? [], rows, preset.value);
    expect(undecided(draft)).toEqual([]);
    const mapping = draftToMapping(draft);
    expect(validateRagMapping(JSON.parse(JSON.stringify(mapping))).ok).toBe(true);
    expect(mapping.columns).toEqual(preset.value.columns);
  });
});

describe('reading list files', () => {
  test('knows an .xlsx (zip) and an old .xls by their first bytes', () => {
    expect(sniffListFormat(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('xlsx');
    expect(sniffListFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('xls');
    expect(sniffListFormat(new TextEncoder().encode('Drug,Status'))).toBe('text');
  });

  test('spreadsheet cells read as a person sees them', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(4.2)).toBe('4.2');
    expect(cellText(new Date(Date.UTC(2026, 10, 1)))).toBe('2026-11-01');
  });

  test('a broken CSV names its row, line and column', () => {
    const r = readCsvRows(
      new Uint8Array(readFileSync('tests/fixtures/rag/unterminated-quote.csv')),
    );
    expect(r.ok ? [] : r.errors).toEqual([
      'Row 3 (line 3), column 5 ("Comments"): a quoted cell starts here and is never closed; add the missing closing quote (") or remove the opening one',
    ]);
  });
});

describe('a service column in the draft (#19)', () => {
  const rows = rowsOf(
    [
      'Drug,Status,Local service',
      'Azathioprine,Amber SCP,Shared care LES',
      'Mercaptopurine,Amber SCP,Shared care LES',
      'Methotrexate (oral),Amber SCP,DMARD and high-risk drug monitoring service',
      'Hydroxychloroquine,Amber SCP,Rheumatology clinic',
    ].join('\n'),
  );
  const header = rows[0] ?? [];
  const choices = [
    { id: 'shared-care-les', name: 'Shared care local enhanced service' },
    { id: 'dmard-monitoring', name: 'DMARD and high-risk drug monitoring service' },
  ];

  test('the column is found by its name; a value that spells a service’s name or id is linked to it', () => {
    const draft = draftFor(header, rows, null, choices);
    expect(draft.columns.service).toBe('Local service');
    expect(draft.services).toEqual([
      // "Shared care LES" spells the id shared-care-les once punctuation is ignored.
      { label: 'Shared care LES', count: 2, service: 'shared-care-les' },
      {
        label: 'DMARD and high-risk drug monitoring service',
        count: 1,
        service: 'dmard-monitoring',
      },
      { label: 'Rheumatology clinic', count: 1, service: '' },
    ]);
  });

  test('the admin’s links become the mapping’s "services", which the mapping schema accepts', () => {
    const draft = draftFor(header, rows, null, choices);
    const linked = {
      ...draft,
      statuses: draft.statuses.map((s) => ({ ...s, action: 'shared-care' as const })),
      services: servicesFor(rows, header, 'Local service', null, draft.services, choices).map(
        (x) => (x.label === 'Shared care LES' ? { ...x, service: 'shared-care-les' } : x),
      ),
    };
    const mapping = draftToMapping(linked);
    expect(mapping.columns.service).toBe('Local service');
    expect(mapping.services).toEqual([
      { labels: ['Shared care LES'], service: 'shared-care-les' },
      { labels: ['DMARD and high-risk drug monitoring service'], service: 'dmard-monitoring' },
    ]);
    expect(validateRagMapping(mapping).ok).toBe(true);
  });
});
