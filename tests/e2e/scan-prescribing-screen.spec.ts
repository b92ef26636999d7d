/**
 * The first slice, as a GP or pharmacist sees it on static screens: the right names flagged in the
 * right colours and nothing else, a popover with the position, advice and source on hover or click,
 * keyboard dismissal, and a page that is byte-for-byte unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import {
  expectedState,
  loadExpectations,
  outerHtmlWithoutOurHost,
  revealFlag,
} from './page-helpers';

// Issue #18's pages: a clinic list, a record with ended courses and notes, open suggestions, a
// clerking "Drug history".
const STATIC_PAGES = [
  'gp-medication-screen.html',
  'repeat-review.html',
  'clinic-list.html',
  'ended-courses-notes.html',
  'prescribing-suggestions.html',
  'drug-history.html',
];
const core = JSON.parse(fs.readFileSync('rules/packs/core.json', 'utf8')) as {
  name: string;
  categoryText: Record<string, { position: string; advice: string }>;
};

for (const file of STATIC_PAGES) {
  test.describe(file, () => {
    test('flags exactly the expected medicines, each in its category', async ({ page, server }) => {
      const expectations = loadExpectations(file);
      await page.goto(server.url(file));
      await expect.poll(() => readHighlights(page)).toEqual(expectedState(expectations, 'initial'));
      const flagged = Object.values(await readHighlights(page)).flat();
      for (const word of expectations.unflagged ?? []) expect(flagged).not.toContain(word);
    });

    test('leaves the page DOM identical, and makes no request of its own', async ({
      page,
      server,
      log,
      pristineHtml,
    }) => {
      const pristine = await pristineHtml(file);
      await page.goto(server.url(file));
      await expect
        .poll(async () => Object.keys(await readHighlights(page)).length)
        .toBeGreaterThan(0);
      // Our one host element may exist while our UI shows (a co-prescribing notice); nothing else differs.
      expect(await outerHtmlWithoutOurHost(page)).toBe(pristine);
      expect(log.requests.filter((url) => !url.startsWith(server.origin))).toEqual([]);
      expect(log.errors).toEqual([]);
    });
  });
}

test.describe('popover on the GP medication screen', () => {
  const file = 'gp-medication-screen.html';

  test('hovering a flagged name shows its position, advice, source and pack', async ({
    page,
    server,
  }) => {
    await page.goto(server.url(file));
    await expect
      .poll(async () => (await readHighlights(page))['plens-dependence-forming']?.length ?? 0)
      .toBeGreaterThan(0);
    const point = await revealFlag(page, 'Zopiclone');
    await page.mouse.move(point.x, point.y);
    const popover = page.getByRole('dialog', { name: 'Zopiclone' });
    await expect(popover).toBeVisible();
    await expect(popover.getByRole('list', { name: 'Categories' })).toHaveText(
      'Dependence-forming',
    );
    await expect(popover.getByTestId('plens-position')).toHaveText(
      core.categoryText['dependence-forming']?.position ?? '',
    );
    // Issue 17: the advice says when a drug service is the wrong referral, and the fallback.
    await expect(popover.getByTestId('plens-advice')).toContainText(
      'A drug and alcohol service is the wrong referral',
    );
    const source = popover.getByRole('link', { name: 'Prescribed medicines review: report' });
    await expect(source).toHaveAttribute('href', /^https:\/\//);
    await expect(popover).toContainText(core.name);
    // The popover must not take focus on hover: the clinician may be typing.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');

    fs.mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({
      path: path.join('docs/screenshots', 'popover-gp-medication-screen.png'),
    });

    // The pointer may travel onto the popover to read it or follow its source link: it stays.
    const box = await popover.boundingBox();
    if (!box) throw new Error('popover has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.waitForTimeout(1000);
    await expect(popover).toBeVisible();

    // Moving away closes it.
    await page.mouse.move(5, 5);
    await expect(popover).toBeHidden();
  });

  test('the only DOM difference while a popover shows is our one host element', async ({
    page,
    server,
    pristineHtml,
  }) => {
    const pristine = await pristineHtml(file);
    await page.goto(server.url(file));
    await expect
      .poll(async () => Object.keys(await readHighlights(page)).length)
      .toBeGreaterThan(0);
    const point = await revealFlag(page, 'Zopiclone');
    await page.mouse.move(point.x, point.y);
    await expect(page.getByRole('dialog')).toBeVisible();
    const withHost = await page.evaluate(() => {
      const host = document.querySelector('plens-overlay');
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      clone.querySelector('plens-overlay')?.remove();
      return {
        hosts: document.querySelectorAll('plens-overlay').length,
        parent: host?.parentElement?.tagName,
        html: clone.outerHTML,
      };
    });
    expect(withHost.hosts).toBe(1);
    expect(withHost.parent).toBe('HTML');
    expect(withHost.html).toBe(pristine);
  });

  test('click pins the popover and moves focus into it; Escape closes it and returns focus', async ({
    page,
    server,
  }) => {
    await page.goto(server.url(file));
    await expect
      .poll(async () => (await readHighlights(page))['plens-shared-care']?.length ?? 0)
      .toBeGreaterThan(0);
    const flagged = (await readHighlights(page))['plens-shared-care']?.[0] ?? '';
    const point = await revealFlag(page, flagged);
    await page.mouse.click(point.x, point.y);
    const popover = page.getByRole('dialog');
    await expect(popover).toBeVisible();
    await expect(popover.getByRole('list', { name: 'Categories' })).toContainText('Shared care');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.tagName))
      .toBe('PLENS-OVERLAY');
    // Pinned: moving the pointer away does not close it.
    await page.mouse.move(5, 5);
    await page.waitForTimeout(600);
    await expect(popover).toBeVisible();
    // Keyboard: Tab reaches the close button and links inside; Escape closes.
    await page.keyboard.press('Tab');
    await expect(popover.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  });
});
