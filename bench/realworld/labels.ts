/**
 * How bench/realworld/extract.ts reads a source's own label as a dm+d ingredient (issue 21).
 * A BNF chemical substance whose name a rule lists ("Methylphenidate Hydrochloride") needs no
 * entry. Entries are for names that differ (combinations, BNF abbreviations, a use in brackets),
 * for substances that must not flag although their names look close, and for mixed groups that
 * hold opioid and non-opioid products under one code, which are left out ('skip') because the
 * source does not say which product contains what.
 *
 * Values: dm+d VTM names joined by ';', '-' for an ordinary medicine no rule covers, or 'skip'.
 */
export const BNF_LABELS: Readonly<Record<string, string>> = {
  // Products filed under one substance that contain another (BNF product or presentation codes;
  // the longest matching code wins).
  '1001010J0AAAR': 'Codeine', // Codafen Continus (ibuprofen/codeine), filed under ibuprofen
  '1001010J0AAAW': 'Codeine', // Ibuprofen/Codeine Phos
  '1001010J0AAAY': 'Codeine', // Ibuprofen/Codeine Phos 200mg/12.8mg
  '1001010J0B4AK': 'Codeine', // Nurofen Plus
  '1001010J0B8': 'Codeine', // Codafen Continus
  '1001010J0BMAE': 'Codeine', // Cuprofen Plus
  '1001010J0CFAD': 'Codeine', // Boots Ibuprofen/Codeine
  '1001010J0DGAA': 'Codeine', // Solpadeine Migraine Ibuprofen/Codeine
  '0407020P0': 'Morphine;Papaveretum', // Morphine Hydrochloride, which files Omnopon (papaveretum)
  // Rules named by their brands, not by the VTM: the label names the rule's brand.
  '0402020AA': 'Risperdal Consta', // Risperidone long-acting injection
  '0408010AMBC': 'Epidyolex', // Cannabidiol (Epidyolex): the rule is named by the brand
  '0402020AD': 'Abilify Maintena', // Aripiprazole long-acting injection
  '0402010AE': '-', // Paliperidone oral: the rule is the long-acting injection (name-policy formBound)
  '0407020B0': 'Buprenorphine;Temgesic', // Buprenorphine as an analgesic (Temgesic, Butrans)
  '0606020Z0': 'Denosumab;Xgeva', // Denosumab (Prolia; Xgeva is the oncology rule)
  '1501043F0': 'Fentanyl', // Fentanyl Citrate (anaesthesia)
  // Combinations and opioid mixtures named by the BNF, not by their ingredient.
  '0104020D0': 'Codeine', // Codeine Phosphate Compound Mixtures (Kaodene, Diarrest)
  '0104020N0': 'Morphine', // Opium & Morphine (kaolin and morphine, Collis Browne's, Opazimes)
  '0309020AC': 'Codeine', // Guaiacol & Codeine
  '0407010A0': 'Papaveretum', // Aspirin & Papaveretum
  '0407010F0': 'Codeine', // Co-Codamol (Codeine Phos/Paracetamol)
  '0407010M0': 'Codeine', // Co-Codaprin (Codeine Phos/Aspirin)
  '0407010N0': 'Dihydrocodeine', // Co-Dydramol (Dihydrocodeine/Paracet)
  '0407010Q0': 'Dextropropoxyphene', // Co-Proxamol (Dextroprop HCl/Paracet)
  '0407010V0': 'Codeine', // Paracetamol & Codeine Phosphate
  '040702010': 'Morphine', // Morphine Anhydrous
  '040702020': 'Morphine', // Morphine Tartrate & Cyclizine Tartrate (Cyclimorph)
  '0407020AF': 'Oxycodone', // Oxycodone HCl/Naloxone HCl
  '0407020AH': 'Tapentadol', // "Tapentadol phosphate (old)" (2024 release): the name carries a status
  '0407020H0': 'Dipipanone', // Dipipanone Hydrochloride (Diconal)
  '0407020K0': 'Diamorphine', // Diamorphine Hydrochloride (Systemic)
  '0407020L0': 'Meptazinol',
  '0407020T0': 'Pentazocine',
  '0407020U0': 'Pentazocine',
  '0407020W0': 'Morphine', // Morphine (Opium Tincture)
  '0407030AD': 'Gabapentin', // Gabapentin (Neuropathic Pain)
  '0401010D0': 'Clomethiazole', // Clomethiazole Edisilate
  '0401010L0': 'Flurazepam',
  '0403010E0': 'Amitriptyline', // Amitriptyline Embonate
  '0405020U0': 'Naltrexone;Bupropion', // Naltrexone/Bupropion
  '0410020B0BK': '-', // Nicobrevin: menthyl valerate and quinine, filed among nicotine preparations
  '0405020U0BB': '-', // Mysimba: a weight-loss product; name-policy.json denies the name on purpose
  '0409010AC': 'Apomorphine',
  '0410020D0': 'Nicotine', // Nicotine Bitartrate
  '0410030B0': 'Buprenorphine', // Buprenorph HCl/Naloxone HCl
  '0604020P0': 'Testosterone', // Testosterone Propionate
  '0604020U0': 'Testosterone', // Testosterone Esters (Sustanon)
  '0607020P0': 'Nafarelin',
  '0802010N0': 'Mycophenolate', // Mycophenolic Sod (Myfortic)
  '0802040AK': 'Dimethyl fumarate',
  '0105030B0': 'Ustekinumab', // Ustekinumab (Crohn's)
  '1305030D0': 'Ustekinumab', // Ustekinumab (Psoriasis): injections in a skin chapter
  '1002020Y0': 'Nabiximols', // Dronabinol/Cannabidiol (Sativex)
  '1502010Z0': 'Fentanyl', // Bupivacaine Hydrochloride & Fentanyl Citrate
  // Look close to a flagged medicine, must not flag.
  '0104010H0': '-', // Kaolin Light: no morphine
  '0205051L0': '-', // Lisinopril ("Li" is lithium's abbreviation)
  '0404000T0': 'Dexmethylphenidate', // Dexmethylphenidate Hydrochloride (Focalin): its own rule
  '040201060': '-', // Olanzapine (oral): only the embonate depot has a rule
  '0402010J0': '-', // Haloperidol (oral and short-acting): only the decanoate has a rule
  '040201010': '-', // Zuclopenthixol Acetate (Acuphase): only the decanoate has a rule
  '0402010T0': '-', // Zuclopenthixol Hydrochloride (oral)
  '0402010H0': '-', // Flupentixol Hydrochloride (oral)
  '0403040F0': '-', // Flupentixol Hydrochloride (Fluanxol)
  '0402010I0': '-', // Fluphenazine Hydrochloride (oral)
  '0309020AB': '-', // Diphenhydramine HCl/Pholcodine
  '0208020X0': '-', // Dabigatran Etexilate
  '0208010AB': '-', // Fondaparinux Sodium
  // Mixed groups: some products contain an opioid, the source does not say which.
  '0407010W0': 'skip', // Aspirin Combined Preparations
  '0407010X0': 'skip', // Paracetamol Combined Preparations
  '030902000': 'skip', // Other Expectorant & Demulcent Cough Preps
  '0407020AE': 'skip', // Diamorphine Hydrochloride (Top): a gel, neither systemic nor a listed local form
};

