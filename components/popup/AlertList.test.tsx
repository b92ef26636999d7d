import { render, screen } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { AlertList } from './AlertList';

describe('AlertList', () => {
  test('names each combination and its medicines under a heading', async () => {
    const { container } = render(
      <AlertList
        alerts={[
          {
            id: 'opioid-with-sedative',
            title: 'Opioid with a benzodiazepine, z-drug or gabapentinoid',
            drugs: ['Codeine', 'Diazepam'],
          },
        ]}
      />,
    );
    const region = screen.getByRole('region', { name: 'Co-prescribing' });
    expect(region.querySelector('li')?.textContent).toBe(
      'Opioid with a benzodiazepine, z-drug or gabapentinoid: Codeine + Diazepam',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('no alerts: nothing rendered', () => {
    const { container } = render(<AlertList alerts={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
