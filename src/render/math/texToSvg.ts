import type { LiteElement } from '@mathjax/src/js/adaptors/lite/Element.js';
import type { LiteAdaptor } from '@mathjax/src/js/adaptors/liteAdaptor.js';
import { compactSvgTree } from './compactSvg';
import { mathJaxEngine } from './mathjaxEngine';
import { errorSvg, safeColor } from './svgText';

/**
 * Typesets TeX (as the analysis core emits it) into a standalone SVG whose glyphs are paths, so it shows
 * as an <img> or a Markdown image without any font: sized in px, in one colour, with padding, and broken
 * into lines when wider than `maxWidthPx`. Never throws: TeX that does not typeset gives an SVG that
 * shows the error message, and `error` says so.
 */
export interface TexToSvgOptions {
  /** Colour of the glyphs and rules: #rgb, #rrggbb(aa), rgb()/rgba() or a colour name. Default black. */
  color?: string;
  /**
   * Pixels per em. Default 15: Computer Modern's x-height (0.442 em) then matches that of a 13–14 px
   * system UI font, the size of VS Code's hover text.
   */
  emPx?: number;
  /** Transparent margin on every side, in px. Default 4. */
  paddingPx?: number;
  /** Display style (larger fractions and operators). Default true. */
  display?: boolean;
  /**
   * Lines are broken at operators to keep the image this wide, padding included. Default 480: a VS Code
   * hover's Markdown is at most 500 px wide by default (--vscode-hover-maxWidth), 8 px padding each side.
   */
  maxWidthPx?: number;
}

export interface TexSvg {
  svg: string;
  /** Size of the image in px. */
  width: number;
  height: number;
  /** Set when the TeX did not typeset; `svg` then shows this message as text. */
  error?: string;
}

export const DEFAULT_EM_PX = 15;
export const DEFAULT_MAX_WIDTH_PX = 480;
/** Longer input is not handed to MathJax (the core's longest formulas are a few thousand characters). */
export const MAX_TEX_LENGTH = 20_000;
const UNITS_PER_EM = 1000;

export function texToSvg(tex: string, options: TexToSvgOptions = {}): TexSvg {
  const color = safeColor(options.color);
  const emPx = positive(options.emPx, DEFAULT_EM_PX);
  const paddingPx = Math.max(0, options.paddingPx ?? 4);
  if (tex.length > MAX_TEX_LENGTH) {
    return errorSvg(`formula too long to typeset (${tex.length} characters)`, color, emPx, paddingPx);
  }
  try {
    const { adaptor, convert } = mathJaxEngine();
    const display = options.display ?? true;
    const lineWidthPx = Math.max(emPx * 4, positive(options.maxWidthPx, DEFAULT_MAX_WIDTH_PX) - 2 * paddingPx);
    let svg = convert(tex, { display, emPx });
    if (viewBoxWidthPx(adaptor, svg, emPx) > lineWidthPx) svg = convert(tex, { display, emPx, lineWidthPx });
    return finishSvg(adaptor, svg, color, emPx, paddingPx);
  } catch (err) {
    return errorSvg(errorMessage(err), color, emPx, paddingPx);
  }
}

/** MathJax's TexError is not an Error, but it has a message. */
function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function viewBox(adaptor: LiteAdaptor, svg: LiteElement): number[] {
  const text: string = adaptor.getAttribute(svg, 'viewBox') ?? '';
  const box = text.split(/\s+/).map(Number);
  if (box.length !== 4 || box.some((v) => !Number.isFinite(v))) throw new Error('MathJax returned an SVG without a viewBox');
  return box;
}

function viewBoxWidthPx(adaptor: LiteAdaptor, svg: LiteElement, emPx: number): number {
  return (viewBox(adaptor, svg)[2] / UNITS_PER_EM) * emPx;
}

/** Px sizes and a padded viewBox on the root, no ARIA or style attributes, then the compaction. */
function finishSvg(adaptor: LiteAdaptor, svg: LiteElement, color: string, emPx: number, paddingPx: number): TexSvg {
  const box = viewBox(adaptor, svg);
  const pad = (paddingPx / emPx) * UNITS_PER_EM;
  const [x, y, w, h] = [box[0] - pad, box[1] - pad, box[2] + 2 * pad, box[3] + 2 * pad];
  const width = round((w / UNITS_PER_EM) * emPx);
  const height = round((h / UNITS_PER_EM) * emPx);
  for (const name of ['style', 'role', 'focusable']) adaptor.removeAttribute(svg, name);
  adaptor.setAttribute(svg, 'width', `${width}px`);
  adaptor.setAttribute(svg, 'height', `${height}px`);
  adaptor.setAttribute(svg, 'viewBox', [x, y, w, h].map(round).join(' '));
  compactSvgTree(adaptor, svg, color);
  return { svg: adaptor.serializeXML(svg), width, height };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
