import { describe, expect, test } from 'vitest';
import { formatDate, formatDateTime, formatDay } from './dates';

describe('formatDate', () => {
  test.each([
    ['2018', '2018'],
    ['2023-03', 'March 2023'],
    ['2019-09-10', '10 September 2019'],
    ['2027-05-01', '1 May 2027'],
    ['2026-11-24T10:05:00.000Z', '24 November 2026'],
    ['2026-13-01', '2026-13-01'],
    ['next week', 'next week'],
    ['2026-11-24x', '2026-11-24x'],
  ])('%s → %s', (value, expected) => {
    expect(formatDate(value)).toBe(expected);
  });
});

test('formatDateTime adds the stored time', () => {
  expect(formatDateTime('2026-11-24T10:05:00.000Z')).toBe('24 November 2026 at 10:05');
  expect(formatDateTime('2026-11-24')).toBe('24 November 2026');
});

test('formatDay writes the local calendar day', () => {
  expect(formatDay(new Date(2026, 10, 24, 23, 59))).toBe('24 November 2026');
});
