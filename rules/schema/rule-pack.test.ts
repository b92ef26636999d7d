import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import {
  describeMixedScript,
  isSafeHttpsUrl,
  RulePackSchema,
  urlProblem,
  type RulePack,
} from './rule-pack';

/** A JSON-like value, as a pack file holds. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SOURCE: JsonObject = {
  title: 'Responsibility for prescribing between primary & secondary/tertiary care',
  publisher: 'NHS England',
  date: '2018-01',
  url: 'https://www.england.nhs.uk/publication/responsibility-for-prescribing-between-primary-and-secondary-tertiary-care/',
};

function rule(overrides: JsonObject = {}): JsonObject {
  return {
    id: 'methotrexate-oral',
    drug: 'Methotrexate',
    names: ['methotrexate', 'Maxtrex'],
    categories: ['shared-care'],
    sources: [SOURCE],
    lastReviewed: '2026-10-01',
    ...overrides,
  };
}

/** The smallest pack an ICB could publish: one rule, no optional fields. */
function pack(overrides: JsonObject = {}): JsonObject {
  return {
    schemaVersion: 1,
    packId: 'example-icb-local',
    name: 'Example ICB local positions',
    publisher: 'NHS Example ICB Medicines Optimisation Team',
    packVersion: '2026.11.1',
    publishedAt: '2026-11-01',
    reviewBy: '2027-05-01',
    licence: 'OGL-UK-3.0',
    description: 'Fictitious local pack for tests.',
    rules: [rule()],
    ...overrides,
  };
}

function withSource(source: JsonObject): JsonObject {
  return pack({ rules: [rule({ sources: [{ ...SOURCE, ...source }] })] });
}

function withLetterBody(body: string): JsonObject {
  return pack({
    categoryText: {
      'shared-care': {
        position: 'Non-core, voluntary work: the practice may decline.',
        advice: 'Ask the specialist to keep prescribing until shared care is agreed.',
        letters: [
          {
            id: 'decline-shared-care',
            title: 'Decline shared care (to the specialist)',
            audience: 'specialist',
            body,
          },
        ],
      },
    },
  });
}

function parse(input: unknown): v.SafeParseResult<typeof RulePackSchema> {
  return v.safeParse(RulePackSchema, input);
}

function messages(input: unknown): string[] {
  const result = parse(input);
  return result.success ? [] : result.issues.map((i) => i.message);
}

function accepted(input: unknown): RulePack {
  const result = parse(input);
  if (!result.success) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.output;
}

describe('RulePackSchema accepts', () => {
  test('a minimal pack with one rule', () => {
    expect(messages(pack())).toEqual([]);
  });

  test('a pack with no rules yet', () => {
    expect(messages(pack({ rules: [] }))).toEqual([]);
  });

  test('text fields trimmed of surrounding spaces', () => {
    const out = accepted(pack({ rules: [rule({ drug: '  Methotrexate ', names: [' Maxtrex'] })] }));
    expect(out.rules[0]?.drug).toBe('Methotrexate');
    expect(out.rules[0]?.names).toEqual(['Maxtrex']);
  });

  test.each([
    ['a Greek letter in its own word', 'α-tocopherol'],
    ['accented Latin', 'Rosuvastatine sodique é'],
    ['a hyphenated combination', 'co-codamol'],
  ])('a name with %s', (_why, name) => {
    expect(messages(pack({ rules: [rule({ names: [name] })] }))).toEqual([]);
  });

  test.each([
    ['a year', '2019'],
    ['a year and month', '2019-09'],
    ['a leap day', '2024-02-29'],
  ])('a source dated with %s', (_why, date) => {
    expect(messages(withSource({ date }))).toEqual([]);
  });

  test('a source without a date', () => {
    const { title, publisher, url } = SOURCE;
    expect(
      messages(pack({ rules: [rule({ sources: [{ title, publisher, url } as JsonObject] })] })),
    ).toEqual([]);
  });

  test('a letter body with line breaks and every known placeholder', () => {
    const body =
      'Dear colleague,\n\n{{drug}} ({{category}}): {{position}}\nSee {{sources}}.\n{{pack}}, {{date}}, { {commissioner} }, {{ commissioner }}';
    expect(messages(withLetterBody(body))).toEqual([]);
  });
});

