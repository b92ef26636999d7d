/**
 * What an admin publishing a signed pack would notice: a pack signed by `sign-pack` (or by OpenSSL)
 * loads; a pack changed after signing, a signature from another key, a damaged .sig file or the wrong
 * key in policy is refused with a sentence saying which.
 */
import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  checkPublicJwk,
  jwkThumbprint,
  signatureUrlFor,
  verifyPackSignature,
  type PublicJwk,
} from './signature';

const fixture = (name: string) => new URL(`../../tests/fixtures/signing/${name}`, import.meta.url);
const packBytes = new Uint8Array(readFileSync(fixture('pack.json')));
const fixturePublic = JSON.parse(
  readFileSync(fixture('test-only-public.jwk'), 'utf8'),
) as PublicJwk;
const fixturePrivate = JSON.parse(readFileSync(fixture('test-only-private.jwk'), 'utf8')) as Record<
  string,
  string
>;
const fixtureSignature = readFileSync(fixture('pack.json.sig'), 'utf8');
const opensslSignature = readFileSync(fixture('pack.json.openssl-der.sig'), 'utf8');

const subtle = globalThis.crypto.subtle;

async function makeKey(): Promise<{ publicJwk: PublicJwk; privateKey: CryptoKey }> {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const { x = '', y = '' } = await subtle.exportKey('jwk', pair.publicKey);
  return { publicJwk: { kty: 'EC', crv: 'P-256', x, y }, privateKey: pair.privateKey };
}

async function signRaw(key: CryptoKey, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new Uint8Array(bytes)),
  );
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

let ours: { publicJwk: PublicJwk; privateKey: CryptoKey };
let other: { publicJwk: PublicJwk; privateKey: CryptoKey };
let signature: Uint8Array;

beforeAll(async () => {
  ours = await makeKey();
  other = await makeKey();
  signature = await signRaw(ours.privateKey, packBytes);
});

describe('published fixtures (a format change would break every .sig already on a server)', () => {
  test('the signature sign-pack wrote verifies against the public key it printed', async () => {
    await expect(verifyPackSignature(packBytes, fixtureSignature, fixturePublic)).resolves.toEqual({
      ok: true,
    });
  });

  test('a DER signature made by the openssl command line verifies too', async () => {
    await expect(verifyPackSignature(packBytes, opensslSignature, fixturePublic)).resolves.toEqual({
      ok: true,
    });
  });
});

type Case = {
  readonly name: string;
  readonly pack?: () => Uint8Array;
  readonly signature: () => string;
  readonly key?: () => unknown;
  /** Undefined: must verify. Otherwise a fragment of the reason the admin reads. */
  readonly refused?: string;
};

function changedByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

/** DER as OpenSSL and Node's default write it, made by Node from the same private key. */
function derSignature(bytes: Uint8Array): Buffer {
  const key = createPrivateKey({ key: fixturePrivate, format: 'jwk' });
  return nodeSign('sha256', bytes, { key, dsaEncoding: 'der' });
}

