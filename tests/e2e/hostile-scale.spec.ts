/**
 * Big screens: a 100,000-node consultation journal and a 20,000-row repeat medication table. Every
 * listed medicine must be flagged (counted per category), the page must keep answering the
 * clinician's typing while we annotate, and no main-thread task may hold more than 50 ms of the
 * extension's script (the budget), measured from a Chromium trace: tasks are attributed to the
 * extension by the chrome-extension:// URL of the script calls inside them, and rendering (the
 * frame that paints our highlights) is reported apart. The budget is checked on the script's
 * thread (CPU) time: these 2-core machines run other suites at once, and wall time then includes
 * time the renderer was not scheduled at all (bench/README.md); wall figures are recorded beside.
 * The page's DOM must end identical to the same page in a browser without the extension.
 */
import type { Page } from '@playwright/test';
import {
  describeTask,
  openExtensionPage,
  domDigest,
  expect,
  flagCounts,
  foreignRequests,
  note,
  test,
  total,
  traceExtension,
} from '../fixtures/hostile/harness';

/** The budget: no task over 50 ms caused by the extension's script. */
const SCRIPT_TASK_BUDGET_MS = 50;
/** How long the clinician keeps typing while the page loads (stops earlier once all is flagged). */
const TYPING_MS = 15_000;
/** A sanity bound, not a budget: the page must never stop answering keys for a whole second. */
const FROZEN_MS = 1000;

interface Probe {
  readonly delays: number[];
  readonly toFrame: number[];
}

