import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { PopupPage } from './PopupPage';
import { fakeStore, GP_DRUGS, LETTERS } from '../../tests/support/popup-data';
import type { PageView } from './types';

const READY: PageView = {
  kind: 'ready',
  drugs: GP_DRUGS,
  alerts: [
    {
      id: 'opioid-with-sedative',
      title: 'Opioid with a benzodiazepine, z-drug or gabapentinoid',
      drugs: ['Codeine', 'Zopiclone'],
    },
  ],
};

const popupStatus = () => screen.getByTestId('plens-popup-status').textContent;

describe('PopupPage', () => {
  test('look-up first (one Tab away), then alerts and the page’s medicines; focus lands on the first medicine', async () => {
    const store = fakeStore(READY);
    const { container } = render(<PopupPage store={store} />);
    await screen.findByRole('list', { name: 'Shared care (1)' });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Look up a medicine',
      'Co-prescribing',
      'On this page',
    ]);
    expect(screen.getByTestId('plens-page-count').textContent).toBe(
      '5 current medicines · 1 past or mentioned only',
    );
    // Focus lands where the work is: the first flagged medicine (the look-up is one Shift+Tab up).
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getAllByTestId('plens-reveal')[0]),
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('the list arrives after the popup opened: focus moves on from the untouched look-up to its first medicine, but never from a look-up in use', async () => {
    for (const typed of ['', 'zop']) {
      let current: PageView = { kind: 'ready', drugs: [], alerts: [] };
      let changed = () => undefined as void;
      const store = fakeStore(current, {
        loadPage: vi.fn(() => Promise.resolve(current)),
        watchPage: vi.fn((onChange: () => void) => {
          changed = onChange;
          return () => undefined;
        }),
      });
      const { unmount } = render(<PopupPage store={store} />);
      const lookup = screen.getByRole('searchbox', { name: 'Medicine name' });
      await waitFor(() => expect(document.activeElement).toBe(lookup));
      if (typed) fireEvent.input(lookup, { target: { value: typed } });
      current = READY;
      changed();
      await screen.findAllByTestId('plens-reveal');
      if (typed) {
        expect(document.activeElement).toBe(lookup);
      } else {
        await waitFor(() =>
          expect(document.activeElement).toBe(screen.getAllByTestId('plens-reveal')[0]),
        );
      }
      unmount();
    }
  });

  test('loading: says it is reading the page', async () => {
    const store = fakeStore(READY, { loadPage: vi.fn(() => new Promise<PageView>(() => {})) });
    const { container } = render(<PopupPage store={store} />);
    expect(screen.getByText('Reading this page…')).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('no clinical page: says so, and the look-up is ready to type in', async () => {
    const { container } = render(<PopupPage store={fakeStore({ kind: 'no-page' })} />);
    expect((await screen.findByTestId('plens-empty')).textContent).toBe(
      'No clinical page is open in this tab. You can still look up a medicine above.',
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Medicine name' })),
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('nothing flagged: says so, under "Active on this page" and its no-all-clear reminder', async () => {
    const { container } = render(
      <PopupPage store={fakeStore({ kind: 'ready', drugs: [], alerts: [] })} />,
    );
    expect((await screen.findByTestId('plens-empty')).textContent).toBe(
      'No flagged medicines on this page.',
    );
    expect(screen.getByTestId('plens-activity').textContent).toContain('Active on this page');
    expect(screen.getByText(/^No mark is not an all-clear/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('not running on this site: "Check this page" runs it, then the list appears', async () => {
    let page: PageView = { kind: 'not-running' };
    const store = fakeStore(page, {
      loadPage: vi.fn(() => Promise.resolve(page)),
      checkPage: vi.fn(() => {
        page = READY;
        return Promise.resolve();
      }),
    });
    const { container } = render(<PopupPage store={store} />);
    const check = await screen.findByRole('button', { name: 'Check this page' });
    expect(screen.getByTestId('plens-empty').textContent).toContain(
      'Prescribing Lens does not run on this site.',
    );
    expect(screen.getByTestId('plens-activity').textContent).toContain(
      'Not active on this page — marks are not shown here',
    );
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(check);
    expect(store.checkPage).toHaveBeenCalledTimes(1);
    await screen.findByRole('list', { name: 'Shared care (1)' });
  });

  test('"Check this page" failing says why, as an alert', async () => {
    const store = fakeStore(
      { kind: 'not-running' },
      { checkPage: vi.fn(() => Promise.reject(new Error('Cannot access this page'))) },
    );
    const { container } = render(<PopupPage store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Check this page' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This page could not be checked: Cannot access this page',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('choosing a medicine reveals it in the page, then closes the popup', async () => {
    const store = fakeStore(READY);
    render(<PopupPage store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Methotrexate 2 current' }));
    expect(store.reveal).toHaveBeenCalledWith('methotrexate');
    await waitFor(() => expect(store.close).toHaveBeenCalled());
  });

  test('a medicine no longer on the page: the popup stays open and says so', async () => {
    const store = fakeStore(READY, { reveal: vi.fn(() => Promise.resolve(false)) });
    render(<PopupPage store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Methotrexate 2 current' }));
    await waitFor(() => expect(popupStatus()).toBe('Methotrexate is no longer on the page.'));
    expect(store.close).not.toHaveBeenCalled();
  });

  test('dismiss and restore go to the page and are announced', async () => {
    const store = fakeStore(READY);
    render(<PopupPage store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'More: Zopiclone' }));
    fireEvent.click(
      screen.getByRole('button', { name: 'Hide on this patient’s record (this tab)' }),
    );
    expect(store.dismiss).toHaveBeenCalledWith('zopiclone', 'tab');
    await waitFor(() => expect(popupStatus()).toBe('Zopiclone: hidden on this record (this tab).'));
    expect(store.loadPage).toHaveBeenCalledTimes(2);
  });

  test('a hidden medicine offers “Show again”, and “1 hidden — Show it again” restores in one step', async () => {
    const store = fakeStore({
      ...READY,
      drugs: GP_DRUGS.map((d) => (d.ruleId === 'warfarin' ? { ...d, dismissed: true } : d)),
    });
    const { container } = render(<PopupPage store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show again' }));
    expect(store.restore).toHaveBeenCalledWith('warfarin');
    await waitFor(() =>
      expect(popupStatus()).toBe('Warfarin restored: its marks are shown again.'),
    );
    expect(screen.getByTestId('plens-page-count').textContent).toBe(
      '4 current medicines · 1 hidden (greyed) · 1 past or mentioned only',
    );
    expect(screen.getByTestId('plens-hidden').textContent).toBe('1 hidden — Show it again');
    fireEvent.click(screen.getByRole('button', { name: 'Show it again' }));
    await waitFor(() => expect(popupStatus()).toBe('1 hidden medicine is shown again.'));
    expect(await axeViolations(container)).toEqual([]);
  });

  test('"Copy letter" copies the filled text and announces "Copied"', async () => {
    const store = fakeStore({ kind: 'no-page' });
    const { container } = render(<PopupPage store={store} />);
    const box = await screen.findByRole('searchbox', { name: 'Medicine name' });
    await waitFor(() => expect(store.loadRules).toHaveBeenCalled());
    fireEvent.input(box, { target: { value: 'zopiclon' } });
    const answer = await screen.findByTestId('plens-lookup-card');
    fireEvent.click(within(answer).getByRole('button', { name: /^Copy letter/ }));
    expect(store.copy).toHaveBeenCalledWith(LETTERS[0]?.text);
    await waitFor(() =>
      expect(popupStatus()).toBe('Copied: Note for the patient about withdrawal support'),
    );
    expect(screen.getByTestId('plens-popup-status').getAttribute('role')).toBe('status');
    expect(await axeViolations(container)).toEqual([]);
  });

  test('Escape closes the popup unless something inside used it', async () => {
    const store = fakeStore({ kind: 'no-page' });
    render(<PopupPage store={store} />);
    const box = await screen.findByRole('searchbox', { name: 'Medicine name' });
    fireEvent.input(box, { target: { value: 'zopiclon' } });
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(store.close).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(store.close).toHaveBeenCalledTimes(1);
  });

  test('a change in the tab’s summaries reloads the list', async () => {
    let onChange = () => {};
    const store = fakeStore(READY, {
      watchPage: vi.fn((cb: () => void) => {
        onChange = cb;
        return () => undefined;
      }),
    });
    render(<PopupPage store={store} />);
    await screen.findByRole('list', { name: 'Shared care (1)' });
    onChange();
    await waitFor(() => expect(store.loadPage).toHaveBeenCalledTimes(2));
  });

  test('"Copy summary" copies the page’s medicines with their one-line position, no page text', async () => {
    const openPrint = vi.fn(() => Promise.resolve());
    const store = fakeStore(READY, { openPrint });
    render(<PopupPage store={store} />);
    await screen.findByRole('list', { name: 'Shared care (1)' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy summary' }));
    await waitFor(() => expect(store.copy).toHaveBeenCalledOnce());
    const text = vi.mocked(store.copy).mock.calls[0]?.[0] ?? '';
    expect(text).toContain('no patient details included');
    expect(text).toContain('5 current medicines · 1 past or mentioned only');
    expect(text).toMatch(/- Zopiclone \(1 current, 1 past\)\n {2}Associated with dependence/);
    // Names as shown on the page ("Co-codamol") stay out: the pack's drug name is used.
    expect(text).not.toContain('Co-codamol');
    await waitFor(() =>
      expect(popupStatus()).toBe('Copied: the page summary (no patient details).'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Print summary' }));
    expect(openPrint).toHaveBeenCalledOnce();
  });
});
