/**
 * Signs a rule pack for publishing at a URL, and makes the key to sign it with (issue 5):
 *
 *   npm run sign-pack -- --generate-key keys/
 *   npm run sign-pack -- pack.json --key keys/private.jwk [--out pack.json.sig]
 *
 * The signature is ECDSA P-256 with SHA-256 over the exact bytes of the file, written as base64 of the
 * raw 64-byte r||s form WebCrypto produces, one line. Publish it beside the pack at `<pack URL>.sig`
 * (rules/loader/signature.ts, docs/deployment.md). A pack is validated before it is signed, because a
 * signed pack that every browser then rejects is worse than no pack. Exit code 0 on success, 1 when
 * something is wrong with the files, 2 for a usage mistake.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPublicJwk, jwkThumbprint, verifyPackSignature } from '../rules/loader/signature';
import { checkPackText } from './validate-pack';

export const USAGE = [
  'usage: npm run sign-pack -- <pack.json> --key <private.jwk> [--out <pack.json.sig>]',
  '       npm run sign-pack -- --generate-key <out-dir>',
];

export interface SignPackOptions {
  /** Today's date (YYYY-MM-DD) for the validation run before signing; tests pin it. */
  readonly today?: string;
}

export interface SignPackReport {
  /** 0: done; 1: a file is wrong (nothing written); 2: usage mistake. */
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

type Command =
  | { readonly kind: 'sign'; readonly pack: string; readonly key: string; readonly out: string }
  | { readonly kind: 'generate'; readonly dir: string };

function parseArgs(args: readonly string[]): Command | undefined {
  const rest = args.filter((a) => a !== '--');
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--key' || arg === '--out' || arg === '--generate-key') {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--') || flags.has(arg)) return undefined;
      flags.set(arg, value);
      i++;
    } else if (arg.startsWith('-')) return undefined;
    else positional.push(arg);
  }
  const dir = flags.get('--generate-key');
  if (dir !== undefined) {
    return positional.length === 0 && flags.size === 1 ? { kind: 'generate', dir } : undefined;
  }
  const key = flags.get('--key');
  const pack = positional[0];
  if (positional.length !== 1 || pack === undefined || key === undefined) return undefined;
  const out = flags.get('--out') ?? `${pack}.sig`;
  // Writing the signature over the pack (or the key) would destroy what was just signed.
  if ([pack, key].some((file) => path.resolve(file) === path.resolve(out))) return undefined;
  return { kind: 'sign', pack, key, out };
}

