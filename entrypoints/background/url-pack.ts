/**
 * Fetches the enterprise-policy pack URL: conditional request (ETag / Last-Modified), detached
 * signature beside it (`<url>.sig`), signature check, then schema validation. Only a pack that
 * passes all of them replaces the last good one; any failure keeps it and records why.
 * Dependencies are injected so the flow is unit-tested without a network.
 */
import type { StoredUrlPack } from '@/rules/loader/layers';
import { packFromText } from '@/rules/loader/layers';
import { bundledPack } from '@/rules/bundled';
import type { UrlPackStatus } from '@/rules/store/items';
import { signatureUrlFor } from '@/rules/loader/signature';
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
  const same = previous?.url === url ? previous : null;
  if (same?.etag) headers['if-none-match'] = same.etag;
  if (same?.lastModified) headers['if-modified-since'] = same.lastModified;

  let response: Response;
  try {
    response = await deps.fetch(url, {
      headers,
      cache: 'no-cache',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (error) {
    return fail(
      `Could not fetch the policy pack (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (response.status === 304 && same) {
    return {
      pack: null,
      status: { checkedAt, ok: true, message: 'The policy pack is unchanged.' },
    };
  }
  if (!response.ok) return fail(`The policy pack URL answered HTTP ${response.status}.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > MAX_PACK_BYTES) return fail('The policy pack is larger than 5 MB.');

  let signature: string;
  try {
    const sigUrl = signatureUrlFor(url);
    const sig = await deps.fetch(sigUrl, {
      cache: 'no-cache',
      credentials: 'omit',
      redirect: 'error',
    });
    if (!sig.ok) return fail(`The pack's signature (${sigUrl}) answered HTTP ${sig.status}.`);
    signature = (await sig.text()).trim();
  } catch (error) {
    return fail(
      `Could not fetch the pack's signature (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const verified = await deps.verify(bytes, signature, publicJwk);
  if (!verified.ok)
    return fail(`The policy pack was refused: its signature does not verify (${verified.reason}).`);

  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // Its services and directory may cover national rules by id (#19).
  const result = packFromText(text, new Set(bundledPack().rules.map((r) => r.id)));
  if ('error' in result) return fail(`The policy pack was refused: ${result.error}.`);

  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return {
    pack: {
      url,
      text,
      fetchedAt: checkedAt,
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
