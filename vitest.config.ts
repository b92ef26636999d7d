import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // The pure side: no WXT plugin and no DOM, so a stray browser or DOM global throws.
        resolve: { alias: { '@/': fileURLToPath(new URL('./', import.meta.url)) } },
        test: {
          name: 'rules',
          environment: 'node',
          // Every folder of rules/ except the browser-aware store, so a new folder's tests run.
          include: ['rules/**/*.test.ts', 'tests/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['rules/store/**', '**/node_modules/**'],
        },
      },
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          setupFiles: ['tests/setup-dom.ts'],
          // axe over a whole options page takes seconds on a busy 2-core machine.
          testTimeout: 20_000,
          mockReset: true,
          restoreMocks: true,
          include: [
            'entrypoints/**/*.test.{ts,tsx}',
            'components/**/*.test.tsx',
            'rules/store/**/*.test.ts',
          ],
        },
      },
    ],
  },
});
