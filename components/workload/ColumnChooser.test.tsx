import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { ColumnChooser } from './ColumnChooser';

describe('ColumnChooser', () => {
  test('asks for the drug column first, then passes the choice', async () => {
    const onChoose = vi.fn();
    const { container } = render(
      <ColumnChooser
        header={['Thing', 'Amount']}
        suggestion={null}
        onChoose={onChoose}
        onCancel={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Count with these columns' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Choose the column that holds the drug name',
    );
    expect(onChoose).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Drug name'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Number of patients'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Count with these columns' }));
    expect(onChoose).toHaveBeenCalledWith({ drug: 0, patients: 1, issues: null, date: null });
    expect(await axeViolations(container)).toEqual([]);
  });

  test('starts from a suggestion', () => {
    render(
      <ColumnChooser
        header={['Drug', 'Items']}
        suggestion={{ drug: 0, patients: null, issues: 1, date: null }}
        onChoose={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect(screen.getByLabelText<HTMLSelectElement>('Number of issues or items').value).toBe('1');
  });

  test('columns refused as patient identifiers are not offered', () => {
    render(
      <ColumnChooser
        header={['NHS Number', 'Thing']}
        suggestion={null}
        refused={[0]}
        onChoose={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    const options = Array.from(
      screen.getByLabelText<HTMLSelectElement>('Drug name').options,
      (o) => o.textContent,
    );
    expect(options).toEqual(['Choose a column', 'Column 2: Thing']);
  });
});
