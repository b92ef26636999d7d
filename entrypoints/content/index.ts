/**
 * Prescribing Lens content script: wiring only. What runs where:
 *
 *   page/    lifetime (our own abort signal) · active-rules (the background's compiled rules)
 *            · shared-rules (taken from the same-origin frame above, waited for briefly if it
 *              has not started yet, else restored here) · preparation (a long page's rules
 *              and engine tables made ready one per task before its first scan)
 *            · dismissals · publisher (summary for badge and popup) · requests (from the popup)
 *            · frame-status (can this frame show its marks?)
 *   scan/    watcher (MutationObserver, records only) ─► annotator (dirty roots, time slices)
 *            ─► page-session (scanner → engine → marks) with section-context (past or current)
 *   paint/   viewport-culler ─► highlighter (CSS Custom Highlights; names from highlight-names)
 *   popover/ interactions (pointer, keyboard) ─► hit-test ─► overlay (one shadow root)
 *
 * Runs at document_idle in every frame of the listed clinical hosts and granted sites. The page's
 * DOM is never written, except our overlay host while something shows. In test builds only, marks
 * `plens:start` and measures `plens:first-annotation` (start → first full scan painted) for the
 * benchmark (page/timing.ts: a page could read them). WXT's start-up postMessage is switched off.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { IS_TEST_BUILD } from '@/rules/config/build';
import { CLINICAL_HOST_MATCHES } from '@/rules/config/hosts';
import { isLinkAllowed } from '@/rules/schema/settings';
import { readStartupValues, watchRuleInputs } from '@/rules/store/items';
import { rulesSnapshotKey } from '@/rules/loader/rules-snapshot';
import { bundledDataSteps, icbNameOf } from '@/rules/bundled/page';
import { categoryFor, isQuietFor, noticesOf, type ActiveRules } from './page/active-rules';
import { Dismissals, hiddenOn, patientContextOf } from './page/dismissals';
import { noticeFoldedOn, rememberNoticeFolded } from './page/notice-fold';
import { FrameStatus } from './page/frame-status';
import { markTiming, measureTiming } from './page/timing';
import { claimFrame, extensionAlive, watchLocation } from './page/lifetime';
import { summarizePageSteps } from './page/page-summary';
import { SummaryPublisher } from './page/publisher';
import { activateShared, offerRules, RulesShelf, waitForRulesOffer } from './page/shared-rules';
import { answerRequests } from './page/requests';
import { highlightNameOf } from './paint/highlight-names';
import { defaultHighlightEnv, Highlighter } from './paint/highlighter';
import { documentScreens, PaintWeight } from './paint/paint-weight';
import { ViewportCuller } from './paint/viewport-culler';
import { cardsFor } from './popover/cards';
import { returnKeyboardTo, wireInteractions } from './popover/interactions';
import { Overlay } from './popover/overlay';
import { Annotator } from './scan/annotator';
import { memoizeMatches } from './scan/match-memo';
import { PageSession, type Mark } from './scan/page-session';
import { preparation } from './page/preparation';
import { createSliceScheduler } from './scan/scheduler';
import { PatientScopes } from './scan/patient-scope';
import { SectionContext } from './scan/section-context';
import { watchDom } from './scan/watcher';
import './paint/highlights.css';

/** In test builds, page text containing this makes the scan throw (tests/e2e/active-indicator.spec.ts). */
const TEST_SCAN_FAULT = 'PLENS-TEST-SCAN-FAULT';
/**
 * Pages taller than this many screens (the 20,000-row screen is about 600; 2,000 rows about 60)
 * take long enough to read that the first screen's flags get their own frame first.
 */
const LONG_PAGE_SCREENS = 100;
/**
 * How often we check that the page has not removed our highlights or overlay, and that the folded
 * notice has not come to cover one of the page's controls.
 */
const REPAIR_CHECK_MS = 1000;

