import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { readInstructions } from './instructions';
import { WelcomePage } from './WelcomePage';

const INSTRUCTIONS = readInstructions(
  '# Prescribing Lens — instructions for use\n\n## Reading the marks\n\n- **Coloured tint**: exact.\n',
);

function renderPage(onOpenOptions = vi.fn()) {
  return render(
    <WelcomePage
      version="1.2.3"
      hosts={['https://*.ncrs.nhs.uk/*']}
      instructions={INSTRUCTIONS}
      onOpenOptions={onOpenOptions}
    />,
  );
}

describe('WelcomePage', () => {
  test('says what each colour means, where it runs, where to set the practice, and the version', async () => {
    const { container } = renderPage();
    const key = screen.getByTestId('plens-colour-key');
    expect(within(key).getByText(/Shared care/)).toBeTruthy();
    expect(within(key).getByText(/Possible match/)).toBeTruthy();
    expect(within(key).getByText(/Past medication/)).toBeTruthy();
    expect(screen.getByText('https://*.ncrs.nhs.uk/*')).toBeTruthy();
    expect(screen.getByText(/Check this page/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Your practice' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What’s new in 1.2.3' })).toBeTruthy();
    expect(screen.getByText('Prescribing Lens version 1.2.3')).toBeTruthy();
    expect(screen.getByText(/see the instructions for use/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('the instructions for use are on the page, under their own heading', () => {
    renderPage();
    const section = screen.getByRole('region', { name: 'Instructions for use' });
    expect(within(section).getByRole('heading', { name: 'Reading the marks' })).toBeTruthy();
    expect(within(section).getByText('Coloured tint').tagName).toBe('STRONG');
  });

  test('"Open the options" asks for the options page', () => {
    const onOpenOptions = vi.fn();
    renderPage(onOpenOptions);
    fireEvent.click(screen.getByRole('button', { name: 'Open the options' }));
    expect(onOpenOptions).toHaveBeenCalledOnce();
  });
});
