import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { PackList, type PackListProps } from './PackList';
import { core, localPack, snapshot, summary } from '../../tests/support/options-snapshot';

function props(overrides: Partial<PackListProps> = {}): PackListProps {
  const s = snapshot({ local: localPack() });
  return {
    packs: s.packs,
    problems: [],
    policyProblems: [],
    urlPackStatus: null,
    localFile: s.localFile,
    onExport: () => undefined,
    onRemove: () => undefined,
    ...overrides,
  };
}

const card = (name: string) => {
  const heading = screen.getByRole('heading', { level: 3, name });
  const item = heading.closest('li');
  if (!item) throw new Error('no card');
  return within(item);
};

describe('PackList', () => {
  test('shows each layer in force with its name, publisher, version, dates and counts', () => {
    render(<PackList {...props()} />);
    const national = card('National pack (built in)');
    national.getByText(core.name);
    expect(national.getByText('Publisher').nextElementSibling?.textContent).toBe(core.publisher);
    expect(national.getByText('Rules').nextElementSibling?.textContent).toBe(
      core.rules.length.toLocaleString('en-GB'),
    );
    const local = card('Local pack');
    local.getByText('Example ICB local positions');
    expect(local.getByText('Version').nextElementSibling?.textContent).toBe('2026.11.1');
    expect(local.getByText('Published').nextElementSibling?.textContent).toBe('1 November 2026');
    expect(local.getByText('Review by').nextElementSibling?.textContent).toBe('1 May 2027');
    expect(local.getByText('Names').nextElementSibling?.textContent).toBe('2');
    expect(local.getByText('Switches off').nextElementSibling?.textContent).toBe('1 earlier rule');
    expect(local.getByText('File').nextElementSibling?.textContent).toBe('example-icb.json');
    expect(local.getByText('Imported').nextElementSibling?.textContent).toBe(
      '20 November 2026 at 09:30',
    );
  });

  test('a pack past its review date still shows as in force, with a clear warning', () => {
    const overdue = localPack({ publishedAt: '2024-06-01', reviewBy: '2025-06-01' });
    render(
      <PackList {...props({ packs: [summary('bundled', core), summary('local', overdue)] })} />,
    );
    const warning = screen.getByTestId('plens-review-overdue');
    expect(warning.textContent).toContain('Review date passed.');
    expect(warning.textContent).toContain('1 June 2025');
    expect(warning.textContent).toContain('It still works');
  });

  test('problems from loading, from the policy and from the URL pack are listed in plain English', () => {
    render(
      <PackList
        {...props({
          problems: [
            {
              layer: 'local',
              message:
                'The stored local pack "x.json" no longer validates; using the national pack.',
            },
          ],
          policyProblems: ['Enterprise policy ignored: packUrl: packUrl must be an https:// link'],
          urlPackStatus: {
            url: 'https://packs.example-icb.nhs.uk/pack.json',
            checkedAt: '2026-11-24T08:00:00.000Z',
            ok: false,
            message: 'the signature does not match',
          },
        })}
      />,
    );
    const items = within(screen.getByTestId('plens-problems')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'The stored local pack "x.json" no longer validates; using the national pack.',
      'Enterprise policy ignored: packUrl: packUrl must be an https:// link',
      'The policy pack at https://packs.example-icb.nhs.uk/pack.json could not be updated (checked 24 November 2026 at 08:00): the signature does not match',
    ]);
  });

  test('export is one click; remove asks first, and "keep it" changes nothing', () => {
    const onExport = vi.fn();
    const onRemove = vi.fn();
    render(<PackList {...props({ onExport, onRemove })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export local pack' }));
    expect(onExport).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Remove local pack' }));
    expect(onRemove).not.toHaveBeenCalled();
    const confirm = within(screen.getByTestId('plens-remove-confirm'));
    expect(screen.getByTestId('plens-remove-confirm').textContent).toContain(
      'Remove the local pack “example-icb.json”? The national pack will be in force on every open clinical page straight away. The pack is kept, so you can undo this.',
    );
    expect(document.activeElement?.id).toBe('plens-remove-question');
    fireEvent.click(confirm.getByRole('button', { name: 'No, keep it' }));
    expect(screen.queryByTestId('plens-remove-confirm')).toBeNull();
    expect(onRemove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove local pack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove it' }));
    expect(onRemove).toHaveBeenCalledTimes(1);
  });

  test('a removed or replaced pack can be put back', async () => {
    const onUndo = vi.fn();
    const undo = {
      action: 'removed' as const,
      packName: 'Example ICB local positions',
      fileName: 'example-icb.json',
      at: '2026-11-20T09:30:00.000Z',
    };
    const { container } = render(
      <main>
        <PackList
          {...props({ packs: [summary('bundled', core)], localFile: null, undo, onUndo })}
        />
      </main>,
    );
    expect(screen.getByTestId('plens-undo').textContent).toContain(
      'The local pack “Example ICB local positions” (“example-icb.json”) was removed on',
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Undo: put “Example ICB local positions” back' }),
    );
    expect(onUndo).toHaveBeenCalledTimes(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  test('with only the national pack there is nothing to export or remove', () => {
    render(<PackList {...props({ packs: [summary('bundled', core)], localFile: null })} />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('a stored local pack that no longer validates can still be exported or removed', () => {
    render(
      <PackList
        {...props({
          packs: [summary('bundled', core)],
          localFile: { fileName: 'old.json', importedAt: '2026-01-02T03:04:05.000Z' },
        })}
      />,
    );
    const stored = card('Local pack (not in use)');
    stored.getByText(/“old\.json”, imported 2 January 2026 at 03:04, no longer passes the checks/);
    stored.getByRole('button', { name: 'Export local pack' });
    stored.getByRole('button', { name: 'Remove local pack' });
  });

  test.each([
    ['national only', props({ packs: [summary('bundled', core)], localFile: null })],
    ['with a local pack', props()],
    [
      'review overdue and problems',
      props({
        packs: [
          summary('bundled', core),
          summary('local', localPack({ publishedAt: '2024-06-01', reviewBy: '2025-06-01' })),
        ],
        problems: [{ layer: 'managed', message: 'The pack set by enterprise policy is invalid.' }],
      }),
    ],
  ])('is accessible (%s)', async (_state, p) => {
    const { container } = render(
      <main>
        <PackList {...p} />
      </main>,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
