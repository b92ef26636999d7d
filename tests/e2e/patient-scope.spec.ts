/**
 * Issue #18: page-level features say only what is true of the patient in front of the clinician.
 * Co-prescribing is checked within one patient (never across a worklist or clinic list), and only
 * from current medication: never from ended acute courses, consultation notes, search suggestions
 * or lab results. Counts are of medicines (rows), per patient on lists.
 */
import { expect, test } from './fixtures';
import { readHighlights } from './highlights';
import { expectedState, loadExpectations, openPopupFor, tabIdOf } from './page-helpers';

const NOTICES = { name: 'Prescribing Lens co-prescribing notices' };

test('repeat-review worklist: only a combination within one patient alerts, said per patient', async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url('repeat-review.html'));
  const notice = page.getByRole('region', NOTICES);
  // On a list it starts as one line, over none of the worklist's buttons.
  await expect(notice).toContainText('2 co-prescribing alerts');
  const pill = await notice.boundingBox();
  if (!pill) throw new Error('no notice');
  const covered = await page.locator('button').evaluateAll(
    (buttons, n) =>
      buttons.filter((b) => {
        // The page's own buttons (the locator also reaches into our open test-build root).
        if (b.getRootNode() !== document) return false;
        const r = b.getBoundingClientRect();
        return r.x < n.x + n.width && n.x < r.right && r.y < n.y + n.height && n.y < r.bottom;
      }).length,
    pill,
  );
  expect(covered).toBe(0);
  await notice.getByRole('button', { name: 'Show' }).click();
  // Mr Hughes has oxycodone with zolpidem; nobody's opioid pairs with another patient's sedative
  // (before: "Buprenorphine, Dihydrocodeine, Methadone, Morphine, Oxycodone + Gabapentin,
  // Lorazepam, Zolpidem", five patients).
  // Mr Evans's buprenorphine with dihydrocodeine is "More than one opioid", his alone.
  const sedative = notice
    .locator('.plens-notice-item')
    .filter({ hasText: 'Opioid with a benzodiazepine, z-drug or gabapentinoid' });
  await expect(sedative).toContainText('1 patient on this list: Oxycodone + Zolpidem');
  for (const other of ['Methadone', 'Buprenorphine', 'Dihydrocodeine', 'Gabapentin', 'Lorazepam'])
    await expect(sedative).not.toContainText(other);
  await expect(
    notice.locator('.plens-notice-item').filter({ hasText: 'More than one opioid' }),
  ).toContainText('1 patient on this list: Buprenorphine (opioid substitution) + Dihydrocodeine');
});

for (const file of [
  'clinic-list.html',
  'ended-courses-notes.html',
  'prescribing-suggestions.html',
]) {
  test(`${file}: no co-prescribing notice from other patients, ended courses, notes or suggestions`, async ({
    page,
    server,
  }) => {
    await page.goto(server.url(file));
    await expect
      .poll(() => readHighlights(page))
      .toEqual(expectedState(loadExpectations(file), 'initial'));
    await page.waitForTimeout(400); // the summary is published 250 ms after marks settle
    await expect(page.getByRole('region', NOTICES)).toHaveCount(0);
    await expect(page.locator('plens-overlay')).toHaveCount(0);
  });
}

test('"Drug history" is current and "Stopped: no" is not stopped: oxycodone with diazepam alerts', async ({
  page,
  server,
}) => {
  await page.goto(server.url('drug-history.html'));
  const notice = page.getByRole('region', NOTICES);
  await expect(notice).toContainText('Opioid with a benzodiazepine, z-drug or gabapentinoid');
  await expect(notice).toContainText('Oxycodone + Diazepam');
  // Printed, the record is the page's alone: our notice stays off paper.
  await page.emulateMedia({ media: 'print' });
  await expect(notice).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(notice).toBeVisible();
});

test('the popup on a clinic list counts per patient and says alerts are per patient', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url('clinic-list.html'));
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations('clinic-list.html'), 'initial'));
  const popup = await openPopupFor(extensionContext, await tabIdOf(extensionContext, page));
  try {
    await expect(popup.getByTestId('plens-page-count')).toContainText(
      'A list of 4 patients: counts are per patient, and co-prescribing is checked for each patient on their own.',
    );
    await expect(popup.getByRole('button', { name: /^Morphine/ })).toContainText(
      'current for 1 patient',
    );
    await expect(popup.getByTestId('plens-popup-alerts')).toHaveCount(0);
  } finally {
    await popup.close();
  }
});

test('the popup on a record: a lab result naming lithium is a mention, lithium counts once', async ({
  page,
  server,
  extensionContext,
}) => {
  await page.goto(server.url('ended-courses-notes.html'));
  await expect
    .poll(() => readHighlights(page))
    .toEqual(expectedState(loadExpectations('ended-courses-notes.html'), 'initial'));
  const popup = await openPopupFor(extensionContext, await tabIdOf(extensionContext, page));
  try {
    await expect(popup.getByRole('button', { name: /^Lithium/ })).toContainText(
      '1 current, mentioned 2 times',
    );
    // Gabapentin only in a consultation note: listed apart, never current.
    await expect(popup.getByRole('button', { name: /^Gabapentin/ })).toContainText(
      'mentioned once',
    );
  } finally {
    await popup.close();
  }
});
