import { afterEach, describe, expect, test } from 'vitest';
import { markTiming, measureTiming } from './timing';

afterEach(() => performance.clearMarks());

describe('timing marks the page can read (issue #16)', () => {
  test('a store build leaves nothing on the shared performance timeline', () => {
    markTiming('plens:start', false);
    measureTiming('plens:first-annotation', 'plens:start', false);
    expect(performance.getEntries().filter((e) => e.name.startsWith('plens:'))).toEqual([]);
  });

  test('a test build marks start-up for the benchmarks', () => {
    markTiming('plens:start', true);
    expect(performance.getEntriesByName('plens:start')).toHaveLength(1);
  });
});
