/**
 * Issue 21, families 2-4 against the bundled pack and index: real strings, each quoted from the
 * source named beside it (bench/realworld/, tuning part; docs/names.md lists every source).
 * - BNF: NHSBSA "BNF Code Information", release 2020-02-01 (OGL v3).
 * - dm+d: OpenSAFELY code lists (dm+d terms, NHSBSA, OGL v3).
 * - BNF 2024: NHSBSA "BNF Code Information", release 2024-11-01 (OGL v3), dm+d-style names.
 * - GP system: aim-rsf/drug-lists CEGEDIM and IMRD product terms (CC BY 4.0), with their ATC code.
 * - CPRD: GOLD and Aurum opioid product terms (Pharmacoepi-Data-Collaborative/home), with their
 *   drug substances.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../bench/realworld/evaluate';
import { matchText } from '../engine';

const { compiled } = loadBundledPack();
const exact = (text: string) =>
  matchText(compiled, text)
    .filter((m) => m.kind === 'exact')
    .map((m) => ({ name: text.slice(m.start, m.end), rules: [...m.ruleIds] }));

describe('pharmacy and old opioid combination products (family 2)', () => {
  it.each([
    ['Kaolin & Morph_Mix', 'Morph', 'morphine'], // BNF
    ['Diarrest_Liq', 'Diarrest', 'codeine'], // BNF: codeine phosphate compound mixtures
    ['Evacode_Paed Linct 3mg/5ml S/F', 'Evacode', 'codeine'], // BNF
    ['Codydragesic_Tab 10mg/500mg', 'Codydragesic', 'dihydrocodeine'], // BNF: co-dydramol
    ['Nurofen Plus_Tab', 'Nurofen Plus', 'codeine'], // BNF, filed under ibuprofen
    ['Codafen Continus_Tab', 'Codafen Continus', 'codeine'], // BNF
  ])('%s is flagged for its opioid', (text, name, rule) => {
    expect(exact(text)).toEqual([{ name, rules: [rule] }]);
  });

  it.each([
    ['Gppe Tab_Diocalm Chble', 'Diocalm'], // BNF 0104020N0: morphine and attapulgite
    ['Carmil_Diarrhoea Mix', 'Carmil'], // BNF 0104020N0: kaolin and morphine
    ['Chalk + Opium Arom_Mix BP 1988', 'Opium'], // BNF 0104020N0
    ['Morph (Opium Tinct)_Oral Dps 10mg/ml S/F', 'Opium'], // BNF 0407020W0
  ])('%s, a name other products share, is flagged in its own form', (text, name) => {
    expect(exact(text)).toEqual([{ name, rules: ['morphine'] }]);
  });

  it.each([
    'Diocalm Ultra 2mg capsules', // loperamide
    'Diocalm Replenish sachets', // oral rehydration salts
    'Carmil XL 60mg tablets', // isosorbide mononitrate
    'History of opium use in his twenties',
  ])('%s is not', (text) => {
    expect(matchText(compiled, text)).toEqual([]);
  });

  it('kaolin without morphine is not', () => {
    expect(exact('Kaolin_Mix')).toEqual([]); // BNF "Kaolin Light"
  });
});

describe('legacy and hospital opioids (family 3)', () => {
  it.each([
    ['Cosalgesic_Tab 32.5mg/325mg', 'Cosalgesic', 'co-proxamol'], // BNF: co-proxamol
    ['Dextroprop_Cap 65mg', 'Dextroprop', 'co-proxamol'], // BNF: dextropropoxyphene
    ['Omnopon_Inj 15.4mg/ml 1ml Amp', 'Omnopon', 'papaveretum'], // BNF
    ['Alfentanil HCl_Inj 500mcg/ml 2ml Amp', 'Alfentanil', 'alfentanil'], // BNF
    ['Diconal_Tab', 'Diconal', 'dipipanone'], // BNF
    ['Palfium_Tab 5mg', 'Palfium', 'dextromoramide'], // BNF: dextromoramide tartrate
    ['Dextromoramide 10mg tablets', 'Dextromoramide', 'dextromoramide'], // dm+d opioid list
    ['Operidine_Inj 1mg/ml 2ml Amp', 'Operidine', 'phenoperidine'], // BNF
    ['Ultiva_Inj 1mg Vl (Dry)', 'Ultiva', 'remifentanil'], // BNF: remifentanil (anaesthesia)
  ])('%s is flagged', (text, name, rule) => {
    expect(exact(text)).toEqual([{ name, rules: [rule] }]);
  });
});

describe('brands the index lacked: withdrawn, imported and US names (family 4)', () => {
  it.each([
    ['Tryptizol_Tab 25mg', 'Tryptizol', 'amitriptyline'], // BNF: withdrawn UK brand
    ['Elavil_Tab 10mg', 'Elavil', 'amitriptyline'], // BNF: US brand
    ['Adderall XR 10mg capsules', 'Adderall XR', 'dexamfetamine'], // dm+d ADHD list: US import
    ['Vyvanse 30mg capsules', 'Vyvanse', 'lisdexamfetamine'], // dm+d ADHD list: US import
    ['Metadate ER_Tab 10mg', 'Metadate', 'methylphenidate'], // BNF: US import
    ['Coumadin 4mg tablets (Imported (Canada))', 'Coumadin', 'warfarin'], // dm+d warfarin list
    [
      'Metalcaptase gastro-resistant 300mg tablets (Imported (Germany))',
      'Metalcaptase',
      'penicillamine',
    ], // dm+d DMARD list
    ['ATOMAID 10mg capsules', 'ATOMAID', 'atomoxetine'], // dm+d ADHD list: a 2020s brand
    ['Boots_NicAssist Patch 15mg/16hrs', 'NicAssist', 'nicotine-replacement'], // BNF: own brand
  ])('%s is flagged', (text, name, rule) => {
    expect(exact(text)).toEqual([{ name, rules: [rule] }]);
  });
});

describe('a US brand is its own medicine, never a misspelling of another', () => {
  // RxNorm (NLM): brand name "Ambien" (RXCUI 131725), "Zolpidem tartrate 12.5 MG Extended Release
  // Oral Tablet [Ambien]" (854882). Read before as a possible match for amiodarone.
  it.each([
    ['Ambien 10mg at night', 'Ambien'],
    ['Ambien CR 12.5mg', 'Ambien'],
  ])('%s is zolpidem, not a possible amiodarone', (text, name) => {
    const all = matchText(compiled, text).map((m) => ({
      name: text.slice(m.start, m.end),
      kind: m.kind,
      rules: [...m.ruleIds],
    }));
    expect(all).toEqual([{ name, kind: 'exact', rules: ['zolpidem'] }]);
  });
});

describe('a brand that is another medicine in another form, bound to its form', () => {
  // NHSBSA BNF products (tramadol, 040702040): Aceon is tramadol modified-release; in the US it is
  // perindopril tablets (RxNorm), so only the modified-release form is read (name-policy.json).
  it.each([
    ['Aceon_Tab 150mg M/R', ['tramadol']], // BNF
    ['Aceon 200mg modified-release tablets', ['tramadol']], // dm+d opioid list
    ['Aceon 4mg tablets', null], // a perindopril tablet as a US record writes it
    ['Aceon_Tab 8mg', null],
  ])('%s → %j', (text, rules) => {
    expect(exact(text)).toEqual(rules ? [{ name: 'Aceon', rules }] : []);
  });
});

describe('pharmacy codeine products as GP systems name them (family 2, GP-system terms)', () => {
  it.each([
    ['Migraleve Pink tablets (McNeil Products Ltd)', 'Migraleve Pink'], // GP system: N02BE71
    ['Generic Migraleve tablets', 'Migraleve'], // GP system: N02BE71
    ['Paracodol 8mg/500mg capsules (Bayer Plc)', 'Paracodol'], // GP system: N02AJ06
    ['Solpaflex tablets (GlaxoSmithKline Consumer Healthcare)', 'Solpaflex'], // GP system: M01AE51
    ['Generic Solpadeine Plus capsules', 'Solpadeine Plus'], // GP system: N02BE71
    ['Co-codamol 8mg/500mg tablets (The Boots Company Plc)', 'Co-codamol'], // GP system: N02AJ06
  ])('%s is flagged for codeine', (text, name) => {
    expect(exact(text)).toEqual([{ name, rules: ['codeine'] }]);
  });

  // CPRD GOLD (Pharmacoepi-Data-Collaborative/home, opioidCodesG.txt): "Codeine Phosphate/Aspirin/
  // Paracetamol", written with a space before the suffix; plain Safapryn was aspirin and paracetamol.
  it('Safapryn-Co as CPRD writes it is codeine; Safapryn alone is not', () => {
    expect(exact('Safapryn -Co Tablet (Pfizer Ltd)')).toEqual([
      { name: 'Safapryn -Co', rules: ['codeine'] },
    ]);
    expect(exact('Safapryn-Co tablets')).toEqual([{ name: 'Safapryn-Co', rules: ['codeine'] }]);
    expect(exact('Safapryn Tablet (Pfizer Ltd)')).toEqual([]);
  });

  it('Solpadeine Headache, paracetamol and caffeine, is not (the source files it as an opioid)', () => {
    expect(exact('Solpadeine Headache tablets (GlaxoSmithKline Consumer Healthcare)')).toEqual([]);
  });
});

describe('brands new since 2020, imported from the 2024 BNF release (family 4)', () => {
  it.each([
    ['Fenhuma 100microgram sublingual tablets', 'Fenhuma', 'fentanyl-immediate-release'], // BNF 2024
    ['Iremia 67microgram sublingual tablets', 'Iremia', 'fentanyl-immediate-release'], // BNF 2024
    ['Sofonac 10mg/5mg modified-release tablets', 'Sofonac', 'oxycodone'], // BNF 2024
    ['Lupaxis 50mg prolonged-release tablets', 'Lupaxis', 'tapentadol'], // BNF 2024
    ['Contulen 50mg tablets', 'Contulen', 'sertraline'], // BNF 2024
    ['Pyzchiva 45mg/0.5ml inj pre-filled syringes', 'Pyzchiva', 'ustekinumab'], // BNF 2024
    ['Ledraxen 40mg/0.4ml inj pre-filled syringes', 'Ledraxen', 'enoxaparin'], // BNF 2024
    ['Jayempi 10mg/ml oral suspension', 'Jayempi', 'azathioprine'], // BNF 2024
    // "Xifaxan" (550mg) starts "Xifaxanta" (200mg), a brand, not a generic cut short.
    ['Xifaxan 550mg tablets', 'Xifaxan', 'rifaximin'], // BNF 2024
    // GP system (N02AA01): liposomal morphine.
    ['Depodur 10mg/1ml suspension for injection vials (Flynn Pharma Ltd)', 'Depodur', 'morphine'],
  ])('%s is flagged', (text, name, rule) => {
    expect(exact(text)).toEqual([{ name, rules: [rule] }]);
  });
});

describe('old pharmacy and cough products from CPRD terms, by their substances (family 2)', () => {
  it.each([
    ['Parahypon Tablet (Wellcome Consumer)', 'Parahypon', 'codeine'], // CPRD: codeine/caffeine/paracetamol
    ['Pardale 400mg+9mg+10mg Tablet (Martindale Pharmaceuticals Ltd)', 'Pardale', 'codeine'], // CPRD
    ['Calpol extra Tablet (Warner Lambert UK Ltd)', 'Calpol extra', 'codeine'], // CPRD
    ['Terpoin Oral solution (Hough Hoseason & Co Ltd)', 'Terpoin', 'codeine'], // CPRD: cough linctus
    ['Methodex 1mg/ml Mixture (Link Pharmaceuticals Ltd)', 'Methodex', 'methadone'], // CPRD
    ['Fortagesic Tablet (Sanofi-Synthelabo Ltd)', 'Fortagesic', 'pentazocine'], // CPRD
  ])('%s is flagged', (text, name, rule) => {
    expect(exact(text)).toEqual([{ name, rules: [rule] }]);
  });

  it('Calpol Infant suspension is not flagged (paracetamol: only "Calpol extra" held codeine)', () => {
    expect(exact('Calpol Infant suspension')).toEqual([]);
  });

  // Names later reused for products without an opioid (Solpadeine Headache, Feminax Express and
  // Ultra, Phensedyl Dry and Plus) are family names: never certain, a possible match that says
  // the family's products differ (name-policy.json `possible`).
  it.each([
    ['Solpadeine Tablet (GlaxoSmithKline Consumer Healthcare)', 'Solpadeine'], // CPRD
    ['Solpadeine Capsule (GlaxoSmithKline Consumer Healthcare)', 'Solpadeine'], // CPRD
    ['Feminax tablets (Bayer Plc)', 'Feminax'], // CPRD: codeine/caffeine/hyoscine/paracetamol
    ['Generic Feminax tablets', 'Feminax'], // GP system: N02BE71
    ['Phensedyl Oral solution (Rhone-Poulenc Rorer Ltd)', 'Phensedyl'], // CPRD
  ])('%s is a possible codeine match as a family name, never certain', (text, name) => {
    expect(exact(text)).toEqual([]);
    expect(
      matchText(compiled, text).map((m) => ({
        name: text.slice(m.start, m.end),
        rules: [...m.ruleIds],
        family: m.family === true,
      })),
    ).toEqual([{ name, rules: ['codeine'], family: true }]);
  });

  it.each([
    'Solpadeine Headache tablets (GlaxoSmithKline Consumer Healthcare)', // CPRD: no opioid
    'Feminax Express 342mg tablets (Bayer Plc)', // dm+d: ibuprofen lysine
    'Feminax Ultra_Tab G/R 250mg', // BNF: naproxen
  ])('%s, the family product without an opioid, is no match at all', (text) => {
    expect(matchText(compiled, text)).toEqual([]);
  });
});

describe('other names of a medicine, read only in its own forms', () => {
  it.each([
    ['Cannabis_Oromucosal P/Spy 5.5ml Vl (51D)', 'Cannabis', 'nabiximols'], // BNF 1002020Y0
    ['Dronabinol/Cannabidiol_Spy2.7/2.5mg(90D)', 'Dronabinol', 'nabiximols'], // BNF 1002020Y0
    // Sativex's UK leaflet: "Oromucosal Spray (delta-9-tetrahydrocannabinol and cannabidiol)"
    [
      'Delta-9-tetrahydrocannabinol 27mg/ml / Cannabidiol 25mg/ml oromucosal spray',
      'Delta-9-tetrahydrocannabinol',
      'nabiximols',
    ],
    ['Tri-iodothyronine_Inj 20mcg Amp', 'Tri-iodothyronine', 'liothyronine'], // BNF 0602010M0
    ['Triiodothyronine_Pdrs 5mcg', 'Triiodothyronine', 'liothyronine'], // BNF 0602010M0
  ])('%s is flagged', (text, name, rule) => {
    expect(exact(text)).toEqual([{ name, rules: [rule] }]);
  });

  it.each([
    'Dronabinol 2.5mg capsules', // a US medicine (Marinol): dronabinol alone is not nabiximols
    'History of cannabis use, stopped 2019',
    'Cannabis oil bought online',
    'Free triiodothyronine 4.5 pmol/L', // the thyroid-function test
    'TFTs: free triiodothyronine normal, continue levothyroxine tablets',
  ])('%s is not flagged', (text) => {
    expect(matchText(compiled, text)).toEqual([]);
  });

  // CPRD's product dictionary files it under codeine, pseudoephedrine and brompheniramine;
  // Robitussin Nighttime sold abroad is dextromethorphan, so the name is only ever possible.
  it('Robitussin night-time is a possible codeine match as a family name, never certain', () => {
    const text = 'Robitussin night-time Oral solution (Wyeth Consumer Healthcare)'; // CPRD
    expect(exact(text)).toEqual([]);
    expect(
      matchText(compiled, text).map((m) => ({ rules: [...m.ruleIds], family: m.family === true })),
    ).toEqual([{ rules: ['codeine'], family: true }]);
    expect(matchText(compiled, 'Robitussin Chesty Cough 100mg/5ml oral solution')).toEqual([]);
  });
});
