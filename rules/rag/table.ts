/**
 * A list file → header, records and the mapped column positions, or the reason it cannot be read,
 * naming the row, line and column. Everything after this step works on clean records.
 */
import {
  decodeCsvBytes,
  detectDelimiter,
  MAX_CSV_BYTES,
  parseCsv,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvRecord,
} from './csv';
import { cleanCell } from './drug-cell';
import type { RagMapping } from './mapping';

/** Positions of the mapped columns in each record. */
export interface Columns {
  readonly drug: number;
  readonly status: number;
  readonly brands: readonly number[];
  readonly notes: readonly number[];
  readonly link: number | null;
  readonly form: number | null;
  readonly service: number | null;
}

/**
 * A worksheet already read from a spreadsheet (.xlsx) by the options page, one list of cell texts
 * per row, header first. Row numbers are the sheet's own (the header is row 1).
 */
export interface SheetRows {
  readonly sheet: string;
  readonly rows: readonly (readonly string[])[];
}

export interface Table {
  /** `xlsx` for a worksheet, `text` for text the caller decoded. */
  readonly encoding: CsvEncoding | 'text' | 'xlsx';
  /** null for a worksheet, which has cells rather than delimiters. */
  readonly delimiter: CsvDelimiter | null;
  readonly header: readonly string[];
  /** Records after the header, blank ones included (their row numbers still count). */
  readonly records: readonly CsvRecord[];
  readonly columns: Columns;
  readonly warnings: readonly string[];
}

export type TableResult =
  | { readonly ok: true; readonly table: Table }
  | {
      readonly ok: false;
      readonly errors: readonly string[];
      readonly encoding: CsvEncoding | 'text' | 'xlsx' | null;
      readonly delimiter: CsvDelimiter | null;
      readonly warnings: readonly string[];
    };

function isSheet(input: Uint8Array | string | SheetRows): input is SheetRows {
  return typeof input === 'object' && !(input instanceof Uint8Array);
}

/** Header and records: mapped columns found, or the sentences saying which are missing. */
function finishTable(
  parsedRecords: readonly CsvRecord[],
  mapping: RagMapping,
  encoding: Table['encoding'],
  delimiter: CsvDelimiter | null,
  warnings: string[],
): TableResult {
  const fail = (errors: string[]): TableResult => ({
    ok: false,
    errors,
    encoding,
    delimiter,
    warnings,
  });
  const [headerRecord, ...records] = parsedRecords;
  const header = (headerRecord?.cells ?? []).map(cleanCell);
  if (header.every((h) => h === '')) {
    return fail(['Row 1 is blank: the first row must be the header row naming the columns']);
  }
  const found = findColumns(header, mapping);
  if (!found.ok) return fail(found.errors);
  if (records.every((r) => r.cells.every((c) => cleanCell(c) === ''))) {
    return fail(['The file has a header row but no rows of medicines']);
  }
  return {
    ok: true,
    table: { encoding, delimiter, header, records, columns: found.columns, warnings },
  };
}

/** A worksheet's rows as records numbered as the sheet numbers them. */
export function sheetRecords(sheet: SheetRows): CsvRecord[] {
  return sheet.rows.map((cells, i) => ({ row: i + 1, line: i + 1, cells }));
}

function headerKey(name: string): string {
  return cleanCell(name).toLowerCase();
}

function findColumns(
  header: readonly string[],
  mapping: RagMapping,
): { ok: true; columns: Columns } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const keys = header.map(headerKey);
  const shown = header
    .filter((h) => h !== '')
    .map((h) => `"${h}"`)
    .join(', ');
  const find = (name: string, field: string): number => {
    const at = keys.flatMap((k, i) => (k === headerKey(name) ? [i] : []));
    if (at.length === 1) return at[0] ?? -1;
    errors.push(
      at.length === 0
        ? `The header row has no column "${name}" (mapping columns.${field}). The header has: ${shown}`
        : `The header row has column "${name}" (mapping columns.${field}) more than once (columns ${at.map((i) => i + 1).join(' and ')}); rename one`,
    );
    return -1;
  };
  const list = (value: string | readonly string[] | undefined, field: string): number[] =>
    value === undefined
      ? []
      : (typeof value === 'string' ? [value] : value).map((n) => find(n, field));
  const c = mapping.columns;
  const columns: Columns = {
    drug: find(c.drug, 'drug'),
    status: find(c.status, 'status'),
    brands: list(c.brands, 'brands'),
    notes: list(c.notes, 'notes'),
    link: c.link === undefined ? null : find(c.link, 'link'),
    form: c.form === undefined ? null : find(c.form, 'form'),
    service: c.service === undefined ? null : find(c.service, 'service'),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}

/**
 * Reads bytes (any encoding `decodeCsvBytes` knows), text, or a worksheet's rows into a table the
 * mapping fits.
 */
export function readTable(
  input: Uint8Array | string | SheetRows,
  mapping: RagMapping,
): TableResult {
  const warnings: string[] = [];
  if (isSheet(input)) {
    if (input.rows.every((r) => r.every((c) => cleanCell(c) === ''))) {
      return {
        ok: false,
        errors: [`The sheet “${input.sheet}” is empty: it has no header row and no rows`],
        encoding: 'xlsx',
        delimiter: null,
        warnings,
      };
    }
    return finishTable(sheetRecords(input), mapping, 'xlsx', null, warnings);
  }
  const fail = (
    errors: string[],
    encoding: Table['encoding'] | null = null,
    delimiter: CsvDelimiter | null = null,
  ): TableResult => ({ ok: false, errors, encoding, delimiter, warnings });

  let text: string;
  let encoding: CsvEncoding | 'text';
  if (typeof input === 'string') {
    if (input.length > MAX_CSV_BYTES) {
      return fail([
        `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; a formulary list is never that big`,
      ]);
    }
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    encoding = 'text';
    if (text.includes('\ufffd')) {
      warnings.push(
        'The text contains "\ufffd" replacement characters: it was decoded with the wrong encoding before it reached the converter, so convert the original file instead',
      );
    }
  } else {
    const decoded = decodeCsvBytes(input);
    if (!decoded.ok) return fail([decoded.message]);
    text = decoded.text;
    encoding = decoded.encoding;
    if (decoded.warning) warnings.push(decoded.warning);
  }
  if (text.trim() === '')
    return fail(['The file is empty: it has no header row and no rows'], encoding);

  const delimiter =
    mapping.delimiter && mapping.delimiter !== 'auto' ? mapping.delimiter : detectDelimiter(text);
  const parsed = parseCsv(text, delimiter);
  if (!parsed.ok) {
    const { row, line, column, message } = parsed.error;
    const name = row > 1 ? cleanCell(parsed.records[0]?.cells[column - 1] ?? '') : '';
    const where = name === '' ? `column ${column}` : `column ${column} ("${name}")`;
    return fail([`Row ${row} (line ${line}), ${where}: ${message}`], encoding, delimiter);
  }
  return finishTable(parsed.records, mapping, encoding, delimiter, warnings);
}
