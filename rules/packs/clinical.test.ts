/**
 * The clinical positions of issue 17, as data. Each row is a claim a GP acts on: what colour a
 * medicine string paints (or that it paints nothing), and which letters a rule offers and to whom.
 * A change to core.json, the name index or the letter logic that moves one of these fails here, so
 * the correction cannot silently regress. Brand, generic and dm+d-style forms are listed for each
 * medicine because screens use all three.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { matchText } from '../engine';
import { primaryCategory } from '../loader/restore';
import { activateRuleSet } from '../bundled';
import { lettersForRule } from '../views/letters';
import { validatePack } from '../loader/validate';
import { nameKey } from '../names/canonical';
import { parseProductNameIndex } from '../names/index-schema';
import type { Category } from '../schema/rule-pack';

const pack = (() => {
  const result = validatePack(
    JSON.parse(readFileSync(new URL('./core.json', import.meta.url), 'utf8')) as unknown,
  );
  if (!result.ok) throw new Error('core.json does not validate');
  return result.value;
})();
const { compiled, effective } = activateRuleSet([{ layer: 'bundled', pack }], { fuzzy: false });

/** What a string paints: its exact matches' rule ids and the colour of the first match. */
function painted(text: string): { category: Category | null; ruleIds: readonly string[] } {
  const exact = matchText(compiled, text).filter((m) => m.kind === 'exact');
  const ruleIds = [...new Set(exact.flatMap((m) => m.ruleIds))];
  return { category: primaryCategory(effective, ruleIds), ruleIds };
}

