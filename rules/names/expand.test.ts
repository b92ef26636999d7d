import { describe, expect, it } from 'vitest';
import { engineRule, expandRuleNames, type ExpandableRule } from './expand';
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

/** dm+d-shaped entries for the antipsychotic depots and denosumab, as the bundled index files them. */
const LONG_ACTING_INDEX: ProductNameIndex = {
  format: 1,
  release: { source: 'test', date: '2026-11-23' },
  ingredients: [
    {
      vtm: 'Haloperidol',
      generic: { 'intramuscular/solution for injection': ['Haloperidol decanoate'] },
      brand: {
        'intramuscular/solution for injection': ['Haldol Decanoate'],
        'intramuscular+intravenous/solution for injection': ['Haldol'],
        'oral/tablet': ['Haldol', 'Serenace'],
      },
    },
    {
      vtm: 'Zuclopenthixol',
      generic: {
        'intramuscular/solution for injection': [
          'Zuclopenthixol acetate',
          'Zuclopenthixol decanoate',
        ],
        'oral/tablet': ['Zuclopenthixol dihydrochloride'],
      },
      brand: {
        'intramuscular/solution for injection': ['Clopixol', 'Clopixol Acuphase', 'Clopixol Conc'],
        'oral/tablet': ['Clopixol'],
      },
    },
    {
      vtm: 'Olanzapine',
      generic: {
        'intramuscular/powder and solvent for prolonged-release suspension for injection': [
          'Olanzapine embonate',
          'Olanzapine pamoate',
        ],
      },
      brand: {
        'intramuscular/powder and solvent for prolonged-release suspension for injection': [
          'ZypAdhera',
        ],
        // The short-acting IM injection (dm+d "Zyprexa 10mg powder for solution for injection").
        'intramuscular/powder for solution for injection': ['Zyprexa'],
        'oral/tablet': ['Zyprexa'],
      },
    },
    {
      vtm: 'Risperidone',
      brand: {
        'intramuscular/powder and solvent for prolonged-release suspension for injection': [
          'Okedi',
          'Risperdal Consta',
        ],
        // A depot in another dm+d route and presentation than the anchor (US: subcutaneous).
        'subcutaneous/prolonged-release suspension for injection': ['Uzedy'],
        'oral/tablet': ['Risperdal'],
        'oral/orodispersible tablet': ['Risperdal Quicklet'],
      },
    },
    {
      vtm: 'Denosumab',
      brand: { 'subcutaneous/solution for injection': ['Prolia', 'Xgeva', 'Wyost', 'Jubbonti'] },
    },
    {
      vtm: 'Flupentixol',
      generic: { 'intramuscular/solution for injection': ['Flupentixol decanoate'] },
      brand: {
        'intramuscular/solution for injection': ['Depixol', 'Psytixol'],
        'oral/tablet': ['Depixol', 'Fluanxol'],
      },
    },
    {
      vtm: 'Aripiprazole',
      brand: {
        'intramuscular/powder and solvent for prolonged-release suspension for injection': [
          'Abilify Maintena',
        ],
        // Aripiprazole lauroxil (US), a prefilled suspension rather than powder and solvent.
        'intramuscular/prolonged-release suspension for injection': ['Aristada'],
        // The short-acting injection (dm+d "Abilify 9.75mg/1.3ml solution for injection vials").
        'intramuscular/solution for injection': ['Abilify'],
        'oral/tablet': ['Abilify'],
      },
    },
    {
      vtm: 'Paliperidone',
      generic: {
        'intramuscular/prolonged-release suspension for injection': ['Paliperidone palmitate'],
      },
      brand: {
        'intramuscular/prolonged-release suspension for injection': ['Xeplion'],
        'oral/prolonged-release tablet': ['Invega'],
      },
    },
    {
      vtm: 'Leuprorelin',
      brand: {
        'intramuscular/powder and solvent for prolonged-release suspension for injection': [
          'Prostap SR DCS',
        ],
        'subcutaneous/implant': ['Staladex'],
      },
    },
    {
      vtm: 'Diamorphine',
      generic: {
        'intramuscular+intravenous/solution for injection': ['Diamorphine hydrochloride'],
      },
      brand: { 'nasal/nasal spray': ['Ayendi'] },
    },
  ],
};

