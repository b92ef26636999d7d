import { describe, expect, test } from 'vitest';
import {
  frameIdOfSummaryKey,
  isKeyOfTab,
  isPaintBlockedKeyOf,
  paintBlockedKey,
  summaryKey,
  tabDismissedKey,
} from './storage-keys';

describe('summary keys', () => {
  test.each([
    ['summary-12-0', 12, 0],
    ['summary-12-345', 12, 345],
    ['summary-13-0', 12, null],
    ['summary-12-x', 12, null],
    ['dismissedRules', 12, null],
    ['summary-1-0', 12, null],
    ['summary-12-', 12, null],
  ])('%s for tab %d → frame %s', (key, tabId, expected) => {
    expect(frameIdOfSummaryKey(key, tabId)).toBe(expected);
  });

  test('a built key reads back as its frame', () => {
    expect(frameIdOfSummaryKey(summaryKey(4, 9), 4)).toBe(9);
  });
});

describe('blocked-frame keys', () => {
  test('each cause has its own key, read back by cause or by any cause', () => {
    const removed = paintBlockedKey(4, 2, 'marks-removed');
    const failed = paintBlockedKey(4, 2, 'scan-failed');
    expect(removed).not.toBe(failed);
    expect(isPaintBlockedKeyOf(removed, 4, 'marks-removed')).toBe(true);
    expect(isPaintBlockedKeyOf(removed, 4, 'scan-failed')).toBe(false);
    expect(isPaintBlockedKeyOf(failed, 4)).toBe(true);
    expect(isPaintBlockedKeyOf(failed, 40)).toBe(false);
  });

  test("a tab's keys are told apart from another tab's", () => {
    expect(isKeyOfTab(summaryKey(4, 0), 4)).toBe(true);
    expect(isKeyOfTab(paintBlockedKey(4, 1, 'scan-failed'), 4)).toBe(true);
    expect(isKeyOfTab(summaryKey(41, 0), 4)).toBe(false);
    expect(isKeyOfTab('dismissedRules', 4)).toBe(false);
  });
});

test('a tab’s hidden choices outlive its navigations: not one of the keys a new page clears', () => {
  expect(tabDismissedKey(7)).toBe('tab-dismissed-7');
  expect(isKeyOfTab(tabDismissedKey(7), 7)).toBe(false);
});
