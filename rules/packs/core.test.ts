/**
 * The bundled national pack as data (Dark Reader's config tests; docs/architecture.md "Data is code"): it validates, it
 * is sorted and canonical so diffs stay reviewable, every rule is cited and dated, no everyday
 * medicine is listed, and every listed name really reaches its rule through the engine the
 * content script runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { matchText, normalizeName } from '../engine';
import { activateRuleSet } from '../bundled';
import { parsePackText } from '../loader/parse';
import { validatePack } from '../loader/validate';
import { CATEGORIES } from '../schema/rule-pack';
import { formatPack } from './format-pack';

const text = readFileSync(new URL('./core.json', import.meta.url), 'utf8');
const parsed = parsePackText(text);
if (!parsed.ok) throw new Error('core.json is not JSON');
// On its own publication date: the pack's date moves with each release.
const published = (parsed.value as { publishedAt?: unknown }).publishedAt;
// As the build validates it: every national rule must cite a source (a local pack need not).
const result = validatePack(parsed.value, {
  today: typeof published === 'string' ? published : '2026-11-24',
  requireSources: true,
});
if (!result.ok) {
  throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
}
const pack = result.value;
const { compiled } = activateRuleSet([{ layer: 'bundled', pack }]);

/** Everyday medicines that must never be flagged (end-to-end fixtures rely on it). */
const UNFLAGGED = [
  'amlodipine',
  'metformin',
  'ramipril',
  'lisinopril',
  'atorvastatin',
  'simvastatin',
  'omeprazole',
  'lansoprazole',
  'paracetamol',
  'ibuprofen',
  'naproxen',
  'levothyroxine',
  'salbutamol',
  'beclometasone',
  'bendroflumethiazide',
  'indapamide',
  'losartan',
  'bisoprolol',
  'aspirin',
  'clopidogrel',
  'furosemide',
  'amoxicillin',
  'flucloxacillin',
  'doxycycline',
  'nitrofurantoin',
  'trimethoprim',
  'folic acid',
  'colecalciferol',
  'senna',
  'lactulose',
  'macrogol',
  'cetirizine',
  'loratadine',
  'gliclazide',
  'tamsulosin',
  'latanoprost',
];

/**
 * Rules that shipped before this pack grew, with their first (colour-deciding) category. Ids are
 * what local packs override by and e2e fixtures expect, so neither may change.
 */
const STABLE_RULES: [string, string][] = [
  ['amiodarone', 'shared-care'],
  ['amitriptyline', 'dependence-forming'],
  ['apomorphine', 'specialist-initiation'],
  ['azathioprine', 'shared-care'],
  ['buprenorphine-ost', 'no-commissioned-service'],
  ['buprenorphine-transdermal', 'dependence-forming'],
  ['bupropion', 'no-commissioned-service'],
  ['citalopram', 'dependence-forming'],
  ['codeine', 'dependence-forming'],
  ['diazepam', 'dependence-forming'],
  ['dihydrocodeine', 'dependence-forming'],
  ['gabapentin', 'dependence-forming'],
  ['liothyronine', 'specialist-initiation'],
  ['lithium', 'shared-care'],
  ['lorazepam', 'dependence-forming'],
  ['methadone', 'no-commissioned-service'],
  ['methotrexate', 'shared-care'],
  ['methylphenidate', 'shared-care'],
  ['mirtazapine', 'dependence-forming'],
  ['morphine', 'dependence-forming'],
  ['oxycodone', 'dependence-forming'],
  ['pregabalin', 'dependence-forming'],
  ['sertraline', 'dependence-forming'],
  ['temazepam', 'dependence-forming'],
  ['tramadol', 'dependence-forming'],
  ['varenicline', 'no-commissioned-service'],
  ['warfarin', 'no-commissioned-service'],
  ['zolpidem', 'dependence-forming'],
  ['zopiclone', 'dependence-forming'],
];

const key = (name: string) => normalizeName(name).join(' ');

