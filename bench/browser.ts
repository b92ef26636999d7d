/**
 * The browser side of `npm run bench` (issue 3): headless Debian Chromium with the built e2e
 * extension against generated GP medication screens, and a plain Chromium (no extension) running
 * mark.js on the same pages in the same run. Merges its figures into bench/results.json (other
 * fields, e.g. the Node engine's, are kept). What each figure means: bench/README.md.
 *
 * Usage: `npx tsx bench/browser.ts` after `npx wxt build --mode e2e` and `npx wxt build`
 * (scripts/bench.mjs does all of it). Environment: BENCH_LOADS_2K (default 5), BENCH_LOADS_20K
 * (default 3), BENCH_HOST_REPS (default 15), BENCH_FRAME_LOADS (default 3); to compare a candidate build without touching the
 * record, BENCH_EXTENSION_DIR (an unpacked e2e build), BENCH_RESULTS (e.g. bench/results.try.json,
 * git-ignored) and BENCH_ONLY (comma list of 2k, 10k, 20k, frames).
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  EXTENSION_DIR,
  launchWithExtension,
} from '../tests/e2e/chromium';
import { startServer, type RunningServer } from '../tests/server';
import { WATCH_OPTIONS } from '../entrypoints/content/scan/watcher';
import {
  adoptOneHighlightSheet,
  editIssuedDates,
  installBareObserver,
  installBenchObservers,
  readLoad,
  registerOneHighlight,
  replaceRowsAndWait,
  runMarkJs,
  settleFrames,
  waitForAnnotation,
  type LoadReadings,
} from './page-scripts';
import { BENCH_FRAMES, readPackNames, writeFramesPage, writeMedicationPage } from './pages';
import { CONTINUATION_CATEGORIES, PageTrace, startTrace, type TraceEvent } from './trace';

const PAGES_DIR = path.resolve('.tmp/bench-pages');
/** A private copy, so a rebuild by someone else mid-run cannot change what is measured. */
const EXTENSION_COPY = path.resolve('.tmp/bench-extension');
const STORE_CONTENT_SCRIPT = path.resolve('.output/chrome-mv3/content-scripts/content.js');
/** The bundled rules the manifest injects just before it (rules/bundled/data.ts). */
const STORE_RULES_DATA = path.resolve('.output/chrome-mv3/content-scripts/rules-data.js');
const MARKJS = path.resolve('node_modules/mark.js/dist/mark.min.js');
const RESULTS = path.resolve(process.env.BENCH_RESULTS ?? 'bench/results.json');
const SOURCE_EXTENSION_DIR = path.resolve(process.env.BENCH_EXTENSION_DIR ?? EXTENSION_DIR);
const ONLY = new Set((process.env.BENCH_ONLY ?? '2k,10k,20k,frames').split(','));
const VIEWPORT = { width: 1280, height: 800 } as const;

const LOADS_2K = Number(process.env.BENCH_LOADS_2K ?? 5);
const LOADS_20K = Number(process.env.BENCH_LOADS_20K ?? 3);
const HOST_REPS = Number(process.env.BENCH_HOST_REPS ?? 15);
const FRAME_LOADS = Number(process.env.BENCH_FRAME_LOADS ?? 3);
/** Passes of the 200-cell update per host-mutation sample (see editIssuedDates). */
const HOST_PASSES = 100;
/** Incremental re-flag repetitions per 2k load. */
const INCREMENTAL_REPS = 2;
const ANNOTATION_TIMEOUT_MS = 60_000;

type Results = Record<string, number | string>;

/**
 * tsx compiles with esbuild's keepNames, which wraps nested functions in `__name(fn, "name")`;
 * Playwright sends page functions as source text, so the page needs that helper too.
 */
const KEEP_NAMES_SHIM = { content: 'globalThis.__name ??= (fn) => fn;' };