export default defineContentScript({
  matches: [...CLINICAL_HOST_MATCHES],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // WXT would post {type: '<extension id>:content:wxt:content-script-started'} to the page: it
  // names the extension to any page script, and a replay of it is WXT's stop signal (issue #16).
  // Our lifetime (page/lifetime.ts) does not use it.
  noScriptStartedPostMessage: true,
  async main() {
    const status = new FrameStatus();
    const env = defaultHighlightEnv((blocked) => status.set('marks-removed', blocked));
    if (!env) return; // No Highlight API (very old browser): stay inert rather than touch the DOM.
    const life = claimFrame();
    if (!life) return; // Already running in this frame (e.g. injected again from the popup).
    markTiming('plens:start');
    // A frame that starts before the frames above it offer their rules waits briefly for them,
    // without polling, then reads and scans as before (page/shared-rules.ts). Before the storage
    // read, so no change to storage can fall between the read and its watch.
    const offered = waitForRulesOffer();
    if (offered) {
      await offered;
      if (life.signal.aborted) return;
    }
    // The frames inside this one scan with the rules this frame restores (page/shared-rules.ts).
    // Offered once this frame knows where its own come from, so a frame inside waits for the
    // highest frame's rules, not for a set this one builds and then does not use.
    const shelf = new RulesShelf();
    offerRules(shelf, life.signal, extensionAlive);

    const startup = await readStartupValues();
    markTiming('plens:rules-loaded');
    // The rules are taken at their first use (page/shared-rules.ts); the test-build mark then
    // says whether they came from a frame above (tests/e2e/frames.spec.ts).
    let rules: ActiveRules = activateShared(startup, shelf, (shared) =>
      markTiming('plens:rules-active', IS_TEST_BUILD, { shared }),
    );
    if (life.signal.aborted) return;

    const patients = new PatientScopes(document);
    // Remembered per rules object (a new one after every re-read), so a text seen before costs no
    // look-up of the lazily taken set (page/shared-rules.ts).
    const matchRun = memoizeMatches((active: ActiveRules, text: string) =>
      active.matchText(active.compiled, text),
    );
    const session = new PageSession({
      matchText: (text) => {
        // Test builds only: the e2e suite's stand-in for a bug that throws on some page text.
        if (IS_TEST_BUILD && text.includes(TEST_SCAN_FAULT)) throw new Error('test scan fault');
        return matchRun(rules, text);
      },
      categoryOf: (ruleIds) => categoryFor(rules, ruleIds),
      sections: new SectionContext(),
      patients,
    });
    const dismissals = new Dismissals(startup.dismissedRules);
    // Heavy pages are painted without text-decoration (paint/paint-weight.ts).
    const weight = new PaintWeight(() => documentScreens(window));
    const highlighter = new Highlighter(
      env,
      // A medicine the practice is commissioned for is painted quietly (underline only) (#19).
      (mark) =>
        highlightNameOf(
          mark,
          isQuietFor(rules, mark.ruleIds) ? 'underline' : rules.state.settings.highlightStyle,
          weight.isHeavy,
        ),
      (mark) => !mark.ruleIds.every((id) => dismissals.isDismissed(id)),
    );
    const painter = new ViewportCuller(window, session, highlighter);
    const repaint = () => {
      painter.resync();
      publisher.publish();
    };
    const overlay = new Overlay(document, {
      onDismissNotice: (alertId) => {
        dismissals.closeAlert(alertId);
        publisher.publish();
      },
      onShowHidden: (ruleIds) => void dismissals.restore(ruleIds).then(repaint),
      onRevealRule: (ruleId) => {
        const mark = firstMarkOf(session.allMarks(), ruleId);
        if (mark) interactions.reveal(mark);
      },
      onFoldedChange: (folded) => void rememberNoticeFolded(location.host, folded),
      returnToName: (markId) => {
        for (const mark of session.allMarks())
          if (mark.id === markId) return returnKeyboardTo(mark, document);
      },
    });
    overlay.setFolded(noticeFoldedOn(startup.noticeFolded, location.host));
    // Another patient (or page) in view: the tab's choices for this one, read in the background.
    const onHiddenChanged = () =>
      void Promise.resolve().then(() => {
        painter.resync();
        publisher.schedule();
      });
    const publisher = new SummaryPublisher({
      compute: function* () {
        dismissals.noteContext(patientContextOf(patients, location), onHiddenChanged);
        return dismissals.annotate(
          yield* summarizePageSteps(
            session.allMarks(),
            rules.effective,
            dismissals.rules(),
            dismissals.closedAlerts(),
            (mark) => patients.keyOf(mark.block),
            rules.state.settings.practice,
          ),
        );
      },
      showNotices: (notices) => {
        overlay.setNotices(notices);
        overlay.setHidden(hiddenOn(publisher.summary));
      },
      life,
    });
    let firstScanDone = false;
    const isLongPage = () =>
      document.documentElement.scrollHeight > LONG_PAGE_SCREENS * innerHeight;
    const annotator = new Annotator(
      document,
      session,
      painter,
      createSliceScheduler(window, { signal: life.signal }),
      {
        onFullScanDone: (_marks, runs) => {
          if (weight.noteFullScan(runs)) painter.resync();
          if (firstScanDone) return;
          firstScanDone = true;
          // A page with no text has not needed its rules yet: take them now, as every frame did
          // at start-up, so a missing snapshot is still asked for.
          void rules.compiled;
          measureTiming('plens:first-annotation', 'plens:start');
        },
        // A rect read per few runs of the first screen only; layout is already done at
        // document_idle, so this forces none (bench/README.md, page20k_visible_flags_ms).
        isBelowFold: (block) => block.getBoundingClientRect().top >= window.innerHeight,
        isLongPage,
        prepare: preparation(isLongPage, () => rules, bundledDataSteps()),
        onVisibleDone: () => measureTiming('plens:visible-annotation', 'plens:start'),
        onChange: () => publisher.schedule(),
        onScanError: (error) => {
          console.warn(
            'Prescribing Lens: a scan stopped on an error; the page is not fully read',
            error,
          );
          status.set('scan-failed', true);
        },
        onRecovered: () => status.set('scan-failed', false),
      },
    );

    // The notice's placement check (below) only needs to run once something has moved.
    watchDom(
      document,
      {
        textChanged: (node) => {
          overlay.notePageChanged();
          annotator.textChanged(node);
        },
        requestRoot: (root) => {
          overlay.notePageChanged();
          annotator.requestRoot(root);
        },
        requestFull: () => {
          overlay.notePageChanged();
          annotator.requestFull();
        },
        requestSweep: () => annotator.requestSweep(),
      },
      life.signal,
    );
    const interactions = wireInteractions({
      doc: document,
      session,
      overlay,
      cardsFor: (mark) =>
        cardsFor(
          mark,
          rules.effective,
          rules.today,
          (url) => isLinkAllowed(url, rules.state.managed.allowedLinkHosts),
          rules.state.settings,
          icbNameOf(rules.state.settings.practice?.icb),
        ),
      notices: () => noticesOf(rules),
      signal: life.signal,
      isShown: (mark) => !mark.ruleIds.every((id) => dismissals.isDismissed(id)),
    });
    watchLocation(window, life, () => annotator.requestFull());
    // Ranges, registry and overlay host: any repair counts toward "not working" (issue #16).
    life.setInterval(() => {
      highlighter.ensureRegistered(overlay.ensureAttached());
      overlay.recheckPlacement();
    }, REPAIR_CHECK_MS);

    answerRequests(
      {
        summary: () => publisher.summary,
        reportAgain: () => {
          if (firstScanDone) publisher.reportAgain();
          status.reportAgain();
        },
        reveal: (ruleId) => {
          const mark = firstMarkOf(session.allMarks(), ruleId);
          return mark ? interactions.reveal(mark) : false;
        },
        dismiss: (ruleId, scope) => dismissals.set(ruleId, scope).then(repaint),
        step: (direction, fromEdge) => interactions.stepAcross(direction, fromEdge),
      },
      life.signal,
    );
    const unwatchDismissals = dismissals.watch(() => {
      painter.resync();
      publisher.schedule();
    });

    let reloading = Promise.resolve();
    let inputs = markingInputs(startup.activeRules, rules);
    const unwatchRules = watchRuleInputs(() => {
      reloading = reloading.then(async () => {
        const values = await readStartupValues();
        rules = activateShared(values, shelf);
        overlay.hide();
        // A new style only renames highlights: repaint. Anything else may change what is marked.
        const next = markingInputs(values.activeRules, rules);
        if (next === inputs) painter.resync();
        else annotator.requestFull();
        inputs = next;
      });
    }, 'pages');
    life.signal.addEventListener('abort', () => {
      // The page first: once the extension is updated or removed, its storage calls throw
      // ("Extension context invalidated"), and marks left behind by a script that no longer
      // updates them would look like a checked page (tests/e2e/extension-reload.spec.ts).
      painter.stop();
      session.clear();
      highlighter.clear();
      overlay.destroy();
      try {
        unwatchRules();
        unwatchDismissals();
      } catch {
        // Nothing to unwatch: the invalidated context's listeners went with it.
      }
    });
    annotator.requestFull();
  },
});

/** The rule's first current exact mark, else its first mark: where "reveal" scrolls to. */
function firstMarkOf(marks: Iterable<Mark>, ruleId: string): Mark | null {
  let fallback: Mark | null = null;
  for (const mark of marks) {
    if (!mark.ruleIds.includes(ruleId)) continue;
    if (!mark.isPast && mark.kind === 'exact') return mark;
    fallback ??= mark;
  }
  return fallback;
}

/**
 * What decides which names are marked: the background's rule snapshot (compared by its stored
 * text, not re-serialised), the policy and the categories in force. Not the highlight style.
 */
function markingInputs(activeRules: unknown, rules: ActiveRules): string {
  const { managed, settings } = rules.state;
  // The practice profile decides which names are marked and the badge count (#19).
  const practice = [settings.practice ?? null, settings.commissionedFlags ?? null];
  return `${rulesSnapshotKey(activeRules)}\n${JSON.stringify([managed, settings.categories, practice])}`;
}
