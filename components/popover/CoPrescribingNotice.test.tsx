import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { CoPrescribingNotice, type NoticeItem } from './CoPrescribingNotice';

const item: NoticeItem = {
  id: 'opioid-with-sedative',
  title: 'Opioid with a benzodiazepine, z-drug or gabapentinoid',
  drugs: 'Codeine + Diazepam',
  message: 'Profound sedation and respiratory depression can result.',
  advice: 'Co-prescribe only if there is no alternative.',
  sources: [
    {
      title:
        'Benzodiazepines and opioids: reminder of risk of potentially fatal respiratory depression',
      publisher: 'MHRA',
      date: '2020-03',
      url: 'https://www.gov.uk/drug-safety-update/benzodiazepines-and-opioids-reminder-of-risk-of-potentially-fatal-respiratory-depression',
    },
  ],
};

describe('CoPrescribingNotice', () => {
  test('names the combination and the medicines, with details only on request', () => {
    render(<CoPrescribingNotice items={[item]} onDismiss={() => undefined} />);
    const region = screen.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' });
    expect(region.textContent).toContain('Codeine + Diazepam');
    expect(screen.queryByText(item.message)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    expect(screen.getByText(item.message)).toBeTruthy();
    expect(screen.getByRole('link').getAttribute('href')).toMatch(/^https:\/\/www\.gov\.uk\//);
  });

  test('can be dismissed', () => {
    const onDismiss = vi.fn();
    render(<CoPrescribingNotice items={[item]} onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole('button', { name: /Dismiss/ }));
    expect(onDismiss).toHaveBeenCalledWith('opioid-with-sedative');
  });

  test('renders nothing without items', () => {
    const { container } = render(<CoPrescribingNotice items={[]} onDismiss={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });

  test('is accessible, collapsed and expanded', async () => {
    const { container } = render(
      <CoPrescribingNotice items={[item]} onDismiss={() => undefined} />,
    );
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    expect(await axeViolations(container)).toEqual([]);
  });

  test('folds to one line that says how many alerts, and unfolds on request (issue #18)', async () => {
    const onToggle = vi.fn();
    const { container } = render(
      <CoPrescribingNotice
        items={[item]}
        onDismiss={() => undefined}
        collapsed
        onToggleCollapsed={onToggle}
      />,
    );
    const region = screen.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' });
    expect(region.textContent).toContain('1 co-prescribing alert');
    expect(region.textContent).not.toContain('Codeine + Diazepam');
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  test('unfolded, offers to collapse', () => {
    const onToggle = vi.fn();
    render(
      <CoPrescribingNotice
        items={[item]}
        onDismiss={() => undefined}
        onToggleCollapsed={onToggle}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Collapse 1 co-prescribing alert' }));
    expect(onToggle).toHaveBeenCalledTimes(1);
  });
});
