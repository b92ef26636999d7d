import { afterEach, describe, expect, test } from 'vitest';
import { Annotator } from './annotator';
import { synchronousScheduler } from './scheduler';
import {
  createTestSession,
  fakeHighlightEnv,
  paintedTexts,
  testHighlighter,
} from '../../../tests/support/content';
import {
  HUGE_BATCH,
  PENDING_CHECK_MS,
  PENDING_WATCH_MS,
  SHADOW_PRUNE_MS,
  watchDom,
} from './watcher';

const controller = new AbortController();
afterEach(() => controller.abort());

async function flushMutations(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function setup(html: string) {
  document.body.innerHTML = html;
  const env = fakeHighlightEnv();
  const session = createTestSession();
  const calls = { full: 0, roots: 0 };
  const annotator = new Annotator(document, session, testHighlighter(env), synchronousScheduler);
  const target = {
    requestRoot: (root: Element) => {
      calls.roots++;
      annotator.requestRoot(root);
    },
    requestFull: () => {
      calls.full++;
      annotator.requestFull();
    },
    requestSweep: () => annotator.requestSweep(),
  };
  const signal = new AbortController();
  watchDom(document, target, signal.signal);
  annotator.requestFull();
  return { env, calls, stop: () => signal.abort() };
}

describe('watchDom', () => {
  test('rows a framework replaces are re-flagged and old marks dropped', async () => {
    const { env } = setup('<ul id="list"><li>Zopiclone</li><li>Amlodipine</li></ul>');
    const list = document.getElementById('list');
    if (!list) throw new Error('fixture');
    list.replaceChildren(
      ...['Warfarin 1mg', 'Amlodipine'].map((t) =>
        Object.assign(document.createElement('li'), { textContent: t }),
      ),
    );
    await flushMutations();
    expect(paintedTexts(env)).toEqual({ 'plens-no-commissioned-service': ['Warfarin'] });
  });

  test('text edited in place is re-read', async () => {
    const { env } = setup('<p id="p">Amlodipine</p>');
    const text = document.getElementById('p')?.firstChild as Text;
    text.data = 'Methotrexate';
    await flushMutations();
    expect(paintedTexts(env)).toEqual({ 'plens-shared-care': ['Methotrexate'] });
  });

  test('text changed in place is unpainted at once, before any rescan runs', async () => {
    document.body.innerHTML = '<p id="p">Zopiclone 7.5mg</p>';
    const env = fakeHighlightEnv();
    const session = createTestSession();
    const highlighter = testHighlighter(env);
    new Annotator(document, session, highlighter, synchronousScheduler).requestFull();
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming': ['Zopiclone'] });
    // A scheduler that never runs stands in for a page too busy to give us a time slice.
    const stalled = new Annotator(document, session, highlighter, { request: () => undefined });
    const signal = new AbortController();
    watchDom(document, stalled, signal.signal);
    const text = document.getElementById('p')?.firstChild as Text;
    text.data = 'Paracetamol 500mg';
    await flushMutations();
    expect(paintedTexts(env)).toEqual({});
    signal.abort();
  });

  test('a huge batch becomes one full rescan', async () => {
    const { calls, env } = setup('<div id="host"></div>');
    const host = document.getElementById('host');
    const blocks = Array.from({ length: HUGE_BATCH + 50 }, (_, i) =>
      Object.assign(document.createElement('p'), {
        textContent: i === 7 ? 'Codeine 30mg' : `row ${i}`,
      }),
    );
    host?.append(...blocks);
    await flushMutations();
    expect(calls.full).toBe(1);
    expect(calls.roots).toBe(0);
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming': ['Codeine'] });
  });

  test('our own overlay host coming and going triggers no work', async () => {
    const { calls } = setup('<p>Codeine</p>');
    const host = document.createElement('plens-overlay');
    document.documentElement.append(host);
    host.remove();
    await flushMutations();
    expect(calls).toEqual({ full: 0, roots: 0 });
  });

  test('stops observing when the signal aborts', async () => {
    const { env, stop } = setup('<p id="p">Amlodipine</p>');
    stop();
    const p = document.getElementById('p');
    if (p) p.textContent = 'Codeine';
    await flushMutations();
    expect(paintedTexts(env)).toEqual({});
  });
});

describe('watchDom inside open shadow roots', () => {
  let stop = new AbortController();
  afterEach(() => {
    stop.abort();
    stop = new AbortController();
  });

  function setupShadow(html: string) {
    document.body.innerHTML = '<med-card id="card"></med-card>';
    const root = document.getElementById('card')?.attachShadow({ mode: 'open' });
    if (!root) throw new Error('fixture');
    root.innerHTML = html;
    const env = fakeHighlightEnv();
    const annotator = new Annotator(
      document,
      createTestSession(),
      testHighlighter(env),
      synchronousScheduler,
    );
    const watch = watchDom(document, annotator, stop.signal);
    annotator.requestFull();
    return { env, root, watch };
  }

  test('a name added later inside a shadow root is flagged', async () => {
    const { env, root } = setupShadow('<ul><li>Amlodipine</li></ul>');
    expect(paintedTexts(env)).toEqual({});
    root.querySelector('ul')?.append(
      Object.assign(document.createElement('li'), {
        textContent: 'Warfarin 1mg',
      }),
    );
    await flushMutations();
    expect(paintedTexts(env)).toEqual({ 'plens-no-commissioned-service': ['Warfarin'] });
  });

  test('text edited in place inside a shadow root is re-read', async () => {
    const { env, root } = setupShadow('Zopiclone 7.5mg');
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming': ['Zopiclone'] });
    (root.firstChild as Text).data = 'Methotrexate 2.5mg';
    await flushMutations();
    expect(paintedTexts(env)).toEqual({ 'plens-shared-care': ['Methotrexate'] });
  });

  test('a component added later, and then a nested one inside it, are watched', async () => {
    const { env, root } = setupShadow('<p>Amlodipine</p>');
    const later = document.createElement('med-panel');
    later.attachShadow({ mode: 'open' }).innerHTML = '<p id="row">Amlodipine</p>';
    document.body.append(later);
    await flushMutations();
    const row = later.shadowRoot?.getElementById('row');
    if (row) row.textContent = 'Codeine 30mg';
    const nested = document.createElement('med-row');
    nested.attachShadow({ mode: 'open' }).textContent = 'Warfarin';
    root.append(nested);
    await flushMutations();
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Codeine'],
      'plens-no-commissioned-service': ['Warfarin'],
    });
  });

  test('a component defined after the scan: its new root is read without any page mutation', async () => {
    const { env, watch } = setupShadow('<p>Amlodipine</p>');
    document.body.append(document.createElement('med-card-deferred'));
    await flushMutations();
    expect(watch.pendingHostCount).toBe(1);
    // The definition arrives: the upgrade attaches and fills a root; the document sees no change.
    customElements.define(
      'med-card-deferred',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<p>Methotrexate 2.5mg</p>';
        }
      },
    );
    await new Promise((resolve) => setTimeout(resolve, PENDING_CHECK_MS + 100));
    expect(paintedTexts(env)).toEqual({ 'plens-shared-care': ['Methotrexate'] });
    expect(watch.pendingHostCount).toBe(0);
    expect(watch.shadowRootCount).toBe(2);
  });

  test('undefined custom elements are forgotten 30 s after the last new one', async () => {
    const { watch } = setupShadow('<p>Amlodipine</p>');
    const realNow = Date.now;
    let now = realNow();
    Date.now = () => now;
    try {
      document.body.append(document.createElement('app-never-defined'));
      await flushMutations();
      expect(watch.pendingHostCount).toBe(1);
      now += PENDING_WATCH_MS;
      await new Promise((resolve) => setTimeout(resolve, PENDING_CHECK_MS + 100));
      expect(watch.pendingHostCount).toBe(0);
    } finally {
      Date.now = realNow;
    }
  });

  test('roots whose host left the page stop being observed', async () => {
    const { watch } = setupShadow('<p>Warfarin</p>');
    expect(watch.shadowRootCount).toBe(1);
    document.getElementById('card')?.remove();
    await new Promise((resolve) => setTimeout(resolve, SHADOW_PRUNE_MS + 50));
    expect(watch.shadowRootCount).toBe(0);
  });
});
