/**
 * The hover of a piece of a loss (a `tf.log(…)` call, a division) where the pointer rests inside the loss: the
 * piece typeset with the range of values it takes over the prediction's domain, in one formula
 * (log(ŷ) ∈ [−∞, 0] for ŷ ∈ [0, 1]), the findings that sit on it, and the link to the whole loss's preview.
 */
import type { Domain } from '../../core/analysis/domain';
import type { SubexpressionView } from '../../core/analysis/subexpression';
import { symbolLatex } from '../../core/expression/latex';
import { DEFAULT_EM_PX, DEFAULT_MAX_WIDTH_PX } from '../math/texToSvg';
import { formulaImage } from './formulaImage';
import { findingMarkdown, previewLinkMarkdown, type HoverFinding } from './hoverSections';
import { hoverColors, type HoverTheme } from './hoverTheme';
import { codeBlock, escapeMarkdown, markdownImage, truncate } from './markdownText';

export interface SubexpressionHoverInput {
  view: SubexpressionView;
  /** The code of the piece as written, and the title of the loss it belongs to. */
  code: string;
  lossTitle: string;
  theme: HoverTheme;
  findings?: readonly HoverFinding[];
  previewCommandUri?: string;
  maxChars?: number;
}

const MAX_CODE_IN_TITLE = 60;

function endTex(x: number | null, side: 'lo' | 'hi'): string {
  if (x === null) return side === 'lo' ? '-\\infty' : '\\infty';
  return formatNumber(x);
}

function endText(x: number | null, side: 'lo' | 'hi'): string {
  if (x === null) return side === 'lo' ? '−∞' : '∞';
  return formatNumber(x).replace(/^-/, '−');
}

function formatNumber(x: number): string {
  if (Object.is(x, -0) || x === 0) return '0';
  const s = Number(x.toPrecision(4)).toString();
  return s.replace(/e\+?(-?\d+)$/, '·10^$1');
}

function intervalTex(d: Domain): string {
  return `[${endTex(d[0], 'lo')}, ${endTex(d[1], 'hi')}]`;
}

function intervalText(d: Domain): string {
  return `[${endText(d[0], 'lo')}, ${endText(d[1], 'hi')}]`;
}

export function buildSubexpressionHoverMarkdown(input: SubexpressionHoverInput): string {
  const { view } = input;
  const wrtTex = symbolLatex(view.wrt, { prediction: view.wrt });
  const tex = `${view.latex} \\in ${intervalTex(view.range)} \\quad \\text{for } ${wrtTex} \\in ${intervalTex(view.domain)}`;
  const image = formulaImage(tex, { color: hoverColors(input.theme).formula, emPx: DEFAULT_EM_PX, maxWidthPx: DEFAULT_MAX_WIDTH_PX });
  const code = truncate(input.code.replace(/\s+/g, ' ').trim(), MAX_CODE_IN_TITLE);
  const parts = [
    `**\`${code.replace(/`/g, "'")}\`** · part of **${escapeMarkdown(input.lossTitle)}**`,
    image.error ? codeBlock(view.expression) : markdownImage('the piece of the loss and its range', image.dataUrl),
    escapeMarkdown(`Over the prediction's domain ${intervalText(view.domain)} this piece ranges over ${intervalText(view.range)}.`),
  ];
  const findings = (input.findings ?? []).map(findingMarkdown);
  if (findings.length) parts.push(findings.join('\n'));
  const link = previewLinkMarkdown(input.previewCommandUri);
  if (link) parts.push(link);
  const markdown = parts.join('\n\n');
  const max = input.maxChars ?? 90_000;
  return markdown.length <= max ? markdown : truncate([parts[0], codeBlock(view.expression), parts[2]].join('\n\n'), max);
}
