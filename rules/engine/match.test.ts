import { describe, expect, test } from 'vitest';
import { compileRuleSet } from './compile';
import { FORM_ABBREVIATIONS, REJECTED_FORM_ABBREVIATIONS } from './form-abbreviations';
import { createFuzzyMatcher } from './fuzzy';
import { matchText } from './match';
import type { CompiledRuleSet, EngineRule, MatchKind } from './types';

/** A small pack shaped like the core one: generics, salts, brands, multi-word and form-qualified names. */
const RULES: readonly EngineRule[] = [
  { id: 'zopiclone', names: ['zopiclone', 'Zimovane'] },
  { id: 'sertraline', names: ['sertraline', 'sertraline hydrochloride', 'Lustral'] },
  { id: 'codeine', names: ['codeine', 'codeine phosphate', 'co-codamol', 'cocodamol'] },
  { id: 'dihydrocodeine', names: ['dihydrocodeine', 'co-dydramol', 'DHC Continus'] },
  { id: 'morphine', names: ['morphine', 'morphine sulfate', 'MST Continus'] },
  { id: 'methylphenidate', names: ['methylphenidate', 'Concerta XL', 'Concerta', 'Ritalin'] },
  { id: 'pregabalin', names: ['pregabalin', 'Lyrica'] },
  { id: 'diazepam', names: ['diazepam'] },
  { id: 'lithium', names: ['lithium', 'lithium carbonate', 'Li-Liquid'] },
  {
    id: 'bup-ost',
    names: ['buprenorphine', 'Subutex', 'buprenorphine with naloxone'],
    forms: ['sublingual', 'oral lyophilisate'],
  },
  {
    id: 'bup-patch',
    names: ['buprenorphine', 'Butrans'],
    forms: ['patch', 'patches', 'transdermal'],
  },
];

const EXACT_ONLY = compileRuleSet(RULES);
const WITH_FUZZY = compileRuleSet(RULES, { createFuzzy: createFuzzyMatcher });

/** What a reader checks: the text as shown, the rules, the kind. */
type Seen = readonly [shown: string, ruleIds: readonly string[], kind: MatchKind];

function seen(set: CompiledRuleSet, text: string): Seen[] {
  return matchText(set, text).map((m) => [
    text.slice(m.start, m.end),
    [...m.ruleIds].sort(),
    m.kind,
  ]);
}

const BOTH_BUP = ['bup-ost', 'bup-patch'];

