/** The workload page's contract with its store (entrypoints/workload/store.ts). */
import type {
  ColumnMap,
  ExportShape,
  IdentifierColumn,
  WorkloadSummary,
} from '@/rules/views/workload';

/** How to count: the columns the user chose (null: as recognised) and consent to drop identifiers. */
export interface WorkloadChoice {
  readonly columns: ColumnMap | null;
  readonly dropIdentifiers: boolean;
}

export type WorkloadOutcome =
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'identifiers';
      readonly header: readonly string[];
      readonly identifiers: readonly IdentifierColumn[];
    }
  | {
      readonly kind: 'choose-columns';
      readonly header: readonly string[];
      readonly suggestion: ColumnMap | null;
      /** Columns refused as patient identifiers: never offered. */
      readonly refused: readonly number[];
    }
  | { readonly kind: 'done'; readonly summary: WorkloadSummary; readonly shape: ExportShape };

export interface KeptSummary {
  readonly keptAt: string;
  readonly fileName: string;
  readonly summary: WorkloadSummary;
}

export interface WorkloadStore {
  count(
    bytes: Uint8Array,
    choice: WorkloadChoice,
    onProgress: (done: number, total: number) => void,
  ): Promise<WorkloadOutcome>;
  /** The commissioner-notice letter filled from the totals, or null when there is nothing to fill. */
  letter(summary: WorkloadSummary): Promise<string | null>;
  kept(): Promise<KeptSummary | null>;
  keep(fileName: string, summary: WorkloadSummary): Promise<KeptSummary>;
  forget(): Promise<void>;
}
