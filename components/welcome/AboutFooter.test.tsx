import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { AboutFooter, AboutFooterFor, type AboutInfo } from './AboutFooter';

const HELP = 'chrome-extension://id/welcome.html#instructions';
const NEW = 'chrome-extension://id/welcome.html#whats-new';

describe('AboutFooter', () => {
  test('version and the instructions for use', async () => {
    const { container } = render(<AboutFooter version="1.2.3" helpUrl={HELP} />);
    expect(screen.getByText(/Version 1\.2\.3/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Instructions for use' }).getAttribute('href')).toBe(
      HELP,
    );
    expect(screen.queryByTestId('plens-whats-new')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('after an update: a quiet "What’s new" link that reports being opened', () => {
    const opened = vi.fn();
    render(
      <AboutFooter version="1.2.3" helpUrl={HELP} whatsNewUrl={NEW} onWhatsNewOpened={opened} />,
    );
    const link = screen.getByRole('link', { name: 'What’s new in 1.2.3' });
    expect(link.getAttribute('href')).toBe(NEW);
    fireEvent.click(link);
    expect(opened).toHaveBeenCalledOnce();
  });

  test('the line shows until opened once, then stays gone', async () => {
    const markSeen = vi.fn(() => Promise.resolve());
    const about: AboutInfo = {
      version: '2.0.0',
      helpUrl: HELP,
      whatsNewUrl: NEW,
      loadIsNew: () => Promise.resolve(true),
      markSeen,
    };
    render(<AboutFooterFor about={about} />);
    const link = await screen.findByRole('link', { name: 'What’s new in 2.0.0' });
    fireEvent.click(link);
    expect(markSeen).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('plens-whats-new')).toBeNull();
  });

  test('nothing new: no line', async () => {
    const about: AboutInfo = {
      version: '2.0.0',
      helpUrl: HELP,
      whatsNewUrl: NEW,
      loadIsNew: () => Promise.resolve(false),
      markSeen: vi.fn(() => Promise.resolve()),
    };
    render(<AboutFooterFor about={about} />);
    await screen.findByRole('link', { name: 'Instructions for use' });
    expect(screen.queryByTestId('plens-whats-new')).toBeNull();
  });
});
