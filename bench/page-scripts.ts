/**
 * Functions the benchmark runs inside the page's main world (Playwright `addInitScript` and
 * `evaluate`). Each is self-contained: Playwright serialises it, so it may use only its arguments
 * and the page's globals. The content script runs in an isolated world, but the performance
 * timeline and `CSS.highlights` are the document's, so the page sees its marks and highlights.
 */

/** What the init script keeps on `window.__plensBench`. */
export interface BenchState {
  longTasks: { startTime: number; duration: number }[];
  longTaskObserver: PerformanceObserver | null;
  annotated: Promise<void>;
}

interface BenchWindow {
  __plensBench: BenchState;
}

/**
 * Installed before any page script: records long tasks (buffered, so none are missed) and
 * resolves `annotated` when the content script's `plens:first-annotation` measure appears. It
 * never requests animation frames or timers: either would change when the content script's idle
 * callbacks run, and so the figures being measured.
 */
export function installBenchObservers(): void {
  const state: BenchState = {
    longTasks: [],
    longTaskObserver: null,
    annotated: Promise.resolve(),
  };
  (window as unknown as BenchWindow).__plensBench = state;
  const record = (entries: PerformanceEntryList) => {
    for (const e of entries) state.longTasks.push({ startTime: e.startTime, duration: e.duration });
  };
  state.longTaskObserver = new PerformanceObserver((list) => record(list.getEntries()));
  state.longTaskObserver.observe({ type: 'longtask', buffered: true });
  state.annotated = new Promise<void>((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('plens:first-annotation').length > 0) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: 'measure', buffered: true });
  });
}

/** Resolves when the content script has recorded its first annotation. */
export function waitForAnnotation(): Promise<void> {
  return (window as unknown as BenchWindow).__plensBench.annotated;
}

/** Readings after a load: the measures, flags per highlight, long tasks, first paint. */
export interface LoadReadings {
  startMs: number;
  durationMs: number;
  /** End of `plens:visible-annotation` (in-viewport flags registered), if the script records it. */
  visibleEndMs: number | null;
  flags: number;
  longTasks: { startTime: number; duration: number }[];
  fcpMs: number | null;
}

export function readLoad(): LoadReadings {
  const measure = performance.getEntriesByName('plens:first-annotation')[0];
  const visible = performance.getEntriesByName('plens:visible-annotation')[0];
  let flags = 0;
  for (const [name, highlight] of CSS.highlights) {
    if (name.startsWith('plens-')) flags += highlight.size;
  }
  const state = (window as unknown as BenchWindow).__plensBench;
  // Observer callbacks lag behind; take what is queued so the last long tasks are not missed.
  const pending = state.longTaskObserver?.takeRecords() ?? [];
  for (const e of pending) state.longTasks.push({ startTime: e.startTime, duration: e.duration });
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    startMs: measure?.startTime ?? NaN,
    durationMs: measure?.duration ?? NaN,
    visibleEndMs: visible ? visible.startTime + visible.duration : null,
    flags,
    longTasks: state.longTasks,
    fcpMs: fcp ? fcp.startTime : null,
  };
}

/** Resolves after the next frame has rendered (rAF, then a message that runs after rendering). */
export function settleFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => {
      if (left === 0) {
        resolve();
        return;
      }
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => step(left - 1);
        channel.port2.postMessage(0);
      });
    };
    step(count);
  });
}

interface MarkInstance {
  markRegExp(regexp: RegExp, options: { done?: (count: number) => void }): void;
}
type MarkConstructor = new (context: Element) => MarkInstance;

/** mark.js's best use: one `markRegExp` call with one alternation of every name. */
export async function runMarkJs(
  source: string,
): Promise<{ ms: number; frameMs: number; marks: number }> {
  const Mark = (window as unknown as { Mark: MarkConstructor }).Mark;
  const regexp = new RegExp(source, 'gi');
  let marks = -1;
  performance.mark('bench:markjs-start');
  const t0 = performance.now();
  new Mark(document.body).markRegExp(regexp, {
    done: (n) => {
      marks = n;
    },
  });
  const t1 = performance.now();
  performance.mark('bench:markjs-end');
  await new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    }),
  );
  return { ms: t1 - t0, frameMs: performance.now() - t1, marks };
}

/**
 * The page re-renders `count` rows: rows `first…first+count-1` are replaced by new nodes with the
 * text of rows the extension flagged elsewhere in the table (so every new row must be re-flagged).
 * Resolves at the first animation frame at which every new row's medicine is in a highlight.
 */