function fail(...lines: string[]): SignPackReport {
  return { exitCode: 1, stdout: [], stderr: lines };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function generateKey(dir: string): Promise<SignPackReport> {
  const privatePath = path.join(dir, 'private.jwk');
  const publicPath = path.join(dir, 'public.jwk');
  // Overwriting a signing key would silently orphan every browser whose policy holds the old one.
  for (const file of [privatePath, publicPath]) {
    if (existsSync(file)) {
      return fail(`${file} already exists; refusing to overwrite a key. Choose another directory`);
    }
  }
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign', 'verify'],
  );
  const exported = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  const { x, y, d } = exported;
  if (x === undefined || y === undefined || d === undefined) {
    return fail('WebCrypto returned an incomplete key; nothing was written');
  }
  // Only the members that define the key: `key_ops`/`ext` would only constrain later imports.
  const publicJwk = { kty: 'EC', crv: 'P-256', x, y } as const;
  const privateJwk = { ...publicJwk, d };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // `wx` fails rather than follow a file created since the check above; the explicit chmod holds
    // even where a umask or an inherited ACL would have widened the mode.
    writeFileSync(privatePath, `${JSON.stringify(privateJwk, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(privatePath, 0o600);
    writeFileSync(publicPath, `${JSON.stringify(publicJwk, null, 2)}\n`, {
      mode: 0o644,
      flag: 'wx',
    });
  } catch (error) {
    return fail(`Cannot write the key files in ${dir}: ${reasonOf(error)}`);
  }
  return {
    exitCode: 0,
    stdout: [
      `wrote ${privatePath} (readable by you only: keep it secret, offline and backed up)`,
      `wrote ${publicPath}`,
      `key thumbprint: ${await jwkThumbprint(publicJwk)}`,
      'public key for policy (paste exactly this line):',
      JSON.stringify(publicJwk),
    ],
    stderr: [],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function sign(
  command: Extract<Command, { kind: 'sign' }>,
  today: string,
): Promise<SignPackReport> {
  let packBytes: Uint8Array;
  let keyText: string;
  try {
    packBytes = new Uint8Array(readFileSync(command.pack));
    keyText = readFileSync(command.key, 'utf8');
  } catch (error) {
    return fail(`Cannot read a file: ${reasonOf(error)}`);
  }

  // The same text the extension will decode (a bad UTF-8 byte becomes U+FFFD, which the parser refuses).
  const checked = checkPackText(new TextDecoder().decode(packBytes), today);
  if (!checked.ok) {
    return fail(...checked.lines, `${command.pack} was not signed: fix the errors above first`);
  }

  let keyJson: unknown;
  try {
    keyJson = JSON.parse(keyText);
  } catch {
    return fail(`${command.key} is not a JWK (not JSON)`);
  }
  if (!isRecord(keyJson)) return fail(`${command.key} is not a JWK (not a JSON object)`);
  const { d, ...publicPart } = keyJson;
  if (typeof d !== 'string') {
    return fail(
      `${command.key} is not a private key (it has no "d"); sign with private.jwk, and put public.jwk in policy`,
    );
  }
  const publicKey = checkPublicJwk(publicPart);
  if (!publicKey.ok) return fail(`${command.key}: ${publicKey.reason}`);

  let signature: string;
  try {
    const key = await globalThis.crypto.subtle.importKey(
      'jwk',
      { ...publicKey.jwk, d },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const raw = await globalThis.crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      new Uint8Array(packBytes),
    );
    signature = Buffer.from(raw).toString('base64');
  } catch (error) {
    return fail(`${command.key} is not a usable P-256 private key: ${reasonOf(error)}`);
  }

  // Check the way a browser will, so a key whose halves do not belong together is caught here.
  const verified = await verifyPackSignature(packBytes, signature, publicKey.jwk);
  if (!verified.ok) return fail(`The new signature does not verify: ${verified.reason}`);

  try {
    writeFileSync(command.out, `${signature}\n`);
  } catch (error) {
    return fail(`Cannot write ${command.out}: ${reasonOf(error)}`);
  }
  const sha256 = createHash('sha256').update(packBytes).digest('hex');
  return {
    exitCode: 0,
    stdout: [
      ...checked.lines,
      `signed ${command.pack} (${packBytes.length} bytes, SHA-256 ${sha256})`,
      `with key ${await jwkThumbprint(publicKey.jwk)}`,
      `wrote ${command.out}: publish it at the pack's URL followed by ".sig", and publish both files unchanged`,
    ],
    stderr: [],
  };
}

/** The CLI without the process: arguments in, lines and exit code out. */
export async function runSignPack(
  args: readonly string[],
  options: SignPackOptions = {},
): Promise<SignPackReport> {
  if (args.some((a) => a === '--help' || a === '-h')) {
    return { exitCode: 2, stdout: [], stderr: USAGE };
  }
  const command = parseArgs(args);
  if (!command) return { exitCode: 2, stdout: [], stderr: USAGE };
  if (command.kind === 'generate') return generateKey(command.dir);
  return sign(command, options.today ?? new Date().toISOString().slice(0, 10));
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url);
}

if (isEntryPoint()) {
  const report = await runSignPack(process.argv.slice(2));
  for (const line of report.stdout) console.log(line);
  for (const line of report.stderr) console.error(line);
  process.exitCode = report.exitCode;
}
