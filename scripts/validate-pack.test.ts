/**
 * What an admin reads from `npm run validate-pack`: one plain line per problem, located by JSON path,
 * and an exit code a script can trust. Fixtures: tests/fixtures/rule-packs/{valid,invalid}/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runValidatePack, USAGE } from './validate-pack';

const TODAY = '2026-11-24';
// Packs that are not JSON at all are .txt so that `prettier --check` leaves them broken.
const fixture = (kind: 'valid' | 'invalid', name: string) =>
  `tests/fixtures/rule-packs/${kind}/${name}${name === 'not-json' || name === 'empty' ? '.txt' : '.json'}`;
const run = (...files: string[]) => runValidatePack(files, { today: TODAY });

const CATEGORY_LIST =
  'shared-care, specialist-initiation, no-commissioned-service, dependence-forming';
const NOT_HTTPS = 'Source url must be an https:// link with a host';

describe('broken packs: every problem, by JSON path, and exit code 1', () => {
  test.each<[string, (string | RegExp)[]]>([
    ['not-json', [/^error at \(file\): The file is not valid JSON: .+/]],
    ['empty', ['error at (file): The file is empty']],
    [
      'not-an-object',
      [
        'error at (pack): A rule pack must be a JSON object ({ … }) with schemaVersion, packId and rules',
      ],
    ],
    [
      'unknown-category',
      [
        `error at rules[1].categories[1]: Category "amber" is not one of ${CATEGORY_LIST}; in this pack, amber shared-care drugs are 'shared-care', and amber drugs a specialist only starts are 'specialist-initiation'`,
      ],
    ],
    [
      'http-link',
      [
        `error at rules[0].sources[0].url: ${NOT_HTTPS}`,
        `error at rules[1].sources[0].url: ${NOT_HTTPS}`,
      ],
    ],
    [
      'javascript-link',
      [
        `error at rules[0].sources[0].url: ${NOT_HTTPS}`,
        `error at rules[1].sources[0].url: ${NOT_HTTPS}`,
      ],
    ],
    [
      'duplicate-id',
      [
        'error at rules[1].id: Duplicate rule id "zopiclone" (rule 1 already uses it); give each rule its own id',
      ],
    ],
    [
      'conflicting-name',
      [
        'error at rules[1].names[2]: Name "Zimovane" is also claimed by rule "zopiclone" with different categories (rule 1); give one of them form words or remove the name',
      ],
    ],
    [
      'wrong-schema-version',
      [
        'error at schemaVersion: schemaVersion must be 1 (this version of Prescribing Lens reads schema 1)',
      ],
    ],
    [
      'misspelt-field',
      [
        'error at rules[0].catagories: "catagories" is not a field a rule has; did you mean "categories"?',
      ],
    ],
    [
      'bad-rule-id',
      ['error at rules[0].id: Rule id must be lower-case letters and digits joined by hyphens'],
    ],
    [
      'bad-review-date',
      [
        'error at rules[0].lastReviewed: lastReviewed must be a date written YYYY-MM-DD, such as 2026-11-01 (it says "15/10/2026")',
      ],
    ],
    [
      'review-before-publish',
      [
        'error at reviewBy: reviewBy (2026-01-01) is before publishedAt (2026-11-01); the review date must come after publication',
        "warning at reviewBy: The pack's review date 2026-01-01 has passed; its content may be out of date",
      ],
    ],
    [
      'name-without-letters',
      ['error at rules[0].names[2]: Name "--" has no letters or digits to match on'],
    ],
    [
      'invisible-character',
      ['error at rules[0].names[2]: Name contains invisible or control characters'],
    ],
    [
      'missing-pack-id',
      [
        'error at packId: "packId" is missing: add a short id for the pack, lower-case words joined by hyphens',
      ],
    ],
    [
      'empty-forms',
      ['error at rules[0].forms: Rule forms, when given, must list at least one form'],
    ],
    ['repeated-category', ['error at rules[0].categories: Rule categories must not repeat']],
    [
      'many-problems',
      [
        'error at packId: packId must be lower-case letters and digits joined by hyphens',
        `error at rules[0].categories[0]: Category "red" is not one of ${CATEGORY_LIST}; in this pack, hospital-only red drugs are 'no-commissioned-service'`,
        `error at rules[0].sources[0].url: ${NOT_HTTPS}`,
        `error at rules[1].sources[0].url: ${NOT_HTTPS}`,
      ],
    ],
  ])('%s', (name, expected) => {
    const report = run(fixture('invalid', name));
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toHaveLength(expected.length);
    expected.forEach((line, i) => {
      if (typeof line === 'string') expect(report.stdout[i]).toBe(line);
      else expect(report.stdout[i]).toMatch(line);
    });
  });
});

describe('usable packs: counts, warnings, and exit code 0', () => {
  test.each<[string, string[]]>([
    ['local-pack', ['valid: 2 rules, 4 names']],
    [
      'review-overdue',
      [
        'valid: 2 rules, 4 names',
        "warning at reviewBy: The pack's review date 2025-06-01 has passed; its content may be out of date",
      ],
    ],
    [
      'repeated-name',
      [
        'valid: 2 rules, 5 names',
        'warning at rules[0].names[2]: Name "ZOPICLONE" repeats "zopiclone" (name 1) once case and punctuation are ignored',
      ],
    ],
    [
      'disables-own-rule',
      [
        'valid: 2 rules, 4 names',
        'warning at disable[1].ruleId: This pack both defines and disables rule "melatonin"; its own rule stays active. Remove one of them',
      ],
    ],
    [
      'reviewed-in-future',
      [
        'valid: 2 rules, 4 names',
        'warning at rules[0].lastReviewed: Rule "zopiclone" says it was last reviewed on 2027-01-01, which is in the future; check the date',
      ],
    ],
    [
      'no-category-text',
      [
        'valid: 2 rules, 4 names',
        `warning at rules[0].position: No position text for category "dependence-forming" in this rule or the pack; the bundled pack's text will be shown`,
        `warning at rules[1].position: No position text for category "shared-care" in this rule or the pack; the bundled pack's text will be shown`,
      ],
    ],
    // A local rule with no source loads: the admin is told, and the card names the pack (#20).
    ...(['missing-sources', 'empty-sources'] as const).map((name): [string, string[]] => [
      name,
      [
        'valid: 2 rules, 4 names',
        'warning at rules[0].sources: No source given, so readers cannot check it; the card will say "No source given by Example ICB local positions". Add the document the rule rests on (title, publisher and https link)',
      ],
    ]),
  ])('%s', (name, expected) => {
    const report = run(fixture('valid', name));
    expect(report).toEqual({ exitCode: 0, stdout: expected, stderr: [] });
  });

  test('the bundled pack is valid, counted exactly, with no warnings', () => {
    const core = JSON.parse(readFileSync('rules/packs/core.json', 'utf8')) as {
      publishedAt: string;
      rules: { names: string[] }[];
    };
    const names = core.rules.reduce((n, r) => n + r.names.length, 0);
    // On its own publication date: rules reviewed for a release are dated that day.
    expect(runValidatePack(['rules/packs/core.json'], { today: core.publishedAt })).toEqual({
      exitCode: 0,
      stdout: [`valid: ${core.rules.length} rules, ${names} names`],
      stderr: [],
    });
  });
});

describe('command line behaviour', () => {
  test('several files: each gets a header, and one bad file fails the run', () => {
    const report = run(fixture('valid', 'local-pack'), fixture('invalid', 'empty'));
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toEqual([
      `${fixture('valid', 'local-pack')}:`,
      '  valid: 2 rules, 4 names',
      `${fixture('invalid', 'empty')}:`,
      '  error at (file): The file is empty',
    ]);
  });

  test.each([[[]], [['--']], [['--help']]])('%j prints usage and exits 2', (args) => {
    expect(runValidatePack(args)).toEqual({ exitCode: 2, stdout: [], stderr: [USAGE] });
  });

  test('a file that cannot be read is an error, not a crash', () => {
    const report = runValidatePack(['missing.json'], {
      today: TODAY,
      readText: () => {
        throw new Error('ENOENT: no such file or directory');
      },
    });
    expect(report).toEqual({
      exitCode: 1,
      stdout: ['error at (file): Cannot read missing.json: ENOENT: no such file or directory'],
      stderr: [],
    });
  });
});

describe('services and directory (#19)', () => {
  test('an ICB pack with its own service and a local clinic, covering national rules, is valid', () => {
    const report = run(fixture('valid', 'icb-services-directory'));
    expect(report.exitCode).toBe(0);
  });

  test('non-https referral links and a missing review date are refused by JSON path', () => {
    const report = run(fixture('invalid', 'directory-problems'));
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toEqual([
      'error at directory[1].howToRefer.url: Referral url must be an https:// link with a host',
      'error at directory[2].reviewBy: "reviewBy" is missing: add the date by which this entry must be checked again, written YYYY-MM-DD',
    ]);
  });

  test('an unknown rule and a duplicate service id are refused by JSON path', () => {
    const report = run(fixture('invalid', 'directory-unknown-rule'));
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toEqual([
      'error at services[1].id: Duplicate service id "stop-smoking" (service 1 already uses it)',
      'error at directory[0].covers.rules[0]: Directory entry "example-withdrawal-clinic" covers rule "vareniclne", which no pack in force defines; check the id',
    ]);
  });
});
