import { describe, expect, test } from 'vitest';
import corePack from '@/rules/packs/core.json';
import { verifyPackSignature } from '@/rules/loader/signature';
import { refreshUrlPack } from './url-pack';

const URL_ = 'https://packs.example.nhs.uk/icb-pack.json';
const packText = JSON.stringify({ ...corePack, packId: 'example-icb', name: 'Example ICB pack' });
const now = () => new Date('2026-11-24T12:00:00Z');

async function keyPair() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { pair, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } };
}

async function sign(key: CryptoKey, text: string): Promise<string> {
  const sig = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new TextEncoder().encode(text),
  );
  return btoa(String.fromCharCode(...new Uint8Array(sig)));
}

/** A fake network: the pack and its `.sig`, with optional status overrides and ETag support. */
function network(files: Record<string, { status?: number; body?: string; etag?: string }>) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    const headers = (init?.headers ?? {}) as Record<string, string>;
    requests.push({ url, headers });
    const file = files[url];
    if (!file) return Promise.resolve(new Response('not found', { status: 404 }));
    if (file.etag && headers['if-none-match'] === file.etag)
      return Promise.resolve(new Response(null, { status: 304 }));
    return Promise.resolve(
      new Response(file.body ?? '', {
        status: file.status ?? 200,
        headers: file.etag ? { etag: file.etag } : {},
      }),
    );
  };
  return { fetch: fetchFn, requests };
}

describe('refreshUrlPack', () => {
  test('a correctly signed, valid pack is accepted and cached with its ETag', async () => {
    const { pair, publicJwk } = await keyPair();
    const net = network({
      [URL_]: { body: packText, etag: '"v1"' },
      [`${URL_}.sig`]: { body: await sign(pair.privateKey, packText) },
    });
    const out = await refreshUrlPack(URL_, publicJwk, null, {
      fetch: net.fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out.status.ok).toBe(true);
    expect(out.status.message).toContain('Example ICB pack');
    expect(out.pack?.text).toBe(packText);
    expect(out.pack?.etag).toBe('"v1"');
  });

  test('an unchanged pack (304) keeps the cached one without re-downloading it', async () => {
    const { publicJwk } = await keyPair();
    const net = network({ [URL_]: { body: packText, etag: '"v1"' } });
    const previous = { url: URL_, text: packText, fetchedAt: 'earlier', etag: '"v1"' };
    const out = await refreshUrlPack(URL_, publicJwk, previous, {
      fetch: net.fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out).toEqual({
      pack: null,
      status: {
        checkedAt: now().toISOString(),
        ok: true,
        message: 'The policy pack is unchanged.',
      },
    });
    expect(net.requests[0]?.headers['if-none-match']).toBe('"v1"');
  });

  test.each([
    [
      'a tampered pack',
      (sig: string) => ({ body: packText.replace('Example ICB', 'Evil ICB'), sig }),
      'signature does not verify',
    ],
    [
      'a garbage signature',
      () => ({ body: packText, sig: 'not base64!!' }),
      'signature does not verify',
    ],
    [
      'a missing signature',
      () => ({ body: packText, sig: null as string | null }),
      'answered HTTP 404',
    ],
  ])('%s is refused and the last good pack stays', async (_why, make, fragment) => {
    const { pair, publicJwk } = await keyPair();
    const { body, sig }: { body: string; sig: string | null } = make(
      await sign(pair.privateKey, packText),
    );
    const files: Record<string, { body: string }> = { [URL_]: { body } };
    if (sig !== null) files[`${URL_}.sig`] = { body: sig };
    const out = await refreshUrlPack(URL_, publicJwk, null, {
      fetch: network(files).fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out.pack).toBeNull();
    expect(out.status.ok).toBe(false);
    expect(out.status.message).toContain(fragment);
    expect(out.status.message).toContain('The last good pack stays in use.');
  });

  test('a pack signed with another key is refused', async () => {
    const signer = await keyPair();
    const policy = await keyPair();
    const net = network({
      [URL_]: { body: packText },
      [`${URL_}.sig`]: { body: await sign(signer.pair.privateKey, packText) },
    });
    const out = await refreshUrlPack(URL_, policy.publicJwk, null, {
      fetch: net.fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out.pack).toBeNull();
    expect(out.status.message).toContain('signature does not verify');
  });

  test('a validly signed but invalid pack is refused with the validator’s reason', async () => {
    const { pair, publicJwk } = await keyPair();
    const bad = JSON.stringify({ ...JSON.parse(packText), schemaVersion: 9 });
    const net = network({
      [URL_]: { body: bad },
      [`${URL_}.sig`]: { body: await sign(pair.privateKey, bad) },
    });
    const out = await refreshUrlPack(URL_, publicJwk, null, {
      fetch: net.fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out.pack).toBeNull();
    expect(out.status.message).toContain('schemaVersion');
  });

  test('no public key in policy means no URL pack is trusted', async () => {
    const out = await refreshUrlPack(URL_, undefined, null, {
      fetch: network({}).fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out.status.message).toContain('no packPublicKey');
  });
});
