/**
 * Every regular expression in product code runs in linear time (issue 16: one backtracking
 * expression over a letter body froze every clinical page). Rule packs, CSV/xlsx cells, policy
 * values and page text are all untrusted, so the check covers every literal in product code, not
 * only the ones known today to see such input. redos-detector proves most safe; the few it cannot
 * prove are listed below with the reason they are linear, and run against hostile input here.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { isSafe } from 'redos-detector';

const PRODUCT_GLOBS = [
  'rules/**/*.ts',
  'entrypoints/**/*.ts',
  'entrypoints/**/*.tsx',
  'components/**/*.ts',
  'components/**/*.tsx',
  // Admin tools that read packs, CSV and dm+d files.
  'scripts/import-rag.ts',
  'scripts/import-dmd.ts',
  'scripts/validate-pack.ts',
  'scripts/sign-pack.ts',
];

interface Found {
  readonly where: string;
  readonly source: string;
  readonly regex: RegExp;
}

function productRegexes(): Found[] {
  const files = execFileSync('git', ['ls-files', ...PRODUCT_GLOBS], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && !/\.(test|spec)\.tsx?$/.test(f));
  const found: Found[] = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const slash = text.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        found.push({
          where: `${file}:${line}`,
          source: text,
          regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)),
        });
      }
      if (ts.isNewExpression(node) && node.expression.getText(sf) === 'RegExp') {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        throw new Error(
          `${file}:${line}: a RegExp built at run time cannot be checked; use a literal`,
        );
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/**
 * Linear, though redos-detector cannot prove it (its model treats any overlap between the implied
 * leading `[^]*?` and a repeated class as ambiguous). Each entry says why, and gives a hostile input
 * that a quadratic expression would need minutes for.
 */
const PROVEN_BY_HAND: Readonly<Record<string, { why: string; hostile: string }>> = {
  '/(DISCONTINUED|CANCELLED|Cancelled|Discontinued|De-activated|Stopped)\\s*:/': {
    why: 'a try starts only at a fixed word; its \\s* run ends at the next non-space, so runs do not overlap',
    hostile: `${'Stopped'.padEnd(200, ' ')}x`.repeat(5000),
  },
  '/[([]([^()[\\]]*)[)\\]]/g': {
    why: 'a try starts only at a bracket and its run stops at the next bracket, so each character is read by one try',
    hostile: `(${'a'.repeat(200)}`.repeat(5000),
  },
};

const all = productRegexes();

describe('regular expressions in product code', () => {
  test('there are some (the scan works)', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  test.each(all.map((f) => [f.where, f]))('%s runs in linear time', (_where, found) => {
    const byHand = PROVEN_BY_HAND[found.source];
    if (byHand) {
      const started = performance.now();
      found.regex.lastIndex = 0;
      found.regex.test(byHand.hostile);
      // ~1 MB of hostile text: linear work is milliseconds, quadratic is minutes.
      expect(performance.now() - started).toBeLessThan(2000);
      return;
    }
    const result = isSafe(found.regex, { timeout: 5000 });
    expect(
      result.safe,
      `${found.source} may backtrack super-linearly (${result.error ?? 'unsafe'})`,
    ).toBe(true);
  });

  test('every hand-proven expression is still in the code', () => {
    const sources = new Set(all.map((f) => f.source));
    for (const source of Object.keys(PROVEN_BY_HAND)) expect(sources).toContain(source);
  });
});

describe('the checker catches what froze pages', () => {
  test.each([
    ['the old letter-placeholder expression', /\{\{\s*([^}]*?)\s*\}\}/g],
    ['a trailing-blank trim before a newline', /[ \t]+\n/g],
    ['nested quantifiers', /^(a+)+$/],
  ])('%s is refused', (_name, regex) => {
    expect(isSafe(regex, { timeout: 5000 }).safe).toBe(false);
  });
});