/** Exact behaviours: identical with and without the fuzzy stage. */
const EXACT_CASES: readonly (readonly [string, string, readonly Seen[]])[] = [
  // Generic names, salts, brands
  ['generic name', 'zopiclone', [['zopiclone', ['zopiclone'], 'exact']]],
  ['capitalised generic', 'Zopiclone', [['Zopiclone', ['zopiclone'], 'exact']]],
  ['brand', 'Lustral 50mg tablets', [['Lustral', ['sertraline'], 'exact']]],
  ['upper-case brand', 'LYRICA', [['LYRICA', ['pregabalin'], 'exact']]],
  [
    'salt: the longest listed phrase wins',
    'Sertraline hydrochloride 50mg tablets',
    [['Sertraline hydrochloride', ['sertraline'], 'exact']],
  ],
  [
    'salt with a different line break is still one name',
    'lithium  carbonate 400mg',
    [['lithium  carbonate', ['lithium'], 'exact']],
  ],
  ['generic without its salt', 'sertraline 50mg', [['sertraline', ['sertraline'], 'exact']]],
  // Multi-word names
  ['multi-word brand', 'MST Continus 10mg tablets', [['MST Continus', ['morphine'], 'exact']]],
  [
    'multi-word brand with XL',
    'Concerta XL 18mg tablets',
    [['Concerta XL', ['methylphenidate'], 'exact']],
  ],
  [
    'one word of a brand that is also listed alone',
    'Concerta 18mg',
    [['Concerta', ['methylphenidate'], 'exact']],
  ],
  ['DHC Continus', 'DHC Continus 60mg', [['DHC Continus', ['dihydrocodeine'], 'exact']]],
  ['half a multi-word name is nothing', 'MST 10mg', []],
  ['Continus alone is nothing', 'Continus', []],
  ['hyphenated brand', 'Li-Liquid 509mg/5ml', [['Li-Liquid', ['lithium'], 'exact']]],
  // dm+d and system formats
  ['dm+d VMP', 'Zopiclone 7.5mg tablets', [['Zopiclone', ['zopiclone'], 'exact']]],
  [
    'dm+d AMP with supplier',
    'Lyrica 75mg capsules (Pfizer Ltd)',
    [['Lyrica', ['pregabalin'], 'exact']],
  ],
  ['upper-case system row', 'DIAZEPAM 2MG TABS', [['DIAZEPAM', ['diazepam'], 'exact']]],
  [
    'combination product',
    'Co-codamol 30mg/500mg effervescent tablets',
    [['Co-codamol', ['codeine'], 'exact']],
  ],
  ['name glued to strength', 'Diazepam2mg', [['Diazepam', ['diazepam'], 'exact']]],
  [
    'underscore-joined system code',
    'Co-Codamol_Tab 30mg/500mg',
    [['Co-Codamol', ['codeine'], 'exact']],
  ],
  ['combination written with a space', 'co codamol 8/500', [['co codamol', ['codeine'], 'exact']]],
  ['combination written as one word', 'Cocodamol 8/500', [['Cocodamol', ['codeine'], 'exact']]],
  ['combination with an en dash', 'co\u2013codamol', [['co\u2013codamol', ['codeine'], 'exact']]],
  ['too wide a gap breaks a name', 'co -- codamol', []],
  ['a comma breaks a name', 'co, codamol', []],
  [
    'two names in one row',
    'Zopiclone 7.5mg; sertraline 50mg',
    [
      ['Zopiclone', ['zopiclone'], 'exact'],
      ['sertraline', ['sertraline'], 'exact'],
    ],
  ],
  [
    'table row with separators',
    'Diazepam 2mg tablets | 28 tablet | 1 at night | Lustral',
    [
      ['Diazepam', ['diazepam'], 'exact'],
      ['Lustral', ['sertraline'], 'exact'],
    ],
  ],
  // Whole words only
  ['no match inside a longer word', 'lithiumion', []],
  ['no match with a prefix glued on', 'xlithium', []],
  [
    'codeine inside dihydrocodeine is dihydrocodeine',
    'dihydrocodeine 30mg',
    [['dihydrocodeine', ['dihydrocodeine'], 'exact']],
  ],
  [
    'dihydrocodeine then codeine',
    'Dihydrocodeine 30mg, codeine phosphate 15mg',
    [
      ['Dihydrocodeine', ['dihydrocodeine'], 'exact'],
      ['codeine phosphate', ['codeine'], 'exact'],
    ],
  ],
  ['name followed by digits is still whole', 'lithium400', [['lithium', ['lithium'], 'exact']]],
  // Form qualifiers
  [
    'patch form selects the transdermal rule',
    'Buprenorphine 5micrograms/hour transdermal patches',
    [['Buprenorphine', ['bup-patch'], 'exact']],
  ],
  [
    'sublingual form selects the substitution rule',
    'Buprenorphine 8mg sublingual tablets',
    [['Buprenorphine', ['bup-ost'], 'exact']],
  ],
  [
    'multi-word form',
    'Buprenorphine 8mg oral lyophilisate',
    [['Buprenorphine', ['bup-ost'], 'exact']],
  ],
  [
    'no form word: every reading stays possible',
    'buprenorphine',
    [['buprenorphine', BOTH_BUP, 'exact']],
  ],
  [
    'a form word on another line does not count',
    'buprenorphine 2mg\nnicotine patch',
    [['buprenorphine', BOTH_BUP, 'exact']],
  ],
  [
    'form word before the name',
    'transdermal buprenorphine 10',
    [['buprenorphine', ['bup-patch'], 'exact']],
  ],
  ['brand under one form rule', 'Butrans 10 patch', [['Butrans', ['bup-patch'], 'exact']]],
  [
    'longer combination name under one rule',
    'buprenorphine with naloxone 8mg/2mg',
    [['buprenorphine with naloxone', ['bup-ost'], 'exact']],
  ],
  // Unicode as web screens render it
  ['accented letter', 'Zópiclone 7.5 mg', [['Zópiclone', ['zopiclone'], 'exact']]],
  ['full-width letters', 'ＺＯＰＩＣＬＯＮＥ', [['ＺＯＰＩＣＬＯＮＥ', ['zopiclone'], 'exact']]],
  [
    'soft hyphen inside a word',
    'zopi\u00adclone 7.5mg',
    [['zopi\u00adclone', ['zopiclone'], 'exact']],
  ],
  ['NBSP between words', 'MST\u00a0Continus 10mg', [['MST\u00a0Continus', ['morphine'], 'exact']]],
  ['NBSP in a combination', 'co\u00a0codamol', [['co\u00a0codamol', ['codeine'], 'exact']]],
  ['combining accent (NFD)', 'sertrali\u0301ne', [['sertrali\u0301ne', ['sertraline'], 'exact']]],
  ['after an emoji', '💊 Lyrica', [['Lyrica', ['pregabalin'], 'exact']]],
  ['inside quotes and brackets', '("Zimovane")', [['Zimovane', ['zopiclone'], 'exact']]],
  // Nothing to find
  ['empty text', '', []],
  ['only strength', '7.5mg tablets', []],
  ['ordinary medicine', 'Amlodipine 5mg tablets', []],
];

