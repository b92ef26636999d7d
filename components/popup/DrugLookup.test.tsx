import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { DrugLookup } from './DrugLookup';
import { fakeRules, LETTERS } from '../../tests/support/popup-data';

const box = () => screen.getByRole('searchbox', { name: 'Medicine name' });
const type = (text: string) => fireEvent.input(box(), { target: { value: text } });
const status = () => screen.getByTestId('plens-lookup-status').textContent;

describe('DrugLookup', () => {
  test('an empty box: a labelled search field with a hint, nothing else', async () => {
    const { container } = render(<DrugLookup rules={fakeRules()} onCopy={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Look up a medicine' })).toBeTruthy();
    expect(box().getAttribute('aria-describedby')).toBe('plens-lookup-hint');
    expect(status()).toBe('');
    expect(screen.queryByTestId('plens-lookup-card')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('"zopiclon" answers with the popover card and the letters', async () => {
    const onCopy = vi.fn();
    const { container } = render(<DrugLookup rules={fakeRules()} onCopy={onCopy} />);
    type('zopiclon');
    expect(status()).toBe('1 medicine matches: Zopiclone.');
    const answer = screen.getByTestId('plens-lookup-card');
    expect(within(answer).getByRole('heading', { level: 2 }).textContent).toBe('Zopiclone');
    expect(within(answer).getByTestId('plens-position').textContent).toContain('dependence');
    fireEvent.click(
      within(answer).getByRole('button', {
        name: 'Copy letter: Note for the patient about withdrawal support',
      }),
    );
    expect(onCopy).toHaveBeenCalledWith(LETTERS[0]);
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a brand name says whose name it is', () => {
    render(<DrugLookup rules={fakeRules()} onCopy={vi.fn()} />);
    type('Zimovane');
    expect(screen.getByText('“Zimovane” is a name for Zopiclone.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Zopiclone' })).toBeTruthy();
  });

  test('several matches: a choice of medicines, the first shown, pressed state announced', async () => {
    const { container } = render(<DrugLookup rules={fakeRules()} onCopy={vi.fn()} />);
    type('zo');
    expect(status()).toBe('2 medicines match; showing Zopiclone.');
    const choices = screen.getByRole('list', { name: 'Matching medicines' });
    const zolpidem = within(choices).getByRole('button', { name: 'Zolpidem' });
    expect(zolpidem.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(zolpidem);
    expect(zolpidem.getAttribute('aria-pressed')).toBe('true');
    expect(status()).toBe('2 medicines match; showing Zolpidem.');
    expect(screen.getByRole('heading', { level: 2, name: 'Zolpidem' })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('no match says so plainly', async () => {
    const { container } = render(<DrugLookup rules={fakeRules()} onCopy={vi.fn()} />);
    type('amlodipine');
    expect(status()).toBe(
      'No flagged medicine matches “amlodipine”: it has no contractual flag in the packs in force, or try another spelling.',
    );
    expect(screen.queryByTestId('plens-lookup-card')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('while the packs load, typing is kept and the status says so', () => {
    render(<DrugLookup rules={null} onCopy={vi.fn()} />);
    type('zopiclon');
    expect(status()).toBe('Loading the rule packs…');
  });

  test('Escape clears a filled box (used), then is left for the popup', () => {
    render(<DrugLookup rules={fakeRules()} onCopy={vi.fn()} />);
    type('zopiclon');
    expect(fireEvent.keyDown(box(), { key: 'Escape' })).toBe(false);
    expect((box() as HTMLInputElement).value).toBe('');
    expect(fireEvent.keyDown(box(), { key: 'Escape' })).toBe(true);
  });

  test('autoFocus puts the cursor in the box only when nothing else has focus', () => {
    const { unmount } = render(<DrugLookup rules={fakeRules()} onCopy={vi.fn()} autoFocus />);
    expect(document.activeElement).toBe(box());
    unmount();
    const other = document.createElement('input');
    document.body.append(other);
    other.focus();
    render(<DrugLookup rules={fakeRules()} onCopy={vi.fn()} autoFocus />);
    expect(document.activeElement).toBe(other);
  });
});