const LONG_ACTING_RULES: ExpandableRule[] = [
  { id: 'haloperidol-decanoate', names: ['haloperidol decanoate'] },
  { id: 'zuclopenthixol-decanoate', names: ['zuclopenthixol decanoate'] },
  { id: 'olanzapine-embonate', names: ['olanzapine embonate'] },
  { id: 'risperidone-lai', names: ['Risperdal Consta'] },
  { id: 'denosumab', names: ['denosumab', 'Prolia'] },
  { id: 'denosumab-oncology', names: ['Xgeva'] },
  { id: 'flupentixol-decanoate', names: ['flupentixol decanoate', 'Psytixol'] },
  { id: 'aripiprazole-lai', names: ['Abilify Maintena'] },
  { id: 'paliperidone', names: ['paliperidone', 'paliperidone palmitate', 'Xeplion'] },
  { id: 'leuprorelin', names: ['leuprorelin', 'Prostap SR DCS'] },
  { id: 'diamorphine', names: ['diamorphine', 'diamorphine hydrochloride'] },
];
/** Oral paliperidone is denied (as name-policy.json), and the pack's generic bound to injections. */
const LONG_ACTING_POLICY: NamePolicy = {
  ...POLICY,
  deny: { ...POLICY.deny, Invega: 'oral paliperidone' },
  formBound: { paliperidone: 'also Invega tablets, which no rule covers' },
};

describe('expandRuleNames: rules named only by salt or brand', () => {
  const byRule = expandRuleNames(LONG_ACTING_RULES, LONG_ACTING_INDEX, LONG_ACTING_POLICY);
  const all = (id: string) => {
    const e = byRule.get(id);
    return e ? [...e.names, ...e.caseSensitive, ...e.needsContext] : [];
  };

  it.each([
    ['haloperidol-decanoate', 'Haldol Decanoate', true, 'same salt, same injection form'],
    ['haloperidol-decanoate', 'Haldol', false, 'also tablets and a short-acting injection'],
    ['haloperidol-decanoate', 'Serenace', false, 'tablets'],
    ['haloperidol-decanoate', 'Haloperidol', false, 'the plain generic is never added'],
    ['zuclopenthixol-decanoate', 'Clopixol Conc', false, 'no salt in the name to tell'],
    [
      'zuclopenthixol-decanoate',
      'Clopixol Acuphase',
      false,
      'zuclopenthixol acetate: short-acting, though the same dm+d form',
    ],
    ['zuclopenthixol-decanoate', 'Zuclopenthixol acetate', false, 'another salt'],
    ['zuclopenthixol-decanoate', 'Zuclopenthixol dihydrochloride', false, 'tablets'],
    ['olanzapine-embonate', 'ZypAdhera', true, 'prolonged-release injection'],
    ['olanzapine-embonate', 'Olanzapine pamoate', true, 'same product, other salt name'],
    ['olanzapine-embonate', 'Zyprexa', false, 'oral tablets'],
    ['risperidone-lai', 'Okedi', true, 'another prolonged-release injection of the brand'],
    ['risperidone-lai', 'Uzedy', true, 'a prolonged-release injection by another route'],
    ['aripiprazole-lai', 'Aristada', true, 'a prolonged-release suspension, not powder'],
    ['denosumab-oncology', 'Jubbonti', false, 'no depot anchor: only its own form counts'],
    ['risperidone-lai', 'Risperdal', false, 'oral: the brand stem of Risperdal Consta'],
    ['risperidone-lai', 'Risperdal Quicklet', false, 'orodispersible tablets'],
    ['denosumab-oncology', 'Wyost', false, 'same form, but no salt or long-acting form to tell'],
    ['denosumab-oncology', 'Prolia', false, 'osteoporosis denosumab'],
    ['denosumab', 'Jubbonti', true, 'the rule naming the VTM takes the other brands'],
  ])('%s gets %s: %s (%s)', (ruleId, name, expected) => {
    expect(all(ruleId).includes(name)).toBe(expected);
  });

  it('gives rules named by salt or brand no plain names when the index has no more to add', () => {
    expect(byRule.get('zuclopenthixol-decanoate')?.names).toEqual([]);
  });
});

