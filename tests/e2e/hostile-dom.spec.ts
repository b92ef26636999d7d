/**
 * Pages built in ways that trip naive scanners and overlays: a virtualised list that recycles its
 * rows, an SPA routed with the history API (Back and Forward too), open and closed shadow roots,
 * same-origin about:blank and srcdoc frames, names split across Text nodes and inline elements, a
 * page that removes, moves or hides our host while a popover is open, a hostile CSS reset,
 * right-to-left text, and 200% browser zoom. Each test checks what a clinician would notice (the
 * right names flagged, a readable popover inside the window) and that the page's DOM ends as it
 * does in a browser without the extension after the same actions.
 */
import type { Frame, Page } from '@playwright/test';
import {
  domDigest,
  expect,
  extensionId,
  foreignRequests,
  note,
  pristineDigest,
  test,
} from '../fixtures/hostile/harness';
import { readHighlights, type HighlightTexts } from './highlights';
import { pointOfFlag, revealFlag } from './page-helpers';

type HostileWindow = Window & {
  HOSTILE_MEDS: { expectFor(products: string[]): HighlightTexts };
  hostileVList: { rendered(): string[]; scrollToRow(i: number): void };
  hostileSpa: { replace(route: string): void; products(route: string): string[] };
  hostileSplit: { splitAll(): void };
  hostileHost: { removeStrangers(): void; adoptStrangers(): void; restyle(): void };
  hostileShadow: { addToOpenRoot(): void; addComponent(): void; defineDeferred(): void };
};

/** What the extension must paint for these products (from the page's own table, meds.js). */
function expectFor(target: Page | Frame, products: string[]): Promise<HighlightTexts> {
  return target.evaluate(
    (p) => (window as unknown as HostileWindow).HOSTILE_MEDS.expectFor(p),
    products,
  );
}

/** The popover as a person sees it: where it is, how big its text is, and its contrast. */
interface PopoverReadout {
  readonly name: string;
  readonly rect: { left: number; top: number; right: number; bottom: number };
  readonly viewport: { width: number; height: number };
  readonly fontSizePx: number;
  readonly contrast: number;
  /** The element hit at the popover's centre is our host (nothing covers it). */
  readonly onTop: boolean;
  readonly visible: boolean;
}

function readPopover(page: Page): Promise<PopoverReadout | null> {
  return page.evaluate(() => {
    const host = document.querySelector('plens-overlay');
    const dialog = host?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
    if (!host || !dialog) return null;
    const r = dialog.getBoundingClientRect();
    const body = dialog.querySelector('[data-testid="plens-position"]') ?? dialog;
    const style = getComputedStyle(body);
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = (rgb: number[]) => {
      const [r0, g0, b0] = rgb.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r0 ?? 0) + 0.7152 * (g0 ?? 0) + 0.0722 * (b0 ?? 0);
    };
    const fg = lum(parse(style.color));
    const bg = lum(parse(getComputedStyle(dialog).backgroundColor));
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const heading = dialog.querySelector('h2, h3, [id="plens-card-0"]');
    const visual = getComputedStyle(host);
    return {
      name: heading?.textContent?.trim() ?? '',
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      viewport: { width: innerWidth, height: innerHeight },
      fontSizePx: parseFloat(style.fontSize),
      contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
      onTop: hit === host,
      visible:
        r.width > 100 &&
        r.height > 40 &&
        visual.display !== 'none' &&
        visual.visibility !== 'hidden' &&
        visual.opacity !== '0',
    };
  });
}

