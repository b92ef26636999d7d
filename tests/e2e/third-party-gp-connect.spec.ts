/**
 * GP Connect Access Record HTML, Medications section, built to the published HTML view specification
 * (nhsconnect/gpconnect medications template and view page): the mandatory table ids, banner
 * classes, `td.date-column`, grouped `td.med-item-column` drug headers and dd-Mmm-yyyy dates, filled
 * with dm+d-style items. Two template versions: the current one (med-tab-acu-med, <strong> group
 * headers) and the earlier one (med-tab-rec-acu "Recent Medication Issues", <b> group headers).
 * Current vs past must follow the table ids.
 */
import type { RunningServer } from '../server';
import {
  domWithoutOurHost,
  highlightTables,
  loadThirdPartyExpectations,
  plainDom,
  startThirdPartyServer,
} from '../third-party/harness';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { outerHtml, pointOfFlag } from './page-helpers';

const PAGES = [
  { file: 'gp-connect/medications.html', expected: 'gp-connect-medications.json' },
  { file: 'gp-connect/medications-rec-acu.html', expected: 'gp-connect-medications-rec-acu.json' },
];
const PAST_TABLES = ['med-tab-dis-rep', 'med-tab-all-sum', 'med-tab-all-iss'];
const CURRENT_TABLES = ['med-tab-acu-med', 'med-tab-rec-acu', 'med-tab-curr-rep'];

let site: RunningServer;
test.beforeAll(async () => {
  site = await startThirdPartyServer();
});
test.afterAll(async () => {
  await site.close();
});

for (const { file, expected } of PAGES) {
  test.describe(file, () => {
    test('flags exactly the expected medicines; past vs current follows the GP Connect table ids', async ({
      page,
    }) => {
      const expectations = loadThirdPartyExpectations(expected);
      await page.goto(site.url(file));
      await expect.poll(() => readHighlights(page)).toEqual(expectations.state('initial'));

      const tables = await highlightTables(page);
      for (const [name, ids] of Object.entries(tables)) {
        for (const id of ids) {
          if (name === 'plens-past') {
            // Past tables, or a current table's row that GP Connect marks CANCELLED:/DISCONTINUED:.
            expect([...PAST_TABLES, ...CURRENT_TABLES], `${name} in #${id}`).toContain(id);
          } else {
            expect(CURRENT_TABLES, `${name} in #${id}`).toContain(id);
          }
        }
      }
      for (const id of PAST_TABLES) {
        const inTable = Object.entries(tables).flatMap(([name, ids]) =>
          ids.filter((t) => t === id).map(() => name),
        );
        expect(new Set(inTable), `highlights in #${id}`).toEqual(new Set(['plens-past']));
      }
    });

    test('leaves the page DOM identical, makes no request of its own and logs no error', async ({
      page,
      plainBrowser,
      log,
    }) => {
      const pristine = await plainDom(plainBrowser, site.url(file));
      await page.goto(site.url(file));
      await expect
        .poll(async () => Object.keys(await readHighlights(page)).length)
        .toBeGreaterThan(0);
      expect(await outerHtml(page)).toBe(pristine);
      expect(log.requests.filter((url) => !url.startsWith(site.origin))).toEqual([]);
      expect(log.errors).toEqual([]);
    });
  });
}

test('a flagged repeat in med-tab-curr-rep opens its popover; the page differs only by our host', async ({
  page,
  plainBrowser,
}) => {
  const file = 'gp-connect/medications.html';
  const pristine = await plainDom(plainBrowser, site.url(file));
  await page.goto(site.url(file));
  await expect
    .poll(async () => (await readHighlights(page))['plens-shared-care']?.length ?? 0)
    .toBeGreaterThan(0);
  // The first "Methotrexate" in the document is the repeat in med-tab-curr-rep (later ones are past).
  await page.locator('#med-tab-curr-rep').scrollIntoViewIfNeeded();
  const point = await pointOfFlag(page, 'Methotrexate');
  await page.mouse.move(point.x, point.y);
  const popover = page.getByRole('dialog', { name: 'Methotrexate' });
  await expect(popover).toBeVisible();
  await expect(popover.getByRole('list', { name: 'Categories' })).toContainText('Shared care');
  expect(await domWithoutOurHost(page)).toBe(pristine);
  await page.mouse.move(5, 5);
  await expect(popover).toBeHidden();
  await expect(page.locator('plens-overlay')).toHaveCount(0);
  expect(await outerHtml(page)).toBe(pristine);
});
