/**
 * Chromium trace capture and the few questions the benchmark asks of a trace: how much main-thread
 * time the extension's own script took in a window, which task was longest and what it held, and
 * when the next frame finished after a moment. The content script's code cannot be instrumented
 * from the page (it runs in an isolated world), so its script time comes from the trace:
 * `FunctionCall`/`EvaluateScript` events whose script URL is the extension's.
 */
import type { CDPSession } from '@playwright/test';

/** The fields of a Chrome trace event the benchmark reads (Trace Event Format). */
export interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  /** Phase: 'X' complete event, 'I'/'R' instant (marks), 'b'/'e' async begin/end (measures). */
  readonly ph: string;
  /** Microseconds, trace clock. */
  readonly ts: number;
  /** Wall duration in microseconds ('X' events). */
  readonly dur?: number;
  /** Thread (CPU) duration in microseconds ('X' events), when the platform reports it. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: {
    readonly data?: {
      readonly url?: string;
      readonly startTime?: number;
      readonly functionName?: string;
      readonly lineNumber?: number;
      readonly columnNumber?: number;
    };
    readonly startTime?: number;
  };
}

/**
 * `devtools.timeline` gives script calls, style/layout/paint and frames; the disabled-by-default
 * part adds a `RunTask` per main-thread task (long-task attribution); `blink.user_timing` carries
 * performance marks, which anchor the trace clock to `performance.now()`.
 */
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  // Chromium's own capture of a page's text in the first frame after load (`browserCaptureMs`).
  'renderer',
];

/**
 * Chromium's capture of a top-level page's text for translation and phishing checks, in the first
 * lifecycle update after the document finished parsing and again after it finished loading
 * (chrome/renderer/chrome_render_frame_observer.cc). Browser work, not the page's or ours.
 */
export const BROWSER_CAPTURE_EVENT = 'ChromeRenderFrameObserver::CapturePageText';

function isTraceEvent(value: unknown): value is TraceEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.ts === 'number' && typeof v.ph === 'string';
}

/**
 * `v8.execute` adds `RunMicrotasks`: what runs after an extension API answers (a storage read,
 * a message's reply) is a promise continuation, which no `FunctionCall` of ours encloses
 * (`PageTrace.continuationScript`).
 */
export const CONTINUATION_CATEGORIES = ['v8.execute'] as const;

/** Starts tracing the page's renderer; the returned function stops and returns the events. */
export async function startTrace(
  cdp: CDPSession,
  extraCategories: readonly string[] = [],
): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value) if (isTraceEvent(e)) events.push(e);
  });
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: [...CATEGORIES, ...extraCategories] },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

/** A trace reduced to one renderer main thread, with its clock tied to `performance.now()`. */
export class PageTrace {
  private readonly main: TraceEvent[];
  /** trace µs − performance.now() ms × 1000. */
  private readonly offsetUs: number;
  private readonly extensionCalls: TraceEvent[];

