/**
 * Issue #18: hover stays out of the way. Moving the pointer straight down a worklist's drug column
 * shows every row: the card of one name gives way to the next name as the pointer carries on,
 * instead of holding itself open over the rows below.
 */
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { pointOfFlag, revealFlag } from './page-helpers';

test('a hover sweep down the worklist column shows each row in turn', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url('repeat-review.html'));
  await expect
    .poll(async () => (await readHighlights(page))['plens-dependence-forming']?.length ?? 0)
    .toBeGreaterThan(0);
  // Mrs Nowak's rows: Lorazepam, then Gabapentin straight below it.
  const first = await revealFlag(page, 'Lorazepam');
  await page.mouse.move(first.x, first.y);
  const lorazepam = page.getByRole('dialog', { name: 'Lorazepam' });
  await expect(lorazepam).toBeVisible();
  const next = await pointOfFlag(page, 'Gabapentin');
  expect(next.y).toBeGreaterThan(first.y);
  // Straight down the column, at an ordinary speed, then a rest on the next name.
  await page.mouse.move(first.x, next.y, { steps: 8 });
  await expect(lorazepam).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'Gabapentin' })).toBeVisible();
  // The card never covers the name the pointer rests on (below it, or above when no room).
  const box = await page.getByRole('dialog', { name: 'Gabapentin' }).boundingBox();
  if (!box) throw new Error('no card');
  expect(box.y > next.y || box.y + box.height < next.y).toBe(true);
});
