import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { Preferences } from './Preferences';
import { snapshot } from '../../tests/support/options-snapshot';

const { preferences } = snapshot();
const box = (name: RegExp | string) => screen.getByRole<HTMLInputElement>('checkbox', { name });
const radio = (name: RegExp | string) => screen.getByRole<HTMLInputElement>('radio', { name });

describe('Preferences', () => {
  test('shows each category and the highlight style as the user set them', () => {
    render(
      <Preferences
        value={{
          ...preferences,
          categories: { ...preferences.categories, 'dependence-forming': false },
          highlightStyle: 'underline',
        }}
        locks={{}}
        onChange={vi.fn()}
      />,
    );
    expect(box('Shared care').checked).toBe(true);
    expect(box('Dependence-forming').checked).toBe(false);
    expect(radio(/Underline only/).checked).toBe(true);
    expect(screen.queryByTestId('plens-locked')).toBeNull();
  });

  test('changing a control reports the whole new value', () => {
    const onChange = vi.fn();
    render(<Preferences value={preferences} locks={{}} onChange={onChange} />);
    fireEvent.click(box('Dependence-forming'));
    expect(onChange).toHaveBeenLastCalledWith({
      ...preferences,
      categories: { ...preferences.categories, 'dependence-forming': false },
    });
    fireEvent.click(radio(/Underline only/));
    expect(onChange).toHaveBeenLastCalledWith({ ...preferences, highlightStyle: 'underline' });
  });

  test('a preference locked by policy shows the policy value, disabled, and says why', () => {
    render(
      <Preferences
        value={preferences}
        locks={{ categories: { 'dependence-forming': false }, highlightStyle: 'underline' }}
        onChange={vi.fn()}
      />,
    );
    const locked = box(/Dependence-forming/);
    expect(locked.checked).toBe(false);
    expect(locked.disabled).toBe(true);
    expect(screen.getByText('Dependence-forming').parentElement?.textContent).toContain(
      'set by your organisation',
    );
    expect(locked.getAttribute('aria-describedby')).toBe('plens-locked-note');
    expect(screen.getByTestId('plens-locked').textContent).toContain(
      'Some preferences are set by your organisation.',
    );
    expect(radio(/Underline only/).checked).toBe(true);
    expect(radio(/Tint and underline/).disabled).toBe(true);
    // What is not locked stays the user's to change.
    expect(box(/Shared care/).disabled).toBe(false);
  });

  test.each([
    ['unlocked', {}],
    ['locked by policy', { categories: { 'shared-care': true }, highlightStyle: 'tint' as const }],
  ])('is accessible (%s)', async (_state, locks) => {
    const { container } = render(
      <main>
        <Preferences value={preferences} locks={locks} onChange={vi.fn()} />
      </main>,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