describe.each([
  ['exact only', EXACT_ONLY],
  ['with fuzzy', WITH_FUZZY],
])('matchText (%s)', (_label, set) => {
  test.each(EXACT_CASES)('%s', (_why, text, expected) => {
    expect(seen(set, text)).toEqual(expected);
  });
});

describe('matchText offsets', () => {
  test.each([
    'Zopiclone 7.5mg tablets',
    '  \u00a0MST\u00a0Continus\u00a0 ',
    '💊💊 zopi\u00adclone',
    'Co-Codamol_Tab 30mg/500mg then DIAZEPAM2MG',
    'Zoplicone, sertaline and co-codamal',
  ])('every match slices to a name as shown: %j', (text) => {
    for (const m of matchText(WITH_FUZZY, text)) {
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeLessThanOrEqual(text.length);
      expect(m.end).toBeGreaterThan(m.start);
      const shown = text.slice(m.start, m.end);
      expect(shown).toBe(shown.trim());
      expect(shown).toMatch(/^[\p{L}\p{N}]/u);
      expect(shown).toMatch(/[\p{L}\p{N}\p{M}]$/u);
    }
  });
});

const FUZZY_CASES: readonly (readonly [string, string, readonly Seen[]])[] = [
  ['truncation', 'Zopiclon 7.5mg tablets', [['Zopiclon', ['zopiclone'], 'fuzzy']]],
  ['omission', 'sertaline 50mg', [['sertaline', ['sertraline'], 'fuzzy']]],
  [
    'misspelt combination widens over its prefix',
    'co-codamal 30/500',
    [['co-codamal', ['codeine'], 'fuzzy']],
  ],
  [
    'misspelt combination without its prefix',
    'codamal 30/500',
    [['codamal', ['codeine'], 'fuzzy']],
  ],
  ['joined combination', 'codydramol 10/500', [['codydramol', ['dihydrocodeine'], 'fuzzy']]],
  [
    'misspelt name keeps its form resolution',
    'Buprenorfine 5micrograms/hour transdermal patch',
    [['Buprenorfine', ['bup-patch'], 'fuzzy']],
  ],
  [
    'misspelt brand then exact rest',
    'Concreta XL 18mg',
    [['Concreta', ['methylphenidate'], 'fuzzy']],
  ],
  [
    'exact and fuzzy in one row',
    'diazepam 2mg and zopiclon',
    [
      ['diazepam', ['diazepam'], 'exact'],
      ['zopiclon', ['zopiclone'], 'fuzzy'],
    ],
  ],
  ['word of a listed name is never re-read', 'hydrochloride', []],
  ['a sound-alike letter in a brand', 'Lyrika 75mg', [['Lyrika', ['pregabalin'], 'fuzzy']]],
  ['a brand with a letter dropped is not read', 'Lyrca 75mg', []],
  ['five letters are enough for a generic', 'Diazepan', [['Diazepan', ['diazepam'], 'fuzzy']]],
  ['four letters never fuzzy', 'zopi', []],
  ['English word near a brand', 'lyrics', []],
];