export async function replaceRowsAndWait(args: {
  first: number;
  count: number;
  sourceOffset: number;
}): Promise<{ latencyMs: number; mutateMs: number } | null> {
  const tbody = document.querySelector('#medication tbody');
  if (!(tbody instanceof HTMLTableSectionElement)) return null;
  const flaggedTexts = new Set<Node>();
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('plens-')) continue;
    for (const r of highlight) flaggedTexts.add(r.startContainer);
  }
  const sources: HTMLTableRowElement[] = [];
  const rows = tbody.rows;
  for (let i = rows.length - 1 - args.sourceOffset; i >= 0 && sources.length < args.count; i--) {
    const row = rows[i];
    const text = row?.querySelector('.med')?.firstChild;
    if (row && text && flaggedTexts.has(text)) sources.push(row);
  }
  if (sources.length < args.count) return null;

  performance.mark('bench:mutate');
  const t0 = performance.now();
  const targets = new Set<Node>();
  sources.forEach((source, k) => {
    const old = rows[args.first + k];
    if (!old) return;
    const tr = document.createElement('tr');
    for (const cell of source.cells) {
      const td = document.createElement('td');
      td.className = cell.className;
      for (const child of cell.childNodes) {
        if (child instanceof HTMLElement) {
          const span = document.createElement(child.tagName);
          span.className = child.className;
          const text = document.createTextNode(child.textContent ?? '');
          span.append(text);
          if (child.classList.contains('med')) targets.add(text);
          td.append(span);
        } else {
          td.append(document.createTextNode(child.textContent ?? ''));
        }
      }
      tr.append(td);
    }
    old.replaceWith(tr);
  });
  const mutateMs = performance.now() - t0;

  return new Promise((resolve) => {
    const check = () => {
      const covered = new Set<Node>();
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('plens-')) continue;
        for (const r of highlight) if (targets.has(r.startContainer)) covered.add(r.startContainer);
      }
      if (covered.size === targets.size) {
        performance.mark('bench:flags-present');
        resolve({ latencyMs: performance.now() - t0, mutateMs });
      } else if (performance.now() - t0 > 5000) {
        resolve(null);
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  });
}

/**
 * The page's own update: new "last issued" dates in `count` rows spread over the table (cells
 * with no medicine in them). Times the edits themselves, then edits → next frame rendered.
 */
export async function editIssuedDates(args: {
  count: number;
  rep: number;
  /**
   * The update is written this many times over in one go (each pass a different date) and its
   * time divided by the passes: one pass takes well under a millisecond, which the page's
   * coarsened clock (100 µs) reads to within a third.
   */
  passes?: number;
}): Promise<{ syncMs: number; frameMs: number }> {
  const cells = document.querySelectorAll('#medication td.issued');
  const stride = Math.max(1, Math.floor(cells.length / args.count));
  const texts: Text[] = [];
  for (let i = 0; i < args.count; i++) {
    const text = cells[(i * stride + args.rep) % cells.length]?.firstChild;
    if (text instanceof Text) texts.push(text);
  }
  const passes = args.passes ?? 1;
  const dates = Array.from(
    { length: passes },
    (_, p) => `${String(1 + ((args.rep + p) % 28)).padStart(2, '0')}-Dec-2026`,
  );
  performance.mark('bench:host-update');
  const t0 = performance.now();
  for (const date of dates) for (const text of texts) text.data = date;
  const t1 = performance.now();
  await new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    }),
  );
  return { syncMs: (t1 - t0) / passes, frameMs: performance.now() - t0 };
}

/**
 * An init script: styles the `bench-one` highlight from the start (an adopted sheet, so the DOM
 * is untouched and no late style change re-styles the whole page).
 */
export function adoptOneHighlightSheet(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('::highlight(bench-one) { background-color: #ffe08a; }');
  const adopt = () => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', adopt);
  else adopt();
}

/**
 * With `idleFirst`, lets two frames render and the page go idle (otherwise straight after load,
 * as a content script does), then registers one highlight over the start of the first "last
 * issued" cell and returns the time to the next rendered frame (rAF, then a message, which runs
 * once that frame has rendered).
 */
export async function registerOneHighlight(args: { idleFirst: boolean }): Promise<number> {
  const frame = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(0);
      }),
    );
  if (args.idleFirst) {
    await frame();
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const cell = document.querySelector('#medication td.issued');
  const walker = document.createTreeWalker(cell ?? document.body, NodeFilter.SHOW_TEXT);
  let text = walker.nextNode();
  while (text instanceof Text && text.data.trim() === '') text = walker.nextNode();
  if (!(text instanceof Text)) return NaN;
  const range = new StaticRange({
    startContainer: text,
    startOffset: 0,
    endContainer: text,
    endOffset: Math.min(5, text.length),
  });
  performance.mark('bench:one-highlight');
  const t0 = performance.now();
  CSS.highlights.set('bench-one', new Highlight(range));
  await frame();
  return performance.now() - t0;
}

/**
 * An init script: a MutationObserver with the content script's options (`WATCH_OPTIONS`, passed in)
 * and a callback that does nothing with its records, for the peer of `host_mutation_slowdown`
 * (what observing text edits costs a page at all, with no scan and no highlights).
 */
export function installBareObserver(options: MutationObserverInit): void {
  const start = () => new MutationObserver(() => undefined).observe(document, options);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
