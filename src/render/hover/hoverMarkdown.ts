import type { Analysis } from '../../core/analyze';
import { symbolLatex } from '../../core/expression/latex';
import { DEFAULT_EM_PX, DEFAULT_MAX_WIDTH_PX } from '../math/texToSvg';
import { formulaImage, type FormulaImage } from './formulaImage';
import { hoverColors, type HoverTheme } from './hoverTheme';
import { codeBlock, escapeMarkdown, markdownImage, svgDataUrl, truncate } from './markdownText';
import { diagnosticMarkdown, headingMarkdown, previewLinkMarkdown, purposeMarkdown, rolesMarkdown } from './hoverSections';

/**
 * The Markdown of a loss hover in VS Code: heading, the loss and its gradient typeset as SVG images,
 * the plot, roles and domain, warnings and the preview link. VS Code shows a hover of more than about
 * 100,000 characters as raw text, so the result never exceeds `maxChars`: over budget, the plot goes
 * first, then the gradient image, then the loss image becomes its mathjs text; an italic note says so.
 */
export interface HoverInput {
  analysis: Analysis;
  title?: string;
  theme: HoverTheme;
  /** A small loss/gradient plot as an SVG document (from the plot renderer). */
  plotSvg?: string;
  /** A `command:` URI that opens the Loss Preview. */
  previewCommandUri?: string;
  /** Default 90,000. */
  maxChars?: number;
}

export interface HoverMarkdown {
  markdown: string;
  /** markdown.length */
  size: number;
}

export const DEFAULT_HOVER_MAX_CHARS = 90_000;

interface Content {
  plot: boolean;
  gradientImage: boolean;
  lossImage: boolean;
  warnings: number;
  expressionChars: number;
}

/** L = …, with the named steps as "where p_t = …" on a second line. */
function lossTex(analysis: HoverInput['analysis']): string {
  const steps = analysis.steps ?? [];
  if (steps.length === 0) return `L = ${analysis.latex}`;
  const where = steps.map((s) => `${symbolLatex(s.name, { prediction: analysis.wrt, target: analysis.roles.target })} = ${s.latex}`).join(',\\; ');
  return `\\begin{aligned} L &= ${analysis.latex} \\\\ &\\text{where } ${where} \\end{aligned}`;
}

export function buildHoverMarkdown(input: HoverInput): HoverMarkdown {
  const { analysis } = input;
  const maxChars = Math.max(1, Math.floor(input.maxChars ?? DEFAULT_HOVER_MAX_CHARS));
  const options = { color: hoverColors(input.theme).formula, emPx: DEFAULT_EM_PX, maxWidthPx: DEFAULT_MAX_WIDTH_PX };
  const loss = formulaImage(lossTex(analysis), options);
  const gradient = formulaImage(`\\frac{\\partial L}{\\partial \\hat{y}} = ${analysis.derivativeLatex}`, options);
  const plotUrl = input.plotSvg?.includes('<svg') ? svgDataUrl(input.plotSvg) : undefined;
  const render = (c: Content) => assemble(input, maxChars, loss, gradient, plotUrl, c);

  const all = analysis.diagnostics.length;
  const full = analysis.expression.length;
  const stages: Content[] = [
    { plot: true, gradientImage: true, lossImage: true, warnings: all, expressionChars: full },
    { plot: false, gradientImage: true, lossImage: true, warnings: all, expressionChars: full },
    { plot: false, gradientImage: false, lossImage: true, warnings: all, expressionChars: full },
    { plot: false, gradientImage: false, lossImage: false, warnings: all, expressionChars: full },
  ];
  for (const stage of stages) {
    const markdown = render(stage);
    if (markdown.length <= maxChars) return { markdown, size: markdown.length };
  }
  const last = stages[stages.length - 1];
  for (let warnings = all - 1; warnings >= 0; warnings--) {
    const markdown = render({ ...last, warnings });
    if (markdown.length <= maxChars) return { markdown, size: markdown.length };
  }
  const bare = { ...last, warnings: 0 };
  const spare = maxChars - render({ ...bare, expressionChars: 0 }).length;
  const markdown = truncate(render({ ...bare, expressionChars: Math.max(0, spare) }), maxChars);
  return { markdown, size: markdown.length };
}

function assemble(input: HoverInput, maxChars: number, loss: FormulaImage, gradient: FormulaImage, plotUrl: string | undefined, c: Content): string {
  const { analysis } = input;
  const blocks: string[] = [headingMarkdown(analysis, input.title)];
  const purpose = purposeMarkdown(analysis);
  if (purpose) blocks.push(purpose);
  const expression = truncate(analysis.expression, c.expressionChars);
  blocks.push(c.lossImage && !loss.error ? markdownImage('loss', loss.dataUrl) : codeBlock(expression));
  if (c.gradientImage) {
    blocks.push(gradient.error ? `Gradient:\n\n${codeBlock(analysis.derivative)}` : markdownImage('gradient', gradient.dataUrl));
    if (!analysis.simplified) blocks.push('*The gradient is shown unsimplified: simplifying it ran out of time.*');
  }
  if (plotUrl && c.plot) blocks.push(markdownImage('loss and gradient plot', plotUrl));
  blocks.push(rolesMarkdown(analysis));
  const warnings = analysis.diagnostics.slice(0, c.warnings).map(diagnosticMarkdown);
  const hidden = analysis.diagnostics.length - warnings.length;
  if (hidden > 0) warnings.push(`- … and ${hidden} more`);
  if (warnings.length) blocks.push(warnings.join('\n'));
  const preview = previewLinkMarkdown(input.previewCommandUri);
  if (preview) blocks.push(preview);
  const note = noteMarkdown(maxChars, loss, gradient, [
    ...(plotUrl && !c.plot ? ['the plot'] : []),
    ...(!c.gradientImage ? [gradient.error ? 'the gradient' : 'the gradient image'] : []),
    ...(!c.lossImage && !loss.error ? ['the typeset loss (shown as text)'] : []),
  ]);
  if (note) blocks.push(note);
  return blocks.join('\n\n');
}

function noteMarkdown(maxChars: number, loss: FormulaImage, gradient: FormulaImage, dropped: string[]): string | undefined {
  const notes: string[] = [];
  if (dropped.length) notes.push(`Left out to keep this hover under ${maxChars.toLocaleString('en-US')} characters: ${dropped.join(', ')}.`);
  if (loss.error) notes.push(`The loss could not be typeset (${loss.error}).`);
  if (gradient.error) notes.push(`The gradient could not be typeset (${gradient.error}).`);
  return notes.length ? `*${escapeMarkdown(notes.join(' '))}*` : undefined;
}