/** [screen string, colour it must paint (null: no flag), rule it must reach]. */
const PAINTS: readonly (readonly [string, Category | null, string | null])[] = [
  // DOACs: core work in AF (QOF AF008); never "no commissioned service".
  ['Apixaban 5mg tablets', null, null],
  ['Eliquis 2.5mg tablets (Bristol-Myers Squibb)', null, null],
  ['Rivaroxaban 20mg tablets', null, null],
  ['Xarelto 15mg tablets', null, null],
  ['Edoxaban 60mg tablets', null, null],
  ['Lixiana 30mg tablets', null, null],
  ['Dabigatran etexilate 150mg capsules', null, null],
  ['Pradaxa 110mg capsules', null, null],
  // Vitamin K antagonists: INR testing and dose-setting are the non-core part.
  ['Warfarin 3mg tablets', 'no-commissioned-service', 'warfarin'],
  ['Marevan 1mg tablets', 'no-commissioned-service', 'warfarin'],
  ['Acenocoumarol 1mg tablets', 'no-commissioned-service', 'acenocoumarol'],
  ['Sinthrome 1mg tablets', 'no-commissioned-service', 'acenocoumarol'],
  ['Phenindione 10mg tablets', 'no-commissioned-service', 'phenindione'],
  // Take-home naloxone: a GP may prescribe it.
  ['Nyxoid 1.8mg/0.1ml nasal spray unit dose', null, null],
  ['Prenoxad 2mg/2ml solution for injection pre-filled syringes', null, null],
  // Diamorphine: dependence-forming first; the licence is about addiction only.
  [
    'Diamorphine 10mg powder for solution for injection ampoules',
    'dependence-forming',
    'diamorphine',
  ],
  ['Diconal tablets', 'dependence-forming', 'dipipanone'],
  // Buprenorphine: Temgesic is an analgesic, never opioid substitution.
  [
    'Temgesic 200microgram sublingual tablets (Indivior UK Ltd)',
    'dependence-forming',
    'buprenorphine-analgesic',
  ],
  [
    'Temgesic 300micrograms/1ml solution for injection ampoules',
    'dependence-forming',
    'buprenorphine-analgesic',
  ],
  [
    'Butrans 10micrograms/hour transdermal patches',
    'dependence-forming',
    'buprenorphine-transdermal',
  ],
  ['Subutex 8mg sublingual tablets', 'no-commissioned-service', 'buprenorphine-ost'],
  ['Espranor 8mg oral lyophilisates', 'no-commissioned-service', 'buprenorphine-ost'],
  [
    'Buvidal 128mg/0.36ml prolonged-release solution for injection',
    'no-commissioned-service',
    'buprenorphine-ost',
  ],
  ['Methadone 1mg/ml oral solution', 'no-commissioned-service', 'methadone'],
  ['Physeptone 5mg tablets', 'no-commissioned-service', 'methadone'],
  // Hospital-only and withdrawn products.
  ['Clozapine 100mg tablets', 'no-commissioned-service', 'clozapine'],
  ['Clozaril 25mg tablets', 'no-commissioned-service', 'clozapine'],
  ['Co-proxamol 32.5mg/325mg tablets', 'dependence-forming', 'co-proxamol'],
  ['Distalgesic tablets', 'dependence-forming', 'co-proxamol'],
  // Dementia medicines: primary care may prescribe on specialist advice.
  ['Donepezil 10mg tablets', null, null],
  ['Aricept 5mg tablets', null, null],
  ['Galantamine 16mg modified-release capsules', null, null],
  ['Reminyl 8mg tablets', null, null],
  ['Rivastigmine 4.6mg/24hours transdermal patches', null, null],
  ['Exelon 1.5mg capsules', null, null],
  ['Memantine 10mg tablets', null, null],
  ['Ebixa 20mg tablets', null, null],
  // GnRH analogues and antagonists.
  ['Zoladex LA 10.8mg implant', 'shared-care', 'goserelin'],
  ['Prostap 3 DCS 11.25mg injection', 'shared-care', 'leuprorelin'],
  ['Decapeptyl SR 11.25mg injection', 'shared-care', 'triptorelin'],
  ['Buserelin 6.3mg implant', 'specialist-initiation', 'buserelin'],
  ['Suprefact nasal spray', 'specialist-initiation', 'buserelin'],
  ['Synarel 200micrograms/dose nasal spray', 'specialist-initiation', 'nafarelin'],
  ['Orgovyx 120mg tablets', 'specialist-initiation', 'relugolix'],
  ['Ryeqo 40mg/1mg/0.5mg tablets', 'specialist-initiation', 'relugolix'],
  // Weight management: Mounjaro and Wegovy flag; diabetes-only brands do not.
  ['Mounjaro 5mg/0.5ml solution for injection KwikPen', 'no-commissioned-service', 'tirzepatide'],
  [
    'Tirzepatide 2.5mg/0.5ml solution for injection pre-filled pen',
    'no-commissioned-service',
    'tirzepatide',
  ],
  ['Wegovy 2.4mg/0.75ml FlexTouch', 'no-commissioned-service', 'semaglutide-weight-management'],
  ['Ozempic 1mg/0.74ml FlexTouch', null, null],
  ['Rybelsus 7mg tablets', null, null],
  ['Semaglutide 14mg tablets', null, null],
  ['Trulicity 1.5mg/0.5ml solution for injection pre-filled pen', null, null],
  // Cannabis-based medicinal products: specialist decision, continuation under shared care.
  ['Sativex oromucosal spray', 'specialist-initiation', 'nabiximols'],
  ['Epidyolex 100mg/ml oral solution', 'specialist-initiation', 'cannabidiol-epidyolex'],
  ['Nabilone 1mg capsules', 'specialist-initiation', 'nabilone'],
  ['Medical cannabis oil (unlicensed special)', 'specialist-initiation', 'cannabis-unlicensed'],
  ['Uses cannabis at weekends', null, null],
  // Medicines that had no rule.
  ['BritLofex 200microgram tablets', 'no-commissioned-service', 'lofexidine'],
  ['Lofexidine 200microgram tablets', 'no-commissioned-service', 'lofexidine'],
  ['Xyrem 500mg/ml oral solution', 'no-commissioned-service', 'sodium-oxybate'],
  ['Sodium oxybate 500mg/ml oral solution', 'no-commissioned-service', 'sodium-oxybate'],
  ['Heminevrin 192mg capsules', 'dependence-forming', 'clomethiazole'],
  ['Clomethiazole 31.5mg/ml oral solution', 'dependence-forming', 'clomethiazole'],
  ['Spravato 28mg nasal spray', 'no-commissioned-service', 'esketamine'],
  ['Papaveretum 15.4mg/1ml solution for injection', 'dependence-forming', 'papaveretum'],
  ['Alfentanil 500micrograms/1ml solution for injection', 'dependence-forming', 'alfentanil'],
  ['Rapifen 1mg/2ml injection', 'dependence-forming', 'alfentanil'],
  ['Lexotan 1.5mg tablets', 'dependence-forming', 'bromazepam'],
  ['Tranxene 7.5mg capsules', 'dependence-forming', 'clorazepate'],
  ['Rohypnol 1mg tablets', 'dependence-forming', 'flunitrazepam'],
  // Valproate keeps its place.
  ['Epilim Chrono 500mg modified-release tablets', 'specialist-initiation', 'valproate'],
];

describe('what each medicine string paints', () => {
  test.each(PAINTS)('%s → %s', (text, category, ruleId) => {
    const got = painted(text);
    expect(got.category).toBe(category);
    if (ruleId === null) expect(got.ruleIds).toEqual([]);
    else expect(got.ruleIds).toContain(ruleId);
  });
});

