/**
 * The 42 integrated care boards (ICBs) in England, as established on 1 July 2022 by the Health and
 * Care Act 2022. A practice's profile names one, and a directory entry's area is a list of them, so
 * "which local services fit this practice" is a lookup, not a guess. Ids are our own slugs (stable
 * in packs and policy); names are as the boards style themselves. Boards that merge after 2022
 * keep their old ids until a pack schema change says otherwise: check docs/rule-pack.md §9.
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