describe('matchText with the fuzzy stage', () => {
  test.each(FUZZY_CASES)('%s', (_why, text, expected) => {
    expect(seen(WITH_FUZZY, text)).toEqual(expected);
  });

  test.each(FUZZY_CASES.filter(([, , e]) => e.some(([, , kind]) => kind === 'fuzzy')))(
    'fuzzy score lies in (0, 1): %s',
    (_why, text) => {
      for (const m of matchText(WITH_FUZZY, text).filter((x) => x.kind === 'fuzzy')) {
        expect(m.score).toBeGreaterThan(0);
        expect(m.score).toBeLessThan(1);
      }
    },
  );

  test('exact matches score 1', () => {
    expect(matchText(WITH_FUZZY, 'zopiclone').map((m) => m.score)).toEqual([1]);
  });

  test('the exact-only set never reports fuzzy matches', () => {
    expect(matchText(EXACT_ONLY, 'Zopiclon, sertaline, co-codamal')).toEqual([]);
  });

  test('a lead already covered by an exact match is not taken again', () => {
    const set = compileRuleSet([...RULES, { id: 'co', names: ['co'] }], {
      createFuzzy: createFuzzyMatcher,
    });
    const shown = seen(set, 'co-codamal');
    expect(shown).toEqual([
      ['co', ['co'], 'exact'],
      ['codamal', ['codeine'], 'fuzzy'],
    ]);
  });
});

/** Rules shaped like core.json's form-qualified ones, each beside a form-free reading. */
const FORM_RULES: readonly EngineRule[] = [
  {
    id: 'bup-ost',
    names: ['buprenorphine', 'Subutex'],
    forms: ['sublingual', 'oral lyophilisate', 'injection'],
  },
  {
    id: 'bup-patch',
    names: ['buprenorphine', 'Butrans'],
    forms: ['patch', 'patches', 'transdermal'],
  },
  { id: 'fentanyl', names: ['fentanyl'] },
  { id: 'fentanyl-ir', names: ['fentanyl'], forms: ['sublingual', 'buccal', 'nasal'] },
  { id: 'mtx', names: ['methotrexate'] },
  {
    id: 'mtx-inj',
    names: ['methotrexate'],
    forms: ['injection', 'pre-filled syringe', 'subcutaneous'],
  },
  { id: 'mirtazapine', names: ['mirtazapine'] },
  { id: 'dispersible', names: ['mirtazapine'], forms: ['orodispersible'] },
  { id: 'morphine', names: ['morphine'] },
  { id: 'mr', names: ['morphine'], forms: ['modified-release'] },
  { id: 'methadone', names: ['methadone'] },
  { id: 'liquid', names: ['methadone'], forms: ['oral solution', 'oral liquid'] },
];
const FORM_SET = compileRuleSet(FORM_RULES);
const BUP_BOTH = ['bup-ost', 'bup-patch'];
const MTX_PLAIN = ['mtx'];

