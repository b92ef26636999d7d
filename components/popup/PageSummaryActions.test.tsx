import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { PageSummaryActions } from './PageSummaryActions';

describe('PageSummaryActions', () => {
  test('copy and print, as buttons in one labelled group', async () => {
    const onCopy = vi.fn();
    const onPrint = vi.fn();
    const { container } = render(<PageSummaryActions onCopy={onCopy} onPrint={onPrint} />);
    expect(screen.getByRole('group', { name: 'Page summary' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy summary' }));
    fireEvent.click(screen.getByRole('button', { name: 'Print summary' }));
    expect(onCopy).toHaveBeenCalledOnce();
    expect(onPrint).toHaveBeenCalledOnce();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('no print where no print view can open', () => {
    render(<PageSummaryActions onCopy={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Print summary' })).toBeNull();
  });
});
