import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { LetterList } from './LetterList';
import { LETTERS } from '../../tests/support/popup-data';
import type { LetterView } from './types';

const TWO: readonly LetterView[] = [
  {
    id: 'decline-shared-care',
    title: 'Decline a shared-care request (to the specialist)',
    audience: 'specialist',
    text: 'Dear colleague,\n\nRe: request to transfer prescribing of Methotrexate under shared care',
  },
  {
    id: 'request-shared-care-details',
    title: 'Ask for the shared care agreement first (to the specialist)',
    audience: 'specialist',
    text: 'Dear colleague,\n\nRe: shared care for Methotrexate',
  },
];

describe('LetterList', () => {
  test('lists each letter with its audience, a named copy button and a preview', async () => {
    const { container } = render(<LetterList drug="Methotrexate" letters={TWO} onCopy={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Next-step letters for Methotrexate' });
    expect(list.querySelectorAll('li')).toHaveLength(2);
    expect(screen.getAllByText('To the specialist')).toHaveLength(2);
    expect(
      screen.getByRole('button', {
        name: 'Copy letter: Decline a shared-care request (to the specialist)',
      }),
    ).toBeTruthy();
    expect(container.querySelectorAll('details summary')[0]?.textContent).toBe('Preview');
    expect(await axeViolations(container)).toEqual([]);
  });

  test('"Copy letter" hands over that letter', () => {
    const onCopy = vi.fn();
    render(<LetterList drug="Methotrexate" letters={TWO} onCopy={onCopy} />);
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Copy letter: Ask for the shared care agreement first (to the specialist)',
      }),
    );
    expect(onCopy).toHaveBeenCalledWith(TWO[1]);
  });

  test('the preview is the filled text, as text', () => {
    const hostile: LetterView = {
      ...(LETTERS[0] as LetterView),
      text: 'About <img src=x onerror="window.pwned=1"> Zopiclone',
    };
    const { container } = render(
      <LetterList drug="Zopiclone" letters={[hostile]} onCopy={vi.fn()} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('pre')?.textContent).toBe(hostile.text);
  });

  test('no letters: nothing rendered', () => {
    const { container } = render(<LetterList drug="Amlodipine" letters={[]} onCopy={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });
});