/** The popover shows `name`, is readable, and lies wholly inside the window. */
async function expectReadablePopover(page: Page, name: string): Promise<PopoverReadout> {
  await expect.poll(async () => (await readPopover(page))?.name ?? null).toBe(name);
  const p = await readPopover(page);
  if (!p) throw new Error('popover vanished');
  expect(p.visible, `${name}: popover visible`).toBe(true);
  expect(p.onTop, `${name}: nothing covers the popover`).toBe(true);
  expect(p.fontSizePx, `${name}: text size`).toBeGreaterThanOrEqual(12);
  expect(p.contrast, `${name}: text contrast`).toBeGreaterThanOrEqual(4.5);
  expect(p.rect.left, `${name}: inside the window (left)`).toBeGreaterThanOrEqual(0);
  expect(p.rect.top, `${name}: inside the window (top)`).toBeGreaterThanOrEqual(0);
  expect(p.rect.right, `${name}: inside the window (right)`).toBeLessThanOrEqual(p.viewport.width);
  expect(p.rect.bottom, `${name}: inside the window (bottom)`).toBeLessThanOrEqual(
    p.viewport.height,
  );
  return p;
}

async function hover(page: Page, text: string, nth = 0): Promise<void> {
  const point = await revealFlag(page, text, nth);
  await page.mouse.move(point.x, point.y);
}

async function call(page: Page, fn: (w: HostileWindow) => void): Promise<void> {
  await page.evaluate(`(${fn.toString()})(window)`);
}

test('virtualised list: recycled rows are re-flagged exactly at every scroll position', async ({
  page,
  server,
  log,
  plainBrowser,
}, testInfo) => {
  const positions = [1000, 2500, 4976, 3];
  const scrollAll = async (p: Page) => {
    for (const row of positions) {
      await p.evaluate(
        (r) => (window as unknown as HostileWindow).hostileVList.scrollToRow(r),
        row,
      );
    }
  };
  await page.goto(server.url('virtual-list.html'));
  const rendered = () =>
    page.evaluate(() => (window as unknown as HostileWindow).hostileVList.rendered());
  await expect.poll(() => readHighlights(page)).toEqual(await expectFor(page, await rendered()));
  const timings: string[] = [];
  for (const row of positions) {
    const started = Date.now();
    await page.evaluate(
      (r) => (window as unknown as HostileWindow).hostileVList.scrollToRow(r),
      row,
    );
    const want = await expectFor(page, await rendered());
    await expect.poll(() => readHighlights(page), { message: `row ${row}` }).toEqual(want);
    timings.push(`row ${row}: ${Date.now() - started} ms`);
  }
  note(testInfo, 're-flag after scroll (Node clock)', timings.join('; '));
  const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  const pristine = await pristineDigest(plain, server.url('virtual-list.html'), scrollAll);
  await plain.close();
  expect(await domDigest(page)).toBe(pristine);
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test('SPA routed with the history API: push, Back, Forward and replace each re-flag the view', async ({
  page,
  server,
  log,
  plainBrowser,
}) => {
  await page.goto(server.url('spa-history.html'));
  const products = (route: string) =>
    page.evaluate((r) => (window as unknown as HostileWindow).hostileSpa.products(r), route);
  const expectRoute = async (route: string) => {
    const want = await expectFor(page, await products(route));
    await expect.poll(() => readHighlights(page), { message: route }).toEqual(want);
    expect(new URL(page.url()).searchParams.get('route') ?? 'current').toBe(route);
  };
  const steps = async (p: Page, check: (route: string) => Promise<void>) => {
    await check('current');
    await p.getByRole('link', { name: 'Review' }).click();
    await check('review');
    await p.getByRole('link', { name: 'Letter' }).click();
    await check('letter');
    await p.goBack();
    await check('review');
    await p.goBack();
    await check('current');
    await p.goForward();
    await check('review');
    await p.evaluate(() => (window as unknown as HostileWindow).hostileSpa.replace('letter'));
    await check('letter');
  };
  await steps(page, expectRoute);
  const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  const pristine = await pristineDigest(plain, server.url('spa-history.html'), (p) =>
    steps(p, () => Promise.resolve()),
  );
  await plain.close();
  expect(await domDigest(page)).toBe(pristine);
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});

/**
 * Our highlights' texts per name, sorted by text: ranges in shadow trees cannot be put in document
 * order (compareBoundaryPoints throws across trees). Each says whether it sits in a shadow tree.
 */
function readShadowAwareHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('plens-')) continue;
      const texts: string[] = [];
      for (const r of h) {
        if (!r.startContainer.isConnected) continue;
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        const inShadow = r.startContainer.getRootNode() instanceof ShadowRoot;
        texts.push(`${range.toString()}${inShadow ? ' (shadow)' : ''}`);
      }
      if (texts.length > 0) out[name] = texts.sort();
    }
    return out;
  });
}

