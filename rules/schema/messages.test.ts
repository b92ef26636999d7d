import { describe, expect, test } from 'vitest';
import { readSummaryMessage } from './messages';

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
