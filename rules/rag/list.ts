/**
 * A formulary list file → its rows as text, for the on-screen mapping (issue #20): a CSV through
 * the same decoder and parser as the converter (so a broken quote names its row, line and column),
 * or an .xlsx worksheet's cells as the options page read them. Pure; the .xlsx library itself is
 * loaded only by the options page (entrypoints/options/xlsx.ts).
 */
import { decodeCsvBytes, detectDelimiter, MAX_CSV_BYTES, parseCsv } from './csv';
import { cleanCell } from './drug-cell';

export type ListRows =
  | {
      readonly ok: true;
      readonly rows: readonly (readonly string[])[];
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[] };

/** What a file's first bytes say it is: a zip (an .xlsx workbook), an old binary .xls, or text. */
export function sniffListFormat(bytes: Uint8Array): 'xlsx' | 'xls' | 'text' {
  const [a, b, c, d] = bytes;
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) return 'xlsx';
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) return 'xls';
  return 'text';
}

/** A CSV (or tab- or semicolon-separated) file's rows, header first. */
export function readCsvRows(bytes: Uint8Array): ListRows {
  if (bytes.length > MAX_CSV_BYTES) {
    return {
      ok: false,
      errors: [
        `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; a formulary list is never that big`,
      ],
    };
  }
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return { ok: false, errors: [decoded.message] };
  const { text } = decoded;
  if (text.trim() === '') {
    return { ok: false, errors: ['The file is empty: it has no header row and no rows'] };
  }
  const parsed = parseCsv(text, detectDelimiter(text));
  if (!parsed.ok) {
    const { row, line, column, message } = parsed.error;
    const name = row > 1 ? cleanCell(parsed.records[0]?.cells[column - 1] ?? '') : '';
    const where = name === '' ? `column ${column}` : `column ${column} ("${name}")`;
    return { ok: false, errors: [`Row ${row} (line ${line}), ${where}: ${message}`] };
  }
  return {
    ok: true,
    rows: parsed.records.map((r) => r.cells),
    warnings: decoded.warning ? [decoded.warning] : [],
  };
}

/** A spreadsheet cell as the text a person sees: dates as YYYY-MM-DD, numbers as written. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  return '';
}

/** Rows with a header: refuses a sheet whose first row is blank, as the converter does. */
export function checkHeader(rows: readonly (readonly string[])[], what: string): ListRows {
  const nonBlank = rows.filter((r) => r.some((c) => cleanCell(c) !== ''));
  if (nonBlank.length === 0) {
    return { ok: false, errors: [`${what} is empty: it has no header row and no rows`] };
  }
  if ((rows[0] ?? []).every((c) => cleanCell(c) === '')) {
    return {
      ok: false,
      errors: [
        `Row 1 of ${what} is blank: the first row must be the header row naming the columns`,
      ],
    };
  }
  return { ok: true, rows, warnings: [] };
}
