import { afterEach, describe, expect, test, vi } from 'vitest';
import { wireInteractions, type InteractionApi } from './interactions';
import { Overlay } from './overlay';
import type { Mark, PageSession } from '../scan/page-session';
import type { PopoverCard } from '@/rules/views/card';
import { card } from '../../../tests/support/cards';
import { FakeClock } from '../../../tests/support/clock';
import { createTestSession } from '../../../tests/support/content';
import { box, fakeLayout, withElementsFromPoint, type Box } from '../../../tests/support/layout';

const SCREEN = `
  <input id="search" aria-label="Search the record">
  <table><tbody>
    <tr><td id="plain">Zopiclone 7.5mg tablets</td><td id="dose">one at night</td></tr>
    <tr><td><a id="link" href="/drug/warfarin">Warfarin</a> 1mg tablets</td></tr>
    <tr><td><button id="button" type="button">Methotrexate</button> 2.5mg weekly</td></tr>
    <tr><td><span id="role-link" role="link" tabindex="0">Co-codamol</span> 30/500</td></tr>
  </tbody></table>`;

/** Where each name lies on screen; (500, 500) is empty page. */
const LAYOUT: Record<string, Box[]> = {
  Zopiclone: [box(10, 100, 80, 18)],
  Warfarin: [box(10, 140, 60, 18)],
  Methotrexate: [box(10, 180, 90, 18)],
  'Co-codamol': [box(10, 220, 70, 18)],
};

const POINT: Record<string, { id: string; x: number; y: number }> = {
  Zopiclone: { id: 'plain', x: 40, y: 110 },
  Warfarin: { id: 'link', x: 30, y: 150 },
  Methotrexate: { id: 'button', x: 40, y: 190 },
  'Co-codamol': { id: 'role-link', x: 30, y: 230 },
  dose: { id: 'dose', x: 200, y: 110 },
};

const HOVER_OPEN_MS = 250;
const HOVER_CLOSE_MS = 400;

const overlays: Overlay[] = [];
const lifetimes: AbortController[] = [];
afterEach(() => {
  // Unwire every test's listeners from the shared document, then remove what is left showing.
  for (const c of lifetimes.splice(0)) c.abort();
  for (const o of overlays.splice(0)) o.destroy();
});

interface Screen {
  readonly api: InteractionApi;
  readonly overlay: Overlay;
  readonly session: PageSession;
  readonly clock: FakeClock;
  readonly controller: AbortController;
  readonly cardsFor: ReturnType<typeof vi.fn<(mark: Mark) => PopoverCard[]>>;
}

/** Events a test dispatches as the page would (untrusted). */
const forged = new WeakSet<Event>();

/** The screen, scanned and wired, with a hand-driven clock and a stand-in layout. */
/** `prepare` runs before the scan (e.g. to attach shadow roots). */
function wired(html = SCREEN, layout = LAYOUT, prepare: () => void = () => undefined): Screen {
  document.body.innerHTML = html;
  prepare();
  const session = createTestSession();
  session.startScan(document.body, true).step(() => false);
  fakeLayout(layout);
  const view = document.defaultView;
  if (!view) throw new Error('no window');
  const clock = new FakeClock().install(view);
  const overlay = new Overlay(document);
  overlays.push(overlay);
  const controller = new AbortController();
  lifetimes.push(controller);
  const cardsFor = vi.fn((mark: Mark) => [
    card({ ruleId: mark.ruleIds[0] ?? '', drug: mark.text }),
  ]);
  const api = wireInteractions({
    doc: document,
    session,
    overlay,
    cardsFor,
    notices: () => ['Your local pack could not be read.'],
    signal: controller.signal,
    // happy-dom cannot make trusted events: these stand in for the user, unless a test forges one.
    isTrusted: (e) => !forged.has(e),
  });
  return { api, overlay, session, clock, controller, cardsFor };
}

function el(id: string): Element {
  const found = document.getElementById(id);
  if (!found) throw new Error(`fixture has no #${id}`);
  return found;
}

function markNamed(session: PageSession, text: string): Mark {
  const mark = [...session.allMarks()].find((m) => m.text === text);
  if (!mark) throw new Error(`no mark for ${text}`);
  return mark;
}

/** The mouse moving onto `where` (a name, or "dose", plain text beside one). */
function hover(where: string, pointerType = 'mouse'): void {
  const p = POINT[where];
  if (!p) throw new Error(where);
  el(p.id).dispatchEvent(
    new PointerEvent('pointermove', {
      bubbles: true,
      composed: true,
      clientX: p.x,
      clientY: p.y,
      pointerType,
    }),
  );
}

