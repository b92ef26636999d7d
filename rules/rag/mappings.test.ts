/**
 * The example mappings shipped in rules/rag/mappings/ (docs/rule-pack.md, "Importing a traffic-light
 * formulary"): each validates and converts a sample list laid out the way its scheme's lists are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parsePackText } from '../loader/parse';
import { validatePack } from '../loader/validate';
import type { RulePack } from '../schema/rule-pack';
import { convertRagCsv } from './convert';
import { parseRagMappingText } from './mapping';

function loadBundled(): RulePack {
  const parsed = parsePackText(readFileSync('rules/packs/core.json', 'utf8'));
  const result = parsed.ok ? validatePack(parsed.value) : null;
  if (!result?.ok) throw new Error('core.json does not validate');
  return result.value;
}

const bundled = loadBundled();
const PACK = {
  packId: 'example-local',
  name: 'Example local',
  publisher: 'NHS Example ICB',
  licence: 'OGL-UK-3.0',
};

interface Expected {
  /** [rule id, categories] for rows that replace bundled rules, in row order. */
  readonly overridden: readonly (readonly [string, readonly string[]])[];
  readonly created: readonly string[];
  readonly skipped: readonly number[];
  readonly encoding: string;
}

const CASES: Record<string, { sample: string; expected: Expected }> = {
  netformulary: {
    sample: 'netformulary-sample.csv',
    expected: {
      encoding: 'utf-8',
      overridden: [
        ['methotrexate', ['shared-care']],
        ['methotrexate-injection', ['no-commissioned-service']],
        ['methylphenidate', ['shared-care']],
        ['lisdexamfetamine', ['shared-care']],
        ['liothyronine', ['no-commissioned-service']],
        ['buprenorphine-ost', ['no-commissioned-service', 'dependence-forming']],
      ],
      created: ['cenobamate', 'tolcapone', 'progesterone'],
      skipped: [6, 11, 12, 14],
    },
  },
  llr: {
    sample: 'llr-sample.csv',
    expected: {
      encoding: 'utf-8',
      // DOACs, dementia medicines and take-home naloxone are not in the national pack (issue 17),
      // so their rows become local rules.
      overridden: [
        ['methotrexate', ['shared-care']],
        ['azathioprine', ['shared-care']],
        ['buprenorphine-ost', ['no-commissioned-service', 'dependence-forming']],
        ['baricitinib', ['no-commissioned-service']],
      ],
      created: [
        'dabigatran',
        'opicapone',
        'lamotrigine',
        'donepezil',
        'naloxone',
        'bemiparin',
        'cenobamate',
      ],
      skipped: [13],
    },
  },
  'pan-mersey': {
    sample: 'pan-mersey-sample.csv',
    expected: {
      encoding: 'windows-1252',
      overridden: [
        ['melatonin', ['specialist-initiation']],
        ['methadone', ['specialist-initiation', 'dependence-forming']],
        ['denosumab', ['shared-care']],
        ['lithium', ['shared-care']],
        ['triptorelin', ['specialist-initiation']],
        ['dupilumab', ['no-commissioned-service']],
        ['co-proxamol', ['no-commissioned-service', 'dependence-forming']],
      ],
      created: ['mesalazine', 'brodalumab'],
      skipped: [11, 12, 13],
    },
  },
};

test('every shipped mapping has a sample list here', () => {
  const shipped = readdirSync('rules/rag/mappings').map((f) => f.replace(/\.json$/, ''));
  expect(shipped.sort()).toEqual(Object.keys(CASES).sort());
});

describe.each(Object.entries(CASES))('rules/rag/mappings/%s.json', (name, { sample, expected }) => {
  const parsed = parseRagMappingText(readFileSync(`rules/rag/mappings/${name}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const mapping = parsed.value;
  const result = convertRagCsv(
    new Uint8Array(readFileSync(`tests/fixtures/rag/${sample}`)),
    mapping,
    bundled,
    {
      today: '2026-11-24',
      pack: PACK,
      // Schemes without one fixed home page leave the formulary link to the admin.
      source: mapping.source?.url
        ? {}
        : { title: 'Example formulary', url: 'https://formulary.example.nhs.uk/' },
    },
  );

  test('says what it reads, and gives wording for every flagged status', () => {
    expect(mapping.description).toBeTruthy();
    for (const status of mapping.statuses.filter((s) => s.category)) {
      expect(status.position, status.labels[0]).toBeTruthy();
      expect(status.advice, status.labels[0]).toBeTruthy();
    }
  });

  test('maps red to hospital-only wording', () => {
    const red = mapping.statuses.find((s) => s.labels.some((l) => l.toLowerCase() === 'red'));
    expect(red?.category).toBe('no-commissioned-service');
    expect(red?.advice).toMatch(/^Hospital \(specialist\) prescribing only/);
  });

  test('converts its sample into a valid pack with nothing to resolve', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.report.problems).toEqual([]);
    expect(result.report.encoding).toBe(expected.encoding);
    expect(result.pack?.rules.length).toBe(expected.overridden.length + expected.created.length);
  });

  test('lands each row where its status says', () => {
    expect(result.report.overridden.map((o) => [o.ruleId, o.categories])).toEqual(
      expected.overridden,
    );
    expect(result.report.created.map((o) => o.ruleId)).toEqual(expected.created);
    expect(result.report.skipped.map((s) => s.row)).toEqual(expected.skipped);
  });
});
