/**
 * Issue 21, families 1 and 5 against the bundled pack. Truncated strings: the examples of
 * NHSBSA BNF presentation names ("Methylphen HCl_Tab 10mg"); "Dihydrocodeine Tart_Tab 30mg",
 * "Amitriptyline HCl_Tab 50mg", "Ferr Sulf_Tab 200mg", "Bisoprolol Fumar_Tab 10mg" and
 * "Alfuzosin HCl_Tab 10mg M/R" are real BNF names quoted from NHSBSA practice-level prescribing
 * data (OGL-UK-3.0). Local forms: dm+d-style terms of topical products.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../bench/realworld/evaluate';
import { matchText } from './match';

const { compiled } = loadBundledPack();
const read = (text: string) =>
  matchText(compiled, text).map((m) => ({
    name: text.slice(m.start, m.end),
    kind: m.kind,
    rules: [...m.ruleIds],
  }));

describe('NHSBSA truncated generics before a salt abbreviation or `_` (family 1)', () => {
  it.each([
    ['Methylphen HCl_Tab 10mg', 'Methylphen', 'methylphenidate'],
    ['Lisdexamfet Dimesil_Cap 30mg', 'Lisdexamfet', 'lisdexamfetamine'],
    ['Oxycod HCl/Nalox HCl_Tab 10mg/5mg M/R', 'Oxycod', 'oxycodone'],
    ['Dexamfet Sulf_Tab 5mg', 'Dexamfet', 'dexamfetamine'],
    ['Venlafax HCl_Tab 75mg', 'Venlafax', 'venlafaxine'],
  ])('%s is certain', (text, name, rule) => {
    expect(read(text)).toEqual([{ name, kind: 'exact', rules: [rule] }]);
  });

  it('a prefix that starts several flagged generics is only a possible match', () => {
    expect(read('Hydrox Sulf_Tab 200mg')).toEqual([
      { name: 'Hydrox', kind: 'fuzzy', rules: ['hydroxycarbamide', 'hydroxychloroquine'] },
    ]);
  });

  it.each([
    'Ferr Sulf_Tab 200mg',
    'Bisoprolol Fumar_Tab 10mg',
    'Alfuzosin HCl_Tab 10mg M/R',
    'Pot Cit_Mixt',
  ])('%s (no flagged generic) stays unflagged', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('the prefix counts only in the NHSBSA shape, never as an exact name elsewhere', () => {
    expect(read('Methylphen 10mg tablets').filter((m) => m.kind === 'exact')).toEqual([]);
    expect(read('Oxycod HCl tablets').filter((m) => m.kind === 'exact')).toEqual([]);
  });

  it('full generics in the same shape still match as before', () => {
    expect(read('Dihydrocodeine Tart_Tab 30mg')).toEqual([
      { name: 'Dihydrocodeine', kind: 'exact', rules: ['dihydrocodeine'] },
    ]);
    expect(read('Amitriptyline HCl_Tab 50mg')[0]?.rules).toEqual(['amitriptyline']);
  });
});

describe('local forms of systemic drugs get no systemic rule (family 5)', () => {
  it.each([
    'Tacrolimus 0.1% ointment',
    'Tacrolimus_Oint 0.1%',
    'Protopic 0.1% ointment',
    'Ciclosporin 0.1% eye drops',
    'Doxepin 5% cream',
  ])('%s is not flagged, not even as possible', (text) => {
    expect(read(text)).toEqual([]);
  });

  it.each([
    ['Tacrolimus 1mg capsules', 'tacrolimus'],
    ['Tacrolimus 1mg capsules, Protopic ointment', 'tacrolimus'],
    ['Ciclosporin 25mg capsules', 'ciclosporin'],
    ['Testosterone 2% gel', 'testosterone'],
  ])('%s keeps its systemic rule', (text, rule) => {
    expect(read(text)[0]?.rules).toEqual([rule]);
  });
});
