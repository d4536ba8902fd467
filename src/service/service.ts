/**
 * The Loss Lens language service: every editor feature over the tiny document interface, with no editor
 * API. The VS Code extension and the language server are thin glue over one instance each, so the two can
 * never drift apart (modelled on vscode-markdown-languageservice's `createLanguageService`).
 */
import type { LintResult, LossSite } from '../lint/index';
import { mentionsSymbol } from '../lint/engine/symbolText';
import type { PreviewState } from '../../webview/src/protocol';
import { DocumentAnalyses, type AnalysisHost } from './analyses';
import { fixAll, fixAllRound, quickFixes, replacementEdit, type QuickFix, type ShownProblem } from './codeActions';
import { siteLenses, type SiteLens } from './codeLenses';
import { shownDiagnostics, type ShownDiagnostic } from './diagnostics';
import { Disposable } from './dispose';
import type { CancellationLike, OffsetRange, ServiceDocument } from './document';
import type { Engines } from './engines';
import type { OffsetEdit } from './fixEdits';
import { siteHoverMarkdown, type HoverDiagnostic } from './hoverContent';
import { effectiveSeverity } from './severity';
import { siteTitle } from './siteLabels';
import { previewedSite, sitePreview, type SitePreview } from './preview';
import type { HoverTheme } from './theme';

export interface ServiceOptions<D extends ServiceDocument> extends AnalysisHost<D> {
  engines: Engines;
}

export interface HoverRequest {
  theme: HoverTheme;
  /** The `command:` URI of the preview link for the site (VS Code), or none. */
  previewCommandUri?(site: LossSite): string | undefined;
}

export interface SiteHover {
  markdown: string;
  /** The site's anchor, as offsets. */
  range: OffsetRange;
  site: LossSite;
}

export interface FixAllEdit {
  /** One edit for the whole change, so one undo restores the file. */
  edit: OffsetEdit;
  rounds: number;
  applied: number;
}

const CACHED_HOVERS = 16;

/** The site whose anchor (function name, `loss:` property, annotation) holds the offset; the narrowest when several do. */
export function siteAnchoredAt(sites: readonly LossSite[], offset: number): LossSite | undefined {
  return sites
    .filter((s) => s.anchorStart <= offset && offset <= s.anchorEnd)
    .reduce<LossSite | undefined>((best, s) => (!best || s.anchorEnd - s.anchorStart < best.anchorEnd - best.anchorStart ? s : best), undefined);
}

/** A compile site whose loss, read by a name, is given its value at the offset (`this.lossFunction = tf.losses.x`). */
export function siteHeldAt(sites: readonly LossSite[], offset: number): LossSite | undefined {
  return sites.find((s) => s.heldAt && s.heldAt.start <= offset && offset <= s.heldAt.end);
}

/** The innermost site whose code contains `offset` (a loss's body, a compile call), for a hover inside a loss. */
export function siteContaining(sites: readonly LossSite[], offset: number): LossSite | undefined {
  return sites
    .filter((s) => s.start <= offset && offset < s.end)
    .reduce<LossSite | undefined>((best, s) => (!best || s.end - s.start < best.end - best.start ? s : best), undefined);
}

/** The smallest piece of the site's loss whose code contains `offset`: what a hover inside the loss shows on its own. */
function pieceAt(site: LossSite, offset: number): NonNullable<LossSite['subexpressions']>[number] | undefined {
  if (!site.analysis || !site.subexpressions) return undefined;
  let best: NonNullable<LossSite['subexpressions']>[number] | undefined;
  for (const p of site.subexpressions) {
    if (p.fileStart > offset || offset >= p.fileEnd) continue;
    if (!best || p.fileEnd - p.fileStart < best.fileEnd - best.fileStart) best = p;
  }
  return best;
}

/**
 * The smallest piece of any site's loss whose code contains `offset`, when that code lies outside the site and uses the
 * prediction (data prepared for the loss is not a piece of it to show).
 */
