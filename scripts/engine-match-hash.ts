/**
 * One hash over every match the engine makes on the texts it is tuned and benchmarked on: the
 * bench corpora (scripts/bench-engine.ts), every real-world string (bench/realworld), the text of
 * the fixture pages and every string in the fixture corpora. A change meant to be a pure speed-up
 * (issue 22) must leave it unchanged. Run: npx tsx scripts/engine-match-hash.ts [--verbose]
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCorpus } from '../bench/engine.bench-data';
import { loadBundledPack, loadRealWorld } from '../bench/realworld/evaluate';
import { activateRuleSet, bundledProductNames } from '../rules/bundled';
import { buildBundledData } from '../rules/bundled/data-script';
import {
  foldToken,
  KNOWN_MEDICINES,
  matchText,
  STOP_WORDS,
  compileRuleSet,
  type CompiledRuleSet,
  type EngineRule,
  type Match,
} from '../rules/engine';
import { validatePack } from '../rules/loader/validate';

const verbose = process.argv.includes('--verbose');

function packLayers() {
  const pack: unknown = JSON.parse(readFileSync('rules/packs/core.json', 'utf8'));
  const validated = validatePack(pack);
  if (!validated.ok) throw new Error('rules/packs/core.json does not validate');
  return [{ layer: 'bundled' as const, pack: validated.value }];
}

/** The corpora scripts/bench-engine.ts builds, with the same options. */
function benchCorpora(): (readonly string[])[] {
  const layers = packLayers();
  const rules: EngineRule[] = [
    ...activateRuleSet(layers, { fuzzy: false }).effective.rules.values(),
  ].map(({ rule }) => ({
    id: rule.id,
    names: rule.names,
    ...(rule.forms ? { forms: rule.forms } : {}),
  }));
  const nameTokens = compileRuleSet(rules).nameTokens;
  const ordinary = KNOWN_MEDICINES.map((m) => m.charAt(0).toUpperCase() + m.slice(1)).filter(
    (m) => !nameTokens.has(foldToken(m)),
  );
  const reserved = new Set<string>([
    ...nameTokens,
    ...KNOWN_MEDICINES.map(foldToken),
    ...STOP_WORDS,
  ]);
  const formBoundNames = new Set(
    Object.keys(bundledProductNames().policy.formBound ?? {}).map(foldToken),
  );
  const base = { rules, ordinaryMedicines: ordinary, reservedWords: reserved, formBoundNames };
  return [
    createCorpus(base).rows,
    createCorpus({
      ...base,
      misspellBrands: true,
      targetChars: 300_000,
      misspeltShare: 0.2,
      seed: 99,
    }).rows,
  ];
}

/** Text of an HTML page, roughly as a scan sees it: tags end a run, entities left as written. */
function pageText(html: string): string[] {
  return html
    .replace(/<(script|style)\b[^>]*>[^<]*<\/\1>/gi, '\n')
    .split(/<[^>]*>/)
    .filter((s) => s.trim().length > 0);
}

function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) stringsIn(v, out);
}

function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const dir of ['tests/fixtures/pages', 'tests/fixtures/hostile']) {
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.html')) out.push(...pageText(readFileSync(join(dir, f), 'utf8')));
    }
  }
  for (const f of readdirSync('tests/fixtures/corpus').sort()) {
    stringsIn(JSON.parse(readFileSync(join('tests/fixtures/corpus', f), 'utf8')), out);
  }
  stringsIn(JSON.parse(readFileSync('tests/fixtures/lasa-pairs.json', 'utf8')), out);
  return out;
}

function joined(texts: readonly string[], per: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < texts.length; i += per) out.push(texts.slice(i, i + per).join('\n'));
  return out;
}

function line(m: Match): string {
  return `${m.start},${m.end},${m.kind},${m.score},${m.ruleIds.join('+')}`;
}

function hashOf(set: CompiledRuleSet, texts: readonly string[]): { hash: string; matches: number } {
  const h = createHash('sha256');
  let matches = 0;
  for (const text of texts) {
    const found = matchText(set, text);
    matches += found.length;
    h.update(`${found.map(line).join(';')}\n`);
  }
  return { hash: h.digest('hex').slice(0, 16), matches };
}

function main(): void {
  const snapshot = buildBundledData().compiled;
  const restored = () =>
    activateRuleSet(packLayers(), snapshot ? { compiled: snapshot } : {}).compiled;
  const [corpus = [], brands = []] = benchCorpora();
  const realWorld = loadRealWorld().map((s) => s.text);
  const fixtures = fixtureTexts();
  const all = createHash('sha256');
  const sections: [string, () => CompiledRuleSet, readonly string[]][] = [
    ['bench corpus (restored set)', restored, corpus],
    ['bench brand corpus (restored set)', restored, brands],
    ['realworld (evaluate.ts set)', () => loadBundledPack().compiled, realWorld],
    ['realworld (restored set)', restored, realWorld],
    ['fixtures (restored set)', restored, fixtures],
    // Long texts with line breaks, as a page's text runs can be: windows that stop at a line end.
    ['bench corpus, 40 rows a text', restored, joined(corpus, 40)],
    ['fixtures, 40 runs a text', restored, joined(fixtures, 40)],
  ];
  for (const [name, make, texts] of sections) {
    const set = make();
    // Twice on one set: the second pass reads through the fuzzy memo, and must agree.
    const cold = hashOf(set, texts);
    const warm = hashOf(set, texts);
    if (cold.hash !== warm.hash) throw new Error(`${name}: warm pass differs from cold`);
    all.update(cold.hash);
    if (verbose)
      console.log(`${name}: ${texts.length} texts, ${cold.matches} matches, ${cold.hash}`);
  }
  console.log(`engine match hash: ${all.digest('hex').slice(0, 16)}`);
}

main();
