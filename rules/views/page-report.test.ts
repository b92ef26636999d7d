import { describe, expect, test } from 'vitest';
import type { FlaggedDrug } from '../schema/messages';
import { pageReport, pageReportText } from './page-report';

function drug(overrides: Partial<FlaggedDrug>): FlaggedDrug {
  return {
    ruleId: 'zopiclone',
    drug: 'Zopiclone',
    categories: ['dependence-forming'],
    names: ['Zimovane'],
    current: 1,
    past: 0,
    possible: 0,
    dismissed: false,
    ...overrides,
  };
}

const SUMMARIES: Record<string, string> = {
  methotrexate: 'Shared care is voluntary: ask the specialist for an agreement.',
  zopiclone: 'Dependence-forming: review it, never stop abruptly.',
  tramadol: 'Dependence-forming: review it, never stop abruptly.',
};

const input = {
  drugs: [
    drug({ ruleId: 'zopiclone', past: 2 }),
    drug({ ruleId: 'methotrexate', drug: 'Methotrexate', categories: ['shared-care'], current: 2 }),
    drug({ ruleId: 'tramadol', drug: 'Tramadol', current: 0, past: 1, mentions: 1 }),
    drug({ ruleId: 'codeine', drug: 'Codeine', dismissed: true }),
  ],
  alerts: [
    { id: 'opioid-benzo', title: 'Opioid with a benzodiazepine', drugs: ['Codeine', 'Zopiclone'] },
  ],
  summaryFor: (id: string) => SUMMARIES[id] ?? null,
  date: '7 December 2026',
  version: '0.1.0',
};

describe('page report', () => {
  test('current medicines by category, then past or mentioned only, then dismissed', () => {
    const report = pageReport(input);
    expect(report.counts).toBe('2 current medicines · 1 past or mentioned only · 1 dismissed');
    expect(report.groups.map((g) => [g.heading, g.lines.map((l) => l.drug)])).toEqual([
      ['Shared care', ['Methotrexate']],
      ['Dependence-forming', ['Zopiclone']],
      ['Past or mentioned only', ['Tramadol']],
      ['Dismissed on this page', ['Codeine']],
    ]);
  });

  test('plain text: each medicine with its counts and its one-line position and next step', () => {
    const text = pageReportText(pageReport(input));
    expect(text).toContain('7 December 2026 · no patient details included');
    expect(text).toContain(
      '- Methotrexate (2 current)\n  Shared care is voluntary: ask the specialist for an agreement.',
    );
    expect(text).toContain('- Zopiclone (1 current, 2 past)');
    expect(text).toContain('- Tramadol (1 past, mentioned once)');
    expect(text).toContain(
      'Co-prescribing alerts\n- Opioid with a benzodiazepine: Codeine + Zopiclone',
    );
  });

  test('a list of patients says how to read it, and counts patients, not rows', () => {
    const text = pageReportText(
      pageReport({
        ...input,
        patients: 6,
        drugs: [drug({ ruleId: 'zopiclone', current: 3, patients: 2 })],
        alerts: [{ id: 'x', title: 'Two opioids', drugs: ['Morphine', 'Codeine'], patients: 1 }],
      }),
    );
    expect(text).toContain('A list of 6 patients');
    expect(text).toContain('- Zopiclone (current for 2 patients)');
    expect(text).toContain('- Two opioids: Morphine + Codeine (1 patient)');
  });

  test('carries only pack names and counts: no name as shown on the page', () => {
    const text = pageReportText(pageReport(input));
    expect(text).not.toContain('Zimovane');
  });
});