/** Screen abbreviations of form words: [why, text, the rules the name resolves to]. */
const ABBREVIATION_CASES: readonly (readonly [string, string, readonly string[]])[] = [
  // Read anywhere in the form window
  ['EMIS "Tab Subling"', 'Buprenorphine_Tab Subling 8mg', ['bup-ost']],
  ['upper-case legacy term', 'BUPRENORPHINE 2MG SUBLING TABS', ['bup-ost']],
  ['S/L', 'Buprenorphine 8mg S/L tablets', ['bup-ost']],
  ['s/l in lower case', 'buprenorphine 400mcg s/l', ['bup-ost']],
  ['Transderm', 'Buprenorphine_Transderm Patch 5mcg/hr', ['bup-patch']],
  ['Ptch', 'Buprenorphine_Ptch 10micrograms/hr', ['bup-patch']],
  ['Inj', 'Buprenorphine_Inj 64mg/0.18ml', ['bup-ost']],
  ['Depot', 'buprenorphine depot 128mg monthly', ['bup-ost']],
  ['LAIB in capitals', 'Started on LAIB - buprenorphine 96mg', ['bup-ost']],
  ['Bucc', 'Fentanyl_Bucc Tab 100mcg', ['fentanyl-ir']],
  ['Nas Spray', 'Fentanyl_Nas Spray 100mcg/Dose', ['fentanyl-ir']],
  ['Methotrexate Inj', 'Methotrexate_Inj 10mg/0.2ml', ['mtx-inj']],
  ['S/C', 'methotrexate 15mg s/c weekly', ['mtx-inj']],
  ['Subcut', 'Methotrexate 20mg subcut once a week', ['mtx-inj']],
  ['Prefilled syringe without a hyphen', 'Methotrexate 15mg prefilled syringe', ['mtx-inj']],
  ['Orodisp', 'Mirtazapine_Tab Orodisp 15mg', ['dispersible']],
  ['ODT', 'Mirtazapine 30mg ODT', ['dispersible']],
  ['M/R', 'Morphine Sulfate_Tab M/R 10mg', ['mr']],
  ['Oral Soln', 'Methadone HCl_Oral Soln 1mg/ml S/F', ['liquid']],
  ['Liq Spec', 'Methadone_Liq Spec 1mg/ml', ['liquid']],
  // Shared abbreviations count only beside the name
  ['SL after the strength', 'Buprenorphine 8mg SL', ['bup-ost']],
  ['SL after a form word', 'Buprenorphine_Tab SL 2mg', ['bup-ost']],
  ['SL before the name', 'SL buprenorphine 400 micrograms', ['bup-ost']],
  ['SC after the strength', 'Methotrexate 15mg SC weekly', ['mtx-inj']],
  ['LAI beside the name, in capitals', 'Buprenorphine LAI 96mg', ['bup-ost']],
  ['MR in capitals beside the name', 'Morphine 10mg MR', ['mr']],
  ['Oro beside the name', 'Mirtazapine 15mg oro', ['dispersible']],
  ['SL as initials, not beside the name', 'Fentanyl 25mcg/hr patch, reviewed by SL', ['fentanyl']],
  ['SL after other words', 'Buprenorphine patch started, plan per SL', ['bup-patch']],
  ['SC as initials further on', 'Methotrexate 10mg weekly as agreed with SC', MTX_PLAIN],
  ['Lai is a surname', 'Buprenorphine 96mg Lai', BUP_BOTH],
  ['Mr is a title', 'Morphine 10mg Mr Jones', ['morphine']],
  ['mr in lower case is not read', 'morphine 10mg mr', ['morphine']],
  ['Oro further from the name', 'Mirtazapine 15mg at night, oro', ['mirtazapine']],
  // Never read as forms (REJECTED_FORM_ABBREVIATIONS)
  ['TD is a dosing frequency', 'Buprenorphine 200micrograms TD', BUP_BOTH],
  ['NAS is neonatal abstinence syndrome', 'Fentanyl 25mcg/hr; baby treated for NAS', ['fentanyl']],
  ['PFS is progression-free survival', 'methotrexate: PFS 14 months', MTX_PLAIN],
  // Letters that only look like an abbreviation
  ["'s L is not S/L", "Fentanyl patient's L arm", ['fentanyl']],
  ['a slash must be written for S/L', 'Buprenorphine s l', BUP_BOTH],
  ['an abbreviation on the next line does not count', 'Buprenorphine 8mg\nSubling', BUP_BOTH],
];

