/**
 * Medplum (@medplum/react 5.2.13 on Mantine 8, React 19) against Medplum's own MockClient: the
 * PatientSummary's Medications section lists UK dm+d-coded MedicationRequests, and a
 * CodeableConceptInput (ValueSetAutocomplete → Mantine Combobox in a portal) offers dm+d products
 * from a mocked value set expansion while the clinician types. Everything Medplum renders must be
 * flagged, including the dropdown as it changes, without disturbing typing, focus or the DOM.
 */
import type { Page } from '@playwright/test';
import type { RunningServer } from '../server';
import {
  loadThirdPartyExpectations,
  plainDom,
  startThirdPartyServer,
  withStableIds,
} from '../third-party/harness';
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { outerHtml } from './page-helpers';

const FILE = 'medplum/index.html';
const expectations = loadThirdPartyExpectations('medplum-patient-chart.json');

let site: RunningServer;
test.beforeAll(async () => {
  site = await startThirdPartyServer();
});
test.afterAll(async () => {
  await site.close();
});

function medicineInput(page: Page) {
  return page.getByLabel('Medicine (dm+d)');
}

async function chartLoaded(page: Page): Promise<void> {
  await expect(page.getByText('Metformin 500mg tablets')).toBeVisible();
}

/** Each step of the search, in order, with the expected state it leads to. */
const SEARCH_STEPS: readonly {
  state: string;
  run: (page: Page) => Promise<void>;
}[] = [
  {
    state: 'afterTyping:meth',
    run: async (page) => {
      await medicineInput(page).click();
      await page.keyboard.type('meth', { delay: 40 });
      await expect(
        page.getByRole('option', { name: /Methylphenidate 10mg tablets/ }),
      ).toBeVisible();
    },
  },
  {
    state: 'afterTyping:zop',
    run: async (page) => {
      for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('zop', { delay: 40 });
      await expect(page.getByRole('option', { name: /Zopiclone 3\.75mg tablets/ })).toBeVisible();
      await expect(page.getByRole('option', { name: /Methotrexate/ })).toHaveCount(0);
    },
  },
  {
    state: 'afterTyping:zop 7.5',
    run: async (page) => {
      await page.keyboard.type(' 7.5', { delay: 40 });
      await expect(page.getByRole('option', { name: /Zopiclone 3\.75mg tablets/ })).toHaveCount(0);
      await expect(page.getByRole('option', { name: /Zopiclone 7\.5mg tablets/ })).toBeVisible();
    },
  },
  {
    state: 'afterSelect',
    run: async (page) => {
      await page.getByRole('option', { name: /Zopiclone 7\.5mg tablets/ }).click();
      await expect(page.getByTestId('chosen-code')).toHaveText('dm+d code 35811011000001103');
      await expect(page.getByRole('option')).toHaveCount(0);
    },
  },
];

test('Medplum PatientSummary: the dm+d medication list is flagged exactly; a "stopped" badge makes it past', async ({
  page,
}) => {
  await page.goto(site.url(FILE));
  await chartLoaded(page);
  await expect.poll(() => readHighlights(page)).toEqual(expectations.state('initial'));
  // The stopped codeine is past, so it raises no notice with the current zopiclone and Lyrica.
  await page.waitForTimeout(400); // the summary is published 250 ms after marks settle
  await expect(
    page.getByRole('region', { name: 'Prescribing Lens co-prescribing notices' }),
  ).toHaveCount(0);
});

test('Medplum CodeableConceptInput: the dropdown is flagged as the clinician types and chooses', async ({
  page,
  log,
}) => {
  await page.goto(site.url(FILE));
  await chartLoaded(page);
  await expect.poll(() => readHighlights(page)).toEqual(expectations.state('initial'));
  for (const step of SEARCH_STEPS) {
    await step.run(page);
    await expect
      .poll(() => readHighlights(page), { message: step.state })
      .toEqual(expectations.state(step.state));
    if (step.state.startsWith('afterTyping')) {
      // Flags never take focus or open anything while the clinician types.
      await expect(medicineInput(page)).toBeFocused();
      await expect(page.locator('plens-overlay')).toHaveCount(0);
    }
  }
  expect(log.errors).toEqual([]);
  expect(log.requests.filter((url) => !url.startsWith(site.origin))).toEqual([]);
});

test("Medplum's own Add Medication dialog: its medicine autocomplete is flagged too", async ({
  page,
  log,
}) => {
  await page.goto(site.url(FILE));
  await chartLoaded(page);
  await expect.poll(() => readHighlights(page)).toEqual(expectations.state('initial'));
  // The Medications section's "+" opens Medplum's MedicationDialog (a Mantine Modal).
  await page.getByRole('button', { name: 'Add item' }).nth(1).click();
  const dialog = page.getByRole('dialog', { name: 'Add Medication' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('searchbox').click();
  await page.keyboard.type('sert', { delay: 40 });
  await expect(page.getByRole('option', { name: /Sertraline 50mg tablets/ })).toBeVisible();
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectations.state('afterDialogTyping:sert'));
  await expect(dialog.getByRole('searchbox')).toBeFocused();
  expect(log.errors).toEqual([]);
});

test('Medplum: after the same search and choice, the DOM equals a run without the extension', async ({
  page,
  plainBrowser,
  log,
}) => {
  const interact = async (p: Page): Promise<void> => {
    await chartLoaded(p);
    for (const step of SEARCH_STEPS) await step.run(p);
  };
  const pristine = await plainDom(plainBrowser, site.url(FILE), interact);
  await page.goto(site.url(FILE));
  await interact(page);
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectations.state(SEARCH_STEPS[SEARCH_STEPS.length - 1]?.state ?? ''));
  // Mantine draws some element ids at random on every load (with or without the extension):
  // `mantine-` and up to 9 base-36 characters (fewer when Math.random's digits end in zeros, which
  // made this test fail once in CI). Its own lowercase class and attribute names are not ids.
  const RANDOM_IDS =
    /mantine-(?!focus-auto|active\b|styles\b)[a-z0-9]{1,9}(?=[="\s]|-(?:label|description|error)\b)/g;
  expect(withStableIds(await outerHtml(page), RANDOM_IDS)).toBe(
    withStableIds(pristine, RANDOM_IDS),
  );
  expect(log.errors).toEqual([]);
});
