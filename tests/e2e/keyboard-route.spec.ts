/**
 * Issue #18: a keyboard-only user reaches every flag and every card. Marks take no Tab stop (the
 * page's DOM is never changed), so the "next flag" / "previous flag" commands (Alt+Shift+. and
 * Alt+Shift+, by default) step through them in page order: the page scrolls by its own means, the
 * card opens with focus inside, "Flag 3 of 12: …" is announced from our shadow root, and Escape
 * puts focus back exactly where it was. A notice's medicines reach their cards by keyboard too.
 * A browser-level shortcut cannot be pressed from Playwright, so the tests ask the service worker
 * to run the command (test builds only), as the browser does when the keys are pressed.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { axeOnOurs } from './axe-ours';
import { readHighlights } from './highlights';
import { activeServiceWorker, openPopupFor, tabIdOf } from './page-helpers';

const GP_SCREEN = 'gp-medication-screen.html';

async function command(
  context: BrowserContext,
  tabId: number,
  name: 'next-flag' | 'previous-flag',
): Promise<void> {
  const worker = await activeServiceWorker(context);
  await worker.evaluate(
    ([name, tabId]) =>
      (
        globalThis as unknown as { plensTestCommand(c: string, t: number): Promise<void> }
      ).plensTestCommand(name, tabId),
    [name, tabId] as const,
  );
}

/** The open card as a person perceives it: its heading, position line, whether focus is in it. */
async function card(page: Page): Promise<{
  heading: string | null;
  position: string | null;
  announced: string;
  hasFocus: boolean;
}> {
  return page.evaluate(() => {
    const host = document.querySelector('plens-overlay');
    const root = host?.shadowRoot;
    const dialog = root?.querySelector('[role="dialog"]');
    return {
      heading: dialog?.querySelector('h2')?.textContent ?? null,
      position: dialog?.querySelector('.plens-step-position')?.textContent ?? null,
      announced: root?.querySelector('[data-testid="plens-announce"]')?.textContent ?? '',
      hasFocus:
        document.activeElement === host &&
        !!root?.activeElement &&
        !!dialog?.contains(root.activeElement),
    };
  });
}

async function totalMarks(page: Page): Promise<number> {
  return Object.values(await readHighlights(page)).flat().length;
}

test('the next-flag command visits every flag in page order, card focused and announced; Escape puts focus back where it was', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url(GP_SCREEN));
  await expect.poll(() => totalMarks(page)).toBeGreaterThan(10);
  const total = await totalMarks(page);
  const tabId = await tabIdOf(extensionContext, page);
  // The user is on the page's own "Medications" tab link.
  const start = page.getByRole('link', { name: 'Medications' });
  await start.focus();

  await command(extensionContext, tabId, 'next-flag');
  await expect.poll(async () => (await card(page)).position).toBe(`Flag 1 of ${total}`);
  const first = await card(page);
  expect(first.hasFocus).toBe(true);
  expect(first.announced).toBe(`Flag 1 of ${total}: ${first.heading}`);
  expect(await axeOnOurs(page, 'overlay')).toEqual([]);

  // Every flag, each once, then round to the first again.
  const seen = [first.heading];
  for (let i = 2; i <= total; i++) {
    await command(extensionContext, tabId, 'next-flag');
    await expect.poll(async () => (await card(page)).position).toBe(`Flag ${i} of ${total}`);
    const now = await card(page);
    expect(now.hasFocus).toBe(true);
    // The page scrolled the name into view by itself: the card sits on screen.
    const box = await page.getByRole('dialog').boundingBox();
    expect(box && box.y >= 0 && box.y < (page.viewportSize()?.height ?? 0)).toBe(true);
    seen.push(now.heading);
  }
  expect(seen).toHaveLength(total);
  await command(extensionContext, tabId, 'next-flag');
  await expect.poll(async () => (await card(page)).position).toBe(`Flag 1 of ${total}`);
  await command(extensionContext, tabId, 'previous-flag');
  await expect.poll(async () => (await card(page)).position).toBe(`Flag ${total} of ${total}`);

  // The card's own buttons step too, reached with Tab (the card's last controls).
  const focusedInCard = () =>
    page.evaluate(
      () => document.querySelector('plens-overlay')?.shadowRoot?.activeElement?.textContent ?? '',
    );
  let presses = 0;
  while ((await focusedInCard()) !== 'Previous flag' && presses++ < 40)
    await page.keyboard.press('Tab');
  expect(await focusedInCard()).toBe('Previous flag');
  await page.keyboard.press('Enter'); // "Previous flag"
  await expect.poll(async () => (await card(page)).position).toBe(`Flag ${total - 1} of ${total}`);
  expect((await card(page)).hasFocus).toBe(true);

  // Escape: the card closes and focus is back on the link the user was on.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(start).toBeFocused();
});

