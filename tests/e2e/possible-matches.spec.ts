/**
 * Misspelt and truncated names typed by clinicians are shown as possible matches: a distinct dotted
 * style and wording that never reads as certain.
 */
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { expectedState, loadExpectations, revealFlag } from './page-helpers';

const file = 'typed-notes.html';

test('typed misspellings are flagged as possible matches, ordinary words are not', async ({
  page,
  server,
}) => {
  await page.goto(server.url(file));
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations(file), 'initial'));
});

test('a possible match says so in its popover', async ({ page, server }) => {
  await page.goto(server.url(file));
  await expect
    .poll(async () => (await readHighlights(page))['plens-possible']?.length ?? 0)
    .toBe(3);
  const point = await revealFlag(page, 'zopiclon');
  await page.mouse.move(point.x, point.y);
  const popover = page.getByRole('dialog', { name: 'Zopiclone' });
  await expect(popover).toBeVisible();
  await expect(popover.getByTestId('plens-possible')).toHaveText(
    'Possible match: “zopiclon” is not an exact name. Did you mean Zopiclone?',
  );
});

test('a family name whose products differ is a possible match that says to check the product', async ({
  page,
  server,
}) => {
  const history = 'otc-history.html';
  await page.goto(server.url(history));
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations(history), 'initial'));
  const point = await revealFlag(page, 'Solpadeine');
  await page.mouse.move(point.x, point.y);
  const popover = page.getByRole('dialog', { name: 'Codeine' });
  await expect(popover).toBeVisible();
  await expect(popover.getByTestId('plens-possible')).toHaveText(
    'Possible match: “Solpadeine” names several products, and only some contain codeine. Check which product this is.',
  );
});