function click(where: string): void {
  const p = POINT[where];
  if (!p) throw new Error(where);
  el(p.id).dispatchEvent(
    new MouseEvent('click', { bubbles: true, composed: true, clientX: p.x, clientY: p.y }),
  );
}

function pressEscape(target: Element = document.body): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
}

function dialogOrNull(): HTMLElement | null {
  const d = document.querySelector('plens-overlay')?.shadowRoot?.querySelector('[role="dialog"]');
  return d instanceof HTMLElement ? d : null;
}

/** The popover's title as a person reads it (its accessible name), or null when none shows. */
function popoverTitle(): string | null {
  const d = dialogOrNull();
  if (!d) return null;
  const label = d.getAttribute('aria-labelledby') ?? '';
  return d.querySelector(`[id="${label}"]`)?.textContent ?? '';
}

function dialog(): HTMLElement {
  const d = dialogOrNull();
  if (!d) throw new Error('no popover');
  return d;
}

function focusIsInPopover(): boolean {
  return document.activeElement === document.querySelector('plens-overlay');
}

describe('hover', () => {
  test('opens the popover for the name after a short pause, not at once', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(HOVER_OPEN_MS);
    expect(popoverTitle()).toBeNull();
    clock.advance(16);
    expect(popoverTitle()).toBe('Zopiclone');
  });

  test('never takes focus or pins', () => {
    const { clock, api } = wired();
    const search = el('search') as HTMLInputElement;
    search.focus();
    hover('Zopiclone');
    clock.advance(1000);
    expect(popoverTitle()).toBe('Zopiclone');
    expect(document.activeElement).toBe(search);
    expect(api.isPinned()).toBe(false);
  });

  test('passes the pack problems to the popover', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    expect(dialog().querySelector('[role="note"]')?.textContent).toBe(
      'Your local pack could not be read.',
    );
  });

  test('a touch "hover" opens nothing', () => {
    const { clock } = wired();
    hover('Zopiclone', 'touch');
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });

  test('passing over a name without pausing opens nothing', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(100);
    hover('dose');
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });

  test('several moves in one frame count as the last one', () => {
    const { clock } = wired();
    hover('Zopiclone');
    hover('dose');
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });

  test('staying on the name does not rebuild the popover', () => {
    const { clock, cardsFor } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    hover('Zopiclone');
    clock.advance(1000);
    expect(cardsFor).toHaveBeenCalledTimes(1);
  });

  test('a name with no card (its rule switched off since) opens nothing', () => {
    const { clock, cardsFor } = wired();
    cardsFor.mockReturnValue([]);
    hover('Zopiclone');
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });

  test('moving off the name closes the popover after a grace period', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    hover('dose');
    // The move is read on the next frame (within 16 ms), and the close waits from there.
    clock.advance(HOVER_CLOSE_MS);
    expect(popoverTitle()).toBe('Zopiclone');
    clock.advance(16);
    expect(popoverTitle()).toBeNull();
  });

  test('moving onto the popover itself keeps it open', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    hover('dose');
    clock.advance(100);
    dialog().dispatchEvent(
      new PointerEvent('pointermove', {
        bubbles: true,
        composed: true,
        clientX: 60,
        clientY: 130,
        pointerType: 'mouse',
      }),
    );
    clock.advance(1000);
    expect(popoverTitle()).toBe('Zopiclone');
  });

  test('the pointer leaving the frame closes a hover popover', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    el('plain').dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: null }));
    clock.advance(HOVER_CLOSE_MS);
    expect(popoverTitle()).toBeNull();
  });
});