describe('core.json as a file', () => {
  test('validates with no warnings on its publication date', () => {
    expect(result.warnings).toEqual([]);
  });

  test('is byte-identical to its canonical formatting', () => {
    expect(formatPack(parsed.value)).toBe(text);
  });

  test('is big enough to be the national default', () => {
    expect(pack.rules.length).toBeGreaterThanOrEqual(150);
    expect(pack.rules.reduce((n, r) => n + r.names.length, 0)).toBeGreaterThanOrEqual(600);
  });

  test('defines position, advice and sources for all four categories', () => {
    for (const category of CATEGORIES) {
      const categoryText = pack.categoryText?.[category];
      expect(categoryText?.position, category).toBeTruthy();
      expect(categoryText?.advice, category).toBeTruthy();
      expect(categoryText?.sources?.length, category).toBeGreaterThan(0);
    }
  });

  test('has rule ids that are unique and sorted', () => {
    const ids = pack.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  test('was reviewed no later than it was published', () => {
    for (const rule of pack.rules)
      expect(rule.lastReviewed <= pack.publishedAt, rule.id).toBe(true);
  });
});

describe('stable rules keep their id and first category', () => {
  test.each(STABLE_RULES)('%s stays %s', (id, first) => {
    expect(pack.rules.find((r) => r.id === id)?.categories[0]).toBe(first);
  });
});

describe('every rule is cited', () => {
  test.each(pack.rules.map((r) => [r.id, r] as const))(
    '%s cites a dated or titled source',
    (_, rule) => {
      expect(rule.sources.length).toBeGreaterThan(0);
      for (const source of rule.sources) {
        expect(source.url.startsWith('https://')).toBe(true);
        expect(source.title.length).toBeGreaterThan(0);
        expect(source.publisher.length).toBeGreaterThan(0);
      }
    },
  );
});

describe('everyday medicines are never listed', () => {
  const listed = new Map(pack.rules.flatMap((r) => r.names.map((n) => [key(n), r.id] as const)));
  test.each(UNFLAGGED)('%s is not a listed name and is not flagged', (name) => {
    expect(listed.get(key(name))).toBeUndefined();
    expect(matchText(compiled, `${name} tablets`)).toEqual([]);
  });
});

describe('a name shared by two rules is told apart by form words', () => {
  test('only form-qualified rules share names', () => {
    const owners = new Map<string, string[]>();
    for (const rule of pack.rules) {
      for (const name of rule.names)
        owners.set(key(name), [...(owners.get(key(name)) ?? []), rule.id]);
    }
    for (const [name, ids] of owners) {
      if (ids.length < 2) continue;
      const unqualified = ids.filter((id) => !pack.rules.find((r) => r.id === id)?.forms);
      expect(unqualified.length, `${name}: ${ids.join(', ')}`).toBeLessThanOrEqual(1);
    }
  });

  test.each([
    ['Methotrexate 2.5mg tablets', ['methotrexate']],
    ['Methotrexate 25mg/1ml solution for injection', ['methotrexate-injection']],
    ['Fentanyl 25micrograms/hour transdermal patches', ['fentanyl']],
    ['Fentanyl 200microgram buccal tablets', ['fentanyl-immediate-release']],
    ['Buprenorphine 8mg sublingual tablets', ['buprenorphine-ost']],
    ['Buprenorphine 10micrograms/hour transdermal patches', ['buprenorphine-transdermal']],
    ['Buprenorphine', ['buprenorphine-ost', 'buprenorphine-transdermal']],
  ])('%s → %j', (line, ids) => {
    expect(matchText(compiled, line)[0]?.ruleIds).toEqual(ids);
  });
});

/** Every (rule, name) pair, with a form word after the name for form-qualified rules. */
/** Names the name policy binds to an injection form (rules/names/name-policy.json `formBound`). */
const FORM_BOUND = new Set(
  Object.keys(
    (
      JSON.parse(readFileSync(new URL('../names/name-policy.json', import.meta.url), 'utf8')) as {
        formBound?: Record<string, string>;
      }
    ).formBound ?? {},
  ).map((name) => name.toLowerCase()),
);

const formFor = (rule: { names: readonly string[]; forms?: readonly string[] }, name: string) =>
  rule.forms?.[0] ?? (FORM_BOUND.has(name.toLowerCase()) ? 'injection' : undefined);

const NAME_CASES = pack.rules.flatMap((rule) =>
  rule.names.map((name) => {
    const form = formFor(rule, name);
    return { id: rule.id, name, line: form ? `${name} ${form}` : name };
  }),
);

describe('every listed name reaches its rule through the engine', () => {
  test.each(NAME_CASES)('$name → $id', ({ id, name, line }) => {
    const match = matchText(compiled, line)[0];
    expect(match).toMatchObject({ start: 0, end: name.length, kind: 'exact' });
    expect(match?.ruleIds).toContain(id);
  });

  test.each(NAME_CASES)('$name → $id in a dm+d-style line in capitals', ({ id, name }) => {
    const rule = pack.rules.find((r) => r.id === id);
    const form = rule ? formFor(rule, name) : undefined;
    const line = `${name.toUpperCase()} 10MG ${(form ?? 'tablets').toUpperCase()}`;
    expect(matchText(compiled, line)[0]?.ruleIds).toContain(id);
  });
});
