/**
 * Guards the real-world evaluation's held-back part (issue 21; bench/realworld/): recall over every
 * positive, false flags per category, and per-category recall floors. The floors are what the
 * held-back part measured when they were set; raise them as families close, never lower them to
 * pass. Runs the same code as `npx tsx bench/realworld/run.ts` and `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  falseFlagRateOf,
  keysOf,
  loadBundledPack,
  loadRealWorld,
  recallOf,
  tally,
} from '../../bench/realworld/evaluate';

const report = evaluate(loadBundledPack(), loadRealWorld());

/**
 * Held-back recall floors per category below the 99%, each with its reason. A category
 * not listed must reach 99%.
 */
const CATEGORY_FLOORS: Readonly<Record<string, readonly [floor: number, reason: string]>> = {
  brand: [
    0.98,
    'brands the index still lacks: names that are dictionary words (Zoloft, Solis), names other products share (Diocalm, Carmil / Carmil XL), depot brands named without their salt (Decazate), and sources that disagree (Paxoran)',
  ],
  'otc-combination': [
    0.97,
    'own-brand co-codamol named by ordinary phrases ("Migraine Relief", "Pain Relief Plus", "Dental Pain Relief") and brands other products share (Diocalm, Carmil) are not indexed',
  ],
};

/** Held-back floors per source below the targets (recall 99%, false flags 0.5%), with reasons. */
const SOURCE_FLOORS: Readonly<
  Record<string, { recall?: number; falseFlags?: number; reason: string }>
> = {
  'nhsbsa-bnf': { recall: 0.985, reason: 'the brand and otc-combination gaps above' },
  'opensafely-opioid-oral': { recall: 0.985, reason: '"Migraine Relief" own-brand co-codamol' },
  'opensafely-antipsychotics': {
    recall: 0.96,
    falseFlags: 0.014,
    reason:
      'dm+d names the flupentixol depot by the bare generic ("Flupentixol 20mg/1ml solution for injection ampoules"), which only a form-bound "flupentixol" could read; and a form-bound name reads any injection as the depot, so the short-acting aripiprazole injection is flagged as the long-acting one (seen in BNF presentations outside the set: "Abilify_Inj 7.5mg/ml 1.3ml Vl")',
  },
};

describe('real-world evaluation, held-back part', () => {
  it('holds over 10,000 labelled strings from at least eight sources', () => {
    expect(report.scored.length).toBeGreaterThan(10_000);
    expect(keysOf(report, 'held', 'source').length).toBeGreaterThanOrEqual(8);
  });

  it('finds at least 99% of the strings that name a flagged medicine', () => {
    expect(recallOf(tally(report, 'held'))).toBeGreaterThanOrEqual(0.99);
  });

  it('falsely flags at most 0.5% of the ordinary medicines', () => {
    expect(falseFlagRateOf(tally(report, 'held'))).toBeLessThanOrEqual(0.005);
  });

  it.each(keysOf(report, 'held', 'category'))(
    'category %s: recall floor, ≤ 0.5%% false flags',
    (c) => {
      const t = tally(report, `held|category|${c}`);
      expect(falseFlagRateOf(t)).toBeLessThanOrEqual(0.005);
      const floor = CATEGORY_FLOORS[c]?.[0] ?? 0.99;
      expect(recallOf(t)).toBeGreaterThanOrEqual(floor);
    },
  );

  it.each(keysOf(report, 'held', 'source'))('source %s: recall and false-flag floors', (s) => {
    const t = tally(report, `held|source|${s}`);
    expect(falseFlagRateOf(t)).toBeLessThanOrEqual(SOURCE_FLOORS[s]?.falseFlags ?? 0.005);
    expect(recallOf(t)).toBeGreaterThanOrEqual(SOURCE_FLOORS[s]?.recall ?? 0.99);
  });
});
