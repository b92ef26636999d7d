import { useEffect, useState } from 'preact/hooks';
import { formatDay } from '@/rules/views/dates';
import { pageReport, type PageReport } from '@/rules/views/page-report';
import type { PageView, PopupStore, RulesView } from './types';

export interface PrintSummaryProps {
  /** null while the page and the rules load. */
  readonly report: PageReport | null;
  /** Why there is nothing to print (no page, not running), when so. */
  readonly empty?: string;
  readonly onPrint: () => void;
}

/**
 * The page summary laid out for A4: title, date, counts, alerts, then each medicine with its
 * counts and its one-line position and next step. Only the "Print" button is left off paper.
 */
export function PrintSummary({ report, empty, onPrint }: PrintSummaryProps) {
  if (!report) {
    return (
      <main class="plens-print">
        <p>{empty ?? 'Reading the page summary…'}</p>
      </main>
    );
  }
  return (
    <main class="plens-print" data-testid="plens-print">
      <h1>{report.title}</h1>
      <p class="plens-print-meta">{report.subtitle}</p>
      <p class="plens-print-noprint">
        <button type="button" class="plens-button plens-button--primary" onClick={onPrint}>
          Print
        </button>
      </p>
      {report.listNote ? <p>{report.listNote}</p> : null}
      <p class="plens-print-counts" data-testid="plens-print-counts">
        {report.counts}
      </p>
      {report.alerts.length > 0 ? (
        <section aria-labelledby="plens-print-alerts">
          <h2 id="plens-print-alerts">Co-prescribing alerts</h2>
          <ul>
            {report.alerts.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {report.groups.map((g) => (
        <section key={g.key} aria-labelledby={`plens-print-${g.key}`}>
          <h2 id={`plens-print-${g.key}`}>
            {g.heading} ({g.lines.length})
          </h2>
          <ul class="plens-print-list">
            {g.lines.map((l) => (
              <li key={l.ruleId} data-rule-id={l.ruleId}>
                <strong>{l.drug}</strong>
                {l.counts ? ` (${l.counts})` : ''}
                {l.summary ? <p class="plens-print-summary">{l.summary}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p class="plens-print-footer">{report.footer}</p>
    </main>
  );
}

/** The report for a page the popup has read, with each medicine's card summary. */
export function reportOf(
  page: Extract<PageView, { kind: 'ready' }>,
  rules: RulesView | null,
  version: string,
  now: Date = new Date(),
): PageReport {
  return pageReport({
    drugs: page.drugs,
    alerts: page.alerts,
    ...(page.patients !== undefined ? { patients: page.patients } : {}),
    summaryFor: (ruleId) => rules?.cardFor(ruleId)?.summary ?? null,
    date: formatDay(now),
    version,
  });
}

/** The print view (`popup.html?tabId=…&view=print`): reads the tab as the popup does. */
export function PrintSummaryPage({
  store,
  onPrint,
}: {
  readonly store: PopupStore;
  readonly onPrint: () => void;
}) {
  const [page, setPage] = useState<PageView>({ kind: 'loading' });
  const [rules, setRules] = useState<RulesView | null>(null);
  useEffect(() => {
    store.loadPage().then(setPage, () => setPage({ kind: 'no-page' }));
    store.loadRules().then(setRules, () => setRules(null));
  }, [store]);
  if (page.kind === 'loading' || (page.kind === 'ready' && !rules))
    return <PrintSummary report={null} onPrint={onPrint} />;
  if (page.kind !== 'ready')
    return (
      <PrintSummary
        report={null}
        empty="There is no page summary to print: the tab shows no clinical page Prescribing Lens reads."
        onPrint={onPrint}
      />
    );
  return (
    <PrintSummary report={reportOf(page, rules, store.about?.version ?? '')} onPrint={onPrint} />
  );
}
