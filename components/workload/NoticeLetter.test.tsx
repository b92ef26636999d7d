import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { NoticeLetter } from './NoticeLetter';

describe('NoticeLetter', () => {
  test('shows the letter as text and copies it', async () => {
    const onCopy = vi.fn(() => Promise.resolve());
    const text = 'To: the ICB\n\n<b>care</b> relating to the following medicines (189 patients)';
    const { container } = render(<NoticeLetter text={text} onCopy={onCopy} />);
    expect(screen.getByTestId('plens-letter-text').textContent).toBe(text);
    expect(container.querySelector('b')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy letter' }));
    expect(onCopy).toHaveBeenCalledWith(text);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Letter copied'));
    expect(await axeViolations(container)).toEqual([]);
  });
});
