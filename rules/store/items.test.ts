import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { guardManagedMirror, managedMirrorItem, mirrorManagedPolicy } from './items';

const POLICY = { lockedSettings: ['highlightStyle'], categories: { 'dependence-forming': true } };

describe('the policy mirror pages read (issue #16, hazard log OA-16)', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    // The fake browser's managed area can be filled, as enterprise policy fills the real one.
    await fakeBrowser.storage.managed.set(POLICY);
  });

  test('a mirror written by anything but the background is copied over from the policy', async () => {
    await mirrorManagedPolicy();
    expect(await managedMirrorItem.getValue()).toEqual(POLICY);
    const unwatch = guardManagedMirror();
    // What isolated-world code could write: the policy's locks lifted.
    await managedMirrorItem.setValue({});
    let now: unknown = {};
    for (let k = 0; k < 50 && JSON.stringify(now) !== JSON.stringify(POLICY); k++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      now = await managedMirrorItem.getValue();
    }
    unwatch();
    expect(now).toEqual(POLICY);
  });

  test("the background's own write is not written again", async () => {
    const unwatch = guardManagedMirror();
    const set = vi.spyOn(browser.storage.local, 'set');
    await mirrorManagedPolicy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    unwatch();
    expect(set).toHaveBeenCalledTimes(1);
  });
});
