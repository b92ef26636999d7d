// Unmount what each component test rendered (testing-library auto-cleanup needs Vitest globals).
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});
