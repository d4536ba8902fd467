import type { Analysis } from '../core/analyze';
import type { DiagnosticCode, Severity } from '../core/diagnostics';
import type { Core, Render } from './engines';
import { effectiveSeverity, explanationUrl, type ShownSeverity } from './severity';
import type { SeverityOverrides } from './settings';
import { siteTitle, type LabelledSite } from './siteLabels';
import { plotColors, type HoverTheme } from './theme';

/** The Markdown of a loss site's hover. Pure: the core and the renderer are passed in. */

export interface HoverDiagnostic {
  code: string;
  severity: ShownSeverity;
  message: string;
}

export interface SiteHoverInput {
  site: LabelledSite & { analysis?: Analysis; unreadable?: string };
  /**
   * The lint's diagnostics of the site, with the severity they are shown with. Those of codes the analysis
   * reports itself (its hazards and kinks, listed by the hover builder) are not repeated; the others
   * (activation-mismatch, unknown-loss) are listed after them.
   */
  diagnostics: readonly HoverDiagnostic[];
  overrides: SeverityOverrides;
  theme: HoverTheme;
  /** A `command:` URI that opens the preview (VS Code); hosts without one leave the link out. */
  previewCommandUri?: string;
  core: Pick<Core, 'plotData'>;
  render: Pick<Render, 'buildHoverMarkdown' | 'renderPlotSvg'>;
  maxChars?: number;
}

/** VS Code shows a hover of more than about 100,000 characters as raw text. */
export const HOVER_MAX_CHARS = 90_000;
const PLOT_SIZE = { width: 320, height: 120 };
const PLOT_SAMPLES = 160;
const ICON: Record<ShownSeverity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️', hint: 'ℹ️' };

export function siteHoverMarkdown(input: SiteHoverInput): string {
  const { site } = input;
  const link = input.previewCommandUri ? `[Open Loss Preview](${input.previewCommandUri})` : '';
  const budget = (input.maxChars ?? HOVER_MAX_CHARS) - link.length - 4;
  if (!site.analysis) {
    const reason = site.unreadable ? `\n\n${escapeText(site.unreadable)}` : '';
    return [`**${escapeText(siteTitle(site))}**${reason}`, diagnosticList(input.diagnostics), link].filter(Boolean).join('\n\n');
  }
  const analysis = withShownSeverities(site.analysis, input.overrides);
  const analysed = new Set(site.analysis.diagnostics.map((d) => d.code));
  const extra = diagnosticList(input.diagnostics.filter((d) => !analysed.has(d.code as DiagnosticCode)));
  const plot = input.core.plotData(analysis, { count: PLOT_SAMPLES });
  const plotSvg = input.render.renderPlotSvg({
    series: plot.series,
    kinks: plot.kinks,
    zones: plot.zones,
    range: plot.range,
    ...PLOT_SIZE,
    colors: plotColors(input.theme),
    compact: true,
    id: 'll-hover-plot',
  });
  const { markdown } = input.render.buildHoverMarkdown({
    analysis,
    title: siteTitle(site),
    theme: input.theme,
    plotSvg,
    maxChars: budget - extra.length,
  });
  return [markdown, extra, link].filter(Boolean).join('\n\n');
}

/** The analysis with each diagnostic at the severity the settings give it; codes turned off are left out. */
export function withShownSeverities(analysis: Analysis, overrides: SeverityOverrides): Analysis {
  const diagnostics = analysis.diagnostics.flatMap((d) => {
    const shown = effectiveSeverity(d.code, d.severity, overrides);
    if (!shown) return [];
    const severity: Severity = shown === 'hint' ? 'info' : shown;
    return [{ ...d, severity }];
  });
  return { ...analysis, diagnostics };
}

function diagnosticList(diagnostics: readonly HoverDiagnostic[]): string {
  return diagnostics.map((d) => `- ${ICON[d.severity]} [\`${d.code}\`](${explanationUrl(d.code)}) ${escapeText(d.message)}`).join('\n');
}

/** Escapes Markdown punctuation, `$` (theme icons) and angle brackets (HTML) in running text. */
export function escapeText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, '\\$&');
}
