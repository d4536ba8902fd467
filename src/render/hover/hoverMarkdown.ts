/**
 * The Markdown of a loss hover. VS Code shows about 250 px of a hover before it scrolls, so the first screen
 * holds what matters most: the heading, the loss typeset, a compact plot, the most severe finding and the
 * preview link; the purpose, the gradient, roles and domain and the other findings follow. VS Code shows a
 * hover of more than about 100,000 characters as raw text, so the result never exceeds `maxChars`: over
 * budget, the plot goes first, then the gradient image, then the loss image becomes its mathjs text; an
 * italic note says so.
 */
import type { Analysis } from '../../core/analyze';
import { symbolLatex } from '../../core/expression/latex';
import { DEFAULT_EM_PX, DEFAULT_MAX_WIDTH_PX } from '../math/texToSvg';
import { formulaImage, type FormulaImage } from './formulaImage';
import { hoverColors, type HoverTheme } from './hoverTheme';
import { codeBlock, escapeMarkdown, markdownImage, svgDataUrl, truncate } from './markdownText';
import { diagnosticMarkdown, findingMarkdown, headingMarkdown, previewLinkMarkdown, purposeMarkdown, rolesMarkdown, type HoverFinding } from './hoverSections';

export type { HoverFinding };

export interface HoverInput {
  analysis: Analysis;
  title?: string;
  theme: HoverTheme;
  /** A small loss/gradient plot as an SVG document (from the plot renderer). */
  plotSvg?: string;
  /** A `command:` URI that opens the Loss Preview. */
  previewCommandUri?: string;
  /**
   * The site's findings as the Problems panel shows them (in the file's language, e.g. `tf.clipByValue(…)`),
   * most severe first. When given they are listed instead of the analysis's own diagnostics (mathjs).
   */
  findings?: readonly HoverFinding[];
  /** A short note on what the analysis could not cover (terms of the loss left out), shown under the formula. */
  caveat?: string;
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

  const all = findingLines(input).length;
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

function findingLines(input: HoverInput): string[] {
  return input.findings ? input.findings.map(findingMarkdown) : input.analysis.diagnostics.map(diagnosticMarkdown);
}

function assemble(input: HoverInput, maxChars: number, loss: FormulaImage, gradient: FormulaImage, plotUrl: string | undefined, c: Content): string {
  const { analysis } = input;
  const expression = truncate(analysis.expression, c.expressionChars);
  const findings = findingLines(input).slice(0, c.warnings);
  const hidden = findingLines(input).length - findings.length;
  const firstScreen: string[] = [headingMarkdown(analysis, input.title)];
  firstScreen.push(c.lossImage && !loss.error ? markdownImage('loss', loss.dataUrl) : codeBlock(expression));
  if (input.caveat) firstScreen.push(`*${escapeMarkdown(input.caveat)}*`);
  if (plotUrl && c.plot) firstScreen.push(markdownImage('loss and gradient plot', plotUrl));
  if (findings.length) firstScreen.push(findings[0]);
  const preview = previewLinkMarkdown(input.previewCommandUri);
  if (preview) firstScreen.push(preview);
  const rest: string[] = [];
  const purpose = purposeMarkdown(analysis);
  if (purpose) rest.push(purpose);
  if (c.gradientImage) {
    rest.push(gradient.error ? `Gradient:\n\n${codeBlock(analysis.derivative)}` : markdownImage('gradient', gradient.dataUrl));
    if (!analysis.simplified) rest.push('*The gradient is shown unsimplified: simplifying it ran out of time.*');
  }
  rest.push(rolesMarkdown(analysis));
  const others = findings.slice(1);
  if (hidden > 0) others.push(`- … and ${hidden} more`);
  if (others.length) rest.push(others.join('\n'));
  const note = noteMarkdown(maxChars, loss, gradient, [
    ...(plotUrl && !c.plot ? ['the plot'] : []),
    ...(!c.gradientImage ? [gradient.error ? 'the gradient' : 'the gradient image'] : []),
    ...(!c.lossImage && !loss.error ? ['the typeset loss (shown as text)'] : []),
  ]);
  if (note) rest.push(note);
  return [...firstScreen, '---', ...rest].join('\n\n');
}

function noteMarkdown(maxChars: number, loss: FormulaImage, gradient: FormulaImage, dropped: string[]): string | undefined {
  const notes: string[] = [];
  if (dropped.length) notes.push(`Left out to keep this hover under ${maxChars.toLocaleString('en-US')} characters: ${dropped.join(', ')}.`);
  if (loss.error) notes.push(`The loss could not be typeset (${loss.error}).`);
  if (gradient.error) notes.push(`The gradient could not be typeset (${gradient.error}).`);
  return notes.length ? `*${escapeMarkdown(notes.join(' '))}*` : undefined;
}