describe('expandRuleNames: form-bound names of long-acting injection rules', () => {
  const byRule = expandRuleNames(LONG_ACTING_RULES, LONG_ACTING_INDEX, LONG_ACTING_POLICY);
  const boundOf = (id: string) => byRule.get(id)?.formBound ?? [];
  const plainOf = (id: string) => {
    const e = byRule.get(id);
    return e ? [...e.names, ...e.caseSensitive, ...e.needsContext] : [];
  };

  /** What a depot needs near it where the ingredient has another injection (depotForms). */
  const DEPOT = ['prolonged-release', 'suspension', 'solvent', 'depot', 'long acting injection'];
  const INJ = ['injection'];
  it.each([
    ['flupentixol-decanoate', 'Depixol', INJ, 'the depot and tablets under one brand'],
    ['zuclopenthixol-decanoate', 'Clopixol', INJ, 'the depot and tablets under one brand'],
    ['risperidone-lai', 'Risperidone', INJ, 'dm+d names the depot by the bare generic'],
    [
      'aripiprazole-lai',
      'Aripiprazole',
      ['prolonged-release', 'suspension', 'powder', 'solvent', 'depot', 'long acting injection'],
      'the bare generic, told from the short-acting solution for injection by its form',
    ],
    [
      'aripiprazole-lai',
      'Abilify',
      ['prolonged-release', 'suspension', 'powder', 'solvent', 'depot', 'long acting injection'],
      'brand stem of Abilify Maintena, also tablets and the short-acting injection',
    ],
    ['paliperidone', 'paliperidone', INJ, 'the pack’s generic, also Invega tablets (denied)'],
    ['haloperidol-decanoate', 'Haldol', null, 'its injection is the short-acting lactate'],
    ['haloperidol-decanoate', 'Haloperidol', null, 'the lactate shares the depot’s dm+d form'],
    ['olanzapine-embonate', 'Olanzapine', DEPOT, 'IM olanzapine is a powder for solution'],
    ['olanzapine-embonate', 'Zyprexa', null, 'tablets and the short-acting injection'],
    ['zuclopenthixol-decanoate', 'Zuclopenthixol', null, 'also the acetate (Acuphase)'],
    ['flupentixol-decanoate', 'Fluanxol', null, 'tablets only'],
    ['flupentixol-decanoate', 'Flupentixol', INJ, 'its only injection is the decanoate depot'],
    ['flupentixol-decanoate', 'Psytixol', null, 'the pack lists it plainly'],
    ['denosumab-oncology', 'Prolia', null, 'not a long-acting injection rule'],
    ['leuprorelin', 'leuprorelin', null, 'a pack generic the policy does not bind'],
    ['diamorphine', 'diamorphine', null, 'a pack generic the policy does not bind'],
  ] as const)('%s binds %s to forms %j (%s)', (ruleId, name, forms, why) => {
    const bound = boundOf(ruleId).find((b) => b.name === name);
    expect(bound?.forms ?? null, why).toEqual(forms);
    // A form-bound name is never a plain one as well.
    expect(plainOf(ruleId)).not.toContain(name);
  });

  it('keeps longer names the rule does not take as exceptions ("Clopixol Acuphase")', () => {
    // This rule does not list "Clopixol Conc" (core.json does), so it is an exception here too.
    expect(boundOf('zuclopenthixol-decanoate')).toEqual([
      { name: 'Clopixol', forms: ['injection'], except: ['Clopixol Acuphase', 'Clopixol Conc'] },
    ]);
    expect(boundOf('risperidone-lai').find((b) => b.name === 'Risperdal')?.except).toEqual([
      'Risperdal Quicklet',
    ]);
  });

  it('engineRule takes a demoted pack name out of the plain names', () => {
    const rule = LONG_ACTING_RULES.find((r) => r.id === 'paliperidone');
    if (!rule) throw new Error('no paliperidone rule');
    const engine = engineRule(rule, byRule.get('paliperidone'));
    expect(engine.names).toEqual(['paliperidone palmitate', 'Xeplion']);
    expect(engine.formBoundNames?.map((b) => b.name)).toEqual(['paliperidone']);
    const untouched = LONG_ACTING_RULES.find((r) => r.id === 'leuprorelin');
    if (!untouched) throw new Error('no leuprorelin rule');
    expect(engineRule(untouched, byRule.get('leuprorelin')).names).toContain('leuprorelin');
  });

  it('binds a pack name only where the policy says so, and only on a long-acting injection rule', () => {
    const withoutPolicy = expandRuleNames(LONG_ACTING_RULES, LONG_ACTING_INDEX, {
      ...LONG_ACTING_POLICY,
      formBound: {},
    });
    expect(withoutPolicy.get('paliperidone')?.formBound ?? []).toEqual([]);
    const onOtherRules = expandRuleNames(LONG_ACTING_RULES, LONG_ACTING_INDEX, {
      ...LONG_ACTING_POLICY,
      formBound: { diamorphine: 'test', leuprorelin: 'test' },
    });
    // Diamorphine's rule also takes the nasal spray: not a long-acting injection rule.
    expect(onOtherRules.get('diamorphine')?.formBound ?? []).toEqual([]);
  });
});