describe('RulePackSchema refuses, saying why', () => {
  const CATEGORY_LIST =
    'Category must be one of: shared-care, specialist-initiation, no-commissioned-service, dependence-forming';
  test.each<[string, JsonObject, string]>([
    [
      'a newer schema version',
      pack({ schemaVersion: 2 }),
      'schemaVersion must be 1 (this version of Prescribing Lens reads schema 1)',
    ],
    [
      'a pack id with capitals and underscores',
      pack({ packId: 'Example_ICB' }),
      'packId must be lower-case letters and digits joined by hyphens',
    ],
    [
      'a pack id with a double hyphen',
      pack({ packId: 'example--icb' }),
      'packId must be lower-case letters and digits joined by hyphens',
    ],
    [
      'a rule id ending in a hyphen',
      pack({ rules: [rule({ id: 'methotrexate-' })] }),
      'Rule id must be lower-case letters and digits joined by hyphens',
    ],
    [
      'a rule id with a space',
      pack({ rules: [rule({ id: 'methotrexate oral' })] }),
      'Rule id must be lower-case letters and digits joined by hyphens',
    ],
    [
      'a rule id of 81 characters',
      pack({ rules: [rule({ id: 'a'.repeat(81) })] }),
      'Rule id is longer than 80 characters',
    ],
    [
      'a rule with no names',
      pack({ rules: [rule({ names: [] })] }),
      'Rule names must list at least one name',
    ],
    [
      'a name of spaces only',
      pack({ rules: [rule({ names: ['   '] })] }),
      'Name must not be empty',
    ],
    [
      'a category repeated',
      pack({ rules: [rule({ categories: ['shared-care', 'shared-care'] })] }),
      'Rule categories must not repeat',
    ],
    [
      'an unknown category',
      pack({ rules: [rule({ categories: ['hospital-only'] })] }),
      CATEGORY_LIST,
    ],
    [
      'a name with a zero-width space',
      pack({ rules: [rule({ names: ['metho\u200btrexate'] })] }),
      'Name contains invisible or control characters',
    ],
    [
      'a drug name with a right-to-left override',
      pack({ rules: [rule({ drug: 'Methotrexate\u202e' })] }),
      'Rule drug contains invisible or control characters',
    ],
    [
      'a name with a soft hyphen',
      pack({ rules: [rule({ names: ['metho\u00adtrexate'] })] }),
      'Name contains invisible or control characters',
    ],
    [
      'a description with a tab',
      pack({ description: 'Local\tpositions' }),
      'Pack description contains invisible or control characters',
    ],
    [
      'a name with half a surrogate pair',
      pack({ rules: [rule({ names: ['metho\ud800trexate'] })] }),
      'Name contains a broken character (U+FFFD or half a surrogate pair); save the file as UTF-8 and retype it',
    ],
    [
      'a position with a replacement character',
      pack({ rules: [rule({ position: 'Shared care \ufffd agreed' })] }),
      'Rule position contains a broken character (U+FFFD or half a surrogate pair); save the file as UTF-8 and retype it',
    ],
    [
      'a name with a Cyrillic look-alike letter',
      pack({ rules: [rule({ names: ['methоtrexate'] })] }),
      'Name mixes alphabets in one word: "methоtrexate" is Latin except "о" (U+043E), which is Cyrillic; a look-alike letter can disguise a name, so retype it in one alphabet',
    ],
    [
      'a publish date written the British way',
      pack({ publishedAt: '01/11/2026' }),
      'publishedAt must be a date written YYYY-MM-DD',
    ],
    [
      'a review date the calendar does not have',
      pack({ reviewBy: '2027-02-30' }),
      'reviewBy 2027-02-30 is not a date in the calendar',
    ],
    [
      'a last-reviewed date in month 13',
      pack({ rules: [rule({ lastReviewed: '2026-13-01' })] }),
      'Rule lastReviewed must be a date written YYYY-MM-DD',
    ],
    [
      'a last-reviewed date given as a number',
      pack({ rules: [rule({ lastReviewed: 20261001 })] }),
      'Rule lastReviewed must be a date written YYYY-MM-DD',
    ],
    [
      'a source dated 29 February in a common year',
      withSource({ date: '2025-02-29' }),
      'Source date 2025-02-29 is not a date in the calendar',
    ],
    [
      'a source dated with a day but no month',
      withSource({ date: '2025--01' }),
      'Source date must be YYYY, YYYY-MM or YYYY-MM-DD',
    ],
    [
      'an http source link',
      withSource({ url: 'http://www.nhs.uk/' }),
      'Source url must be an https:// link with a host',
    ],
    [
      'a javascript: source link',
      withSource({ url: 'javascript:alert(1)' }),
      'Source url must be an https:// link with a host',
    ],
    [
      'a source link with credentials',
      withSource({ url: 'https://admin:secret@www.nhs.uk/' }),
      'Source url must be an https:// link with a host',
    ],
    [
      'a source link with a punycode host',
      withSource({ url: 'https://xn--nhs-8cd.uk/' }),
      'Source url has an international (punycode "xn--") host, which can imitate a familiar address; use the plain ASCII address',
    ],
    [
      'a source link in capitals',
      withSource({ url: 'HTTPS://www.nhs.uk/medicines/' }),
      'Source url must be written exactly as a browser writes it: "https://www.nhs.uk/medicines/"',
    ],
    [
      'a letter asking for a patient name',
      withLetterBody('Dear {{patientName}},'),
      'Letter body may only use the placeholders {{drug}}, {{category}}, {{position}}, {{sources}}, {{pack}}, {{date}}, {{commissioner}}',
    ],
    [
      'a letter with a tab',
      withLetterBody('Dear colleague,\tthanks'),
      'Letter body contains invisible or control characters',
    ],
    [
      'category text given as a list',
      pack({ categoryText: [] }),
      'categoryText must be an object ({ … }) keyed by category',
    ],
    [
      'an alert with one group',
      pack({
        alerts: [
          {
            id: 'opioid-with-sedative',
            title: 'Opioid with a sedative',
            groups: [['opioid']],
            message: 'Risk of respiratory depression.',
            advice: 'Review the need for both.',
            sources: [SOURCE],
          },
        ],
      }),
      'Alert groups must list at least two groups',
    ],
    [
      'an alert class in capitals',
      pack({
        alerts: [
          {
            id: 'opioid-with-sedative',
            title: 'Opioid with a sedative',
            groups: [['Opioid'], ['benzodiazepine']],
            message: 'Risk of respiratory depression.',
            advice: 'Review the need for both.',
            sources: [SOURCE],
          },
        ],
      }),
      'Alert class must be lower-case letters and digits joined by hyphens',
    ],
  ])('%s', (_why, input, message) => {
    expect(messages(input)).toContain(message);
  });
});

