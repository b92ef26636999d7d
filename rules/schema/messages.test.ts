import { describe, expect, test } from 'vitest';
import {
  isRebuildRulesRequest,
  parseContentRequest,
  parseTabDismissalRequest,
  readSummaryMessage,
  REBUILD_RULES_REQUEST,
} from './messages';

const drug = (names: string[]) => ({
  ruleId: 'zopiclone',
  drug: 'Zopiclone',
  categories: ['dependence-forming'],
  names,
  current: 1,
  past: 0,
  possible: 0,
  dismissed: false,
});

describe('summaries as the background reads them (issue #16)', () => {
  test('a valid summary is accepted', () => {
    const message = {
      type: 'plens:summary',
      summary: { flagged: [drug(['Zimovane'])], alerts: [] },
    };
    expect(readSummaryMessage(message)).toEqual({ kind: 'summary', update: message });
  });

  test('a summary with an over-long name is refused, not ignored', () => {
    const long = `Zim${'\u200b'.repeat(250)}ovane`;
    const message = { type: 'plens:summary', summary: { flagged: [drug([long])], alerts: [] } };
    expect(readSummaryMessage(message)).toEqual({ kind: 'refused' });
  });

  test('other messages are not summaries', () => {
    expect(readSummaryMessage({ type: 'plens:paint-status', isBlocked: true })).toBeNull();
    expect(readSummaryMessage(null)).toBeNull();
    expect(readSummaryMessage('plens:summary')).toBeNull();
  });
});

describe('tab dismissals: only a digest of the patient context ever travels', () => {
  const digest = 'f'.repeat(64);
  test.each([
    [{ type: 'plens:dismiss-salt' }, true],
    [{ type: 'plens:tab-dismissed', context: digest }, true],
    [{ type: 'plens:tab-dismiss', context: digest, ruleIds: ['zopiclone'] }, true],
    // An NHS number or an address is not a digest: refused.
    [{ type: 'plens:tab-dismissed', context: '9990000001' }, false],
    [{ type: 'plens:tab-dismiss', context: 'https://gp.example/record/1', ruleIds: [] }, false],
    [{ type: 'plens:tab-dismiss', context: digest, ruleIds: ['Not An Id'] }, false],
  ])('%j → %s', (message, ok) => {
    expect(parseTabDismissalRequest(message) !== null).toBe(ok);
  });

  test('the step request carries a direction only', () => {
    expect(parseContentRequest({ type: 'plens:step', direction: 'next' })).not.toBeNull();
    expect(parseContentRequest({ type: 'plens:step', direction: 'sideways' })).toBeNull();
  });

  test.each([
    [{ type: 'plens:report' }, { type: 'plens:report' }],
    [{ type: 'plens:get-summary', extra: 'dropped' }, { type: 'plens:get-summary' }],
    [
      Object.assign(Object.create({ type: 'plens:report' }) as object, { x: 1 }),
      { type: 'plens:report' },
    ],
    [['plens:report'], null],
    ['plens:report', null],
    [null, null],
    [{ type: 'plens:reveal' }, null],
  ])('reads the bare requests as the schema does: %j', (message, expected) => {
    expect(parseContentRequest(message)).toEqual(expected);
  });
});

describe('a page asking the background for a rules snapshot', () => {
  test.each([
    [REBUILD_RULES_REQUEST, true],
    [{ type: 'plens:rebuild-rules', extra: 1 }, true],
    [{ type: 'plens:summary' }, false],
    ['plens:rebuild-rules', false],
    [null, false],
  ])('%j is a rebuild request: %s', (message, expected) => {
    expect(isRebuildRulesRequest(message)).toBe(expected);
  });
});
