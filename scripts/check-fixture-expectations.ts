/**
 * Checks that the demo and e2e pages' `*.expected.json` say exactly what the real engine finds.
 *
 *   npx tsx scripts/check-fixture-expectations.ts [page.html …]
 *
 * Each page is loaded in happy-dom from a virtual server over tests/fixtures/pages (page scripts
 * run, so script-rendered pages and their scripted steps are checked too). Its visible text is read
 * per block (a cell, list item or paragraph; inline elements join without spaces; form controls,
 * scripts, iframes and `hidden` subtrees are skipped, as the content script does), each block is
 * matched with the bundled pack, and every exact match is filed under `plens-` + its primary
 * category. The result must equal the expected lists, in document order.
 *
 * It also checks the pages' hygiene: every "unflagged" word is on the page and no match touches it,
 * no flagged name sits in a form control, no resource comes from the network, and every NHS number
 * is in the 999 test range. As a cross-check it reads each state a second time with the content
 * script's own scanner. Exits non-zero on any difference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Browser,
  type BrowserPage,
  type Document as HdDocument,
  type Node as HdNode,
} from 'happy-dom';
import * as v from 'valibot';
import corePack from '../rules/packs/core.json';
import { matchText, type Match } from '../rules/engine';
import { primaryCategory } from '../rules/loader/restore';
import { activateRuleSet } from '../rules/bundled';
import { validatePack } from '../rules/loader/validate';
import { collectTextRuns } from '../entrypoints/content/scan/scanner';
import { SectionContext } from '../entrypoints/content/scan/section-context';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAGES_DIR = path.join(ROOT, 'tests', 'fixtures', 'pages');
const ORIGIN = 'http://127.0.0.1:4173';

const HIGHLIGHTS = [
  'plens-shared-care',
  'plens-specialist-initiation',
  'plens-no-commissioned-service',
  'plens-dependence-forming',
  'plens-possible',
  'plens-past',
] as const;
type HighlightName = (typeof HIGHLIGHTS)[number];
type HighlightMap = Record<HighlightName, string[]>;

// ---------------------------------------------------------------------------------------------
// The expected.json format
// ---------------------------------------------------------------------------------------------

const HighlightMapSchema = v.strictObject({
  'plens-shared-care': v.array(v.string()),
  'plens-specialist-initiation': v.array(v.string()),
  'plens-no-commissioned-service': v.array(v.string()),
  'plens-dependence-forming': v.array(v.string()),
  // Fuzzy "possible" matches: pages with exact names only may leave this out.
  'plens-possible': v.optional(v.array(v.string()), []),
  // Names in past/discontinued sections (muted): pages with none may leave this out.
  'plens-past': v.optional(v.array(v.string()), []),
});

const StepSchema = v.variant('action', [
  v.strictObject({
    state: v.string(),
    action: v.literal('call'),
    fn: v.string(),
    args: v.array(v.unknown()),
  }),
  v.strictObject({
    state: v.string(),
    action: v.literal('fill'),
    selector: v.string(),
    value: v.string(),
  }),
  v.strictObject({ state: v.string(), action: v.literal('click'), selector: v.string() }),
]);
type Step = v.InferOutput<typeof StepSchema>;

/** Top-level keys that are not highlight states. */
const META_KEYS = new Set(['$comment', 'unflagged', 'steps', 'frame', 'frameUnflagged']);

const ExpectedSchema = v.looseObject({
  $comment: v.optional(v.string()),
  initial: HighlightMapSchema,
  unflagged: v.array(v.string()),
  steps: v.optional(v.array(StepSchema)),
  frame: v.optional(HighlightMapSchema),
  frameUnflagged: v.optional(v.array(v.string())),
});

// ---------------------------------------------------------------------------------------------
// The engine, as the content script wires it
// ---------------------------------------------------------------------------------------------

const validated = validatePack(corePack);
if (!validated.ok) {
  console.error('The bundled pack failed validation:', validated.issues);
  process.exit(2);
}
const { effective, compiled } = activateRuleSet([{ layer: 'bundled', pack: validated.value }]);