function log(message: string): void {
  process.stderr.write(`[bench:browser] ${message}\n`);
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** "min–max" of a figure's samples, for the figures whose spread the issue asks for. */
function spread(values: readonly number[], digits = 1): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return 'n/a';
  return `${round(Math.min(...finite), digits)}–${round(Math.max(...finite), digits)}`;
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation of every pack name, longest first so "morphine sulfate" wins over "morphine". */
function markJsSource(names: readonly string[]): string {
  const sorted = [...names].sort((a, b) => b.length - a.length);
  return `\\b(?:${sorted.map(escapeRegExp).join('|')})\\b`;
}

/**
 * BENCH_TRACE_DUMP=dir: each traced 20k load's raw events go to dir/<kind>-<n>.json, to be read
 * in Perfetto or by a script (the printed timeline shows only events of 1 ms or more).
 */
const TRACE_DUMP_DIR = process.env.BENCH_TRACE_DUMP;
let dumped = 0;
function dumpTrace(kind: string, events: readonly TraceEvent[]): void {
  if (!TRACE_DUMP_DIR) return;
  fs.mkdirSync(TRACE_DUMP_DIR, { recursive: true });
  dumped += 1;
  fs.writeFileSync(path.join(TRACE_DUMP_DIR, `${kind}-${dumped}.json`), JSON.stringify(events));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A page with the extension, traced from before navigation until `finish()`. */
interface TracedLoad {
  readonly page: Page;
  readonly readings: LoadReadings;
  finish(): Promise<PageTrace>;
}

async function loadWithExtension(context: BrowserContext, url: string): Promise<TracedLoad> {
  const page = await context.newPage();
  await page.addInitScript(KEEP_NAMES_SHIM);
  await page.addInitScript(installBenchObservers);
  const cdp = await context.newCDPSession(page);
  const stop = await startTrace(
    cdp,
    (process.env.BENCH_TRACE_EXTRA ?? '').split(',').filter(Boolean),
  );
  await page.goto(url, { waitUntil: 'load', timeout: ANNOTATION_TIMEOUT_MS });
  await withTimeout(
    page.evaluate(waitForAnnotation),
    ANNOTATION_TIMEOUT_MS,
    `annotation of ${url}`,
  );
  // Two rendered frames, so the frame that paints the highlights is inside the trace.
  await page.evaluate(settleFrames, 2);
  const readings = await page.evaluate(readLoad);
  return {
    page,
    readings,
    finish: async () => {
      const events: TraceEvent[] = await stop();
      await cdp.detach();
      dumpTrace('ext', events);
      return new PageTrace(events, 'plens:start');
    },
  };
}

interface AnnotationFigures {
  /** Navigation start → first full scan painted (measure end), ms. */
  endMs: number;
  durationMs: number;
  scriptMs: number;
  scriptCpuMs: number;
  /** Measure end → the next frame has rendered. */
  frameAfterMs: number;
  flags: number;
}

function annotationFigures(trace: PageTrace, r: LoadReadings): AnnotationFigures {
  const startUs = trace.toTrace(r.startMs);
  const endUs = trace.toTrace(r.startMs + r.durationMs);
  const script = trace.extensionScript(startUs, endUs);
  const frameDone = trace.frameDoneAfter(endUs);
  return {
    endMs: r.startMs + r.durationMs,
    durationMs: r.durationMs,
    scriptMs: script.wallMs,
    scriptCpuMs: script.cpuMs,
    frameAfterMs: frameDone === null ? NaN : (frameDone - endUs) / 1000,
    flags: r.flags,
  };
}

async function runMarkJsLoad(
  browser: Browser,
  url: string,
  source: string,
): Promise<{ ms: number; frameMs: number; marks: number }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.addInitScript(KEEP_NAMES_SHIM);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: ANNOTATION_TIMEOUT_MS });
    await page.evaluate(settleFrames, 2);
    await page.addScriptTag({ path: MARKJS });
    return await page.evaluate(runMarkJs, source);
  } finally {
    await page.close();
  }
}

