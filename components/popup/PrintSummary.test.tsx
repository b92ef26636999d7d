import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { fakeStore, GP_DRUGS } from '../../tests/support/popup-data';
import { PrintSummaryPage } from './PrintSummary';

describe('PrintSummaryPage', () => {
  test('the page summary for paper: counts, groups, each medicine’s position, a Print button', async () => {
    const onPrint = vi.fn();
    const store = fakeStore({ kind: 'ready', drugs: GP_DRUGS, alerts: [] });
    const { container } = render(<PrintSummaryPage store={store} onPrint={onPrint} />);
    const main = await screen.findByTestId('plens-print');
    expect(screen.getByTestId('plens-print-counts').textContent).toBe(
      '5 current medicines · 1 past or mentioned only',
    );
    expect(within(main).getByText(/no patient details included/)).toBeTruthy();
    const zopiclone = container.querySelector('[data-rule-id="zopiclone"]');
    expect(zopiclone?.textContent).toMatch(
      /^Zopiclone \(1 current, 1 past\)Associated with dependence/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(onPrint).toHaveBeenCalledOnce();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('nothing to print: says why', async () => {
    render(<PrintSummaryPage store={fakeStore({ kind: 'no-page' })} onPrint={vi.fn()} />);
    expect(await screen.findByText(/no page summary to print/)).toBeTruthy();
  });
});