function highlightOf(match: Match, isPast: boolean): HighlightName | null {
  const category = primaryCategory(effective, match.ruleIds);
  if (!category) return null;
  if (isPast) return 'plens-past';
  return match.kind === 'fuzzy' ? 'plens-possible' : `plens-${category}`;
}

function emptyMap(): HighlightMap {
  return {
    'plens-shared-care': [],
    'plens-specialist-initiation': [],
    'plens-no-commissioned-service': [],
    'plens-dependence-forming': [],
    'plens-possible': [],
    'plens-past': [],
  };
}

interface Found {
  readonly highlights: HighlightMap;
  /** Every block's text with its matches, for the "unflagged" checks. */
  readonly blocks: readonly { readonly text: string; readonly matches: readonly Match[] }[];
}

interface ReadBlock {
  readonly text: string;
  readonly isPast: boolean;
}

function matchBlocks(read: readonly ReadBlock[]): Found {
  const highlights = emptyMap();
  const blocks = read.map(({ text, isPast }) => {
    const matches = matchText(compiled, text);
    for (const m of matches) {
      const name = highlightOf(m, isPast);
      if (name) highlights[name].push(text.slice(m.start, m.end));
    }
    return { text, matches };
  });
  return { highlights, blocks };
}

// ---------------------------------------------------------------------------------------------
// Visible text per block: this script's own simple reading
// ---------------------------------------------------------------------------------------------

/** Subtrees never read (what a person cannot see as page text, plus form controls and frames). */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'SVG',
  'MATH',
  'HEAD',
]);

/** HTML phrasing elements: their text joins the surrounding block's text. */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'I',
  'KBD',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
  'WBR',
]);

function blockTexts(doc: HdDocument): string[] {
  const out: string[] = [];
  let parts: string[] = [];
  const flush = () => {
    const text = parts.join('');
    if (/[\p{L}\p{N}]/u.test(text)) out.push(text);
    parts = [];
  };
  const visit = (node: HdNode) => {
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as unknown as {
      tagName: string;
      hasAttribute(n: string): boolean;
      getAttribute(n: string): string | null;
    };
    const tag = el.tagName.toUpperCase();
    const editable = el.getAttribute('contenteditable');
    if (
      SKIPPED.has(tag) ||
      el.hasAttribute('hidden') ||
      (editable !== null && editable !== 'false')
    ) {
      flush();
      return;
    }
    if (tag === 'BR') {
      flush();
      return;
    }
    const inline = INLINE.has(tag);
    if (!inline) flush();
    for (const child of Array.from(node.childNodes)) visit(child);
    if (!inline) flush();
  };
  if (doc.body) visit(doc.body);
  flush();
  return out;
}

/**
 * The same state read by the content script's scanner and section logic (happy-dom stands in for
 * the browser DOM), so past/discontinued sections are judged exactly as the extension judges them.
 */
function scannerBlocks(doc: HdDocument): ReadBlock[] {
  if (!doc.body) return [];
  const sections = new SectionContext();
  return collectTextRuns(doc.body as unknown as Element).map((run) => ({
    text: run.text,
    isPast: sections.isPast(run.block),
  }));
}

// ---------------------------------------------------------------------------------------------
// Comparison and reporting
// ---------------------------------------------------------------------------------------------

const problems: string[] = [];

function compare(where: string, expected: HighlightMap, actual: HighlightMap): boolean {
  let same = true;
  for (const name of HIGHLIGHTS) {
    const e = expected[name];
    const a = actual[name];
    if (e.length === a.length && e.every((s, i) => s === a[i])) continue;
    same = false;
    let i = 0;
    while (i < e.length && i < a.length && e[i] === a[i]) i++;
    problems.push(
      `${where} ${name}: first difference at index ${i}: expected ${JSON.stringify(e[i] ?? '(end)')}, found ${JSON.stringify(a[i] ?? '(end)')}\n` +
        `    expected (${e.length}): ${JSON.stringify(e)}\n` +
        `    found    (${a.length}): ${JSON.stringify(a)}`,
    );
  }
  return same;
}

