import { render, screen } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { ActivityLine } from './ActivityLine';
import type { PageView } from './types';

const text = () => screen.getByTestId('plens-activity').textContent;

describe('ActivityLine', () => {
  test('running and painting: active, with the one-line reminder that no mark is not an all-clear', async () => {
    const { container } = render(
      <ActivityLine page={{ kind: 'ready', drugs: [], alerts: [], isPaintBlocked: false }} />,
    );
    expect(text()).toBe(
      'Active on this pageNo mark is not an all-clear: only medicines in the rule packs are flagged.',
    );
    expect(screen.getByTestId('plens-activity').dataset.active).toBe('true');
    expect(await axeViolations(container)).toEqual([]);
  });

  test.each<[string, PageView, string]>([
    [
      'a site not turned on',
      { kind: 'not-running' },
      'Not active on this page — marks are not shown here: this site is not turned on.',
    ],
    [
      'a browser page',
      { kind: 'no-page' },
      'Not active on this page — marks are not shown here: browser pages cannot be read.',
    ],
    [
      'a page removing the marks',
      { kind: 'ready', drugs: [], alerts: [], isPaintBlocked: true },
      'Not active on this page — marks are not shown here: the page keeps removing them. The list below is still right.',
    ],
    [
      'a scan stopped by an error',
      { kind: 'ready', drugs: [], alerts: [], isScanFailed: true },
      'Not active on this page — marks are not shown here: an error stopped it reading the page. The list below may be incomplete; reload the page to try again.',
    ],
  ])('%s: not active, and why, without the reminder', async (_, page, expected) => {
    const { container } = render(<ActivityLine page={page} />);
    expect(text()).toBe(expected);
    expect(screen.getByTestId('plens-activity').dataset.active).toBe('false');
    expect(await axeViolations(container)).toEqual([]);
  });

  test('while the page is being read: nothing yet (no flash of "not active")', () => {
    render(<ActivityLine page={{ kind: 'loading' }} />);
    expect(screen.queryByTestId('plens-activity')).toBeNull();
  });
});