describe('click', () => {
  test('on a name in plain text opens it at once, pinned, with focus inside', () => {
    const { api } = wired();
    click('Zopiclone');
    expect(popoverTitle()).toBe('Zopiclone');
    expect(api.isPinned()).toBe(true);
    expect(focusIsInPopover()).toBe(true);
  });

  test.each(['Warfarin', 'Methotrexate', 'Co-codamol'])(
    'on %s inside a control opens it pinned but leaves focus on the control',
    (name) => {
      const { api } = wired();
      const p = POINT[name];
      const control = el(p?.id ?? '').closest('a, button, [role="link"]');
      if (!(control instanceof HTMLElement)) throw new Error('fixture');
      control.focus();
      click(name);
      expect(popoverTitle()).toBe(name);
      expect(api.isPinned()).toBe(true);
      expect(document.activeElement).toBe(control);
    },
  );

  test('a pinned popover stays when the pointer moves away or over another name', () => {
    const { clock } = wired();
    click('Zopiclone');
    hover('dose');
    clock.advance(1000);
    hover('Warfarin');
    clock.advance(1000);
    el('plain').dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: null }));
    clock.advance(1000);
    expect(popoverTitle()).toBe('Zopiclone');
  });

  test('a click away from any name closes the popover', () => {
    wired();
    click('Zopiclone');
    click('dose');
    expect(popoverTitle()).toBeNull();
  });

  test('a click inside the popover leaves it open', () => {
    wired();
    click('Zopiclone');
    dialog().dispatchEvent(
      new MouseEvent('click', { bubbles: true, composed: true, clientX: 60, clientY: 130 }),
    );
    expect(popoverTitle()).toBe('Zopiclone');
  });

  test('a click during the hover pause opens the clicked name only', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(16);
    click('Warfarin');
    clock.advance(1000);
    expect(popoverTitle()).toBe('Warfarin');
  });

  test('a click on another name moves the pinned popover there', () => {
    wired();
    click('Zopiclone');
    click('Warfarin');
    expect(popoverTitle()).toBe('Warfarin');
  });
});

describe('events the page dispatches (untrusted, issue #16)', () => {
  const forge = <E extends Event>(e: E): E => {
    forged.add(e);
    return e;
  };
  const at = (name: string) => {
    const p = POINT[name];
    if (!p) throw new Error(name);
    return {
      target: el(p.id),
      init: { bubbles: true, composed: true, clientX: p.x, clientY: p.y },
    };
  };

  test('a forged click does not open a popover or move focus', () => {
    wired();
    const search = el('search') as HTMLInputElement;
    search.focus();
    const { target, init } = at('Zopiclone');
    target.dispatchEvent(forge(new MouseEvent('click', init)));
    expect(popoverTitle()).toBeNull();
    expect(document.activeElement).toBe(search);
  });

  test('a forged pointer move does not open a hover popover', () => {
    const { clock } = wired();
    const { target, init } = at('Zopiclone');
    target.dispatchEvent(forge(new PointerEvent('pointermove', { ...init, pointerType: 'mouse' })));
    clock.advance(2000);
    expect(popoverTitle()).toBeNull();
  });

  test('forged Escape, click-away and scroll do not close a pinned popover', () => {
    wired();
    click('Zopiclone');
    document.body.dispatchEvent(
      forge(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
    );
    const { target, init } = at('dose');
    target.dispatchEvent(forge(new MouseEvent('click', init)));
    document.dispatchEvent(forge(new Event('scroll')));
    expect(popoverTitle()).toBe('Zopiclone');
  });
});

describe('Escape', () => {
  test('closes a pinned popover and returns focus to where the user was', () => {
    wired();
    const search = el('search') as HTMLInputElement;
    search.focus();
    click('Zopiclone');
    expect(focusIsInPopover()).toBe(true);
    pressEscape();
    expect(popoverTitle()).toBeNull();
    expect(document.activeElement).toBe(search);
  });

  test('closes a hover popover', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    pressEscape();
    expect(popoverTitle()).toBeNull();
  });

  test('with nothing open does nothing', () => {
    const { overlay } = wired();
    pressEscape();
    expect(overlay.isOpen).toBe(false);
    expect(document.querySelector('plens-overlay')).toBeNull();
  });
});

describe('scroll', () => {
  test('closes a hover popover', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    document.dispatchEvent(new Event('scroll'));
    expect(popoverTitle()).toBeNull();
  });

  test('moves a pinned popover with its name on the next frame', () => {
    const { clock } = wired();
    click('Zopiclone');
    expect(dialog().style.left).toBe('10px');
    fakeLayout({ ...LAYOUT, Zopiclone: [box(200, 40, 80, 18)] });
    document.dispatchEvent(new Event('scroll'));
    clock.advance(16);
    expect(popoverTitle()).toBe('Zopiclone');
    expect(dialog().style.left).toBe('200px');
  });
});

describe('scroll while the pointer moves', () => {
  test('a pinned popover still follows its name when a pointer move shares the frame', () => {
    const { clock } = wired();
    click('Zopiclone');
    hover('dose');
    fakeLayout({ ...LAYOUT, Zopiclone: [box(200, 40, 80, 18)] });
    document.dispatchEvent(new Event('scroll'));
    clock.advance(1000);
    expect(dialog().style.left).toBe('200px');
  });
});

