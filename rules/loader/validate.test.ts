/**
 * Issue #20: pack errors an admin who is not a programmer can act on. Each message here is the one
 * the options page shows (`plainIssue`), checked word for word.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { normalizeName } from '../engine';
import { EVERYDAY_MEDICINES } from './everyday-medicines';
import { plainIssue, type PackIssue } from './issues';
import { parsePackText } from './parse';
import { categoryHint, editDistance, explainPack, impossibleDate, nearMiss } from './explain';
import { validatePack as validateOnly, type ValidateOptions } from './validate';

/** What the options page and the CLI show: the validator's result told in plain words. */
const validatePack = (input: unknown, options: ValidateOptions = {}) =>
  explainPack(input, validateOnly(input, options));

const TODAY = '2026-11-24';

function pack(rules: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    packId: 'example-icb-local',
    name: 'Example ICB local positions',
    publisher: 'Example ICB',
    packVersion: '2026.11.1',
    publishedAt: '2026-11-01',
    reviewBy: '2027-11-01',
    licence: 'OGL-UK-3.0',
    description: 'Test pack.',
    rules,
    ...extra,
  };
}

function rule(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'zopiclone-local',
    drug: 'Zopiclone',
    names: ['zopiclone'],
    categories: ['dependence-forming'],
    position: 'Local position.',
    sources: [{ title: 'Formulary', publisher: 'Example ICB', url: 'https://example.nhs.uk/f' }],
    lastReviewed: '2026-10-01',
    ...over,
  };
}

function lines(input: unknown, severity: PackIssue['severity'] = 'error'): string[] {
  const result = validatePack(input, { today: TODAY });
  const issues = result.ok ? result.warnings : result.issues;
  return issues.filter((i) => i.severity === severity).map(plainIssue);
}

describe('plain-English pack errors', () => {
  test('rules are counted from 1 and named by id and drug', () => {
    const input = pack([
      rule({ id: 'amlodipine-local', drug: 'Amlodipine', lastReviewed: 'soon' }),
    ]);
    expect(lines(input)).toEqual([
      `Rule 1 (id 'amlodipine-local', Amlodipine): lastReviewed must be a date written YYYY-MM-DD, such as 2026-11-01 (it says "soon")`,
    ]);
  });

  test('a misspelt key is one error with a suggestion, not two', () => {
    const { categories, ...rest } = rule();
    expect(lines(pack([{ ...rest, catagories: categories }]))).toEqual([
      `Rule 1 (id 'zopiclone-local', Zopiclone): "catagories" is not a field a rule has; did you mean "categories"?`,
    ]);
  });

  test('a misspelt pack field is named at the pack', () => {
    const input = pack([rule()]);
    input.publishedat = input.publishedAt;
    delete input.publishedAt;
    expect(lines(input)).toEqual([
      'Pack details: "publishedat" is not a field a pack has; did you mean "publishedAt"?',
    ]);
  });

  test.each([
    ['red', `in this pack, hospital-only red drugs are 'no-commissioned-service'`],
    [
      'amber',
      `in this pack, amber shared-care drugs are 'shared-care', and amber drugs a specialist only starts are 'specialist-initiation'`,
    ],
    ['shared care', `did you mean 'shared-care'?`],
    ['specialist-initation', `did you mean 'specialist-initiation'?`],
  ])('category %s gets the hint "%s"', (value, hint) => {
    expect(categoryHint(value)).toBe(hint);
    expect(lines(pack([rule({ categories: [value] })]))).toEqual([
      `Rule 1 (id 'zopiclone-local', Zopiclone): Category "${value}" is not one of shared-care, specialist-initiation, no-commissioned-service, dependence-forming; ${hint}`,
    ]);
  });

  test('impossible dates are named as such', () => {
    expect(impossibleDate('2026-13-01')).toBe('there is no month 13');
    expect(impossibleDate('2026-02-30')).toBe('February 2026 has no day 30');
    expect(impossibleDate('2028-02-29')).toBeUndefined();
    expect(lines(pack([rule({ lastReviewed: '2026-13-01' })]))).toEqual([
      `Rule 1 (id 'zopiclone-local', Zopiclone): lastReviewed "2026-13-01" is not a real date: there is no month 13`,
    ]);
  });

  test('a review date before publication is reported even when another error is present', () => {
    const input = pack([rule({ categories: ['red'] })], { reviewBy: '2026-10-01' });
    expect(lines(input)).toEqual([
      `Rule 1 (id 'zopiclone-local', Zopiclone): Category "red" is not one of shared-care, specialist-initiation, no-commissioned-service, dependence-forming; in this pack, hospital-only red drugs are 'no-commissioned-service'`,
      'Pack details: reviewBy (2026-10-01) is before publishedAt (2026-11-01); the review date must come after publication',
    ]);
  });

  test('a duplicate id is found even when a rule is otherwise broken', () => {
    const input = pack([rule(), rule({ drug: 'Zimovane', names: ['zimovane'], lastReviewed: 1 })]);
    expect(lines(input)).toEqual([
      "Rule 2 (id 'zopiclone-local', Zimovane): Rule lastReviewed must be a date written YYYY-MM-DD",
      `Rule 2 (id 'zopiclone-local', Zimovane): Duplicate rule id "zopiclone-local" (rule 1 already uses it); give each rule its own id`,
    ]);
  });

  test('a missing field says what to add', () => {
    const input = pack([rule()]);
    delete input.reviewBy;
    expect(lines(input)).toEqual([
      'Pack details: "reviewBy" is missing: add the date by which the pack must be reviewed again, written YYYY-MM-DD',
    ]);
  });
});

