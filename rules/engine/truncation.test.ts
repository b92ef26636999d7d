/**
 * Issue 21, families 1 and 5 against the bundled pack. Truncated strings: the examples of
 * NHSBSA BNF presentation names ("Methylphen HCl_Tab 10mg"); "Dihydrocodeine Tart_Tab 30mg",
 * "Amitriptyline HCl_Tab 50mg", "Ferr Sulf_Tab 200mg", "Bisoprolol Fumar_Tab 10mg" and
 * "Alfuzosin HCl_Tab 10mg M/R" are real BNF names quoted from NHSBSA practice-level prescribing
 * data (OGL-UK-3.0). Local forms: dm+d-style terms of topical products.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../bench/realworld/evaluate';
import { matchText } from './match';

const { compiled } = loadBundledPack();
const read = (text: string) =>
  matchText(compiled, text).map((m) => ({
    name: text.slice(m.start, m.end),
    kind: m.kind,
    rules: [...m.ruleIds],
  }));

describe('NHSBSA truncated generics before a salt abbreviation or `_` (family 1)', () => {
  it.each([
    ['Methylphen HCl_Tab 10mg', 'Methylphen', 'methylphenidate'],
    ['Lisdexamfet Dimesil_Cap 30mg', 'Lisdexamfet', 'lisdexamfetamine'],
    ['Oxycod HCl/Nalox HCl_Tab 10mg/5mg M/R', 'Oxycod', 'oxycodone'],
    ['Dexamfet Sulf_Tab 5mg', 'Dexamfet', 'dexamfetamine'],
    ['Venlafax HCl_Tab 75mg', 'Venlafax', 'venlafaxine'],
  ])('%s is certain', (text, name, rule) => {
    expect(read(text)).toEqual([{ name, kind: 'exact', rules: [rule] }]);
  });

  it('a prefix that starts several flagged generics is only a possible match', () => {
    expect(read('Hydrox Sulf_Tab 200mg')).toEqual([
      { name: 'Hydrox', kind: 'fuzzy', rules: ['hydroxycarbamide', 'hydroxychloroquine'] },
    ]);
  });

  it.each([
    'Ferr Sulf_Tab 200mg',
    'Bisoprolol Fumar_Tab 10mg',
    'Alfuzosin HCl_Tab 10mg M/R',
    'Pot Cit_Mixt',
  ])('%s (no flagged generic) stays unflagged', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('the prefix counts only in the NHSBSA shape, never as an exact name elsewhere', () => {
    expect(read('Methylphen 10mg tablets').filter((m) => m.kind === 'exact')).toEqual([]);
    expect(read('Oxycod HCl tablets').filter((m) => m.kind === 'exact')).toEqual([]);
  });

  it('full generics in the same shape still match as before', () => {
    expect(read('Dihydrocodeine Tart_Tab 30mg')).toEqual([
      { name: 'Dihydrocodeine', kind: 'exact', rules: ['dihydrocodeine'] },
    ]);
    expect(read('Amitriptyline HCl_Tab 50mg')[0]?.rules).toEqual(['amitriptyline']);
  });
});

/**
 * More NHSBSA shapes, each quoted from NHSBSA "BNF Code Information" (release 2020-02-01, OGL v3;
 * bench/realworld/nhsbsa-bnf-presentations.txt, tuning part).
 */