/** Markup of every open shadow root, nested ones included (domDigest reads one level). */
function shadowMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (!el.shadowRoot || el.tagName === 'PLENS-OVERLAY') continue;
        out.push(`${el.tagName}: ${el.shadowRoot.innerHTML}`);
        visit(el.shadowRoot);
      }
    };
    visit(document);
    return out;
  });
}

/** Stylesheets adopted by the document and every open shadow root (ours would show here). */
function adoptedSheets(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = document.adoptedStyleSheets.length;
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (!el.shadowRoot || el.tagName === 'PLENS-OVERLAY') continue;
        n += el.shadowRoot.adoptedStyleSheets.length;
        visit(el.shadowRoot);
      }
    };
    visit(document);
    return n;
  });
}

/**
 * True if the flag on `text` shows: the pixels around it change while its range is out of our
 * highlight (taken out and put back from the page's side; the registry is the document's).
 */
async function isPainted(page: Page, text: string, attempt = 0): Promise<boolean> {
  const point = await pointOfFlag(page, text);
  const clip = { x: point.x - 30, y: point.y - 8, width: 60, height: 16 };
  const painted = await page.screenshot({ clip });
  await page.evaluate((t) => {
    const taken: [Highlight, AbstractRange][] = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('plens-')) continue;
      for (const r of h) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (range.toString() === t) taken.push([h, r]);
      }
    }
    for (const [h, r] of taken) h.delete(r);
    (window as unknown as { plensTaken: typeof taken }).plensTaken = taken;
  }, text);
  const bare = await page.screenshot({ clip });
  // Since issue #16 the extension puts ranges a page deleted back within a second: if its check
  // ran before the bare screenshot, that picture is of the painted flag again; take it again.
  const repaired = await page.evaluate(() => {
    const w = window as unknown as { plensTaken: [Highlight, AbstractRange][] };
    const back = w.plensTaken.some(([h, r]) => h.has(r));
    for (const [h, r] of w.plensTaken) h.add(r);
    return back;
  });
  if (repaired && attempt < 3) return isPainted(page, text, attempt + 1);
  return !painted.equals(bare);
}