  /** `anchorMark`: a performance.mark made in the traced page (gives thread and clock). */
  constructor(
    private readonly events: readonly TraceEvent[],
    anchorMark: string,
  ) {
    const anchor = events.find(
      (e) => e.name === anchorMark && (e.ph === 'I' || e.ph === 'R' || e.ph === 'i'),
    );
    const startTime = anchor?.args?.data?.startTime ?? anchor?.args?.startTime;
    if (!anchor || startTime === undefined) {
      throw new Error(`Trace has no performance mark "${anchorMark}"`);
    }
    this.offsetUs = anchor.ts - startTime * 1000;
    this.main = events
      .filter((e) => e.pid === anchor.pid && e.tid === anchor.tid && e.ph === 'X')
      .sort((a, b) => a.ts - b.ts);
    // Only the outermost extension call counts: nested calls (a callback inside a call) are
    // already inside its duration.
    const calls = this.main.filter(
      (e) =>
        (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
        (e.args?.data?.url ?? '').startsWith('chrome-extension://'),
    );
    this.extensionCalls = [];
    let coveredUntil = -Infinity;
    for (const e of calls) {
      if (e.ts < coveredUntil) continue;
      this.extensionCalls.push(e);
      coveredUntil = e.ts + (e.dur ?? 0);
    }
  }

  /** Wall ms of Chromium's page-text capture (`BROWSER_CAPTURE_EVENT`) that began in the window. */
  browserCaptureMs(fromUs: number, toUs: number): number {
    let us = 0;
    for (const e of this.main)
      if (e.name === BROWSER_CAPTURE_EVENT && e.ts >= fromUs && e.ts < toUs) us += e.dur ?? 0;
    return us / 1000;
  }

  /** Diagnostics: events of at least `minUs` on any thread in the window, by thread. */
  elsewhere(fromUs: number, toUs: number, minUs: number): string[] {
    return this.events
      .filter((e) => e.ph === 'X' && e.ts >= fromUs && e.ts <= toUs && (e.dur ?? 0) >= minUs)
      .sort((a, b) => a.ts - b.ts)
      .map(
        (e) =>
          `${Math.round((e.ts - fromUs) / 100) / 10} ms pid ${e.pid} tid ${e.tid} ${e.name} ${Math.round((e.dur ?? 0) / 100) / 10} ms`,
      );
  }

  /** Trace µs for a `performance.now()` time in ms. */
  toTrace(ms: number): number {
    return ms * 1000 + this.offsetUs;
  }

  /** `performance.now()` ms for a trace time in µs. */
  toPage(us: number): number {
    return (us - this.offsetUs) / 1000;
  }

  /** Trace µs of the first mark or measure end with this name at or after `fromUs`. */
  userTiming(name: string, fromUs = -Infinity): number | null {
    for (const e of this.events) {
      if (e.name !== name || e.ts < fromUs) continue;
      if (e.ph === 'I' || e.ph === 'R' || e.ph === 'i' || e.ph === 'e') return e.ts;
    }
    return null;
  }

  /**
   * The extension's script time in [fromUs, toUs]: wall ms (clipped to the window) and CPU ms
   * (thread time, pro rata when an event is clipped), plus how many calls ran.
   */
  extensionScript(fromUs: number, toUs: number): { wallMs: number; cpuMs: number; calls: number } {
    let wall = 0;
    let cpu = 0;
    let calls = 0;
    for (const e of this.extensionCalls) {
      const dur = e.dur ?? 0;
      const lo = Math.max(e.ts, fromUs);
      const hi = Math.min(e.ts + dur, toUs);
      if (hi <= lo) continue;
      calls++;
      wall += hi - lo;
      cpu += dur > 0 ? ((e.tdur ?? dur) * (hi - lo)) / dur : 0;
    }
    return { wallMs: wall / 1000, cpuMs: cpu / 1000, calls };
  }

  /**
   * Microtask checkpoints that run outside any `FunctionCall` in tasks where no other script
   * ran: the continuations of the extension's promises, which `FunctionCall` events miss because
   * they run after the call returns or after the browser resolves one (an extension API's answer:
   * the storage read at start-up, a message's reply). Only meaningful on a page with no script of
   * its own (frames.html), where no other `await` runs. Needs `CONTINUATION_CATEGORIES`.
   */
  continuationScript(): { wallMs: number; cpuMs: number; checkpoints: number } {
    let wall = 0;
    let cpu = 0;
    let checkpoints = 0;
    let i = 0;
    for (const task of this.main) {
      if (task.name !== 'RunTask') continue;
      const end = task.ts + (task.dur ?? 0);
      while (i < this.main.length && (this.main[i]?.ts ?? Infinity) < task.ts) i++;
      const micro: TraceEvent[] = [];
      let isOthers = false;
      let insideCallUntil = -Infinity;
      for (let j = i; j < this.main.length; j++) {
        const e = this.main[j];
        if (!e || e.ts >= end) break;
        if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') {
          if (!(e.args?.data?.url ?? '').startsWith('chrome-extension://')) {
            isOthers = true;
            break;
          }
          insideCallUntil = Math.max(insideCallUntil, e.ts + (e.dur ?? 0));
        } else if (e.name === 'RunMicrotasks' && e.ts >= insideCallUntil) micro.push(e);
      }
      if (isOthers) continue;
      for (const e of micro) {
        checkpoints++;
        wall += e.dur ?? 0;
        cpu += e.tdur ?? e.dur ?? 0;
      }
    }
    return { wallMs: wall / 1000, cpuMs: cpu / 1000, checkpoints };
  }

