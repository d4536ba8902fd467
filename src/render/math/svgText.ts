import type { TexSvg } from './texToSvg';

/** Small SVG helpers shared by the formula renderer: colour validation, XML escaping, the error image. */

const COLOR = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\([0-9.,%\s]+\)|[a-z]{3,20})$/i;
const DEFAULT_COLOR = '#000000';

/** The colour if it is one that can go into an attribute as is, else black. */
export function safeColor(color: string | undefined): string {
  return color !== undefined && COLOR.test(color.trim()) ? color.trim() : DEFAULT_COLOR;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** Width of monospace text, per character, in em (the common monospace fonts are 0.6 em wide). */
const MONO_ADVANCE = 0.6;
const ERROR_TEXT_LIMIT = 200;

/** An image of "TeX error: <message>" in a monospace system font, for TeX that did not typeset. */
export function errorSvg(message: string, color: string, emPx: number, paddingPx: number): TexSvg {
  const oneLine = message.replace(/\s+/g, ' ').trim() || 'unknown error';
  const text = `TeX error: ${oneLine.length > ERROR_TEXT_LIMIT ? `${oneLine.slice(0, ERROR_TEXT_LIMIT - 1)}…` : oneLine}`;
  const fontPx = Math.round(emPx * 0.85 * 10) / 10;
  const width = Math.ceil(text.length * fontPx * MONO_ADVANCE + 2 * paddingPx);
  const height = Math.ceil(fontPx * 1.4 + 2 * paddingPx);
  const baseline = Math.round((paddingPx + fontPx * 1.05) * 10) / 10;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}px" height="${height}px" viewBox="0 0 ${width} ${height}">` +
    `<text x="${paddingPx}" y="${baseline}" font-family="monospace" font-size="${fontPx}px" fill="${color}">${escapeXml(text)}</text></svg>`;
  return { svg, width, height, error: oneLine };
}
