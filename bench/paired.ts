/**
 * Two builds compared load by load: both extensions open at once (two headless Chromiums), loads
 * alternated one by one, so the machine's drifting load reaches both sides alike. On the shared
 * 2-core machines, separate `bench/browser.ts` runs drifted by more than a half-millisecond change
 * per frame (bench/README.md, issue 22). Figures are inflated by the second browser: read the
 * paired differences, not the levels.
 *
 *   npx tsx bench/paired.ts <base extension dir> <candidate extension dir> frames|2k|20k|visible [pairs]
 *
 * `frames`: the frames20 figure per load (as bench/browser.ts computes it: extension calls and
 * continuations, CPU, per frame) and the calls alone. `2k`: the extension's CPU between
 * `plens:start` and `plens:first-annotation` on the 2,000-row page (page2k_script_cpu_ms). `20k`:
 * the same on the 20,000-row page, and the longest single extension call's CPU in that window (the
 * part of `page20k_longest_task_ms` that is ours). `visible`: on the 20,000-row page, the first
 * screen's flags painted from `plens:start` (page20k_visible_flags_ms) and their registration.
 */
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchWithExtension } from '../tests/e2e/chromium';
import { startServer } from '../tests/server';
import { BENCH_FRAMES, readPackNames, writeFramesPage, writeMedicationPage } from './pages';
import { CONTINUATION_CATEGORIES, PageTrace, startTrace } from './trace';

const PAGES = path.resolve('.tmp/bench-pages');
const KEEP_NAMES_SHIM = { content: 'globalThis.__name ??= (fn) => fn;' };

/** One load's two figures: [headline, secondary]. */
type Figures = readonly [number, number];

async function loadFrames(context: BrowserContext, url: string): Promise<Figures> {
  const page = await context.newPage();
  await page.addInitScript(KEEP_NAMES_SHIM);
  const cdp = await context.newCDPSession(page);
  const stop = await startTrace(cdp, CONTINUATION_CATEGORIES);
  await page.goto(url, { waitUntil: 'load' });
  const frames = page.frames();
  await Promise.all(
    frames.map((f) =>
      f.waitForFunction(() => performance.getEntriesByName('plens:first-annotation').length > 0),
    ),
  );
  const trace = new PageTrace(await stop(), 'plens:start');
  await cdp.detach();
  await page.close();
  const calls = trace.extensionScript(-Infinity, Infinity);
  const continuations = trace.continuationScript();
  return [(calls.cpuMs + continuations.cpuMs) / frames.length, calls.cpuMs / frames.length];
}

/** A medication page's trace from `plens:start` to `plens:first-annotation`, and that window. */
async function traceToFirstAnnotation(
  context: BrowserContext,
  url: string,
): Promise<{ trace: PageTrace; start: number; end: number }> {
  const page = await context.newPage();
  await page.addInitScript(KEEP_NAMES_SHIM);
  const cdp = await context.newCDPSession(page);
  const stop = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () => performance.getEntriesByName('plens:first-annotation').length > 0,
    undefined,
    { timeout: 60_000 },
  );
  const trace = new PageTrace(await stop(), 'plens:start');
  await cdp.detach();
  await page.close();
  const start = trace.userTiming('plens:start');
  const end = trace.userTiming('plens:first-annotation');
  if (start === null || end === null) throw new Error('no plens:start or first annotation');
  return { trace, start, end };
}

/** The 20k page: script CPU to the first annotation, and the longest extension call's CPU. */
async function load20k(context: BrowserContext, url: string): Promise<Figures> {
  const { trace, start, end } = await traceToFirstAnnotation(context, url);
  return [trace.extensionScript(start, end).cpuMs, trace.longestExtensionCall(start, end).cpuMs];
}

/**
 * The 20k page: the first screen's flags painted (the end of the frame after
 * `plens:visible-annotation`, from `plens:start`, as page20k_visible_flags_ms), and when they were
 * registered.
 */
async function loadVisible(context: BrowserContext, url: string): Promise<Figures> {
  const { trace, start } = await traceToFirstAnnotation(context, url);
  const visible = trace.userTiming('plens:visible-annotation', start);
  if (visible === null) throw new Error('no plens:visible-annotation');
  const frame = trace.frameDoneAfter(visible);
  return [((frame ?? NaN) - start) / 1000, (visible - start) / 1000];
}

async function load2k(context: BrowserContext, url: string): Promise<Figures> {
  const { trace, start, end } = await traceToFirstAnnotation(context, url);
  return [trace.extensionScript(start, end).cpuMs, (end - start) / 1000];
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

function describe(label: string, values: readonly number[]): string {
  return `${label} median ${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
}

async function main(): Promise<void> {
  const [baseDir, candidateDir, which = 'frames', pairsArg = '10'] = process.argv.slice(2);
  const modes = ['frames', '2k', '20k', 'visible'];
  if (!baseDir || !candidateDir || !modes.includes(which)) {
    throw new Error(
      'usage: bench/paired.ts <base dir> <candidate dir> frames|2k|20k|visible [pairs]',
    );
  }
  const pairs = Number(pairsArg);
  const names = readPackNames();
  const rows = which === '20k' || which === 'visible' ? 20_000 : 2000;
  const file = which === 'frames' ? 'frames.html' : `gp-${rows}.html`;
  if (which === 'frames') writeFramesPage(PAGES, file, names, BENCH_FRAMES);
  else writeMedicationPage(PAGES, file, { rows, names });
  const measure = { frames: loadFrames, '2k': load2k, '20k': load20k, visible: loadVisible }[
    which as 'frames' | '2k' | '20k' | 'visible'
  ];
  const secondary = {
    frames: 'calls alone',
    '2k': 'start → annotation',
    '20k': 'longest extension call CPU',
    visible: 'start → registered',
  }[which as 'frames' | '2k' | '20k' | 'visible'];
  const server = await startServer(0, [PAGES]);
  const base = await launchWithExtension({ extensionDir: path.resolve(baseDir) });
  const candidate = await launchWithExtension({ extensionDir: path.resolve(candidateDir) });
  const url = server.url(file);
  const pairsRead: { base: Figures; candidate: Figures }[] = [];
  try {
    // One load each first: a fresh profile's install and first renderer are not what is compared.
    await measure(base.context, url);
    await measure(candidate.context, url);
    for (let i = 0; i < pairs; i++) {
      // Alternate which side loads first, so neither always follows the other.
      const b = i % 2 === 0 ? await measure(base.context, url) : null;
      const c = await measure(candidate.context, url);
      const row = { base: b ?? (await measure(base.context, url)), candidate: c };
      pairsRead.push(row);
      console.log(
        `pair ${i + 1}: base ${row.base[0].toFixed(2)} (${row.base[1].toFixed(2)}), candidate ` +
          `${row.candidate[0].toFixed(2)} (${row.candidate[1].toFixed(2)}), difference ` +
          `${(row.candidate[0] - row.base[0]).toFixed(2)}`,
      );
    }
  } finally {
    await base.close();
    await candidate.close();
    await server.close();
  }
  const diffs = pairsRead.map((r) => r.candidate[0] - r.base[0]);
  console.log(
    describe(
      'base',
      pairsRead.map((r) => r.base[0]),
    ),
  );
  console.log(
    describe(
      'candidate',
      pairsRead.map((r) => r.candidate[0]),
    ),
  );
  console.log(
    `${describe('paired difference', diffs)}; ${diffs.filter((d) => d < 0).length} of ${diffs.length} lower; ` +
      `${secondary}: ${describe(
        'difference',
        pairsRead.map((r) => r.candidate[1] - r.base[1]),
      )}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
