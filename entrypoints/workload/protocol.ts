/**
 * Messages between the workload page and its worker. Only header cells (column names), totals and
 * medicine names travel back to the page: the rows themselves stay in the worker and are dropped
 * when it has counted them.
 */
import type { WorkloadOutcome } from '@/components/workload/types';
import type { LayeredPack } from '@/rules/loader/merge';
import type { ColumnMap, WorkloadService } from '@/rules/views/workload';

/** The file's bytes (CSV or an .xlsx workbook, both parsed in the worker), or cells already read. */
export type WorkloadSource =
  | { readonly kind: 'csv'; readonly bytes: Uint8Array }
  | { readonly kind: 'xlsx'; readonly bytes: Uint8Array }
  | { readonly kind: 'rows'; readonly rows: readonly (readonly string[])[] };

export interface WorkloadRequest {
  readonly source: WorkloadSource;
  /** The non-bundled layers in force (the worker adds its own copy of the bundled pack). */
  readonly layers: readonly LayeredPack[];
  /** Columns the user chose; null: use the recognised shape. */
  readonly columns: ColumnMap | null;
  /** The admin agreed to drop the columns that look like patient identifiers. */
  readonly dropIdentifiers: boolean;
  /** Local services from the practice profile, when there is one (issue #19). */
  readonly services: readonly WorkloadService[] | null;
}

/** What the worker answers: progress while it counts, then the page's outcome. */
export type WorkloadReply =
  { readonly kind: 'progress'; readonly done: number; readonly total: number } | WorkloadOutcome;
