/**
 * Fetches the enterprise-policy pack URL: conditional request (ETag / Last-Modified), detached
 * signature beside it (`<url>.sig`), signature check, then schema validation. Only a pack that
 * passes all of them replaces the last good one; any failure keeps it and records why.
 * Dependencies are injected so the flow is unit-tested without a network.
 *
 * Issue #16 hardening: an older pack, even genuinely signed, is refused over a newer cached one
 * (publishedAt, then packVersion), as is a pack past its signed `reviewBy` (a replayed old file);
 * each request times out; the pack and its `.sig` are read with a byte cap while streaming; the
 * signature and key thumbprint are stored so the cache is re-verified before use; and a last good
 * check older than STALE_AFTER_MS becomes a rule-state problem that clinicians see.
 */
import type { StoredUrlPack } from '@/rules/loader/layers';
import { packFromText } from '@/rules/loader/layers';
import { bundledPack } from '@/rules/bundled';
import type { UrlPackStatus } from '@/rules/store/items';
import { checkPublicJwk, jwkThumbprint, signatureUrlFor } from '@/rules/loader/signature';
import { MAX_PACK_BYTES } from '@/rules/schema/rule-pack';

export type VerifySignature = (
  packBytes: Uint8Array,
  signatureBase64: string,
  publicJwk: unknown,
) => Promise<{ ok: true } | { ok: false; reason: string }>;

