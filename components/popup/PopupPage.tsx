import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ActivityLine } from './ActivityLine';
import { AlertList } from './AlertList';
import { DrugLookup } from './DrugLookup';
import { FlaggedMedicines, isPastOnly } from './FlaggedMedicines';
import { AboutFooterFor } from '../welcome/AboutFooter';
import { PageSummaryActions } from './PageSummaryActions';
import { reportOf } from './PrintSummary';
import { pageReportText } from '@/rules/views/page-report';
import type { DismissScope, LetterView, PageView, PopupDrug, PopupStore, RulesView } from './types';

export interface PopupPageProps {
  readonly store: PopupStore;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const NO_LETTERS: readonly LetterView[] = [];

/**
 * "9 current medicines · 1 dismissed (greyed) · 3 past or mentioned only": three separate counts
 * that never include one another; the first is the badge's number. ("12 flagged medicines, 3 only
 * in past" was read as 12 including 3.)
 */
export function summaryLine(drugs: readonly PopupDrug[], patients?: number): string {
  const current = drugs.filter((d) => !isPastOnly(d) && !d.dismissed).length;
  const past = drugs.filter(isPastOnly).length;
  const dismissed = drugs.filter((d) => d.dismissed && !isPastOnly(d)).length;
  const parts = [`${current} current ${current === 1 ? 'medicine' : 'medicines'}`];
  if (dismissed > 0) parts.push(`${dismissed} dismissed (greyed)`);
  if (past > 0) parts.push(`${past} past or mentioned only`);
  const line = parts.join(' · ');
  return patients === undefined
    ? line
    : `A list of ${patients} patients: counts are per patient, and co-prescribing is checked for each patient on their own. ${line}.`;
}

/**
 * The toolbar popup: the tab's flagged medicines (grouped by category, past-only apart, dismissed
 * greyed), co-prescribing alerts, a drug look-up and next-step letters. Quiet: it says what it
 * knows and offers the next step, no more. Escape closes it unless something inside used the key
 * (clearing the search box, collapsing a medicine's options).
 */
export function PopupPage({ store }: PopupPageProps) {
  const [page, setPage] = useState<PageView>({ kind: 'loading' });
  const [rules, setRules] = useState<RulesView | null>(null);
  const [status, setStatus] = useState('');
  const [isChecking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const loads = useRef(0);
  const announceTimer = useRef(0);

  /** Polite announcement; cleared first so the same words twice are announced twice. */
  const announce = useCallback((message: string) => {
    window.clearTimeout(announceTimer.current);
    setStatus('');
    announceTimer.current = window.setTimeout(() => setStatus(message), 30);
  }, []);

  const refresh = useCallback(() => {
    const n = ++loads.current;
    store.loadPage().then(
      (next) => {
        if (n === loads.current) setPage(next);
      },
      () => {
        if (n === loads.current) setPage({ kind: 'no-page' });
      },
    );
  }, [store]);

  useEffect(() => {
    refresh();
    return store.watchPage(refresh);
  }, [store, refresh]);

  useEffect(() => {
    store
      .loadRules()
      .then(setRules, (error: unknown) =>
        announce(`The rule packs could not be read: ${messageOf(error)}`),
      );
  }, [store, announce]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) store.close();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.clearTimeout(announceTimer.current);
    };
  }, [store]);

  const onReveal = (drug: PopupDrug) => {
    store.reveal(drug.ruleId).then(
      (found) => {
        if (found) store.close();
        else announce(`${drug.drug} is no longer on the page.`);
      },
      (error: unknown) =>
        announce(`${drug.drug} could not be shown on the page: ${messageOf(error)}`),
    );
  };

  const onDismiss = (drug: PopupDrug, scope: DismissScope) => {
    store.dismiss(drug.ruleId, scope).then(
      () => {
        announce(
          `${drug.drug} dismissed for this ${scope === 'tab' ? 'tab' : 'session'}: its marks are hidden.`,
        );
        refresh();
      },
      (error: unknown) => announce(`${drug.drug} could not be dismissed: ${messageOf(error)}`),
    );
  };

  const onRestore = (drug: PopupDrug) => {
    store.restore(drug.ruleId).then(
      () => {
        announce(`${drug.drug} restored: its marks are shown again.`);
        refresh();
      },
      (error: unknown) => announce(`${drug.drug} could not be restored: ${messageOf(error)}`),
    );
  };

  const onCopy = (letter: LetterView) => {
    store.copy(letter.text).then(
      () => announce(`Copied: ${letter.title}`),
      (error: unknown) => announce(`The letter could not be copied: ${messageOf(error)}`),
    );
  };

  const onCopySummary = () => {
    if (page.kind !== 'ready') return;
    const text = pageReportText(reportOf(page, rules, store.about?.version ?? ''));
    store.copy(text).then(
      () => announce('Copied: the page summary (no patient details).'),
      (error: unknown) => announce(`The summary could not be copied: ${messageOf(error)}`),
    );
  };

  const onPrint = store.openPrint
    ? () => {
        store
          .openPrint?.()
          .catch((error: unknown) =>
            announce(`The summary could not be opened for printing: ${messageOf(error)}`),
          );
      }
    : undefined;

  const onCheck = () => {
    setChecking(true);
    setCheckError(null);
    store.checkPage().then(
      () => {
        setChecking(false);
        refresh();
      },
      (error: unknown) => {
        setChecking(false);
        setCheckError(messageOf(error));
      },
    );
  };

  const lettersFor = (ruleId: string) => rules?.lettersFor(ruleId) ?? NO_LETTERS;
  const cardFor = (ruleId: string) => rules?.cardFor(ruleId) ?? null;
  const hasList = page.kind === 'ready' && page.drugs.length > 0;

  return (
    <div class="plens-popup">
      <header class="plens-popup-header">
        <h1>Prescribing Lens</h1>
      </header>
      <main class="plens-popup-main">
        <ActivityLine page={page} />
        <p role="status" class="plens-status" data-testid="plens-popup-status">
          {status}
        </p>
        {page.kind === 'ready' ? <AlertList alerts={page.alerts} /> : null}
        <section class="plens-page" aria-labelledby="plens-page-heading">
          <h2 id="plens-page-heading" class="plens-section-heading">
            On this page
          </h2>
          {page.kind === 'loading' ? <p class="plens-empty">Reading this page…</p> : null}
          {page.kind === 'no-page' ? (
            <p class="plens-empty" data-testid="plens-empty">
              No clinical page is open in this tab. You can still look up a medicine below.
            </p>
          ) : null}
          {page.kind === 'not-running' ? (
            <div class="plens-empty" data-testid="plens-empty">
              <p>
                Prescribing Lens does not run on this site. Check this page once to flag its
                medicines; nothing is kept when you leave it.
              </p>
              <button
                type="button"
                class="plens-button plens-button--primary"
                disabled={isChecking}
                onClick={onCheck}
              >
                {isChecking ? 'Checking…' : 'Check this page'}
              </button>
              {checkError ? (
                <p class="plens-error" role="alert">
                  This page could not be checked: {checkError}
                </p>
              ) : null}
            </div>
          ) : null}
          {page.kind === 'ready' && page.drugs.length === 0 ? (
            <p class="plens-empty" data-testid="plens-empty">
              No flagged medicines on this page.
            </p>
          ) : null}
          {page.kind === 'ready' && hasList ? (
            <>
              <p class="plens-hint" data-testid="plens-page-count">
                {summaryLine(page.drugs, page.patients)}
              </p>
              <FlaggedMedicines
                drugs={page.drugs}
                onReveal={onReveal}
                onDismiss={onDismiss}
                onRestore={onRestore}
                lettersFor={lettersFor}
                cardFor={cardFor}
                onCopy={onCopy}
                {...(store.openOptions ? { onSetProfile: store.openOptions } : {})}
              />
              {/* After the list: the first Tab still reaches the first medicine. */}
              <PageSummaryActions onCopy={onCopySummary} {...(onPrint ? { onPrint } : {})} />
            </>
          ) : null}
        </section>
        {/* Focus the look-up only when there is no page to list at all: on a clinical page the list
            may still arrive (frames report after load), and focus must not jump past it. */}
        <DrugLookup
          rules={rules}
          onCopy={onCopy}
          autoFocus={page.kind === 'no-page' || page.kind === 'not-running'}
          {...(store.openOptions ? { onSetProfile: store.openOptions } : {})}
        />
      </main>
      {store.about ? <AboutFooterFor about={store.about} /> : null}
    </div>
  );
}