describe('a cut name whose own salt or form has no rule stays unread', () => {
  // The depot rules' names are "<generic> decanoate"/"embonate": cut before another salt or a
  // tablet form, the name is the oral medicine, which no rule covers (the fuzzy stage used to
  // read these as possible depots).
  it.each([
    'Olanzap_Tab 5mg',
    'Haloperid_Tab 5mg',
    'Paliperid_Tab 3mg M/R',
    'Zuclopenth Acet_Inj 50mg/ml 1ml Amp',
    'Zuclopenth HCl_Tab 10mg',
    'Fluphenaz HCl_Tab 1mg',
  ])('%s', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('still reads the depot cut before its own salt', () => {
    expect(read('Olanzap Emb_Inj 300mg Vl')).toEqual([
      { name: 'Olanzap Emb', kind: 'exact', rules: ['olanzapine-embonate'] },
    ]);
    expect(read('Zuclopenth Dec_Inj 200mg/ml 1ml Amp')).toEqual([
      { name: 'Zuclopenth Dec', kind: 'exact', rules: ['zuclopenthixol-decanoate'] },
    ]);
  });

  it('keeps a cut name read fuzzily where NHSBSA did not write it', () => {
    expect(read('Methotrex 2.5mg weekly')).toEqual([
      { name: 'Methotrex', kind: 'fuzzy', rules: ['methotrexate'] },
    ]);
  });

  it.each([
    'Ceftazidime/Sod Chlor_Inf 1g/100ml',
    'Tobramycin/Sod Chlor_Inf 100mg/25ml',
    'Pot Chlor_Tab 600mg M/R',
  ])('%s: "Chlor" after a cation is chloride', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('still reads the opioid beside magnesium chloride', () => {
    expect(read('Codeine Phos/Mag Chlor_Mix 30/250mg/5ml')).toEqual([
      { name: 'Codeine', kind: 'exact', rules: ['codeine'] },
    ]);
  });
});

describe('NHSBSA names cut in their last word, and combinations (family 1)', () => {
  it.each([
    // Read by the bound bare generic ("Flupentixol" + Inj: its only injection is the depot).
    ['Flupentixol Decan_Inj 20mg/ml 1ml Amp', 'Flupentixol', 'flupentixol-decanoate'],
    ['Haloperidol Decan_Inj 50mg/ml 1ml Amp', 'Haloperidol Decan', 'haloperidol-decanoate'],
    ['Zuclopenth Decan_Inj 200mg/ml 10ml Vl', 'Zuclopenth Decan', 'zuclopenthixol-decanoate'],
    ['Dimethyl Fumar_Cap E/C 120mg', 'Dimethyl Fumar', 'dimethyl-fumarate'],
    ['Clomethi Edisilate_Syr 250mg/5ml S/F', 'Clomethi', 'clomethiazole'],
    ['Morph Anhy_Oral Soln', 'Morph', 'morphine'],
    ['Morph/Cyclizine_Inj 10mg/50mg 1ml Amp', 'Morph', 'morphine'],
    ['Kaolin & Morph_Mix', 'Morph', 'morphine'],
    ['Diamorph & Cocaine_Elix BPC Inc Duty', 'Diamorph', 'diamorphine'],
    ['Papaveret/Hyoscine_Inj 7.7/0.4mg 1ml Amp', 'Papaveret', 'papaveretum'],
    ['Sod Valpr_Tab 500mg', 'Valpr', 'valproate'], // salt first, then the generic cut short
    ['Dextromoramide Tart_Tab 5mg', 'Dextromoramide', 'dextromoramide'], // a rule since session 9
  ])('%s is certain', (text, name, rule) => {
    expect(read(text)).toEqual([{ name, kind: 'exact', rules: [rule] }]);
  });

  it('a prefix that also starts an unflagged medicine is only possible (papaverine)', () => {
    expect(read('Papaver HCl_Tab 40mg')).toEqual([
      { name: 'Papaver', kind: 'fuzzy', rules: ['papaveretum'] },
    ]);
  });

  it.each([
    'Zuclopenthixol Acet_Inj 50mg/ml 1ml Amp', // the acetate (Acuphase): no rule
    'Haloperidol_Tab 5mg',
    'Kaolin_Mix',
    'Lisinopril_Tab 10mg',
    'Mag Sulph_Inj 500mg/ml 2ml Vl', // a salt, not sulphasalazine cut short
    'Sod Dihyd Phos Anhy_Tab Eff 1.936g', // one salt's name, not dihydrocodeine
  ])('%s stays unflagged', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('a combination prefix needs its `_`: prose is never certain', () => {
    expect(read('morph/cyclizine given').filter((m) => m.kind === 'exact')).toEqual([]);
    expect(read('the diamorph & cocaine elixir').filter((m) => m.kind === 'exact')).toEqual([]);
  });
});

describe("a generic cut before its maker's name", () => {
  // NHSBSA BNF Code Information 2020-02-01 (OGL v3): 0407020K0BEAACB.
  it('Diamorph Roche_Tab 10mg is diamorphine', () => {
    expect(read('Diamorph Roche_Tab 10mg')).toEqual([
      { name: 'Diamorph', kind: 'exact', rules: ['diamorphine'] },
    ]);
  });

  it.each([
    ['Diamorph Roche Tab', 'no `_`: not the NHSBSA shape'],
    ['Diamorph Smith_Tab', 'not a maker the BNF writes so'],
  ])('%s is not certain (%s)', (text) => {
    expect(read(text).filter((m) => m.kind === 'exact')).toEqual([]);
  });
});

describe('NHSBSA names run together without spaces', () => {
  // NHSBSA BNF Code Information 2020-02-01 (OGL v3): 0410020B0BHAYAR, 0410020B0BHAZAP.
  it.each([
    ['Boots_NicAssistTransdermalPatch21mg24hrs', 'NicAssistTransdermalPatch'],
    ['Boots_NicAssistTransdermalPatch7mg/24hrs', 'NicAssistTransdermalPatch'],
  ])('%s reads as the name before its run-on forms', (text, name) => {
    expect(read(text)).toEqual([{ name, kind: 'exact', rules: ['nicotine-replacement'] }]);
  });

  it.each([
    ['Boots_NicAssistant Tab', 'a longer word, not a form run on'],
    ['NicAssistPlus', 'a run-on word that is not a form'],
    ['ProtopicOintment 0.1%', 'a local form is never run on'],
    ['NICASSISTPATCH', 'no capital after a lower-case letter shows where the name ends'],
  ])('%s is not read (%s)', (text) => {
    expect(read(text).filter((m) => m.kind === 'exact')).toEqual([]);
  });
});

describe('local forms of systemic drugs get no systemic rule (family 5)', () => {
  it.each([
    'Tacrolimus 0.1% ointment',
    'Tacrolimus_Oint 0.1%',
    'Protopic 0.1% ointment',
    'Ciclosporin 0.1% eye drops',
    'Doxepin 5% cream',
    // NHSBSA BNF names (BNF Code Information 2020-02-01):
    'Ciclosporin_Eye Dps 0.05% 0.4ml Ud',
    'Ciclosporin_EyeDps 0.06% 0.4mlUdP/F(Old)',
    'Testosterone_Crm 2%',
    'Gabapentin_Crm 6%',
  ])('%s is not flagged, not even as possible', (text) => {
    expect(read(text)).toEqual([]);
  });

  it.each([
    ['Tacrolimus 1mg capsules', 'tacrolimus'],
    ['Tacrolimus 1mg capsules, Protopic ointment', 'tacrolimus'],
    ['Ciclosporin 25mg capsules', 'ciclosporin'],
    ['Testosterone 2% gel', 'testosterone'],
    ['Ustekinumab_Inj 45mg/0.5ml Pfs', 'ustekinumab'], // filed in the BNF's skin chapter
  ])('%s keeps its systemic rule', (text, rule) => {
    expect(read(text)[0]?.rules).toEqual([rule]);
  });
});
