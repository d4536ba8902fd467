/** The Markdown of a loss site's hover. Pure: the core and the renderer are passed in. */
import type { Analysis } from '../core/analyze';
import type { Severity } from '../core/diagnostics';
import type { Core, Render } from './engines';
import { effectiveSeverity, explanationUrl, type ShownSeverity } from './severity';
import type { SeverityOverrides } from './settings';
import { pairingNote, partlyUnreadNote, siteTitle, unreadNote, type LabelledSite } from './siteLabels';
import { plotColors, type HoverTheme } from './theme';


export interface HoverDiagnostic {
  code: string;
  severity: ShownSeverity;
  /** The whole explanation and the fix (the lint's `detail`), else the one-sentence message the Problems panel shows. */
  message: string;
}

export interface SiteHoverInput {
  site: LabelledSite & { analysis?: Analysis; unreadable?: string; partlyUnread?: string; activation?: string | null; units?: number | null };
  /**
   * The lint's diagnostics of the site, with the severity they are shown with: listed most severe first, in
   * the file's language (the fix as `tf.clipByValue(…)`, as in the Problems panel), the first on the first screen.
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
/** Compact, so that the first screen of the hover (about 250 px) holds the formula, the plot and the top finding. */
const PLOT_SIZE = { width: 300, height: 84 };
const PLOT_SAMPLES = 160;
const ICON: Record<ShownSeverity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️', hint: 'ℹ️' };

const RANK: Record<ShownSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function siteHoverMarkdown(input: SiteHoverInput): string {
  const { site } = input;
  const link = input.previewCommandUri ? `[Open Loss Preview](${input.previewCommandUri})` : '';
  const findings = input.diagnostics
    .flatMap((d) => {
      const severity = effectiveSeverity(d.code, d.severity === 'hint' ? 'info' : d.severity, input.overrides);
      return severity ? [{ ...d, severity: input.overrides[d.code] ? severity : d.severity }] : [];
    })
    .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  if (!site.analysis) {
    const reason = site.unreadable ? `\n\n${escapeText(unreadNote(site.unreadable))}` : '';
    return [`**${escapeText(siteTitle(site))}**${reason}`, diagnosticList(findings), link].filter(Boolean).join('\n\n');
  }
  const analysis = withShownSeverities(site.analysis, input.overrides);
  const caveat = caveatOf(site);
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
  return input.render.buildHoverMarkdown({
    analysis,
    title: siteTitle(site),
    theme: input.theme,
    plotSvg,
    ...(caveat ? { caveat } : {}),
    previewCommandUri: input.previewCommandUri,
    findings,
    maxChars: input.maxChars ?? HOVER_MAX_CHARS,
  }).markdown;
}

/** What the hover says beside the formula: a part left unread, a pairing that only looks wrong. */
function caveatOf(site: SiteHoverInput['site']): string | undefined {
  const notes = [site.partlyUnread ? partlyUnreadNote(site.partlyUnread) : undefined, pairingNote(site)].filter((n): n is string => !!n);
  return notes.length ? notes.join(' ') : undefined;
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
