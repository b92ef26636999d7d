/**
 * Detached signatures for rule packs fetched from a URL (issue 5). An ICB signs the exact bytes of its
 * pack file with an ECDSA P-256 key; the public half of that key reaches every browser through
 * enterprise policy; before a fetched pack is even parsed, its bytes must verify against that key.
 *
 * How the signature travels: as a text file beside the pack, at the pack's URL with `.sig` appended to
 * the path (`https://icb.example.nhs.uk/packs/local.json` → `…/local.json.sig`), holding the 64-byte
 * raw r||s signature in base64. A file rather than an HTTP header because the places ICBs publish
 * documents (SharePoint, blob storage, intranet web servers) can host any file but rarely let an admin
 * set custom headers, and a file survives being downloaded and re-uploaded by hand. See
 * docs/deployment.md.
 *
 * Pure: WebCrypto through `globalThis.crypto.subtle`, which Node 20 and every extension context have.
 */

/** Result of checking a pack's signature; `reason` is a plain sentence for the options page and logs. */
export type SignatureCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The public half of a P-256 signing key, as pasted into policy. */
export interface PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** Appended to the pack URL's path to find its signature. */
export const SIGNATURE_SUFFIX = '.sig';

// A raw signature is 88 base64 characters and a DER one at most 96; anything far longer is not a
// signature, and refusing it early keeps a hostile .sig file from costing a large decode.
const MAX_SIGNATURE_CHARS = 200;
const RAW_SIGNATURE_BYTES = 64;
const COORDINATE_BYTES = 32;

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL_COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Where the signature of the pack at `packUrl` lives: the same URL with `.sig` appended to the path.
 * The query is kept (a blob-storage access token must reach the .sig file too); a fragment is never
 * sent to a server, so it is dropped.
 */
export function signatureUrlFor(packUrl: string): string {
  const url = new URL(packUrl);
  url.pathname += SIGNATURE_SUFFIX;
  url.hash = '';
  return url.href;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes standard base64 (RFC 4648 §4, padded); undefined for anything else. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodeBase64Url(text: string): Uint8Array | undefined {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  return decodeBase64(padded + '='.repeat((4 - (padded.length % 4)) % 4));
}

/**
 * Reads one DER INTEGER at `at` as an unsigned 32-byte big-endian number. Strict: minimal length, no
 * negative values, nothing wider than the curve, so one signature has exactly one accepted encoding.
 */
function readDerInteger(
  der: Uint8Array,
  at: number,
): { value: Uint8Array; next: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const length = der[at + 1];
  if (length === undefined || length < 1 || length > COORDINATE_BYTES + 1) return undefined;
  const start = at + 2;
  const end = start + length;
  if (end > der.length) return undefined;
  let body = der.subarray(start, end);
  const first = body[0] ?? 0;
  if (first >= 0x80) return undefined; // negative
  if (first === 0x00) {
    // A leading zero is only allowed (and then required) to keep a high bit from reading as negative.
    if (length === 1 || (body[1] ?? 0) < 0x80) return undefined;
    body = body.subarray(1);
  }
  if (body.length > COORDINATE_BYTES) return undefined;
  const value = new Uint8Array(COORDINATE_BYTES);
  value.set(body, COORDINATE_BYTES - body.length);
  return { value, next: end };
}

/**
 * DER `SEQUENCE { INTEGER r, INTEGER s }` → raw r||s. OpenSSL (`openssl dgst -sign`), cloud key
 * services and HSMs emit DER; WebCrypto only verifies raw. Converting here lets an ICB sign with the
 * tools its security team already runs instead of only with `npm run sign-pack`. The conversion adds
 * no trust: the converted signature must still verify against the policy key.
 */
function derToRaw(der: Uint8Array): Uint8Array | undefined {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const r = readDerInteger(der, 2);
  if (!r) return undefined;
  const s = readDerInteger(der, r.next);
  if (!s || s.next !== der.length) return undefined;
  const raw = new Uint8Array(RAW_SIGNATURE_BYTES);
  raw.set(r.value, 0);
  raw.set(s.value, COORDINATE_BYTES);
  return raw;
}

/** The signature's bytes in WebCrypto's raw form, or why they cannot be. */
function readSignature(
  signatureBase64: string,
): { ok: true; raw: Uint8Array } | { ok: false; reason: string } {
  // A .sig file saved by an editor may end in a newline; nothing else about its text is forgiven.
  const text = signatureBase64.trim();
  if (text === '') return { ok: false, reason: 'The signature is empty' };
  if (text.length > MAX_SIGNATURE_CHARS) {
    return {
      ok: false,
      reason: `The signature is ${text.length} characters long; a P-256 signature in base64 is 88`,
    };
  }
  // Hex is valid base64 text too, so it would otherwise be reported as a puzzling 96-byte signature.
  if (/^[0-9a-fA-F]{128}$/.test(text)) {
    return {
      ok: false,
      reason: 'The signature is written in hex; it must be base64 (as npm run sign-pack writes it)',
    };
  }
  const bytes = decodeBase64(text);
  if (!bytes) {
    return {
      ok: false,
      reason:
        'The signature is not base64 text (expected 88 characters of A–Z, a–z, 0–9, + and / ending in =)',
    };
  }
  if (bytes.length === RAW_SIGNATURE_BYTES) return { ok: true, raw: bytes };
  if (bytes[0] === 0x30) {
    const raw = derToRaw(bytes);
    if (raw) return { ok: true, raw };
    return {
      ok: false,
      reason: 'The signature looks DER-encoded (as OpenSSL writes it) but is damaged or truncated',
    };
  }
  return {
    ok: false,
    reason: `The signature is ${bytes.length} bytes; an ECDSA P-256 signature is 64 bytes (r and s)`,
  };
}

/**
 * Checks that `input` is the public half of a P-256 key as a JWK (an object, or the same as JSON
 * text), and returns only the members that define the key (so stray `key_ops` or `ext` members
 * cannot change how it is imported).
 */
export function checkPublicJwk(
  input: unknown,
): { ok: true; jwk: PublicJwk } | { ok: false; reason: string } {
  let value = input;
  // Policy editors (registry strings, some MDM consoles) often carry a JSON value as text.
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch {
      return {
        ok: false,
        reason:
          'The public key is text but not JSON; it must be a JWK such as {"kty":"EC","crv":"P-256","x":"…","y":"…"}',
      };
    }
  }
  if (!isRecord(value)) {
    return {
      ok: false,
      reason:
        'The public key must be a JWK object such as {"kty":"EC","crv":"P-256","x":"…","y":"…"}',
    };
  }
  // Checked first: a private key pasted into policy is a leak to report loudly, whatever else is wrong.
  if ('d' in value) {
    return {
      ok: false,
      reason:
        'This is a private key (it has a "d" member). Put only public.jwk in policy and keep private.jwk secret: anyone who has it can sign packs',
    };
  }
  if (value.kty !== 'EC') {
    return {
      ok: false,
      reason: `The key type is ${JSON.stringify(value.kty) ?? 'missing'}; pack signing keys are elliptic-curve keys (kty "EC")`,
    };
  }
  if (value.crv !== 'P-256') {
    return {
      ok: false,
      reason: `The key is on curve ${JSON.stringify(value.crv) ?? 'missing'}; pack signing keys use P-256`,
    };
  }
  if (value.alg !== undefined && value.alg !== 'ES256') {
    return {
      ok: false,
      reason: `The key says it is for ${JSON.stringify(value.alg)}; pack signatures are ES256 (ECDSA P-256 with SHA-256)`,
    };
  }
  const { x, y } = value;
  for (const [name, coordinate] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (
      typeof coordinate !== 'string' ||
      !BASE64URL_COORDINATE.test(coordinate) ||
      decodeBase64Url(coordinate)?.length !== COORDINATE_BYTES
    ) {
      return {
        ok: false,
        reason: `The key's "${name}" must be 43 characters of base64url (a 32-byte coordinate); it is damaged or missing`,
      };
    }
  }
  return { ok: true, jwk: { kty: 'EC', crv: 'P-256', x: x as string, y: y as string } };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/={1,2}$/, '');
}

