/**
 * The hover on a loss site: the loss and its gradient typeset, a small plot, the warnings and a link to the
 * preview, built by the service from the document's cached analysis for the current colour theme.
 */
import * as vscode from 'vscode';
import { Disposable, themeOfKind, type SiteHover } from '../service';
import { Command } from './commands';
import type { Config } from './config';
import { serviceDocument, toRange } from './documents';
import type { ExtensionService } from './languageService';
import { LANGUAGES } from './manifest';

export class LossHover extends Disposable implements vscode.HoverProvider {
  /** The MarkdownString of each hover the service built (it returns the same object for a cached hover). */
  private readonly shown = new WeakMap<SiteHover, vscode.MarkdownString>();

  constructor(
    private readonly service: ExtensionService,
    private readonly config: Config,
  ) {
    super();
    this.register(vscode.languages.registerHoverProvider(LANGUAGES.map((language) => ({ language })), this));
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.config.settings.hover.enable) return undefined;
    const hover = await this.service.service.hover(
      serviceDocument(document),
      document.offsetAt(position),
      {
        theme: themeOfKind(vscode.window.activeColorTheme.kind),
        previewCommandUri: (site) => `command:${Command.preview}?${encodeURIComponent(JSON.stringify([document.uri.toString(), site.anchorStart]))}`,
      },
      token,
    );
    if (!hover || token.isCancellationRequested) return undefined;
    let markdown = this.shown.get(hover);
    if (!markdown) {
      markdown = new vscode.MarkdownString(hover.markdown);
      markdown.isTrusted = { enabledCommands: [Command.preview] };
      this.shown.set(hover, markdown);
    }
    return new vscode.Hover(markdown, toRange(document, hover.range));
  }
}
