/**
 * Prescribing Lens content script: wiring only.
 *
 *   store (packs, settings, policy) ─► active-rules (validated layers → compiled engine)
 *   watcher (MutationObserver, records only) ─► annotator (dirty-root queue, time slices)
 *     ─► page-session (scanner → engine → marks) ─► highlighter (CSS Custom Highlights)
 *   interactions (pointer/keyboard) ─► hit-test ─► overlay (one shadow root, only while open)
 *
 * Runs at document_idle in every frame of the listed clinical hosts (and sites the user or admin
 * turns on). The page's DOM is never written, except our overlay host while a popover shows.
 * A change of pack, settings or policy re-annotates in place (one replace-all scan, no reload).
 * Everything is torn down on our own lifetime signal (lifetime.ts: WXT's context can be switched
 * off by any page). Performance: mark `plens:start`, measure
 * `plens:first-annotation` (start → first full scan painted), read by the benchmark.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { IS_TEST_BUILD } from '@/rules/config/build';
import { CLINICAL_HOST_MATCHES } from '@/rules/config/hosts';
import { matchText } from '@/rules/engine';
import { dismissedRulesItem, readStartupValues, watchRuleInputs } from '@/rules/store/items';
import { parseContentRequest, type PageSummary } from '@/rules/schema/messages';
import { isLinkAllowed } from '@/rules/schema/settings';
import { pageRuleState } from '@/rules/store/state';
import { activate, highlightFor, noticesOf, type ActiveRules } from './page/active-rules';
import { Annotator } from './scan/annotator';
import { cardsFor } from './popover/cards';
import { reportFrameStatus } from './page/frame-status';
import { defaultHighlightEnv, Highlighter } from './paint/highlighter';
import { wireInteractions } from './popover/interactions';
import { Overlay } from './popover/overlay';
import { PageSession, type Mark } from './scan/page-session';
import { summarizePage } from './page/page-summary';
import { createSliceScheduler } from './scan/scheduler';
import { SectionContext } from './scan/section-context';
import { ViewportCuller } from './paint/viewport-culler';
import { claimFrame, watchLocation } from './page/lifetime';
import { watchDom } from './scan/watcher';
import './paint/highlights.css';

/** In test builds, page text containing this makes the scan throw (tests/e2e/active-indicator.spec.ts). */
const TEST_SCAN_FAULT = 'PLENS-TEST-SCAN-FAULT';