function summary(map: HighlightMap): string {
  const parts = HIGHLIGHTS.filter((n) => map[n].length > 0).map(
    (n) => `${n.replace('plens-', '')} ${map[n].length}`,
  );
  const total = HIGHLIGHTS.reduce((sum, n) => sum + map[n].length, 0);
  return `${total} flagged${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each word must be on the page as a whole word, and no match may overlap any occurrence. */
function checkUnflagged(where: string, words: readonly string[], found: Found): void {
  for (const word of words) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'giu');
    let seen = false;
    for (const block of found.blocks) {
      for (const hit of block.text.matchAll(re)) {
        seen = true;
        const from = hit.index;
        const to = from + hit[0].length;
        const m = block.matches.find((x) => x.start < to && x.end > from);
        if (m) {
          problems.push(
            `${where} unflagged word "${word}" is matched as "${block.text.slice(m.start, m.end)}" (${m.kind}, rules ${m.ruleIds.join(', ')}) in: ${JSON.stringify(block.text)}`,
          );
        }
      }
    }
    if (!seen) problems.push(`${where} unflagged word "${word}" does not appear on the page`);
  }
}

/** Static-file hygiene: no network resources, test-range NHS numbers only. */
function checkSource(file: string): void {
  const source = fs.readFileSync(path.join(PAGES_DIR, file), 'utf8');
  const external =
    /\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.exec(
      source,
    ) ?? /url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.exec(source);
  if (external) problems.push(`${file}: loads a network resource: ${external[0]}`);
  if (/@import\b/i.test(source)) problems.push(`${file}: uses @import`);
  for (const hit of source.matchAll(/\b(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b/g)) {
    if (hit[1] !== '999')
      problems.push(`${file}: NHS-number-like "${hit[0]}" is not in the 999 test range`);
  }
}

/** No flagged name may sit in a form control's value, text or placeholder. */
function checkControls(where: string, doc: HdDocument): void {
  for (const el of Array.from(doc.querySelectorAll('input, textarea, select, option'))) {
    const control = el as unknown as { value?: string; getAttribute(n: string): string | null };
    const texts = [
      control.value ?? '',
      el.textContent ?? '',
      control.getAttribute('placeholder') ?? '',
      control.getAttribute('value') ?? '',
    ];
    for (const text of texts) {
      const m = matchText(compiled, text)[0];
      if (m) {
        problems.push(
          `${where} form control <${el.tagName.toLowerCase()}> holds a flagged name: "${text.slice(m.start, m.end)}"`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Loading pages and running steps
// ---------------------------------------------------------------------------------------------

const browser = new Browser({
  settings: {
    enableJavaScriptEvaluation: true,
    enableCSSFileLoading: true,
    enableIframePageLoading: true,
    suppressInsecureJavaScriptEnvironmentWarning: true,
    fetch: { virtualServers: [{ url: `${ORIGIN}/`, directory: PAGES_DIR }] },
  },
});

async function open(file: string): Promise<BrowserPage> {
  const page = browser.newPage();
  await page.goto(`${ORIGIN}/${file}`);
  await page.waitUntilComplete();
  return page;
}

function pageErrors(page: BrowserPage): string {
  return page.virtualConsolePrinter
    .readAsString()
    .split('\n')
    .filter((line) => /error/i.test(line))
    .join('\n');
}

interface Fixture {
  [fn: string]: ((...args: unknown[]) => unknown) | undefined;
}

function runStep(page: BrowserPage, step: Step): void {
  const win = page.mainFrame.window;
  const doc = page.mainFrame.document;
  if (step.action === 'call') {
    const fixture = (win as unknown as { fixture?: Fixture }).fixture;
    const fn = fixture?.[step.fn];
    if (!fixture || typeof fn !== 'function')
      throw new Error(`window.fixture.${step.fn} is missing`);
    fn.apply(fixture, step.args);
    return;
  }
  const el = doc.querySelector(step.selector);
  if (!el) throw new Error(`no element matches ${step.selector}`);
  if (step.action === 'fill') {
    const input = el as unknown as { value: string; focus(): void };
    input.focus();
    input.value = step.value;
    el.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    return;
  }
  (el as unknown as { click(): void }).click();
}

/** Reads the page now, compares with `expected`, cross-checks with the scanner; returns a summary. */
function checkState(where: string, doc: HdDocument, expected: HighlightMap): Found {
  const scanned = scannerBlocks(doc);
  const found = matchBlocks(scanned);
  const ok = compare(where, expected, found.highlights);
  // Cross-check the text itself with this script's own simple reading (sections aside).
  const simple = matchBlocks(blockTexts(doc).map((text) => ({ text, isPast: false })));
  const scannedAsCurrent = matchBlocks(scanned.map((b) => ({ ...b, isPast: false })));
  if (
    ok &&
    !compare(`${where} [content-script scanner]`, simple.highlights, scannedAsCurrent.highlights)
  ) {
    problems.push(
      `${where}: this script and the content script's scanner read the page differently`,
    );
  }
  console.log(`  ${ok ? '✓' : '✗'} ${where.padEnd(58)} ${summary(found.highlights)}`);
  return found;
}

