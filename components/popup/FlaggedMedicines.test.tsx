import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import {
  describeCounts,
  FlaggedMedicines,
  hideLabel,
  type FlaggedMedicinesProps,
} from './FlaggedMedicines';
import { drug, GP_DRUGS, LETTERS } from '../../tests/support/popup-data';
import { card } from '../../tests/support/cards';

function props(overrides: Partial<FlaggedMedicinesProps> = {}): FlaggedMedicinesProps {
  return {
    drugs: GP_DRUGS,
    onReveal: vi.fn(),
    onDismiss: vi.fn(),
    onRestore: vi.fn(),
    lettersFor: (ruleId) => (ruleId === 'zopiclone' ? LETTERS : []),
    onCopy: vi.fn(),
    ...overrides,
  };
}

const listNames = () => screen.getAllByRole('list').map((l) => l.getAttribute('aria-labelledby'));

describe('FlaggedMedicines', () => {
  test('grouped by first category in order of importance, past-only medicines apart', async () => {
    const { container } = render(<FlaggedMedicines {...props()} />);
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Shared care (1)',
      'Specialist initiation (1)',
      'No commissioned service (1)',
      'Dependence-forming (2)',
      'Past medication (1)',
    ]);
    expect(listNames()).toEqual([
      'plens-group-shared-care',
      'plens-group-specialist-initiation',
      'plens-group-no-commissioned-service',
      'plens-group-dependence-forming',
      'plens-group-past',
    ]);
    const dependence = screen.getByRole('list', { name: 'Dependence-forming (2)' });
    expect(
      within(dependence)
        .getAllByTestId('plens-reveal')
        .map((b) => b.textContent),
    ).toEqual(['Codeine shown as “Co-codamol”; 1 current', 'Zopiclone 1 current, 1 past']);
    const past = screen.getByRole('list', { name: 'Past medication (1)' });
    expect(within(past).getByRole('button', { name: /^Tramadol/ }).textContent).toBe(
      'Tramadol 1 past',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('each medicine is a button named by the drug, the names shown and the counts', () => {
    const onReveal = vi.fn();
    render(<FlaggedMedicines {...props({ onReveal })} />);
    const methotrexate = screen.getByRole('button', { name: 'Methotrexate 2 current' });
    fireEvent.click(methotrexate);
    expect(onReveal).toHaveBeenCalledWith(GP_DRUGS[0]);
  });

  test('"More" discloses hiding (this record in this tab, or every tab) and the letters', async () => {
    const onDismiss = vi.fn();
    const onCopy = vi.fn();
    const { container } = render(<FlaggedMedicines {...props({ onDismiss, onCopy })} />);
    const more = screen.getByRole('button', { name: 'More: Zopiclone' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(
      screen.queryByRole('group', { name: 'Zopiclone: position, advice, hide and letters' }),
    ).toBeNull();
    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('group', {
      name: 'Zopiclone: position, advice, hide and letters',
    });
    expect(more.getAttribute('aria-controls')).toBe(panel.id);
    fireEvent.click(
      within(panel).getByRole('button', { name: 'Hide in every tab until the browser closes' }),
    );
    expect(onDismiss).toHaveBeenCalledWith(GP_DRUGS[4], 'session');
    fireEvent.click(
      within(panel).getByRole('button', {
        name: 'Copy letter: Note for the patient about withdrawal support',
      }),
    );
    expect(onCopy).toHaveBeenCalledWith(LETTERS[0]);
    expect(await axeViolations(container)).toEqual([]);
  });

  test('"More" shows the page card’s summary, position and advice for the medicine', async () => {
    const zopiclone = card({ matchedText: 'Zopiclone' });
    const { container } = render(
      <FlaggedMedicines
        {...props({ cardFor: (ruleId) => (ruleId === 'zopiclone' ? zopiclone : null) })}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'More: Zopiclone' }));
    const panel = screen.getByRole('group', {
      name: 'Zopiclone: position, advice, hide and letters',
    });
    expect(within(panel).getByTestId('plens-summary').textContent).toBe(zopiclone.summary);
    expect(within(panel).getByTestId('plens-position').textContent).toBe(zopiclone.position);
    expect(within(panel).getByTestId('plens-advice').textContent).toBe(zopiclone.advice);
    expect(await axeViolations(container)).toEqual([]);
  });

  test('Escape in the options collapses them, back on "More", and is marked as used', () => {
    render(<FlaggedMedicines {...props()} />);
    const more = screen.getByRole('button', { name: 'More: Zopiclone' });
    fireEvent.click(more);
    const dismissTab = screen.getByRole('button', {
      name: 'Hide on this patient’s record (this tab)',
    });
    dismissTab.focus();
    // fireEvent returns false when a handler called preventDefault.
    expect(fireEvent.keyDown(dismissTab, { key: 'Escape' })).toBe(false);
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(more);
    // Collapsed: Escape on "More" is not used, so it can close the popup.
    expect(fireEvent.keyDown(more, { key: 'Escape' })).toBe(true);
  });

  test('a hidden medicine stays listed, greyed, saying where it is hidden, with “Show again”; keyboard lands on it', async () => {
    const onRestore = vi.fn();
    const p = props({ onRestore });
    const { container, rerender } = render(<FlaggedMedicines {...p} />);
    fireEvent.click(screen.getByRole('button', { name: 'More: Zopiclone' }));
    const dismiss = screen.getByRole('button', {
      name: 'Hide on this patient’s record (this tab)',
    });
    dismiss.focus();
    fireEvent.click(dismiss);
    // The content script confirms through the summary: the medicine comes back dismissed.
    const dismissed = GP_DRUGS.map((d) =>
      d.ruleId === 'zopiclone' ? { ...d, dismissed: true } : d,
    );
    rerender(<FlaggedMedicines {...p} drugs={dismissed} />);
    const item = container.querySelector('[data-rule-id="zopiclone"]');
    expect(item?.className).toContain('plens-item--dismissed');
    expect(item?.textContent).toContain('Hidden on this record (this tab); 1 current, 1 past');
    expect(screen.queryByRole('button', { name: /^Zopiclone/ })).toBeNull();
    const restore = screen.getByRole('button', { name: 'Show again' });
    expect(restore.getAttribute('aria-describedby')).toBe('plens-item-zopiclone');
    expect(document.activeElement).toBe(restore);
    fireEvent.click(restore);
    expect(onRestore).toHaveBeenCalledWith(dismissed[4]);
    expect(await axeViolations(container)).toEqual([]);
    rerender(<FlaggedMedicines {...p} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Zopiclone/ }));
  });

  test('names are shown only when they differ from the drug; counts only when not zero', () => {
    expect(describeCounts(drug({ current: 0, past: 2, possible: 1 }))).toBe('2 past, 1 possible');
    // Issue #18: on a list of patients, how many patients; mentions are never "current".
    expect(describeCounts(drug({ current: 3, past: 0, patients: 2 }))).toBe(
      'current for 2 patients',
    );
    expect(describeCounts(drug({ current: 0, past: 0, mentions: 2 }))).toBe('mentioned 2 times');
    render(
      <FlaggedMedicines
        {...props({
          drugs: [drug({ names: ['zopiclone', 'Zimovane'], current: 0, past: 0, possible: 2 })],
        })}
      />,
    );
    expect(screen.getByTestId('plens-reveal').textContent).toBe(
      'Zopiclone shown as “Zimovane”; 2 possible',
    );
  });

  test('pack and page names are rendered as text', () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    const { container } = render(
      <FlaggedMedicines {...props({ drugs: [drug({ drug: hostile, names: [hostile] })] })} />,
    );
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('a medicine the practice is commissioned for (#19)', () => {
  test('its counts say it is covered by the practice’s service', () => {
    expect(
      describeCounts({
        ruleId: 'varenicline',
        drug: 'Varenicline',
        categories: ['no-commissioned-service'],
        names: [],
        current: 1,
        past: 0,
        possible: 0,
        dismissed: false,
        commissioned: true,
      }),
    ).toBe('1 current, covered by your practice’s service');
  });

  test.each([
    [{ current: 2, unstated: 0 }, '2 current'],
    [{ current: 1, unstated: 1 }, '1 possible current'],
    [{ current: 3, unstated: 1 }, '3 current (1 possible)'],
  ])('counts where the page does not say: %j → %s', (counts, expected) => {
    expect(describeCounts(drug({ ...counts, past: 0 }))).toBe(expected);
  });
});

describe('hide labels say where', () => {
  test.each([
    ['tab', 'record', 'Hide on this patient’s record (this tab)'],
    ['tab', 'page', 'Hide on this page (this tab)'],
    ['session', 'record', 'Hide in every tab until the browser closes'],
    ['session', 'page', 'Hide in every tab until the browser closes'],
  ] as const)('%s on a %s page: “%s”', (scope, tabScope, label) => {
    expect(hideLabel(scope, tabScope)).toBe(label);
  });

  test('a list of patients: “this tab” hides on this page, and the list says so', () => {
    const drugs = GP_DRUGS.map((d) =>
      d.ruleId === 'zopiclone' ? { ...d, dismissed: true, dismissedScope: 'tab' as const } : d,
    );
    render(<FlaggedMedicines {...props()} drugs={drugs} tabScope="page" />);
    fireEvent.click(screen.getByRole('button', { name: 'More: Methotrexate' }));
    expect(screen.getByRole('button', { name: 'Hide on this page (this tab)' })).toBeTruthy();
    expect(document.querySelector('[data-rule-id="zopiclone"]')?.textContent).toContain(
      'Hidden on this page (this tab)',
    );
  });
});
