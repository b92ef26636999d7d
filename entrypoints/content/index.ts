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
 * Everything is torn down on ctx.signal. Performance: mark `plens:start`, measure
 * `plens:first-annotation` (start → first full scan painted), read by the benchmark.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CLINICAL_HOST_MATCHES } from '@/rules/hosts';
import { matchText } from '@/rules/engine';
import { dismissedRulesItem, watchRuleInputs } from '@/rules/store/items';
import { parseContentRequest, type PageSummary } from '@/rules/store/messages';
import { loadRuleState } from '@/rules/store/state';
import { activate, highlightFor, noticesOf, type ActiveRules } from './active-rules';
import { Annotator } from './annotator';
import { cardsFor } from './cards';
import { defaultHighlightEnv, Highlighter } from './highlighter';
import { wireInteractions } from './interactions';
import { Overlay } from './overlay';
import { PageSession, type Mark } from './page-session';
import { summarizePage } from './page-summary';
import { createSliceScheduler } from './scheduler';
import { SectionContext } from './section-context';
import { watchDom } from './watcher';
import './highlights.css';

export default defineContentScript({
  matches: [...CLINICAL_HOST_MATCHES],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main(ctx) {
    const env = defaultHighlightEnv();
    if (!env) return; // No Highlight API (very old browser): stay inert rather than touch the DOM.
    performance.mark('plens:start');

    let rules: ActiveRules = activate(await loadRuleState());
    if (ctx.isInvalid) return;

    const session = new PageSession({
      matchText: (text) => matchText(rules.compiled, text),
      highlightFor: (ruleIds, kind, isPast) => highlightFor(rules, ruleIds, kind, isPast),
      sections: new SectionContext(),
    });
    // Quiet mode: dismissed medicines stay counted in the summary but are not painted.
    const dismissedInTab = new Set<string>();
    let dismissedInSession = new Set(await dismissedRulesItem.getValue());
    const dismissedAlerts = new Set<string>();
    const isDismissed = (id: string) => dismissedInTab.has(id) || dismissedInSession.has(id);
    const dismissed = () => new Set([...dismissedInTab, ...dismissedInSession]);

    const highlighter = new Highlighter(env, (mark) => !mark.ruleIds.every(isDismissed));
    const scheduler = createSliceScheduler(window, { signal: ctx.signal });
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
      browser.runtime.sendMessage({ type: 'plens:summary', summary }).catch(() => undefined);
    };
    const schedulePublish = () => {
      window.clearTimeout(publishTimer);
      publishTimer = ctx.setTimeout(publish, 250);
    };
    let measured = false;
    const annotator = new Annotator(document, session, highlighter, scheduler, {
      onFullScanDone: () => {
        if (measured) return;
        measured = true;
        performance.measure('plens:first-annotation', 'plens:start');
      },
      onChange: schedulePublish,
    });

    watchDom(document, annotator, ctx.signal);
    const interactions = wireInteractions({
      doc: document,
      session,
      overlay,
      cardsFor: (mark) => cardsFor(mark, rules.effective, rules.today),
      notices: () => noticesOf(rules),
      signal: ctx.signal,
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => annotator.requestFull());
    // A page may delete or replace our highlights; put them back (a Map look-up per category).
    ctx.setInterval(() => highlighter.ensureRegistered(), 1000);

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
      highlighter.resync(session.allMarks());
      publish();
    };
    // Requests from our popup only (runtime messages never come from web pages).
    const onMessage = (message: unknown) => {
      const request = parseContentRequest(message);
      if (!request || ctx.isInvalid) return undefined;
      switch (request.type) {
        case 'plens:get-summary':
          return Promise.resolve(summary);
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
      highlighter.resync(session.allMarks());
      schedulePublish();
    });

    let reloading = Promise.resolve();
    const unwatch = watchRuleInputs(() => {
      reloading = reloading.then(async () => {
        rules = activate(await loadRuleState());
        overlay.hide();
        annotator.requestFull();
      });
    });
    ctx.signal.addEventListener('abort', () => {
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      browser.runtime.onMessage.removeListener(onMessage);
      unwatch();
      session.clear();
      highlighter.clear();
      overlay.destroy();
    });
    annotator.requestFull();
  },
});
