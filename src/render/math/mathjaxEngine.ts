import { mathjax } from '@mathjax/src/js/mathjax.js';
import { TeX } from '@mathjax/src/js/input/tex.js';
import { SVG } from '@mathjax/src/js/output/svg.js';
import { liteAdaptor, type LiteAdaptor } from '@mathjax/src/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from '@mathjax/src/js/handlers/html.js';
import type { LiteElement } from '@mathjax/src/js/adaptors/lite/Element.js';
import type { MathDocument } from '@mathjax/src/js/core/MathDocument.js';
import type { LiteText } from '@mathjax/src/js/adaptors/lite/Text.js';
import type { LiteDocument } from '@mathjax/src/js/adaptors/lite/Document.js';
import type { CharMap, CharOptions, DelimiterData, DelimiterMap, DynamicFile, DynamicRanges, Font } from '@mathjax/src/js/output/common/FontData.js';
import '@mathjax/src/js/input/tex/base/BaseConfiguration.js';
import '@mathjax/src/js/input/tex/ams/AmsConfiguration.js';
import { MathJaxNewcmFont } from '@mathjax/mathjax-newcm-font/js/svg.js';

/**
 * One MathJax v4 pipeline for Node, built on first use and kept: TeX input (base + ams), SVG output with
 * the New Computer Modern font as paths, the lite DOM adaptor. Everything is imported statically so that
 * `esbuild --bundle` includes it, and nothing is ever loaded at run time. Line breaking is switched on
 * per call, only for formulas too wide without it, because it about doubles the time of a conversion
 * (the output jax reads its displayOverflow option on every conversion).
 *
 * The font keeps rare ranges (double-struck, calligraphic, script, accented Latin, Cyrillic …) in
 * "dynamic" files that MathJax would load on demand; a synchronous conversion would then throw a retry
 * error and leave an unhandled promise rejection behind. So `mathjax.asyncLoad` is made synchronous and
 * answers every such request by declaring the file's characters absent: MathJax then draws those
 * characters as SVG <text> in a system serif font instead of paths.
 */
type TexDocument = MathDocument<LiteElement, LiteText, LiteDocument>;

export interface ConvertOptions {
  display: boolean;
  emPx: number;
  /** Break lines to fit this width in px; without it a formula stays on one line (much faster). */
  lineWidthPx?: number;
}

export interface MathJaxEngine {
  adaptor: LiteAdaptor;
  /** Typesets TeX; returns the <svg> element. Throws on TeX errors. */
  convert(tex: string, options: ConvertOptions): LiteElement;
}

let engine: MathJaxEngine | undefined;

export function mathJaxEngine(): MathJaxEngine {
  engine ??= createEngine();
  return engine;
}

function createEngine(): MathJaxEngine {
  mathjax.asyncIsSynchronous = true;
  mathjax.asyncLoad = declareDynamicFileAbsent;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX({
    packages: ['base', 'ams'],
    formatError: (_jax: unknown, err: Error) => {
      throw err;
    },
  });
  const output = new SVG({ fontData: MathJaxNewcmFont, fontCache: 'local' });
  const document = mathjax.document('', { InputJax: tex, OutputJax: output }) as TexDocument;
  const xHeight = output.font.params.x_height;
  const convert = (source: string, options: ConvertOptions): LiteElement => {
    output.options.displayOverflow = options.lineWidthPx === undefined ? 'overflow' : 'linebreak';
    const container = document.convert(source, {
      display: options.display,
      em: options.emPx,
      ex: options.emPx * xHeight,
      containerWidth: options.lineWidthPx ?? 1_000_000,
    }) as LiteElement;
    return adaptor.firstChild(container) as LiteElement;
  };
  return { adaptor, convert };
}

/** The font class's table of dynamic files, which its typings keep protected. */
function dynamicFiles(): Record<string, DynamicFile> {
  return (MathJaxNewcmFont as unknown as { dynamicFiles: Record<string, DynamicFile> }).dynamicFiles;
}

function declareDynamicFileAbsent(name: string): void {
  const file = name.replace(/^.*\//, '').replace(/\.js$/, '');
  const dynamic = dynamicFiles()[file];
  if (!dynamic) return;
  dynamic.setup = (font: Font) => {
    for (const variant of Object.keys(dynamic.variants)) font.defineChars(variant, absent<CharMap<CharOptions>>(dynamic.variants[variant]));
    font.defineDelimiters(absent<DelimiterMap<DelimiterData>>(dynamic.delimiters));
  };
}

/** Own `undefined` entries: they hide the placeholders, and MathJax treats the characters as missing. */
function absent<T>(ranges: DynamicRanges): T {
  const out: Record<number, undefined> = {};
  for (const r of ranges) {
    if (Array.isArray(r)) for (let n = r[0]; n <= r[1]; n++) out[n] = undefined;
    else out[r] = undefined;
  }
  return out as unknown as T;
}
