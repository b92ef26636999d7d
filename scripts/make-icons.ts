/**
 * Draws the toolbar and store icons, so they are reproducible and reviewable as code:
 *
 *   npx tsx scripts/make-icons.ts
 *
 * writes public/icon/<size>.png (the "active" lens: blue rim, a highlighted band seen through it; WXT lists
 * these as the manifest's icons) and public/icon/inactive-<size>.png (grey rim, empty lens: the
 * toolbar's default, and what a tab shows wherever the extension is not marking the page). The two
 * differ in shape as well as colour, for people who cannot tell blue from grey.
 *
 * Shapes are signed-distance functions sampled 4×4 per pixel (anti-aliasing without a canvas
 * library); PNGs are encoded with node:zlib. Same input, same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const SIZES = [16, 32, 48, 128] as const;

type Rgba = readonly [number, number, number, number];

export interface IconStyle {
  readonly rim: Rgba;
  readonly glass: Rgba;
  /** A highlighted band of text seen through the lens; none when inactive. */
  readonly mark: Rgba | null;
}

export const ACTIVE: IconStyle = {
  rim: [0x00, 0x5e, 0xb8, 255], // NHS blue
  glass: [255, 255, 255, 255],
  mark: [0xff, 0xb8, 0x1c, 255], // NHS warm yellow, like a highlighter pen
};

export const INACTIVE: IconStyle = {
  rim: [0x76, 0x86, 0x92, 255], // NHS mid grey
  glass: [255, 255, 255, 200],
  mark: null,
};

// Geometry in a unit square (y down): lens centre and radii, handle as a capsule.
const CX = 0.41;
const CY = 0.41;
const R_OUT = 0.36;
const R_IN = 0.25;
const HANDLE = { x1: 0.66, y1: 0.66, x2: 0.89, y2: 0.89, r: 0.085 };
/** Half the height of the highlighted band seen through the glass. */
const BAND = 0.09;

function circle(x: number, y: number, r: number): number {
  return Math.hypot(x - CX, y - CY) - r;
}

function capsule(x: number, y: number): number {
  const { x1, y1, x2, y2, r } = HANDLE;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) - r;
}

/** The colour at a point, painted back to front (glass, mark, rim and handle); null = clear. */
function colourAt(x: number, y: number, style: IconStyle): Rgba | null {
  const d = circle(x, y, R_OUT);
  if (d <= 0 && circle(x, y, R_IN) > 0) return style.rim;
  if (capsule(x, y) <= 0) return style.rim;
  if (d <= 0) return style.mark && Math.abs(y - CY) <= BAND ? style.mark : style.glass;
  return null;
}

/** RGBA pixels, row by row, 4×4 samples per pixel averaged with premultiplied alpha. */
export function drawIcon(size: number, style: IconStyle): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, style);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return out;
}

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
