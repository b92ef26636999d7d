import { readFileSync } from 'node:fs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { convertRagCsv } from '@/rules/rag/convert';
import { readCsvRows } from '@/rules/rag/list';
import { parseRagMappingText, validateRagMapping } from '@/rules/rag/mapping';
import { axeViolations } from '../../tests/support/axe';
import { OptionsPage } from './OptionsPage';
import { RagImport, type RagImportProps } from './RagImport';
import { core, fakeStore, snapshot, validCheck } from '../../tests/support/options-snapshot';
import type { RagConversionView, RagListResult, RagListView, RagStore } from './types';

const fixture = (name: string) => readFileSync(`tests/fixtures/rag/${name}`);
const exampleMapping = parseRagMappingText(fixture('example-icb.mapping.json').toString('utf8'));
if (!exampleMapping.ok) throw new Error('example mapping does not parse');

function listOf(name: string): RagListView {
  const bytes = new Uint8Array(fixture(name));
  const rows = readCsvRows(bytes);
  if (!rows.ok) throw new Error(rows.errors.join('; '));
  return {
    fileName: name,
    format: 'csv',
    sheets: [],
    sheet: null,
    rows: rows.rows,
    bytes,
    warnings: [],
  };
}

const sample = listOf('example-icb-traffic-lights.csv');
const converted: RagConversionView = (() => {
  const { pack, report } = convertRagCsv(sample.bytes ?? '', exampleMapping.value, core, {
    today: '2026-11-24',
  });
  return {
    csvFileName: sample.fileName,
    mappingIssues: [],
    report,
    pack: pack ? { text: JSON.stringify(pack), fileName: 'list.pack.json' } : null,
  };
})();

function props(overrides: Partial<RagImportProps> = {}): RagImportProps {
  return {
    presets: [],
    list: null,
    listErrors: null,
    sheets: [],
    conversion: null,
    onChooseList: vi.fn(),
    onPreview: vi.fn(),
    onSave: vi.fn(),
    onExport: vi.fn(),
    onLoadMapping: vi.fn(() => Promise.resolve({ ok: false as const, issues: [] })),
    onCheck: vi.fn(),
    ...overrides,
  };
}

const LIST_LABEL = 'Traffic-light list (CSV or Excel)';

