import { readFileSync } from 'node:fs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { convertRagCsv } from '@/rules/rag/convert';
import { readCsvRows } from '@/rules/rag/list';
import { parseRagMappingText, type RagMapping } from '@/rules/rag/mapping';
import { axeViolations } from '../../tests/support/axe';
import { RagMapper, type RagMapperProps } from './RagMapper';
import { core } from '../../tests/support/options-snapshot';
import type { RagConversionView, RagListView, RagPreset } from './types';

const CSV = [
  'BNF Chapter,Drug,Formulation,Status,Notes',
  '6.2,Warfarin,Tablets,Green,Anticoagulation clinic sets the dose',
  '4.2,Lithium,Tablets,Amber,Shared care protocol',
  '10.1,Methotrexate,Injection,Red,Homecare',
  '1.1,Obscurocillin,Tablets,Purple,',
  '4.3,Widget,Tablets,Brown,',
].join('\n');

function listOf(text: string, fileName = 'icb.csv'): RagListView {
  const bytes = new TextEncoder().encode(text);
  const rows = readCsvRows(bytes);
  if (!rows.ok) throw new Error(rows.errors.join('; '));
  return { fileName, format: 'csv', sheets: [], sheet: null, rows: rows.rows, bytes, warnings: [] };
}

const netformulary = parseRagMappingText(
  readFileSync('rules/rag/mappings/netformulary.json', 'utf8'),
);
if (!netformulary.ok) throw new Error('shipped mapping does not parse');
const PRESETS: RagPreset[] = [
  { id: 'netformulary', label: 'netFormulary-style list', mapping: netformulary.value },
];

function convert(list: RagListView, mapping: RagMapping): RagConversionView {
  const { pack, report } = convertRagCsv(list.bytes ?? '', mapping, core, {
    today: '2026-11-24',
    pack: { packId: 'x', name: 'X', publisher: 'X ICB', licence: 'OGL-UK-3.0' },
    source: { title: 'X formulary', url: 'https://x.example.nhs.uk/' },
  });
  return {
    csvFileName: list.fileName,
    mappingIssues: [],
    report,
    pack: pack ? { text: JSON.stringify(pack), fileName: 'x.pack.json' } : null,
  };
}

function props(overrides: Partial<RagMapperProps> = {}): RagMapperProps {
  return {
    list: listOf(CSV),
    presets: PRESETS,
    initialPresetId: null,
    conversion: null,
    onPreview: vi.fn(),
    onSave: vi.fn(),
    onExport: vi.fn(),
    onLoadMapping: vi.fn(() => Promise.resolve({ ok: false as const, issues: [] })),
    onCheck: vi.fn(),
    ...overrides,
  };
}

const meaning = (label: string) =>
  screen.getByRole<HTMLSelectElement>('combobox', { name: `Meaning of “${label}”` });

