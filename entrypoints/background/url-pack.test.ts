import { describe, expect, test } from 'vitest';
import corePack from '@/rules/packs/core.json';
import { verifyPackSignature } from '@/rules/loader/signature';
import {
  checkCachedUrlPack,
  nextStoredPack,
  refreshUrlPack,
  staleUrlPackProblem,
} from './url-pack';

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

describe('refreshUrlPack hardening (issue #16)', () => {
  const packWith = (fields: Record<string, string>) =>
    JSON.stringify({ ...JSON.parse(packText), ...fields });

  async function fetched(body: string, previous: Parameters<typeof refreshUrlPack>[2] = null) {
    const { pair, publicJwk } = await keyPair();
    const net = network({
      [URL_]: { body },
      [`${URL_}.sig`]: { body: await sign(pair.privateKey, body) },
    });
    const out = await refreshUrlPack(URL_, publicJwk, previous, {
      fetch: net.fetch,
      verify: verifyPackSignature,
      now,
    });
    return { out, publicJwk, pair };
  }

  test('an older, genuinely signed pack is refused over a newer cached one', async () => {
    const newer = packWith({ packVersion: '2026.11.2', publishedAt: '2026-11-20' });
    const older = packWith({ packVersion: '2026.11.1', publishedAt: '2026-11-01' });
    const previous = { url: URL_, text: newer, fetchedAt: '2026-11-20T00:00:00Z' };
    const { out } = await fetched(older, previous);
    expect(out.pack).toBeNull();
    expect(out.status.message).toContain('older');
  });

  test('the same date with a lower packVersion is refused too', async () => {
    const newer = packWith({ packVersion: '2026.11.10', publishedAt: '2026-11-20' });
    const older = packWith({ packVersion: '2026.11.9', publishedAt: '2026-11-20' });
    const { out } = await fetched(older, { url: URL_, text: newer, fetchedAt: 'x' });
    expect(out.pack).toBeNull();
  });

  test('a pack past its signed reviewBy date is refused as expired', async () => {
    const { out } = await fetched(packWith({ reviewBy: '2026-11-01', publishedAt: '2026-05-01' }));
    expect(out.pack).toBeNull();
    expect(out.status.message).toContain('expired');
  });

  test('a server that never answers times out', async () => {
    const { publicJwk } = await keyPair();
    const hang = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('timed out'))),
      );
    const out = await refreshUrlPack(URL_, publicJwk, null, {
      fetch: hang,
      verify: verifyPackSignature,
      now,
      timeoutMs: 20,
    });
    expect(out.status.ok).toBe(false);
    expect(out.status.message).toContain('timed out');
  });

  test('an over-size body is refused after reading no more than the cap', async () => {
    const { publicJwk } = await keyPair();
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const huge = () =>
      Promise.resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              pulled += chunk.byteLength;
              if (pulled > 65 * 1024 * 1024) controller.close();
              else controller.enqueue(chunk);
            },
          }),
        ),
      );
    const out = await refreshUrlPack(URL_, publicJwk, null, {
      fetch: huge,
      verify: verifyPackSignature,
      now,
    });
    expect(out.status.message).toContain('larger than 5 MB');
    expect(pulled).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  test('an over-size signature file is refused', async () => {
    const { publicJwk } = await keyPair();
    const net = network({
      [URL_]: { body: packText },
      [`${URL_}.sig`]: { body: 'A'.repeat(100_000) },
    });
    const out = await refreshUrlPack(URL_, publicJwk, null, {
      fetch: net.fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out.status.message).toContain('signature file is too large');
  });

  test('the cached pack is re-verified on use and refused after a key rotation', async () => {
    const { out, publicJwk } = await fetched(packText);
    const stored = out.pack;
    expect(stored?.signature).toBeTruthy();
    if (!stored) throw new Error('no pack');
    expect(await checkCachedUrlPack(stored, publicJwk, verifyPackSignature)).toEqual({ ok: true });
    const rotated = await keyPair();
    const after = await checkCachedUrlPack(stored, rotated.publicJwk, verifyPackSignature);
    expect(after.ok).toBe(false);
    const edited = { ...stored, text: stored.text.replace('Example ICB', 'Evil ICB') };
    expect((await checkCachedUrlPack(edited, publicJwk, verifyPackSignature)).ok).toBe(false);
    const unsigned = { url: URL_, text: packText, fetchedAt: 'x' };
    expect((await checkCachedUrlPack(unsigned, publicJwk, verifyPackSignature)).ok).toBe(false);
  });

  test('a 304 over an unsigned cache (older version) stores the verified signature', async () => {
    const { pair, publicJwk } = await keyPair();
    const net = network({
      [URL_]: { body: packText, etag: '"v1"' },
      [`${URL_}.sig`]: { body: await sign(pair.privateKey, packText) },
    });
    const unsigned = { url: URL_, text: packText, fetchedAt: 'earlier', etag: '"v1"' };
    const out = await refreshUrlPack(URL_, publicJwk, unsigned, {
      fetch: net.fetch,
      verify: verifyPackSignature,
      now,
    });
    expect(out.status.ok).toBe(true);
    expect(out.pack?.signature).toBeTruthy();
    const stored = out.pack;
    if (!stored) throw new Error('no pack');
    expect(await checkCachedUrlPack(stored, publicJwk, verifyPackSignature)).toEqual({ ok: true });
  });

  test('a 304 re-confirms the cached pack; a failure does not', () => {
    const previous = { url: URL_, text: packText, fetchedAt: '2026-11-01T00:00:00Z' };
    const ok = { pack: null, status: { checkedAt: 'now', ok: true, message: '' } };
    const bad = { pack: null, status: { checkedAt: 'now', ok: false, message: '' } };
    expect(nextStoredPack(previous, ok)?.verifiedAt).toBe('now');
    expect(nextStoredPack(previous, bad)).toBeNull();
  });

  test('clinicians are told when the last good check is old', () => {
    const base = { url: URL_, text: packText, fetchedAt: '2026-11-01T00:00:00Z' };
    expect(staleUrlPackProblem({ ...base, verifiedAt: '2026-11-24T06:00:00Z' }, now())).toBeNull();
    expect(staleUrlPackProblem(base, now())).toContain('since 2026-11-01');
    expect(staleUrlPackProblem(null, now())).toBeNull();
  });
});
