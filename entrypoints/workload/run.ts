/**
 * One count, from a request to replies: parse, look for identifiers, count in slices. Runs in the
 * worker (worker.ts) and in unit tests, which pass their own rules and collect the replies.
 */
import { readCsvRows, type ListRows } from '@/rules/rag/list';
import {
  inspectExport,
  WorkloadCounter,
  type ColumnMap,
  type WorkloadRules,
} from '@/rules/views/workload';
import type { WorkloadReply, WorkloadRequest } from './protocol';

/** Rows per slice between progress replies: small enough to move the bar on 50,000 rows. */
export const ROWS_PER_SLICE = 2_000;

function validColumns(columns: ColumnMap, width: number, refused: ReadonlySet<number>): boolean {
  const used = [columns.drug, columns.patients, columns.issues, columns.date].filter(
    (c): c is number => c !== null,
  );
  return used.every((c) => c >= 0 && c < width && !refused.has(c));
}

export async function runWorkload(
  request: WorkloadRequest,
  rules: () => WorkloadRules,
  reply: (message: WorkloadReply) => void,
  /** Lets the page's messages through between slices (a resolved promise in tests). */
  pause: () => Promise<void> = () => Promise.resolve(),
  /** Reads an .xlsx workbook's first sheet (the worker loads the library only when needed). */
  readXlsx: (bytes: Uint8Array) => Promise<ListRows> = () =>
    Promise.resolve({ ok: false, errors: ['Excel workbooks cannot be read here'] }),
): Promise<void> {
  let rows: readonly (readonly string[])[];
  const { source } = request;
  if (source.kind === 'rows') rows = source.rows;
  else {
    const read = source.kind === 'csv' ? readCsvRows(source.bytes) : await readXlsx(source.bytes);
    if (!read.ok) {
      reply({ kind: 'error', message: read.errors.join('; ') });
      return;
    }
    rows = read.rows;
  }

  const inspection = inspectExport(rows);
  if (!inspection || inspection.dataRows === 0) {
    reply({ kind: 'error', message: 'The file has a header row but no rows to count' });
    return;
  }
  const { header, identifiers, headerRow } = inspection;
  if (identifiers.length > 0 && !request.dropIdentifiers) {
    reply({ kind: 'identifiers', header, identifiers });
    return;
  }
  const refused = new Set(identifiers.map((c) => c.index));
  const columns = request.columns ?? inspection.columns;
  if (!columns || !validColumns(columns, header.length, refused)) {
    reply({
      kind: 'choose-columns',
      header,
      suggestion: inspection.columns,
      refused: [...refused],
    });
    return;
  }
  const shape = request.columns ? 'chosen' : (inspection.shape ?? 'chosen');
  const counter = new WorkloadCounter(rules(), columns, shape, identifiers.length, header);
  const data = rows.slice(headerRow + 1);
  reply({ kind: 'progress', done: 0, total: data.length });
  for (let start = 0; start < data.length; start += ROWS_PER_SLICE) {
    const slice = data.slice(start, start + ROWS_PER_SLICE);
    // Spreadsheet row numbers: 1-based, the header at headerRow + 1.
    const error = counter.addRows(slice, headerRow + 2 + start);
    if (error) {
      const name = (header[error.column - 1] ?? '').trim();
      reply({
        kind: 'error',
        message: `Row ${error.row}, column ${error.column}${name ? ` ("${name}")` : ''}: the cell ${error.message}. Correct it in the export (or choose the right column) and try again`,
      });
      return;
    }
    reply({
      kind: 'progress',
      done: Math.min(start + slice.length, data.length),
      total: data.length,
    });
    await pause();
  }
  reply({ kind: 'done', summary: counter.summary(request.services), shape });
}