describe('RagMapper', () => {
  test('guesses the columns from their names and lists each status with its row count', () => {
    render(<RagMapper {...props()} />);
    const column = (label: string) => screen.getByLabelText<HTMLSelectElement>(label).value;
    expect(column('Drug name column (required)')).toBe('Drug');
    expect(column('Status (traffic light) column (required)')).toBe('Status');
    expect(screen.getByLabelText<HTMLSelectElement>('Formulation column').value).toBe(
      'Formulation',
    );
    const rows = within(screen.getByTestId('plens-rag-statuses')).getAllByRole('row');
    expect(rows.slice(1).map((r) => r.querySelector('th')?.textContent)).toEqual([
      'Green',
      'Amber',
      'Red',
      'Purple',
      'Brown',
    ]);
    expect(meaning('Red').value).toBe('no-commissioned-service');
    expect(meaning('Green').value).toBe('skip');
    expect(meaning('Brown').value).toBe('');
  });

  test('an undecided status holds the preview back until it is given a meaning', async () => {
    const onPreview = vi.fn();
    render(<RagMapper {...props({ onPreview })} />);
    expect(screen.getByTestId('plens-rag-undecided').textContent).toContain('“Brown”');
    expect(screen.getByRole('button', { name: 'Save mapping for next time' })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.change(meaning('Brown'), { target: { value: 'skip' } });
    fireEvent.change(meaning('Green'), { target: { value: 'disable' } });
    await waitFor(() => expect(onPreview).toHaveBeenCalled());
    const mapping = onPreview.mock.lastCall?.[0] as RagMapping;
    expect(mapping.columns).toEqual({
      drug: 'Drug',
      status: 'Status',
      form: 'Formulation',
      notes: 'Notes',
    });
    expect(mapping.statuses.find((s) => s.labels[0] === 'Green')).toEqual({
      labels: ['Green'],
      disable:
        'Green on the local formulary: GPs may prescribe it, so the national flag is switched off',
    });
  });

  test('the preview says what each of the first rows becomes, green switching off a national rule', async () => {
    const list = listOf(CSV);
    const onPreview = vi.fn();
    const onCheck = vi.fn();
    const { rerender, container } = render(<RagMapper {...props({ list, onPreview, onCheck })} />);
    fireEvent.change(meaning('Brown'), { target: { value: 'skip' } });
    fireEvent.change(meaning('Green'), { target: { value: 'disable' } });
    await waitFor(() => expect(onPreview).toHaveBeenCalled());
    const conversion = convert(list, onPreview.mock.lastCall?.[0] as RagMapping);
    rerender(<RagMapper {...props({ list, onPreview, onCheck, conversion })} />);
    const cells = within(screen.getByTestId('plens-rag-preview'))
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells[0]).toEqual([
      '2',
      'Warfarin',
      'Green',
      'Switches off the national flag (No commissioned service): Green on the local formulary: GPs may prescribe it, so the national flag is switched off',
    ]);
    expect(cells[1]?.[3]).toBe('Flagged: Shared care (replaces the national rule lithium)');
    expect(cells[4]?.[3]).toContain('Not flagged: Brown: not flagged');
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Check the pack and see what changes' }));
    expect(onCheck).toHaveBeenCalledTimes(1);
  });

  test('a preset fills in the meanings it knows; save and export hand over the mapping', () => {
    const onSave = vi.fn();
    const onExport = vi.fn();
    render(<RagMapper {...props({ onSave, onExport })} />);
    fireEvent.change(screen.getByLabelText('Start from'), { target: { value: 'netformulary' } });
    expect(meaning('Amber').value).toBe('shared-care');
    expect(meaning('Purple').value).toBe('specialist-initiation');
    fireEvent.change(meaning('Brown'), { target: { value: 'no-commissioned-service' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save mapping for next time' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export mapping (JSON)' }));
    const saved = onSave.mock.lastCall?.[0] as RagMapping;
    expect(onExport.mock.lastCall?.[0]).toEqual(saved);
    // The preset's wording for a category travels with the exported mapping.
    expect(saved.statuses.find((s) => s.labels[0] === 'Red')?.position).toContain(
      'Red on the local formulary',
    );
  });

  test('a local service column: each value is linked to a service, shown in the preview', async () => {
    const list = listOf(
      [
        'Drug,Status,Local service',
        'Azathioprine,Amber,Shared care LES',
        'Mercaptopurine,Amber,Hospital at home',
      ].join('\n'),
    );
    const services = [
      { id: 'shared-care-les', name: 'Shared care local enhanced service' },
      { id: 'dmard-monitoring', name: 'DMARD and high-risk drug monitoring service' },
    ];
    const onPreview = vi.fn();
    const { rerender, container } = render(<RagMapper {...props({ list, onPreview, services })} />);
    expect(screen.getByLabelText<HTMLSelectElement>('Local service column').value).toBe(
      'Local service',
    );
    const linkOf = (label: string) =>
      screen.getByRole<HTMLSelectElement>('combobox', { name: `Service meant by “${label}”` });
    expect(linkOf('Shared care LES').value).toBe('shared-care-les');
    expect(linkOf('Hospital at home').value).toBe('');
    fireEvent.change(linkOf('Hospital at home'), { target: { value: 'dmard-monitoring' } });
    await waitFor(() =>
      expect((onPreview.mock.lastCall?.[0] as RagMapping | undefined)?.services).toEqual([
        { labels: ['Shared care LES'], service: 'shared-care-les' },
        { labels: ['Hospital at home'], service: 'dmard-monitoring' },
      ]),
    );
    const conversion = convert(list, onPreview.mock.lastCall?.[0] as RagMapping);
    rerender(<RagMapper {...props({ list, onPreview, services, conversion })} />);
    const becomes = within(screen.getByTestId('plens-rag-preview'))
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelectorAll('td')[3]?.textContent);
    expect(becomes).toEqual([
      'Flagged: Shared care (replaces the national rule azathioprine); under the Shared care local enhanced service',
      'Flagged: Shared care (replaces the national rule mercaptopurine); under the DMARD and high-risk drug monitoring service',
    ]);
    expect(await axeViolations(container)).toEqual([]);
  });

  test('is accessible before any preview', async () => {
    const { container } = render(
      <main>
        <RagMapper {...props()} />
      </main>,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
