import { describe, expect, test } from 'vitest';
import type { FlaggedDrug, PageSummary } from '@/rules/schema/messages';
import { mergeFrameSummaries } from './summary';

function flagged(overrides: Partial<FlaggedDrug> = {}): FlaggedDrug {
  return {
    ruleId: 'zopiclone',
    drug: 'Zopiclone',
    categories: ['dependence-forming'],
    names: ['Zopiclone'],
    current: 1,
    past: 0,
    possible: 0,
    dismissed: false,
    ...overrides,
  };
}

const summary = (drugs: FlaggedDrug[], alerts: PageSummary['alerts'] = []): PageSummary => ({
  flagged: drugs,
  alerts,
});

describe('mergeFrameSummaries', () => {
  test('sums counts per rule across frames and unions the names shown (case-insensitively)', () => {
    const merged = mergeFrameSummaries([
      { frameId: 0, summary: summary([flagged({ names: ['Zopiclone'], past: 1 })]) },
      {
        frameId: 7,
        summary: summary([flagged({ names: ['zopiclone', 'Zimovane'], current: 2, possible: 1 })]),
      },
    ]);
    expect(merged.drugs).toEqual([
      flagged({ names: ['Zopiclone', 'Zimovane'], current: 3, past: 1, possible: 1 }),
    ]);
  });

  test('reveals in the frame with most current marks, then most marks, then the top frame', () => {
    const merged = mergeFrameSummaries([
      { frameId: 9, summary: summary([flagged({ ruleId: 'a', current: 2 })]) },
      {
        frameId: 0,
        summary: summary([
          flagged({ ruleId: 'a', current: 1 }),
          flagged({ ruleId: 'b', current: 0, past: 1 }),
          flagged({ ruleId: 'c', current: 1 }),
        ]),
      },
      {
        frameId: 4,
        summary: summary([
          flagged({ ruleId: 'b', current: 0, past: 3 }),
          flagged({ ruleId: 'c', current: 1 }),
        ]),
      },
    ]);
    expect(Object.fromEntries(merged.frameOf)).toEqual({ a: 9, b: 4, c: 0 });
  });

  test('dismissed only when every frame showing it has it dismissed (what is painted)', () => {
    const merged = mergeFrameSummaries([
      {
        frameId: 0,
        summary: summary([
          flagged({ ruleId: 'a', dismissed: true }),
          flagged({ ruleId: 'b', dismissed: true }),
        ]),
      },
      { frameId: 1, summary: summary([flagged({ ruleId: 'a', dismissed: false })]) },
    ]);
    expect(merged.drugs.map((d) => [d.ruleId, d.dismissed])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  test('ordered by the first category’s importance, then by name', () => {
    const merged = mergeFrameSummaries([
      {
        frameId: 0,
        summary: summary([
          flagged({ ruleId: 'zopiclone', drug: 'Zopiclone' }),
          flagged({ ruleId: 'diazepam', drug: 'Diazepam' }),
          flagged({ ruleId: 'lithium', drug: 'Lithium', categories: ['shared-care'] }),
        ]),
      },
    ]);
    expect(merged.drugs.map((d) => d.drug)).toEqual(['Lithium', 'Diazepam', 'Zopiclone']);
  });

  test('alerts once each, with the medicines of every frame', () => {
    const alert = (drugs: string[]) => [
      { id: 'opioid-with-sedative', title: 'Opioid with…', drugs },
    ];
    const merged = mergeFrameSummaries([
      { frameId: 0, summary: summary([], alert(['Codeine', 'Diazepam'])) },
      { frameId: 3, summary: summary([], alert(['Codeine', 'Zopiclone'])) },
    ]);
    expect(merged.alerts).toEqual([
      {
        id: 'opioid-with-sedative',
        title: 'Opioid with…',
        drugs: ['Codeine', 'Diazepam', 'Zopiclone'],
      },
    ]);
  });

  test('no frames: nothing', () => {
    expect(mergeFrameSummaries([])).toEqual({ drugs: [], alerts: [], frameOf: new Map() });
  });
});
