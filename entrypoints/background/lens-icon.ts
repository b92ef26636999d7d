/**
 * The toolbar lens, drawn from shapes (signed-distance functions sampled 4×4 per pixel): the same
 * code writes the PNGs in public/icon/ (scripts/make-icons.ts) and gives the background its
 * per-tab icons as pixels, so switching a tab's icon loads no file (the tests count every request
 * the extension makes). Colour lens with a highlighted band: active; grey empty lens: not active.
 * The two differ in shape as well as colour, for people who cannot tell blue from grey.
 */

export type Rgba = readonly [number, number, number, number];

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

/** Toolbar sizes (1× and 2×); the store and extension-page sizes come from the PNGs. */
export const TOOLBAR_SIZES = [16, 32] as const;

/** The lens as ImageData per toolbar size, for `action.setIcon({ imageData })`. */
export function lensImageData(style: IconStyle): Record<number, ImageData> {
  const out: Record<number, ImageData> = {};
  for (const size of TOOLBAR_SIZES) {
    out[size] = new ImageData(new Uint8ClampedArray(drawIcon(size, style)), size, size);
  }
  return out;
}
