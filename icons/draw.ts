/**
 * The toolbar icon, drawn in code (no binary assets to download or review): a blue rounded square
 * with three lines of "text", the middle one traced back to an amber source dot.
 * renderIcon(size) returns RGBA pixels; scripts/build/png.ts encodes them.
 */
type RGBA = [number, number, number, number];

const BLUE: RGBA = [11, 92, 173, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const AMBER: RGBA = [242, 169, 0, 255];

function roundRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The colour at a point of the unit square (0..1), or undefined for transparent. */
function shade(x: number, y: number): RGBA | undefined {
  if (!roundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)) return undefined;
  // the source dot and the trace leading to it
  if ((x - 0.76) ** 2 + (y - 0.5) ** 2 <= 0.11 ** 2) return AMBER;
  if (roundRect(x, y, 0.5, 0.455, 0.72, 0.545, 0.045)) return AMBER;
  // three lines of text
  if (roundRect(x, y, 0.16, 0.22, 0.84, 0.32, 0.05)) return WHITE;
  if (roundRect(x, y, 0.16, 0.45, 0.5, 0.55, 0.05)) return WHITE;
  if (roundRect(x, y, 0.16, 0.68, 0.84, 0.78, 0.05)) return WHITE;
  return BLUE;
}

export function renderIcon(size: number, samples = 4): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxX = 0; pxX < size; pxX++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((pxX + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 255;
        }
      }
      const n = samples * samples;
      const i = (py * size + pxX) * 4;
      const cover = a / 255;
      px[i] = cover ? Math.round(r / cover) : 0;
      px[i + 1] = cover ? Math.round(g / cover) : 0;
      px[i + 2] = cover ? Math.round(b / cover) : 0;
      px[i + 3] = Math.round(a / n);
    }
  }
  return px;
}

export const ICON_SIZES = [16, 32, 48, 128] as const;
