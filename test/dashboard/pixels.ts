/** Decoding the dashboard PNG and looking for colours in parts of it (test helper). */
import { PNG } from 'pngjs';
import type { Rect } from '../../src/dashboard/layout';

export interface Image {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Buffer;
}

/** Decodes with pngjs, an independent PNG decoder: a PNG it rejects is not a valid PNG. */
export function decodePng(png: Buffer): Image {
  const decoded = PNG.sync.read(png);
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

const rgb = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];

/**
 * Per channel. Fully covered pixels of a line come out in its exact colour; the tolerance only
 * forgives rounding in blending, and is far below the distance between any two colours the dashboard
 * uses (series/axis text, the closest pair, differ by 26..50 per channel).
 */
export const COLOUR_TOLERANCE = 8;

function matches(image: Image, x: number, y: number, target: [number, number, number]): boolean {
  const i = (y * image.width + x) * 4;
  return (
    Math.abs((image.data[i] as number) - target[0]) <= COLOUR_TOLERANCE &&
    Math.abs((image.data[i + 1] as number) - target[1]) <= COLOUR_TOLERANCE &&
    Math.abs((image.data[i + 2] as number) - target[2]) <= COLOUR_TOLERANCE
  );
}

/** Whole pixels inside `rect` (clamped to the image). */
function* pixelsOf(image: Image, rect: Rect): Generator<[number, number]> {
  const x0 = Math.max(0, Math.ceil(rect.x));
  const y0 = Math.max(0, Math.ceil(rect.y));
  const x1 = Math.min(image.width, Math.floor(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.floor(rect.y + rect.height));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) yield [x, y];
}

/** How many pixels in `rect` have `colour`. */
export function countColour(image: Image, rect: Rect, colour: string): number {
  const target = rgb(colour);
  let n = 0;
  for (const [x, y] of pixelsOf(image, rect)) if (matches(image, x, y, target)) n++;
  return n;
}

/** The pixels in `rect` that have `colour`. */
export function findColour(image: Image, rect: Rect, colour: string): [number, number][] {
  const target = rgb(colour);
  const found: [number, number][] = [];
  for (const [x, y] of pixelsOf(image, rect)) if (matches(image, x, y, target)) found.push([x, y]);
  return found;
}

/** `rect` grown by `by` pixels on every side. */
export function grow(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by };
}

/** The columns x0..x1 of `rect` (all its rows). */
export function columns(rect: Rect, x0: number, x1: number): Rect {
  return { x: x0, y: rect.y, width: x1 - x0, height: rect.height };
}

/** The rows y0..y1 of `rect` (all its columns). */
export function rows(rect: Rect, y0: number, y1: number): Rect {
  return { x: rect.x, y: y0, width: rect.width, height: y1 - y0 };
}
