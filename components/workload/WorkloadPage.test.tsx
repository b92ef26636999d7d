import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { sampleSummary } from '../../tests/support/workload-summary';
import type { WorkloadOutcome, WorkloadStore } from './types';
import { WorkloadPage } from './WorkloadPage';

function fakeStore(outcomes: WorkloadOutcome[]) {
  const store = {
    count: vi.fn<WorkloadStore['count']>((_bytes, _choice, onProgress) => {
      onProgress(0, 16);
      onProgress(16, 16);
      return Promise.resolve(outcomes.shift() ?? { kind: 'error', message: 'no more' });
    }),
    letter: vi.fn<WorkloadStore['letter']>(() => Promise.resolve('To: the ICB\n\n189 patients')),
    kept: vi.fn<WorkloadStore['kept']>(() => Promise.resolve(null)),
    keep: vi.fn<WorkloadStore['keep']>((fileName, summary) =>
      Promise.resolve({ keptAt: '2026-12-07T10:00:00.000Z', fileName, summary }),
    ),
    forget: vi.fn<WorkloadStore['forget']>(() => Promise.resolve()),
  };
  return store;
}

function choose(name = 'search.csv') {
  const input = screen.getByLabelText('Choose an export (CSV or .xlsx)');
  const file = new File(['Medication Name\nWarfarin'], name, { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('WorkloadPage', () => {
  test('a chosen export is counted with progress; nothing is kept unless asked', async () => {
    const store = fakeStore([{ kind: 'done', summary: sampleSummary(), shape: 'emis-web' }]);
    const copy = vi.fn((_text: string) => Promise.resolve());
    const print = vi.fn();
    const { container } = render(<WorkloadPage store={store} copy={copy} print={print} />);
    choose();
    await screen.findByRole('heading', { name: 'Workload summary' });
    expect(store.count.mock.calls[0]?.[1]).toEqual({ columns: null, dropIdentifiers: false });
    expect(screen.getByTestId('plens-progress-text').textContent).toBe('16 of 16 rows');
    expect(store.keep).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Copy summary' }));
    expect(copy.mock.calls[0]?.[0]).toContain('Shared care with no signed agreement recorded here');
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();

    fireEvent.click(screen.getByRole('button', { name: 'Fill the notice letter' }));
    expect(await screen.findByTestId('plens-letter-text')).toHaveProperty(
      'textContent',
      'To: the ICB\n\n189 patients',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Keep this summary' }));
    await waitFor(() => expect(store.keep).toHaveBeenCalledWith('search.csv', sampleSummary()));
    expect(await axeViolations(container)).toEqual([]);
  });

  test('identifier columns are refused; dropping them counts again with consent', async () => {
    const store = fakeStore([
      {
        kind: 'identifiers',
        header: ['NHS Number', 'Medication Name'],
        identifiers: [{ index: 0, header: 'NHS Number', looksLike: 'an NHS number' }],
      },
      { kind: 'done', summary: sampleSummary({ droppedColumns: 1 }), shape: 'emis-web' },
    ]);
    render(<WorkloadPage store={store} />);
    choose();
    expect((await screen.findByTestId('plens-refusal')).textContent).toContain(
      'Nothing was counted',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Drop these columns and count the rest' }));
    await screen.findByRole('heading', { name: 'Workload summary' });
    expect(store.count.mock.calls[1]?.[1]).toEqual({ columns: null, dropIdentifiers: true });
    expect(screen.getByTestId('plens-summary-source').textContent).toContain('dropped unread');
  });

  test('an error is shown as an alert', async () => {
    const store = fakeStore([{ kind: 'error', message: 'Row 3, column 2 ("Patient Count"): bad' }]);
    render(<WorkloadPage store={store} />);
    choose();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Row 3, column 2 ("Patient Count"): bad',
    );
  });

  test('a kept summary can be shown and forgotten', async () => {
    const store = fakeStore([]);
    store.kept.mockResolvedValue({
      keptAt: '2026-12-01T09:00:00.000Z',
      fileName: 'old.csv',
      summary: sampleSummary(),
    });
    render(<WorkloadPage store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show it' }));
    expect(screen.getByTestId('plens-summary-source').textContent).toContain('From old.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Forget this summary' }));
    await waitFor(() => expect(store.forget).toHaveBeenCalledOnce());
    await waitFor(() => expect(screen.queryByTestId('plens-kept')).toBeNull());
  });
});