/**
 * RFC 7638 thumbprint: a short, stable name for a key. `sign-pack` prints it when signing and a
 * failed check names the policy key's, so an admin can tell "signed with another key" apart from
 * "pack changed" by comparing the two.
 */
export async function jwkThumbprint(jwk: PublicJwk): Promise<string> {
  // Members in lexicographic order, no whitespace, as RFC 7638 §3.2 requires.
  const canonical = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`;
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(canonical),
  );
  return toBase64Url(new Uint8Array(digest));
}

/**
 * Verifies a detached ECDSA P-256 / SHA-256 signature over the exact bytes of a pack file. Call it on
 * the bytes as fetched, before decoding or parsing them: a pack that fails here never reaches the
 * parser. Never throws; every failure comes back as a reason an admin can act on.
 */
export async function verifyPackSignature(
  packBytes: Uint8Array,
  signatureBase64: string,
  publicJwk: unknown,
): Promise<SignatureCheck> {
  const key = checkPublicJwk(publicJwk);
  if (!key.ok) return { ok: false, reason: key.reason };
  const signature = readSignature(signatureBase64);
  if (!signature.ok) return { ok: false, reason: signature.reason };

  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await globalThis.crypto.subtle.importKey('jwk', key.jwk, ECDSA_P256, false, [
      'verify',
    ]);
  } catch {
    return {
      ok: false,
      reason:
        "The public key's x and y are not a point on the P-256 curve; the key was damaged when it was copied",
    };
  }
  // Copies into fresh ArrayBuffers: WebCrypto takes BufferSource, which a view over a
  // SharedArrayBuffer is not.
  const isValid = await globalThis.crypto.subtle.verify(
    ECDSA_SHA256,
    cryptoKey,
    new Uint8Array(signature.raw),
    new Uint8Array(packBytes),
  );
  if (isValid) return { ok: true };
  // ECDSA answers only yes or no, so "pack changed" and "other key" cannot be told apart here; the
  // thumbprint lets an admin compare with the one sign-pack printed.
  const thumbprint = await jwkThumbprint(key.jwk);
  return {
    ok: false,
    reason: `The signature does not match: either the pack was changed after it was signed (even one byte, or its line endings), or it was signed with a different key from the one in policy (key ${thumbprint})`,
  };
}
