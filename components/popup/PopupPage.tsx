import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ActivityLine } from './ActivityLine';
import { AlertList } from './AlertList';
import { DrugLookup } from './DrugLookup';
import { FlaggedMedicines, hiddenWhere, isPastOnly } from './FlaggedMedicines';
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
 * "9 current medicines · 1 hidden (greyed) · 3 past or mentioned only": three separate counts
 * that never include one another; the first is the badge's number. ("12 flagged medicines, 3 only
 * in past" was read as 12 including 3.)
 */
export function summaryLine(drugs: readonly PopupDrug[], patients?: number): string {
  const current = drugs.filter((d) => !isPastOnly(d) && !d.dismissed).length;
  const past = drugs.filter(isPastOnly).length;
  const dismissed = drugs.filter((d) => d.dismissed && !isPastOnly(d)).length;
  const parts = [`${current} current ${current === 1 ? 'medicine' : 'medicines'}`];
  if (dismissed > 0) parts.push(`${dismissed} hidden (greyed)`);
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
    const tabScope = page.kind === 'ready' ? page.tabScope : undefined;
    store.dismiss(drug.ruleId, scope).then(
      () => {
        const where = hiddenWhere({ ...drug, dismissedScope: scope }, tabScope);
        announce(`${drug.drug}: ${where.charAt(0).toLowerCase()}${where.slice(1)}.`);
        refresh();
      },
      (error: unknown) => announce(`${drug.drug} could not be hidden: ${messageOf(error)}`),
    );
  };

  /** "Show 2 hidden": every hidden medicine back in one step. */
  const onRestoreAll = (drugs: readonly PopupDrug[]) => {
    Promise.all(drugs.map((d) => store.restore(d.ruleId))).then(
      () => {
        announce(
          `${drugs.length} hidden ${drugs.length === 1 ? 'medicine is' : 'medicines are'} shown again.`,
        );
        refresh();
      },
      (error: unknown) => announce(`The hidden medicines could not be shown: ${messageOf(error)}`),
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
  const hiddenDrugs = page.kind === 'ready' ? page.drugs.filter((d) => d.dismissed) : [];

  // On open, focus goes where the work is: the first flagged medicine when the page has any, else
  // the look-up. Never away from something the user has chosen: but frames report after load, so
  // a list that arrives while focus still rests, untouched, where we put it in an empty look-up
  // takes the focus to its first medicine (the user has not typed or moved yet).
  const listRef = useRef<HTMLElement>(null);
  const placedFocus = useRef<Element | null | 'done'>(null);
  useEffect(() => {
    if (page.kind === 'loading' || placedFocus.current === 'done') return;
    const active = document.activeElement;
    const lookup = document.getElementById('plens-lookup-input');
    const untouched =
      active === null ||
      active === document.body ||
      (active === placedFocus.current && lookup instanceof HTMLInputElement && lookup.value === '');
    if (!untouched) {
      placedFocus.current = 'done';
      return;
    }
    const first = hasList
      ? listRef.current?.querySelector<HTMLElement>(
          '[data-testid="plens-reveal"], .plens-item-side',
        )
      : null;
    if (first) {
      first.focus();
      placedFocus.current = 'done';
    } else if (lookup) {
      lookup.focus();
      placedFocus.current = lookup;
    }
  }, [page.kind, hasList]);

  return (
    <div class="plens-popup">
      <header class="plens-popup-header">
        <h1>Prescribing Lens</h1>
      </header>
      <main class="plens-popup-main">
        <ActivityLine page={page} />
        {/* The look-up first, so it is one Tab away whatever the page lists (it was 31). */}
        <DrugLookup
          rules={rules}
          onCopy={onCopy}
          {...(store.openOptions ? { onSetProfile: store.openOptions } : {})}
        />
        <p role="status" class="plens-status" data-testid="plens-popup-status">
          {status}
        </p>
        {page.kind === 'ready' ? <AlertList alerts={page.alerts} /> : null}
        <section class="plens-page" aria-labelledby="plens-page-heading" ref={listRef}>
          <h2 id="plens-page-heading" class="plens-section-heading">
            On this page
          </h2>
          {page.kind === 'loading' ? <p class="plens-empty">Reading this page…</p> : null}
          {page.kind === 'no-page' ? (
            <p class="plens-empty" data-testid="plens-empty">
              No clinical page is open in this tab. You can still look up a medicine above.
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
              {hiddenDrugs.length > 0 ? (
                <p class="plens-hint" data-testid="plens-hidden">
                  {hiddenDrugs.length} hidden —{' '}
                  <button
                    type="button"
                    class="plens-button"
                    onClick={() => onRestoreAll(hiddenDrugs)}
                  >
                    Show {hiddenDrugs.length === 1 ? 'it' : 'all'} again
                  </button>
                </p>
              ) : null}
              <FlaggedMedicines
                drugs={page.drugs}
                {...(page.tabScope ? { tabScope: page.tabScope } : {})}
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
      </main>
      {store.about ? <AboutFooterFor about={store.about} /> : null}
    </div>
  );
}
