import { describe, expect, it } from 'vitest';
import { expandRuleNames, type ExpandableRule } from './expand';
import type { NamePolicy, ProductNameIndex } from './index-schema';

const INDEX: ProductNameIndex = {
  format: 1,
  release: { source: 'test', date: '2026-11-23' },
  ingredients: [
    {
      vtm: 'Buprenorphine',
      generic: { 'sublingual/sublingual tablet': ['Buprenorphine hydrochloride'] },
      brand: {
        'transdermal/transdermal patch': ['BuTrans', 'Transtec'],
        'sublingual/sublingual tablet': ['Subutex', 'Suboxone', 'Temgesic'],
        'oromucosal/oral lyophilisate': ['Espranor'],
        'subcutaneous/prolonged-release solution for injection': ['Buvidal'],
        'intramuscular+intravenous/solution for injection': ['Temgesic', 'Bupinject'],
      },
    },
    {
      vtm: 'Naloxone',
      brand: {
        'sublingual/sublingual tablet': ['Suboxone'],
        'oral/modified-release tablet': ['Targinact'],
        'nasal/nasal spray': ['Nyxoid'],
      },
    },
    { vtm: 'Oxycodone', brand: { 'oral/modified-release tablet': ['OxyContin', 'Targinact'] } },
    {
      vtm: 'Tacrolimus',
      brand: { 'oral/capsule': ['Prograf'], 'cutaneous/ointment': ['Protopic'] },
    },
    {
      vtm: 'Methylphenidate',
      generic: { 'oral/tablet': ['Methylphenidate hydrochloride'] },
      brand: { 'oral/prolonged-release tablet': ['Xaggitin XL', 'Concerta XL'] },
    },
    {
      vtm: 'Morphine',
      generic: { 'oral/oral solution': ['Morphine sulfate'] },
      brand: {
        'oral/modified-release tablet': ['MST Continus'],
        'oral/modified-release capsule': ['MXL'],
      },
    },
    {
      vtm: 'Fluoxetine',
      brand: { 'oral/capsule': ['Prozac'], 'oral/dispersible tablet': ['Olena'] },
    },
    { vtm: 'Tramadol', brand: { 'oral/modified-release tablet': ['Larapam SR', 'Zydol SR'] } },
    { vtm: 'Amoxicillin', brand: { 'oral/capsule': ['Amoxil'] } },
    {
      vtm: 'Methotrexate',
      generic: {
        'oral/tablet': ['Methotrexate sodium'],
        'subcutaneous/solution for injection': ['Methotrexate sodium'],
      },
      brand: { 'oral/tablet': ['Maxtrex'], 'subcutaneous/solution for injection': ['Nordimet'] },
    },
  ],
};

const POLICY: NamePolicy = {
  deny: { Larapam: 'former piroxicam brand' },
  caseSensitive: { MXL: 'capitals only' },
  needsContext: { Olena: 'given name' },
};

const RULES: ExpandableRule[] = [
  {
    id: 'buprenorphine-ost',
    names: ['buprenorphine', 'Subutex'],
    forms: [
      'sublingual',
      'oral lyophilisate',
      'prolonged-release solution for injection',
      'implant',
    ],
  },
  {
    id: 'buprenorphine-transdermal',
    names: ['buprenorphine'],
    forms: ['patch', 'patches', 'transdermal'],
  },
  { id: 'naloxone', names: ['naloxone'] },
  { id: 'oxycodone', names: ['oxycodone', 'oxycodone hydrochloride'] },
  { id: 'tacrolimus', names: ['tacrolimus'] },
  { id: 'methylphenidate', names: ['methylphenidate', 'Ritalin'] },
  { id: 'morphine', names: ['morphine', 'morphine sulfate'] },
  { id: 'fluoxetine', names: ['fluoxetine'] },
  { id: 'tramadol', names: ['Tramadol'] },
  { id: 'zopiclone', names: ['zopiclone'] },
  { id: 'methotrexate', names: ['methotrexate'] },
  { id: 'methotrexate-injection', names: ['methotrexate'], forms: ['injection', 'subcutaneous'] },
];

const expanded = expandRuleNames(RULES, INDEX, POLICY);
const namesOf = (id: string) => expanded.get(id)?.names ?? [];

