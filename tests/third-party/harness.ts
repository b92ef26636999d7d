/**
 * Shared by tests/e2e/third-party-*.spec.ts: serves the built third-party pages on 127.0.0.1, reads
 * their expected highlights (tests/third-party/expected/*.json) and reads a page's DOM in a browser
 * without the extension after the same interactions, for the "page unchanged" comparisons.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server';
import { withoutEmpty, type HighlightTexts } from '../e2e/highlights';
import { ensureThirdPartyBuilt } from './build';

const EXPECTED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'expected');

/** Builds the pages if needed (see build.ts) and serves them on a free loopback port. */
export async function startThirdPartyServer(): Promise<RunningServer> {
  return startServer(0, [await ensureThirdPartyBuilt()]);
}

export interface ThirdPartyExpectations {
  /** Expected highlights (empty categories dropped) in a named state. */
  state(name: string): HighlightTexts;
  /** Any other value of the file (e.g. a list of names). */
  list(name: string): string[];
}

export function loadThirdPartyExpectations(file: string): ThirdPartyExpectations {
  const raw = JSON.parse(fs.readFileSync(path.join(EXPECTED_DIR, file), 'utf8')) as Record<
    string,
    unknown
  >;
  return {
    state(name) {
      const value = raw[name];
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw new Error(`${file}: no expected state "${name}"`);
      }
      return withoutEmpty(value as Record<string, string[]>);
    },
    list(name) {
      const value = raw[name];
      if (!Array.isArray(value)) throw new Error(`${file}: no list "${name}"`);
      return value.map(String);
    },
  };
}

/**
 * The page's DOM as a browser without the extension shows it after `steps`, with the same viewport
 * as the extension's context.
 */
export async function plainDom(
  browser: Browser,
  url: string,
  steps?: (page: Page) => Promise<void>,
): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url);
    if (steps) await steps(page);
    return await page.evaluate(() => document.documentElement.outerHTML);
  } finally {
    await page.close();
  }
}

/**
 * Replaces ids an app draws at random (Mantine's `mantine-xxxxxxxxx` fallback ids) by their order of
 * first appearance, so two loads of the same app compare equal when their structure is the same.
 */
export function withStableIds(html: string, pattern: RegExp): string {
  const seen = new Map<string, string>();
  return html.replace(pattern, (id) => {
    let stable = seen.get(id);
    if (stable === undefined) {
      stable = `random-id-${seen.size}`;
      seen.set(id, stable);
    }
    return stable;
  });
}

/** The page's DOM without our one `<plens-overlay>` host, if a popover is showing. */
export function domWithoutOurHost(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelector('plens-overlay')?.remove();
    return clone.outerHTML;
  });
}

export interface PaintedFrames {
  /** Animation frames sampled. */
  readonly frames: number;
  /** For each highlighted text, in how many of those frames it was painted. */
  readonly texts: Record<string, number>;
}

/**
 * What our highlights paint, frame by frame (read in requestAnimationFrame, just before each paint),
 * until `done()` holds in the page or `maxMs` passes. Self-contained for `evaluate`.
 */
export function paintedPerFrame(
  target: Page | Frame,
  doneSelector: string,
  doneText: string,
  maxMs: number,
): Promise<PaintedFrames> {
  return target.evaluate(
    ({ doneSelector, doneText, maxMs }) =>
      new Promise<PaintedFrames>((resolve) => {
        const texts: Record<string, number> = {};
        let frames = 0;
        const end = performance.now() + maxMs;
        const frame = (): void => {
          frames++;
          for (const [name, highlight] of CSS.highlights) {
            if (!name.startsWith('plens-')) continue;
            for (const r of highlight) {
              if (!r.startContainer.isConnected) continue;
              const range = document.createRange();
              try {
                range.setStart(r.startContainer, r.startOffset);
                range.setEnd(r.endContainer, r.endOffset);
              } catch {
                continue;
              }
              const text = range.toString();
              texts[text] = (texts[text] ?? 0) + 1;
            }
          }
          const done = document.querySelector(doneSelector)?.textContent === doneText;
          if (done || performance.now() > end) resolve({ frames, texts });
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { doneSelector, doneText, maxMs },
  );
}

/** For each highlight of ours, the id of the table each highlighted range is in ('' if none). */
export function highlightTables(target: Page | Frame): Promise<Record<string, string[]>> {
  return target.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('plens-')) continue;
      for (const range of highlight) {
        if (!range.startContainer.isConnected) continue;
        const node = range.startContainer;
        const element = node instanceof Element ? node : node.parentElement;
        (out[name] ??= []).push(element?.closest('table')?.id ?? '');
      }
    }
    return out;
  });
}