/** Code lists without BNF codes: every row is the list's subject. */
export const LIST_LABELS: Readonly<Record<string, string>> = {
  'opensafely-warfarin.csv': 'Warfarin',
  'opensafely-direct-acting-oral-anticoagulants-doac.csv': '-',
  'opensafely-asthma-inhaler-steroid-medication.csv': '-',
  'opensafely-asthma-inhaler-salbutamol-medication.csv': '-',
};

/**
 * BNF sections of ordinary medicines sampled as negatives: ulcer healing, diuretics,
 * beta-blockers, antihypertensives, nitrates and calcium-channel blockers, lipid regulators,
 * bronchodilators, inhaled corticosteroids, antihistamines, antibacterials, oral antidiabetics,
 * NSAIDs, and every chapter 4 (CNS) substance no rule covers, where look-alike names gather.
 */
export const NEGATIVE_SECTIONS: readonly string[] = [
  '0103',
  '0202',
  '0204',
  '0205',
  '0206',
  '0212',
  '0301',
  '0302',
  '0304',
  '0501',
  '060102',
  '100101',
  '04',
];

/** The legacy and hospital opioids (category `legacy-opioid`). */
export const LEGACY_OPIOIDS: ReadonlySet<string> = new Set([
  '0407010Q0', // co-proxamol
  '0407020E0', // dextropropoxyphene
  '0407020D0', // dextromoramide (a rule covers it since session 9)
  '0407010A0', // aspirin & papaveretum
  '0407020AB', // papaveretum
  '1501043A0', // alfentanil
  '0407020H0', // dipipanone
]);

/** Opioid combination and pharmacy products (category `otc-combination`). */
export const COMBINATIONS: ReadonlySet<string> = new Set([
  '0104020D0',
  '0104020N0',
  '0309020AC',
  '0407010F0',
  '0407010M0',
  '0407010N0',
  '0407010V0',
]);

/**
 * The label of a BNF presentation (or product) code: the longest `BNF_LABELS` code that starts
 * it, else its chemical substance's own name when a rule lists that name, else '-'.
 */
export function labelOfCode(
  code: string,
  chemicalName: (chem: string) => string,
  covered: (label: string) => boolean,
): string {
  for (let n = code.length; n >= 9; n--) {
    const override = BNF_LABELS[code.slice(0, n)];
    if (override !== undefined) return override;
  }
  const name = chemicalName(code.slice(0, 9));
  return covered(name) ? name : '-';
}

/**
 * WHO ATC codes of the aim-rsf drug lists (CPRD/IMRD/CEGEDIM product terms carry an ATC code, not
 * a BNF code) read as dm+d ingredients, with the category each gives. Codes not listed (empty,
 * "N02A", other classes the lists hold by mistake) are left out.
 */