/** [rule id, letters offered as "id → addressee", in order]. */
const ICB = 'the integrated care board (ICB)';
const LA = 'the local authority public health commissioner';
const SPECIALIST = 'the specialist team';
const LETTERS: readonly (readonly [string, readonly string[]])[] = [
  ['warfarin', [`notice-to-commissioner → ${ICB}`]],
  ['acenocoumarol', [`notice-to-commissioner → ${ICB}`]],
  ['phenindione', [`notice-to-commissioner → ${ICB}`]],
  ['varenicline', [`notice-to-commissioner → ${LA}`]],
  ['bupropion', [`notice-to-commissioner → ${LA}`]],
  ['cytisine', [`notice-to-commissioner → ${LA}`]],
  ['nicotine-replacement', [`notice-to-commissioner → ${LA}`]],
  ['buprenorphine-ost', [`notice-to-commissioner → ${LA}`]],
  ['methadone', [`notice-to-commissioner → ${LA}`]],
  ['lofexidine', [`notice-to-commissioner → ${LA}`]],
  [
    'acamprosate',
    [
      `decline-shared-care → ${SPECIALIST}`,
      `request-shared-care-details → ${SPECIALIST}`,
      `notice-to-commissioner → ${LA}`,
    ],
  ],
  [
    'methylphenidate',
    [
      `decline-shared-care → ${SPECIALIST}`,
      `request-shared-care-details → ${SPECIALIST}`,
      `notice-to-commissioner → ${ICB}`,
    ],
  ],
  ['tirzepatide', [`notice-to-commissioner → ${ICB}`]],
  ['adalimumab', [`hospital-only-keep-prescribing → ${SPECIALIST}`]],
  ['clozapine', [`hospital-only-keep-prescribing → ${SPECIALIST}`]],
  ['isotretinoin', [`hospital-only-keep-prescribing → ${SPECIALIST}`]],
  ['semaglutide-weight-management', [`hospital-only-keep-prescribing → ${SPECIALIST}`]],
  ['esketamine', [`hospital-only-keep-prescribing → ${SPECIALIST}`]],
  [
    'valproate',
    [`request-shared-care-details → ${SPECIALIST}`, `decline-shared-care → ${SPECIALIST}`],
  ],
  ['diamorphine', []],
  ['co-proxamol', []],
  ['midazolam', []],
  ['alfentanil', []],
  ['zopiclone', ['patient-withdrawal-support → the patient']],
  ['buprenorphine-analgesic', ['patient-withdrawal-support → the patient']],
];

const TODAY = new Date(2026, 11, 7);
const ruleOf = (id: string) => {
  const resolved = effective.rules.get(id);
  if (!resolved) throw new Error(`no rule ${id}`);
  return resolved;
};

describe('which letters each rule offers, and to whom', () => {
  test.each(LETTERS)('%s', (id, expected) => {
    expect(lettersForRule(ruleOf(id), TODAY).map((l) => `${l.id} → ${l.addressee}`)).toEqual(
      expected,
    );
  });
});

