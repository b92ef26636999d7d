/**
 * Issue #18: the co-prescribing notice stays out of the way. On a small or zoomed window (200% of
 * 1280×800 is 640×400 CSS px) it starts folded to one line; while a card is pinned it folds and
 * docks away from the card, so it never covers it; the user can fold and unfold it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { axeOnOurs } from './axe-ours';
import { activeServiceWorker, revealFlag } from './page-helpers';

const NOTICES = { name: 'Prescribing Lens co-prescribing notices' };

// Folding is remembered per site (issue #18): every test starts from no remembered choice.
test.beforeEach(async ({ extensionContext }) => {
  const worker = await activeServiceWorker(extensionContext);
  await worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { remove(k: string): Promise<void> } } };
      }
    ).chrome.storage.local.remove('noticeFolded'),
  );
});

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('at 200% zoom of 1280×800 the notice starts as one line, and unfolds on request', async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(server.url('drug-history.html'));
  const notice = page.getByRole('region', NOTICES);
  await expect(notice).toContainText('1 co-prescribing alert');
  const box = await notice.boundingBox();
  if (!box) throw new Error('no notice');
  expect(box.height * box.width).toBeLessThan(0.1 * 640 * 400);
  await notice.getByRole('button', { name: 'Show' }).click();
  await expect(notice).toContainText('Oxycodone + Diazepam');
  await notice.getByRole('button', { name: /^Collapse/ }).click();
  await expect(notice).not.toContainText('Oxycodone + Diazepam');
});

test('a pinned card is never under the notice: the notice folds and docks away from it', async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url('drug-history.html'));
  const notice = page.getByRole('region', NOTICES);
  await expect(notice).toContainText('Oxycodone + Diazepam');
  const point = await revealFlag(page, 'Diazepam');
  await page.mouse.click(point.x, point.y);
  const card = page.getByRole('dialog', { name: 'Diazepam' });
  await expect(card).toBeVisible();
  await expect(notice).toContainText('1 co-prescribing alert');
  const [c, n] = [await card.boundingBox(), await notice.boundingBox()];
  if (!c || !n) throw new Error('no boxes');
  expect(overlaps(c, n)).toBe(false);
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(notice).toContainText('Oxycodone + Diazepam');
});

/**
 * How many of the page's own buttons the notice hides: a button counts when a point of it that the
 * page shows (the page's topmost element there is the button, not, say, a sidebar over it) lies
 * under `box`.
 */
async function pageButtonsUnder(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
): Promise<number> {
  return page.evaluate((n) => {
    const host = document.querySelector('plens-overlay');
    let covered = 0;
    for (const b of document.querySelectorAll('button')) {
      const r = b.getBoundingClientRect();
      const left = Math.max(r.left, n.x);
      const right = Math.min(r.right, n.x + n.width);
      const top = Math.max(r.top, n.y);
      const bottom = Math.min(r.bottom, n.y + n.height);
      if (left >= right || top >= bottom) continue;
      let hidden = false;
      for (let x = left + 0.5; x < right && !hidden; x += 4)
        for (let y = top + 0.5; y < bottom && !hidden; y += 4) {
          const under = document.elementsFromPoint(x, y).find((el) => el !== host);
          if (under && b.contains(under)) hidden = true;
        }
      if (hidden) covered++;
    }
    return covered;
  }, box);
}

for (const [label, size] of [
  ['1024×768', { width: 1024, height: 768 }],
  ['200% zoom of 1024×768', { width: 512, height: 384 }],
  ['200% zoom of 1280×800', { width: 640, height: 400 }],
] as const) {
  test(`worklist at ${label}: the folded notice covers none of the worklist’s buttons, in view or scrolled`, async ({
    page,
    server,
  }) => {
    await page.setViewportSize(size);
    await page.goto(server.url('repeat-review.html'));
    const notice = page.getByRole('region', NOTICES);
    await expect(notice).toContainText('2 co-prescribing alerts');
    const box = await notice.boundingBox();
    if (!box) throw new Error('no notice');
    expect(await pageButtonsUnder(page, box)).toBe(0);
    // Fixed in a corner: scrolling brings other rows under it; none of their buttons are covered.
    for (const y of [200, 400, 800]) {
      await page.mouse.wheel(0, y);
      // It may move to another corner once the page settles (it checks about once a second).
      await expect
        .poll(
          async () => {
            const now = await notice.boundingBox();
            return now ? pageButtonsUnder(page, now) : -1;
          },
          { message: `after scrolling ${y}px`, timeout: 3000 },
        )
        .toBe(0);
    }
    expect(box.width * box.height).toBeLessThan(0.1 * size.width * size.height);
  });
}

for (const [label, size] of [
  ['1024×768', { width: 1024, height: 768 }],
  ['200% zoom of 1024×768', { width: 512, height: 384 }],
] as const) {
  test(`at ${label} a pinned card is never under the notice`, async ({ page, server }) => {
    await page.setViewportSize(size);
    await page.goto(server.url('drug-history.html'));
    const notice = page.getByRole('region', NOTICES);
    await expect(notice).toContainText(/Oxycodone \+ Diazepam|1 co-prescribing alert/);
    for (const name of ['Diazepam', 'Oxycodone']) {
      const point = await revealFlag(page, name);
      await page.mouse.click(point.x, point.y);
      const card = page.getByRole('dialog', { name });
      await expect(card).toBeVisible();
      const [c, n] = [await card.boundingBox(), await notice.boundingBox()];
      if (!c || !n) throw new Error('no boxes');
      expect(overlaps(c, n), name).toBe(false);
      await page.keyboard.press('Escape');
      await expect(card).toBeHidden();
    }
  });
}

test('folding the notice is remembered for the site (host name only), across reloads and pages', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url('drug-history.html'));
  const notice = page.getByRole('region', NOTICES);
  await expect(notice).toContainText('Oxycodone + Diazepam');
  await notice.getByRole('button', { name: /^Collapse/ }).click();
  await expect(notice).toContainText('1 co-prescribing alert');
  expect(await axeOnOurs(page, 'overlay')).toEqual([]);

  await page.reload();
  await expect(notice).toContainText('1 co-prescribing alert');
  await expect(notice).not.toContainText('Oxycodone + Diazepam');
  // What was kept: the host and a yes/no, nothing from the page.
  const worker = await activeServiceWorker(extensionContext);
  const stored = await worker.evaluate(async () => {
    const c = globalThis as unknown as {
      chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
    };
    return (await c.chrome.storage.local.get('noticeFolded'))['noticeFolded'];
  });
  expect(stored).toEqual({ [new URL(server.url('x')).host]: true });
  // Another page of the same site starts folded too.
  await page.goto(`${server.url('drug-history.html')}?another-page`);
  await expect(notice).toContainText('1 co-prescribing alert');
  await expect(notice).not.toContainText('Oxycodone + Diazepam');

  // Unfolded again: the remembered fold is forgotten, and the usual start applies (unfolded on a
  // large window with one patient; folded on lists and small windows, which a remembered
  // "unfolded" must never override).
  await page.goto(server.url('drug-history.html'));
  await notice.getByRole('button', { name: 'Show' }).click();
  await expect(notice).toContainText('Oxycodone + Diazepam');
  await page.reload();
  await expect(notice).toContainText('Oxycodone + Diazepam');
});
