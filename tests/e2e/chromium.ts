/** Launching Debian's Chromium with the built extension (a persistent context, headless: the only set-up that loads an unpacked MV3 extension here). */
import { chromium, type BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `PLENS_E2E_EXTENSION_DIR` runs the suite against another build (e.g. one in .tmp while others use .output). */
export const EXTENSION_DIR = path.resolve(
  process.env.PLENS_E2E_EXTENSION_DIR ?? '.output/chrome-mv3-e2e',
);
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the network and quiet on these machines. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Test-only: the signed-URL-pack test serves https from 127.0.0.1 with a throwaway certificate.
  '--ignore-certificate-errors',
];

export interface LaunchedExtension {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchWithExtension(
  options: {
    headless?: boolean;
    extensionDir?: string;
    viewport?: { width: number; height: number };
    /** Keep Chromium's back/forward cache, which Playwright turns off by default. */
    backForwardCache?: boolean;
    /**
     * Leave the welcome tab the extension opens on install (the welcome spec reads it). Otherwise
     * it is closed before the caller sees the context, so no spec finds an extra tab or takes it
     * for a page it is waiting for.
     */
    keepWelcome?: boolean;
  } = {},
): Promise<LaunchedExtension> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npx wxt build --mode e2e\` first`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    ...(options.backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
  });
  if (!options.keepWelcome) await closeWelcomeTab(context);
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** How long a fresh install takes to open its welcome tab here (it is usually well under 1 s). */
const WELCOME_TAB_TIMEOUT_MS = 10_000;

export function isWelcomeUrl(url: string): boolean {
  return url.startsWith('chrome-extension://') && new URL(url).pathname === '/welcome.html';
}

/** Waits for the install's welcome tab and closes it. */
async function closeWelcomeTab(context: BrowserContext): Promise<void> {
  const deadline = Date.now() + WELCOME_TAB_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const welcome = context.pages().find((p) => isWelcomeUrl(p.url()));
    if (welcome) {
      await welcome.close();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the extension opened no welcome tab on install');
}