describe('expandRuleNames: gels that are local for one rule and systemic for another', () => {
  const index: ProductNameIndex = {
    format: 1,
    release: { source: 'test', date: '2026-12-07' },
    ingredients: [
      // NHSBSA BNF 1306010M0: "Isotrex_Gel 0.05%" is the skin gel; the rule is about capsules.
      { vtm: 'Isotretinoin', brand: { 'cutaneous/gel': ['Isotrex'] } },
      { vtm: 'Testosterone', brand: { 'transdermal/transdermal gel': ['Testogel'] } },
      { vtm: 'Tacrolimus', brand: { 'cutaneous/ointment': ['Protopic'] } },
    ],
  };
  const rules: ExpandableRule[] = [
    { id: 'isotretinoin', names: ['isotretinoin'] },
    { id: 'testosterone', names: ['testosterone'] },
    { id: 'tacrolimus', names: ['tacrolimus'] },
  ];
  const policy: NamePolicy = { deny: {}, caseSensitive: {}, needsContext: {} };
  const byRule = expandRuleNames(rules, index, policy);

  it.each([
    ['isotretinoin', ['gel'], 'the index lists a skin gel and no systemic one'],
    ['testosterone', undefined, 'its gels are transdermal, i.e. systemic'],
    ['tacrolimus', undefined, 'no gel in the index: nothing to go on'],
  ])('%s reads "gel" as local: %j (%s)', (id, expected, why) => {
    expect(byRule.get(id)?.localForms, why).toEqual(expected);
  });

  it('passes them to the engine rule', () => {
    const rule = rules[0];
    if (!rule) throw new Error('no rule');
    expect(engineRule(rule, byRule.get('isotretinoin')).localForms).toEqual(['gel']);
    expect(namesOf2(byRule, 'isotretinoin')).not.toContain('Isotrex');
  });
});

function namesOf2(byRule: ReturnType<typeof expandRuleNames>, id: string): readonly string[] {
  return byRule.get(id)?.names ?? [];
}

describe('expandRuleNames: index names the policy binds to a form (boundToForm)', () => {
  const index: ProductNameIndex = {
    format: 1,
    release: { source: 'test', date: '2026-12-07' },
    ingredients: [
      { vtm: 'Tramadol', brand: { 'oral/modified-release tablet': ['Aceon', 'Zydol SR'] } },
    ],
  };
  const rules: ExpandableRule[] = [{ id: 'tramadol', names: ['tramadol'] }];
  const policy: NamePolicy = {
    deny: {},
    caseSensitive: {},
    needsContext: {},
    boundToForm: { Aceon: { forms: ['modified-release'], reason: 'also US perindopril' } },
  };
  const e = expandRuleNames(rules, index, policy).get('tramadol');

  it('returns the name form-bound with its forms, never as a plain name', () => {
    expect(e?.formBound).toEqual([{ name: 'Aceon', forms: ['modified-release'] }]);
    expect(e?.names).toEqual(['Zydol', 'Zydol SR']);
  });
});

describe('expandRuleNames: names that also begin another product (otherProducts)', () => {
  const index: ProductNameIndex = {
    format: 1,
    release: { source: 'test', date: '2026-12-07' },
    ingredients: [{ vtm: 'Valproate', brand: { 'oral/gastro-resistant tablet': ['Epilim'] } }],
  };
  const rules: ExpandableRule[] = [{ id: 'valproate', names: ['valproate', 'sodium valproate'] }];
  const policy: NamePolicy = {
    deny: {},
    caseSensitive: {},
    needsContext: {},
    otherProducts: { Valproate: { except: ['Valproate Add-On'], reason: 'Lamictal packs' } },
  };
  const e = expandRuleNames(rules, index, policy).get('valproate');

  it('gives the pack name its exceptions, and leaves its other names alone', () => {
    expect(e?.exceptions).toEqual([{ name: 'valproate', except: ['Valproate Add-On'] }]);
    expect(e?.names).toEqual(['Epilim']);
  });

  it('passes them to the engine rule', () => {
    expect(engineRule(rules[0]!, e).nameExceptions).toEqual([
      { name: 'valproate', except: ['Valproate Add-On'] },
    ]);
  });
});
