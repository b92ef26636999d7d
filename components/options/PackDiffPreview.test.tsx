import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { PackDiffPreview } from './PackDiffPreview';
import {
  amlodipineRule,
  core,
  localPack,
  snapshot,
  validCheck,
} from '../../tests/support/options-snapshot';

const lithium = core.rules.find((r) => r.id === 'lithium');
if (!lithium) throw new Error('core.json has no lithium rule');

describe('PackDiffPreview', () => {
  test('names the pack, its version, publisher and dates, and says nothing has changed yet', () => {
    render(<PackDiffPreview check={validCheck()} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    screen.getByRole('heading', { name: 'Check before applying: “Example ICB local positions”' });
    const preview = screen.getByTestId('plens-preview');
    expect(preview.textContent).toContain(
      'version 2026.11.1 by NHS Example ICB Medicines Optimisation Team, published 1 November 2026, review by 1 May 2027',
    );
    expect(preview.textContent).toContain('Nothing has changed yet.');
  });

  test('lists added rules and rules switched off, with the reason', () => {
    render(<PackDiffPreview check={validCheck()} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByTestId('plens-added').textContent).toContain(
      'Amlodipine — No commissioned service',
    );
    expect(screen.getByTestId('plens-removed').textContent).toContain(
      'switched off: Example ICB: prescribed on specialist advice.',
    );
    const summary = within(screen.getByTestId('plens-diff-summary')).getAllByRole('listitem');
    expect(summary.map((li) => li.textContent)).toEqual([
      '1 rule added',
      '0 rules changed',
      '1 rule removed',
      '0 names flagged in another category',
    ]);
  });

  test('says which services and referral directory entries the pack changes (#19)', () => {
    const bows = core.directory?.[0];
    if (!bows) throw new Error('core.json has no directory');
    const pack = {
      ...localPack(),
      directory: [{ ...bows, id: 'example-clinic', name: 'Example clinic' }],
    };
    render(<PackDiffPreview check={validCheck(pack)} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByTestId('plens-diff-services').textContent).toBe(
      'Referral directory: added Example clinic',
    );
  });

  test('lists changed rules and the names that would be flagged in another colour', () => {
    const pack = localPack({
      rules: [{ ...lithium, categories: ['specialist-initiation'] }],
      disable: undefined,
    });
    render(<PackDiffPreview check={validCheck(pack)} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByTestId('plens-changed').textContent).toContain('Lithium — categories');
    expect(screen.getByTestId('plens-moved').textContent).toContain(
      'Shared care → Specialist initiation',
    );
  });

  test('says so when the pack would change nothing', () => {
    const before = snapshot({ local: localPack() });
    render(
      <PackDiffPreview
        check={validCheck(localPack(), before)}
        onConfirm={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect(screen.getByTestId('plens-no-change').textContent).toContain('changes nothing');
    expect(screen.getByTestId('plens-preview').textContent).toContain(
      'It replaces the local pack “Example ICB local positions” version 2026.11.1 (from “example-icb.json”)',
    );
  });

  test('shows warnings, such as a review date in the past', () => {
    const check = {
      ...validCheck(),
      warnings: [
        {
          path: 'reviewBy',
          message: "The pack's review date 2025-06-01 has passed; its content may be out of date",
          severity: 'warning' as const,
        },
      ],
    };
    render(<PackDiffPreview check={check} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByTestId('plens-preview-warnings').textContent).toContain(
      'review date 2025-06-01 has passed',
    );
  });

  test('applies only on confirmation; cancel is separate; both are disabled while applying', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    const { rerender } = render(
      <PackDiffPreview check={validCheck()} onConfirm={onConfirm} onCancel={onCancel} />,
    );
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Apply this pack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
    rerender(
      <PackDiffPreview check={validCheck()} isBusy onConfirm={onConfirm} onCancel={onCancel} />,
    );
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Apply this pack' }).disabled,
    ).toBe(true);
  });

  test('a first import of a big pack lists 50 rules and counts the rest', () => {
    const rules = Array.from({ length: 60 }, (_, i) => ({
      ...amlodipineRule,
      id: `example-${i}`,
      drug: `Example ${String(i).padStart(2, '0')}`,
      names: [`example name ${i}`],
    }));
    render(
      <PackDiffPreview
        check={validCheck(localPack({ rules, disable: undefined }))}
        onConfirm={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    const items = within(screen.getByTestId('plens-added')).getAllByRole('listitem');
    expect(items).toHaveLength(51);
    expect(items.at(-1)?.textContent).toBe('and 10 more');
  });

  test('moves focus to its heading when shown', () => {
    render(<PackDiffPreview check={validCheck()} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(document.activeElement?.id).toBe('plens-preview-heading');
  });

  test.each([
    ['additions', validCheck()],
    [
      'changes and warnings',
      {
        ...validCheck(
          localPack({ rules: [{ ...lithium, categories: ['specialist-initiation'] }] }),
        ),
        warnings: [
          { path: 'reviewBy', message: 'Review date passed', severity: 'warning' as const },
        ],
      },
    ],
  ])('is accessible (preview shown: %s)', async (_state, check) => {
    const { container } = render(
      <main>
        <h2>Import</h2>
        <PackDiffPreview check={check} onConfirm={vi.fn()} onCancel={vi.fn()} />
      </main>,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
