import { describe, expect, test } from 'vitest';
import type { FlaggedDrug, PageSummary } from '@/rules/schema/messages';
import { describeTab } from './action-state';

function drug(ruleId: string, overrides: Partial<FlaggedDrug> = {}): FlaggedDrug {
  return {
    ruleId,
    drug: ruleId,
    categories: ['dependence-forming'],
    names: [],
    current: 1,
    past: 0,
    possible: 0,
    dismissed: false,
    ...overrides,
  };
}

const page = (...flagged: FlaggedDrug[]): PageSummary => ({ flagged, alerts: [] });

describe('the toolbar button for a tab', () => {
  test('no content script has reported: grey lens, "not active", no badge', () => {
    expect(describeTab({ summaries: [], blockedFrames: 0 })).toEqual({
      isActive: false,
      title: 'Prescribing Lens: not active on this page',
      badge: '',
    });
  });

  test('running on a page with no listed medicine: colour lens, "active", no badge', () => {
    expect(describeTab({ summaries: [page()], blockedFrames: 0 })).toEqual({
      isActive: true,
      title: 'Prescribing Lens: active on this page — no listed medicines found',
      badge: '',
    });
  });

  test.each([
    [[page(drug('zopiclone'))], '1 medicine flagged in current medication', '1'],
    // Frames add up; a medicine in two frames counts once.
    [
      [page(drug('zopiclone'), drug('codeine')), page(drug('zopiclone'))],
      '2 medicines flagged in current medication',
      '2',
    ],
    [
      [page(drug('zopiclone', { current: 0, past: 2 }), drug('codeine', { dismissed: true }))],
      // Never muted silently (issue #16): the past-only medicine is counted.
      'no medicines flagged in current medication · 1 past only, shown muted',
      '',
    ],
    [
      [page(drug('codeine'), drug('zopiclone', { current: 0, past: 1 }))],
      '1 medicine flagged in current medication · 1 past only, shown muted',
      '1',
    ],
  ])(
    'flagged medicines: the title says how many, as the badge does (%#)',
    (summaries, detail, badge) => {
      const view = describeTab({ summaries, blockedFrames: 0 });
      expect(view.title).toBe(`Prescribing Lens: active on this page — ${detail}`);
      expect(view.badge).toBe(badge);
      expect(view.isActive).toBe(true);
    },
  );

  test('a frame whose page keeps removing the marks: grey lens and says so; the count stays', () => {
    const view = describeTab({ summaries: [page(drug('zopiclone'))], blockedFrames: 1 });
    expect(view).toEqual({
      isActive: false,
      title:
        'Prescribing Lens: not working on this page — the page keeps removing its marks; 1 medicine flagged, listed in the popup',
      badge: '1',
    });
  });

  test('a frame whose scan stopped on an error: grey lens, says so and what to do; counts so far', () => {
    const view = describeTab({
      summaries: [page(drug('zopiclone'))],
      blockedFrames: 1,
      failedFrames: 1,
    });
    expect(view).toEqual({
      isActive: false,
      title:
        'Prescribing Lens: not working on this page — an error stopped it reading the page; reload to try again; 1 medicine flagged so far, listed in the popup',
      badge: '1',
    });
    // Failed before its first summary: still not "not active", which would hide that it tried.
    expect(describeTab({ summaries: [], blockedFrames: 0, failedFrames: 1 }).title).toBe(
      'Prescribing Lens: not working on this page — an error stopped it reading the page; reload to try again',
    );
  });
});
