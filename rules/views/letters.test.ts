import { formatDate, formatDay } from './dates';
import { describe, expect, test } from 'vitest';
import corePack from '../packs/core.json';
import type { RulePack } from '../schema/rule-pack';
import {
  fillLetter,
  formatSource,
  formatSources,
  letterValuesFor,
  lettersForRule,
  setInLetter,
  type LetterValues,
} from './letters';
import { mergePacks, type ResolvedRule } from '../loader/merge';
import { validatePack } from '../loader/validate';

const bundled = validatePack(corePack);
if (!bundled.ok) throw new Error('core pack invalid');
const national = mergePacks([{ layer: 'bundled', pack: bundled.value }]);

function ruleOf(id: string, effective = national): ResolvedRule {
  const resolved = effective.rules.get(id);
  if (!resolved) throw new Error(`no rule ${id}`);
  return resolved;
}

const TODAY = new Date(2026, 10, 24, 9, 30); // 24 November 2026, local time

const VALUES: LetterValues = {
  drug: 'Methotrexate',
  category: 'Shared care',
  position: 'Voluntary work.',
  sources: 'A (B, 2018) https://example.org/a',
  pack: 'Example pack 1.0',
  date: '24 November 2026',
  commissioner: 'the integrated care board (ICB)',
};

describe('formatLetterDate', () => {
  test.each([
    [new Date(2026, 10, 24), '24 November 2026'],
    [new Date(2027, 0, 1), '1 January 2027'],
    [new Date(2026, 1, 28, 23, 59), '28 February 2026'],
  ])('%s → %s', (date, expected) => {
    expect(formatDay(date)).toBe(expected);
  });
});

describe('formatSourceDate and formatSource', () => {
  test.each([
    ['2018', '2018'],
    ['2023-03', 'March 2023'],
    ['2019-09-10', '10 September 2019'],
    ['not a date', 'not a date'],
  ])('%s → %s', (value, expected) => {
    expect(formatDate(value)).toBe(expected);
  });

  test('title, publisher and date, then the link', () => {
    expect(
      formatSource({
        title: 'Responsibility for prescribing',
        publisher: 'NHS England',
        date: '2018-03',
        url: 'https://www.england.nhs.uk/x/',
      }),
    ).toBe(
      'Responsibility for prescribing (NHS England, March 2018) https://www.england.nhs.uk/x/',
    );
  });

  test('a source without a date', () => {
    expect(formatSource({ title: 'T', publisher: 'P', url: 'https://p.example/' })).toBe(
      'T (P) https://p.example/',
    );
  });

  test('one source inline, several one per line', () => {
    const a = { title: 'A', publisher: 'P', url: 'https://a.example/' };
    const b = { title: 'B', publisher: 'Q', date: '2020', url: 'https://b.example/' };
    expect(formatSources([])).toBe('');
    expect(formatSources([a])).toBe('A (P) https://a.example/');
    expect(formatSources([a, b])).toBe(
      '\n- A (P) https://a.example/\n- B (Q, 2020) https://b.example/',
    );
  });
});

describe('fillLetter', () => {
  test.each([
    ['{{drug}}', 'Methotrexate'],
    ['{{ drug }}', 'Methotrexate'],
    ['Re: {{drug}} ({{category}})', 'Re: Methotrexate (Shared care)'],
    ['{{position}}', 'Voluntary work.'],
    ['Sources: {{sources}}', 'Sources: A (B, 2018) https://example.org/a'],
    ['{{pack}}, {{date}}', 'Example pack 1.0, 24 November 2026'],
    ['{{drug}} and {{drug}}', 'Methotrexate and Methotrexate'],
    ['no placeholders', 'no placeholders'],
    ['{{patient}} stays as written', '{{patient}} stays as written'],
    ['{drug} and {{{drug}}}', '{drug} and {Methotrexate}'],
  ])('%s', (body, expected) => {
    expect(fillLetter(body, VALUES)).toBe(expected);
  });

  test('values are inserted as text: no placeholder inside a value is expanded', () => {
    expect(fillLetter('{{drug}}', { ...VALUES, drug: '{{date}} <b>x</b> $& $1' })).toBe(
      '{{date}} <b>x</b> $& $1',
    );
  });

  test('a list of sources starting on the next line leaves no trailing space', () => {
    expect(fillLetter('Sources: {{sources}}\n\nYours', { ...VALUES, sources: '\n- A\n- B' })).toBe(
      'Sources:\n- A\n- B\n\nYours',
    );
  });

  test('a hostile body (long runs of spaces and braces) is filled in linear time', () => {
    const body = `${'{{'.repeat(2000)}${' '.repeat(3999)}x\n${' '.repeat(8000)}\n{{ drug }}`;
    const started = performance.now();
    const filled = fillLetter(body, VALUES);
    // Generous bound: only super-linear work (seconds on this input) can exceed it.
    expect(performance.now() - started).toBeLessThan(250);
    expect(filled.endsWith('x\n\nMethotrexate')).toBe(true);
  });
});

