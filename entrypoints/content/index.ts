/**
 * Prescribing Lens content script: wiring only.
 *
 *   watcher (MutationObserver, records only) ─► annotator (dirty-root queue, time slices)
 *     ─► page-session (scanner → engine → marks) ─► highlighter (CSS Custom Highlights)
 *   interactions (pointer/keyboard) ─► hit-test ─► overlay (one shadow root, only while open)
 *
 * Runs at document_idle in every frame of the listed clinical hosts. The page's DOM is never
 * written, except our overlay host while a popover shows. Everything is torn down on ctx.signal.
 * Performance marks: `plens:start` and measure `plens:first-annotation` (start → first full scan
 * painted), used by the benchmark.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CLINICAL_HOST_MATCHES } from '@/rules/hosts';
import corePack from '@/rules/packs/core.json';
import { validatePack } from '@/rules/loader/validate';
import { activateRuleSet, primaryCategory } from '@/rules/loader/activate';
import { matchText } from '@/rules/engine';
import { Annotator } from './annotator';
import { cardsFor } from './cards';
import { defaultHighlightEnv, Highlighter } from './highlighter';
import { wireInteractions } from './interactions';
import { Overlay } from './overlay';
import { PageSession } from './page-session';
import { createSliceScheduler } from './scheduler';
import { watchDom } from './watcher';
import './highlights.css';

export default defineContentScript({
  matches: [...CLINICAL_HOST_MATCHES],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main(ctx) {
    const env = defaultHighlightEnv();
    if (!env) return; // No Highlight API (very old browser): stay inert rather than touch the DOM.
    performance.mark('plens:start');

    const bundled = validatePack(corePack);
    if (!bundled.ok) throw new Error('Prescribing Lens: the bundled rule pack failed validation');
    const { effective, compiled } = activateRuleSet([{ layer: 'bundled', pack: bundled.value }]);
    const today = new Date().toISOString().slice(0, 10);

    const session = new PageSession({
      matchText: (text) => matchText(compiled, text),
      highlightFor: (ruleIds, kind) => {
        if (kind === 'fuzzy') return 'plens-possible';
        const category = primaryCategory(effective, ruleIds);
        return category ? `plens-${category}` : null;
      },
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
      cardsFor: (mark) => cardsFor(mark, effective, today),
      signal: ctx.signal,
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => annotator.requestFull());
    // A page may delete or replace our highlights; put them back (a Map look-up per category).
    ctx.setInterval(() => highlighter.ensureRegistered(), 1000);
    ctx.signal.addEventListener('abort', () => {
      session.clear();
      highlighter.clear();
    });
    annotator.requestFull();
  },
});
