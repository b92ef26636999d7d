/**
 * What an ICB admin sees running `npm run sign-pack`: a key pair with the private half readable only
 * by them and the public half printed ready for policy; a .sig file the extension accepts; and a
 * refusal, with nothing written, for a broken pack, the wrong key file or a mistyped command.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { verifyPackSignature } from '../rules/loader/signature';
import { USAGE, runSignPack } from './sign-pack';

const TODAY = '2026-11-24';
const fixturePack = 'tests/fixtures/signing/pack.json';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sign-pack-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const inDir = (name: string) => path.join(dir, name);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

async function generate(keyDir = inDir('keys')) {
  const report = await runSignPack(['--', '--generate-key', keyDir]);
  return { report, privatePath: path.join(keyDir, 'private.jwk'), keyDir };
}

describe('--generate-key', () => {
  test('writes private.jwk readable by the owner only, and public.jwk', async () => {
    const { report, privatePath, keyDir } = await generate();
    expect(report.exitCode).toBe(0);
    expect(statSync(privatePath).mode & 0o777).toBe(0o600);
    expect(readJson(privatePath)).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.any(String) as string,
      y: expect.any(String) as string,
      d: expect.any(String) as string,
    });
    expect(Object.keys(readJson(path.join(keyDir, 'public.jwk')) as object)).toEqual([
      'kty',
      'crv',
      'x',
      'y',
    ]);
  });

  test('prints the public key on one line exactly as it goes into policy', async () => {
    const { report, keyDir } = await generate();
    const printed = report.stdout.at(-1) ?? '';
    expect(report.stdout.at(-2)).toBe('public key for policy (paste exactly this line):');
    expect(JSON.parse(printed)).toEqual(readJson(path.join(keyDir, 'public.jwk')));
    expect(printed).not.toContain('"d"');
  });

  test('creates the directory when it does not exist', async () => {
    const { report, privatePath } = await generate(inDir('new/nested/keys'));
    expect(report.exitCode).toBe(0);
    expect(existsSync(privatePath)).toBe(true);
  });

  test('refuses to overwrite an existing key, leaving it unchanged', async () => {
    const { privatePath, keyDir } = await generate();
    const before = readFileSync(privatePath, 'utf8');
    const again = await runSignPack(['--generate-key', keyDir]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr.join('\n')).toContain('refusing to overwrite a key');
    expect(readFileSync(privatePath, 'utf8')).toBe(before);
  });
});

describe('signing', () => {
  test('writes <pack>.sig, one base64 line, that the extension accepts with public.jwk', async () => {
    const { privatePath, keyDir, report: made } = await generate();
    const pack = inDir('local.json');
    copyFileSync(fixturePack, pack);
    const report = await runSignPack([pack, '--key', privatePath], { today: TODAY });
    expect(report).toMatchObject({ exitCode: 0, stderr: [] });
    const sig = readFileSync(`${pack}.sig`, 'utf8');
    expect(sig).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    await expect(
      verifyPackSignature(
        new Uint8Array(readFileSync(pack)),
        sig,
        readJson(path.join(keyDir, 'public.jwk')),
      ),
    ).resolves.toEqual({ ok: true });
    // The same thumbprint at key generation and at signing lets an admin match key to signature.
    const thumbprint = made.stdout.find((l) => l.startsWith('key thumbprint: '))?.slice(16) ?? '';
    expect(report.stdout).toContain(`with key ${thumbprint}`);
    expect(report.stdout[0]).toBe('valid: 1 rules, 2 names');
  });

  test('--out chooses where the signature goes', async () => {
    const { privatePath } = await generate();
    const out = inDir('published.sig');
    const golden = readFileSync(`${fixturePack}.sig`, 'utf8');
    const report = await runSignPack([fixturePack, '--key', privatePath, '--out', out], {
      today: TODAY,
    });
    expect(report.exitCode).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(`${fixturePack}.sig`, 'utf8')).toBe(golden);
  });

  test('re-signing an updated pack replaces its .sig', async () => {
    const { privatePath, keyDir } = await generate();
    const pack = inDir('local.json');
    copyFileSync(fixturePack, pack);
    await runSignPack([pack, '--key', privatePath], { today: TODAY });
    writeFileSync(pack, readFileSync(pack, 'utf8').replace('2026.11.1', '2026.11.2'));
    expect((await runSignPack([pack, '--key', privatePath], { today: TODAY })).exitCode).toBe(0);
    await expect(
      verifyPackSignature(
        new Uint8Array(readFileSync(pack)),
        readFileSync(`${pack}.sig`, 'utf8'),
        readJson(path.join(keyDir, 'public.jwk')),
      ),
    ).resolves.toEqual({ ok: true });
  });

  type Refusal = {
    readonly name: string;
    readonly pack?: string;
    readonly key?: (privatePath: string, keyDir: string) => string;
    readonly says: string;
  };
  const refusals: Refusal[] = [
    {
      name: 'signing with public.jwk',
      key: (_p, keyDir) => path.join(keyDir, 'public.jwk'),
      says: 'is not a private key (it has no "d")',
    },
    {
      name: 'a pack that does not validate',
      pack: JSON.stringify({ schemaVersion: 1, packId: 'Bad Id' }),
      says: 'error at packId: packId must be lower-case letters',
    },
    {
      name: 'a pack that is not UTF-8',
      pack: '\u00ff',
      says: 'not valid UTF-8',
    },
    {
      name: 'a key file that is not JSON',
      key: () => {
        writeFileSync(inDir('key.pem'), '-----BEGIN PRIVATE KEY-----\n');
        return inDir('key.pem');
      },
      says: 'is not a JWK (not JSON)',
    },
    {
      name: 'a P-384 private key',
      key: (privatePath) => {
        const jwk = readJson(privatePath) as Record<string, string>;
        writeFileSync(inDir('p384.jwk'), JSON.stringify({ ...jwk, crv: 'P-384' }));
        return inDir('p384.jwk');
      },
      says: 'pack signing keys use P-256',
    },
    {
      name: 'a private key whose d does not belong to its x and y',
      key: (privatePath) => {
        const jwk = readJson(privatePath) as Record<string, string>;
        const other = readJson(inDir('keys2/private.jwk')) as Record<string, string>;
        writeFileSync(inDir('mixed.jwk'), JSON.stringify({ ...jwk, d: other.d }));
        return inDir('mixed.jwk');
      },
      says: 'is not a usable P-256 private key',
    },
    {
      name: 'a key file that does not exist',
      key: () => inDir('missing.jwk'),
      says: 'Cannot read a file',
    },
  ];

  test.each(refusals)('refuses $name, writing nothing', async (c) => {
    const { privatePath, keyDir } = await generate();
    await generate(inDir('keys2'));
    const pack = inDir('local.json');
    if (c.pack === undefined) copyFileSync(fixturePack, pack);
    else writeFileSync(pack, c.pack === '\u00ff' ? Buffer.from([0xff]) : c.pack);
    const key = c.key ? c.key(privatePath, keyDir) : privatePath;
    const report = await runSignPack([pack, '--key', key], { today: TODAY });
    expect(report.exitCode).toBe(1);
    expect(report.stderr.join('\n')).toContain(c.says);
    expect(existsSync(`${pack}.sig`)).toBe(false);
  });
});

describe('usage mistakes print the usage and exit 2', () => {
  test.each([
    ['no arguments', []],
    ['--help', ['--help']],
    ['a pack but no key', ['pack.json']],
    ['a key but no pack', ['--key', 'private.jwk']],
    ['two packs', ['a.json', 'b.json', '--key', 'private.jwk']],
    ['--key with no value', ['pack.json', '--key']],
    ['an unknown flag', ['pack.json', '--key', 'private.jwk', '--force']],
    ['--out onto the pack itself', ['pack.json', '--key', 'private.jwk', '--out', './pack.json']],
    ['--out onto the key', ['pack.json', '--key', 'private.jwk', '--out', 'private.jwk']],
    ['--generate-key with a pack', ['pack.json', '--generate-key', 'keys']],
    ['--generate-key with no directory', ['--generate-key']],
  ])('%s', async (_name, args) => {
    await expect(runSignPack(args)).resolves.toEqual({ exitCode: 2, stdout: [], stderr: USAGE });
  });
});
