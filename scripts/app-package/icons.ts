// The two Teams app icons, drawn in code so they can be regenerated (`npm run icons`) and checked by tests.
//   color.png   192×192, full colour, fully opaque: a calendar page on the accent colour.
//   outline.png  32×32, white (#FFFFFF) on a transparent background, no other colours or partial alpha.
import { PNG } from 'pngjs';

const COLOR_ICON_SIZE = 192;
const OUTLINE_ICON_SIZE = 32;

/** The manifest's accentColor; also the colour icon's background. */
const ACCENT = '#5B5FC7';

type Rgb = readonly [number, number, number];
/** A shape as a point test in pixel coordinates (pixel (x, y) covers [x, x+1) × [y, y+1)). */
type Shape = (x: number, y: number) => boolean;

function hex(color: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new Error(`not a #rrggbb colour: ${color}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** Rectangle [x0, x1) × [y0, y1) with corners rounded to radius r. */
function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

const both = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && b(x, y);
const below = (yMax: number): Shape => (_x, y) => y < yMax;

/** Full-colour calendar: white page, dark header band, two binding rings, a grid of days with "today" marked. */
export function drawColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  const accent = hex(ACCENT);
  const header = hex('#3D3E8F');
  const white = hex('#FFFFFF');
  const day = hex('#D4D5F2');
  const ring = hex('#E9E9F7');

  const page = roundedRect(36, 46, 156, 162, 16);
  const layers: Array<[Shape, Rgb]> = [
    [page, white],
    [both(page, below(82)), header],
    [roundedRect(62, 30, 76, 62, 7), ring],
    [roundedRect(116, 30, 130, 62, 7), ring],
  ];
  // 4 × 3 days, 18 × 14 px each with 7 / 8 px gaps, centred on the page body.
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 4; col++) {
      const x = 52 + col * 23;
      const y = 96 + row * 21;
      const today = row === 1 && col === 2;
      layers.push([roundedRect(x, y, x + 19, y + 14, 3), today ? accent : day]);
    }
  }

  // 4 × 4 supersampling: edges are blended between opaque colours, so the icon stays fully opaque.
  const samples = 4;
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          let color: Rgb = accent;
          for (const [shape, c] of layers) if (shape(x, y)) color = c;
          for (let i = 0; i < 3; i++) sum[i] += color[i];
        }
      }
      const offset = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) png.data[offset + i] = Math.round(sum[i] / (samples * samples));
      png.data[offset + 3] = 255;
    }
  }
  return png;
}

/** Outline calendar: page border, solid header, two rings, six days. Only opaque white or fully transparent pixels. */
export function drawOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const outer = roundedRect(3, 6, 29, 29, 3);
  const inner = roundedRect(5, 8, 27, 27, 1.5);
  const header = both(outer, below(12));
  const rings = [roundedRect(9, 3, 12, 9, 1), roundedRect(20, 3, 23, 9, 1)];
  const days: Shape[] = [];
  for (const y of [15, 21]) for (const x of [8, 14, 20]) days.push(roundedRect(x, y, x + 4, y + 3, 0));

  const ink: Shape = (x, y) =>
    (outer(x, y) && !inner(x, y)) || header(x, y) || rings.some((s) => s(x, y)) || days.some((s) => s(x, y));

  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const on = ink(px + 0.5, py + 0.5);
      const offset = (py * size + px) * 4;
      png.data[offset] = png.data[offset + 1] = png.data[offset + 2] = 255;
      png.data[offset + 3] = on ? 255 : 0;
    }
  }
  return png;
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

export interface IconInfo {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel (pngjs normalises every PNG colour type to this). */
  data: Buffer;
}

export function decodePng(buffer: Buffer): IconInfo {
  const png = PNG.sync.read(buffer);
  return { width: png.width, height: png.height, data: png.data };
}

/** What Teams requires of each icon; returns the problems (empty = fine). */
export function checkIcon(kind: 'color' | 'outline', buffer: Buffer): string[] {
  let icon: IconInfo;
  try {
    icon = decodePng(buffer);
  } catch (err) {
    return [`${kind} icon is not a readable PNG (${(err as Error).message})`];
  }
  const expected = kind === 'color' ? COLOR_ICON_SIZE : OUTLINE_ICON_SIZE;
  if (icon.width !== expected || icon.height !== expected) {
    return [`${kind} icon must be ${expected}×${expected} pixels (is ${icon.width}×${icon.height})`];
  }
  if (kind === 'color') {
    let notOpaque = 0;
    for (let i = 3; i < icon.data.length; i += 4) if (icon.data[i] !== 255) notOpaque++;
    return notOpaque === 0 ? [] : [`color icon must be fully opaque (${notOpaque} pixels are not)`];
  }
  let transparent = 0;
  let white = 0;
  let other = 0;
  for (let i = 0; i < icon.data.length; i += 4) {
    const [r, g, b, a] = [icon.data[i], icon.data[i + 1], icon.data[i + 2], icon.data[i + 3]];
    if (a === 0) transparent++;
    else if (a === 255 && r === 255 && g === 255 && b === 255) white++;
    else other++;
  }
  const problems: string[] = [];
  if (other > 0) problems.push(`outline icon must be only white (#FFFFFF) or fully transparent (${other} pixels are neither)`);
  if (white === 0) problems.push('outline icon has no white pixels');
  if (transparent === 0) problems.push('outline icon has no transparent background');
  return problems;
}
