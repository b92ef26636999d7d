import { render, screen, within } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { sampleSummary } from '../../tests/support/workload-summary';
import { MAX_NAMES_SHOWN, WorkloadSummary } from './WorkloadSummary';

describe('WorkloadSummary', () => {
  test('states the unfunded part plainly, then the tables, possible and unmatched names apart', async () => {
    const { container } = render(
      <WorkloadSummary summary={sampleSummary()} fileName="search.csv" />,
    );
    expect(screen.getByTestId('plens-unfunded').textContent).toContain(
      'Shared care with no signed agreement recorded here: 125 patients on 7 drugs',
    );
    const rows = within(screen.getByTestId('plens-by-category')).getAllByRole('row');
    expect(rows[1]?.textContent).toBe('Shared care12575277');
    expect(screen.getByTestId('plens-possible').textContent).toBe(
      'Azathioprin 25mg tablets: perhaps Azathioprine (2 patients)',
    );
    expect(screen.getByTestId('plens-unmatched').textContent).toBe(
      'Atorvastatin 20mg tablets: 812 patients',
    );
    expect(screen.getByTestId('plens-summary-source').textContent).toContain(
      'issues from 2025-12-02 to 2026-11-30',
    );
    expect(screen.queryByTestId('plens-by-service')).toBeNull();
    expect(screen.getByTestId('plens-columns-read').textContent).toBe(
      'Columns read: drug names from “Medication Name”, patients from “Patient Count”, issues from “Issue Count”, dates from “Last Issue Date”. No other column was read.',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('per local service when the practice profile gives services', () => {
    render(
      <WorkloadSummary
        summary={sampleSummary({
          byService: [
            {
              id: 'dmard',
              name: 'DMARD LES',
              commissioned: true,
              rows: 1,
              patients: 34,
              issues: 201,
              drugs: 1,
            },
          ],
        })}
        fileName="search.csv"
      />,
    );
    expect(screen.getByTestId('plens-by-service').textContent).toContain('DMARD LESYes34201');
  });

  test('names are rendered as text, and a long unmatched list is cut with a count', () => {
    const unmatched = Array.from({ length: MAX_NAMES_SHOWN + 5 }, (_, i) => ({
      name: `<img src=x onerror=alert(${i})>`,
      rows: 1,
      patients: 1,
      issues: 1,
    }));
    const { container } = render(
      <WorkloadSummary summary={sampleSummary({ unmatched })} fileName="x.csv" />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('and 5 more');
  });
});
