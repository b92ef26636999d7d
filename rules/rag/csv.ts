/**
 * Bytes → text → records, for the CSV files ICB formulary teams actually export: Excel's "CSV UTF-8"
 * (with a byte-order mark), Excel's plain "CSV" on Windows (Windows-1252, not UTF-8), European
 * locales' `;` delimiter, tab-separated "Unicode text" (UTF-16), CRLF line ends, and quoted cells
 * holding commas and line breaks (RFC 4180 §2). Pure: runs in Node and in the options page.
 *
 * Written here rather than taken from npm because the format is small and the failure messages are
 * the product: an admin must be told the row, the line and the column where a file breaks.
 */

export type CsvDelimiter = ',' | ';' | '\t';
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** What a byte sequence was read as, and anything the admin should check because of it. */
export type DecodeResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: CsvEncoding;
      readonly warning?: string;
    }
  | { readonly ok: false; readonly message: string };

/** Far above any formulary export (a full netFormulary list is a few MB at most). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/**
 * Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF),
 * or -1 when the whole buffer is valid. TextDecoder's `fatal` mode says only *that* it failed; the
 * offset lets the warning name a line.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decodes an uploaded file. UTF-8 (with or without BOM) is read as is; UTF-16 needs its BOM; anything
 * else that is not valid UTF-8 is read as Windows-1252, which is what Excel's "CSV (Comma delimited)"
 * writes on an English Windows PC, with a warning naming the first line that was not UTF-8.
 * Spreadsheet workbooks are refused with the way out (save as CSV).
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_CSV_BYTES) {
    return {
      ok: false,
      message: `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; a formulary list is never that big`,
    };
  }
  // Zip (xlsx/ods) and OLE2 (xls) signatures: a workbook, not a CSV.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return {
      ok: false,
      message:
        'This is a spreadsheet workbook (.xlsx/.xls), not a CSV file. Open it in Excel and use File → Save As → "CSV UTF-8 (Comma delimited)", then convert the CSV',
    };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const littleEndian = bytes[0] === 0xff;
    const body = bytes.subarray(2);
    // TextDecoder's UTF-16BE label is not in every runtime's small-ICU build; swapping is trivial.
    const le = littleEndian ? body : swapPairs(body);
    return {
      ok: true,
      text: new TextDecoder('utf-16le').decode(le),
      encoding: littleEndian ? 'utf-16le' : 'utf-16be',
    };
  }
  if (bytes.includes(0)) {
    return {
      ok: false,
      message:
        'The file contains NUL bytes, so it is not a text CSV (perhaps UTF-16 without a byte-order mark). Save it from Excel as "CSV UTF-8 (Comma delimited)"',
    };
  }
  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
  return {
    ok: true,
    text: decodeWindows1252(body),
    encoding: 'windows-1252',
    warning: `The file is not UTF-8 (first at line ${lineAt(body, bad)}), so it was read as Windows-1252, the encoding of Excel's plain "CSV (Comma delimited)". Check accented and curly-quoted text in the report; saving as "CSV UTF-8" avoids this`,
  };
}

/**
 * Windows-1252's 0x80–0x9F (curly quotes, dashes, €, ™); every other byte is the same code point.
 * Written out because Node's TextDecoder reads the "windows-1252" label as Latin-1 and turns these
 * into invisible control characters (nodejs/node#56542).
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = Array.from(bytes.subarray(start, start + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b,
    );
    out += String.fromCharCode(...chunk);
  }
  return out;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] ?? 0;
    out[i + 1] = bytes[i] ?? 0;
  }
  return out;
}

/** One record as a spreadsheet shows it: `row` counts records (the header is row 1). */
export interface CsvRecord {
  readonly row: number;
  /** Text line where the record starts (differs from `row` once a cell holds a line break). */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvParseError {
  readonly row: number;
  readonly line: number;
  /** 1-based cell position within the row. */
  readonly column: number;
  readonly message: string;
}

export type CsvParseResult =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | {
      readonly ok: false;
      readonly error: CsvParseError;
      /** Records completed before the error (so a caller can name the column from the header). */
      readonly records: readonly CsvRecord[];
    };

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * The delimiter of the header line: whichever of `,` `;` tab occurs most outside quotes. Excel in
 * many European locales writes `;`; "Unicode text" exports use tabs. Ties go to the comma.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) {
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ',';
  for (const d of CANDIDATES) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * RFC 4180 records. Leniencies, each one a thing real exports do: LF or lone CR line ends as well as
 * CRLF; a quote inside an unquoted cell is literal (`5" bandage`); spaces between a closing quote and
 * the delimiter are ignored; a final line break does not make an empty record. Two things are
 * refused because any reading of them is a guess: a quoted cell never closed, and text after a
 * closing quote.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter): CsvParseResult {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let i = 0;
  const n = text.length;
  // State: at the start of a cell, inside an unquoted cell, inside quotes, or just after a closing quote.
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';

  const endRecord = () => {
    cells.push(cell);
    records.push({ row: records.length + 1, line: recordLine, cells });
    cells = [];
    cell = '';
    state = 'start';
  };

  while (i < n) {
    const c = text[i];
    if (state === 'quoted') {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        state = 'closed';
        i++;
        continue;
      }
      if (c === '\n') line++;
      else if (c === '\r' && text[i + 1] !== '\n') line++;
      cell += c;
      i++;
      continue;
    }
    if (c === delimiter) {
      cells.push(cell);
      cell = '';
      state = 'start';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (state === 'closed') {
      if (c === ' ' || c === '\t') {
        i++;
        continue;
      }
      return {
        ok: false,
        records,
        error: {
          row: records.length + 1,
          line,
          column: cells.length + 1,
          message:
            'text follows the closing quote of a quoted cell; a quote inside a quoted cell must be written twice ("")',
        },
      };
    }
    if (state === 'start' && c === '"') {
      state = 'quoted';
      quoteLine = line;
      i++;
      continue;
    }
    state = 'plain';
    cell += c;
    i++;
  }
  if (state === 'quoted') {
    return {
      ok: false,
      records,
      error: {
        row: records.length + 1,
        line: quoteLine,
        column: cells.length + 1,
        message:
          'a quoted cell starts here and is never closed; add the missing closing quote (") or remove the opening one',
      },
    };
  }
  // The last record unless the text ended with a line break (then `state` is 'start' and nothing is pending).
  if (state !== 'start' || cells.length > 0 || cell !== '') endRecord();
  return { ok: true, records };
}