describe('expandRuleNames', () => {
  it.each([
    ['buprenorphine-transdermal', 'BuTrans', true, 'patch brand goes to the patch rule'],
    ['buprenorphine-transdermal', 'Transtec', true, 'patch brand goes to the patch rule'],
    ['buprenorphine-ost', 'BuTrans', false, 'patch brand stays off the sublingual rule'],
    ['buprenorphine-ost', 'Suboxone', true, 'sublingual tablet → opioid-substitution rule'],
    ['buprenorphine-ost', 'Espranor', true, '"oral lyophilisate" form words'],
    ['buprenorphine-ost', 'Buvidal', true, '"prolonged-release solution for injection"'],
    ['buprenorphine-transdermal', 'Buvidal', false, 'injection is not a patch'],
    ['buprenorphine-ost', 'Temgesic', true, 'one of its forms (sublingual) selects the rule'],
    ['buprenorphine-transdermal', 'Temgesic', false, 'none of its forms is a patch'],
    ['buprenorphine-ost', 'Bupinject', true, 'no rule form matches: every reading stays possible'],
    [
      'buprenorphine-transdermal',
      'Bupinject',
      true,
      'no rule form matches: every reading stays possible',
    ],
    ['naloxone', 'Suboxone', true, 'combination product goes to both ingredients'],
    ['naloxone', 'Targinact', true, 'combination product goes to both ingredients'],
    ['oxycodone', 'Targinact', true, 'combination product goes to both ingredients'],
    ['tacrolimus', 'Prograf', true, 'systemic product'],
    ['tacrolimus', 'Protopic', false, 'skin-only product stays off a systemic rule'],
    ['methylphenidate', 'Xaggitin XL', true, 'brand stem'],
    ['methylphenidate', 'Xaggitin', true, 'brand stem without its release suffix'],
    ['methylphenidate', 'Concerta', true, 'brand stem without its release suffix'],
    ['methylphenidate', 'Methylphenidate hydrochloride', true, 'salt'],
    ['morphine', 'MST Continus', true, 'brand stem'],
    ['morphine', 'MST', false, 'too short to stand alone'],
    ['morphine', 'Morphine sulfate', false, 'already listed by the pack'],
    ['morphine', 'MXL', false, 'case-sensitive names are kept apart'],
    ['fluoxetine', 'Prozac', true, 'brand'],
    ['fluoxetine', 'Olena', false, 'context-needing names are kept apart'],
    ['tramadol', 'Larapam SR', true, 'the full brand stem is safe'],
    ['tramadol', 'Larapam', false, 'denied short stem'],
    ['tramadol', 'Zydol', true, 'short stem'],
    ['methotrexate', 'Maxtrex', true, 'tablet: no form words selected, so the rule without forms'],
    ['methotrexate-injection', 'Maxtrex', false, 'tablet is not an injection'],
    ['methotrexate-injection', 'Nordimet', true, 'injection form selects the injection rule'],
    ['methotrexate', 'Nordimet', false, 'a selected form keeps it off the rule without forms'],
    ['methotrexate', 'Methotrexate sodium', true, 'the tablet form of a name made in both forms'],
    ['methotrexate-injection', 'Methotrexate sodium', true, 'the injection form of the same name'],
  ])('%s gets %s: %s (%s)', (ruleId, name, expected) => {
    expect(namesOf(ruleId).includes(name)).toBe(expected);
  });

  it('does not re-add a name the pack already lists for the rule', () => {
    expect(namesOf('buprenorphine-ost')).not.toContain('Subutex');
    expect(namesOf('methylphenidate')).not.toContain('Ritalin');
  });

  it('returns policy-flagged names in their own lists', () => {
    expect(expanded.get('morphine')?.caseSensitive).toEqual(['MXL']);
    expect(expanded.get('fluoxetine')?.needsContext).toEqual(['Olena']);
  });

  it('adds nothing for an ingredient no rule covers, nor to a rule with no index entry', () => {
    const all = [...expanded.values()].flatMap((e) => e.names);
    expect(all).not.toContain('Amoxil');
    expect(expanded.has('zopiclone')).toBe(false);
  });

  it('matches rule names to VTM names after normalisation ("Tramadol" ~ "tramadol")', () => {
    expect(namesOf('tramadol')).toContain('Zydol SR');
  });

  it('is deterministic: sorted, de-duplicated, independent of rule order', () => {
    const again = expandRuleNames([...RULES].reverse(), INDEX, POLICY);
    for (const [id, e] of expanded) {
      expect(again.get(id)).toEqual(e);
      expect([...e.names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(e.names);
      expect(new Set(e.names.map((n) => n.toLowerCase())).size).toBe(e.names.length);
    }
  });
});
