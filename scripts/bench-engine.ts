/**
 * Node benchmark for the matching engine (issue 3, Node side). Run: npx tsx scripts/bench-engine.ts
 *
 * Builds a deterministic ~1 MB labelled medication list from the bundled pack (bench/
 * engine.bench-data.ts), then measures (a) our engine as the content script runs it (the rule set
 * and fuzzy index compiled at build time, restored with an empty fuzzy memo, as a page does →
 * matchText per row; cold = first pass, warm = second) and (b) a naive baseline
 * that runs fuse.search for every token against every listed name. The baseline takes ~ms per
 * token, so it runs on a sample of rows and its throughput is extrapolated (printed as such).
 * Prints a table and merges its fields into bench/results.json (read-modify-write: the browser
 * benchmark adds its own fields to the same file). BENCH_RESULTS writes elsewhere (a trial run).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import Fuse from 'fuse.js/basic';
import { createCorpus, createSyntheticRules, type Corpus } from '../bench/engine.bench-data';
import {
  compileRuleSet,
  createFuzzyMatcher,
  foldToken,
  matchText,
  tokenize,
  type EngineRule,
  type Match,
} from '../rules/engine';
import { KNOWN_MEDICINES, STOP_WORDS } from '../rules/engine';
import { activateRuleSet, bundledProductNames } from '../rules/bundled';
import { buildBundledData } from '../rules/bundled/data-script';
import { validatePack } from '../rules/loader/validate';
import { printReport, realWorldFields, runRealWorld } from '../bench/realworld/run';

const RESULTS = process.env.BENCH_RESULTS ?? 'bench/results.json';
const RUNS = 5;
/** Rows the baseline runs on; at ~2 ms per token the full corpus would take many minutes. */
const BASELINE_ROWS = 400;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function loadCoreRules() {
  const pack: unknown = JSON.parse(readFileSync('rules/packs/core.json', 'utf8'));
  const validated = validatePack(pack);
  if (!validated.ok) throw new Error('rules/packs/core.json does not validate');
  const layers = [{ layer: 'bundled' as const, pack: validated.value }];
  const rules: EngineRule[] = [
    ...activateRuleSet(layers, { fuzzy: false }).effective.rules.values(),
  ].map(({ rule }) => ({
    id: rule.id,
    names: rule.names,
    ...(rule.forms ? { forms: rule.forms } : {}),
  }));
  return { layers, rules };
}

interface Scores {
  readonly recallExact: number;
  readonly recallMisspelt: number;
  readonly recallMisspeltBrands: number | null;
  readonly precision: number;
  readonly truePositives: number;
  readonly falsePositives: number;
}

/** A match is right when it overlaps a labelled mention and names the mention's rule. */
function score(corpus: Corpus, matchesByRow: ReadonlyMap<number, readonly Match[]>): Scores {
  const labelsByRow = new Map<number, Corpus['labels'][number][]>();
  for (const label of corpus.labels) {
    const list = labelsByRow.get(label.row) ?? [];
    list.push(label);
    labelsByRow.set(label.row, list);
  }
  let tp = 0;
  let fp = 0;
  const found = new Set<Corpus['labels'][number]>();
  for (const [row, matches] of matchesByRow) {
    const labels = labelsByRow.get(row) ?? [];
    for (const m of matches) {
      const label = labels.find(
        (l) => m.start < l.end && l.start < m.end && m.ruleIds.includes(l.ruleId),
      );
      if (label) {
        tp++;
        found.add(label);
      } else fp++;
    }
  }
  const considered = corpus.labels.filter((l) => matchesByRow.has(l.row));
  const share = (list: readonly Corpus['labels'][number][]) =>
    list.length === 0 ? 1 : list.filter((l) => found.has(l)).length / list.length;
  const brands = considered.filter((l) => l.misspelt && l.isBrand);
  return {
    recallExact: share(considered.filter((l) => !l.misspelt)),
    recallMisspelt: share(considered.filter((l) => l.misspelt)),
    recallMisspeltBrands: brands.length > 0 ? share(brands) : null,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    truePositives: tp,
    falsePositives: fp,
  };
}

