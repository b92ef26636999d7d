import { describe, expect, test } from 'vitest';
import corePack from '@/rules/packs/core.json';
import { mergePacks } from '@/rules/loader/merge';
import { validatePack } from '@/rules/loader/validate';
import { createRulesView, editDistance, matchTier, normalizeQuery } from './rules-view';

const bundled = validatePack(corePack);
if (!bundled.ok) throw new Error('core pack invalid');
const effective = mergePacks([{ layer: 'bundled', pack: bundled.value }]);
const view = createRulesView(effective, { now: new Date(2026, 10, 24) });
const first = (q: string) => view.search(q)[0]?.drug ?? null;

describe('look-up over the national pack', () => {
  test.each([
    ['zopiclon', 'Zopiclone', 'Zopiclone'],
    ['Zimovane', 'Zopiclone', 'Zimovane'],
    ['zimovan', 'Zopiclone', 'Zimovane'],
    ['ZOPICLONE', 'Zopiclone', 'Zopiclone'],
    ['zop', 'Zopiclone', 'Zopiclone'],
    ['zopcl', 'Zopiclone', 'Zopiclone'],
    ['Zopiclone 7.5mg tablets', 'Zopiclone', 'Zopiclone'],
    ['pregablin', 'Pregabalin', 'Pregabalin'],
    ['Lyrica', 'Pregabalin', 'Lyrica'],
    ['metotrexate', 'Methotrexate', 'Methotrexate'],
    ['méthotrexate', 'Methotrexate', 'Methotrexate'],
    ['co-codamol', 'Codeine', 'co-codamol'],
    ['co codamol', 'Codeine', 'co-codamol'],
  ])('"%s" finds %s (as "%s")', (query, drug, matchedName) => {
    const [hit] = view.search(query);
    expect(hit?.drug).toBe(drug);
    expect(hit?.matchedName).toBe(matchedName);
  });

  test.each(['amlodipine', 'ibuprofen', 'omeprazole', 'aspirin', 'metformin', 'xyz', 'z', ''])(
    'an unflagged medicine or nonsense ("%s") finds nothing rather than a look-alike',
    (query) => {
      expect(view.search(query)).toEqual([]);
    },
  );

  test('one hit per rule, at most six, best first', () => {
    const hits = view.search('di');
    expect(hits.length).toBeLessThanOrEqual(6);
    expect(new Set(hits.map((h) => h.ruleId)).size).toBe(hits.length);
    expect(first('diazepam')).toBe('Diazepam');
  });

  test('the card is the popover’s, under the drug’s own name', () => {
    const card = view.cardFor('zopiclone');
    expect(card).toMatchObject({
      ruleId: 'zopiclone',
      drug: 'Zopiclone',
      matchedText: 'Zopiclone',
      kind: 'exact',
      isPast: false,
      categories: ['dependence-forming'],
      pack: { layer: 'bundled', name: bundled.value.name },
    });
    expect(card?.position).toBe(
      effective.rules.get('zopiclone')?.categoryText['dependence-forming']?.position,
    );
    expect(view.cardFor('no-such-rule')).toBeNull();
  });

  test('letters are filled for the rule and dated today', () => {
    const [note] = view.lettersFor('zopiclone');
    expect(note?.title).toBe('Note for the patient about withdrawal support');
    expect(note?.text).toContain('Written 24 November 2026 by your GP practice.');
    expect(view.lettersFor('no-such-rule')).toEqual([]);
  });

  test('without the brand index, only the packs’ own names are searched', () => {
    const packOnly = createRulesView(effective, { productNames: null });
    expect(packOnly.search('Zimovane')[0]?.drug).toBe('Zopiclone'); // listed by the pack itself
  });
});

describe('matching helpers', () => {
  test.each([
    ['Zopiclone 7.5mg tablets', 'zopiclone'],
    ['  Co-Codamol  30/500 ', 'co codamol'],
    ['Méthotrexate', 'methotrexate'],
  ])('normalizeQuery(%s) → %s', (text, expected) => {
    expect(normalizeQuery(text)).toBe(expected);
  });

  test.each([
    ['zopiclon', 'zopiclone', 1],
    ['sertarline', 'sertraline', 1],
    ['pregablin', 'pregabalin', 1],
    ['abc', 'xyz', 3],
  ])('editDistance(%s, %s) = %d', (a, b, d) => {
    expect(editDistance(a, b, 2)).toBe(d);
  });

  test.each([
    ['zopiclone', 'zopiclone', 0],
    ['zop', 'zopiclone', 1],
    ['patch', 'buprenorphine patch', 2],
    ['zopiclon', 'zopiclone', 1],
    ['zopiclne', 'zopiclone', 3],
    ['ibuprofen', 'cuprofen plus', null],
    ['zo', 'salazopyrin', null],
  ])('matchTier(%s, %s) = %s', (query, name, tier) => {
    expect(matchTier(query, name)).toBe(tier);
  });
});