describe('RagImport', () => {
  test('before a file is chosen: one labelled file input, axe clean', async () => {
    const { container } = render(
      <main>
        <RagImport {...props()} />
      </main>,
    );
    expect(screen.getByLabelText(LIST_LABEL).getAttribute('accept')).toContain('.xlsx');
    expect(screen.queryByTestId('plens-rag-mapper')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a chosen file is handed over as bytes with its name', async () => {
    const onChooseList = vi.fn();
    render(<RagImport {...props({ onChooseList })} />);
    fireEvent.change(screen.getByLabelText(LIST_LABEL), {
      target: { files: [new File(['Drug,Status\nLithium,Amber\n'], 'icb.csv')] },
    });
    await waitFor(() => expect(onChooseList).toHaveBeenCalled());
    const call = onChooseList.mock.lastCall as [Uint8Array, string] | undefined;
    expect(new TextDecoder().decode(call?.[0])).toBe('Drug,Status\nLithium,Amber\n');
    expect(call?.[1]).toBe('icb.csv');
  });

  test('an unreadable list names its row and column and says nothing changed', async () => {
    const rows = readCsvRows(new Uint8Array(fixture('unterminated-quote.csv')));
    if (rows.ok) throw new Error('fixture should be malformed');
    const { container } = render(
      <main>
        <RagImport
          {...props({ listErrors: { fileName: 'unterminated-quote.csv', errors: rows.errors } })}
        />
      </main>,
    );
    const box = screen.getByTestId('plens-rag-list-errors');
    expect(box.textContent).toContain(
      '“unterminated-quote.csv” could not be read. Nothing has changed.',
    );
    expect(box.textContent).toContain(
      'Row 3 (line 3), column 5 ("Comments"): a quoted cell starts here and is never closed',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a workbook with several sheets offers them', () => {
    const onChooseList = vi.fn();
    const list: RagListView = {
      ...sample,
      format: 'xlsx',
      sheets: ['Cover', 'Formulary'],
      sheet: 'Cover',
      bytes: null,
    };
    render(<RagImport {...props({ list, sheets: list.sheets, onChooseList })} />);
    const select = screen.getByLabelText<HTMLSelectElement>('Sheet');
    expect([...select.options].map((o) => o.value)).toEqual(['Cover', 'Formulary']);
  });

  test('the report lists counts and every problem with its rows', async () => {
    const { container } = render(
      <main>
        <RagImport {...props({ list: sample, conversion: converted })} />
      </main>,
    );
    const report = screen.getByTestId('plens-rag-report');
    expect(within(report).getByRole('heading', { level: 3 }).textContent).toBe(
      'Conversion report: “example-icb-traffic-lights.csv”',
    );
    const summary = within(report).getByTestId('plens-rag-summary').textContent ?? '';
    expect(summary).toContain('57 national rules replaced');
    expect(summary).toContain('10 problems to resolve');
    expect(await axeViolations(container)).toEqual([]);
  });
});

/** Statuses the preset does not know are left undecided; the admin decides them here. */
function decideTheRest() {
  for (const select of within(screen.getByTestId('plens-rag-statuses')).getAllByRole('combobox')) {
    if ((select as HTMLSelectElement).value === '') {
      fireEvent.change(select, { target: { value: 'skip' } });
    }
  }
}

describe('OptionsPage with a traffic-light import', () => {
  function ragStore(overrides: Partial<RagStore> = {}): RagStore {
    return {
      presets: [
        {
          id: 'example',
          label: 'Example ICB',
          mapping: exampleMapping.ok ? exampleMapping.value : ({} as never),
        },
      ],
      readList: vi.fn((): Promise<RagListResult> => Promise.resolve({ ok: true, list: sample })),
      convert: vi.fn(() => Promise.resolve(converted)),
      parseMapping: vi.fn((text: string) => {
        const r = validateRagMapping(JSON.parse(text));
        return Promise.resolve(
          r.ok ? { ok: true as const, mapping: r.value } : { ok: false as const, issues: r.issues },
        );
      }),
      loadSavedMapping: vi.fn(() => Promise.resolve(null)),
      saveMapping: vi.fn(() => Promise.resolve()),
      exportMapping: vi.fn(() => Promise.resolve()),
      ...overrides,
    };
  }

  test('a list mapped on screen is previewed, then checked and applied on confirmation', async () => {
    const check = validCheck();
    const convert = vi.fn(() => Promise.resolve(converted));
    const rag = ragStore({ convert });
    const store = fakeStore(snapshot(), {
      rag,
      checkPack: vi.fn(() => Promise.resolve(check)),
      applyPack: vi.fn(() => Promise.resolve()),
    });
    render(<OptionsPage store={store} />);
    const input = await screen.findByLabelText(LIST_LABEL);
    fireEvent.change(input, {
      target: { files: [new File(['x'], 'example-icb-traffic-lights.csv')] },
    });
    await screen.findByTestId('plens-rag-mapper');
    fireEvent.change(screen.getByLabelText('Start from'), { target: { value: 'example' } });
    decideTheRest();
    await waitFor(() => expect(convert).toHaveBeenCalled());
    await screen.findByTestId('plens-rag-preview');
    fireEvent.click(screen.getByRole('button', { name: 'Check the pack and see what changes' }));
    await screen.findByTestId('plens-preview');
    expect(store.checkPack).toHaveBeenCalledWith(converted.pack?.text, 'list.pack.json');
    fireEvent.click(screen.getByRole('button', { name: 'Apply this pack' }));
    expect(store.applyPack).toHaveBeenCalledWith(check);
  });

  test('saving the mapping stores it and offers it first next time', async () => {
    const saveMapping = vi.fn(() => Promise.resolve());
    const rag = ragStore({ saveMapping });
    render(<OptionsPage store={fakeStore(snapshot(), { rag })} />);
    fireEvent.change(await screen.findByLabelText(LIST_LABEL), {
      target: { files: [new File(['x'], 'list.csv')] },
    });
    await screen.findByTestId('plens-rag-mapper');
    fireEvent.change(screen.getByLabelText('Start from'), { target: { value: 'example' } });
    decideTheRest();
    fireEvent.click(screen.getByRole('button', { name: 'Save mapping for next time' }));
    await waitFor(() => expect(saveMapping).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.getByTestId('plens-status').textContent).toBe(
        'Mapping saved. It is offered first the next time you import a list.',
      ),
    );
    expect(
      [...screen.getByLabelText<HTMLSelectElement>('Start from').options].map((o) => o.text),
    ).toContain('My saved mapping');
  });

  test('without a traffic-light store the section is not shown', async () => {
    render(<OptionsPage store={fakeStore(snapshot())} />);
    await screen.findByRole('heading', { name: 'Rule packs in force' });
    expect(screen.queryByRole('heading', { name: /traffic-light/ })).toBeNull();
  });
});
