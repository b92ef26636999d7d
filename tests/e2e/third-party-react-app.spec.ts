/**
 * A React 19 app that re-renders under the extension: a timer moves keyed rows (insertBefore),
 * rewrites a name's text node in place and swaps a row; a controlled filter box and a sort button
 * re-render on input. The flags must follow, React must never trip over the page (no
 * "removeChild"/"insertBefore" NotFoundError, no error at all in the console), and the app's own
 * state — the filter's value, the rows it shows — must be exactly what it is without the extension.
 */
import type { Page } from '@playwright/test';
import type { RunningServer } from '../server';
import {
  loadThirdPartyExpectations,
  paintedPerFrame,
  plainDom,
  startThirdPartyServer,
} from '../third-party/harness';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { outerHtml } from './page-helpers';

const FILE = 'react-app/index.html';
const expectations = loadThirdPartyExpectations('react-app.json');

let site: RunningServer;
test.beforeAll(async () => {
  site = await startThirdPartyServer();
});
test.afterAll(async () => {
  await site.close();
});

function filterBox(page: Page) {
  return page.getByLabel('Filter medicines');
}

async function refreshDone(page: Page): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Auto-refresh complete', { timeout: 10_000 });
}

function shownMedicines(page: Page): Promise<string[]> {
  return page.locator('tbody td.medicine').allTextContents();
}

/** The same interactions with and without the extension: type while the timer runs, then more. */
const INTERACTIONS: readonly { state: string; run: (page: Page) => Promise<void> }[] = [
  {
    state: 'afterTimer+filter:met',
    run: async (page) => {
      await filterBox(page).click();
      await page.keyboard.type('met', { delay: 60 });
      await refreshDone(page);
      await expect(filterBox(page)).toHaveValue('met');
      await expect(page.getByText('Showing 1 of 9 medicines')).toBeVisible();
      expect(await shownMedicines(page)).toEqual(['Methotrexate 2.5mg tablets']);
    },
  },
  {
    state: 'afterTimer',
    run: async (page) => {
      await filterBox(page).fill('');
      await expect(page.getByText('Showing 9 of 9 medicines')).toBeVisible();
    },
  },
  {
    state: 'afterSort',
    run: async (page) => {
      await page.getByRole('button', { name: 'Sort A–Z' }).click();
      await expect(page.getByRole('button', { name: 'Sort A–Z' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect((await shownMedicines(page))[0]).toBe('Amlodipine 5mg tablets');
    },
  },
  {
    state: 'afterSort+filter:zop',
    run: async (page) => {
      await filterBox(page).click();
      await page.keyboard.type('zop', { delay: 60 });
      await expect(filterBox(page)).toHaveValue('zop');
      expect(await shownMedicines(page)).toEqual(['Zopiclone 7.5mg tablets']);
    },
  },
];

test('React re-rendering on a timer: no wrong word is ever painted, and the end state is exact', async ({
  page,
  log,
}) => {
  const allowed = new Set(expectations.list('allowedWhileRefreshing'));
  await page.goto(site.url(FILE));
  // What is painted in every frame while the list re-renders (18 ticks × 120 ms).
  const painted = await paintedPerFrame(page, '[role="status"]', 'Auto-refresh complete', 8000);
  await refreshDone(page);
  const wrong = Object.entries(painted.texts).filter(([text]) => !allowed.has(text));
  expect(
    wrong.map(([text, frames]) => `"${text}" in ${frames} of ${painted.frames} frames`),
    'painted while refreshing',
  ).toEqual([]);
  await expect.poll(() => readHighlights(page)).toEqual(expectations.state('afterTimer'));
  expect(log.errors).toEqual([]);
});

test('React app: typing and sorting while it re-renders; flags, input value and rows stay right', async ({
  page,
  log,
}) => {
  await page.goto(site.url(FILE));
  for (const step of INTERACTIONS) {
    await step.run(page);
    await expect
      .poll(() => readHighlights(page), { message: step.state })
      .toEqual(expectations.state(step.state));
  }
  expect(log.errors).toEqual([]);
  expect(log.requests.filter((url) => !url.startsWith(site.origin))).toEqual([]);
});

test('React app: after the same interactions, the DOM equals a run without the extension', async ({
  page,
  plainBrowser,
  log,
}) => {
  const interact = async (p: Page): Promise<void> => {
    for (const step of INTERACTIONS) await step.run(p);
  };
  const pristine = await plainDom(plainBrowser, site.url(FILE), interact);
  await page.goto(site.url(FILE));
  await interact(page);
  await expect.poll(() => readHighlights(page)).toEqual(expectations.state('afterSort+filter:zop'));
  expect(await outerHtml(page)).toBe(pristine);
  expect(log.errors).toEqual([]);
});
