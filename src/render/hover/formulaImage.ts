import { texToSvg, type TexToSvgOptions } from '../math/texToSvg';
import { LruCache } from './lruCache';
import { svgDataUrl } from './markdownText';

/**
 * Typeset formulas as data URLs, cached by TeX and rendering options (colour, size) so that hovering the
 * same loss again, or another loss with the same gradient, does not typeset twice.
 */
export interface FormulaImage {
  dataUrl: string;
  width: number;
  height: number;
  /** Set when the TeX did not typeset; the image then shows the message. */
  error?: string;
}

export const FORMULA_CACHE_CAPACITY = 64;
const cache = new LruCache<string, FormulaImage>(FORMULA_CACHE_CAPACITY);

export function formulaImage(tex: string, options: TexToSvgOptions): FormulaImage {
  const key = JSON.stringify([tex, options.color, options.emPx, options.paddingPx, options.display, options.maxWidthPx]);
  const cached = cache.get(key);
  if (cached) return cached;
  const svg = texToSvg(tex, options);
  const image: FormulaImage = { dataUrl: svgDataUrl(svg.svg), width: svg.width, height: svg.height, ...(svg.error !== undefined ? { error: svg.error } : {}) };
  cache.set(key, image);
  return image;
}

export function clearFormulaImageCache(): void {
  cache.clear();
}

export function formulaImageCacheSize(): number {
  return cache.size;
}
