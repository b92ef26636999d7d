/**
 * Runs every term of a folder of clinical code sets through the bundled pack, as the content
 * script compiles it, and reports per set what is flagged, what is only a possible match and what
 * is not matched at all (issue 21; docs/names.md "Session 9"). A probe, not the evaluation: the
 * sets carry no labels, so a person reads the lists.
 *
 *   git clone https://github.com/UoM-Data-Science-Platforms/gm-sde /tmp/gm-sde
 *   npx tsx scripts/probe-code-sets.ts /tmp/gm-sde/shared/clinical-code-sets/medications \
 *     [--sets opioids,codeine] [--list unmatched|possible|flagged]
 *
 * Each set is a folder; each `*.txt` file below it holds one term per line, tab-separated after a
 * code ("a81..00\tKAODENE suspension"). A term is counted once per set.
 *
 * A plain list (one name per line, no codes: a practice system's medicines list, for one) is read
 * as a single set named after its file:
 *
 *   npx tsx scripts/probe-code-sets.ts druglist.txt [--list flagged]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadBundledPack } from '../bench/realworld/evaluate';
import { matchText } from '../rules/engine';
import type { CompiledRuleSet } from '../rules/engine';

export type Outcome = 'flagged' | 'possible' | 'unmatched';

export interface ProbedTerm {
  readonly set: string;
  readonly term: string;
  readonly outcome: Outcome;
  readonly rules: readonly string[];
}

function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesBelow(path));
    else if (name.endsWith('.txt')) out.push(path);
  }
  return out;
}

/** Distinct non-empty terms, spaces folded. */
function distinct(raw: Iterable<string>): string[] {
  const terms = new Set<string>();
  for (const r of raw) {
    const term = r.replace(/\s+/g, ' ').trim();
    if (term !== '') terms.add(term);
  }
  return [...terms];
}

/** The distinct terms of one set's files: the text after the first tab, spaces folded. */
export function termsOf(files: readonly string[], read = (f: string) => readFileSync(f, 'utf8')) {
  return distinct(
    files.flatMap((file) =>
      read(file)
        .split('\n')
        .map((line) => {
          const tab = line.indexOf('\t');
          return tab >= 0 ? line.slice(tab + 1) : '';
        }),
    ),
  );
}

/** The distinct lines of a plain list, spaces folded. */
export function linesOf(text: string): string[] {
  return distinct(text.split('\n'));
}

export function probeTerm(compiled: CompiledRuleSet, set: string, term: string): ProbedTerm {
  const matches = matchText(compiled, term);
  const exact = matches.filter((m) => m.kind === 'exact');
  const rules = [...new Set((exact.length > 0 ? exact : matches).flatMap((m) => m.ruleIds))];
  const outcome: Outcome =
    exact.length > 0 ? 'flagged' : matches.length > 0 ? 'possible' : 'unmatched';
  return { set, term, outcome, rules: rules.sort() };
}

function main(argv: readonly string[]): void {
  const [root, ...rest] = argv;
  if (!root) {
    console.error(
      'usage: probe-code-sets.ts <folder of sets | plain list file> [--sets a,b] [--list outcome]',
    );
    process.exitCode = 2;
    return;
  }
  const option = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const only = option('--sets')?.split(',');
  const list = option('--list') as Outcome | undefined;
  const { compiled } = loadBundledPack();
  const plainList = !statSync(root).isDirectory();
  const sets = plainList
    ? [basename(root)]
    : readdirSync(root)
        .filter((name) => statSync(join(root, name)).isDirectory())
        .filter((name) => !only || only.includes(name))
        .sort();
  const termsOfSet = (set: string) =>
    plainList ? linesOf(readFileSync(root, 'utf8')) : termsOf(filesBelow(join(root, set)));
  const rows: Record<string, Record<Outcome, number>> = {};
  for (const set of sets) {
    const counts: Record<Outcome, number> = { flagged: 0, possible: 0, unmatched: 0 };
    for (const term of termsOfSet(set)) {
      const probed = probeTerm(compiled, set, term);
      counts[probed.outcome]++;
      if (list === probed.outcome) console.log(`${set}\t${term}\t${probed.rules.join(',')}`);
    }
    rows[set] = counts;
  }
  console.table(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
