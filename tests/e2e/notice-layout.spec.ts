/**
 * Issue #18: the co-prescribing notice stays out of the way. On a small or zoomed window (200% of
 * 1280×800 is 640×400 CSS px) it starts folded to one line; while a card is pinned it folds and
 * docks away from the card, so it never covers it; the user can fold and unfold it.
 */
import { expect, test } from './fixtures';
import { revealFlag } from './page-helpers';

const NOTICES = { name: 'Prescribing Lens co-prescribing notices' };

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
