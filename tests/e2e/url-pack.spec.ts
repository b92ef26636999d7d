/**
 * Enterprise URL packs (issue 5): the background fetches the policy's pack URL over https, checks
 * its detached ECDSA P-256 signature against the policy key, and only then puts it in force. A
 * pack signed with another key is refused, the reason is recorded for the options page, and the
 * pack in force does not change. Served from a throwaway HTTPS server on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { storageRemove } from './page-helpers';

interface Served {
  readonly url: string;
  setFiles(files: Record<string, string>): void;
  close(): Promise<void>;
}

/** An HTTPS server with a self-signed certificate for 127.0.0.1 (the test browser ignores cert errors). */
async function serveHttps(): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plens-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  let files: Record<string, string> = {};
  const server = https.createServer(
    {
      key: fs.readFileSync(path.join(dir, 'key.pem')),
      cert: fs.readFileSync(path.join(dir, 'cert.pem')),
    },
    (req, res) => {
      const body = files[(req.url ?? '').split('?')[0] ?? ''];
      res.writeHead(body === undefined ? 404 : 200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
      res.end(body ?? 'not found');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    setFiles: (next) => {
      files = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}

async function keyPair() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    privateKey: pair.privateKey,
    publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
  };
}

async function sign(key: CryptoKey, text: string): Promise<string> {
  const sig = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new TextEncoder().encode(text),
  );
  return Buffer.from(sig).toString('base64');
}

async function extensionPage(context: BrowserContext): Promise<Page> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  return page;
}

type Status = { ok: boolean; message: string } | null;

/** `chrome.storage.local` as extension pages see it (typed here; tests have no chrome types). */
interface ExtensionGlobal {
  chrome: {
    storage: {
      local: {
        get(keys: string[]): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
        remove(keys: string[]): Promise<void>;
      };
    };
  };
}

function readStatus(page: Page): Promise<{ status: Status; cached: boolean }> {
  return page.evaluate(async () => {
    const local = (globalThis as unknown as ExtensionGlobal).chrome.storage.local;
    const got = await local.get(['urlPackStatus', 'urlPack']);
    return {
      status: (got.urlPackStatus ?? null) as Status,
      cached: got.urlPack !== undefined && got.urlPack !== null,
    };
  });
}

test('a policy URL pack signed with the wrong key is refused with a reason; the right key puts it in force', async ({
  extensionContext,
}) => {
  const served = await serveHttps();
  const policyKey = await keyPair();
  const otherKey = await keyPair();
  const corePack = JSON.parse(fs.readFileSync('rules/packs/core.json', 'utf8')) as Record<
    string,
    unknown
  >;
  const packText = JSON.stringify({
    ...corePack,
    packId: 'example-icb-url',
    name: 'Example ICB URL pack',
  });
  const ext = await extensionPage(extensionContext);
  try {
    served.setFiles({
      '/pack.json': packText,
      '/pack.json.sig': await sign(otherKey.privateKey, packText),
    });
    const policy = {
      packUrl: `${served.url}/pack.json`,
      packPublicKey: JSON.stringify(policyKey.publicJwk),
    };
    await ext.evaluate(
      (value) =>
        (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({
          managedEmulation: value,
        }),
      policy,
    );

    await expect
      .poll(async () => (await readStatus(ext)).status?.message ?? '', { timeout: 15_000 })
      .toContain('signature does not verify');
    const refused = await readStatus(ext);
    expect(refused.status?.ok).toBe(false);
    expect(refused.cached).toBe(false);
    await ext.reload();
    await expect(ext.getByText(/signature does not verify/).first()).toBeVisible();

    // Re-signed with the policy's key: verified, cached and in force on the next check.
    served.setFiles({
      '/pack.json': packText,
      '/pack.json.sig': await sign(policyKey.privateKey, packText),
    });
    await ext.evaluate(
      (value) =>
        (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({
          managedEmulation: { ...value, checked: 2 },
        }),
      policy,
    );
    await expect
      .poll(async () => (await readStatus(ext)).status?.ok, { timeout: 15_000 })
      .toBe(true);
    expect((await readStatus(ext)).cached).toBe(true);
    await ext.reload();
    await expect(ext.getByText('Example ICB URL pack').first()).toBeVisible();
  } finally {
    await storageRemove(ext, ['managedEmulation', 'urlPack', 'urlPackStatus']);
    await ext.close();
    await served.close();
  }
});
