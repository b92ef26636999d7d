/**
 * The code-set probe reads terms as the GM SDE files write them (code, tab, term) and sorts each
 * into flagged, possible or unmatched with the bundled pack.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../bench/realworld/evaluate';
import { linesOf, probeTerm, termsOf } from './probe-code-sets';

const { compiled } = loadBundledPack();

describe('probe-code-sets', () => {
  it('reads the term after the code, once per set, spaces folded', () => {
    const files: Record<string, string> = {
      'a.readv2.txt': 'a81..00\tKAODENE suspension\ndj42.00\tCODEINE PHOSPHATE 30mg tablets\n',
      'a.emis.txt': 'ZYSO29673EMIS\tZydol  Soluble tablets  50 mg\n\nx\tKAODENE suspension\n',
    };
    expect(termsOf(Object.keys(files), (f) => files[f] ?? '')).toEqual([
      'KAODENE suspension',
      'CODEINE PHOSPHATE 30mg tablets',
      'Zydol Soluble tablets 50 mg',
    ]);
  });

  it('reads a plain list one name a line, once each', () => {
    expect(
      linesOf('Colomycin Tablet\n\n  Kaolin And  Morphine Mixture\nColomycin Tablet\n'),
    ).toEqual(['Colomycin Tablet', 'Kaolin And Morphine Mixture']);
  });

  it.each([
    ['*PALFIUM 10mg tablets', 'flagged', ['dextromoramide']],
    ['Medazapam', 'possible', ['medazepam']],
    ['Protopic 0.1% ointment (LEO Pharma)', 'unmatched', []],
  ] as const)('%s is %s', (term, outcome, rules) => {
    expect(probeTerm(compiled, 'set', term)).toEqual({ set: 'set', term, outcome, rules });
  });
});
