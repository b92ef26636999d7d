/**
 * Issue 21, families 2-5, as GP systems name drugs: Read v2 drug terms (capitals, "*" for a
 * discontinued product), CTV3 and SNOMED CT terms and EMIS's own terms, as the Greater Manchester
 * SDE's published code sets list them (UoM-Data-Science-Platforms/gm-sde, shared/clinical-code-sets/
 * medications, read 2026-12-07; docs/names.md "Session 9"). None of these lists is in the
 * real-world evaluation; each string below was read unflagged before session 9 unless it says
 * otherwise, and what each product contains is given beside it. None is a string of the
 * evaluation's held-back part.
 */
import { describe, expect, it } from 'vitest';
import { exactRulesOf, loadBundledPack } from '../../bench/realworld/evaluate';
import { matchText } from '../engine';

const { compiled } = loadBundledPack();
const exactRules = (text: string) => exactRulesOf(compiled, text);

describe('legacy and imported medicines that had no rule', () => {
  it.each([
    ['*PALFIUM 10mg tablets', 'dextromoramide'], // Read v2; BNF files Palfium under dextromoramide
    ['Nubain 10mg/1mL injection', 'nalbuphine'],
    ['*NALBUPHINE 20mg/2mL injection', 'nalbuphine'],
    ['Operidine 2mg/2mL injection', 'phenoperidine'],
    ['ULTIVA 2mg injection (pdr for recon)', 'remifentanil'],
    ['Ethylmorphine 1.5mg/5ml oral solution', 'ethylmorphine'],
    ['Diacetylmorphine hydrochloride 10mg injection', 'diamorphine'], // the INN of diamorphine
    ['Intentional phenazocine overdose', 'phenazocine'], // condition term; was a possible pentazocine
    ['Immunoglobulinemia with isolated somatotropin deficiency', 'somatropin'], // its other name
    ['*HALCION 250microgram tablets', 'triazolam'],
    ['Triazolam 125micrograms tablet', 'triazolam'],
    ['*ANXON 15mg capsules', 'ketazolam'],
    ['Nobrium 5mg capsule', 'medazepam'],
    ['Centrax 10mg tablets (Imported (Ireland))', 'prazepam'],
    ['Pertofran 25mg tablet', 'desipramine'],
    ['*CONCORDIN 10mg tablets', 'protriptyline'],
    ['Vivactil 10mg tablets (Imported (United States))', 'protriptyline'],
    ['Evadyne 25mg tablet', 'butriptyline'],
    ['Prondol 15mg tablet', 'iprindole'],
    ['Desvenlafaxine 50 mg oral tablet', 'desvenlafaxine'],
    ['Focalin XR 10mg capsules (Imported (United States))', 'dexmethylphenidate'],
    ['Dextroamphetamine sulfate 5mg m/r capsule', 'dexamfetamine'], // the US name
    ['Amphetamine/dextroamphetamine 10mg tablet', 'dexamfetamine'], // Adderall's generic
  ])('%s is flagged', (text, rule) => {
    expect(exactRules(text)).toEqual([rule]);
  });
});

describe('old UK brands of medicines the pack covers', () => {
  it.each([
    ['*ALMAZINE 1mg tablets', 'lorazepam'],
    ['Evacalm 2mg tablet', 'diazepam'],
    ['RECTUBES 10mg/2.5mL rectal solution', 'diazepam'],
    ['*NOCTESED 5mg tablets', 'nitrazepam'],
    ['Surem 5mg capsule', 'nitrazepam'],
    ['Oxanid 10mg tablet', 'oxazepam'],
    ['Euhypnos 10mg/5mL oral solution', 'temazepam'],
    ['Paxane 15mg capsule', 'flurazepam'],
    ['*M-ESLON 30mg m/r capsules', 'morphine'],
    ['Sendolor 100mg/100ml infusion bags (Eurocept International bv)', 'morphine'],
    ['MST 10mg tablets', 'morphine'], // as GP records write MST Continus
    ['Squill opiate linctus paediatric', 'morphine'], // Gee's linctus: camphorated opium tincture
    ["Gee's linctus (Thornton & Ross Ltd)", 'morphine'],
  ])('%s is flagged', (text, rule) => {
    expect(exactRules(text)).toEqual([rule]);
  });
});