/** Page 2k: our annotation vs mark.js, interleaved load by load; then incremental re-flags. */
async function benchPage2k(
  ext: BrowserContext,
  plain: Browser,
  url: string,
  source: string,
  results: Results,
): Promise<void> {
  const ours: AnnotationFigures[] = [];
  const peer: { ms: number; frameMs: number; marks: number }[] = [];
  const incremental: { latencyMs: number; scriptMs: number; cpuMs: number; frameMs: number }[] = [];
  for (let i = 0; i < LOADS_2K; i++) {
    const load = await loadWithExtension(ext, url);
    const reps: { latencyMs: number }[] = [];
    for (let rep = 0; rep < INCREMENTAL_REPS; rep++) {
      const r = await load.page.evaluate(replaceRowsAndWait, {
        first: 4 + rep * 10,
        count: 10,
        sourceOffset: (i * INCREMENTAL_REPS + rep) * 40,
      });
      if (!r) throw new Error('The extension did not re-flag the 10 replaced rows within 5 s');
      reps.push(r);
      // Let the frame that paints the change land in the trace, and the extension go idle.
      await load.page.evaluate(settleFrames, 2);
      await sleep(200);
    }
    const trace = await load.finish();
    await load.page.close();
    const figures = annotationFigures(trace, load.readings);
    ours.push(figures);
    let from = -Infinity;
    for (const rep of reps) {
      const mutate = trace.userTiming('bench:mutate', from);
      const present = mutate === null ? null : trace.userTiming('bench:flags-present', mutate);
      if (mutate === null || present === null) continue;
      from = present;
      const script = trace.extensionScript(mutate, present);
      const frameDone = trace.frameDoneAfter(present);
      incremental.push({
        latencyMs: rep.latencyMs,
        scriptMs: script.wallMs,
        cpuMs: script.cpuMs,
        frameMs: frameDone === null ? NaN : (frameDone - present) / 1000,
      });
    }
    const markjs = await runMarkJsLoad(plain, url, source);
    peer.push(markjs);
    log(
      `2k load ${i + 1}/${LOADS_2K}: ours ${round(figures.durationMs)} ms (script ${round(figures.scriptMs)} ms, ` +
        `${figures.flags} flags), mark.js ${round(markjs.ms)} ms (${markjs.marks} marks)`,
    );
  }
  const annotation = median(ours.map((o) => o.durationMs));
  const script = median(ours.map((o) => o.scriptMs));
  const markjs = median(peer.map((p) => p.ms));
  Object.assign(results, {
    page2k_ms: round(median(ours.map((o) => o.endMs))),
    page2k_annotation_ms: round(annotation),
    page2k_script_ms: round(script),
    page2k_script_cpu_ms: round(median(ours.map((o) => o.scriptCpuMs))),
    page2k_frame_after_ms: round(median(ours.map((o) => o.frameAfterMs))),
    page2k_flags: median(ours.map((o) => o.flags)),
    page2k_markjs_ms: round(markjs),
    page2k_markjs_frame_ms: round(median(peer.map((p) => p.frameMs))),
    page2k_markjs_marks: median(peer.map((p) => p.marks)),
    page2k_vs_markjs_ratio: round(markjs / annotation, 2),
    page2k_vs_markjs_regexp_ratio: round(markjs / script, 2),
    page2k_loads: LOADS_2K,
    incremental10_ms: round(median(incremental.map((x) => x.scriptMs)), 2),
    incremental10_cpu_ms: round(median(incremental.map((x) => x.cpuMs)), 2),
    incremental10_latency_ms: round(median(incremental.map((x) => x.latencyMs))),
    incremental10_frame_ms: round(median(incremental.map((x) => x.frameMs))),
    incremental10_samples: incremental.length,
  });
}

/** Page 20k: long tasks after the content script starts, first annotation, visible paint. */
/** The renderer's JS heap in use after a full garbage collection, in MB (CDP). */
async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1e6;
  } finally {
    await cdp.detach();
  }
}

/** The same page in the plain Chromium, annotated by nobody: the heap the page costs anyway. */
async function plainHeap(plain: Browser, url: string, loads: number): Promise<number[]> {
  const heaps: number[] = [];
  for (let i = 0; i < loads; i++) {
    const page = await plain.newPage({ viewport: VIEWPORT });
    await page.addInitScript(KEEP_NAMES_SHIM);
    try {
      await page.goto(url, { waitUntil: 'load', timeout: ANNOTATION_TIMEOUT_MS });
      await page.evaluate(settleFrames, 2);
      heaps.push(await heapAfterGc(page.context(), page));
    } finally {
      await page.close();
    }
  }
  return heaps;
}