describe('reveal (from the toolbar popup)', () => {
  test('scrolls the name into view, then opens it pinned with focus', () => {
    const { api, session, clock } = wired();
    const scrolled = vi
      .spyOn(Element.prototype, 'scrollIntoView')
      .mockImplementation(() => undefined);
    expect(api.reveal(markNamed(session, 'Zopiclone'))).toBe(true);
    expect(scrolled.mock.contexts).toEqual([el('plain')]);
    expect(scrolled).toHaveBeenCalledWith({ block: 'center', inline: 'nearest' });
    expect(popoverTitle()).toBeNull();
    clock.advance(16);
    expect(popoverTitle()).toBe('Zopiclone');
    expect(api.isPinned()).toBe(true);
    expect(focusIsInPopover()).toBe(true);
  });

  test('a name whose row has gone is not revealed', () => {
    const { api, session, clock } = wired();
    const mark = markNamed(session, 'Zopiclone');
    el('plain').remove();
    expect(api.reveal(mark)).toBe(false);
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });
});

describe('step (the keyboard route to the marks)', () => {
  const announced = () =>
    document
      .querySelector('plens-overlay')
      ?.shadowRoot?.querySelector('[data-testid="plens-announce"]')?.textContent ?? '';
  const position = () => dialog().querySelector('.plens-step-position')?.textContent ?? null;

  test('next visits every name in page order, each card focused and announced, and wraps', () => {
    const { api, clock } = wired();
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => undefined);
    const seen: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      expect(api.step('next')).toBe(true);
      clock.advance(16);
      expect(focusIsInPopover()).toBe(true);
      expect(position()).toBe(`Flag ${i + 1} of 4`);
      expect(announced()).toBe(`Flag ${i + 1} of 4: ${popoverTitle()}`);
      seen.push(popoverTitle());
    }
    expect(seen).toEqual(['Zopiclone', 'Warfarin', 'Methotrexate', 'Co-codamol']);
    api.step('next');
    clock.advance(16);
    expect(popoverTitle()).toBe('Zopiclone');
    api.step('previous');
    clock.advance(16);
    expect(popoverTitle()).toBe('Co-codamol');
  });

  test('the card’s own buttons step too; Escape returns focus to where the user was', () => {
    const { api, clock } = wired();
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => undefined);
    const search = el('search') as HTMLInputElement;
    search.focus();
    api.step('next');
    clock.advance(16);
    const next = [...dialog().querySelectorAll('button')].find(
      (b) => b.textContent === 'Next flag',
    );
    next?.click();
    clock.advance(16);
    expect(popoverTitle()).toBe('Warfarin');
    fireKey(dialog(), 'Escape');
    expect(dialogOrNull()).toBeNull();
    expect(document.activeElement).toBe(search);
  });

  test('the command’s step ends at the last name (card closed) for the next frame, and starts from an edge', () => {
    const { api, clock } = wired();
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => undefined);
    const titles: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      expect(api.stepAcross('next', false)).toBe('moved');
      clock.advance(16);
      titles.push(popoverTitle());
    }
    expect(titles).toEqual(['Zopiclone', 'Warfarin', 'Methotrexate', 'Co-codamol']);
    expect(api.stepAcross('next', false)).toBe('end');
    expect(dialogOrNull()).toBeNull();
    expect(api.stepAcross('previous', true)).toBe('moved');
    clock.advance(16);
    expect(popoverTitle()).toBe('Co-codamol');
    expect(api.stepAcross('next', true)).toBe('moved');
    clock.advance(16);
    expect(popoverTitle()).toBe('Zopiclone');
    expect(api.stepAcross('previous', false)).toBe('end');
  });

  test('names a dismissal hides are skipped; with none shown, nothing opens', () => {
    const { session, clock, controller } = wired();
    controller.abort();
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(() => undefined);
    const overlay = new Overlay(document);
    overlays.push(overlay);
    const c = new AbortController();
    lifetimes.push(c);
    let hidden = new Set(['Zopiclone', 'Warfarin']);
    const api = wireInteractions({
      doc: document,
      session,
      overlay,
      cardsFor: (mark) => [card({ ruleId: mark.ruleIds[0] ?? '', drug: mark.text })],
      notices: () => [],
      signal: c.signal,
      isTrusted: () => true,
      isShown: (mark) => !hidden.has(mark.text),
    });
    api.step('next');
    clock.advance(16);
    expect(popoverTitle()).toBe('Methotrexate');
    expect(dialog().querySelector('.plens-step-position')?.textContent).toBe('Flag 1 of 2');
    overlay.hide();
    hidden = new Set(['Zopiclone', 'Warfarin', 'Methotrexate', 'Co-codamol']);
    expect(api.step('next')).toBe(false);
  });
});