export const ATC_LABELS: Readonly<Record<string, { label: string; combination?: true }>> = {
  N02AA01: { label: 'Morphine' },
  N02AA05: { label: 'Oxycodone' },
  N02AA08: { label: 'Dihydrocodeine' },
  N02AA10: { label: 'Papaveretum' },
  N02AA51: { label: 'Morphine' }, // morphine, combinations (Cyclimorph)
  N02AA55: { label: 'Oxycodone' }, // oxycodone and naloxone
  N02AA59: { label: 'Codeine', combination: true }, // codeine, combinations excl. psycholeptics
  N02AB03: { label: 'Fentanyl' },
  N02AD01: { label: 'Pentazocine' },
  N02AE01: { label: 'Buprenorphine;Temgesic' }, // as an analgesic: the rule named by Temgesic
  N02AX02: { label: 'Tramadol' },
  N02AX05: { label: 'Meptazinol' },
  N02AX06: { label: 'Tapentadol' },
  N02AJ01: { label: 'Dihydrocodeine', combination: true }, // and paracetamol
  N02AJ06: { label: 'Codeine', combination: true }, // and paracetamol
  N02AJ07: { label: 'Codeine', combination: true }, // and acetylsalicylic acid
  N02AJ08: { label: 'Codeine', combination: true }, // and ibuprofen
  N02AJ09: { label: 'Codeine', combination: true }, // and other non-opioid analgesics
  N02AJ13: { label: 'Tramadol' }, // and paracetamol
  R05DA04: { label: 'Codeine' }, // codeine as a cough suppressant (also plain codeine tablets)
  N07BC01: { label: 'Buprenorphine' },
  N07BC02: { label: 'Methadone' },
  N07BC06: { label: 'Diamorphine' },
  N07BC51: { label: 'Buprenorphine' }, // and naloxone
  N01AH01: { label: 'Fentanyl' },
  N01AH02: { label: 'Alfentanil' },
  N01AH06: { label: 'Remifentanil' },
  A07DA52: { label: 'Morphine', combination: true }, // kaolin and morphine
  A07DA02: { label: 'Morphine', combination: true }, // opium (antipropulsive)
  N05BA01: { label: 'Diazepam' },
  N05BA02: { label: 'Chlordiazepoxide' },
  N05BA04: { label: 'Oxazepam' },
  N05BA06: { label: 'Lorazepam' },
  N05BA09: { label: 'Clobazam' },
  N05BA12: { label: 'Alprazolam' },
  N03AE01: { label: 'Clonazepam' },
  N05CD01: { label: 'Flurazepam' },
  N05CD02: { label: 'Nitrazepam' },
  N05CD06: { label: 'Lormetazepam' },
  N05CD07: { label: 'Temazepam' },
  N05CD08: { label: 'Midazolam' },
  N05CD11: { label: 'Loprazolam' },
};

/**
 * Codes that name only the non-opioid part of a product in a weak-opioid list (paracetamol or
 * ibuprofen "combinations", as Migraleve, Solpadeine Plus and Nurofen Plus are coded). The list's
 * subject supplies the opioid: codeine or dihydrocodeine (tramadol's combination has its own code).
 */
export const WEAK_OPIOID_PARTNER_CODES: ReadonlySet<string> = new Set([
  'N02BE51',
  'N02BE71',
  'M01AE51',
]);

/**
 * Products an aim-rsf list files under an opioid code but which hold none: the source is wrong
 * here, so the product is an ordinary medicine ('-'). Matched on the start of the term.
 */
export const ATC_PRODUCT_OVERRIDES: readonly (readonly [RegExp, string])[] = [
  // Solpadeine Headache is paracetamol and caffeine (the codeine products are Solpadeine Plus and Max).
  [/^solpadeine headache\b/i, '-'],
];

/** ATC codes of the legacy and hospital opioids (category `legacy-opioid`). */
export const LEGACY_ATC: ReadonlySet<string> = new Set(['N02AA10', 'N01AH02']);

/** The legacy and hospital opioids, by substance name (CPRD product lists). */
export const LEGACY_SUBSTANCES =
  /^(dextropropoxyphene|dextromoramide|papaveretum|alfentanil|dipipanone)$/i;

/**
 * The covered dm+d ingredients a CPRD product's substances name: for each substance ("Codeine
 * phosphate", "Fentanyl citrate") the shortest covered name its words start with, so every rule
 * for the ingredient counts, as the BNF's chemical substance labels it. Buprenorphine in the BNF's
 * analgesic paragraph (`bnfcode` 0407…) is also the analgesic rule's, named by Temgesic, as for
 * BNF code 0407020B0.
 */
export function substanceLabels(
  substances: readonly string[],
  bnfCode: string,
  covered: (name: string) => boolean,
): string[] {
  const labels = new Set<string>();
  for (const substance of substances) {
    const words = substance.split(/\s+/);
    for (let n = 1; n <= words.length; n++) {
      const name = words.slice(0, n).join(' ');
      if (covered(name)) {
        labels.add(name.charAt(0).toUpperCase() + name.slice(1).toLowerCase());
        break;
      }
    }
  }
  if (labels.has('Buprenorphine') && bnfCode.startsWith('0407')) labels.add('Temgesic');
  return [...labels].sort();
}