/**
 * Peers for `page20k_visible_flags_ms`: the same page in the plain Chromium, one highlight over
 * one word registered by a page script → the next frame rendered, either once the page is idle
 * (its own frames after load rendered) or straight after the load event, as a content script at
 * `document_idle` does. The second is what any Highlight API annotator pays at that moment.
 */
async function plainHighlightFloor(
  plain: Browser,
  url: string,
  loads: number,
  idleFirst: boolean,
): Promise<{ frameMs: number; longestTaskMs: number }[]> {
  const out: { frameMs: number; longestTaskMs: number }[] = [];
  for (let i = 0; i < loads; i++) {
    const page = await plain.newPage({ viewport: VIEWPORT });
    await page.addInitScript(KEEP_NAMES_SHIM);
    await page.addInitScript(adoptOneHighlightSheet);
    const cdp = await page.context().newCDPSession(page);
    try {
      const stop = await startTrace(
        cdp,
        (process.env.BENCH_TRACE_EXTRA ?? '').split(',').filter(Boolean),
      );
      await page.goto(url, { waitUntil: 'load', timeout: ANNOTATION_TIMEOUT_MS });
      if (idleFirst) {
        await page.evaluate(settleFrames, 2);
        await sleep(500);
      }
      const frameMs = await page.evaluate(registerOneHighlight, { idleFirst });
      // The longest main-thread task from the registration through that frame, as for ours.
      const events = await stop();
      dumpTrace(idleFirst ? 'peer-idle' : 'peer-at-load', events);
      const trace = new PageTrace(events, 'bench:one-highlight');
      const fromUs = trace.userTiming('bench:one-highlight') ?? NaN;
      const longest = trace.tasks(fromUs, fromUs + frameMs * 1000)[0];
      if (process.env.BENCH_TIMELINE && longest)
        log(`  peer (${idleFirst ? 'idle' : 'at load'}): ${trace.taskParts(longest).join(', ')}`);
      out.push({ frameMs, longestTaskMs: (longest?.dur ?? 0) / 1000 });
    } finally {
      await cdp.detach().catch(() => undefined);
      await page.close();
    }
  }
  return out;
}

/**
 * BENCH_TIMELINE=1: where the time between `plens:start` and the first screen's painted flags
 * went, task by task (ms from start: wall, our script, rendering), with the content script's marks.
 */
function printTimeline(trace: PageTrace, r: LoadReadings, startUs: number, untilUs: number): void {
  const at = (us: number) => round((us - startUs) / 1000);
  for (const name of ['plens:rules-loaded', 'plens:rules-active', 'plens:visible-annotation']) {
    const us = trace.userTiming(name, startUs);
    log(`  ${name} at ${us === null ? '—' : at(us)} ms`);
  }
  const tasks = trace
    .tasks(startUs, untilUs)
    .filter((t) => (t.dur ?? 0) > 2000)
    .sort((a, b) => a.ts - b.ts);
  for (const t of tasks) {
    const d = trace.describeTask(t);
    log(
      `  task at ${at(t.ts)} ms: ${round(d.ms)} ms (our script ${round(d.scriptMs)}, rendering ${round(d.renderMs)})`,
    );
    if (d.ms > 30) log(`    ${trace.taskParts(t).join(', ')}`);
  }
  if (process.env.BENCH_TRACE_EXTRA)
    for (const line of trace.elsewhere(startUs, untilUs, 1000)) log(`  ${line}`);
  log(
    `  frame with the first screen's flags done at ${at(untilUs)} ms (start ${round(r.startMs)} ms)`,
  );
}

