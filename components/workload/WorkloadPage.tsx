/**
 * Practice workload (issue #23): choose an export, see how much flagged work the practice does,
 * copy or print it, fill the commissioner-notice letter from the totals, keep the summary if you
 * choose. Props in, callbacks out: the store does the reading, counting and storage.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '@/rules/views/dates';
import {
  summaryText,
  type ColumnMap,
  type WorkloadSummary as Summary,
} from '@/rules/views/workload';
import { ColumnChooser } from './ColumnChooser';
import { IdentifierRefusal } from './IdentifierRefusal';
import { NoticeLetter } from './NoticeLetter';
import { WorkloadSummary } from './WorkloadSummary';
import type { KeptSummary, WorkloadOutcome, WorkloadStore } from './types';

interface Props {
  readonly store: WorkloadStore;
  /** Injected so tests need no clipboard or print dialog. */
  readonly copy?: (text: string) => Promise<void>;
  readonly print?: () => void;
}

interface Chosen {
  readonly name: string;
  readonly bytes: Uint8Array;
}

type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'counting' }
  | { readonly kind: 'outcome'; readonly outcome: WorkloadOutcome }
  | { readonly kind: 'kept'; readonly kept: KeptSummary };

const defaultCopy = (text: string) => navigator.clipboard.writeText(text);
const defaultPrint = () => window.print();

