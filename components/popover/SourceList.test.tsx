import { render, screen } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { SourceList } from './SourceList';

const sources = [
  {
    title: 'Prescribed medicines review',
    publisher: 'PHE',
    date: '2019-09-10',
    url: 'https://www.gov.uk/x',
  },
  { title: 'Local formulary', publisher: 'Example ICB', url: 'javascript:alert(1)' },
  { title: 'Refused by link policy', publisher: 'Elsewhere', url: '' },
];

describe('SourceList', () => {
  test('links only https sources, with publisher and date beside each', () => {
    render(<SourceList sources={sources} />);
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      'https://www.gov.uk/x',
    ]);
    expect(screen.getByRole('list').textContent).toBe(
      'Prescribed medicines review — PHE, 2019-09-10Local formulary — Example ICBRefused by link policy — Elsewhere',
    );
  });

  test('is accessible', async () => {
    const { container } = render(<SourceList sources={sources} />);
    expect(await axeViolations(container)).toEqual([]);
  });
});
