/**
 * Draws the toolbar and store icons, so they are reproducible and reviewable as code:
 *
 *   npx tsx scripts/make-icons.ts
 *
 * writes public/icon/<size>.png (the "active" lens: blue rim, a highlighted band seen through it;
 * WXT lists these as the manifest's icons) and public/icon/inactive-<size>.png (grey rim, empty
 * lens: the toolbar's default, set in entrypoints/popup/index.html).
 *
 * The drawing is entrypoints/background/lens-icon.ts (the background draws the toolbar sizes
 * itself); PNGs are encoded here with node:zlib. Same input, same pixels.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { ACTIVE, drawIcon, INACTIVE } from '../entrypoints/background/lens-icon';

export const SIZES = [16, 32, 48, 128] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG (no filtering: the images are tiny). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

function main(): void {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/icon');
  mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    writeFileSync(path.join(dir, `${size}.png`), encodePng(size, drawIcon(size, ACTIVE)));
    writeFileSync(
      path.join(dir, `inactive-${size}.png`),
      encodePng(size, drawIcon(size, INACTIVE)),
    );
  }
  console.log(`wrote ${SIZES.length * 2} icons to ${path.relative(process.cwd(), dir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