function fireKey(target: Element, key: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
}

describe('open shadow roots', () => {
  test('a name inside a web component opens on hover', () => {
    const cell = document.createElement('div');
    cell.textContent = 'Warfarin 1mg tablets';
    const { clock, session } = wired(
      '<med-row id="row"></med-row>',
      { Warfarin: [box(10, 10, 60, 18)] },
      () => {
        el('row').attachShadow({ mode: 'open' }).append(cell);
      },
    );
    cell.dispatchEvent(
      new PointerEvent('pointermove', {
        bubbles: true,
        composed: true,
        clientX: 20,
        clientY: 15,
        pointerType: 'mouse',
      }),
    );
    clock.advance(1000);
    expect(popoverTitle()).toBe('Warfarin');
    expect(session.size).toBe(1);
  });
});

describe('when the content script ends', () => {
  test('an open popover closes', () => {
    const { controller } = wired();
    click('Zopiclone');
    controller.abort();
    expect(popoverTitle()).toBeNull();
  });

  test('a pending hover never opens', () => {
    const { clock, controller } = wired();
    hover('Zopiclone');
    clock.advance(16);
    controller.abort();
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });

  test('clicks and hovers do nothing any more', () => {
    const { clock, controller } = wired();
    controller.abort();
    click('Zopiclone');
    hover('Warfarin');
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });
});

describe('hover that stays out of the way (issue #18)', () => {
  function moveAt(target: Element, x: number, y: number): void {
    target.dispatchEvent(
      new PointerEvent('pointermove', {
        bubbles: true,
        composed: true,
        clientX: x,
        clientY: y,
        pointerType: 'mouse',
      }),
    );
  }

  test('moving on to another name closes the open card at once; the next opens after its pause', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    expect(popoverTitle()).toBe('Zopiclone');
    hover('Warfarin');
    clock.advance(16);
    expect(popoverTitle()).toBeNull();
    clock.advance(HOVER_OPEN_MS);
    expect(popoverTitle()).toBe('Warfarin');
  });

  test('sweeping down over the card where it covers the next name: the card gives way to it', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    const card = dialog();
    // The card lies over the Warfarin row: beneath it at that point is the page's link.
    withElementsFromPoint(
      () => [card, el('link')],
      () => {
        moveAt(card, 30, 150);
        clock.advance(16);
        expect(popoverTitle()).toBeNull();
        clock.advance(HOVER_OPEN_MS);
        expect(popoverTitle()).toBe('Warfarin');
      },
    );
  });

  test('travelling across onto the card keeps it, even where it covers another name', () => {
    const { clock } = wired();
    hover('Zopiclone');
    clock.advance(1000);
    const card = dialog();
    withElementsFromPoint(
      () => [card, el('link')],
      () => {
        // Right of Zopiclone's column (10–90 px): a visit to the card, not a sweep down the list.
        moveAt(card, 200, 150);
        clock.advance(1000);
        expect(popoverTitle()).toBe('Zopiclone');
      },
    );
  });

  test('while typing in a search box, its suggestions open no hover card', () => {
    const { clock } = wired(
      `<form><input id="q" role="combobox" /><ul role="listbox"><li role="option" id="opt">Zopiclone 7.5mg tablets</li></ul></form>`,
      { Zopiclone: [box(10, 100, 80, 18)] },
    );
    (el('q') as HTMLInputElement).focus();
    moveAt(el('opt'), 40, 110);
    clock.advance(1000);
    expect(popoverTitle()).toBeNull();
  });

  test('the same suggestion opens on hover when nobody is typing', () => {
    const { clock } = wired(
      `<form><input id="q" role="combobox" /><ul role="listbox"><li role="option" id="opt">Zopiclone 7.5mg tablets</li></ul></form>`,
      { Zopiclone: [box(10, 100, 80, 18)] },
    );
    moveAt(el('opt'), 40, 110);
    clock.advance(1000);
    expect(popoverTitle()).toBe('Zopiclone');
  });

  test('typing in a field closes a hover card', () => {
    const { clock } = wired(
      `<input id="q" /><table><tbody><tr><td id="plain">Zopiclone 7.5mg tablets</td></tr></tbody></table>`,
    );
    hover('Zopiclone');
    clock.advance(1000);
    expect(popoverTitle()).toBe('Zopiclone');
    el('q').dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(popoverTitle()).toBeNull();
  });
});