describe('letters fit every rule', () => {
  const rules = [...effective.rules.values()];
  const hospitalOnly = rules.filter((r) => (r.rule.position ?? '').startsWith('Hospital-only'));

  test('every letter a rule lists exists among its categories’ letters', () => {
    const missing = rules.flatMap((r) =>
      (r.rule.letters ?? [])
        .filter(
          (id) =>
            !r.rule.categories.some((c) => r.categoryText[c]?.letters?.some((l) => l.id === id)),
        )
        .map((id) => `${r.rule.id}: ${id}`),
    );
    expect(missing).toEqual([]);
  });

  test('a hospital-only medicine never offers a notice to a commissioner or "start it" letter', () => {
    expect(hospitalOnly.length).toBeGreaterThanOrEqual(20);
    for (const r of hospitalOnly) {
      expect(
        lettersForRule(r, TODAY).map((l) => l.id),
        r.rule.id,
      ).toEqual(['hospital-only-keep-prescribing']);
    }
  });

  test('opioid substitution is never offered the withdrawal-support note', () => {
    for (const id of ['buprenorphine-ost', 'methadone', 'diamorphine', 'lofexidine']) {
      expect(
        lettersForRule(ruleOf(id), TODAY).map((l) => l.id),
        id,
      ).not.toContain('patient-withdrawal-support');
    }
  });

  test('no letter pastes popover text or a GP instruction into its body', () => {
    for (const r of rules) {
      for (const letter of lettersForRule(r, TODAY)) {
        if (r.rule.position)
          expect(letter.text, `${r.rule.id}/${letter.id}`).not.toContain(r.rule.position);
        if (r.rule.advice)
          expect(letter.text, `${r.rule.id}/${letter.id}`).not.toContain(r.rule.advice);
        expect(letter.text, `${r.rule.id}/${letter.id}`).not.toContain(
          'Outside GMS/PMS essential services:',
        );
        expect(letter.text).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  test('a commissioner letter cites only contract sources', () => {
    for (const r of rules) {
      for (const letter of lettersForRule(r, TODAY).filter((l) => l.audience === 'commissioner')) {
        expect(letter.text, r.rule.id).not.toMatch(
          /Pulse|Pharmaceutical Journal|North Central London|Islington/,
        );
      }
    }
  });

  test('every rendered letter, as its addressee reads it (reviewed once by reading)', async () => {
    const text = rules
      .map((r) =>
        lettersForRule(r, TODAY)
          .map((l) => `=== ${r.rule.id} / ${l.id} → ${l.addressee}\n${l.text}`)
          .join('\n'),
      )
      .filter((t) => t !== '')
      .join('\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/letters.txt');
  });
});

describe('names in the product index with no rule are there on purpose', () => {
  /** Every index ingredient no rule covers, with the reason it is not flagged. */
  const NOT_FLAGGED: Readonly<Record<string, string>> = {
    Apixaban: 'DOAC: core work in atrial fibrillation (QOF AF008)',
    Rivaroxaban: 'DOAC: core work in atrial fibrillation (QOF AF008)',
    Edoxaban: 'DOAC: core work in atrial fibrillation (QOF AF008)',
    'Dabigatran etexilate': 'DOAC: core work in atrial fibrillation (QOF AF008)',
    Donepezil: 'dementia: primary care may prescribe on specialist advice (NICE TA217, 2016)',
    Galantamine: 'dementia: primary care may prescribe on specialist advice (NICE TA217, 2016)',
    Rivastigmine: 'dementia: primary care may prescribe on specialist advice (NICE TA217, 2016)',
    Memantine: 'dementia: primary care may prescribe on specialist advice (NICE TA217, 2016)',
    Naloxone:
      'take-home naloxone: a GP may prescribe it; ampoules and combination partners never flagged',
    Fondaparinux: 'anticoagulant with no contractual trap in the national pack',
    Lidocaine: 'lidocaine plasters: a cost position (items not routinely prescribed), not a trap',
    Loxapine: 'inhaled loxapine is hospital acute use; oral loxapine is an oral antipsychotic',
    Amisulpride: 'oral antipsychotic',
    Aripiprazole: 'oral antipsychotic (the depot has its own rule)',
    Asenapine: 'oral antipsychotic',
    Benperidol: 'oral antipsychotic',
    Cariprazine: 'oral antipsychotic',
    Chlorpromazine: 'oral antipsychotic',
    Flupentixol: 'oral antipsychotic (the depot has its own rule)',
    Fluphenazine: 'oral antipsychotic (the depot has its own rule)',
    Haloperidol: 'oral antipsychotic (the depot has its own rule)',
    Levomepromazine: 'oral antipsychotic',
    Lurasidone: 'oral antipsychotic',
    Olanzapine: 'oral antipsychotic (the depot has its own rule)',
    Pericyazine: 'oral antipsychotic',
    Pimozide: 'oral antipsychotic',
    Quetiapine: 'oral antipsychotic',
    Risperidone: 'oral antipsychotic (the depot has its own rule)',
    Sulpiride: 'oral antipsychotic',
    Trifluoperazine: 'oral antipsychotic',
    Zuclopenthixol: 'oral antipsychotic (the depot has its own rule)',
  };

  test('every index ingredient is covered by a rule or listed here with its reason', () => {
    const index = parseProductNameIndex(
      JSON.parse(
        readFileSync(new URL('../names/product-names.json', import.meta.url), 'utf8'),
      ) as unknown,
    );
    if (!index.ok) throw new Error('product-names.json does not parse');
    const covered = new Set(pack.rules.flatMap((r) => r.names.map(nameKey)));
    const orphans = index.value.ingredients
      .map((e) => e.vtm)
      .filter((vtm) => !covered.has(nameKey(vtm)));
    expect(orphans.filter((vtm) => !(vtm in NOT_FLAGGED))).toEqual([]);
    expect(Object.keys(NOT_FLAGGED).filter((vtm) => !orphans.includes(vtm))).toEqual([]);
  });
});

describe('each rule records what was checked', () => {
  const CORRECTED = [
    'acenocoumarol',
    'alfentanil',
    'buprenorphine-analgesic',
    'buprenorphine-ost',
    'buserelin',
    'clozapine',
    'co-proxamol',
    'diamorphine',
    'dipipanone',
    'goserelin',
    'leuprorelin',
    'methadone',
    'nabiximols',
    'phenindione',
    'relugolix',
    'semaglutide-weight-management',
    'tirzepatide',
    'triptorelin',
    'valproate',
    'varenicline',
    'warfarin',
  ];
  test.each(CORRECTED)('%s has a review note dated with lastReviewed', (id) => {
    const rule = ruleOf(id).rule;
    expect(rule.reviewNote).toBeTruthy();
    expect(rule.reviewNote).toContain(rule.lastReviewed);
  });
});
