import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { claimFrame, watchLocation, type Lifetime } from './lifetime';
import { FakeClock } from '../../../tests/support/clock';

const HREF = 'https://records.example.nhs.uk/patient/123/medication';

/** A frame's window: a clock, events, and an address. */
function fakeWindow(href = HREF) {
  const clock = new FakeClock();
  const location = { href };
  const events = new EventTarget();
  const win = Object.assign(events, {
    setTimeout: clock.setTimeout,
    setInterval: clock.setInterval,
    clearTimeout: clock.clearTimeout,
    clearInterval: clock.clearInterval,
    location,
  }) as unknown as Window;
  return { win, clock, location, events };
}

const TEST_ID = fakeBrowser.runtime.id;
const windows: FakeClock[] = [];

function claim(): {
  life: Lifetime | null;
  clock: FakeClock;
  win: Window;
  location: { href: string };
  events: EventTarget;
} {
  const w = fakeWindow();
  windows.push(w.clock);
  return { life: claimFrame(w.win), ...w };
}

function claimed() {
  const c = claim();
  if (!c.life) throw new Error('expected the frame to be free');
  return { ...c, life: c.life };
}

/** The extension is updated, reloaded or removed: its id goes away. */
function extensionGone(): void {
  Reflect.set(fakeBrowser.runtime, 'id', undefined);
}

afterEach(() => {
  // End every instance a test left running, the way the product ends: the extension goes away.
  extensionGone();
  for (const clock of windows.splice(0)) clock.advance(2000);
  Reflect.set(fakeBrowser.runtime, 'id', TEST_ID);
});

describe('claimFrame', () => {
  test('the first instance in a frame runs', () => {
    const { life } = claim();
    expect(life?.signal.aborted).toBe(false);
  });

  test('a second instance in the same frame (injected again) does not', () => {
    claimed();
    expect(claim().life).toBeNull();
  });

  test('a page event does not end it: only the extension going away does', () => {
    const { life, clock } = claimed();
    document.dispatchEvent(new CustomEvent('wxt:content-script-started'));
    clock.advance(60_000);
    expect(life.signal.aborted).toBe(false);
  });

  test('ends within two seconds of the extension going away', () => {
    const { life, clock } = claimed();
    extensionGone();
    clock.advance(1999);
    expect(life.signal.aborted).toBe(false);
    clock.advance(1);
    expect(life.signal.aborted).toBe(true);
  });

  test('ends when reading the extension id throws (context invalidated)', () => {
    const { life, clock } = claimed();
    const runtime = fakeBrowser.runtime;
    Object.defineProperty(runtime, 'id', {
      configurable: true,
      get: () => {
        throw new Error('Extension context invalidated.');
      },
    });
    try {
      clock.advance(2000);
    } finally {
      Object.defineProperty(runtime, 'id', { configurable: true, writable: true, value: TEST_ID });
    }
    expect(life.signal.aborted).toBe(true);
  });

  test('after it ends, the updated extension can claim the frame again', () => {
    const { clock } = claimed();
    extensionGone();
    clock.advance(2000);
    Reflect.set(fakeBrowser.runtime, 'id', TEST_ID);
    expect(claim().life?.signal.aborted).toBe(false);
  });

  test('leaves no timer of its own running once ended', () => {
    const { life, clock } = claimed();
    life.setTimeout(() => undefined, 10_000);
    life.setInterval(() => undefined, 500);
    extensionGone();
    clock.advance(2000);
    expect(clock.pending).toBe(0);
  });
});

describe('timers tied to the lifetime', () => {
  test('a timeout runs once, after its delay', () => {
    const { life, clock } = claimed();
    const fn = vi.fn();
    life.setTimeout(fn, 250);
    clock.advance(249);
    expect(fn).not.toHaveBeenCalled();
    clock.advance(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  test('an interval repeats while the lifetime runs', () => {
    const { life, clock } = claimed();
    const fn = vi.fn();
    life.setInterval(fn, 1000);
    clock.advance(3000);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  test.each([
    ['a timeout', (life: Lifetime, fn: () => void) => life.setTimeout(fn, 5000)],
    ['an interval', (life: Lifetime, fn: () => void) => life.setInterval(fn, 3000)],
  ])('%s never fires after the extension went away', (_why, schedule) => {
    const { life, clock } = claimed();
    const fn = vi.fn();
    schedule(life, fn);
    extensionGone();
    clock.advance(10_000);
    expect(fn).not.toHaveBeenCalled();
  });

  test('returns an id the window can cancel', () => {
    const { life, clock, win } = claimed();
    const fn = vi.fn();
    win.clearTimeout(life.setTimeout(fn, 100));
    clock.advance(200);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('watchLocation', () => {
  test.each(['popstate', 'hashchange'])('a %s to a new address is reported at once', (type) => {
    const { life, location, events } = claimed();
    const onChange = vi.fn();
    watchLocation(events as unknown as Window, life, onChange);
    location.href = `${HREF}#allergies`;
    events.dispatchEvent(new Event(type));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  test('a history.pushState (no event) is noticed within a second', () => {
    const { life, clock, location, win } = claimed();
    const onChange = vi.fn();
    watchLocation(win, life, onChange);
    location.href = HREF.replace('123', '456');
    clock.advance(1000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  test('reports each change once, and nothing while the address stays', () => {
    const { life, clock, location, win, events } = claimed();
    const onChange = vi.fn();
    watchLocation(win, life, onChange);
    clock.advance(5000);
    events.dispatchEvent(new Event('popstate'));
    expect(onChange).not.toHaveBeenCalled();
    location.href = `${HREF}?tab=repeats`;
    events.dispatchEvent(new Event('popstate'));
    clock.advance(5000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  test('stops listening when the lifetime ends', () => {
    const { life, clock, location, win, events } = claimed();
    const onChange = vi.fn();
    watchLocation(win, life, onChange);
    extensionGone();
    clock.advance(2000);
    location.href = `${HREF}#later`;
    events.dispatchEvent(new Event('hashchange'));
    clock.advance(5000);
    expect(onChange).not.toHaveBeenCalled();
  });
});