describe('letters from the national pack', () => {
  test('methotrexate (shared care): both shared-care letters, filled, no placeholder left', () => {
    const letters = lettersForRule(ruleOf('methotrexate'), TODAY);
    expect(letters.map((l) => [l.id, l.category, l.audience])).toEqual([
      ['decline-shared-care', 'shared-care', 'specialist'],
      ['request-shared-care-details', 'shared-care', 'specialist'],
    ]);
    const decline = letters[0]?.text ?? '';
    expect(decline).toContain(
      'Re: request to transfer prescribing of Methotrexate under shared care',
    );
    expect(decline).not.toMatch(/\{\{|\}\}/);
    // Every rule source, each on its own line with its link.
    for (const source of ruleOf('methotrexate').rule.sources) {
      expect(decline).toContain(`\n- ${formatSource(source)}`);
    }
  });

  test('zopiclone (dependence-forming): the patient note, dated today', () => {
    const [note, ...rest] = lettersForRule(ruleOf('zopiclone'), TODAY);
    expect(rest).toEqual([]);
    expect(note?.id).toBe('patient-withdrawal-support');
    expect(note?.text).toMatch(
      /^\[PRACTICE NAME AND ADDRESS\]\n\nFor: \[PATIENT NAME\]\n\nAbout your medicine: Zopiclone\n/,
    );
    expect(note?.text).toContain('Written 24 November 2026 by your GP practice.');
  });

  test('a rule with two categories offers both categories’ letters, most important first', () => {
    const letters = lettersForRule(ruleOf('amiodarone'), TODAY);
    expect(letters.map((l) => l.category)).toEqual([
      'shared-care',
      'shared-care',
      'specialist-initiation',
    ]);
  });

  test('{{position}} is the rule’s own position when it has one, else the category’s', () => {
    const own = ruleOf('acamprosate');
    expect(letterValuesFor(own, 'no-commissioned-service', TODAY).position).toBe(own.rule.position);
    const shared = ruleOf('lithium');
    expect(letterValuesFor(shared, 'shared-care', TODAY).position).toBe(
      shared.categoryText['shared-care']?.position,
    );
  });

  test('{{pack}} names the pack and its version; {{category}} is the plain-English name', () => {
    const values = letterValuesFor(ruleOf('zopiclone'), 'dependence-forming', TODAY);
    expect(values.pack).toBe(`${bundled.value.name} ${bundled.value.packVersion}`);
    expect(values.category).toBe('Dependence-forming');
  });

  test('a local pack’s own letters replace the national ones for its rules', () => {
    const local: RulePack = {
      ...bundled.value,
      packId: 'example-icb',
      name: 'Example ICB pack',
      packVersion: '2026.11.2',
      categoryText: {
        'shared-care': {
          position: 'Local position.',
          advice: 'Local advice.',
          letters: [
            {
              id: 'local-letter',
              title: 'Local letter',
              audience: 'practice',
              body: '{{drug}} / {{category}} / {{position}} / {{pack}} / {{date}}',
            },
          ],
        },
      },
      rules: [{ ...ruleOf('lithium').rule }],
    };
    const effective = mergePacks([
      { layer: 'bundled', pack: bundled.value },
      { layer: 'local', pack: local },
    ]);
    expect(lettersForRule(ruleOf('lithium', effective), TODAY)).toEqual([
      {
        id: 'local-letter',
        title: 'Local letter',
        audience: 'practice',
        addressee: 'the practice team',
        category: 'shared-care',
        text: [
          '[PRACTICE NAME AND ADDRESS]',
          '[DATE]',
          '',
          'Patient: [PATIENT NAME]',
          'NHS number: [NHS NUMBER]',
          'Date of birth: [DATE OF BIRTH]',
          '',
          `${ruleOf('lithium').rule.drug} / Shared care / Local position. / Example ICB pack 2026.11.2 / 24 November 2026`,
          '',
          '[SIGNATURE]',
          '[NAME AND ROLE]',
          '',
        ].join('\n'),
      },
    ]);
  });

  test('a rule’s own letter list wins, in its order; `when-listed` letters are offered only there', () => {
    const template = (id: string, offer?: 'when-listed') => ({
      id,
      title: id,
      audience: 'specialist' as const,
      ...(offer ? { offer } : {}),
      body: `${id}: {{drug}}`,
    });
    const local: RulePack = {
      ...bundled.value,
      packId: 'letters-choice',
      categoryText: {
        'shared-care': {
          position: 'P.',
          advice: 'A.',
          letters: [template('a'), template('b'), template('special', 'when-listed')],
        },
      },
      rules: [
        { ...ruleOf('lithium').rule, id: 'default-letters', letters: undefined },
        { ...ruleOf('lithium').rule, id: 'chosen-letters', letters: ['special', 'a', 'unknown'] },
        { ...ruleOf('lithium').rule, id: 'no-letters', letters: [] },
      ],
    };
    const effective = mergePacks([{ layer: 'local', pack: local }]);
    const ids = (id: string) => lettersForRule(ruleOf(id, effective), TODAY).map((l) => l.id);
    expect(ids('default-letters')).toEqual(['a', 'b']);
    expect(ids('chosen-letters')).toEqual(['special', 'a']);
    expect(ids('no-letters')).toEqual([]);
  });

  test.each([
    ['varenicline', 'the local authority public health commissioner'],
    ['methadone', 'the local authority public health commissioner'],
    ['warfarin', 'the integrated care board (ICB)'],
    ['methylphenidate', 'the integrated care board (ICB)'],
  ])('%s: the commissioner letter is addressed to %s', (id, addressee) => {
    const notice = lettersForRule(ruleOf(id), TODAY).find((l) => l.audience === 'commissioner');
    expect(notice?.addressee).toBe(addressee);
    expect(
      notice?.text.startsWith(`[PRACTICE NAME AND ADDRESS]\n[DATE]\n\nTo: ${addressee}\n`),
    ).toBe(true);
    // About a service, not a patient: no patient blanks.
    expect(notice?.text).not.toContain('[PATIENT NAME]');
  });

  test('a commissioner letter cites the contract, not the popover’s news items', () => {
    const notice = lettersForRule(ruleOf('warfarin'), TODAY).find(
      (l) => l.audience === 'commissioner',
    );
    expect(notice?.text).toContain('General Medical Services Contracts) Regulations 2015');
    expect(notice?.text).not.toMatch(/Pulse|Pharmaceutical Journal|North Central London/);
  });

  test('a letter to the specialist has marked blanks for everything the extension must not read', () => {
    const decline = lettersForRule(ruleOf('methotrexate'), TODAY)[0]?.text ?? '';
    const lines = decline.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      '[PRACTICE NAME AND ADDRESS]',
      '[DATE]',
      '',
      'To: [ADDRESSEE / SPECIALIST]',
      '',
      'Patient: [PATIENT NAME]',
      'NHS number: [NHS NUMBER]',
      'Date of birth: [DATE OF BIRTH]',
      '',
    ]);
    expect(lines[9]).toBe('Dear colleague,');
    // Signed after the closing line, by hand.
    expect(decline.endsWith('Yours sincerely,\n\n[SIGNATURE]\n[NAME AND ROLE]\n')).toBe(true);
  });

  test('the practice’s own paragraph goes before the closing line, not after the signature', () => {
    const text = setInLetter(
      'Dear colleague,\n\nBody.\n\nYours sincerely,\n',
      'specialist',
      'Note.',
    );
    expect(
      text.endsWith('Body.\n\nNote.\n\nYours sincerely,\n\n[SIGNATURE]\n[NAME AND ROLE]\n'),
    ).toBe(true);
  });

  test('a long run of blank lines is set in linear time', () => {
    const started = performance.now();
    setInLetter(`Body${'\n'.repeat(200_000)}x${'\n '.repeat(100_000)}`, 'specialist');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('no letters for a category without any', () => {
    const bare: RulePack = {
      ...bundled.value,
      packId: 'bare',
      categoryText: {
        'shared-care': { position: 'P.', advice: 'A.' },
      },
      rules: [{ ...ruleOf('lithium').rule }],
    };
    const effective = mergePacks([{ layer: 'local', pack: bare }]);
    expect(lettersForRule(ruleOf('lithium', effective), TODAY)).toEqual([]);
  });
});
