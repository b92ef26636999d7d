/**
 * The ICB list is data a practice profile and every directory area rest on (#19, OA-15): 42
 * boards, their ODS codes, and the sub-ICB locations ("places") of the boards that have several.
 */
import { describe, expect, test } from 'vitest';
import { ICB_IDS, ICB_NAMES, ICB_ODS_CODES, ICB_PLACES, PLACE_CODES, placesOf } from './icbs';

describe('the 42 integrated care boards', () => {
  test('42 boards, each with a unique name and a three-character ODS code beginning Q', () => {
    expect(ICB_IDS).toHaveLength(42);
    expect(new Set(Object.values(ICB_NAMES)).size).toBe(42);
    const codes = ICB_IDS.map((id) => ICB_ODS_CODES[id]);
    expect(new Set(codes).size).toBe(42);
    for (const code of codes) expect(code).toMatch(/^Q[A-Z0-9]{2}$/);
  });

  test.each([
    ['cheshire-merseyside', 'NHS Cheshire and Merseyside ICB', 'QYG'],
    ['cornwall-isles-of-scilly', 'NHS Cornwall and the Isles of Scilly ICB', 'QT6'],
    ['north-central-london', 'NHS North Central London ICB', 'QMJ'],
    ['west-yorkshire', 'NHS West Yorkshire ICB', 'QWO'],
  ] as const)('%s is %s (%s)', (id, name, code) => {
    expect(ICB_NAMES[id]).toBe(name);
    expect(ICB_ODS_CODES[id]).toBe(code);
  });
});

describe('places (sub-ICB locations)', () => {
  test('106 sub-ICB locations in all, with unique codes', () => {
    const single = ICB_IDS.filter((id) => placesOf(id).length === 0).length;
    // Boards with one sub-ICB location list none: there is nothing to choose.
    expect(PLACE_CODES.length + single).toBe(106);
    expect(new Set(PLACE_CODES).size).toBe(PLACE_CODES.length);
  });

  test('each place is named after its board and ends with its own code', () => {
    for (const [id, places] of Object.entries(ICB_PLACES)) {
      expect(places?.length, id).toBeGreaterThan(1);
      for (const p of places ?? []) {
        expect(p.name).toBe(`${ICB_NAMES[id as keyof typeof ICB_NAMES]} - ${p.code}`);
      }
    }
  });

  test('a board with several places lists them; one with a single place offers no choice', () => {
    expect(placesOf('cheshire-merseyside').map((p) => p.code)).toEqual([
      '01F',
      '01J',
      '01T',
      '01V',
      '01X',
      '02E',
      '12F',
      '27D',
      '99A',
    ]);
    expect(placesOf('devon')).toEqual([]);
    expect(placesOf(null)).toEqual([]);
  });
});
