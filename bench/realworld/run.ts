/**
 * Prints the real-world evaluation (issue 21) per source and per category, for the tuning part,
 * the held-back part and both. Run: npx tsx bench/realworld/run.ts [--misses]
 * `--misses` lists the tuning part's misses and false flags (never the held-back part's).
 * scripts/bench-engine.ts calls `realWorldFields()` and merges them into bench/results.json.
 */
import {
  evaluate,
  falseFlagRateOf,
  keysOf,
  loadBundledPack,
  loadRealWorld,
  recallOf,
  tally,
  type Report,
  type Tally,
} from './evaluate';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function row(t: Tally) {
  return {
    positives: t.positives,
    recall: t.positives ? pct(recallOf(t)) : '-',
    negatives: t.negatives,
    'false flags': t.negatives ? `${t.falseFlags} (${pct(falseFlagRateOf(t))})` : '-',
    'possible only': t.possible,
    'by family name': t.family,
  };
}

export function printReport(report: Report): void {
  for (const split of ['held', 'tune', 'all'] as const) {
    const title = { held: 'held-back part', tune: 'tuning part', all: 'all strings' }[split];
    console.log(`\nReal-world evaluation, ${title}:`);
    const table: Record<string, ReturnType<typeof row>> = {
      '(overall)': row(tally(report, split)),
    };
    for (const s of keysOf(report, split, 'source')) {
      table[`source: ${s}`] = row(tally(report, `${split}|source|${s}`));
    }
    for (const c of keysOf(report, split, 'category')) {
      table[`category: ${c}`] = row(tally(report, `${split}|category|${c}`));
    }
    console.table(table);
  }
}

/** The fields bench/results.json records (held-back part; per source and per category too). */
export function realWorldFields(report: Report): Record<string, unknown> {
  const round = (x: number) => Number(x.toFixed(4));
  const held = tally(report, 'held');
  const per = (kind: 'source' | 'category') =>
    Object.fromEntries(
      keysOf(report, 'held', kind).map((k) => {
        const t = tally(report, `held|${kind}|${k}`);
        return [
          k,
          {
            recall: round(recallOf(t)),
            false_flags: round(falseFlagRateOf(t)),
            positives: t.positives,
            negatives: t.negatives,
          },
        ];
      }),
    );
  return {
    realworld_recall: round(recallOf(held)),
    // The same without family names' possible matches: certain (exact) matches only.
    realworld_recall_certain: round(
      held.positives === 0 ? 1 : (held.found - familyFound(report)) / held.positives,
    ),
    realworld_false_flags: round(falseFlagRateOf(held)),
    realworld_strings: report.scored.length,
    realworld_held_positives: held.positives,
    realworld_held_negatives: held.negatives,
    realworld_by_source: per('source'),
    realworld_by_category: per('category'),
  };
}

/** Held-back positives found only through a family name's possible match. */
function familyFound(report: Report): number {
  return report.scored.filter(
    (s) => s.string.split === 'held' && s.positive && s.outcome === 'found' && s.family,
  ).length;
}

export function runRealWorld(): Report {
  return evaluate(loadBundledPack(), loadRealWorld());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = runRealWorld();
  printReport(report);
  if (process.argv.includes('--misses')) {
    console.log('\nTuning-part misses and false flags:');
    for (const s of report.scored) {
      if (s.string.split !== 'tune') continue;
      if (s.outcome === 'missed' || s.outcome === 'false-flag') {
        const extra = s.flaggedRules.length ? ` → ${s.flaggedRules.join(',')}` : '';
        console.log(`  ${s.outcome}\t[${s.string.category}] ${s.string.text}${extra}`);
      }
    }
  }
}
