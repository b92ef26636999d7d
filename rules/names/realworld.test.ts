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
  'otc-combination': [
    0.9857,
    'one held-back string of 70 is still missed (69 of 70, not inspected). The tuning part has no miss left: own brands named only by ordinary phrases ("Boots_Dental Pain Relief Tab") are read with their supplier (import-bnf-brands.ts)',
  ],
};

/** Held-back floors per source below the targets (recall 99%, false flags 0.5%), with reasons. */
const SOURCE_FLOORS: Readonly<
  Record<string, { recall?: number; falseFlags?: number; reason: string }>
> = {};

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