test('typing in a field: no card opens and focus stays unless the shortcut is pressed', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url('prescribing-form.html'));
  await expect.poll(() => totalMarks(page)).toBeGreaterThan(0);
  const field = page.getByRole('textbox').first();
  await field.focus();
  await field.pressSequentially('Zopiclone 7.5 mg', { delay: 20 });
  await page.waitForTimeout(600);
  await expect(field).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Pressed on purpose, it acts; Escape gives the field its focus back.
  const tabId = await tabIdOf(extensionContext, page);
  await command(extensionContext, tabId, 'next-flag');
  await expect.poll(async () => (await card(page)).hasFocus).toBe(true);
  await page.keyboard.press('Escape');
  await expect(field).toBeFocused();
});

test('a card opened from the popup: after Escape, Tab carries on from the flagged name, not from the top of the page', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url(GP_SCREEN));
  await expect.poll(() => totalMarks(page)).toBeGreaterThan(10);
  const tabId = await tabIdOf(extensionContext, page);
  const popup = await openPopupFor(extensionContext, tabId);
  await expect(popup.getByTestId('plens-reveal').first()).toBeFocused();
  expect(await axeOnOurs(popup, 'page')).toEqual([]);
  await Promise.all([
    popup.waitForEvent('close'),
    popup
      .getByRole('button', { name: /^Warfarin/ })
      .click({ noWaitAfter: true })
      .catch(() => undefined),
  ]);
  await page.bringToFront();
  await expect.poll(async () => (await card(page)).heading).toBe('Warfarin');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Tab');
  // The next control after the Warfarin row, in page order, not the first link of the page.
  const after = await page.evaluate(() => {
    const active = document.activeElement;
    let warfarin: Node | null = null;
    for (const [name, highlight] of CSS.highlights)
      if (name.startsWith('plens-'))
        for (const r of highlight) {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.toString() === 'Warfarin') warfarin = r.startContainer;
        }
    if (!active || !warfarin || active === document.body) return 'nothing focused';
    return warfarin.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING
      ? 'after'
      : 'before';
  });
  expect(after).toBe('after');
});

test('a co-prescribing notice’s medicines reach their cards by keyboard; Escape returns to the notice', async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url('drug-history.html'));
  const notice = page.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' });
  await expect(notice).toContainText('Oxycodone + Diazepam');
  const details = notice.getByRole('button', { name: 'Details' });
  await details.focus();
  await page.keyboard.press('Enter');
  const go = notice.getByRole('button', { name: 'Go to Diazepam' });
  await expect(go).toBeVisible();
  expect(await axeOnOurs(page, 'overlay')).toEqual([]);
  await go.focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await card(page)).heading).toBe('Diazepam');
  expect((await card(page)).hasFocus).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(notice.getByRole('button', { name: 'Go to Diazepam' })).toBeFocused();
});

test('flags inside a frame are reached too: the command goes on from the page into its frame and round again', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url('iframe-host.html'));
  const frame = page.frameLocator('iframe[title="GP record section"]');
  const inner = page.frames().find((f) => f.url().endsWith('iframe-medications.html'));
  expect(inner, 'the record frame loaded').toBeTruthy();
  if (!inner) return;
  const frameMarks = async () => Object.values(await readHighlights(inner)).flat().length;
  await expect.poll(frameMarks).toBeGreaterThan(2);
  const total = await frameMarks();
  expect(await totalMarks(page), 'the host page itself shows no medicine').toBe(0);
  const tabId = await tabIdOf(extensionContext, page);
  // Wait until both frames have reported, so the background knows the frame has flags.
  await expect
    .poll(async () => {
      const worker = await activeServiceWorker(extensionContext);
      return worker.evaluate(async (tabId) => {
        const c = globalThis as unknown as {
          chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } };
        };
        const keys = Object.keys(await c.chrome.storage.session.get(null));
        return keys.filter((k) => k.startsWith(`summary-${tabId}-`)).length;
      }, tabId);
    })
    .toBeGreaterThanOrEqual(2);

  const cardInFrame = () =>
    inner.evaluate(() => {
      const root = document.querySelector('plens-overlay')?.shadowRoot;
      const dialog = root?.querySelector('[role="dialog"]');
      return {
        heading: dialog?.querySelector('h2')?.textContent ?? null,
        position: dialog?.querySelector('.plens-step-position')?.textContent ?? null,
        hasFocus: !!root?.activeElement && !!dialog?.contains(root.activeElement),
      };
    });
  const seen: (string | null)[] = [];
  for (let i = 1; i <= total; i++) {
    await command(extensionContext, tabId, 'next-flag');
    await expect.poll(async () => (await cardInFrame()).position).toBe(`Flag ${i} of ${total}`);
    const now = await cardInFrame();
    expect(now.hasFocus).toBe(true);
    seen.push(now.heading);
  }
  expect(new Set(seen).size).toBeGreaterThan(1);
  await expect(frame.getByRole('dialog')).toHaveCount(1);
  // Past the frame's last flag: round to its first again (the page has no flags of its own).
  await command(extensionContext, tabId, 'next-flag');
  await expect.poll(async () => (await cardInFrame()).position).toBe(`Flag 1 of ${total}`);
  await command(extensionContext, tabId, 'previous-flag');
  await expect.poll(async () => (await cardInFrame()).position).toBe(`Flag ${total} of ${total}`);
});
