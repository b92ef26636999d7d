import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { ACTIVE, drawIcon, INACTIVE } from '../entrypoints/background/lens-icon';
import { encodePng, SIZES } from './make-icons';

/** Alpha and colour of one pixel of a drawn icon. */
function pixel(rgba: Uint8Array, size: number, x: number, y: number): number[] {
  const i = (y * size + x) * 4;
  return [...rgba.subarray(i, i + 4)];
}

/** The raw scanlines of a PNG this script wrote (one IDAT chunk). */
function scanlines(png: Buffer): Buffer {
  const idat = png.indexOf('IDAT');
  return inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
}

describe('icons', () => {
  // Pixels, not bytes: another zlib may compress the same pixels differently.
  test.each(
    SIZES.flatMap((size) => [
      [`${size}.png`, size, ACTIVE] as const,
      [`inactive-${size}.png`, size, INACTIVE] as const,
    ]),
  )(
    'public/icon/%s is what the script draws (regenerate with `npx tsx scripts/make-icons.ts`)',
    (file, size, style) => {
      const committed = readFileSync(`public/icon/${file}`);
      expect(committed.readUInt32BE(16)).toBe(size);
      expect(scanlines(committed).equals(scanlines(encodePng(size, drawIcon(size, style))))).toBe(
        true,
      );
    },
  );

  test('a valid PNG: signature, size and pixels survive a decode', () => {
    const rgba = drawIcon(16, ACTIVE);
    const png = encodePng(16, rgba);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(16);
    const raw = scanlines(png);
    expect(raw.length).toBe(16 * (16 * 4 + 1));
    expect([...raw.subarray(1 + 4 * 4, 1 + 5 * 4)]).toEqual(pixel(rgba, 16, 4, 0));
  });

  test('active and inactive differ in shape, not only colour: only the active lens has the band', () => {
    const size = 48;
    const active = drawIcon(size, ACTIVE);
    const inactive = drawIcon(size, INACTIVE);
    const centre = Math.round(size * 0.41);
    expect(pixel(active, size, centre, centre)).toEqual([0xff, 0xb8, 0x1c, 255]);
    expect(pixel(inactive, size, centre, centre).slice(0, 3)).toEqual([255, 255, 255]);
    // Corners stay transparent on both.
    expect(pixel(active, size, 0, size - 1)[3]).toBe(0);
    expect(pixel(inactive, size, size - 1, 0)[3]).toBe(0);
  });
});
