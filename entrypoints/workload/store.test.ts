import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sampleSummary } from '../../tests/support/workload-summary';
import { createWorkloadStore } from './store';

describe('workload store', () => {
  beforeEach(() => fakeBrowser.reset());

  test('keeps only the summary the user chooses to keep, under its own key, and forgets it', async () => {
    const store = createWorkloadStore();
    expect(await store.kept()).toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await store.keep('search.csv', sampleSummary());
    const all = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(all)).toEqual(['workloadSummary']);
    expect(await store.kept()).toMatchObject({ fileName: 'search.csv', summary: sampleSummary() });
    await store.forget();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  test('a stored value of the wrong shape is not shown', async () => {
    await fakeBrowser.storage.local.set({ workloadSummary: { rows: 'nonsense' } });
    expect(await createWorkloadStore().kept()).toBeNull();
  });

  test('the notice letter fills from the totals with the packs in force, writing nothing', async () => {
    const letter = await createWorkloadStore().letter(sampleSummary());
    expect(letter).toContain('care relating to the following medicines (184 patients on 9 drugs');
    expect(letter).toContain('Warfarin');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
