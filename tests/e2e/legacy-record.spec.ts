/**
 * A record migrated from older systems, with drug terms as GP systems wrote them (Read v2, EMIS and
 * dm+d terms from the GM SDE code sets, not written by us: docs/names.md, "Session 9"): legacy and
 * imported medicines are flagged with their own positions, and look-alikes are left alone.
 */
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import {
  expectedState,
  loadExpectations,
  outerHtmlWithoutOurHost,
  revealFlag,
} from './page-helpers';

const file = 'legacy-record.html';

test('old and imported medicines are flagged as the record writes them; look-alikes are not', async ({
  page,
  server,
  pristineHtml,
}) => {
  await page.goto(server.url(file));
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations(file), 'initial'));
  expect(await outerHtmlWithoutOurHost(page)).toBe(await pristineHtml(file));
});

test('each legacy flag opens the right medicine’s card', async ({ page, server }) => {
  await page.goto(server.url(file));
  await expect.poll(async () => (await readHighlights(page))['plens-past']?.length ?? 0).toBe(4);
  for (const [text, medicine] of [
    ['PALFIUM', 'Dextromoramide'],
    ['DENOSUMAB', 'Denosumab (bone metastases)'],
    ['Focalin XR', 'Dexmethylphenidate'],
  ] as const) {
    const point = await revealFlag(page, text);
    await page.mouse.move(point.x, point.y);
    await expect(page.getByRole('dialog', { name: medicine })).toBeVisible();
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
});
