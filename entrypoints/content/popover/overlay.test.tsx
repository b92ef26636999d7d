import { fireEvent, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { NoticeItem } from '@/components/popover/CoPrescribingNotice';
import { Overlay, type OverlayOptions, type ShowOptions } from './overlay';
import { card } from '../../../tests/support/cards';
import { withElementsFromPoint } from '../../../tests/support/layout';
import { axeViolations } from '../../../tests/support/axe';

const overlays: Overlay[] = [];

/** An overlay on this document; destroyed after the test (it lives outside <body>). */
function overlay(
  onDismiss: (id: string) => void = () => undefined,
  more: OverlayOptions = {},
): Overlay {
  const o = new Overlay(document, { onDismissNotice: onDismiss, ...more });
  overlays.push(o);
  return o;
}

afterEach(() => {
  for (const o of overlays.splice(0)) o.destroy();
});

function options(overrides: Partial<ShowOptions> = {}): ShowOptions {
  return {
    cards: [card()],
    anchor: { top: 100, bottom: 118, left: 40 },
    focus: false,
    ...overrides,
  };
}

const NOTICE: NoticeItem = {
  id: 'opioid-with-sedative',
  title: 'Opioid with a benzodiazepine or z-drug',
  drugs: 'Codeine + Zopiclone',
  message: 'Together they raise the risk of fatal respiratory depression.',
  advice: 'Review whether both are needed.',
  sources: [
    {
      title: 'Benzodiazepines and opioids: reminder of risk',
      publisher: 'MHRA',
      date: '2020-03-19',
      url: 'https://www.gov.uk/drug-safety-update/benzodiazepines-and-opioids-reminder-of-risk-of-potentially-fatal-respiratory-depression',
    },
  ],
};

function hosts(): Element[] {
  return [...document.querySelectorAll('plens-overlay')];
}

/** Our UI as a person would read it (the test build keeps the root open). */
function ui() {
  const [host, ...more] = hosts();
  if (!host || more.length > 0)
    throw new Error(`expected one overlay host, found ${hosts().length}`);
  const root = host.shadowRoot;
  const mount = root?.lastElementChild;
  if (!root || !(mount instanceof HTMLElement)) throw new Error('overlay host has no open root');
  return { host, root, view: within(mount) };
}

function pageInput(): HTMLInputElement {
  const input = document.createElement('input');
  input.setAttribute('aria-label', 'Search the record');
  document.body.append(input);
  input.focus();
  return input;
}

describe('the overlay host', () => {
  test('is not in the page while nothing shows', () => {
    overlay();
    expect(hosts()).toEqual([]);
  });

  test('is one <plens-overlay> on the root element while a popover shows', () => {
    const o = overlay();
    o.show(1, options());
    o.show(2, options({ cards: [card({ ruleId: 'warfarin', drug: 'Warfarin' })] }));
    expect(hosts()).toHaveLength(1);
    expect(ui().host.parentElement).toBe(document.documentElement);
  });

  test('leaves the page when the popover closes', () => {
    const o = overlay();
    o.show(1, options());
    o.hide();
    expect(hosts()).toEqual([]);
    expect([o.isOpen, o.showing]).toEqual([false, null]);
  });

  test('keeps its styles inside its shadow root', () => {
    const headStyles = document.querySelectorAll('style').length;
    overlay().show(1, options());
    expect(ui().root.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelectorAll('style')).toHaveLength(headStyles);
  });

  test('comes back if the page removes it while a popover shows', () => {
    const o = overlay();
    o.show(1, options());
    ui().host.remove();
    o.show(2, options({ cards: [card({ ruleId: 'warfarin', drug: 'Warfarin' })] }));
    expect(ui().view.getByRole('dialog', { name: 'Warfarin' })).toBeTruthy();
  });

  test('destroy removes everything, popover and notices', () => {
    const o = overlay();
    o.show(1, options());
    o.setNotices([NOTICE]);
    o.destroy();
    expect(hosts()).toEqual([]);
  });
});

describe('the popover', () => {
  test('shows the card for the name, labelled by the drug', () => {
    const o = overlay();
    o.show(7, options());
    expect(ui().view.getByRole('dialog', { name: 'Zopiclone' })).toBeTruthy();
    expect([o.isOpen, o.showing]).toEqual([true, 7]);
  });

  test('shows pack text as text: markup in a card is never parsed', () => {
    overlay().show(
      1,
      options({ cards: [card({ advice: '<img src=x onerror="alert(1)"> Review at <b>SMR</b>' })] }),
    );
    const { root, view } = ui();
    expect(root.querySelector('img, b')).toBeNull();
    expect(view.getByText('<img src=x onerror="alert(1)"> Review at <b>SMR</b>')).toBeTruthy();
  });

  test("lists the user's notices, such as a pack that failed to load", () => {
    overlay().show(1, options({ notices: ['Your local pack could not be read.'] }));
    expect(ui().view.getByRole('note').textContent).toBe('Your local pack could not be read.');
  });

  test('on hover (no focus) leaves focus where the user is typing', () => {
    const input = pageInput();
    overlay().show(1, options({ focus: false }));
    expect(document.activeElement).toBe(input);
  });

  test('on a click (focus) takes focus into the dialog', () => {
    pageInput();
    overlay().show(1, options({ focus: true }));
    const { host, root, view } = ui();
    expect(document.activeElement).toBe(host);
    expect(root.activeElement).toBe(view.getByRole('dialog'));
  });

  test.each([
    ['hide()', (o: Overlay) => o.hide()],
    ['the Close button', () => fireEvent.click(ui().view.getByRole('button', { name: 'Close' }))],
    [
      'Escape in the dialog',
      () => fireEvent.keyDown(ui().view.getByRole('dialog'), { key: 'Escape' }),
    ],
  ])('closing with %s returns focus to where it was', (_why, close) => {
    const input = pageInput();
    const o = overlay();
    o.show(1, options({ focus: true }));
    close(o);
    expect(hosts()).toEqual([]);
    expect(document.activeElement).toBe(input);
  });

  test('closing does not pull focus back if the user has moved it elsewhere', () => {
    pageInput();
    const o = overlay();
    o.show(1, options({ focus: true }));
    const other = document.createElement('textarea');
    document.body.append(other);
    other.focus();
    o.hide();
    expect(document.activeElement).toBe(other);
  });
});

describe('contains', () => {
  test.each<[string, (o: Overlay) => EventTarget | null, boolean]>([
    ['the host (events retargeted at the shadow edge)', () => ui().host, true],
    [
      'a button inside the shadow root',
      () => ui().view.getByRole('button', { name: 'Close' }),
      true,
    ],
    ['the page body', () => document.body, false],
    ['nothing', () => null, false],
  ])('%s', (_why, target, expected) => {
    const o = overlay();
    o.show(1, options());
    expect(o.contains(target(o))).toBe(expected);
  });

  test('is false for everything once the overlay is gone', () => {
    const o = overlay();
    o.show(1, options());
    const { host } = ui();
    o.hide();
    expect(o.contains(host)).toBe(false);
  });
});

describe('the co-prescribing notice', () => {
  test('shows the combination and its medicines without a popover open', () => {
    const o = overlay();
    o.setNotices([NOTICE]);
    const { view } = ui();
    expect(
      view.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' }).textContent,
    ).toContain('Opioid with a benzodiazepine or z-drug — Codeine + Zopiclone');
    expect(o.isOpen).toBe(false);
  });

  test('never takes focus', () => {
    const input = pageInput();
    overlay().setNotices([NOTICE]);
    expect(document.activeElement).toBe(input);
  });

  test('Dismiss reports the alert id', () => {
    const onDismiss = vi.fn();
    overlay(onDismiss).setNotices([NOTICE]);
    fireEvent.click(
      ui().view.getByRole('button', { name: `Dismiss “${NOTICE.title}” for this tab` }),
    );
    expect(onDismiss).toHaveBeenCalledWith('opioid-with-sedative');
  });

  test('comes back on the next check if the page removes its host (issue #16)', () => {
    const o = overlay();
    o.setNotices([NOTICE]);
    ui().host.remove();
    expect(hosts()).toEqual([]);
    expect(o.ensureAttached()).toBe(true);
    expect(
      ui().view.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' }),
    ).toBeTruthy();
    expect(o.ensureAttached()).toBe(false);
  });

  test('no notices and no popover: the host leaves the page', () => {
    const o = overlay();
    o.setNotices([NOTICE]);
    o.setNotices([]);
    expect(hosts()).toEqual([]);
  });

  test('closing the popover keeps the notice (and its host) showing', () => {
    const o = overlay();
    o.setNotices([NOTICE]);
    o.show(1, options());
    o.hide();
    const { view } = ui();
    expect(view.queryByRole('dialog')).toBeNull();
    expect(view.getByText(NOTICE.title)).toBeTruthy();
  });

  test('the same notices again leave an expanded notice open', () => {
    const o = overlay();
    o.setNotices([NOTICE]);
    fireEvent.click(ui().view.getByRole('button', { name: 'Details' }));
    o.setNotices([{ ...NOTICE }]);
    expect(ui().view.getByRole('button', { name: 'Hide details' })).toBeTruthy();
  });
});

describe('hidden flags and the keyboard', () => {
  test('“1 hidden — Show” shows while a dismissal hides something, and restores in one step', async () => {
    const onShowHidden = vi.fn();
    const o = overlay(undefined, { onShowHidden });
    o.setHidden(['zopiclone']);
    const { view, root } = ui();
    expect(root.querySelector('[data-testid="plens-hidden"]')?.textContent).toBe('1 hidden — Show');
    fireEvent.click(view.getByRole('button', { name: 'Show 1 hidden flag again' }));
    expect(onShowHidden).toHaveBeenCalledWith(['zopiclone']);
    expect(await axeViolations(root.lastElementChild as Element)).toEqual([]);
    o.setHidden([]);
    expect(hosts()).toEqual([]);
  });

  test('a notice’s “Go to” opens the card; closing it puts focus back on that button', () => {
    const onRevealRule = vi.fn();
    const o = overlay(undefined, { onRevealRule });
    o.setNotices([{ ...NOTICE, members: [{ ruleId: 'codeine', drug: 'Codeine' }] }]);
    const { view, root } = ui();
    fireEvent.click(view.getByRole('button', { name: 'Details' }));
    const go = view.getByRole('button', { name: 'Go to Codeine' });
    fireEvent.click(go);
    expect(onRevealRule).toHaveBeenCalledWith('codeine');
    go.focus();
    o.show(1, options({ focus: true }));
    expect(root.activeElement?.getAttribute('role')).toBe('dialog');
    o.hide();
    expect(root.activeElement?.textContent).toBe('Go to Codeine');
  });

  test('stepping from card to card keeps the first place: Escape goes back there', () => {
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    const o = overlay();
    const step = { index: 1, total: 2, onStep: vi.fn() };
    o.show(1, options({ focus: true, step }));
    o.show(2, options({ focus: true, step: { ...step, index: 2 } }));
    const { root } = ui();
    expect(root.querySelector('[data-testid="plens-announce"]')?.textContent).toBe(
      'Flag 2 of 2: Zopiclone',
    );
    o.hide();
    expect(document.activeElement).toBe(field);
    field.remove();
  });

  test('nothing on the page had focus: closing hands the keyboard back at the flagged name', () => {
    const returnToName = vi.fn();
    (document.activeElement as HTMLElement | null)?.blur();
    const o = overlay(undefined, { returnToName });
    o.show(7, options({ focus: true }));
    o.hide();
    expect(returnToName).toHaveBeenCalledWith(7);
  });
});

describe('the folded notice placement check', () => {
  test('hit-tests the page again only after it scrolled, resized or changed', () => {
    const spy = vi.fn((): Element[] => []);
    withElementsFromPoint(spy, () => {
      const o = overlay();
      o.setFolded(true);
      o.setNotices([NOTICE]);
      o.recheckPlacement();
      expect(spy).toHaveBeenCalled();

      // A still page: the once-a-second repair check costs no hit tests.
      spy.mockClear();
      o.recheckPlacement();
      o.recheckPlacement();
      expect(spy).not.toHaveBeenCalled();

      o.notePageChanged();
      o.recheckPlacement();
      expect(spy).toHaveBeenCalled();

      spy.mockClear();
      vi.spyOn(window, 'scrollY', 'get').mockReturnValue(40);
      o.recheckPlacement();
      expect(spy).toHaveBeenCalled();
    });
  });
});
