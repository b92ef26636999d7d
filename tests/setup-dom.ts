// Unmount what each component test rendered (testing-library auto-cleanup needs Vitest globals).
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';
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
