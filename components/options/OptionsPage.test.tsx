import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { OptionsPage } from './OptionsPage';
import {
  core,
  fakeStore,
  invalidCheck,
  localPack,
  snapshot,
  summary,
  validCheck,
} from '../../tests/support/options-snapshot';
import type { OptionsSnapshot } from './types';

async function choose(text: string, name = 'example-icb.json') {
  const input = await screen.findByLabelText('Rule pack file (JSON)');
  fireEvent.change(input, { target: { files: [new File([text], name)] } });
}

const status = () => screen.getByTestId('plens-status').textContent;
const packHeadings = () =>
  screen
    .getAllByRole('heading', { level: 3 })
    .map((h) => h.textContent)
    .filter((t) => t?.includes('pack'));

describe('OptionsPage', () => {
  test('shows the packs in force once loaded', async () => {
    render(<OptionsPage store={fakeStore(snapshot({ local: localPack() }))} />);
    await screen.findByRole('heading', { name: 'Rule packs in force' });
    expect(packHeadings()).toEqual(['National pack (built in)', 'Local pack']);
  });

  test('a valid pack is previewed, and stored only on confirmation', async () => {
    const check = validCheck();
    const store = fakeStore(snapshot(), {
      checkPack: vi.fn(() => Promise.resolve(check)),
      applyPack: vi.fn(() => Promise.resolve()),
    });
    render(<OptionsPage store={store} />);
    await choose('{"pack":"text"}');
    await screen.findByTestId('plens-preview');
    expect(store.checkPack).toHaveBeenCalledWith('{"pack":"text"}', 'example-icb.json');
    expect(store.applyPack).not.toHaveBeenCalled();
    expect(status()).toContain('passed the checks');
    fireEvent.click(screen.getByRole('button', { name: 'Apply this pack' }));
    expect(store.applyPack).toHaveBeenCalledWith(check);
    await waitFor(() => expect(screen.queryByTestId('plens-preview')).toBeNull());
    expect(status()).toBe(
      'The local pack “Example ICB local positions” version 2026.11.1 is now in force. Open clinical pages update by themselves.',
    );
  });

  test('an invalid pack lists its problems and stores nothing', async () => {
    const store = fakeStore(snapshot(), {
      checkPack: vi.fn(() => Promise.resolve(invalidCheck)),
      applyPack: vi.fn(() => Promise.resolve()),
    });
    render(<OptionsPage store={store} />);
    await choose('{', 'broken-pack.json');
    const issues = await screen.findByTestId('plens-validation-issues');
    expect(within(issues).getByTestId('plens-errors').textContent).toContain(
      "Rule 1 (id 'amlodipine-local', Amlodipine), source 1: Source url must be an https:// link with a host",
    );
    expect(status()).toBe('“broken-pack.json” was not imported: 2 problems. Nothing has changed.');
    expect(store.applyPack).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Apply this pack' })).toBeNull();
  });

  test('cancelling a preview changes nothing', async () => {
    const store = fakeStore(snapshot(), { applyPack: vi.fn(() => Promise.resolve()) });
    render(<OptionsPage store={store} />);
    await choose('{}');
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('plens-preview')).toBeNull();
    expect(status()).toBe('Import cancelled. Nothing has changed.');
    expect(store.applyPack).not.toHaveBeenCalled();
  });

  test('if storing fails, the preview stays and says nothing changed', async () => {
    const store = fakeStore(snapshot(), {
      applyPack: vi.fn(() => Promise.reject(new Error('quota exceeded'))),
    });
    render(<OptionsPage store={store} />);
    await choose('{}');
    fireEvent.click(await screen.findByRole('button', { name: 'Apply this pack' }));
    await waitFor(() =>
      expect(status()).toBe('The pack was not applied: quota exceeded. Nothing has changed.'),
    );
    screen.getByTestId('plens-preview');
  });

  test('remove and export go to the store, and the page reloads what is in force', async () => {
    let state: OptionsSnapshot = snapshot({ local: localPack() });
    const store = fakeStore(state, {
      load: vi.fn(() => Promise.resolve(state)),
      removeLocalPack: vi.fn(() => {
        state = snapshot();
        return Promise.resolve();
      }),
      exportLocalPack: vi.fn(() => Promise.resolve()),
    });
    render(<OptionsPage store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export local pack' }));
    expect(store.exportLocalPack).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(status()).toBe('The local pack was exported to your downloads.'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove local pack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove it' }));
    await waitFor(() => expect(packHeadings()).toEqual(['National pack (built in)']));
    expect(status()).toBe(
      'The local pack was removed. The national pack is in force again. Use “Undo” to put it back.',
    );
  });

  test('storage changes elsewhere (another window, policy) are picked up', async () => {
    let state: OptionsSnapshot = snapshot();
    let notify: () => void = () => undefined;
    const store = fakeStore(state, {
      load: () => Promise.resolve(state),
      watch: (onChange) => {
        notify = onChange;
        return () => undefined;
      },
    });
    render(<OptionsPage store={store} />);
    await screen.findByRole('heading', { name: 'National pack (built in)' });
    state = snapshot({ local: localPack() });
    notify();
    await screen.findByRole('heading', { name: 'Local pack' });
  });

  test('a preference change is saved', async () => {
    const store = fakeStore(snapshot(), { savePreferences: vi.fn(() => Promise.resolve()) });
    render(<OptionsPage store={store} />);
    fireEvent.click(await screen.findByRole('radio', { name: /Underline only/ }));
    expect(store.savePreferences).toHaveBeenCalledWith(
      expect.objectContaining({ highlightStyle: 'underline' }),
    );
    await waitFor(() => expect(status()).toContain('Preferences saved.'));
  });

  const overdue = localPack({ publishedAt: '2024-06-01', reviewBy: '2025-06-01' });
  test.each<[string, OptionsSnapshot, ((store: ReturnType<typeof fakeStore>) => Promise<void>)?]>([
    ['empty: national pack only', snapshot()],
    [
      'errors shown',
      snapshot(),
      async (store) => {
        store.checkPack = () => Promise.resolve(invalidCheck);
        await choose('{', 'broken-pack.json');
        await screen.findByTestId('plens-validation-issues');
      },
    ],
    [
      'preview shown',
      snapshot({ local: localPack() }),
      async () => {
        await choose('{}');
        await screen.findByTestId('plens-preview');
      },
    ],
    [
      'locked by policy',
      snapshot({
        local: localPack(),
        managed: localPack({ packId: 'example-policy', name: 'Example policy pack' }),
        extra: { locks: { categories: { 'shared-care': true }, highlightStyle: 'tint' } },
      }),
    ],
    [
      'review overdue, with problems',
      {
        ...snapshot({ local: overdue }),
        packs: [summary('bundled', core), summary('local', overdue)],
        policyProblems: ['Enterprise policy ignored: packUrl: packUrl must be an https:// link'],
      },
    ],
  ])('is accessible (%s)', async (_state, state, act) => {
    const store = fakeStore(state);
    const { container } = render(<OptionsPage store={store} />);
    await screen.findByRole('heading', { name: 'Rule packs in force' });
    await act?.(store);
    expect(await axeViolations(container)).toEqual([]);
  });
});