describe('form words as screens abbreviate them', () => {
  test.each(ABBREVIATION_CASES)('%s: %j', (_why, text, expected) => {
    const named = matchText(FORM_SET, text);
    expect(named).toHaveLength(1);
    expect([...(named[0]?.ruleIds ?? [])].sort()).toEqual([...expected].sort());
  });

  test.each(Object.keys(REJECTED_FORM_ABBREVIATIONS))(
    'rejected abbreviation %s is never read as a form',
    (abbreviation) => {
      expect(
        FORM_ABBREVIATIONS.filter((a) => a.written.toLowerCase() === abbreviation.toLowerCase()),
      ).toEqual([]);
      for (const [name, plain] of [
        ['Buprenorphine', BUP_BOTH],
        ['Fentanyl', ['fentanyl']],
        ['Methotrexate', MTX_PLAIN],
        ['Morphine', ['morphine']],
      ] as const) {
        const named = matchText(FORM_SET, `${name} 10mg ${abbreviation}`);
        expect([...(named[0]?.ruleIds ?? [])].sort()).toEqual([...plain].sort());
      }
    },
  );
});

/**
 * Long-acting injection rules as the expansion gives them form-bound names (docs/names.md): brands
 * that are also tablets, and bare generics that are also tablets, beside one ordinary rule that
 * covers oral risperidone, as a local pack might.
 */
const INJECTION = ['injection'];
const BOUND_RULES: readonly EngineRule[] = [
  {
    id: 'flupentixol-decanoate',
    names: ['flupentixol decanoate', 'Depixol Conc'],
    formBoundNames: [{ name: 'Depixol', forms: INJECTION }],
  },
  {
    id: 'zuclopenthixol-decanoate',
    names: ['zuclopenthixol decanoate', 'Clopixol Conc'],
    formBoundNames: [{ name: 'Clopixol', forms: INJECTION, except: ['Clopixol Acuphase'] }],
  },
  {
    id: 'risperidone-lai',
    names: ['Risperdal Consta'],
    formBoundNames: [{ name: 'Risperidone', forms: INJECTION }],
  },
  {
    id: 'aripiprazole-lai',
    names: ['Abilify Maintena'],
    formBoundNames: [
      { name: 'Aripiprazole', forms: INJECTION },
      { name: 'Abilify', forms: INJECTION },
    ],
  },
  {
    id: 'paliperidone',
    names: ['paliperidone palmitate', 'Xeplion'],
    formBoundNames: [{ name: 'paliperidone', forms: INJECTION }],
  },
  { id: 'risperidone-oral', names: ['risperidone'] },
  { id: 'zopiclone', names: ['zopiclone'] },
];
const LAI_FLUPENTIXOL = ['flupentixol-decanoate'];
const LAI_ZUCLOPENTHIXOL = ['zuclopenthixol-decanoate'];
const LAI_RISPERIDONE = ['risperidone-lai'];
const LAI_ARIPIPRAZOLE = ['aripiprazole-lai'];

