import { describe, expect, test } from 'vitest';
import { parseSummaryUpdate } from '@/rules/schema/messages';
import { summarizePage } from './page-summary';
import type { Mark } from '../scan/page-session';
import { testMark } from '../../../tests/support/content';
import { OPIOID_WITH_SEDATIVE, testEffective } from '../../../tests/support/rule-state';

const EFFECTIVE = testEffective();
const mark = testMark;

const none = new Set<string>();

describe('the page summary for the badge and popup', () => {
  test('a page with no flagged names says so', () => {
    expect(summarizePage([], EFFECTIVE, none)).toEqual({
      summary: { flagged: [], alerts: [] },
      notices: [],
    });
  });

  test('counts current, past and possible marks per medicine', () => {
    const { summary } = summarizePage(
      [
        mark('Zopiclone', ['zopiclone']),
        mark('Zimovane', ['zopiclone']),
        mark('zopiclone', ['zopiclone'], { isPast: true }),
        mark('zoplicone', ['zopiclone'], { kind: 'fuzzy' }),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.flagged).toEqual([
      {
        ruleId: 'zopiclone',
        drug: 'Zopiclone',
        categories: ['dependence-forming'],
        names: ['Zopiclone', 'Zimovane'],
        current: 2,
        past: 1,
        possible: 1,
        dismissed: false,
      },
    ]);
  });

  test('where the page does not say current or past, the medicine is a possible current one', () => {
    const { summary } = summarizePage(
      [
        mark('Zopiclone', ['zopiclone'], { isUnstated: true }),
        mark('Zopiclone', ['zopiclone']),
        mark('Methotrexate', ['methotrexate'], { isUnstated: true }),
      ],
      EFFECTIVE,
      none,
    );
    // Still counted as current (and in the badge): a flag rather than a miss.
    expect(summary.flagged.map((d) => [d.drug, d.current, d.unstated])).toEqual([
      ['Methotrexate', 1, 1],
      ['Zopiclone', 2, 1],
    ]);
  });

  test('lists each listed name once, as first shown, whatever its case', () => {
    const { summary } = summarizePage(
      [
        mark('Maxtrex', ['methotrexate']),
        mark('MAXTREX', ['methotrexate']),
        mark('maxtrex', ['methotrexate']),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.flagged[0]?.names).toEqual(['Maxtrex']);
  });

  test('names a medicine seen only in a past section', () => {
    const { summary } = summarizePage(
      [mark('Warfarin', ['warfarin'], { isPast: true })],
      EFFECTIVE,
      none,
    );
    expect(summary.flagged[0]).toMatchObject({ names: ['Warfarin'], current: 0, past: 1 });
  });

  test.each([
    ['a current misspelling', { kind: 'fuzzy' as const }],
    ['a misspelling in a past section', { kind: 'fuzzy' as const, isPast: true }],
  ])('never quotes %s from the page, only counts it', (_why, options) => {
    const state = summarizePage([mark('Diazepan', ['diazepam'], options)], EFFECTIVE, none);
    expect(JSON.stringify(state)).not.toContain('Diazepan');
    expect(state.summary.flagged[0]?.names).toEqual([]);
  });

  test('a combination product counts for each of its medicines', () => {
    const { summary } = summarizePage(
      [mark('Co-codamol', ['codeine', 'methotrexate'])],
      EFFECTIVE,
      none,
    );
    expect(summary.flagged.map((d) => [d.ruleId, d.current, d.names])).toEqual([
      ['methotrexate', 1, ['Co-codamol']],
      ['codeine', 1, ['Co-codamol']],
    ]);
  });

  test('skips rules that are no longer in force (switched off by a local pack since the scan)', () => {
    const { summary } = summarizePage([mark('Amlodipine', ['amlodipine'])], EFFECTIVE, none);
    expect(summary.flagged).toEqual([]);
  });

  test('orders medicines by category importance, then by name', () => {
    const { summary } = summarizePage(
      [
        mark('Zopiclone', ['zopiclone']),
        mark('Warfarin', ['warfarin']),
        mark('Methotrexate', ['methotrexate']),
        mark('Codeine', ['codeine']),
        mark('Lithium', ['lithium']),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.flagged.map((d) => d.drug)).toEqual([
      'Lithium',
      'Methotrexate',
      'Warfarin',
      'Codeine',
      'Zopiclone',
    ]);
  });

  test('keeps dismissed medicines listed and counted, marked dismissed', () => {
    const { summary } = summarizePage(
      [mark('Zopiclone', ['zopiclone']), mark('Warfarin', ['warfarin'])],
      EFFECTIVE,
      new Set(['zopiclone']),
    );
    expect(summary.flagged.map((d) => [d.ruleId, d.current, d.dismissed])).toEqual([
      ['warfarin', 1, false],
      ['zopiclone', 1, true],
    ]);
  });

  test('a listed name padded with 250 invisible characters is sent as the pack name (issue #16)', () => {
    const padded = `Zim${'\u200b'.repeat(250)}ovane`;
    const { summary } = summarizePage([mark(padded, ['zopiclone'])], EFFECTIVE, none);
    expect(summary.flagged[0]?.names).toEqual(['Zimovane']);
    expect(parseSummaryUpdate({ type: 'plens:summary', summary })).not.toBeNull();
  });

  test('an exact mark whose text is not a listed name is sent as the drug name, not page text', () => {
    const { summary } = summarizePage(
      [mark('Zopiclone 7.5mg tablets (patient: A N Other)', ['zopiclone'])],
      EFFECTIVE,
      none,
    );
    expect(summary.flagged[0]?.names).toEqual(['Zopiclone']);
    expect(JSON.stringify(summary)).not.toContain('Other');
  });

  test('is a summary the background accepts', () => {
    const { summary } = summarizePage(
      [
        mark('Codeine', ['codeine']),
        mark('Zimovane', ['zopiclone']),
        mark('Maxtrex', ['methotrexate']),
      ],
      EFFECTIVE,
      none,
    );
    expect(parseSummaryUpdate({ type: 'plens:summary', summary })?.summary).toEqual(summary);
  });
});

describe('co-prescribing alerts', () => {
  test('current medication that meets every group raises the alert and its notice', () => {
    const state = summarizePage(
      [mark('Co-codamol', ['codeine']), mark('Zimovane', ['zopiclone'])],
      EFFECTIVE,
      none,
    );
    expect(state.summary.alerts).toEqual([
      {
        id: 'opioid-with-sedative',
        title: OPIOID_WITH_SEDATIVE.title,
        drugs: ['Codeine', 'Zopiclone'],
      },
    ]);
    expect(state.notices).toEqual([
      {
        id: 'opioid-with-sedative',
        title: OPIOID_WITH_SEDATIVE.title,
        drugs: 'Codeine + Zopiclone',
        message: OPIOID_WITH_SEDATIVE.message,
        advice: OPIOID_WITH_SEDATIVE.advice,
        sources: OPIOID_WITH_SEDATIVE.sources,
        // Each medicine reachable from the notice by keyboard ("Go to Codeine").
        members: [
          { ruleId: 'codeine', drug: 'Codeine' },
          { ruleId: 'zopiclone', drug: 'Zopiclone' },
        ],
      },
    ]);
  });

  test('names every current medicine that fits a group', () => {
    const { summary, notices } = summarizePage(
      [
        mark('Codeine', ['codeine']),
        mark('Tramadol', ['tramadol']),
        mark('Diazepam', ['diazepam']),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.alerts[0]?.drugs).toEqual(['Codeine', 'Tramadol', 'Diazepam']);
    expect(notices[0]?.drugs).toEqual('Codeine, Tramadol + Diazepam');
  });

  test.each<[string, Mark[]]>([
    [
      'the sedative is only in a past section',
      [mark('Codeine', ['codeine']), mark('Diazepam', ['diazepam'], { isPast: true })],
    ],
    [
      'the opioid is only in a past section',
      [mark('Codeine', ['codeine'], { isPast: true }), mark('Diazepam', ['diazepam'])],
    ],
    [
      'the sedative is only a possible (misspelt) match',
      [mark('Codeine', ['codeine']), mark('Diazepan', ['diazepam'], { kind: 'fuzzy' })],
    ],
    ['only one group is met', [mark('Codeine', ['codeine']), mark('Tramadol', ['tramadol'])]],
  ])('no alert when %s', (_why, marks) => {
    expect(summarizePage(marks, EFFECTIVE, none)).toMatchObject({
      summary: { alerts: [] },
      notices: [],
    });
  });

  test('a past mark does not hide a current one of the same medicine', () => {
    const { summary } = summarizePage(
      [
        mark('Codeine', ['codeine']),
        mark('Diazepam', ['diazepam'], { isPast: true }),
        mark('Diazepam', ['diazepam']),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.alerts.map((a) => a.id)).toEqual(['opioid-with-sedative']);
  });

  test('a dismissed alert loses its notice but stays in the summary', () => {
    const state = summarizePage(
      [mark('Codeine', ['codeine']), mark('Diazepam', ['diazepam'])],
      EFFECTIVE,
      none,
      new Set(['opioid-with-sedative']),
    );
    expect(state.notices).toEqual([]);
    expect(state.summary.alerts.map((a) => a.id)).toEqual(['opioid-with-sedative']);
  });
});

describe('one patient at a time, medicines not mentions', () => {
  test('a list of patients: no alert across patients, counts say how many patients', () => {
    const { summary, notices } = summarizePage(
      [
        mark('Co-codamol', ['codeine'], { patient: 1 }),
        mark('Zimovane', ['zopiclone'], { patient: 2 }),
        mark('Codeine', ['codeine'], { patient: 3 }),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.alerts).toEqual([]);
    expect(notices).toEqual([]);
    expect(summary.patients).toBe(3);
    expect(summary.flagged.find((d) => d.ruleId === 'codeine')).toMatchObject({
      current: 2,
      patients: 2,
    });
  });

  test('a list of patients: one patient with both raises it, said to be that patient', () => {
    const { summary, notices } = summarizePage(
      [
        mark('Co-codamol', ['codeine'], { patient: 1 }),
        mark('Zimovane', ['zopiclone'], { patient: 2 }),
        mark('Diazepam', ['diazepam'], { patient: 1 }),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.alerts).toMatchObject([{ drugs: ['Codeine', 'Diazepam'], patients: 1 }]);
    expect(notices[0]?.drugs).toBe('1 patient on this list: Codeine + Diazepam');
  });

  test('names outside any patient on a list join no alert', () => {
    const { summary } = summarizePage(
      [
        mark('Co-codamol', ['codeine'], { patient: 1 }),
        mark('Diazepam', ['diazepam'], { patient: null }),
        mark('Zimovane', ['zopiclone'], { patient: 2 }),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.alerts).toEqual([]);
  });

  test('mentions (notes, suggestions, lab results) never count as current nor alert', () => {
    const { summary, notices } = summarizePage(
      [mark('Co-codamol', ['codeine']), mark('Diazepam', ['diazepam'], { reading: 'mention' })],
      EFFECTIVE,
      none,
    );
    expect(notices).toEqual([]);
    expect(summary.flagged.find((d) => d.ruleId === 'diazepam')).toMatchObject({
      current: 0,
      mentions: 1,
    });
  });

  test('a row naming a medicine twice is one medicine', () => {
    const row = document.createElement('tr');
    const item = row.appendChild(document.createElement('td'));
    const info = row.appendChild(document.createElement('td'));
    const { summary } = summarizePage(
      [
        mark('Diazepam', ['diazepam'], { block: item }),
        mark('Diazepam', ['diazepam'], { block: info }),
      ],
      EFFECTIVE,
      none,
    );
    expect(summary.flagged[0]?.current).toBe(1);
  });
});
