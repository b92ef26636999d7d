import { describe, expect, test } from 'vitest';
import { cardFromRule } from './card';
import { visibleText } from './visible-text';
import corePack from '../packs/core.json';
import { mergePacks } from '../loader/merge';
import { validatePack } from '../loader/validate';

const bundled = validatePack(corePack);
if (!bundled.ok) throw new Error('core pack invalid');
const effective = mergePacks([{ layer: 'bundled', pack: bundled.value }]);

describe('page text quoted back (issue #16)', () => {
  test('drops bidi controls, zero-width and soft hyphens', () => {
    expect(visibleText('Zim\u202eenavo\u202c\u200b\u00adx')).toBe('Zimenavox');
    expect(visibleText('Zopi\u2066clone\u2069\u200d')).toBe('Zopiclone');
  });

  test("the popover card's matched text carries no bidi control", () => {
    const resolved = [...effective.rules.values()][0];
    if (!resolved) throw new Error('fixture');
    const card = cardFromRule(
      resolved,
      { matchedText: 'Zim\u202eenavoZ\u202c', kind: 'exact', isPast: false },
      '2026-12-07',
    );
    expect(card?.matchedText).toBe('ZimenavoZ');
  });
});