export function WorkloadPage({ store, copy = defaultCopy, print = defaultPrint }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [updates, setUpdates] = useState(0);
  const [letter, setLetter] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [kept, setKept] = useState<KeptSummary | null>(null);
  const chosen = useRef<Chosen | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    store.kept().then(setKept, () => setKept(null));
  }, [store]);

  const count = (columns: ColumnMap | null, dropIdentifiers: boolean) => {
    const file = chosen.current;
    if (!file) return;
    setStage({ kind: 'counting' });
    setLetter(null);
    setStatus('');
    setProgress(null);
    setUpdates(0);
    store
      .count(file.bytes, { columns, dropIdentifiers }, (done, total) => {
        setProgress({ done, total });
        setUpdates((u) => u + 1);
      })
      .then(
        (outcome) => setStage({ kind: 'outcome', outcome }),
        (error: unknown) =>
          setStage({
            kind: 'outcome',
            outcome: {
              kind: 'error',
              message: error instanceof Error ? error.message : String(error),
            },
          }),
      );
  };

  const onFile = (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    file.arrayBuffer().then(
      (buffer) => {
        chosen.current = { name: file.name, bytes: new Uint8Array(buffer) };
        count(null, false);
      },
      () =>
        setStage({
          kind: 'outcome',
          outcome: { kind: 'error', message: 'The file could not be read' },
        }),
    );
  };

  const again = () => {
    chosen.current = null;
    setStage({ kind: 'idle' });
    setProgress(null);
    if (input.current) input.current.value = '';
    input.current?.focus();
  };

  const summary: Summary | null =
    stage.kind === 'outcome' && stage.outcome.kind === 'done'
      ? stage.outcome.summary
      : stage.kind === 'kept'
        ? stage.kept.summary
        : null;
  const fileName =
    stage.kind === 'kept' ? stage.kept.fileName : (chosen.current?.name ?? 'the export');

  const act = (what: Promise<unknown>, done: string, failed: string) => {
    what.then(
      () => setStatus(done),
      () => setStatus(failed),
    );
  };

  return (
    <>
      <header class="plens-header plens-no-print">
        <h1>Practice workload</h1>
      </header>
      <main class="plens-main">
        <section class="plens-panel plens-no-print" aria-labelledby="plens-choose-title">
          <h2 id="plens-choose-title">Count your practice’s flagged work</h2>
          <p>
            Choose a CSV or Excel (.xlsx) export of a medication search from your clinical system:
            the drug name and, if it has them, the number of patients or issues. The file is read on
            this computer and never sent anywhere or stored; only drug names and counts are read. An
            export with NHS numbers, names, dates of birth, addresses or postcodes is refused.
          </p>
          <label for="plens-workload-file">Choose an export (CSV or .xlsx)</label>
          <input
            id="plens-workload-file"
            ref={input}
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv"
            onChange={onFile}
          />
          {progress ? (
            <div class="plens-progress">
              <label for="plens-workload-progress">Rows counted</label>
              <progress
                id="plens-workload-progress"
                max={Math.max(progress.total, 1)}
                value={progress.done}
                data-updates={updates}
              />
              <span role="status" data-testid="plens-progress-text">
                {progress.done.toLocaleString('en-GB')} of {progress.total.toLocaleString('en-GB')}{' '}
                rows
              </span>
            </div>
          ) : stage.kind === 'counting' ? (
            <p role="status">Reading the file…</p>
          ) : null}
          {kept && stage.kind !== 'kept' ? (
            <p data-testid="plens-kept">
              You kept a summary of {kept.fileName} on {formatDateTime(kept.keptAt)}.{' '}
              <button
                type="button"
                class="plens-link"
                onClick={() => setStage({ kind: 'kept', kept })}
              >
                Show it
              </button>
            </p>
          ) : null}
        </section>

        {stage.kind === 'outcome' && stage.outcome.kind === 'error' ? (
          <section class="plens-panel" aria-labelledby="plens-error-title">
            <h2 id="plens-error-title">The export could not be counted</h2>
            <p role="alert" class="plens-error" data-testid="plens-workload-error">
              {stage.outcome.message}
            </p>
          </section>
        ) : null}
        {stage.kind === 'outcome' && stage.outcome.kind === 'identifiers' ? (
          <IdentifierRefusal
            identifiers={stage.outcome.identifiers}
            onDrop={() => count(null, true)}
            onCancel={again}
          />
        ) : null}
        {stage.kind === 'outcome' && stage.outcome.kind === 'choose-columns' ? (
          <ColumnChooser
            header={stage.outcome.header}
            suggestion={stage.outcome.suggestion}
            refused={stage.outcome.refused}
            onChoose={(columns) => count(columns, true)}
            onCancel={again}
          />
        ) : null}

        {summary ? (
          <>
            <WorkloadSummary summary={summary} fileName={fileName} />
            <section class="plens-panel plens-no-print" aria-label="What to do with the summary">
              <div class="plens-actions">
                <button
                  type="button"
                  onClick={() =>
                    act(copy(summaryText(summary)), 'Summary copied', 'Could not copy the summary')
                  }
                >
                  Copy summary
                </button>
                <button type="button" onClick={print}>
                  Print
                </button>
                <button
                  type="button"
                  onClick={() => {
                    void store.letter(summary).then(
                      (text) => {
                        setLetter(text);
                        setStatus(
                          text
                            ? 'Letter filled from the totals'
                            : 'Nothing unfunded to give notice on',
                        );
                      },
                      () => setStatus('The letter could not be filled'),
                    );
                  }}
                >
                  Fill the notice letter
                </button>
                {stage.kind === 'kept' ? (
                  <button
                    type="button"
                    class="plens-secondary"
                    onClick={() =>
                      act(
                        store.forget().then(() => {
                          setKept(null);
                          again();
                        }),
                        'Kept summary forgotten',
                        'Could not forget the summary',
                      )
                    }
                  >
                    Forget this summary
                  </button>
                ) : (
                  <button
                    type="button"
                    class="plens-secondary"
                    onClick={() =>
                      act(
                        store.keep(fileName, summary).then(setKept),
                        'Summary kept on this computer (totals and medicine names only)',
                        'Could not keep the summary',
                      )
                    }
                  >
                    Keep this summary
                  </button>
                )}
                <span role="status" data-testid="plens-workload-status">
                  {status}
                </span>
              </div>
            </section>
            {letter ? <NoticeLetter text={letter} onCopy={copy} /> : null}
          </>
        ) : null}
      </main>
    </>
  );
}