function runEngine(
  corpus: Corpus,
  layers: Parameters<typeof activateRuleSet>[0],
  snapshot: ReturnType<typeof buildBundledData>['compiled'],
) {
  const times: number[] = [];
  const warmTimes: number[] = [];
  let last = new Map<number, Match[]>();
  for (let run = 0; run < RUNS; run++) {
    // A fresh restore per run: the fuzzy memo starts empty, as on a newly opened page.
    const { compiled } = activateRuleSet(layers, snapshot ? { compiled: snapshot } : {});
    const byRow = new Map<number, Match[]>();
    let t0 = performance.now();
    corpus.rows.forEach((row, i) => byRow.set(i, matchText(compiled, row)));
    times.push(performance.now() - t0);
    t0 = performance.now();
    for (const row of corpus.rows) matchText(compiled, row);
    warmTimes.push(performance.now() - t0);
    last = byRow;
  }
  return { coldMs: median(times), warmMs: median(warmTimes), matches: last };
}

/** fuse.search on every letter token against every listed name; the top hit under 0.6 counts. */
function runBaseline(corpus: Corpus, rules: readonly EngineRule[]) {
  const entries = rules.flatMap((r) => r.names.map((name) => ({ name, ruleIds: [r.id] })));
  const fuse = new Fuse(entries, { keys: ['name'], includeScore: true, threshold: 0.6 });
  const step = Math.max(1, Math.floor(corpus.rows.length / BASELINE_ROWS));
  const byRow = new Map<number, Match[]>();
  let chars = 0;
  let tokens = 0;
  const t0 = performance.now();
  for (let i = 0; i < corpus.rows.length; i += step) {
    const row = corpus.rows[i] ?? '';
    chars += row.length + 1;
    const matches: Match[] = [];
    for (const token of tokenize(row)) {
      if (!/^\p{L}/u.test(token.norm)) continue;
      tokens++;
      const [top] = fuse.search(token.norm, { limit: 1 });
      if (top && (top.score ?? 1) <= 0.6) {
        matches.push({
          start: token.start,
          end: token.end,
          ruleIds: top.item.ruleIds,
          kind: 'fuzzy',
          score: 1 - (top.score ?? 1),
        });
      }
    }
    byRow.set(i, matches);
  }
  return { ms: performance.now() - t0, chars, tokens, matches: byRow };
}

function timeCompile(rules: readonly EngineRule[]): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    compileRuleSet(rules, { createFuzzy: createFuzzyMatcher });
    times.push(performance.now() - t0);
  }
  return median(times);
}