export function pieceElsewhere(sites: readonly LossSite[], offset: number): { site: LossSite; piece: NonNullable<LossSite['subexpressions']>[number] } | undefined {
  let best: { site: LossSite; piece: NonNullable<LossSite['subexpressions']>[number] } | undefined;
  for (const site of sites) {
    if (!site.analysis || !site.subexpressions || !site.expression || !site.wrt) continue;
    for (const p of site.subexpressions) {
      if (p.fileStart > offset || offset >= p.fileEnd || (best && p.fileEnd - p.fileStart >= best.piece.fileEnd - best.piece.fileStart)) continue;
      if (mentionsSymbol(site.expression.slice(p.start, p.end), site.wrt)) best = { site, piece: p };
    }
  }
  return best;
}

export class LossLensService<D extends ServiceDocument> extends Disposable {
  readonly analyses: DocumentAnalyses<D>;
  /** The last hovers built, by document version, site, theme and link: the same object again on a hit. */
  private readonly hovers = new Map<string, SiteHover>();

  constructor(private readonly options: ServiceOptions<D>) {
    super();
    this.analyses = this.register(new DocumentAnalyses(options));
    this.register(this.analyses.onDidForget(() => this.hovers.clear()));
  }

  /** Settings changed: cached hovers go, and analyses that depend on the settings are redone. */
  settingsChanged(affects: Parameters<DocumentAnalyses<D>['settingsChanged']>[0]): void {
    this.hovers.clear();
    this.analyses.settingsChanged(affects);
  }

  /** The problems to show for a result (the host publishes them with the result's document). */
  diagnosticsOf(result: LintResult): ShownDiagnostic[] {
    return shownDiagnostics(result.diagnostics, this.options.settings());
  }

  async diagnostics(document: D, token?: CancellationLike): Promise<ShownDiagnostic[] | undefined> {
    const result = await this.analyses.get(document, token);
    return result && this.diagnosticsOf(result);
  }

  async codeLenses(document: D, icons: boolean, token?: CancellationLike): Promise<SiteLens[]> {
    const result = await this.analyses.get(document, token);
    return result && !token?.isCancellationRequested ? siteLenses(result, this.options.settings(), icons) : [];
  }

  async quickFixes<P extends ShownProblem>(document: D, problems: readonly P[], token?: CancellationLike): Promise<QuickFix<P>[]> {
    if (problems.length === 0) return [];
    const result = await this.analyses.get(document, token);
    if (!result || token?.isCancellationRequested) return [];
    return quickFixes(result.diagnostics, document.getText().length, problems);
  }

  /** Whether "Fix all" has anything to do in the document now (one round's worth, without applying it). */
  async hasFixes(document: D, token?: CancellationLike): Promise<boolean> {
    const result = await this.analyses.get(document, token);
    return !!result && fixAllRound(result.diagnostics, this.options.settings(), document.getText().length).edits.length > 0;
  }

  /** The edit that fixes every fixable problem of the document, or undefined when there is none (or cancelled). */
  async fixAll(document: D, token?: CancellationLike): Promise<FixAllEdit | undefined> {
    const result = await this.analyses.get(document, token);
    if (!result || token?.isCancellationRequested) return undefined;
    const text = document.getText();
    const outcome = await fixAll(text, result, (t) => this.analyses.lintText(t, document), this.options.settings(), token);
    if (!outcome || token?.isCancellationRequested || this.options.document(document.uri)?.version !== document.version) return undefined;
    const edit = replacementEdit(text, outcome.text);
    return edit && { edit, rounds: outcome.rounds, applied: outcome.applied };
  }