export interface UrlPackDeps {
  readonly fetch: typeof fetch;
  readonly verify: VerifySignature;
  readonly now: () => Date;
  /** Per request (pack, then .sig); default FETCH_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

/** A server that accepts the connection and never answers must not hold the refresh forever. */
export const FETCH_TIMEOUT_MS = 30_000;
/** A base64 P-256 signature is under 100 characters; anything much bigger is not one. */
export const MAX_SIGNATURE_BYTES = 4096;
/** Refreshes run every 6 hours: three days without a good check means the server keeps failing. */
export const STALE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

class TooLarge extends Error {}

/**
 * Reads at most `max` bytes of a body, stopping (and cancelling the stream) as soon as it is
 * exceeded, so a 65 MB answer costs 5 MB, not 65 (issue #16). Throws TooLarge.
 */
export async function readCapped(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Numeric-aware comparison of "2026.12.1"-style versions: negative when a is older. */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/** Why `next` must not replace `prev` (an older pack replayed), or null. */
function rollbackReason(
  next: { publishedAt: string; packVersion: string },
  prev: { publishedAt: string; packVersion: string },
): string | null {
  const older =
    next.publishedAt < prev.publishedAt ||
    (next.publishedAt === prev.publishedAt &&
      compareVersions(next.packVersion, prev.packVersion) < 0);
  return older
    ? `it is older (${next.packVersion}, published ${next.publishedAt}) than the pack in use (${prev.packVersion}, published ${prev.publishedAt})`
    : null;
}

export interface UrlPackOutcome {
  /** The new pack to store, or null to keep the last good one. */
  readonly pack: StoredUrlPack | null;
  readonly status: UrlPackStatus;
}

export async function refreshUrlPack(
  url: string,
  publicJwk: unknown,
  previous: StoredUrlPack | null,
  deps: UrlPackDeps,
): Promise<UrlPackOutcome> {
  const checkedAt = deps.now().toISOString();
  const fail = (message: string): UrlPackOutcome => ({
    pack: null,
    status: { checkedAt, ok: false, message: `${message} The last good pack stays in use.` },
  });
  if (publicJwk === undefined)
    return fail('Policy sets packUrl but no packPublicKey, so the pack cannot be trusted.');

  const headers: Record<string, string> = {};
  const key = checkPublicJwk(publicJwk);
  const keyThumbprint = key.ok ? await jwkThumbprint(key.jwk) : undefined;
  const same = previous?.url === url ? previous : null;
  if (same?.etag) headers['if-none-match'] = same.etag;
  if (same?.lastModified) headers['if-modified-since'] = same.lastModified;

  const timeoutMs = deps.timeoutMs ?? FETCH_TIMEOUT_MS;
  /** One request with its own deadline, covering the headers and the capped body read. */
  const get = async (
    target: string,
    init: RequestInit,
    max: number,
  ): Promise<{ response: Response; bytes: Uint8Array | null }> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timed out')), timeoutMs);
    try {
      const response = await deps.fetch(target, { ...init, signal: controller.signal });
      if (!response.ok) return { response, bytes: null };
      // Races the body read against the deadline too: a server can trickle bytes forever.
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error('timed out'))),
      );
      return { response, bytes: await Promise.race([readCapped(response, max), aborted]) };
    } finally {
      clearTimeout(timer);
    }
  };

  let response: Response;
  let bytes: Uint8Array | null;
  try {
    ({ response, bytes } = await get(
      url,
      { headers, cache: 'no-cache', credentials: 'omit', redirect: 'error' },
      MAX_PACK_BYTES,
    ));
  } catch (error) {
    if (error instanceof TooLarge) return fail('The policy pack is larger than 5 MB.');
    return fail(
      `Could not fetch the policy pack (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (response.status === 304 && same) {
    const unchanged: UrlPackOutcome = {
      pack: null,
      status: { checkedAt, ok: true, message: 'The policy pack is unchanged.' },
    };
    if (same.signature !== undefined && same.keyThumbprint === keyThumbprint) return unchanged;
    // A cache from an older version (no stored signature) or from before a key rotation: the
    // background would refuse to use it. Fetch the signature alone and, if it verifies the cached
    // bytes with today's key, store it; otherwise the copy is dropped and downloaded next time.
    try {
      const sig = await get(
        signatureUrlFor(url),
        { cache: 'no-cache', credentials: 'omit', redirect: 'error' },
        MAX_SIGNATURE_BYTES,
      );
      if (!sig.bytes || !keyThumbprint) return unchanged;
      const signature = new TextDecoder().decode(sig.bytes).trim();
      const checked = await deps.verify(new TextEncoder().encode(same.text), signature, publicJwk);
      if (!checked.ok) return unchanged;
      return {
        pack: { ...same, signature, keyThumbprint, verifiedAt: checkedAt },
        status: unchanged.status,
      };
    } catch {
      return unchanged;
    }
  }
  if (!response.ok || !bytes) {
    await response.body?.cancel().catch(() => undefined);
    return fail(`The policy pack URL answered HTTP ${response.status}.`);
  }

  let signature: string;
  try {
    const sigUrl = signatureUrlFor(url);
    const sig = await get(
      sigUrl,
      { cache: 'no-cache', credentials: 'omit', redirect: 'error' },
      MAX_SIGNATURE_BYTES,
    );
    if (!sig.bytes)
      return fail(`The pack's signature (${sigUrl}) answered HTTP ${sig.response.status}.`);
    signature = new TextDecoder().decode(sig.bytes).trim();
  } catch (error) {
    if (error instanceof TooLarge) return fail("The pack's signature file is too large.");
    return fail(
      `Could not fetch the pack's signature (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const verified = await deps.verify(bytes, signature, publicJwk);
  if (!verified.ok)
    return fail(`The policy pack was refused: its signature does not verify (${verified.reason}).`);

  // Kept byte-for-byte (BOM included, invalid UTF-8 refused) so the stored text re-encodes to the
  // signed bytes and the cache can be re-verified before use; the parser drops a BOM itself.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail('The policy pack was refused: it is not valid UTF-8 text.');
  }
  // Its services and directory may cover national rules by id (#19).
  const nationalIds = new Set(bundledPack().rules.map((r) => r.id));
  const result = packFromText(text, nationalIds);
  if ('error' in result) return fail(`The policy pack was refused: ${result.error}.`);
  // The signed reviewBy is the pack's expiry: a replayed old file is past it.
  if (result.pack.reviewBy < checkedAt.slice(0, 10))
    return fail(
      `The policy pack was refused: it expired on ${result.pack.reviewBy} (its reviewBy date); publish a reviewed pack.`,
    );
  const prevPack = same ? packFromText(same.text, nationalIds) : null;
  const rollback =
    prevPack && 'pack' in prevPack ? rollbackReason(result.pack, prevPack.pack) : null;
  if (rollback) return fail(`The policy pack was refused: ${rollback}.`);

  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return {
    pack: {
      url,
      text,
      fetchedAt: checkedAt,
      verifiedAt: checkedAt,
      signature,
      ...(keyThumbprint ? { keyThumbprint } : {}),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    },
    status: {
      checkedAt,
      ok: true,
      message: `Policy pack "${result.pack.name}" ${result.pack.packVersion} verified and in use.`,
    },
  };
}

/** What to store after a refresh: the new pack, or the old one re-confirmed by a 304. */
export function nextStoredPack(
  previous: StoredUrlPack | null,
  outcome: UrlPackOutcome,
): StoredUrlPack | null {
  if (outcome.pack) return outcome.pack;
  if (previous && outcome.status.ok) return { ...previous, verifiedAt: outcome.status.checkedAt };
  return null;
}

/**
 * Re-verifies the cached pack before it is used: the stored signature over its text, with the key
 * policy names now (a rotated key, or a cache written by anything but the refresh, is refused).
 */
export async function checkCachedUrlPack(
  stored: StoredUrlPack,
  publicJwk: unknown,
  verify: VerifySignature,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (stored.signature === undefined || stored.keyThumbprint === undefined)
    return { ok: false, reason: 'the cached policy pack carries no signature' };
  const key = checkPublicJwk(publicJwk);
  if (!key.ok) return { ok: false, reason: key.reason };
  if ((await jwkThumbprint(key.jwk)) !== stored.keyThumbprint)
    return { ok: false, reason: 'the policy key has changed since the pack was cached' };
  const checked = await verify(new TextEncoder().encode(stored.text), stored.signature, publicJwk);
  return checked.ok ? { ok: true } : { ok: false, reason: checked.reason };
}

/** A clinician-facing problem when the policy pack has not been confirmed for too long. */
export function staleUrlPackProblem(stored: StoredUrlPack | null, now: Date): string | null {
  if (!stored) return null;
  const last = Date.parse(stored.verifiedAt ?? stored.fetchedAt);
  if (Number.isFinite(last) && now.getTime() - last <= STALE_AFTER_MS) return null;
  const when = Number.isFinite(last)
    ? new Date(last).toISOString().slice(0, 10)
    : 'an unknown date';
  return `Your organisation's rule pack could not be checked for updates since ${when}; the flags may be out of date. Tell your IT or medicines optimisation team.`;
}