function main(): void {
  const { layers, rules } = loadCoreRules();
  const exact = compileRuleSet(rules);
  const nameTokens = exact.nameTokens;
  // "Ordinary" medicines are unflagged decoys: none may be a name the content script reads, and
  // it reads the product-name index's brands too ("Celexa", "Zoloft"), not only the pack's names.
  // What a page restores: the set (fuzzy index included) compiled when the extension is built.
  const snapshot = buildBundledData().compiled;
  const pageNames = activateRuleSet(layers, snapshot ? { compiled: snapshot } : {}).compiled
    .nameTokens;
  const ordinary = KNOWN_MEDICINES.map((m) => m.charAt(0).toUpperCase() + m.slice(1)).filter(
    (m) => !nameTokens.has(foldToken(m)) && !pageNames.has(foldToken(m)),
  );
  const reserved = new Set<string>([
    ...nameTokens,
    ...KNOWN_MEDICINES.map(foldToken),
    ...STOP_WORDS,
  ]);
  const formBoundNames = new Set(
    Object.keys(bundledProductNames().policy.formBound ?? {}).map(foldToken),
  );
  const corpus = createCorpus({
    rules,
    ordinaryMedicines: ordinary,
    reservedWords: reserved,
    formBoundNames,
  });
  const brandCorpus = createCorpus({
    formBoundNames,
    rules,
    ordinaryMedicines: ordinary,
    reservedWords: reserved,
    misspellBrands: true,
    targetChars: 300_000,
    misspeltShare: 0.2,
    seed: 99,
  });

  const engine = runEngine(corpus, layers, snapshot);
  const engineScores = score(corpus, engine.matches);
  const brandScores = score(brandCorpus, runEngine(brandCorpus, layers, snapshot).matches);
  const baseline = runBaseline(corpus, rules);
  const baselineScores = score(corpus, baseline.matches);

  const mb = corpus.chars / 1e6;
  const engineMbPerS = mb / (engine.coldMs / 1000);
  const engineWarmMbPerS = mb / (engine.warmMs / 1000);
  const baselineMbPerS = baseline.chars / 1e6 / (baseline.ms / 1000);
  const compileCoreMs = timeCompile(rules);
  const synthetic = createSyntheticRules(3000);
  const compile3000Ms = timeCompile(synthetic);
  const misspelt = corpus.labels.filter((l) => l.misspelt).length;

  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  const fields = {
    engine_mb_per_s: round(engineMbPerS, 2),
    engine_warm_mb_per_s: round(engineWarmMbPerS, 2),
    engine_vs_fuse_ratio: round(engineMbPerS / baselineMbPerS, 1),
    recall_exact: round(engineScores.recallExact),
    recall_misspelt: round(engineScores.recallMisspelt),
    precision: round(engineScores.precision),
    recall_misspelt_brands_all_slips: round(brandScores.recallMisspeltBrands ?? 1),
    baseline_mb_per_s: round(baselineMbPerS, 4),
    baseline_recall_exact: round(baselineScores.recallExact),
    baseline_recall_misspelt: round(baselineScores.recallMisspelt),
    baseline_precision: round(baselineScores.precision),
    baseline_sampled_tokens: baseline.tokens,
    compile_ms_core: round(compileCoreMs, 1),
    compile_ms_synthetic_3000: round(compile3000Ms, 1),
    core_rules: rules.length,
    core_names: rules.reduce((n, r) => n + r.names.length, 0),
    corpus_chars: corpus.chars,
    corpus_mentions: corpus.labels.length,
    corpus_misspelt_mentions: misspelt,
  };

  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  console.log(
    `Corpus: ${corpus.rows.length} rows, ${mb.toFixed(2)} MB, ${corpus.labels.length} flagged mentions (${misspelt} misspelt, generics only)`,
  );
  console.log(
    `Pack: ${fields.core_rules} rules, ${fields.core_names} names; compile ${fields.compile_ms_core} ms (synthetic 3,000 names: ${fields.compile_ms_synthetic_3000} ms)`,
  );
  console.table({
    'engine (exact + fuzzy)': {
      'MB/s': round(engineMbPerS, 2),
      'recall exact': pct(engineScores.recallExact),
      'recall misspelt': pct(engineScores.recallMisspelt),
      precision: pct(engineScores.precision),
      'false flags': engineScores.falsePositives,
    },
    [`fuse.search per token (${baseline.tokens} tokens sampled, extrapolated)`]: {
      'MB/s': round(baselineMbPerS, 4),
      'recall exact': pct(baselineScores.recallExact),
      'recall misspelt': pct(baselineScores.recallMisspelt),
      precision: pct(baselineScores.precision),
      'false flags': baselineScores.falsePositives,
    },
  });
  console.log(
    `engine warm (memo filled): ${fields.engine_warm_mb_per_s} MB/s; engine ÷ baseline = ${fields.engine_vs_fuse_ratio}×`,
  );
  console.log(
    `brand misspellings with every slip type (not just letter-keeping ones): recall ${pct(fields.recall_misspelt_brands_all_slips)}, precision ${pct(brandScores.precision)}`,
  );

  // Real-world strings from public code lists (issue 21): recall and false flags per source and
  // per category, held-back part in results.json.
  const realWorld = runRealWorld();
  printReport(realWorld);
  Object.assign(fields, realWorldFields(realWorld));

  let merged: Record<string, unknown> = {};
  if (existsSync(RESULTS)) {
    const previous: unknown = JSON.parse(readFileSync(RESULTS, 'utf8'));
    if (previous && typeof previous === 'object' && !Array.isArray(previous)) {
      merged = { ...(previous as Record<string, unknown>) };
    }
  }
  writeFileSync(RESULTS, `${JSON.stringify({ ...merged, ...fields }, null, 2)}\n`);
  console.log(`Merged ${Object.keys(fields).length} fields into ${RESULTS}`);
}

main();