const signatureCases: Case[] = [
  { name: 'a good signature verifies', signature: () => b64(signature) },
  {
    name: 'a .sig file ending in a newline verifies (editors add one)',
    signature: () => `${b64(signature)}\r\n`,
  },
  {
    name: 'one byte of the pack changed after signing is refused',
    pack: () => changedByte(packBytes, 200),
    signature: () => b64(signature),
    refused: 'the pack was changed after it was signed',
  },
  {
    name: 'the pack re-saved with Windows line endings is refused',
    pack: () =>
      new TextEncoder().encode(new TextDecoder().decode(packBytes).replace(/\n/g, '\r\n')),
    signature: () => b64(signature),
    refused: 'line endings',
  },
  {
    name: 'one extra byte at the end of the pack is refused',
    pack: () => new Uint8Array([...packBytes, 0x0a]),
    signature: () => b64(signature),
    refused: 'does not match',
  },
  {
    name: 'a signature made with a different key is refused',
    signature: () => b64(signature),
    key: () => other.publicJwk,
    refused: 'signed with a different key from the one in policy',
  },
  {
    name: 'a changed signature byte is refused',
    signature: () => b64(changedByte(signature, 10)),
    refused: 'does not match',
  },
  {
    name: 'a signature of 64 zero bytes is refused',
    signature: () => b64(new Uint8Array(64)),
    refused: 'does not match',
  },
  {
    name: 'an empty .sig file is refused',
    signature: () => '\n',
    refused: 'The signature is empty',
  },
  {
    name: 'malformed base64 is refused',
    signature: () => 'this is not base64!',
    refused: 'not base64',
  },
  {
    name: 'base64 with the padding stripped is refused',
    signature: () => b64(signature).replace(/=+$/, 'A'),
    refused: 'not base64',
  },
  {
    name: 'base64url (- and _) is refused: the format is standard base64',
    signature: () => b64(signature).replace(/=+$/, '').replace(/.$/, '-') + '==',
    refused: 'not base64',
  },
  {
    name: 'a signature with a space inside is refused',
    signature: () => `${b64(signature).slice(0, 40)} ${b64(signature).slice(40)}`,
    refused: 'not base64',
  },
  {
    name: 'a truncated signature (63 bytes) is refused',
    // A random signature starts with 0x30 one time in 256, and then reads as DER (CI saw it):
    // the first byte is moved off 0x30 so this case is always the plain 63-byte one.
    signature: () => {
      const cut = Uint8Array.from(signature.subarray(0, 63));
      if (cut[0] === 0x30) cut[0] = 0x31;
      return b64(cut);
    },
    refused: 'is 63 bytes; an ECDSA P-256 signature is 64 bytes',
  },
  {
    name: 'a hex signature is refused',
    signature: () => Buffer.from(signature).toString('hex'),
    refused: 'written in hex; it must be base64',
  },
  {
    name: 'a whole pack pasted into the .sig file is refused without decoding it',
    signature: () => b64(packBytes),
    refused: 'characters long',
  },
  {
    // DER is converted rather than refused: OpenSSL, HSMs and cloud key services write it, and the
    // converted signature must still verify against the policy key, so accepting it costs no trust.
    name: 'a DER-encoded signature (OpenSSL style) is converted to raw and verifies',
    signature: () => derSignature(packBytes).toString('base64'),
    key: () => fixturePublic,
  },
  {
    name: 'a DER signature over a changed pack is refused',
    pack: () => changedByte(packBytes, 5),
    signature: () => derSignature(packBytes).toString('base64'),
    key: () => fixturePublic,
    refused: 'does not match',
  },
  {
    name: 'a DER signature with a wrong length byte is refused as damaged',
    signature: () => {
      const der = Buffer.from(derSignature(packBytes));
      der[1] = (der[1] ?? 0) + 1;
      return der.toString('base64');
    },
    key: () => fixturePublic,
    refused: 'looks DER-encoded (as OpenSSL writes it) but is damaged',
  },
  {
    name: 'a truncated DER signature is refused as damaged',
    signature: () => derSignature(packBytes).subarray(0, 40).toString('base64'),
    key: () => fixturePublic,
    refused: 'looks DER-encoded',
  },
  {
    name: 'a DER signature with a needless leading zero is refused (one encoding per signature)',
    signature: () => {
      // SEQUENCE { INTEGER 00 01, INTEGER 01 }: valid BER, not DER.
      return Buffer.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]).toString('base64');
    },
    refused: 'looks DER-encoded',
  },
  {
    name: 'a DER signature with a negative integer is refused',
    signature: () =>
      Buffer.from([0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01]).toString('base64'),
    refused: 'looks DER-encoded',
  },
];