/** [why, text, expected]: identical with and without the fuzzy stage. */
const FORM_BOUND_CASES: readonly (readonly [string, string, readonly Seen[]])[] = [
  // Flagged: the strength between name and form, as dm+d writes it
  [
    'brand, strength, then the dm+d form',
    'Depixol 20mg/1ml solution for injection ampoules',
    [['Depixol', LAI_FLUPENTIXOL, 'exact']],
  ],
  [
    'the other depot brand',
    'Clopixol 200mg/1ml solution for injection ampoules',
    [['Clopixol', LAI_ZUCLOPENTHIXOL, 'exact']],
  ],
  [
    'bare generic with a long dm+d form',
    'Risperidone 25mg powder and solvent for prolonged-release suspension for injection vials',
    [['Risperidone', LAI_RISPERIDONE, 'exact']],
  ],
  [
    'a decimal strength makes the form start further on',
    'Risperidone 37.5mg powder and solvent for prolonged-release suspension for injection vials',
    [['Risperidone', LAI_RISPERIDONE, 'exact']],
  ],
  [
    'aripiprazole as dm+d writes its depot',
    'Aripiprazole 400mg powder and solvent for prolonged-release suspension for injection vials',
    [['Aripiprazole', LAI_ARIPIPRAZOLE, 'exact']],
  ],
  ['abbreviated: Inj', 'Depixol_Inj 40mg/2ml', [['Depixol', LAI_FLUPENTIXOL, 'exact']]],
  ['abbreviated: Depot', 'Depixol depot 40mg fortnightly', [['Depixol', LAI_FLUPENTIXOL, 'exact']]],
  [
    'abbreviated: LAI in capitals beside the name',
    'Risperidone LAI 50mg',
    [['Risperidone', LAI_RISPERIDONE, 'exact']],
  ],
  [
    'form word before the name',
    'Inj aripiprazole 400mg monthly',
    [['aripiprazole', LAI_ARIPIPRAZOLE, 'exact']],
  ],
  [
    'the pack’s generic, bound',
    'Paliperidone 100mg injection',
    [['Paliperidone', ['paliperidone'], 'exact']],
  ],
  [
    'a longer plain name still wins',
    'Depixol Conc 100mg/1ml solution for injection',
    [['Depixol Conc', LAI_FLUPENTIXOL, 'exact']],
  ],
  [
    'the salt name stays plain',
    'Paliperidone palmitate 100mg',
    [['Paliperidone palmitate', ['paliperidone'], 'exact']],
  ],
  // Not flagged as the injection: no form, another form, another line, another product
  ['oral brand', 'Depixol 3mg tablets', []],
  ['oral brand of the other depot', 'Clopixol 10mg tablets', []],
  ['oral brand of a depot brand stem', 'Abilify 10mg tablets', []],
  ['oral generic', 'Aripiprazole 10mg tablets', []],
  [
    'oral generic that another rule covers',
    'Risperidone 2mg tablets',
    [['Risperidone', ['risperidone-oral'], 'exact']],
  ],
  [
    'prolonged-release tablets are not an injection',
    'Paliperidone 6mg prolonged-release tablets',
    [],
  ],
  ['no form at all: never "every reading"', 'Depixol', []],
  ['bare generic alone', 'aripiprazole', []],
  ['Lai in lower case is a surname', 'Aripiprazole 10mg Lai', []],
  ['another form between name and injection', 'Aripiprazole 10mg tablets; injection declined', []],
  ['injection on the next line', 'Aripiprazole 10mg\nsolution for injection', []],
  [
    'another product that starts with the brand',
    'Clopixol Acuphase 50mg/1ml solution for injection',
    [],
  ],
  [
    'tablets, then the depot named again',
    'Depixol 3mg tablets, previously Depixol 40mg injection',
    [['Depixol', LAI_FLUPENTIXOL, 'exact']],
  ],
  [
    'other names on the line still match',
    'Zopiclone 7.5mg, aripiprazole 10mg tablets',
    [['Zopiclone', ['zopiclone'], 'exact']],
  ],
  // The form after a clause break or another medicine is not this name's
  ['a comma ends the name’s clause', 'Depixol clinic review, flu injection given', []],
  ['a full stop and a space end it too', 'Depixol clinic review. Flu injection given', []],
  [
    'another medicine’s own form',
    'Depixol clinic to review zopiclone injection',
    [['zopiclone', ['zopiclone'], 'exact']],
  ],
  [
    'a medicine joined by a slash is the same product',
    'Depixol/zopiclone 20mg/1ml injection',
    [
      ['Depixol', LAI_FLUPENTIXOL, 'exact'],
      ['zopiclone', ['zopiclone'], 'exact'],
    ],
  ],
  [
    'the full stop of an abbreviation is not a sentence',
    'Clopixol 200mg/1ml soln.for injection',
    [['Clopixol', LAI_ZUCLOPENTHIXOL, 'exact']],
  ],
];

