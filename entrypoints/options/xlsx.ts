/**
 * Reads an .xlsx workbook for the traffic-light import. The library (read-excel-file, MIT) is
 * imported dynamically, so it is a separate chunk loaded only when an admin chooses a workbook on the
 * options page: never part of the content script or the popup (issue #20).
 */
import { cellText, checkHeader, type ListRows } from '@/rules/rag/list';

export interface Workbook {
  readonly sheets: readonly string[];
  /** The chosen sheet's rows (the first sheet unless one is named), or why they cannot be used. */
  readonly sheet: string;
  readonly rows: ListRows;
}

export async function readWorkbook(bytes: Uint8Array, wanted?: string): Promise<Workbook> {
  const { default: readXlsxFile } = await import('read-excel-file/browser');
  // A copy, so the library never holds the caller's buffer.
  const sheets = await readXlsxFile(new Blob([bytes.slice()]));
  const names = sheets.map((s) => s.sheet);
  const chosen = sheets.find((s) => s.sheet === wanted) ?? sheets[0];
  if (!chosen) {
    return {
      sheets: names,
      sheet: '',
      rows: { ok: false, errors: ['The workbook has no sheets'] },
    };
  }
  const rows = chosen.data.map((row) => row.map(cellText));
  // Rows can be ragged; pad to the widest so column positions line up as in Excel.
  const width = Math.max(0, ...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  return {
    sheets: names,
    sheet: chosen.sheet,
    rows: checkHeader(padded, `The sheet “${chosen.sheet}”`),
  };
}