  async hover(document: D, offset: number, request: HoverRequest, token?: CancellationLike): Promise<SiteHover | undefined> {
    const settings = this.options.settings();
    if (!settings.hover.enable) return undefined;
    const result = await this.analyses.get(document, token);
    if (!result || token?.isCancellationRequested) return undefined;
    const ownAnchor = siteAnchoredAt(result.sites, offset);
    // Where a loss the compile reads by a name is given its value: the compile's hover, over that value.
    const held = ownAnchor ? undefined : siteHeldAt(result.sites, offset);
    const anchored = ownAnchor ?? held;
    const contained = anchored ?? siteContaining(result.sites, offset);
    // Outside every site, code a loss reads from elsewhere (a loss computed above the step that minimizes it, a
    // helper's body): that piece of the loss.
    const elsewhere = contained ? undefined : pieceElsewhere(result.sites, offset);
    const site = contained ?? elsewhere?.site;
    if (!site) return undefined;
    const piece = anchored ? undefined : elsewhere?.piece ?? pieceAt(site, offset);
    const previewCommandUri = request.previewCommandUri?.(site);
    const key = `${document.uri}|${document.version}|${site.id}|${piece ? `${piece.fileStart}-${piece.fileEnd}` : ''}|${request.theme}|${previewCommandUri ?? ''}`;
    let hover = this.hovers.get(key);
    if (hover === undefined) {
      const diagnostics: (HoverDiagnostic & { start: number; end: number })[] = [];
      for (const d of result.diagnostics) {
        const severity = d.siteId === site.id ? effectiveSeverity(d.code, d.severity, settings.severity) : undefined;
        if (severity) diagnostics.push({ code: d.code, severity, message: d.detail ?? d.message, start: d.start, end: d.end });
      }
      const { engines } = this.options;
      try {
        const view = piece && site.analysis ? engines.core().subexpressionView(site.analysis, { start: piece.start, end: piece.end }) : undefined;
        if (piece && view) {
          const markdown = engines.render().buildSubexpressionHoverMarkdown({
            view,
            code: document.getText().slice(piece.fileStart, piece.fileEnd),
            lossTitle: siteTitle(site),
            theme: request.theme,
            findings: diagnostics.filter((d) => d.start < piece.fileEnd && piece.fileStart < d.end),
            previewCommandUri,
          });
          hover = { markdown, range: { start: piece.fileStart, end: piece.fileEnd }, site };
        } else {
          const markdown = siteHoverMarkdown({ site, diagnostics, overrides: settings.severity, theme: request.theme, previewCommandUri, core: engines.core(), render: engines.render() });
          const range = held?.heldAt ?? (anchored ? { start: site.anchorStart, end: site.anchorEnd } : { start: site.start, end: site.end });
          hover = { markdown, range: { ...range }, site };
        }
      } catch (err) {
        this.options.log.error('building a hover', err);
        return undefined;
      }
    }
    this.remember(key, hover);
    return hover;
  }

  /**
   * The preview of the loss at a cursor or selection: the site's page state, or the selected text when the
   * selection is not a loss site, or undefined when the document has no loss there (or is not read at all).
   */
  async preview(
    document: D,
    selection: OffsetRange,
    label: (line: number) => string,
    previous?: PreviewState,
    token?: CancellationLike,
  ): Promise<{ preview: SitePreview } | { selection: string } | { none: 'not-read' | 'no-site' } | undefined> {
    const result = await this.analyses.get(document, token);
    if (token?.isCancellationRequested) return undefined;
    if (!result) return { none: 'not-read' };
    const site = previewedSite(result, selection.start, selection.end);
    if (!site) return selection.start !== selection.end ? { selection: document.getText().slice(selection.start, selection.end) } : { none: 'no-site' };
    return { preview: await this.previewSite(document, site, result, label, previous) };
  }

  /** The page state of a given site of a document's result. */
  previewSite(document: D, site: LossSite, result: LintResult, label: (line: number) => string, previous?: PreviewState): Promise<SitePreview> {
    return sitePreview({
      document,
      site,
      result,
      settings: this.options.settings(),
      label,
      lintText: (text) => this.analyses.lintText(text, document),
      previous,
    });
  }

  private remember(key: string, hover: SiteHover): void {
    this.hovers.delete(key);
    this.hovers.set(key, hover);
    while (this.hovers.size > CACHED_HOVERS) this.hovers.delete(this.hovers.keys().next().value as string);
  }
}