const BOUND_EXACT = compileRuleSet(BOUND_RULES);
const BOUND_FUZZY = compileRuleSet(BOUND_RULES, { createFuzzy: createFuzzyMatcher });

describe.each([
  ['exact only', BOUND_EXACT],
  ['with fuzzy', BOUND_FUZZY],
])('form-bound names (%s)', (_label, set) => {
  test.each(FORM_BOUND_CASES)('%s: %j', (_why, text, expected) => {
    expect(seen(set, text)).toEqual(expected);
  });
});

describe('form-bound names, beyond the table', () => {
  test('the name bound is the one with its form near', () => {
    const text = 'Depixol 3mg tablets, previously Depixol 40mg injection';
    expect(matchText(BOUND_EXACT, text).map((m) => m.start)).toEqual([text.lastIndexOf('Depixol')]);
  });

  test('the fuzzy stage never proposes them', () => {
    // Misspellings of names that are form-bound only (no plain name starts with them).
    for (const text of ['Aripiprazol 400mg injection', 'Risperidon 25mg injection']) {
      expect(
        matchText(BOUND_FUZZY, text).filter((m) => m.ruleIds.some((id) => id.endsWith('-lai'))),
      ).toEqual([]);
    }
  });
});

describe('disguised names (issue #16)', () => {
  test.each([
    ['an astral format character inside', 'Zopi\u{E0001}clone 7.5mg', 'exact'],
    [
      'mathematical bold letters',
      '\u{1D419}\u{1D428}\u{1D429}\u{1D422}\u{1D41C}\u{1D425}\u{1D428}\u{1D427}\u{1D41E}',
      'exact',
    ],
    ['a mathematical first letter', '\u{1D419}opiclone', 'exact'],
  ])('%s is still found', (_why, text, kind) => {
    expect(seen(EXACT_ONLY, text)).toEqual([[text.replace(/ 7\.5mg$/, ''), ['zopiclone'], kind]]);
  });

  test.each([
    ['a Cyrillic first letter', '\u0405ertraline 50mg', 'sertraline'],
    ['a Cyrillic o inside', 'Z\u043epiclone', 'zopiclone'],
    ['two Cyrillic letters in a brand', 'L\u0443ri\u0441a', 'pregabalin'],
    ['Greek and Cyrillic capitals', '\u039C\u0405\u03A4 Continus', 'morphine'],
    ['a look-alike in the second word', 'co-c\u043edamol', 'codeine'],
  ])('%s is a possible match, never exact', (_why, text, ruleId) => {
    for (const set of [EXACT_ONLY, WITH_FUZZY]) {
      const found = matchText(set, text);
      expect(found.map((m) => [m.ruleIds, m.kind])).toEqual([[[ruleId], 'fuzzy']]);
    }
  });

  test('real Cyrillic words are not read as medicines', () => {
    expect(seen(EXACT_ONLY, 'лирика Лекарство')).toEqual([]);
  });
});
