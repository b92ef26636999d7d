/**
 * Reads an .xlsx export's first sheet inside the workload worker, so a big workbook never freezes
 * the page. The library's web-worker build (read-excel-file, MIT) is imported dynamically: loaded
 * only when a workbook is chosen. The options page has its own reader (entry points never import
 * each other); both use rules/rag/list for cells and header.
 */
import { cellText, checkHeader, type ListRows } from '@/rules/rag/list';

export async function readWorkbookRows(bytes: Uint8Array): Promise<ListRows> {
  const { default: readXlsxFile } = await import('read-excel-file/web-worker');
  // A copy, so the library never holds the caller's buffer.
  const sheets = await readXlsxFile(new Blob([bytes.slice()]));
  const first = sheets[0];
  if (!first) return { ok: false, errors: ['The workbook has no sheets'] };
  const rows = first.data.map((row) => row.map(cellText));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  return checkHeader(padded, `The sheet “${first.sheet}”`);
}