test('shadow roots: names in open and nested open roots flagged, painted, hoverable, re-flagged; closed not read', async ({
  page,
  server,
  log,
  plainBrowser,
}, testInfo) => {
  await page.goto(server.url('shadow-roots.html'));
  // Slotted light text (Methotrexate) is read once, in the light tree; Zopiclone sits in a
  // closed root, out of reach by design (hazard log C1.4).
  await expect
    .poll(() => readShadowAwareHighlights(page))
    .toEqual({
      'plens-shared-care': ['Methotrexate'],
      'plens-dependence-forming': ['Codeine (shadow)', 'Sertraline'],
      'plens-no-commissioned-service': ['Warfarin (shadow)'],
    });
  // Painted by highlights.css, a document-level sheet, through highlight inheritance from the
  // host (Chromium): nothing is added to the page's shadow roots.
  expect(await isPainted(page, 'Warfarin'), 'Warfarin painted inside the open root').toBe(true);
  expect(await isPainted(page, 'Codeine'), 'Codeine painted inside the nested root').toBe(true);

  await hover(page, 'Warfarin');
  await expectReadablePopover(page, 'Warfarin');
  await page.mouse.move(2, 2);
  await expect(page.locator('plens-overlay')).toHaveCount(0);
  await hover(page, 'Codeine');
  await expectReadablePopover(page, 'Codeine');
  await page.mouse.move(2, 2);
  await expect(page.locator('plens-overlay')).toHaveCount(0);

  // Names that arrive later: a row in an existing root, and a new component.
  // And a component whose definition loads after the page: its root appears with no DOM change.
  const addLater = async (p: Page) => {
    await call(p, (w) => w.hostileShadow.addToOpenRoot());
    await call(p, (w) => w.hostileShadow.addComponent());
    await call(p, (w) => w.hostileShadow.defineDeferred());
  };
  await addLater(page);
  const flagged = async () => Object.values(await readShadowAwareHighlights(page)).flat();
  await expect
    .poll(async () =>
      (await flagged()).filter((t) => /Amitriptyline|Pregabalin|Azathioprine/.test(t)).sort(),
    )
    .toEqual(['Amitriptyline (shadow)', 'Azathioprine (shadow)', 'Pregabalin (shadow)']);
  expect(
    (await flagged()).some((t) => t.startsWith('Zopiclone')),
    'nothing read in the closed root',
  ).toBe(false);
  note(
    testInfo,
    'known limitation',
    'a name inside a closed shadow root (Zopiclone) is not flagged, by design; open and nested open roots are',
  );
  // The components still render their own text.
  await expect(page.locator('#open-card')).toContainText('Warfarin 1mg tablets');
  await expect(page.locator('#closed-card')).toHaveText('');

  const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  const pristine = await pristineDigest(plain, server.url('shadow-roots.html'), addLater);
  const pristineShadows = await shadowMarkup(plain);
  await plain.close();
  expect(await domDigest(page)).toBe(pristine);
  expect(await shadowMarkup(page)).toEqual(pristineShadows);
  expect(await adoptedSheets(page), 'no stylesheet adopted into the page or its roots').toBe(0);
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test('same-origin about:blank and srcdoc frames are flagged inside; frames left unchanged', async ({
  page,
  server,
  log,
  plainBrowser,
}) => {
  await page.goto(server.url('frames.html'));
  const frameOf = async (p: Page, id: string): Promise<Frame> => {
    const handle = await p.locator(`#${id}`).elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`no frame #${id}`);
    return frame;
  };
  const srcdoc = await frameOf(page, 'srcdoc-frame');
  const blank = await frameOf(page, 'blank-frame');
  await expect
    .poll(() => readHighlights(srcdoc), { message: 'srcdoc frame' })
    .toEqual({
      'plens-specialist-initiation': ['Liothyronine'],
      'plens-no-commissioned-service': ['Varenicline'],
    });
  await expect
    .poll(() => readHighlights(blank), { message: 'about:blank frame' })
    .toEqual({ 'plens-shared-care': ['Azathioprine'], 'plens-dependence-forming': ['Pregabalin'] });
  expect(await readHighlights(page)).toEqual({});
  // Hover inside the srcdoc frame: its popover is inside that frame.
  const point = await pointOfFlag(srcdoc, 'Varenicline');
  const box = await page.locator('#srcdoc-frame').boundingBox();
  await page.mouse.move((box?.x ?? 0) + point.x, (box?.y ?? 0) + point.y);
  await expect(srcdoc.getByRole('dialog')).toBeVisible();

  // Moving off the name inside the frame closes it, as on the top page.
  await page.mouse.move((box?.x ?? 0) + 570, (box?.y ?? 0) + 220);
  await expect(srcdoc.getByRole('dialog')).toBeHidden();

  const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  await plain.goto(server.url('frames.html'));
  const plainDigests = [
    await domDigest(plain),
    await domDigest(await frameOf(plain, 'srcdoc-frame')),
    await domDigest(await frameOf(plain, 'blank-frame')),
  ];
  await plain.close();
  expect([await domDigest(page), await domDigest(srcdoc), await domDigest(blank)]).toEqual(
    plainDigests,
  );
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test('a hover popover inside a frame closes when the pointer leaves the frame', async ({
  page,
  server,
}) => {
  await page.goto(server.url('frames.html'));
  const handle = await page.locator('#srcdoc-frame').elementHandle();
  const srcdoc = await handle?.contentFrame();
  if (!srcdoc) throw new Error('no srcdoc frame');
  await expect.poll(async () => Object.keys(await readHighlights(srcdoc)).length).toBe(2);
  const point = await pointOfFlag(srcdoc, 'Varenicline');
  const box = await page.locator('#srcdoc-frame').boundingBox();
  await page.mouse.move((box?.x ?? 0) + point.x, (box?.y ?? 0) + point.y);
  await expect(srcdoc.getByRole('dialog')).toBeVisible();
  // Straight out of the frame onto the host page: the frame's document gets no further
  // pointermove, only a mouseout with no related target; the card must not stay over the frame.
  await page.mouse.move(640, 20);
  await expect(srcdoc.getByRole('dialog')).toBeHidden({ timeout: 2000 });
});

test('text split over inline elements and adjacent Text nodes is flagged as one name', async ({
  page,
  server,
  log,
  plainBrowser,
}) => {
  const want = {
    'plens-shared-care': ['Methotrexate'],
    'plens-no-commissioned-service': ['Warfarin'],
    'plens-dependence-forming': ['Zopiclone', 'Sertraline', 'Pregabalin'],
  };
  await page.goto(server.url('split-text.html'));
  await expect.poll(() => readHighlights(page)).toEqual(want);
  // The page splits every Text node again: the same names, still one mark each.
  await call(page, (w) => w.hostileSplit.splitAll());
  await expect.poll(() => readHighlights(page)).toEqual(want);
  // Hovering the bold half ("clone") opens Zopiclone.
  const clone = await page.locator('#inline-b b').boundingBox();
  await page.mouse.move((clone?.x ?? 0) + 4, (clone?.y ?? 0) + (clone?.height ?? 0) / 2);
  await expect(page.getByRole('dialog', { name: 'Zopiclone' })).toBeVisible();
  await page.mouse.move(2, 2);
  await expect(page.locator('plens-overlay')).toHaveCount(0);
  const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  const pristine = await pristineDigest(plain, server.url('split-text.html'), (p) =>
    call(p, (w) => w.hostileSplit.splitAll()),
  );
  await plain.close();
  expect(await domDigest(page)).toBe(pristine);
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test.describe('a page that removes, moves or hides our host while a popover is open', () => {
  test('removed during a hover popover: the next hover still opens one', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('host-attack.html'));
    await expect.poll(async () => Object.keys(await readHighlights(page)).length).toBe(3);
    await hover(page, 'Methotrexate');
    await expect(page.getByRole('dialog', { name: 'Methotrexate' })).toBeVisible();
    await call(page, (w) => w.hostileHost.removeStrangers());
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await hover(page, 'Sertraline');
    await expect(page.getByRole('dialog', { name: 'Sertraline' })).toBeVisible({ timeout: 2000 });
  });

  test('removed while pinned: clicking another name still opens its popover', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('host-attack.html'));
    await expect.poll(async () => Object.keys(await readHighlights(page)).length).toBe(3);
    const warfarin = await revealFlag(page, 'Warfarin');
    await page.mouse.click(warfarin.x, warfarin.y);
    await expect(page.getByRole('dialog', { name: 'Warfarin' })).toBeVisible();
    await call(page, (w) => w.hostileHost.removeStrangers());
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const sertraline = await revealFlag(page, 'Sertraline');
    await page.mouse.click(sertraline.x, sertraline.y);
    await expect(page.getByRole('dialog', { name: 'Sertraline' })).toBeVisible({ timeout: 2000 });
  });

  test('moved into <body> or restyled to nothing: the popover stays readable; page DOM as without us', async ({
    page,
    server,
    log,
    plainBrowser,
  }) => {
    await page.goto(server.url('host-attack.html'));
    await expect.poll(async () => Object.keys(await readHighlights(page)).length).toBe(3);
    const point = await revealFlag(page, 'Methotrexate');
    await page.mouse.click(point.x, point.y);
    await expectReadablePopover(page, 'Methotrexate');
    await call(page, (w) => w.hostileHost.adoptStrangers());
    await call(page, (w) => w.hostileHost.restyle());
    await expectReadablePopover(page, 'Methotrexate');
    await page.keyboard.press('Escape');
    await expect(page.locator('plens-overlay')).toHaveCount(0);
    const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
    const pristine = await pristineDigest(plain, server.url('host-attack.html'), async (p) => {
      await call(p, (w) => w.hostileHost.adoptStrangers());
      await call(p, (w) => w.hostileHost.restyle());
    });
    await plain.close();
    expect(await domDigest(page)).toBe(pristine);
    expect(log.errors).toEqual([]);
  });
});

test('hostile CSS reset (* { all: unset !important }): flags painted, popover readable', async ({
  page,
  server,
  log,
  plainBrowser,
}) => {
  await page.goto(server.url('css-reset.html'));
  await expect
    .poll(() => readHighlights(page))
    .toEqual({ 'plens-shared-care': ['Methotrexate'], 'plens-dependence-forming': ['Zopiclone'] });
  await hover(page, 'Zopiclone');
  await expectReadablePopover(page, 'Zopiclone');
  await page.mouse.move(2, 2);
  await expect(page.locator('plens-overlay')).toHaveCount(0);
  const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  const pristine = await pristineDigest(plain, server.url('css-reset.html'));
  await plain.close();
  expect(await domDigest(page)).toBe(pristine);
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test('right-to-left page: names inside Arabic and Hebrew text flagged; popovers inside the window', async ({
  page,
  server,
  log,
  plainBrowser,
}) => {
  await page.goto(server.url('rtl.html'));
  await expect
    .poll(() => readHighlights(page))
    .toEqual({
      'plens-shared-care': ['Methotrexate'],
      'plens-no-commissioned-service': ['Warfarin'],
      'plens-dependence-forming': ['Sertraline', 'Zopiclone'],
    });
  for (const name of ['Sertraline', 'Warfarin', 'Methotrexate', 'Zopiclone']) {
    await hover(page, name);
    await expectReadablePopover(page, name);
    await page.mouse.move(640, 790);
    await expect(page.locator('plens-overlay')).toHaveCount(0);
  }
  const plain = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  const pristine = await pristineDigest(plain, server.url('rtl.html'));
  await plain.close();
  expect(await domDigest(page)).toBe(pristine);
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});

test('200% browser zoom: popovers for names in all four corners stay inside the window', async ({
  page,
  server,
  log,
  extensionContext,
}, testInfo) => {
  await page.goto(server.url('edges.html'));
  await expect.poll(async () => Object.values(await readHighlights(page)).flat().length).toBe(4);
  // Real browser zoom (as Ctrl + twice… to 200%), set through the tabs API for this tab only.
  const id = await extensionId(extensionContext);
  const worker = extensionContext.serviceWorkers().find((w) => w.url().includes(id));
  if (!worker) throw new Error('no service worker');
  await page.bringToFront();
  const setZoom = (factor: number) =>
    worker.evaluate(async (f) => {
      type Tabs = {
        query(q: object): Promise<{ id?: number }[]>;
        setZoomSettings(id: number, s: object): Promise<void>;
        setZoom(id: number, f: number): Promise<void>;
      };
      const tabs = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome.tabs;
      const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error('no active tab');
      await tabs.setZoomSettings(tab.id, { scope: 'per-tab' });
      await tabs.setZoom(tab.id, f);
    }, factor);
  await setZoom(2);
  try {
    await expect.poll(() => page.evaluate(() => [innerWidth, devicePixelRatio])).toEqual([640, 2]);
    const placed: string[] = [];
    for (const name of ['Methotrexate', 'Liothyronine', 'Varenicline', 'Zopiclone']) {
      const point = await pointOfFlag(page, name);
      await page.mouse.move(point.x, point.y);
      const p = await expectReadablePopover(page, name);
      placed.push(
        `${name}: ${p.rect.left.toFixed(0)},${p.rect.top.toFixed(0)}–${p.rect.right.toFixed(0)},${p.rect.bottom.toFixed(0)}`,
      );
      // At 200% the card covers most of the window, so close it from the keyboard.
      await page.keyboard.press('Escape');
      await expect(page.locator('plens-overlay')).toHaveCount(0);
    }
    note(testInfo, 'popover boxes at 200% (CSS px, viewport 640×400)', placed.join('; '));
  } finally {
    await setZoom(1);
  }
  expect(foreignRequests(log, server)).toEqual([]);
  expect(log.errors).toEqual([]);
});
