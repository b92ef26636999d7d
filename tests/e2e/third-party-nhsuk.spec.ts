/**
 * A medication review page rendered from NHS.UK frontend's own Nunjucks page template and
 * component macros (header, summary list, responsive table, table, tag, inset text, footer) with
 * its CSS and JavaScript (initAll): the names in NHS styling are flagged, the table captioned
 * "Medicines stopped at this review" is past, and the page is otherwise untouched.
 */
import type { RunningServer } from '../server';
import {
  loadThirdPartyExpectations,
  plainDom,
  startThirdPartyServer,
} from '../third-party/harness';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { outerHtml } from './page-helpers';

const FILE = 'nhsuk/medication-review.html';

let site: RunningServer;
test.beforeAll(async () => {
  site = await startThirdPartyServer();
});
test.afterAll(async () => {
  await site.close();
});

test('NHS.UK frontend medication review: flags exactly the expected medicines, stopped ones as past', async ({
  page,
}) => {
  const expectations = loadThirdPartyExpectations('nhsuk-medication-review.json');
  await page.goto(site.url(FILE));
  await expect.poll(() => readHighlights(page)).toEqual(expectations.state('initial'));
  // NHS.UK frontend's JavaScript ran (it marks the body), so the page is as NHS services ship it.
  await expect(page.locator('body')).toHaveClass(/nhsuk-frontend-supported/);
});

test('NHS.UK frontend medication review: DOM identical, no request of our own, no error', async ({
  page,
  plainBrowser,
  log,
}) => {
  const settle = async (p: typeof page): Promise<void> => {
    await expect(p.locator('body')).toHaveClass(/nhsuk-frontend-supported/);
  };
  const pristine = await plainDom(plainBrowser, site.url(FILE), settle);
  await page.goto(site.url(FILE));
  await settle(page);
  await expect.poll(async () => Object.keys(await readHighlights(page)).length).toBeGreaterThan(0);
  expect(await outerHtml(page)).toBe(pristine);
  expect(log.requests.filter((url) => !url.startsWith(site.origin))).toEqual([]);
  expect(log.errors).toEqual([]);
});
