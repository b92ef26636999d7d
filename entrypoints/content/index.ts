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
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CLINICAL_HOST_MATCHES } from '@/rules/hosts';
import { matchText } from '@/rules/engine';
import { watchRuleInputs } from '@/rules/store/items';
import { loadRuleState } from '@/rules/store/state';
import { activate, highlightFor, noticesOf, type ActiveRules } from './active-rules';
import { Annotator } from './annotator';
import { cardsFor } from './cards';
import { defaultHighlightEnv, Highlighter } from './highlighter';
import { wireInteractions } from './interactions';
import { Overlay } from './overlay';
import { PageSession } from './page-session';
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
    const highlighter = new Highlighter(env);
    const scheduler = createSliceScheduler(window, { signal: ctx.signal });
    let measured = false;
    const annotator = new Annotator(document, session, highlighter, scheduler, {
      onFullScanDone: () => {
        if (measured) return;
        measured = true;
        performance.measure('plens:first-annotation', 'plens:start');
      },
    });
    const overlay = new Overlay(document);

    watchDom(document, annotator, ctx.signal);
    wireInteractions({
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

    let reloading = Promise.resolve();
    const unwatch = watchRuleInputs(() => {
      reloading = reloading.then(async () => {
        rules = activate(await loadRuleState());
        overlay.hide();
        annotator.requestFull();
      });
    });
    ctx.signal.addEventListener('abort', () => {
      unwatch();
      session.clear();
      highlighter.clear();
    });
    annotator.requestFull();
  },
});