describe('warnings', () => {
  test('an everyday medicine flagged by a pack is worth a second look', () => {
    const input = pack([
      rule({ id: 'amlodipine-local', drug: 'Amlodipine', names: ['Amlodipine'] }),
    ]);
    expect(validatePack(input, { today: TODAY }).ok).toBe(true);
    expect(lines(input, 'warning')).toEqual([
      `Rule 1 (id 'amlodipine-local', Amlodipine): amlodipine is an everyday medicine that GPs start and prescribe routinely; flagging it marks it on many patients' records. Check the rule is meant to be in this pack`,
    ]);
  });

  test.each([
    ['missing', (r: Record<string, unknown>) => ({ ...r, sources: undefined })],
    ['an empty list', (r: Record<string, unknown>) => ({ ...r, sources: [] })],
  ])('a local rule whose sources are %s loads, with a warning naming the rule', (_, edit) => {
    const input = pack([
      rule(),
      edit(rule({ id: 'pregabalin-local', drug: 'Pregabalin', names: ['pregabalin'] })),
    ]);
    const result = validatePack(JSON.parse(JSON.stringify(input)), { today: TODAY });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.rules[1]?.sources).toEqual([]);
    expect(lines(JSON.parse(JSON.stringify(input)), 'warning')).toEqual([
      `Rule 2 (id 'pregabalin-local', Pregabalin): No source given, so readers cannot check it; the card will say "No source given by Example ICB local positions". Add the document the rule rests on (title, publisher and https link)`,
    ]);
  });

  test('the national pack may not leave a rule unsourced', () => {
    const input = pack([rule({ sources: [] })]);
    const result = validateOnly(input, { today: TODAY, requireSources: true });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
        'rules[0].sources: Rule sources must list at least one source: every rule in the national pack cites one',
      ]);
  });

  test('no everyday medicine is flagged by the bundled national pack', () => {
    const core = parsePackText(readFileSync('rules/packs/core.json', 'utf8'));
    if (!core.ok) throw new Error('core.json does not parse');
    const result = validatePack(core.value);
    if (!result.ok) throw new Error('core.json does not validate');
    const flagged = result.value.rules.flatMap((r) =>
      r.names.map((n) => normalizeName(n).join(' ')),
    );
    expect(flagged.filter((n) => EVERYDAY_MEDICINES.has(n))).toEqual([]);
  });
});

describe('directory places', () => {
  test('a place outside the entry’s ICBs is refused, naming the entry and the place', () => {
    const core = parsePackText(readFileSync('rules/packs/core.json', 'utf8'));
    if (!core.ok) throw new Error('core.json does not parse');
    const entry = (core.value as { directory: Record<string, unknown>[] }).directory[0];
    const input = pack([rule()], {
      directory: [{ ...entry, id: 'example-entry', icbs: ['devon'], places: ['01F'] }],
    });
    expect(lines(input)).toContain(
      `Directory entry 1 (id 'example-entry'): Directory entry "example-entry" lists place "01F", which is not a sub-ICB location of its ICBs`,
    );
  });
});

describe('near misses', () => {
  test.each([
    ['catagories', 'categories'],
    ['lastReveiwed', 'lastReviewed'],
    ['sorces', 'sources'],
    ['colour', undefined],
  ])('%s → %s', (word, expected) => {
    expect(nearMiss(word, ['id', 'drug', 'names', 'categories', 'sources', 'lastReviewed'])).toBe(
      expected,
    );
  });

  test('a swap counts as one edit', () => {
    expect(editDistance('ei', 'ie')).toBe(1);
  });
});
