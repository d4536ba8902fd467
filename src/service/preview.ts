/**
 * What a preview of a loss in a document needs: the site a cursor or selection designates, and the page's
 * state for it. A compile site with a loss name the framework throws on is previewed as that finding: the
 * name, the one it means, and the preview of that loss (the lint's own rename fix, applied in memory).
 */
import type { LintDiagnostic, LintResult, LossSite } from '../lint/index';
import type { PreviewState } from '../../webview/src/protocol';
import type { ServiceDocument } from './document';
import { fixAllChoice } from './codeActions';
import { applyOffsetEdits, orderedEdits } from './fixEdits';
import { stateForSite } from './previewState';
import type { Settings } from './settings';
import { followSite, siteAtSelection, trackSite } from './siteTracking';

export interface SitePreview {
  site: LossSite;
  state: PreviewState;
  /** The diagnostics the page lists, in its order (its fix buttons name them by index). */
  listed: LintDiagnostic[];
}

export interface SitePreviewInput {
  document: ServiceDocument;
  site: LossSite;
  result: LintResult;
  settings: Settings;
  /** How the page names the place, e.g. "model.ts:12". */
  label(line: number): string;
  /** Lints the document's text with a fix applied, to find the loss an unknown name means. */
  lintText(text: string): Promise<LintResult>;
  previous?: PreviewState;
}

/** The site a cursor (start = end) or a selection designates, if any. */
export function previewedSite(result: LintResult, start: number, end: number): LossSite | undefined {
  return siteAtSelection(result.sites, start, end);
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export async function sitePreview(input: SitePreviewInput): Promise<SitePreview> {
  const { site, result, document } = input;
  const text = document.getText();
  const line = lineOf(text, site.anchorStart);
  const meant = site.expression ? undefined : await meantLoss(site, result, text, input.lintText);
  const { state, listed } = stateForSite({
    site: meant ? { ...meant.site, id: site.id, kind: site.kind, name: site.name, lossName: site.lossName } : site,
    diagnostics: result.diagnostics,
    uri: document.uri,
    line,
    label: input.label(line),
    samples: input.settings.preview.samples,
    severity: input.settings.severity,
    previous: input.previous,
  });
  if (meant) state.note = meant.note;
  return { site, state, listed };
}

/** For a site without a loss (an unknown name), the site the lint's rename fix turns it into, and a note saying so. */
async function meantLoss(site: LossSite, result: LintResult, text: string, lintText: (text: string) => Promise<LintResult>): Promise<{ site: LossSite; note: string } | undefined> {
  const finding = result.diagnostics.find((d) => d.siteId === site.id && d.code === 'unknown-loss');
  const fix = finding && fixAllChoice(finding);
  const edits = fix && orderedEdits(fix.edits, text.length);
  if (!finding || !fix || !edits) return undefined;
  const fixed = await lintText(applyOffsetEdits(text, edits));
  const renamed = followSite(fixed.sites, trackSite(site));
  if (!renamed?.expression) return undefined;
  const meant = renamed.lossName ?? renamed.name ?? fix.title;
  return { site: renamed, note: `${finding.message} The preview shows ${meant}, the loss it means.` };
}