const keyCases: Case[] = [
  {
    name: 'the public key as WebCrypto exports it (with key_ops and ext) is accepted',
    signature: () => b64(signature),
    key: () => ({ ...ours.publicJwk, key_ops: ['verify'], ext: true, kid: 'icb-2026' }),
  },
  {
    name: 'a private key given as the public key is refused as a leak',
    signature: () => b64(signature),
    key: () => fixturePrivate,
    refused: 'This is a private key',
  },
  {
    name: 'a key on the wrong curve (P-384) is refused',
    signature: () => b64(signature),
    key: () => ({ ...ours.publicJwk, crv: 'P-384' }),
    refused: 'curve "P-384"; pack signing keys use P-256',
  },
  {
    name: 'an RSA key is refused',
    signature: () => b64(signature),
    key: () => ({ kty: 'RSA', n: 'AQAB', e: 'AQAB' }),
    refused: 'key type is "RSA"',
  },
  {
    name: 'a symmetric key is refused',
    signature: () => b64(signature),
    key: () => ({ kty: 'oct', k: 'c2VjcmV0' }),
    refused: 'key type is "oct"',
  },
  {
    name: 'a key with no kty is refused',
    signature: () => b64(signature),
    key: () => ({ crv: 'P-256', x: ours.publicJwk.x, y: ours.publicJwk.y }),
    refused: 'key type is missing',
  },
  {
    name: 'a key meant for another algorithm is refused',
    signature: () => b64(signature),
    key: () => ({ ...ours.publicJwk, alg: 'ES384' }),
    refused: 'pack signatures are ES256',
  },
  {
    name: 'a key with x cut short when pasted is refused',
    signature: () => b64(signature),
    key: () => ({ ...ours.publicJwk, x: ours.publicJwk.x.slice(0, 40) }),
    refused: `key's "x" must be 43 characters`,
  },
  {
    name: 'a key with no y is refused',
    signature: () => b64(signature),
    key: () => ({ kty: 'EC', crv: 'P-256', x: ours.publicJwk.x }),
    refused: `key's "y"`,
  },
  {
    name: 'a key whose point is not on the curve is refused',
    signature: () => b64(signature),
    key: () => ({ ...ours.publicJwk, y: ours.publicJwk.x }),
    refused: 'not a point on the P-256 curve',
  },
  {
    name: 'the key given as JSON text (as registry policies carry it) is accepted',
    signature: () => b64(signature),
    key: () => JSON.stringify(ours.publicJwk),
  },
  {
    name: 'a private key given as JSON text is refused as a leak',
    signature: () => b64(signature),
    key: () => JSON.stringify(fixturePrivate),
    refused: 'This is a private key',
  },
  {
    name: 'key text that is not JSON is refused',
    signature: () => b64(signature),
    key: () => `kty=EC crv=P-256 x=${ours.publicJwk.x}`,
    refused: 'The public key is text but not JSON',
  },
  {
    name: 'key text that is JSON but not an object is refused',
    signature: () => b64(signature),
    key: () => '"EC"',
    refused: 'must be a JWK object',
  },
  {
    name: 'no key at all is refused',
    signature: () => b64(signature),
    key: () => undefined,
    refused: 'must be a JWK object',
  },
  {
    name: 'a list of keys is refused',
    signature: () => b64(signature),
    key: () => [ours.publicJwk],
    refused: 'must be a JWK object',
  },
];

describe('verifyPackSignature', () => {
  test.each([...signatureCases, ...keyCases])('$name', async (c) => {
    const result = await verifyPackSignature(
      c.pack?.() ?? packBytes,
      c.signature(),
      c.key ? c.key() : ours.publicJwk,
    );
    if (c.refused === undefined) expect(result).toEqual({ ok: true });
    else {
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toContain(c.refused);
    }
  });

  test('a mismatch names the policy key by thumbprint, to compare with what sign-pack printed', async () => {
    const result = await verifyPackSignature(packBytes, b64(signature), other.publicJwk);
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining(`(key ${await jwkThumbprint(other.publicJwk)})`) as string,
    });
  });

  test('a bad key is reported before a bad signature (the key is what the admin controls)', async () => {
    const result = await verifyPackSignature(packBytes, 'garbage', { kty: 'RSA' });
    expect(result.ok ? '' : result.reason).toContain('key type');
  });
});

describe('checkPublicJwk', () => {
  test('keeps only the members that define the key', () => {
    expect(checkPublicJwk({ ...fixturePublic, key_ops: ['sign'], ext: true })).toEqual({
      ok: true,
      jwk: fixturePublic,
    });
  });
});

describe('jwkThumbprint', () => {
  test('is the RFC 7638 SHA-256 thumbprint sign-pack printed for the fixture key', async () => {
    const { crv, kty, x, y } = fixturePublic;
    const expected = createHash('sha256')
      .update(JSON.stringify({ crv, kty, x, y }))
      .digest('base64url');
    await expect(jwkThumbprint(fixturePublic)).resolves.toBe(expected);
    expect(expected).toBe('Fc64k6_OL4YahBYdZ8x3EMmPGK38lIkGM4RBWF07V9I');
  });
});

describe('signatureUrlFor: the .sig file sits beside the pack', () => {
  test.each([
    [
      'https://icb.example.nhs.uk/packs/local.json',
      'https://icb.example.nhs.uk/packs/local.json.sig',
    ],
    [
      'https://store.example.net/packs/local.json?sv=2026&sig=abc',
      'https://store.example.net/packs/local.json.sig?sv=2026&sig=abc',
    ],
    [
      'https://icb.example.nhs.uk/packs/local.json#v2',
      'https://icb.example.nhs.uk/packs/local.json.sig',
    ],
    ['https://icb.example.nhs.uk/', 'https://icb.example.nhs.uk/.sig'],
  ])('%s → %s', (pack, sig) => {
    expect(signatureUrlFor(pack)).toBe(sig);
  });
});
