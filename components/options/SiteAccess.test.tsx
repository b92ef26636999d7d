import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { SiteAccess } from './SiteAccess';
import type { SiteView } from './types';

const BUILT_IN = ['https://*.spineservices.nhs.uk/*', 'https://*.ncrs.nhs.uk/*'];
const SITES: SiteView[] = [
  { pattern: 'https://records.example.nhs.uk/*', byUser: true, byPolicy: false, granted: true },
  { pattern: 'https://scr.example.nhs.uk/*', byUser: false, byPolicy: true, granted: false },
];
const ok = (message: string) => Promise.resolve({ ok: true, message });

describe('SiteAccess', () => {
  test('lists the built-in clinical systems and the added sites with their state', () => {
    render(<SiteAccess builtInSites={BUILT_IN} sites={SITES} onAdd={vi.fn()} onRemove={vi.fn()} />);
    expect(screen.getByTestId('plens-built-in-sites').textContent).toBe(
      '*.spineservices.nhs.uk*.ncrs.nhs.uk',
    );
    const items = within(screen.getByTestId('plens-sites')).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('records.example.nhs.uk On');
    expect(items[1]?.textContent).toContain('Waiting for access');
    expect(items[1]?.textContent).toContain('set by your organisation');
  });

  test('adding calls back synchronously, inside the submit (the browser prompt needs the gesture)', async () => {
    let calledDuringSubmit = false;
    const onAdd = vi.fn(() =>
      ok('Prescribing Lens is now on for https://records.example.nhs.uk/*.'),
    );
    render(<SiteAccess builtInSites={BUILT_IN} sites={[]} onAdd={onAdd} onRemove={vi.fn()} />);
    const input = screen.getByLabelText('Add a site');
    fireEvent.input(input, { target: { value: 'records.example.nhs.uk' } });
    const form = input.closest('form');
    form?.addEventListener('submit', () => {
      calledDuringSubmit = onAdd.mock.calls.length === 1;
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(onAdd).toHaveBeenCalledWith('records.example.nhs.uk');
    expect(calledDuringSubmit).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId('plens-site-status').textContent).toContain('is now on'),
    );
    expect((input as HTMLInputElement).value).toBe('');
  });

  test('a refused site is explained next to the field, which is marked invalid', async () => {
    const onAdd = vi.fn(() =>
      Promise.resolve({ ok: false, message: 'Only https:// sites can be added.' }),
    );
    render(<SiteAccess builtInSites={BUILT_IN} sites={[]} onAdd={onAdd} onRemove={vi.fn()} />);
    const input = screen.getByLabelText('Add a site');
    fireEvent.input(input, { target: { value: 'http://records.example.nhs.uk' } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    await waitFor(() => screen.getByTestId('plens-site-error'));
    expect(screen.getByTestId('plens-site-error').textContent).toBe(
      'Error: Only https:// sites can be added.',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('plens-site-error');
  });

  test('a user site can be removed; a policy site can only be granted', async () => {
    const onRemove = vi.fn(() => ok('off'));
    const onAdd = vi.fn(() => ok('on'));
    render(<SiteAccess builtInSites={BUILT_IN} sites={SITES} onAdd={onAdd} onRemove={onRemove} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove records.example.nhs.uk' }));
    expect(onRemove).toHaveBeenCalledWith('https://records.example.nhs.uk/*');
    expect(screen.queryByRole('button', { name: 'Remove scr.example.nhs.uk' })).toBeNull();
    const allow = screen.getByRole<HTMLButtonElement>('button', {
      name: 'Allow access to scr.example.nhs.uk',
    });
    await waitFor(() => expect(allow.disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to scr.example.nhs.uk' }));
    expect(onAdd).toHaveBeenCalledWith('https://scr.example.nhs.uk/*');
  });

  test.each([
    ['no sites', [] as SiteView[], false],
    ['sites and an error', SITES, true],
  ])('is accessible (%s)', async (_state, sites, withError) => {
    const onAdd = vi.fn(() => Promise.resolve({ ok: false, message: 'Not a site.' }));
    const { container } = render(
      <main>
        <SiteAccess builtInSites={BUILT_IN} sites={sites} onAdd={onAdd} onRemove={vi.fn()} />
      </main>,
    );
    if (withError) {
      fireEvent.submit(screen.getByLabelText('Add a site').closest('form') as HTMLFormElement);
      await waitFor(() => screen.getByTestId('plens-site-error'));
    }
    expect(await axeViolations(container)).toEqual([]);
  });
});