export default defineContentScript({
  matches: [...CLINICAL_HOST_MATCHES],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main() {
    const env = defaultHighlightEnv();
    if (!env) return; // No Highlight API (very old browser): stay inert rather than touch the DOM.
    const life = claimFrame();
    if (!life) return; // Already running in this frame (e.g. injected again from the popup).
    performance.mark('plens:start');

    const startup = await readStartupValues();
    performance.mark('plens:rules-loaded');
    let rules: ActiveRules = activate(await pageRuleState(startup));
    performance.mark('plens:rules-active');
    if (life.signal.aborted) return;

    const session = new PageSession({
      matchText: (text) => {
        // Test builds only: the e2e suite's stand-in for a bug that throws on some page text.
        if (IS_TEST_BUILD && text.includes(TEST_SCAN_FAULT)) throw new Error('test scan fault');
        return matchText(rules.compiled, text);
      },
      highlightFor: (ruleIds, kind, isPast) => highlightFor(rules, ruleIds, kind, isPast),
      sections: new SectionContext(),
    });
    // Quiet mode: dismissed medicines stay counted in the summary but are not painted.
    const dismissedInTab = new Set<string>();
    let dismissedInSession = new Set(startup.dismissedRules);
    const dismissedAlerts = new Set<string>();
    const isDismissed = (id: string) => dismissedInTab.has(id) || dismissedInSession.has(id);
    const dismissed = () => new Set([...dismissedInTab, ...dismissedInSession]);

    const highlighter = new Highlighter(env, (mark) => !mark.ruleIds.every(isDismissed));
    const scheduler = createSliceScheduler(window, { signal: life.signal });
    let summary: PageSummary = { flagged: [], alerts: [] };
    let publishTimer = 0;
    const overlay = new Overlay(document, (alertId) => {
      dismissedAlerts.add(alertId);
      publish();
    });
    // After marks change (debounced): the co-prescribing notice, and the summary for the badge.
    const publish = () => {
      const state = summarizePage(
        session.allMarks(),
        rules.effective,
        dismissed(),
        dismissedAlerts,
      );
      summary = state.summary;
      overlay.setNotices(state.notices);
      const message = { type: 'plens:summary', summary };
      // A worker still installing drops the first message (fresh profile): retry once.
      browser.runtime.sendMessage(message).catch(() =>
        life.setTimeout(() => {
          browser.runtime.sendMessage(message).catch(() => undefined);
        }, 1000),
      );
    };
    const schedulePublish = () => {
      window.clearTimeout(publishTimer);
      publishTimer = life.setTimeout(publish, 250);
    };
    let measured = false;
    const painter = new ViewportCuller(window, session, highlighter);
    const annotator = new Annotator(document, session, painter, scheduler, {
      onFullScanDone: () => {
        if (measured) return;
        measured = true;
        performance.measure('plens:first-annotation', 'plens:start');
      },
      onChange: schedulePublish,
      onScanError: (error) => {
        console.warn(
          'Prescribing Lens: a scan stopped on an error; the page is not fully read',
          error,
        );
        reportFrameStatus(true, 'scan-failed');
      },
      onRecovered: () => reportFrameStatus(false, 'scan-failed'),
    });

    watchDom(document, annotator, life.signal);
    const interactions = wireInteractions({
      doc: document,
      session,
      overlay,
      cardsFor: (mark) =>
        cardsFor(mark, rules.effective, rules.today, (url) =>
          isLinkAllowed(url, rules.state.managed.allowedLinkHosts),
        ),
      notices: () => noticesOf(rules),
      signal: life.signal,
    });
    watchLocation(window, life, () => annotator.requestFull());
    // A page may delete or replace our highlights; put them back (a Map look-up per category).
    life.setInterval(() => highlighter.ensureRegistered(), 1000);

    const firstMarkOf = (ruleId: string): Mark | null => {
      let fallback: Mark | null = null;
      for (const mark of session.allMarks()) {
        if (!mark.ruleIds.includes(ruleId)) continue;
        if (!mark.isPast && mark.kind === 'exact') return mark;
        fallback ??= mark;
      }
      return fallback;
    };
    const setDismissed = async (ruleId: string, scope: 'tab' | 'session' | null) => {
      dismissedInTab.delete(ruleId);
      dismissedInSession.delete(ruleId);
      if (scope === 'tab') dismissedInTab.add(ruleId);
      if (scope === 'session') dismissedInSession.add(ruleId);
      await dismissedRulesItem.setValue([...dismissedInSession]);
      painter.resync();
      publish();
    };
    // Requests from our popup only (runtime messages never come from web pages).
    const onMessage = (message: unknown) => {
      const request = parseContentRequest(message);
      if (!request || life.signal.aborted) return undefined;
      switch (request.type) {
        case 'plens:get-summary':
          return Promise.resolve(summary);
        case 'plens:report':
          // The background forgot this tab's frames on a navigation we outlived (back/forward cache).
          if (measured) publish();
          if (annotator.hasFailedScan) reportFrameStatus(true, 'scan-failed');
          if (highlighter.isPaintBlocked) reportFrameStatus(true, 'marks-removed');
          return undefined;
        case 'plens:reveal': {
          const mark = firstMarkOf(request.ruleId);
          return Promise.resolve(mark ? interactions.reveal(mark) : false);
        }
        case 'plens:dismiss':
          return setDismissed(request.ruleId, request.scope).then(() => true);
        case 'plens:restore':
          return setDismissed(request.ruleId, null).then(() => true);
      }
    };
    // webextension-polyfill: a listener answers by returning a Promise (or undefined for "not mine").
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    browser.runtime.onMessage.addListener(onMessage);
    dismissedRulesItem.watch((ids) => {
      dismissedInSession = new Set(ids);
      painter.resync();
      schedulePublish();
    });

    let reloading = Promise.resolve();
    const unwatch = watchRuleInputs(() => {
      reloading = reloading.then(async () => {
        rules = activate(await pageRuleState(await readStartupValues()));
        overlay.hide();
        annotator.requestFull();
      });
    }, 'pages');
    life.signal.addEventListener('abort', () => {
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      browser.runtime.onMessage.removeListener(onMessage);
      unwatch();
      painter.stop();
      session.clear();
      highlighter.clear();
      overlay.destroy();
    });
    annotator.requestFull();
  },
});
