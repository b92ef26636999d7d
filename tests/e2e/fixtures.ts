/**
 * Playwright fixtures: one Chromium with the built extension per worker (launching costs ~1.5 s),
 * one plain Chromium (no extension) to read each page's pristine DOM, and the local page server.
 * Each test gets a fresh page whose console errors and network requests are recorded.
 */
import {
  test as base,
  chromium,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { startServer, type RunningServer } from '../server';
import { launchWithExtension, CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export interface PageLog {
  /** Console errors and uncaught exceptions, with where they came from. */
  readonly errors: string[];
  /** Every URL the browser requested while the page was open (page, frames, extension). */
  readonly requests: string[];
}

interface WorkerFixtures {
  server: RunningServer;
  extensionContext: BrowserContext;
  plainBrowser: Browser;
}

interface TestFixtures {
  page: Page;
  log: PageLog;
  /** The page's DOM as loaded in a browser without the extension. */
  pristineHtml: (file: string, settle?: (page: Page) => Promise<void>) => Promise<string>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer(0);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  extensionContext: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const launched = await launchWithExtension();
      await use(launched.context);
      await launched.close();
    },
    { scope: 'worker' },
  ],
  plainBrowser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  log: async ({ extensionContext }, use) => {
    const log: PageLog = { errors: [], requests: [] };
    const onRequest = (req: { url(): string }) => log.requests.push(req.url());
    extensionContext.on('request', onRequest);
    await use(log);
    extensionContext.off('request', onRequest);
  },
  page: async ({ extensionContext, log }, use) => {
    const page = await extensionContext.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') log.errors.push(`${msg.text()} @ ${msg.location().url}`);
    });
    page.on('pageerror', (err) => log.errors.push(`pageerror: ${err.message}`));
    await use(page);
    await page.close();
  },
  pristineHtml: async ({ plainBrowser, server }, use) => {
    await use(async (file, settle) => {
      const page = await plainBrowser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server.url(file));
      if (settle) await settle(page);
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      await page.close();
      return html;
    });
  },
});

export { expect };
