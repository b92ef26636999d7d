import { readFileSync } from 'node:fs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { convertRagCsv } from '@/rules/rag/convert';
import { parseRagMappingText } from '@/rules/rag/mapping';
import { axeViolations } from '../../tests/support/axe';
import { OptionsPage } from './OptionsPage';
import { RagImport } from './RagImport';
import { core, fakeStore, snapshot, validCheck } from '../../tests/support/options-snapshot';
import type { RagConversionView, RagImportRequest, RagMappingOption } from './types';

const MAPPINGS: readonly RagMappingOption[] = [
  { id: 'netformulary', label: 'netFormulary-style list' },
  { id: 'llr', label: 'LLR' },
];

const fixture = (name: string) => readFileSync(`tests/fixtures/rag/${name}`);

function convertFixture(csvName: string): RagConversionView {
  const mapping = parseRagMappingText(fixture('example-icb.mapping.json').toString('utf8'));
  if (!mapping.ok) throw new Error('example mapping does not parse');
  const { pack, report } = convertRagCsv(fixture(csvName), mapping.value, core, {
    today: '2026-11-24',
  });
  return {
    csvFileName: csvName,
    mappingIssues: [],
    report,
    pack: pack ? { text: JSON.stringify(pack), fileName: 'list.pack.json' } : null,
  };
}

const converted = convertFixture('example-icb-traffic-lights.csv');
const malformed = convertFixture('unterminated-quote.csv');

const csvFile = (text = 'Drug,Traffic light\nLithium,Amber SCP\n', name = 'list.csv') =>
  new File([text], name, { type: 'text/csv' });

function chooseCsv(file: File = csvFile()) {
  fireEvent.change(screen.getByLabelText('Traffic-light list (CSV)'), {
    target: { files: [file] },
  });
}

const convertButton = () => screen.getByRole('button', { name: 'Convert and preview' });

