/**
 * The 42 integrated care boards' ids and their sub-ICB location codes, without their names: what
 * the settings and rule-pack schemas check a practice profile or directory entry against. The names
 * (icbs.ts, with the sources) are for the options page, popup and background; pages get a board's
 * name from the bundled data (rules/bundled/page.ts) so the content script does not carry the
 * tables (tests/content-bundle.test.ts). icbs.test.ts checks that both files list the same boards
 * and places.
 */

/** Our own stable slugs, one per board (icbs.ts names them). */
export const ICB_IDS = [
  'bath-north-east-somerset-swindon-wiltshire',
  'bedfordshire-luton-milton-keynes',
  'birmingham-solihull',
  'black-country',
  'bristol-north-somerset-south-gloucestershire',
  'buckinghamshire-oxfordshire-berkshire-west',
  'cambridgeshire-peterborough',
  'cheshire-merseyside',
  'cornwall-isles-of-scilly',
  'coventry-warwickshire',
  'derby-derbyshire',
  'devon',
  'dorset',
  'frimley',
  'gloucestershire',
  'greater-manchester',
  'hampshire-isle-of-wight',
  'herefordshire-worcestershire',
  'hertfordshire-west-essex',
  'humber-north-yorkshire',
  'kent-medway',
  'lancashire-south-cumbria',
  'leicester-leicestershire-rutland',
  'lincolnshire',
  'mid-south-essex',
  'norfolk-waveney',
  'north-central-london',
  'north-east-north-cumbria',
  'north-east-london',
  'north-west-london',
  'northamptonshire',
  'nottingham-nottinghamshire',
  'shropshire-telford-wrekin',
  'somerset',
  'south-east-london',
  'south-west-london',
  'south-yorkshire',
  'staffordshire-stoke-on-trent',
  'suffolk-north-east-essex',
  'surrey-heartlands',
  'sussex',
  'west-yorkshire',
] as const;

export type IcbId = (typeof ICB_IDS)[number];

/**
 * Sub-ICB location codes for the boards with more than one, in code order (a board with one has
 * no choice to make). Sources and caveats: icbs.ts.
 */
export const ICB_PLACE_CODES: Readonly<Partial<Record<IcbId, readonly string[]>>> = {
  'buckinghamshire-oxfordshire-berkshire-west': ['10Q', '14Y', '15A'],
  'cheshire-merseyside': ['01F', '01J', '01T', '01V', '01X', '02E', '12F', '27D', '99A'],
  'greater-manchester': ['00T', '00V', '00Y', '01D', '01G', '01W', '01Y', '02A', '02H', '14L'],
  'hampshire-isle-of-wight': ['10R', 'D9Y0V'],
  'hertfordshire-west-essex': ['06K', '06N', '07H'],
  'humber-north-yorkshire': ['02Y', '03F', '03H', '03K', '03Q', '42D'],
  'lancashire-south-cumbria': ['00Q', '00R', '00X', '01A', '01E', '01K', '02G', '02M'],
  'leicester-leicestershire-rutland': ['03W', '04C', '04V'],
  'mid-south-essex': ['06Q', '07G', '99E', '99F', '99G'],
  'north-east-north-cumbria': ['00L', '00N', '00P', '01H', '13T', '16C', '84H', '99C'],
  'nottingham-nottinghamshire': ['02Q', '52R'],
  'south-yorkshire': ['02P', '02X', '03L', '03N'],
  'staffordshire-stoke-on-trent': ['04Y', '05D', '05G', '05Q', '05V', '05W'],
  'suffolk-north-east-essex': ['06L', '06T', '07K'],
  sussex: ['09D', '70F', '97R'],
  'west-yorkshire': ['02T', '03R', '15F', '36J', 'X2C4Y'],
};

/** The place codes of a board; empty where the board has one sub-ICB location. */
export function placeCodesOf(icb: IcbId | null): readonly string[] {
  return icb === null ? [] : (ICB_PLACE_CODES[icb] ?? []);
}

/** Every place code of every board (for policy, settings and pack validation). */
export const PLACE_CODES: readonly string[] = Object.values(ICB_PLACE_CODES).flatMap(
  (codes) => codes ?? [],
);