async function benchPage20k(
  ext: BrowserContext,
  plain: Browser,
  url: string,
  results: Results,
): Promise<void> {
  const loads: {
    figures: AnnotationFigures;
    longest: number;
    /** Thread time of the task with the most of it in the same window (a busy machine's wall times include time not scheduled). */
    longestCpu: number;
    longCount: number;
    longTaskApi: number;
    longestCall: { wallMs: number; cpuMs: number };
    longestTask: { ms: number; scriptMs: number; renderMs: number };
    visiblePaintMs: number;
    /** plens:start → the frame that painted the first screen's flags. */
    visibleFlagsMs: number;
    /** plens:start → the first screen's flags registered (our part of the figure above). */
    visibleRegisteredMs: number;
    /** Chromium's page-text capture inside the longest task's window (browser work). */
    browserCaptureMs: number;
    fcp: number;
  }[] = [];
  const heapWith: number[] = [];
  for (let i = 0; i < LOADS_20K; i++) {
    const load = await loadWithExtension(ext, url);
    const trace = await load.finish();
    heapWith.push(await heapAfterGc(ext, load.page));
    await load.page.close();
    const r = load.readings;
    const figures = annotationFigures(trace, r);
    // Tasks before the content script started are the page's own parse and layout. The Long
    // Tasks API leaves out rendering work (the frame that paints our highlights), so the headline
    // figure comes from the trace, where every main-thread task is visible.
    const after = r.longTasks.filter((t) => t.startTime >= r.startMs);
    const startUs = trace.toTrace(r.startMs);
    // Up to the frame that paints the flags: that frame's paint is work the extension caused.
    const paintMs = Number.isFinite(figures.frameAfterMs) ? figures.frameAfterMs : 1000;
    const endUs = trace.toTrace(figures.endMs) + paintMs * 1000 + 1;
    const tasks = trace.tasks(startUs, endUs);
    const longestTask = tasks[0];
    // The in-viewport flags are painted by the first frame after they are registered: all at
    // once at the end of the full scan, unless the script reports a viewport-first measure.
    const visibleEndUs = trace.toTrace(r.visibleEndMs ?? figures.endMs);
    const visibleFrameUs = trace.frameDoneAfter(visibleEndUs);
    loads.push({
      figures,
      longest: (longestTask?.dur ?? 0) / 1000,
      longestCpu: Math.max(0, ...tasks.map((t) => t.tdur ?? 0)) / 1000,
      longCount: tasks.filter((t) => (t.dur ?? 0) > 50_000).length,
      longTaskApi: Math.max(0, ...after.map((t) => t.duration)),
      longestCall: trace.longestExtensionCall(startUs, endUs),
      longestTask: longestTask
        ? trace.describeTask(longestTask)
        : { ms: 0, scriptMs: 0, renderMs: 0 },
      visiblePaintMs: visibleFrameUs === null ? NaN : trace.toPage(visibleFrameUs),
      visibleFlagsMs: visibleFrameUs === null ? NaN : trace.toPage(visibleFrameUs) - r.startMs,
      visibleRegisteredMs: (r.visibleEndMs ?? figures.endMs) - r.startMs,
      browserCaptureMs: trace.browserCaptureMs(startUs, endUs),
      fcp: r.fcpMs ?? NaN,
    });
    if (process.env.BENCH_TIMELINE) printTimeline(trace, r, startUs, visibleFrameUs ?? endUs);
    log(
      `20k load ${i + 1}/${LOADS_20K}: first screen's flags painted ${round(loads.at(-1)?.visibleFlagsMs ?? NaN)} ms ` +
        `after start, annotated at ${round(figures.endMs)} ms, longest task ` +
        `after start ${round(loads.at(-1)?.longest ?? NaN)} ms (thread time of the busiest ` +
        `${round(loads.at(-1)?.longestCpu ?? NaN)} ms; Chromium's page-text capture ` +
        `in the window ${round(loads.at(-1)?.browserCaptureMs ?? NaN)} ms), ${figures.flags} flags`,
    );
  }
  const idle = await plainHighlightFloor(plain, url, LOADS_20K, true);
  const atLoad = await plainHighlightFloor(plain, url, LOADS_20K, false);
  const ms = (xs: { frameMs: number }[]) => xs.map((x) => round(x.frameMs)).join(', ');
  log(
    `20k plain Chromium, one highlight → next frame: idle page ${ms(idle)} ms; straight after ` +
      `load ${ms(atLoad)} ms, longest task ${atLoad.map((x) => round(x.longestTaskMs)).join(', ')} ms`,
  );
  Object.assign(results, {
    page20k_one_highlight_frame_ms: round(median(idle.map((x) => x.frameMs))),
    page20k_one_highlight_at_load_frame_ms: round(median(atLoad.map((x) => x.frameMs))),
    page20k_one_highlight_at_load_longest_task_ms: round(
      median(atLoad.map((x) => x.longestTaskMs)),
    ),
    page20k_ms: round(median(loads.map((l) => l.figures.endMs))),
    page20k_annotation_ms: round(median(loads.map((l) => l.figures.durationMs))),
    page20k_script_ms: round(median(loads.map((l) => l.figures.scriptMs))),
    page20k_script_cpu_ms: round(median(loads.map((l) => l.figures.scriptCpuMs))),
    page20k_frame_after_ms: round(median(loads.map((l) => l.figures.frameAfterMs))),
    page20k_flags: median(loads.map((l) => l.figures.flags)),
    page20k_longest_task_ms: round(median(loads.map((l) => l.longest))),
    page20k_longest_task_max_ms: round(Math.max(...loads.map((l) => l.longest))),
    page20k_longest_task_cpu_ms: round(median(loads.map((l) => l.longestCpu))),
    page20k_browser_capture_ms: round(median(loads.map((l) => l.browserCaptureMs))),
    page20k_long_tasks: median(loads.map((l) => l.longCount)),
    page20k_longtask_api_ms: round(median(loads.map((l) => l.longTaskApi))),
    page20k_longest_task_script_ms: round(median(loads.map((l) => l.longestTask.scriptMs))),
    page20k_longest_task_render_ms: round(median(loads.map((l) => l.longestTask.renderMs))),
    page20k_longest_ext_call_ms: round(median(loads.map((l) => l.longestCall.wallMs))),
    page20k_longest_ext_call_cpu_ms: round(median(loads.map((l) => l.longestCall.cpuMs))),
    page20k_fcp_ms: round(median(loads.map((l) => l.fcp))),
    page20k_heap_mb: round(median(heapWith) - median(await plainHeap(plain, url, LOADS_20K)), 2),
    first_visible_paint_ms_20k: round(median(loads.map((l) => l.visiblePaintMs))),
    page20k_visible_flags_ms: round(median(loads.map((l) => l.visibleFlagsMs))),
    page20k_visible_flags_ms_range: spread(loads.map((l) => l.visibleFlagsMs)),
    page20k_visible_registered_ms: round(median(loads.map((l) => l.visibleRegisteredMs))),
    page20k_loads: LOADS_20K,
  });
}