  /** The longest single extension call starting in the window: wall and CPU ms. */
  longestExtensionCall(fromUs: number, toUs: number): { wallMs: number; cpuMs: number } {
    let longest: TraceEvent | null = null;
    for (const e of this.extensionCalls) {
      if (e.ts >= fromUs && e.ts <= toUs && (e.dur ?? 0) > (longest?.dur ?? -1)) longest = e;
    }
    return {
      wallMs: (longest?.dur ?? 0) / 1000,
      cpuMs: (longest?.tdur ?? longest?.dur ?? 0) / 1000,
    };
  }

  /** Main-thread tasks that start in the window, longest first. */
  tasks(fromUs: number, toUs: number): TraceEvent[] {
    return this.main
      .filter((e) => e.name === 'RunTask' && e.ts >= fromUs && e.ts <= toUs)
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  }

  /** What a task spent its time on: the extension's script vs style/layout/paint, wall ms. */
  describeTask(task: TraceEvent): { ms: number; scriptMs: number; renderMs: number } {
    const end = task.ts + (task.dur ?? 0);
    let render = 0;
    let renderUntil = -Infinity;
    for (const e of this.main) {
      if (e.ts < task.ts || e.ts >= end || e.ts < renderUntil) continue;
      if (RENDER_EVENTS.has(e.name)) {
        render += e.dur ?? 0;
        renderUntil = e.ts + (e.dur ?? 0);
      }
    }
    return {
      ms: (task.dur ?? 0) / 1000,
      scriptMs: this.extensionScript(task.ts, end).wallMs,
      renderMs: render / 1000,
    };
  }

  /** Diagnostics: a task's top-level events, summed by name, longest first ("Paint 12.3 ms"). */
  taskParts(task: TraceEvent): string[] {
    const end = task.ts + (task.dur ?? 0);
    const byName = new Map<string, number>();
    let coveredUntil = -Infinity;
    for (const e of this.main) {
      if (e === task || e.ts < task.ts || e.ts >= end || e.ts < coveredUntil) continue;
      // Wrappers as long as the task ("ProxyMain::BeginMainFrame") say nothing: read inside them.
      if ((e.dur ?? 0) >= 0.9 * (task.dur ?? 0)) continue;
      byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0));
      coveredUntil = e.ts + (e.dur ?? 0);
    }
    return [...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => `${name} ${Math.round(us / 100) / 10} ms`);
  }

  /** Trace µs at which the first task that renders a frame (paints or commits) after `fromUs` ends. */
  frameDoneAfter(fromUs: number): number | null {
    for (const e of this.main) {
      if (e.ts < fromUs || !FRAME_EVENTS.has(e.name)) continue;
      const task = this.main.find(
        (t) => t.name === 'RunTask' && t.ts <= e.ts && t.ts + (t.dur ?? 0) >= e.ts,
      );
      return task ? task.ts + (task.dur ?? 0) : e.ts + (e.dur ?? 0);
    }
    return null;
  }
}

/** Main-thread rendering work (Chromium's DevTools "Rendering" and "Painting"). */
const RENDER_EVENTS: ReadonlySet<string> = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'HitTest',
]);

/** Events that only occur in a task that produces a frame. */
const FRAME_EVENTS: ReadonlySet<string> = new Set(['PrePaint', 'Paint', 'Commit']);
