import { describe, expect, test } from 'vitest';
import {
  decodeCsvBytes,
  detectDelimiter,
  firstInvalidUtf8,
  parseCsv,
  type CsvDelimiter,
} from './csv';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseCsv reads what spreadsheets export', () => {
  test.each<[string, string, CsvDelimiter, string[][]]>([
    [
      'CRLF line ends',
      'Drug,Status\r\nLithium,Amber\r\n',
      ',',
      [
        ['Drug', 'Status'],
        ['Lithium', 'Amber'],
      ],
    ],
    [
      'LF line ends, no final newline',
      'a,b\nc,d',
      ',',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'lone CR line ends (old Mac Excel)',
      'a,b\rc,d\r',
      ',',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a comma inside quotes', '"Priadel, Camcolit",Amber', ',', [['Priadel, Camcolit', 'Amber']]],
    [
      'a line break inside quotes',
      '"Levels every 3 months,\r\nthyroid yearly",x',
      ',',
      [['Levels every 3 months,\r\nthyroid yearly', 'x']],
    ],
    ['doubled quotes inside quotes', '"Zoladex ""LA""",x', ',', [['Zoladex "LA"', 'x']]],
    [
      'a quote inside an unquoted cell is literal',
      'Crepe bandage 5" wide,Green',
      ',',
      [['Crepe bandage 5" wide', 'Green']],
    ],
    ['spaces after a closing quote', '"Red"  ,x', ',', [['Red', 'x']]],
    ['empty cells and a trailing delimiter', 'a,,c,\n', ',', [['a', '', 'c', '']]],
    ['an empty quoted cell at the end', 'a,""', ',', [['a', '']]],
    [
      'semicolons (European Excel)',
      'Drug;Status\nMethotrexate (oral);Amber SCP',
      ';',
      [
        ['Drug', 'Status'],
        ['Methotrexate (oral)', 'Amber SCP'],
      ],
    ],
    [
      'tabs (Unicode text export)',
      'Drug\tStatus\nLithium\tAmber',
      '\t',
      [
        ['Drug', 'Status'],
        ['Lithium', 'Amber'],
      ],
    ],
    ['commas are data when the delimiter is ;', 'a,b;c', ';', [['a,b', 'c']]],
  ])('%s', (_name, text, delimiter, expected) => {
    const result = parseCsv(text, delimiter);
    expect(result.ok && result.records.map((r) => r.cells)).toEqual(expected);
  });

  test('records carry spreadsheet row numbers and the line they start on', () => {
    const result = parseCsv('h1,h2\n"two\nlines",x\nlast,y\n', ',');
    expect(result.ok && result.records.map((r) => [r.row, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  test.each<[string, string, { row: number; line: number; column: number }, RegExp]>([
    [
      'an unterminated quote names where it opened',
      'Drug,Notes\nLithium,ok\nMethotrexate,"weekly\nmonitoring\n',
      { row: 3, line: 3, column: 2 },
      /quoted cell starts here and is never closed/,
    ],
    [
      'text after a closing quote',
      'Drug,Brands\nMethylphenidate,"Concerta XL" / Delmosart\n',
      { row: 2, line: 2, column: 2 },
      /text follows the closing quote.*written twice/,
    ],
  ])('refuses %s', (_name, text, where, message) => {
    const result = parseCsv(text, ',');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject(where);
    expect(result.error.message).toMatch(message);
    // The header is returned so the caller can name the column.
    expect(result.records[0]?.cells).toEqual(text.split('\n')[0]?.split(','));
  });
});

describe('detectDelimiter reads the header line', () => {
  test.each<[string, string, CsvDelimiter]>([
    ['commas', 'Drug,Brand,Status\nx;y;z;w', ','],
    ['semicolons', 'Drug;Brand;Status\n', ';'],
    ['tabs', 'Drug\tBrand\tStatus', '\t'],
    ['delimiters inside quotes do not count', '"Drug, name";"Brand, names";Status\n', ';'],
    ['a single column falls back to commas', 'Drug\nLithium', ','],
  ])('%s', (_name, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe('firstInvalidUtf8', () => {
  test.each<[string, Uint8Array, number]>([
    ['ASCII', utf8('Lithium'), -1],
    ['2-, 3- and 4-byte sequences', utf8('Sjögren – µg 💊'), -1],
    ['a Windows-1252 ö', bytes(0x53, 0x6a, 0xf6, 0x67), 2],
    ['a Windows-1252 curly quote', bytes(0x61, 0x92, 0x73), 1],
    ['an overlong encoding', bytes(0x41, 0xc0, 0x80), 1],
    ['a UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['a sequence cut short at the end', bytes(0x41, 0xe2, 0x82), 1],
    ['a lone continuation byte', bytes(0x80), 0],
  ])('%s', (_name, input, expected) => {
    expect(firstInvalidUtf8(input)).toBe(expected);
  });
});

describe('decodeCsvBytes', () => {
  test('UTF-8 with a byte-order mark (Excel "CSV UTF-8"): the mark is dropped', () => {
    const result = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Drug,Status')]));
    expect(result).toEqual({ ok: true, text: 'Drug,Status', encoding: 'utf-8' });
  });

  test('Windows-1252 (Excel plain "CSV"): decoded, with a warning naming the first line', () => {
    // "Drug\nSjögren’s – 5µg" in Windows-1252: ö F6, ’ 92, – 96, µ B5.
    const input = new Uint8Array([
      ...utf8('Drug\n'),
      0x53,
      0x6a,
      0xf6,
      0x67,
      0x72,
      0x65,
      0x6e,
      0x92,
      0x73,
      0x20,
      0x96,
      0x20,
      0x35,
      0xb5,
      0x67,
    ]);
    const result = decodeCsvBytes(input);
    expect(result.ok && result.text).toBe('Drug\nSjögren’s – 5µg');
    expect(result.ok && result.encoding).toBe('windows-1252');
    expect(result.ok && result.warning).toMatch(/not UTF-8 \(first at line 2\).*Windows-1252/);
  });

  test.each<[string, number[], string]>([
    [
      'UTF-16 little-endian',
      [0xff, 0xfe, 0x44, 0x00, 0x72, 0x00, 0x75, 0x00, 0x67, 0x00],
      'utf-16le',
    ],
    ['UTF-16 big-endian', [0xfe, 0xff, 0x00, 0x44, 0x00, 0x72, 0x00, 0x75, 0x00, 0x67], 'utf-16be'],
  ])('%s with its byte-order mark', (_name, input, encoding) => {
    expect(decodeCsvBytes(new Uint8Array(input))).toEqual({ ok: true, text: 'Drug', encoding });
  });

  test.each<[string, number[], RegExp]>([
    [
      'an .xlsx workbook',
      [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00],
      /spreadsheet workbook.*Save As.*CSV UTF-8/,
    ],
    ['an .xls workbook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], /spreadsheet workbook/],
    ['UTF-16 without a byte-order mark', [0x44, 0x00, 0x72, 0x00], /NUL bytes/],
  ])('refuses %s, saying what to do', (_name, input, message) => {
    const result = decodeCsvBytes(new Uint8Array(input));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