/** Page 10k: the page's own 200-row update with the extension's highlights present vs without. */
async function benchHostMutation(
  ext: BrowserContext,
  plain: Browser,
  url: string,
  results: Results,
): Promise<void> {
  const load = await loadWithExtension(ext, url);
  const bare = await plain.newPage({ viewport: VIEWPORT });
  await bare.addInitScript(KEEP_NAMES_SHIM);
  await bare.goto(url, { waitUntil: 'load', timeout: ANNOTATION_TIMEOUT_MS });
  await bare.evaluate(settleFrames, 2);
  await sleep(300);
  // The peer: the same page in the plain Chromium with only a MutationObserver of the content
  // script's options attached (no scan, no highlights): what observing the page costs its edits.
  const observed = await plain.newPage({ viewport: VIEWPORT });
  await observed.addInitScript(KEEP_NAMES_SHIM);
  await observed.addInitScript(installBareObserver, WATCH_OPTIONS);
  await observed.goto(url, { waitUntil: 'load', timeout: ANNOTATION_TIMEOUT_MS });
  await observed.evaluate(settleFrames, 2);
  const withExt: { syncMs: number; frameMs: number }[] = [];
  const without: { syncMs: number; frameMs: number }[] = [];
  const observerOnly: { syncMs: number; frameMs: number }[] = [];
  // Alternate so all sides see the same machine noise.
  for (let rep = 0; rep < HOST_REPS; rep++) {
    withExt.push(
      await load.page.evaluate(editIssuedDates, { count: 200, rep, passes: HOST_PASSES }),
    );
    await sleep(250);
    without.push(await bare.evaluate(editIssuedDates, { count: 200, rep, passes: HOST_PASSES }));
    await sleep(50);
    observerOnly.push(
      await observed.evaluate(editIssuedDates, { count: 200, rep, passes: HOST_PASSES }),
    );
    await sleep(50);
  }
  await observed.close();
  const trace = await load.finish();
  const scripts: number[] = [];
  let from = -Infinity;
  for (let rep = 0; rep < HOST_REPS; rep++) {
    const start = trace.userTiming('bench:host-update', from);
    if (start === null) break;
    const next = trace.userTiming('bench:host-update', start + 1) ?? start + 250_000;
    scripts.push(trace.extensionScript(start, next).wallMs);
    from = start + 1;
  }
  await load.page.close();
  await bare.close();
  const syncWith = median(withExt.map((x) => x.syncMs));
  const syncWithout = median(without.map((x) => x.syncMs));
  const syncObserved = median(observerOnly.map((x) => x.syncMs));
  const frameWith = median(withExt.map((x) => x.frameMs));
  const frameWithout = median(without.map((x) => x.frameMs));
  log(
    `10k host update: ${round(syncWith, 2)} ms with, ${round(syncWithout, 2)} ms without, ` +
      `${round(syncObserved, 3)} ms with only an observer; ` +
      `to next frame ${round(frameWith)} / ${round(frameWithout)} ms`,
  );
  Object.assign(results, {
    host_mutation_slowdown: round(syncWith / syncWithout, 2),
    // Each repetition's own ratio (the two sides alternate, so each pair shares the machine's state).
    host_mutation_slowdown_range: spread(
      withExt.map((w, i) => w.syncMs / (without[i]?.syncMs ?? NaN)),
      2,
    ),
    host_mutation_observer_only_slowdown: round(syncObserved / syncWithout, 2),
    host_mutation_observer_only_slowdown_range: spread(
      observerOnly.map((w, i) => w.syncMs / (without[i]?.syncMs ?? NaN)),
      2,
    ),
    host_mutation_ms_with: round(syncWith, 2),
    host_mutation_ms_without: round(syncWithout, 2),
    host_mutation_frame_slowdown: round(frameWith / frameWithout, 2),
    host_mutation_frame_ms_with: round(frameWith),
    host_mutation_frame_ms_without: round(frameWithout),
    host_mutation_ext_script_ms: round(median(scripts), 2),
    host_mutation_reps: HOST_REPS,
  });
}

