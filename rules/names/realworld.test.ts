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
 * Held-back recall floors per category: what the held-back part measured when the floor was last
 * raised (fifth round, 2026-12-07), with the reason where it is below the 99%. A category
 * not listed must reach 99%.
 */
const CATEGORY_FLOORS: Readonly<Record<string, readonly [floor: number, reason: string]>> = {
  brand: [
    0.9966,
    'reached with the 2024 BNF brands and CPRD terms (1,475 of 1,480 held-back strings)',
  ],
  generic: [
    0.9977,
    'reached (2,240 of 2,245 held-back strings) with nabiximols and tri-iodothyronine read in their own forms',
  ],
  'otc-combination': [
    0.9888,
    '178 of 180 (not inspected). Family names whose products differ ("Solpadeine", "Feminax", "Phensedyl") are now possible matches (name-policy.json `possible`), which took the tuning part from 98.50% to 99.79%; the held-back part did not move, so its two misses are other names. Below the 99% target',
  ],
};

/** Held-back positives per category below which one string would be a whole percent or more. */
const MIN_POSITIVES: Readonly<Record<string, number>> = {
  brand: 1000,
  generic: 1000,
  'otc-combination': 100,
};

/** Held-back floors per source below the targets (recall 99%, false flags 0.5%), with reasons. */
const SOURCE_FLOORS: Readonly<
  Record<string, { recall?: number; falseFlags?: number; reason: string }>
> = {
  'cprd-opioids': {
    recall: 0.98,
    reason:
      '148 of 151 (not inspected): CPRD GOLD terms of withdrawn products; the tuning part reached 99.44% once family names became possible matches (see otc-combination)',
  },
};

describe('real-world evaluation, held-back part', () => {
  it('holds over 19,000 labelled strings from at least twelve sources', () => {
    expect(report.scored.length).toBeGreaterThan(19_000);
    expect(keysOf(report, 'held', 'source').length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.entries(MIN_POSITIVES))(
    'category %s has at least %i held-back positives, so one string is under a percent',
    (c, n) => {
      expect(tally(report, `held|category|${c}`).positives).toBeGreaterThanOrEqual(n);
    },
  );

  it('finds at least 99.6% of the strings that name a flagged medicine', () => {
    expect(recallOf(tally(report, 'held'))).toBeGreaterThanOrEqual(0.996);
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