describe('urlProblem', () => {
  test.each<[string, string, ReturnType<typeof urlProblem>]>([
    ['a plain https link', 'https://www.nhs.uk/medicines/', undefined],
    ['a bare host without the root slash', 'https://www.nhs.uk', undefined],
    ['a query and fragment', 'https://www.nice.org.uk/guidance/ng215?tab=1#section', undefined],
    ['a leading space', ' https://www.nhs.uk/', 'unsafe'],
    ['a space inside', 'https://www.nhs.uk/a b', 'unsafe'],
    ['a zero-width space', 'https://www.nhs.uk/\u200b', 'unsafe'],
    ['http', 'http://www.nhs.uk/', 'unsafe'],
    ['a data: link', 'data:text/html,<b>hi</b>', 'unsafe'],
    ['not a link at all', 'www.nhs.uk', 'unsafe'],
    ['a user name', 'https://user@www.nhs.uk/', 'unsafe'],
    ['a password only', 'https://:pw@www.nhs.uk/', 'unsafe'],
    ['a Cyrillic letter in the host', 'https://www.nhs.uк/', 'international-host'],
    ['a pasted punycode label', 'https://xn--80ak6aa92e.com/', 'international-host'],
    ['an upper-case scheme', 'HTTPS://www.nhs.uk/', 'not-canonical'],
    ['an upper-case host', 'https://WWW.NHS.UK/', 'not-canonical'],
    ['one slash', 'https:/www.nhs.uk/', 'not-canonical'],
    ['three slashes', 'https:///www.nhs.uk/', 'not-canonical'],
    ['backslashes', 'https:\\\\www.nhs.uk\\', 'not-canonical'],
    ['a percent-encoded host', 'https://%65vil.com/', 'not-canonical'],
    ['the default port spelt out', 'https://www.nhs.uk:443/', 'not-canonical'],
    ['a dot-dot path', 'https://www.nhs.uk/a/../b', 'not-canonical'],
  ])('%s', (_why, url, problem) => {
    expect(urlProblem(url)).toBe(problem);
    expect(isSafeHttpsUrl(url)).toBe(problem === undefined);
  });
});

describe('describeMixedScript', () => {
  test.each<[string, string, string | undefined]>([
    ['one alphabet', 'zopiclone', undefined],
    ['separate words in different alphabets', 'α-tocopherol', undefined],
    [
      'a Greek omicron in a Latin word',
      'zοpiclone',
      '"zοpiclone" is Latin except "ο" (U+03BF), which is Greek',
    ],
    [
      'a Latin letter in a Cyrillic word',
      'сeртралин',
      '"сeртралин" is Cyrillic except "e" (U+0065), which is Latin',
    ],
  ])('%s', (_why, text, expected) => {
    expect(describeMixedScript(text)).toBe(expected);
  });
});
