import * as vscode from 'vscode';
import type { LintDiagnostic, LossSite } from '../lint/index';
import { Command } from './commands';
import type { Config } from './config';
import { Disposable } from './dispose';
import type { DocumentAnalyses } from './documentAnalysis';
import { siteHoverMarkdown, type HoverDiagnostic } from './hoverContent';
import { LANGUAGES } from './languages';
import type { Log } from './log';
import type { LazyModules } from './modules';
import { effectiveSeverity } from './severity';
import { themeOfKind } from './theme';

const CACHED_HOVERS = 16;

/** The site whose anchor (function name, `loss:` property, annotation) holds the offset; the narrowest when several do. */
function siteAnchoredAt(sites: readonly LossSite[], offset: number): LossSite | undefined {
  return sites
    .filter((s) => s.anchorStart <= offset && offset <= s.anchorEnd)
    .reduce<LossSite | undefined>((best, s) => (!best || s.anchorEnd - s.anchorStart < best.anchorEnd - best.anchorStart ? s : best), undefined);
}

/**
 * The hover on a loss site: the loss and its gradient typeset, a small plot, the warnings and a link to
 * the preview. Built from the document's cached analysis and kept per document version, site and theme.
 */
export class LossHover extends Disposable implements vscode.HoverProvider {
  private readonly cache = new Map<string, vscode.MarkdownString>();

  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly modules: LazyModules,
    private readonly config: Config,
    private readonly log: Log,
  ) {
    super();
    this.register(vscode.languages.registerHoverProvider(LANGUAGES.map((language) => ({ language })), this));
    this.register(analyses.onDidForget(() => this.cache.clear()));
    this.register(config.onDidChange(() => this.cache.clear()));
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.config.settings.hover.enable) return undefined;
    const result = await this.analyses.get(document, token);
    if (!result || token.isCancellationRequested) return undefined;
    const site = siteAnchoredAt(result.sites, document.offsetAt(position));
    if (!site) return undefined;
    const theme = themeOfKind(vscode.window.activeColorTheme.kind);
    const key = `${document.uri.toString()}|${document.version}|${site.id}|${theme}`;
    const markdown = this.cache.get(key) ?? (await this.log.guard('building a hover', () => this.build(document, site, result.diagnostics, theme)));
    if (!markdown || token.isCancellationRequested) return undefined;
    this.remember(key, markdown);
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(site.anchorStart), document.positionAt(site.anchorEnd)));
  }

  private build(document: vscode.TextDocument, site: LossSite, diagnostics: readonly LintDiagnostic[], theme: ReturnType<typeof themeOfKind>): vscode.MarkdownString {
    const overrides = this.config.settings.severity;
    const siteDiagnostics: HoverDiagnostic[] = [];
    for (const d of diagnostics) {
      const severity = d.siteId === site.id ? effectiveSeverity(d.code, d.severity, overrides) : undefined;
      if (severity) siteDiagnostics.push({ code: d.code, severity, message: d.detail ?? d.message });
    }
    const args = encodeURIComponent(JSON.stringify([document.uri.toString(), site.anchorStart]));
    const text = siteHoverMarkdown({
      site,
      diagnostics: siteDiagnostics,
      overrides,
      theme,
      previewCommandUri: `command:${Command.preview}?${args}`,
      core: this.modules.core(),
      render: this.modules.render(),
    });
    const markdown = new vscode.MarkdownString(text);
    markdown.isTrusted = { enabledCommands: [Command.preview] };
    return markdown;
  }

  private remember(key: string, markdown: vscode.MarkdownString): void {
    this.cache.delete(key);
    this.cache.set(key, markdown);
    while (this.cache.size > CACHED_HOVERS) this.cache.delete(this.cache.keys().next().value as string);
  }
}
