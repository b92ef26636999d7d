/**
 * Firefox smoke test: the Firefox build (MV2, e2e mode) loads into Firefox ESR, driven by
 * puppeteer-core over WebDriver BiDi (Playwright needs a patched Firefox), and
 * flags the drugs on the GP medication screen exactly as expected, without changing the page.
 * Writes `{passed, failed}` to $PLENS_RESULTS for `npm test`'s totals.
 */
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { startServer } from '../server';
import { collectHighlightTexts, HIGHLIGHT_NAMES } from '../e2e/highlights';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = path.resolve('.output/firefox-mv2-e2e');
const PAGE = 'gp-medication-screen.html';

interface Check {
  readonly name: string;
  run(page: Page): Promise<void>;
}

function expectedInitial(): Record<string, string[]> {
  const file = path.resolve('tests/fixtures/pages', PAGE.replace('.html', '.expected.json'));
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { initial: Record<string, string[]> };
  return Object.fromEntries(Object.entries(parsed.initial).filter(([, v]) => v.length > 0));
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const checks: Check[] = [
  {
    name: 'flags the expected drugs in the expected highlights',
    async run(page) {
      const expected = JSON.stringify(expectedInitial());
      const actual = await waitFor(
        async () =>
          JSON.stringify(await page.evaluate(collectHighlightTexts, [...HIGHLIGHT_NAMES])),
        (v) => v === expected,
        8000,
      );
      if (actual !== expected)
        throw new Error(`highlights differ:\n  expected ${expected}\n  actual   ${actual}`);
    },
  },
  {
    name: 'leaves the page DOM without any element of ours',
    async run(page) {
      const count = await page.evaluate(
        () => document.querySelectorAll('plens-overlay, mark').length,
      );
      if (count !== 0) throw new Error(`found ${count} injected elements`);
    },
  },
];

async function main(): Promise<void> {
  const server = await startServer(0);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { 'datareporting.policy.dataSubmissionEnabled': false },
  });
  let passed = 0;
  let failed = 0;
  try {
    await browser.installExtension(EXTENSION);
    const page = await browser.newPage();
    await page.goto(server.url(PAGE), { waitUntil: 'load' });
    for (const check of checks) {
      try {
        await check.run(page);
        passed++;
        console.log(`  ✓ firefox › ${check.name}`);
      } catch (error) {
        failed++;
        console.log(`  ✘ firefox › ${check.name}\n    ${String(error)}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`firefox: ${passed} passed, ${failed} failed`);
  if (process.env.PLENS_RESULTS)
    fs.writeFileSync(process.env.PLENS_RESULTS, JSON.stringify({ passed, failed }));
  process.exit(failed > 0 ? 1 : 0);
}

await main();