/**
 * Start-up per frame: the frames page (20 same-origin iframes of 10 rows, and the top page) loads
 * with the extension, and every call into the extension's scripts on the renderer's main thread
 * (all 21 frames share it), rules-data.js and content.js evaluation included, is summed from the
 * trace until each frame has recorded its first annotation, then divided by the frames. The
 * headline figure adds the promise continuations no call encloses (everything after the start-up
 * storage read: restoring the rules, the first scan's set-up); `_calls_` is the calls alone.
 */
async function benchFrames(ext: BrowserContext, url: string, results: Results): Promise<void> {
  const perFrame: { cpuMs: number; wallMs: number; callsCpuMs: number }[] = [];
  for (let i = 0; i < FRAME_LOADS; i++) {
    const page = await ext.newPage();
    await page.addInitScript(KEEP_NAMES_SHIM);
    const cdp = await ext.newCDPSession(page);
    const stop = await startTrace(cdp, CONTINUATION_CATEGORIES);
    await page.goto(url, { waitUntil: 'load', timeout: ANNOTATION_TIMEOUT_MS });
    const frames = page.frames();
    await withTimeout(
      Promise.all(
        frames.map((f) =>
          f.waitForFunction(
            () => performance.getEntriesByName('plens:first-annotation').length > 0,
            null,
            { timeout: ANNOTATION_TIMEOUT_MS },
          ),
        ),
      ),
      ANNOTATION_TIMEOUT_MS,
      `annotation of every frame of ${url}`,
    );
    const trace = new PageTrace(await stop(), 'plens:start');
    await cdp.detach();
    await page.close();
    const calls = trace.extensionScript(-Infinity, Infinity);
    const continuations = trace.continuationScript();
    const cpuMs = calls.cpuMs + continuations.cpuMs;
    perFrame.push({
      cpuMs: cpuMs / frames.length,
      wallMs: (calls.wallMs + continuations.wallMs) / frames.length,
      callsCpuMs: calls.cpuMs / frames.length,
    });
    log(
      `frames load ${i + 1}/${FRAME_LOADS}: ${frames.length} frames, ${round(cpuMs)} ms CPU in the ` +
        `extension's scripts (${round(cpuMs / frames.length, 2)} ms per frame; calls alone ` +
        `${round(calls.cpuMs / frames.length, 2)}, continuations ${round(continuations.cpuMs / frames.length, 2)})`,
    );
  }
  Object.assign(results, {
    frames20_startup_cpu_ms_per_frame: round(median(perFrame.map((f) => f.cpuMs)), 2),
    frames20_startup_cpu_ms_range: spread(
      perFrame.map((f) => f.cpuMs),
      2,
    ),
    frames20_startup_ms_per_frame: round(median(perFrame.map((f) => f.wallMs)), 2),
    frames20_startup_calls_cpu_ms_per_frame: round(median(perFrame.map((f) => f.callsCpuMs)), 2),
    frames20_loads: FRAME_LOADS,
  });
}

