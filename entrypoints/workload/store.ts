/**
 * The workload page's only I/O: the rules in force (read once), the worker that counts, and the one
 * thing ever written: a summary the user chooses to keep (aggregate only, its own storage key).
 * The chosen file is read into memory, handed to the worker and never stored.
 */
import { storage } from 'wxt/utils/storage';
import { mergePacks, type LayeredPack } from '@/rules/loader/merge';
import { loadRuleState } from '@/rules/store/state';
import { MAX_CSV_BYTES } from '@/rules/rag/csv';
import { sniffListFormat } from '@/rules/rag/list';
import { workloadNoticeLetter, workloadServices } from '@/rules/views/workload';
import type {
  KeptSummary,
  WorkloadChoice,
  WorkloadOutcome,
  WorkloadStore,
} from '@/components/workload/types';
import type { WorkloadReply, WorkloadRequest, WorkloadSource } from './protocol';

/** A kept summary: totals and medicine names only, with when it was kept. */
export type KeptWorkload = KeptSummary;

export const keptWorkloadItem = storage.defineItem<KeptWorkload | null>('local:workloadSummary', {
  fallback: null,
});

/**
 * The biggest file accepted: the CSV reader's own limit (rules/rag/csv.ts), far above a 50,000-row
 * export (about 3 MB as CSV), checked here so the message speaks of exports, not formulary lists.
 */
export const MAX_EXPORT_BYTES = MAX_CSV_BYTES;

function isKept(value: unknown): value is KeptWorkload {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.keptAt === 'string' && typeof o.fileName === 'string' && typeof o.summary === 'object'
  );
}

export function createWorkloadStore(): WorkloadStore {
  let state: ReturnType<typeof loadRuleState> | null = null;
  const ruleState = () => (state ??= loadRuleState());
  const rules = async (): Promise<readonly LayeredPack[]> => (await ruleState()).layers;
  // Per-service totals follow the practice profile (issue #19), when one is set.
  const services = async () => {
    const { layers, settings } = await ruleState();
    return workloadServices(mergePacks(layers), settings.practice);
  };
  let worker: Worker | null = null;

  const source = (bytes: Uint8Array): WorkloadSource | string => {
    const format = sniffListFormat(bytes);
    if (format === 'xls')
      return 'This is an old Excel (.xls) workbook. Open it in Excel and save it as .xlsx or CSV';
    return { kind: format === 'xlsx' ? 'xlsx' : 'csv', bytes };
  };

  return {
    async count(bytes, choice: WorkloadChoice, onProgress) {
      if (bytes.length > MAX_EXPORT_BYTES) {
        return {
          kind: 'error',
          message: `The file is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB: export the drug name and counts only, or a shorter period`,
        };
      }
      const from = source(bytes);
      if (typeof from === 'string') return { kind: 'error', message: from };
      const request: WorkloadRequest = {
        source: from,
        layers: (await rules()).filter((l) => l.layer !== 'bundled'),
        columns: choice.columns,
        dropIdentifiers: choice.dropIdentifiers,
        services: await services(),
      };
      worker?.terminate();
      const current = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      worker = current;
      return new Promise<WorkloadOutcome>((resolve) => {
        const finish = (outcome: WorkloadOutcome) => {
          // The worker held the rows: ending it drops them.
          current.terminate();
          if (worker === current) worker = null;
          resolve(outcome);
        };
        current.onerror = (event) => {
          event.preventDefault();
          finish({ kind: 'error', message: `The count could not run: ${event.message}` });
        };
        current.onmessage = (event: MessageEvent<WorkloadReply>) => {
          const reply = event.data;
          if (reply.kind === 'progress') onProgress(reply.done, reply.total);
          else finish(reply);
        };
        current.postMessage(request);
      });
    },
    async letter(summary) {
      const effective = mergePacks(await rules());
      return workloadNoticeLetter(effective, summary, new Date());
    },
    async kept() {
      const value = await keptWorkloadItem.getValue();
      return isKept(value) ? value : null;
    },
    async keep(fileName, summary) {
      const kept = { keptAt: new Date().toISOString(), fileName, summary };
      await keptWorkloadItem.setValue(kept);
      return kept;
    },
    async forget() {
      await keptWorkloadItem.removeValue();
    },
  };
}
