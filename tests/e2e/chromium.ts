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
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
