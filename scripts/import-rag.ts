/**
 * Turns an ICB's traffic-light (RAG) formulary list into a local rule pack:
 *
 *   npm run import-rag -- list.csv --map mapping.json --out local-pack.json [pack details]
 *
 * Runs the pure converter (rules/rag/convert.ts, which the options page can call too), prints its
 * report (what replaces national rules, what is new, what is not flagged, and every row to resolve),
 * writes the pack in the bundled pack's canonical format and checks the written file exactly as
 * `npm run validate-pack` would. Exit code 0 when a pack was written (rows to resolve are listed,
 * not fatal), 1 when none could be, 2 for a usage mistake.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatIssue } from '../rules/loader/issues';
import { parsePackText } from '../rules/loader/parse';
import { validatePack } from '../rules/loader/validate';
import { formatPack } from '../rules/packs/format-pack';
import { convertRagCsv } from '../rules/rag/convert';
import { parseRagMappingText, type RagPackMeta, type RagSource } from '../rules/rag/mapping';
import { formatRagReport } from '../rules/rag/report';
import { checkPackText } from './validate-pack';

export const USAGE = [
  'usage: npm run import-rag -- <list.csv> --map <mapping.json> --out <pack.json> [options]',
  '',
  '  --report <file.json>      also write the full report as JSON',
  '  --bundled <pack.json>     the national pack rows are matched against (default rules/packs/core.json)',
  '  --pack-id, --name, --publisher, --licence, --description,',
  '  --pack-version, --published <YYYY-MM-DD>, --review-by <YYYY-MM-DD>',
  '                            pack details (override the mapping file\'s "pack")',
  '  --source-title, --source-url, --source-publisher, --source-date',
  '                            the formulary every rule cites (override the mapping\'s "source")',
  '  --today <YYYY-MM-DD>      the date to publish under (default: today)',
].join('\n');

const DEFAULT_BUNDLED = 'rules/packs/core.json';

export interface ImportRagOptions {
  /** Today's date (YYYY-MM-DD); tests pin it. `--today` wins. */
  readonly today?: string;
  readonly readBytes?: (file: string) => Uint8Array;
  readonly writeText?: (file: string, text: string) => void;
}

export interface ImportRagResult {
  /** 0: pack written; 1: no pack (see the lines); 2: usage mistake. */
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

const OPTIONS = {
  map: { type: 'string', short: 'm' },
  out: { type: 'string', short: 'o' },
  report: { type: 'string' },
  bundled: { type: 'string' },
  'pack-id': { type: 'string' },
  name: { type: 'string' },
  publisher: { type: 'string' },
  licence: { type: 'string' },
  description: { type: 'string' },
  'pack-version': { type: 'string' },
  published: { type: 'string' },
  'review-by': { type: 'string' },
  'source-title': { type: 'string' },
  'source-url': { type: 'string' },
  'source-publisher': { type: 'string' },
  'source-date': { type: 'string' },
  today: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Keeps only the keys given, so an absent flag never hides the mapping file's value. */
function given<T extends Record<string, string | undefined>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function usage(message?: string): ImportRagResult {
  return { exitCode: 2, stdout: [], stderr: message ? [message, USAGE] : [USAGE] };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The CLI without the process: arguments in, lines and exit code out. */
export function runImportRag(
  args: readonly string[],
  options: ImportRagOptions = {},
): ImportRagResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: args.filter((a) => a !== '--'),
      options: OPTIONS,
      allowPositionals: true,
    });
  } catch (error) {
    return usage(reason(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return usage();
  if (positionals.length !== 1) return usage('Give exactly one list (.csv) to convert.');
  if (values.map === undefined || values.out === undefined)
    return usage('--map and --out are required.');
  const [listFile] = positionals as [string];
  const readBytes = options.readBytes ?? ((file: string) => new Uint8Array(readFileSync(file)));
  const writeText =
    options.writeText ?? ((file: string, text: string) => writeFileSync(file, text, 'utf8'));
  const today = values.today ?? options.today ?? new Date().toISOString().slice(0, 10);
  const fail = (lines: readonly string[]): ImportRagResult => ({
    exitCode: 1,
    stdout: [...lines, 'No pack written.'],
    stderr: [],
  });
  const readText = (file: string) => new TextDecoder().decode(readBytes(file));

  let mappingText: string;
  let bundledText: string;
  let list: Uint8Array;
  try {
    mappingText = readText(values.map);
    bundledText = readText(values.bundled ?? DEFAULT_BUNDLED);
    list = readBytes(listFile);
  } catch (error) {
    return fail([`error: Cannot read a file: ${reason(error)}`]);
  }
  const mapping = parseRagMappingText(mappingText);
  if (!mapping.ok)
    return fail([`${values.map}:`, ...mapping.issues.map((i) => `  ${formatIssue(i)}`)]);
  const bundledJson = parsePackText(bundledText);
  const bundled = bundledJson.ok ? validatePack(bundledJson.value, { today }) : bundledJson;
  if (!bundled.ok)
    return fail([
      `${values.bundled ?? DEFAULT_BUNDLED}:`,
      ...bundled.issues.map((i) => `  ${formatIssue(i)}`),
    ]);

  const pack: RagPackMeta = given({
    packId: values['pack-id'],
    name: values.name,
    publisher: values.publisher,
    licence: values.licence,
    description: values.description,
    packVersion: values['pack-version'],
    publishedAt: values.published,
    reviewBy: values['review-by'],
  });
  const source: Partial<RagSource> = given({
    title: values['source-title'],
    url: values['source-url'],
    publisher: values['source-publisher'],
    date: values['source-date'],
  });
  const { pack: result, report } = convertRagCsv(list, mapping.value, bundled.value, {
    today,
    pack,
    source,
  });
  const stdout = formatRagReport(report);
  try {
    if (values.report !== undefined)
      writeText(values.report, JSON.stringify(report, null, 2) + '\n');
  } catch (error) {
    return fail([...stdout, `error: Cannot write ${values.report}: ${reason(error)}`]);
  }
  if (!result) return fail(stdout);

  const text = formatPack(result);
  try {
    writeText(values.out, text);
  } catch (error) {
    return fail([...stdout, `error: Cannot write ${values.out}: ${reason(error)}`]);
  }
  // The file as written, through validate-pack's own check: what the admin uploads is what passed.
  const check = checkPackText(text, today);
  stdout.push(
    `Wrote ${values.out}: ${result.rules.length} rules.`,
    ...check.lines.map((l) => `validate-pack: ${l}`),
  );
  return { exitCode: check.ok ? 0 : 1, stdout, stderr: [] };
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url);
}

if (isEntryPoint()) {
  const result = runImportRag(process.argv.slice(2));
  for (const line of result.stdout) console.log(line);
  for (const line of result.stderr) console.error(line);
  process.exitCode = result.exitCode;
}
