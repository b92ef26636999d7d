import { defineConfig } from '@playwright/test';

// Extension e2e: one worker (2-core machines; one persistent Chromium per worker), no retries
// (a flaky flag is a bug to fix, not to retry). `npm test` adds a JSON reporter for the totals.
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/e2e',
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
});
