/**
 * Checks a rule pack the way the extension will, before an admin uploads it:
 *
 *   npm run validate-pack -- path/to/pack.json [more.json …]
 *
 * Runs the extension's own `parsePackText` + `validatePack` (no second implementation to drift), then
 * prints `valid: N rules, M names` and any warnings, or every problem as
 * `error at <json path>: <plain-English reason>`. Exit code 0 when every pack is usable (warnings
 * allowed), 1 when any pack has an error, 2 for a usage mistake.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue } from '../rules/loader/issues';
import { parsePackText } from '../rules/loader/parse';
import { validatePack } from '../rules/loader/validate';
import { explainPack } from '../rules/loader/explain';
import corePack from '../rules/packs/core.json';

export const USAGE = 'usage: npm run validate-pack -- <pack.json> [more.json …]';

export interface ValidatePackOptions {
  /** Today's date (YYYY-MM-DD) for review-date warnings; tests pin it. */
  readonly today?: string;
  /** Reads a file as UTF-8 text; injectable so tests need no real files for read errors. */
  readonly readText?: (file: string) => string;
}

export interface ValidatePackReport {
  /** 0: usable (warnings allowed); 1: at least one error; 2: usage mistake. */
  readonly exitCode: 0 | 1 | 2;
  /** What to print, one line each; `stderr` lines are usage help. */
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

export interface PackTextResult {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Validates one pack's text; `lines` are what an admin reads. */
export function checkPackText(text: string, today: string = todayIso()): PackTextResult {
  const parsed = parsePackText(text);
  if (!parsed.ok) return { ok: false, lines: parsed.issues.map(formatIssue) };
  // A local or ICB pack's services and directory may cover national rules by id (#19), as they
  // may once layered in the extension.
  const knownRuleIds = new Set(corePack.rules.map((r) => r.id));
  const result = explainPack(parsed.value, validatePack(parsed.value, { today, knownRuleIds }));
  if (!result.ok) return { ok: false, lines: result.issues.map(formatIssue) };
  const rules = result.value.rules.length;
  const names = result.value.rules.reduce((n, rule) => n + rule.names.length, 0);
  return {
    ok: true,
    lines: [`valid: ${rules} rules, ${names} names`, ...result.warnings.map(formatIssue)],
  };
}

/** The CLI without the process: arguments in, lines and exit code out. */
export function runValidatePack(
  args: readonly string[],
  options: ValidatePackOptions = {},
): ValidatePackReport {
  const files = args.filter((a) => a !== '--');
  if (files.length === 0 || files.some((f) => f === '--help' || f === '-h')) {
    return { exitCode: 2, stdout: [], stderr: [USAGE] };
  }
  const readText = options.readText ?? ((file: string) => readFileSync(file, 'utf8'));
  const today = options.today ?? todayIso();
  const stdout: string[] = [];
  let failed = false;
  for (const file of files) {
    let result: PackTextResult;
    try {
      result = checkPackText(readText(file), today);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result = { ok: false, lines: [`error at (file): Cannot read ${file}: ${reason}`] };
    }
    failed ||= !result.ok;
    // One file prints bare lines (easy to read and to grep); several get a header each.
    if (files.length > 1) stdout.push(`${file}:`, ...result.lines.map((l) => `  ${l}`));
    else stdout.push(...result.lines);
  }
  return { exitCode: failed ? 1 : 0, stdout, stderr: [] };
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url);
}

if (isEntryPoint()) {
  const report = runValidatePack(process.argv.slice(2));
  for (const line of report.stdout) console.log(line);
  for (const line of report.stderr) console.error(line);
  process.exitCode = report.exitCode;
}
