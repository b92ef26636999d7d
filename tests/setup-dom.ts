// Unmount what each component test rendered (testing-library auto-cleanup needs Vitest globals).
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

// The fake browser has no manifest; code that reads the extension's version gets this one.
fakeBrowser.runtime.getManifest = () => ({
  manifest_version: 3,
  name: 'Prescribing Lens',
  version: '0.0.0-test',
});

// Unit tests write the local pack and settings as the background and options page do (sealed).
// Imported here, not at the top: the fake browser must be in place before wxt/browser loads.
beforeAll(async () => {
  const { installSealedWrites } = await import('../rules/store/seal');
  installSealedWrites();
});
