import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { placeVertically, PopoverLayer } from './PopoverLayer';
import { card } from '../../tests/support/cards';

const viewport = { width: 1280, height: 800 };
const anchor = { top: 100, bottom: 120, left: 40 };

describe('PopoverLayer', () => {
  test('is a labelled, non-modal dialog', () => {
    render(
      <PopoverLayer
        cards={[card()]}
        anchor={anchor}
        viewport={viewport}
        autoFocus={false}
        onClose={() => undefined}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Zopiclone' });
    expect(dialog.getAttribute('aria-modal')).toBe('false');
  });

  test('Escape and the close button both close it', () => {
    const onClose = vi.fn();
    render(
      <PopoverLayer
        cards={[card()]}
        anchor={anchor}
        viewport={viewport}
        autoFocus={false}
        onClose={onClose}
      />,
    );
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  test('takes focus only when asked (a click), never on hover', () => {
    const { unmount } = render(
      <PopoverLayer
        cards={[card()]}
        anchor={anchor}
        viewport={viewport}
        autoFocus={false}
        onClose={() => undefined}
      />,
    );
    expect(document.activeElement).toBe(document.body);
    unmount();
    render(
      <PopoverLayer
        cards={[card()]}
        anchor={anchor}
        viewport={viewport}
        autoFocus
        onClose={() => undefined}
      />,
    );
    expect(document.activeElement).toBe(screen.getByRole('dialog'));
  });

  test('stays inside the viewport horizontally', () => {
    render(
      <PopoverLayer
        cards={[card()]}
        anchor={{ top: 100, bottom: 120, left: 1250 }}
        viewport={viewport}
        autoFocus={false}
        onClose={() => undefined}
      />,
    );
    const dialog = screen.getByRole('dialog');
    expect(parseFloat(dialog.style.left) + parseFloat(dialog.style.width)).toBeLessThanOrEqual(
      1280 - 8,
    );
  });

  test('shows one card per rule for a combination or form-dependent name', () => {
    render(
      <PopoverLayer
        cards={[card(), card({ ruleId: 'codeine', drug: 'Codeine' })]}
        anchor={anchor}
        viewport={viewport}
        autoFocus={false}
        onClose={() => undefined}
      />,
    );
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Zopiclone',
      'Codeine',
    ]);
  });

  test.each([
    ['fits below', 200, { top: 100, bottom: 120, left: 0 }, { top: 126 }],
    ['flips above when only above fits', 300, { top: 700, bottom: 720, left: 0 }, { top: 394 }],
    [
      'caps height below when below is roomier',
      900,
      { top: 100, bottom: 120, left: 0 },
      { top: 126, maxHeight: 666 },
    ],
    [
      'caps height above when above is roomier',
      900,
      { top: 600, bottom: 620, left: 0 },
      { top: 8, maxHeight: 586 },
    ],
  ])('placement: %s', (_why, height, anchorRect, expected) => {
    expect(placeVertically(height, anchorRect, 800)).toEqual(expected);
  });

  test('is accessible', async () => {
    const { container } = render(
      <PopoverLayer
        cards={[card()]}
        anchor={anchor}
        viewport={viewport}
        autoFocus={false}
        onClose={() => undefined}
      />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
