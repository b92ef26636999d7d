import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { ValueMeaningTable, type ValueMeaningRow } from './ValueMeaningTable';

const ROWS: ValueMeaningRow[] = [
  { label: 'Amber', count: 12, chosen: 'shared-care' },
  { label: 'Purple', count: 1, chosen: '' },
];

function table(onChoose = vi.fn(), disabled = false) {
  render(
    <ValueMeaningTable
      id="statuses"
      caption="What each status in “Status” means"
      valueHeading="Status in the list"
      meaningHeading="Meaning"
      rows={ROWS}
      unchosen="Choose…"
      choices={[
        { id: 'shared-care', label: 'Shared care' },
        { id: 'off', label: 'Switch off the national flag' },
      ]}
      describe={(label) => `Meaning of “${label}”`}
      disabled={disabled}
      onChoose={onChoose}
    >
      <p>Check each meaning against your APC’s definitions.</p>
    </ValueMeaningTable>,
  );
  return onChoose;
}

describe('a list value and what it means', () => {
  test('each value shows its row count and its choice so far', () => {
    table();
    const amber = screen.getByRole('row', { name: /Amber/ });
    expect(within(amber).getByText('12')).toBeTruthy();
    expect(
      screen.getByRole<HTMLSelectElement>('combobox', { name: 'Meaning of “Amber”' }).value,
    ).toBe('shared-care');
    const purple = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Meaning of “Purple”' });
    expect(purple.value).toBe('');
    expect(purple.selectedOptions[0]?.textContent).toBe('Choose…');
    expect(screen.getByText(/against your APC/)).toBeTruthy();
  });

  test('choosing a meaning reports the value and the choice', () => {
    const onChoose = table();
    fireEvent.change(screen.getByRole('combobox', { name: 'Meaning of “Purple”' }), {
      target: { value: 'off' },
    });
    expect(onChoose).toHaveBeenCalledWith('Purple', 'off');
  });

  test('while busy nothing can be changed', () => {
    table(vi.fn(), true);
    for (const select of screen.getAllByRole<HTMLSelectElement>('combobox'))
      expect(select.disabled).toBe(true);
  });

  test('the table is a labelled, keyboard-reachable region with no axe violations', async () => {
    table();
    const region = screen.getByRole('region', { name: 'What each status in “Status” means' });
    expect(region.tabIndex).toBe(0);
    expect(await axeViolations(region)).toEqual([]);
  });
});