describe('a generic whose strength tells two rules apart', () => {
  it.each([
    ['DENOSUMAB 120mg/1.7mL solution for injection', 'denosumab-oncology'], // Xgeva's strength
    ['DENOSUMAB 60mg/1mL solution for injection prefilled syringe', 'denosumab'], // Prolia's
    ['Denosumab injection due in March', 'denosumab'], // no strength: the osteoporosis rule
  ])('%s is read as %s', (text, rule) => {
    expect(exactRules(text)).toEqual([rule]);
  });
});

describe('pharmacy products with codeine (family 2)', () => {
  it.each([
    'Codis dispersible tablet', // aspirin 500mg and codeine phosphate 8mg
    'Uniflu with Gregovite C tablets (Alliance Pharmaceuticals Ltd)', // SmPC: codeine phosphate 10mg
    'Olbas PowerFlu tablets (G.R. Lane Health Products Ltd)', // the same SmPC as Uniflu
    'Boots Tension Headache Relief tablets (The Boots Company Plc)', // SmPC: codeine phosphate 10mg
  ])('%s is flagged as codeine', (text) => {
    expect(exactRules(text)).toEqual(['codeine']);
  });
});

describe("a name read only in its own form, when the form is another medicine's", () => {
  it.each([
    ['MST team to review diazepam tablets', 'diazepam'], // the tablets are diazepam's
    ['Free triiodothyronine 4.5 pmol/L on levothyroxine 100 microgram tablets', null], // the test
  ])('%s flags only the medicine the form belongs to', (text, rule) => {
    expect(exactRules(text)).toEqual(rule ? [rule] : []);
  });
});

describe('names that must stay unflagged beside them', () => {
  it.each([
    'Referred to MST team', // multisystemic therapy: MST needs a strength or form after it
    'Referred to MST 3 months ago', // a number alone is not a strength
    'MST team review, continue paracetamol tablets', // the tablets are paracetamol's, after a comma
    'Olena, continue paracetamol 500mg tablets', // a patient's name (also a fluoxetine brand)
    'Turgeon reviewed; amlodipine 5mg tablets', // a surname (also a buprenorphine brand)
    'Seen by Dr Turgeon 10mg tablets issued', // after a title, a person
    'MST', // the term alone, as the code set lists it, is not enough
    'Halcion', // one letter from "halcyon": only with a strength or form
    'a halcyon summer',
    'Nubian heritage',
    'advised tension headache relief', // words, not the Boots product
    'Olbas Oil inhalant', // eucalyptus, menthol: no codeine
    'Protopic 0.1% ointment (LEO Pharma)', // tacrolimus on the skin (family 5): no shared-care position
    'Doxepin-containing product in cutaneous dose form', // doxepin cream (family 5)
    'Pitolisant 18mg tablets', // narcolepsy, not a stimulant the pack covers
    'LAMICTAL VALPROATE ADD-ON 25mg starter pack', // lamotrigine, for patients on valproate
    'Lamictal Non-Valproate Add-On 50mg starter pack', // lamotrigine
  ])('%s is not flagged', (text) => {
    expect(exactRules(text)).toEqual([]);
  });
});

describe('condition terms that fuzzy reading once took for medicines', () => {
  // GM SDE condition code sets: no match at all, not even a possible one.
  it.each([
    'Methyl-CpG (cytosine phosphate guanine) binding protein-2 duplication syndrome', // cytisine
    'Suicide+SII - drug/medicin.NOS', // Read v2's "medicin", not medicinal cannabis
    'Intentional nalorphine poisoning', // an old opioid antagonist, not nalbuphine
    'CYCLOSERINE 250mg capsules', // a TB antibiotic, not ciclosporin
    'Vista-Methasone Drops 0.1 %', // betamethasone, not methadone
    '[X]Oth fall same levl collisn/push anoth pers occ resid inst',
  ])('%s is not matched', (text) => {
    expect(matchText(compiled, text)).toEqual([]);
  });
});