function stats(values: readonly number[]): string {
  if (values.length === 0) return 'no samples';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `n=${sorted.length} median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;
}

/** Types into the page's own #probe field every ~40 ms until `until()` holds (or `maxMs`). */
async function typeWhile(
  page: Page,
  until: () => Promise<boolean>,
  maxMs: number,
): Promise<string> {
  await page.locator('#probe').focus();
  const started = Date.now();
  let typed = '';
  for (let i = 0; Date.now() - started < maxMs; i++) {
    const key = 'abcdefghij'[i % 10] ?? 'a';
    await page.keyboard.press(key);
    typed += key;
    if (i % 5 === 4 && (await until())) break;
    await page.waitForTimeout(40);
  }
  return typed;
}

async function expectedCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const w = window as unknown as {
      hostileScale: { products: string[] };
      HOSTILE_MEDS: { countFor(p: string[]): Record<string, number> };
    };
    return w.HOSTILE_MEDS.countFor(w.hostileScale.products);
  });
}

/**
 * Everything the extension found on the page, per highlight: the page summary its content script
 * keeps in `storage.session` for the badge and popup (marks per rule, painted or not — big pages
 * paint only near the viewport). Read from an extension page.
 */
function summaryCounts(extPage: Page, tabId: number): Promise<Record<string, number>> {
  return extPage.evaluate(async (tab) => {
    type Summary = {
      flagged: { categories: string[]; current: number; possible: number; mentions?: number }[];
    };
    const session = (
      globalThis as unknown as {
        chrome: { storage: { session: { get(k: null): Promise<Record<string, Summary>> } } };
      }
    ).chrome.storage.session;
    const out: Record<string, number> = {};
    for (const [key, summary] of Object.entries(await session.get(null))) {
      if (!key.startsWith(`summary-${tab}-`)) continue;
      for (const d of summary.flagged) {
        const name = `plens-${d.categories[0] ?? ''}`;
        // Issue #18: names in a consultation journal are mentions, counted apart from current
        // medicines; every one is still found.
        out[name] = (out[name] ?? 0) + d.current + d.possible + (d.mentions ?? 0);
      }
    }
    return out;
  }, tabId);
}

/** The test page's tab id, asked of the browser from an extension page (the page is in front). */
async function tabIdOf(page: Page, extPage: Page): Promise<number> {
  await page.bringToFront();
  return extPage.evaluate(async () => {
    type Tabs = { query(q: object): Promise<{ id?: number }[]> };
    const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
    const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

/** What the clinician sees: listed products on screen now, and any of them left unmarked. */
function onScreen(page: Page): Promise<{ shown: number; unmarked: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { HOSTILE_MEDS: { flagged: { product: string }[] } };
    const products = new Set(w.HOSTILE_MEDS.flagged.map((m) => m.product));
    const marked = new Set<Node>();
    for (const [name, h] of CSS.highlights) {
      if (name.startsWith('plens-')) for (const r of h) marked.add(r.startContainer);
    }
    let shown = 0;
    const unmarked: string[] = [];
    for (const el of document.querySelectorAll('#screen strong, #screen tbody td:first-child')) {
      const text = el.firstChild;
      if (!text || !products.has(el.textContent ?? '')) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= innerHeight) continue;
      shown++;
      if (!marked.has(text)) unmarked.push(el.textContent ?? '');
    }
    return { shown, unmarked };
  });
}

for (const { file, minNodes, label } of [
  { file: 'scale-100k-nodes.html', minNodes: 100_000, label: '100,000-node journal' },
  { file: 'scale-20k-rows.html', minNodes: 20_000 * 17, label: '20,000-row table' },
]) {
  test(`${label}: every medicine flagged, typing answered, no script task over ${SCRIPT_TASK_BUDGET_MS} ms`, async ({
    page,
    server,
    log,
    ext,
    plainBrowser,
    extensionContext,
  }, testInfo) => {
    test.setTimeout(120_000);
    const extPage = await openExtensionPage(extensionContext);
    const tabId = await tabIdOf(page, extPage);
    const stopTrace = await traceExtension(ext.cdp);
    const loadStart = Date.now();
    await page.goto(server.url(file), { timeout: 30_000 });
    const expected = await expectedCounts(page);
    const want = total(expected);
    const nodes = await page.evaluate(
      () => (window as unknown as { hostileScale: { nodes: number } }).hostileScale.nodes,
    );
    expect(nodes, 'DOM nodes on the page').toBeGreaterThanOrEqual(minNodes);

    // The clinician types in the page's own field while we annotate, until every medicine on the
    // page is found (the summary) and every one on screen is marked.
    let flaggedAt = 0;
    const allFlagged = async () => {
      if (total(await summaryCounts(extPage, tabId)) < want) return false;
      const screen = await onScreen(page);
      return screen.shown > 0 && screen.unmarked.length === 0;
    };
    const typed = await typeWhile(
      page,
      async () => {
        if (!flaggedAt && (await allFlagged())) flaggedAt = Date.now();
        // Keep typing through the frames that paint the flags.
        return flaggedAt > 0 && Date.now() - flaggedAt > 1000;
      },
      TYPING_MS,
    );
    await expect(page.locator('#probe')).toHaveValue(typed);
    await expect(page.locator('#probe')).toBeFocused();
    // Soft, so the figures still come if it fails. It did fail while this page was the first the
    // content script met after the browser started: see hostile-input.spec.ts, "the first record
    // after the browser starts, typed into at once, is flagged while typing".
    expect
      .soft(flaggedAt, `every medicine flagged while the clinician types (${TYPING_MS / 1000} s)`)
      .toBeGreaterThan(0);
    if (!flaggedAt) {
      await expect
        .poll(allFlagged, { timeout: 30_000, message: 'flagged once typing stops' })
        .toBe(true);
      flaggedAt = Date.now();
    }
    expect(await summaryCounts(extPage, tabId), 'medicines found, per category').toEqual(expected);
    const registeredAtTop = total(await flagCounts(page));

    // Further down the page: whatever comes into view is marked (big pages paint near the viewport).
    const scrolled: string[] = [];
    for (const where of [0.5, 1]) {
      await page.evaluate(
        (f) => window.scrollTo(0, document.documentElement.scrollHeight * f),
        where,
      );
      const started = Date.now();
      await expect
        .poll(() => onScreen(page), { message: `marks on screen at ${where * 100}% down` })
        .toEqual(expect.objectContaining({ unmarked: [] }));
      const screen = await onScreen(page);
      expect(screen.shown, `listed medicines on screen at ${where * 100}% down`).toBeGreaterThan(0);
      scrolled.push(
        `${where * 100}%: ${screen.shown} on screen marked within ${Date.now() - started} ms`,
      );
    }
    const figures = await stopTrace('plens:start', 'plens:first-annotation');
    const probe = await page.evaluate(
      () => (window as unknown as { hostileProbe: Probe }).hostileProbe,
    );
    await extPage.close();

    // The same page, typing and scrolling in a browser without the extension, traced the same
    // way: the big pages' frames are expensive on their own, and only the difference is ours.
    const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
    await plain.goto(server.url(file), { timeout: 30_000 });
    const stopPlainTrace = await traceExtension(await plain.context().newCDPSession(plain));
    await plain.evaluate(() => performance.mark('plain:start'));
    const plainStart = Date.now();
    await typeWhile(plain, () => Promise.resolve(Date.now() - plainStart > 3000), 3500);
    for (const where of [0.5, 1]) {
      await plain.evaluate(
        (f) => window.scrollTo(0, document.documentElement.scrollHeight * f),
        where,
      );
      await plain.waitForTimeout(500);
    }
    const plainFigures = await stopPlainTrace('plain:start');
    const plainProbe = await plain.evaluate(
      () => (window as unknown as { hostileProbe: Probe }).hostileProbe,
    );
    await plain.evaluate(() => window.scrollTo(0, 0));
    const pristine = await domDigest(plain);
    await plain.close();

    note(
      testInfo,
      'page',
      `${nodes} DOM nodes; ${want} flags expected; ${JSON.stringify(expected)}`,
    );
    note(
      testInfo,
      'time to all found and on-screen marked',
      `${flaggedAt - loadStart} ms from navigation (Node clock); ${registeredAtTop} ranges registered at the top of the page`,
    );
    note(testInfo, 'after scrolling', scrolled.join('; '));
    note(
      testInfo,
      'longest task holding our script (CPU)',
      describeTask(figures.longestScriptCpuTask),
    );
    note(
      testInfo,
      'longest task holding our script (wall)',
      `${describeTask(figures.longestScriptTask)}; ${figures.scriptTasksOver50} tasks over 50 ms wall, ${figures.scriptTasksOver50Cpu} over 50 ms CPU`,
    );
    note(
      testInfo,
      'the frame that paints our flags (first rendering task after registration)',
      describeTask(figures.firstRenderTask),
    );
    note(
      testInfo,
      'longest rendering task once our flags were registered (page frames included)',
      describeTask(figures.longestRenderTask),
    );
    note(
      testInfo,
      'longest rendering task without the extension (same page, typing and scrolling)',
      describeTask(plainFigures.longestRenderTask),
    );
    note(
      testInfo,
      'our script in total',
      `${figures.scriptMs.toFixed(0)} ms wall / ${figures.scriptCpuMs.toFixed(0)} ms CPU in ${figures.scriptTasks} tasks over ${figures.windowMs.toFixed(0)} ms; longest single call ${figures.maxScriptCpuMs.toFixed(1)} ms CPU`,
    );
    note(testInfo, 'our longest calls', figures.longestCalls.join('; '));
    note(testInfo, 'key input delay with extension', stats(probe.delays));
    note(testInfo, 'key to next frame with extension', stats(probe.toFrame));
    note(testInfo, 'key input delay without extension', stats(plainProbe.delays));
    note(testInfo, 'key to next frame without extension', stats(plainProbe.toFrame));

    expect(figures.scriptTasks, 'the trace saw our script').toBeGreaterThan(0);
    expect(
      figures.longestScriptCpuTask?.scriptCpuMs ?? 0,
      `no task holds over ${SCRIPT_TASK_BUDGET_MS} ms of the extension's script`,
    ).toBeLessThanOrEqual(SCRIPT_TASK_BUDGET_MS);
    expect(Math.max(0, ...probe.toFrame), 'the page never froze for a second').toBeLessThan(
      FROZEN_MS,
    );
    expect(await domDigest(page), 'page DOM unchanged').toBe(pristine);
    expect(foreignRequests(log, server)).toEqual([]);
    expect(log.errors).toEqual([]);
  });
}