describe('RagImport', () => {
  test('every control is labelled and the empty form is axe clean', async () => {
    const { container } = render(
      <RagImport mappings={MAPPINGS} conversion={null} onConvert={vi.fn()} />,
    );
    expect(screen.getByRole('heading', { name: 'Import a traffic-light formulary (CSV)' }));
    expect(screen.getByLabelText('Traffic-light list (CSV)').getAttribute('type')).toBe('file');
    const select = screen.getByLabelText<HTMLSelectElement>('Mapping');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Example: netFormulary-style list',
      'Example: LLR',
      'A mapping file (JSON) I choose',
    ]);
    for (const label of ['Pack name', 'Publisher', 'Licence', 'Formulary name']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect(await axeViolations(container)).toEqual([]);
  });

  test('converting without a list says what is missing and calls nothing', async () => {
    const onConvert = vi.fn();
    const { container } = render(
      <RagImport mappings={MAPPINGS} conversion={null} onConvert={onConvert} />,
    );
    fireEvent.click(convertButton());
    expect(screen.getByRole('alert').textContent).toBe(
      'Choose the traffic-light list (CSV) first.',
    );
    expect(onConvert).not.toHaveBeenCalled();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a list and a shipped mapping are handed on with the bytes and the typed details', async () => {
    const onConvert = vi.fn<(request: RagImportRequest) => void>();
    render(<RagImport mappings={MAPPINGS} conversion={null} onConvert={onConvert} />);
    chooseCsv();
    fireEvent.change(screen.getByLabelText('Mapping'), { target: { value: 'llr' } });
    fireEvent.input(screen.getByLabelText('Pack name'), { target: { value: 'LLR lights' } });
    fireEvent.click(convertButton());
    await waitFor(() => expect(onConvert).toHaveBeenCalledTimes(1));
    const request = onConvert.mock.calls[0]?.[0];
    expect(request?.csvFileName).toBe('list.csv');
    expect(new TextDecoder().decode(request?.csv)).toBe('Drug,Traffic light\nLithium,Amber SCP\n');
    expect(request?.mapping).toEqual({ kind: 'shipped', id: 'llr' });
    expect(request?.details.name).toBe('LLR lights');
    expect(request?.details.publisher).toBe('');
  });

  test('a mapping file can be chosen instead, and its text is handed on', async () => {
    const onConvert = vi.fn<(request: RagImportRequest) => void>();
    const { container } = render(
      <RagImport mappings={MAPPINGS} conversion={null} onConvert={onConvert} />,
    );
    chooseCsv();
    fireEvent.change(screen.getByLabelText('Mapping'), { target: { value: 'file' } });
    fireEvent.click(convertButton());
    expect(screen.getByRole('alert').textContent).toContain('Choose the mapping file (JSON)');
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.change(screen.getByLabelText('Mapping file (JSON)'), {
      target: { files: [new File(['{"columns":{}}'], 'mine.json')] },
    });
    fireEvent.click(convertButton());
    await waitFor(() =>
      expect(onConvert.mock.calls[0]?.[0].mapping).toEqual({
        kind: 'file',
        text: '{"columns":{}}',
        fileName: 'mine.json',
      }),
    );
  });

  test('the report lists counts and every problem with its rows', async () => {
    const { container } = render(
      <RagImport mappings={MAPPINGS} conversion={converted} onConvert={vi.fn()} />,
    );
    const report = screen.getByTestId('plens-rag-report');
    expect(within(report).getByRole('heading', { level: 3 }).textContent).toBe(
      'Conversion report: “example-icb-traffic-lights.csv”',
    );
    const summary = within(report).getByTestId('plens-rag-summary').textContent ?? '';
    expect(summary).toContain('56 national rules replaced');
    expect(summary).toContain('17 new rules');
    expect(summary).toContain('18 rows not flagged');
    expect(summary).toContain('11 problems to resolve');
    const problems = within(report).getByTestId('plens-rag-problems').querySelectorAll('li');
    expect(problems).toHaveLength(11);
    expect(problems[0]?.textContent).toContain('Rows 3, 89');
    expect([...problems].some((p) => p.textContent?.startsWith('Row 41 '))).toBe(true);
    expect(within(report).getByTestId('plens-rag-created').textContent).toContain('Ivabradine');
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a malformed list names the row, says nothing changed and takes focus', async () => {
    const { container } = render(
      <RagImport mappings={MAPPINGS} conversion={malformed} onConvert={vi.fn()} />,
    );
    const heading = screen.getByRole('heading', {
      name: '“unterminated-quote.csv” was not converted',
    });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByTestId('plens-rag-report').textContent).toContain('Nothing has changed');
    expect(screen.getByTestId('plens-rag-errors').textContent).toContain(
      'Row 3 (line 3), column 5 ("Comments"): a quoted cell starts here and is never closed',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a mapping file with problems lists them by path', async () => {
    const view: RagConversionView = {
      csvFileName: 'list.csv',
      mappingIssues: [
        { path: 'columns.drug', message: 'This field is required', severity: 'error' },
      ],
      report: null,
      pack: null,
    };
    const { container } = render(
      <RagImport mappings={MAPPINGS} conversion={view} onConvert={vi.fn()} />,
    );
    expect(screen.getByTestId('plens-rag-mapping-issues').textContent).toBe(
      'columns.drug This field is required',
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('OptionsPage with a traffic-light import', () => {
  test('a converted list goes through the usual check and preview, and is applied on confirmation', async () => {
    const check = validCheck();
    const store = fakeStore(snapshot(), {
      ragMappings: MAPPINGS,
      convertRag: vi.fn(() => Promise.resolve(converted)),
      checkPack: vi.fn(() => Promise.resolve(check)),
      applyPack: vi.fn(() => Promise.resolve()),
    });
    const { container } = render(<OptionsPage store={store} />);
    await screen.findByRole('heading', { name: 'Import a traffic-light formulary (CSV)' });
    chooseCsv();
    fireEvent.click(convertButton());
    const section = screen
      .getByRole('heading', { name: 'Import a traffic-light formulary (CSV)' })
      .closest('section');
    if (!section) throw new Error('no section');
    await within(section).findByTestId('plens-preview');
    expect(store.checkPack).toHaveBeenCalledWith(converted.pack?.text, 'list.pack.json');
    expect(within(section).getByTestId('plens-rag-report')).toBeTruthy();
    expect(store.applyPack).not.toHaveBeenCalled();
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(within(section).getByRole('button', { name: 'Apply this pack' }));
    expect(store.applyPack).toHaveBeenCalledWith(check);
    await waitFor(() => expect(screen.queryByTestId('plens-preview')).toBeNull());
    expect(screen.getByTestId('plens-status').textContent).toContain('is now in force');
  });

  test('a malformed list is reported and nothing is checked or stored', async () => {
    const store = fakeStore(snapshot(), {
      ragMappings: MAPPINGS,
      convertRag: vi.fn(() => Promise.resolve(malformed)),
      checkPack: vi.fn(() => Promise.resolve(validCheck())),
      applyPack: vi.fn(() => Promise.resolve()),
    });
    render(<OptionsPage store={store} />);
    await screen.findByRole('heading', { name: 'Import a traffic-light formulary (CSV)' });
    chooseCsv(csvFile('x', 'unterminated-quote.csv'));
    fireEvent.click(convertButton());
    await screen.findByTestId('plens-rag-errors');
    expect(screen.getByTestId('plens-status').textContent).toBe(
      '“unterminated-quote.csv” was not converted: 1 problem. Nothing has changed.',
    );
    expect(store.checkPack).not.toHaveBeenCalled();
    expect(store.applyPack).not.toHaveBeenCalled();
  });

  test('without a converter in the store the section is not shown', async () => {
    render(<OptionsPage store={fakeStore(snapshot())} />);
    await screen.findByRole('heading', { name: 'Rule packs in force' });
    expect(screen.queryByRole('heading', { name: /traffic-light/ })).toBeNull();
  });
});