async function checkPage(file: string): Promise<void> {
  const expectedPath = path.join(PAGES_DIR, file.replace(/\.html$/, '.expected.json'));
  const raw: unknown = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
  const parsed = v.safeParse(ExpectedSchema, raw);
  if (!parsed.success) {
    problems.push(`${path.basename(expectedPath)}: ${v.summarize(parsed.issues)}`);
    return;
  }
  const expected = parsed.output;
  const states = expected as Record<string, unknown>;

  checkSource(file);
  const page = await open(file);
  const doc = page.mainFrame.document;
  checkControls(file, doc);
  const initial = checkState(`${file} initial`, doc, expected.initial);
  checkUnflagged(`${file} initial`, expected.unflagged, initial);

  if (expected.frame) {
    const frameEl = doc.querySelector('iframe[src]');
    const src = frameEl?.getAttribute('src');
    if (!src) {
      problems.push(`${file}: has "frame" expectations but no <iframe src>`);
    } else {
      checkSource(src);
      // Read the frame as loaded inside the host (same origin), as the content script's
      // all-frames instance sees it.
      const frameDoc = (frameEl as unknown as { contentDocument: HdDocument | null })
        .contentDocument;
      if (!frameDoc?.body || frameDoc.location.href !== `${ORIGIN}/${src}`) {
        problems.push(`${file}: the iframe did not load ${src}`);
      } else {
        checkControls(`${file} frame`, frameDoc);
        const frame = checkState(`${file} frame (${src})`, frameDoc, expected.frame);
        checkUnflagged(`${file} frame`, expected.frameUnflagged ?? [], frame);
      }
    }
  }

  const stepped = new Set<string>();
  for (const step of expected.steps ?? []) {
    stepped.add(step.state);
    const want = v.safeParse(HighlightMapSchema, states[step.state]);
    if (!want.success) {
      problems.push(`${file}: step state "${step.state}" has no valid expectations`);
      continue;
    }
    try {
      runStep(page, step);
      await page.waitUntilComplete();
    } catch (error) {
      problems.push(`${file}: step "${step.state}" failed: ${String(error)}`);
      continue;
    }
    checkState(`${file} ${step.state}`, doc, want.output);
  }
  for (const key of Object.keys(states)) {
    if (key !== 'initial' && !META_KEYS.has(key) && !stepped.has(key)) {
      problems.push(`${file}: state "${key}" is not reached by any step`);
    }
  }

  const errors = pageErrors(page);
  if (errors) problems.push(`${file}: console errors:\n${errors}`);
  await page.close();
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2).map((f) => path.basename(f));
  const pages = fs
    .readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.replace(/\.expected\.json$/, '.html'))
    .filter((f) => requested.length === 0 || requested.includes(f))
    .sort();
  if (pages.length === 0) {
    console.error('No pages with an .expected.json found.');
    process.exitCode = 2;
    return;
  }
  console.log(`Checking ${pages.length} page(s) in ${path.relative(ROOT, PAGES_DIR)}`);
  for (const file of pages) {
    try {
      await checkPage(file);
    } catch (error) {
      problems.push(
        `${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
  await browser.close();
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):`);
    for (const p of problems) console.error(`- ${p}`);
    process.exitCode = 1;
    return;
  }
  console.log('\nAll fixture expectations match the engine.');
}

await main();