function contentScriptSize(results: Results): void {
  const code = fs.readFileSync(STORE_CONTENT_SCRIPT);
  const data = fs.readFileSync(STORE_RULES_DATA);
  Object.assign(results, {
    content_script_bytes: code.length,
    content_script_gzip_bytes: zlib.gzipSync(code, { level: 9 }).length,
    rules_data_bytes: data.length,
    rules_data_gzip_bytes: zlib.gzipSync(data, { level: 9 }).length,
  });
}

function readResults(): Results {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Results)
      : {};
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  for (const file of [path.join(SOURCE_EXTENSION_DIR, 'manifest.json'), STORE_CONTENT_SCRIPT]) {
    if (!fs.existsSync(file)) {
      throw new Error(`Missing ${file}: run \`npx wxt build --mode e2e && npx wxt build\` first`);
    }
  }
  fs.rmSync(EXTENSION_COPY, { recursive: true, force: true });
  fs.cpSync(SOURCE_EXTENSION_DIR, EXTENSION_COPY, { recursive: true });

  const names = readPackNames();
  const pages = new Map<number, string>();
  for (const rows of [2000, 10000, 20000]) {
    const file = `gp-${rows}.html`;
    writeMedicationPage(PAGES_DIR, file, { rows, names });
    pages.set(rows, file);
  }
  writeFramesPage(PAGES_DIR, 'frames.html', names, BENCH_FRAMES);
  const server: RunningServer = await startServer(0, [PAGES_DIR]);
  const ext = await launchWithExtension({ extensionDir: EXTENSION_COPY, viewport: VIEWPORT });
  const plain = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const results: Results = {};
  try {
    const url = (rows: number) => server.url(pages.get(rows) ?? '');
    if (ONLY.has('2k')) {
      await benchPage2k(ext.context, plain, url(2000), markJsSource(names.all), results);
    }
    if (ONLY.has('10k')) await benchHostMutation(ext.context, plain, url(10000), results);
    if (ONLY.has('20k')) await benchPage20k(ext.context, plain, url(20000), results);
    if (ONLY.has('frames')) await benchFrames(ext.context, server.url('frames.html'), results);
    contentScriptSize(results);
    results.chromium_version = plain.version();
  } finally {
    await plain.close();
    await ext.close();
    await server.close();
  }
  results.browser_bench_seconds = round((Date.now() - started) / 1000);
  results.measured_at = new Date().toISOString();
  // Read-modify-write: the engine benchmark's fields (and any others) stay; ours go after them,
  // in this run's order, ending with when they were measured.
  const previous = readResults();
  for (const key of Object.keys(results)) delete previous[key];
  const merged = { ...previous, ...results };
  fs.writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
  log(`wrote ${Object.keys(results).length} figures to ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
