import * as vscode from 'vscode';
import type { LintDiagnostic, LintResult, LossSite } from '../../lint/index';
import type { ExtensionToPreview, PreviewState, PreviewView } from '../../../webview/src/protocol';
import type { Config } from '../config';
import { Disposable, followSite, shiftOffset, trackSite, type TrackedSite } from '../../service';
import { serviceDocument } from '../documents';
import type { ExtensionService } from '../languageService';
import type { Log } from '../log';
import type { LazyModules } from '../modules';
import { applySourceFix, copyText, revealRange, saveImage } from './pageActions';
import { parsePageMessage } from './pageMessages';
import { webviewHtml, webviewOptions } from './webviewContent';

export interface PreviewContext {
  extensionUri: vscode.Uri;
  service: ExtensionService;
  modules: LazyModules;
  config: Config;
  log: Log;
}

/**
 * One preview panel. A preview of a loss in a file follows it: each new analysis of the file finds the
 * same site again (tracked through edits) and redraws; the page's buttons act on the file. A preview of
 * a typed expression just shows it.
 */
export class LossPreview extends Disposable {
  private state: PreviewState;
  private source?: { uri: vscode.Uri; tracked: TrackedSite };
  private listed: { version: number; diagnostics: LintDiagnostic[] } = { version: -1, diagnostics: [] };
  private watching?: { uri: string; registration: vscode.Disposable };
  private locked = false;
  /** Counts draws, so that a slow one never overwrites a later one. */
  private drawn = 0;
  /** The state written into the page's HTML; undefined until the page is loaded. */
  private htmlState?: PreviewState;
  private readonly closed = this.register(new vscode.EventEmitter<void>());
  readonly onDidClose = this.closed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    state: PreviewState,
    private readonly context: PreviewContext,
  ) {
    super();
    this.state = state;
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.title = `Loss: ${state.title}`;
    this.register({ dispose: () => this.watching?.registration.dispose() });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((raw) => void context.log.guard('handling a preview message', () => this.onMessage(raw), true)));
    this.register(context.service.onDidAnalyze(({ document, result }) => this.onAnalysis(document.textDocument, result)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)));
    this.register(
      context.config.onDidChange((change) => {
        if (change.affects('preview.samples') || change.affects('severity')) void this.refresh();
      }),
    );
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.closed.fire();
    super.dispose();
    this.panel.dispose();
  }

  /** Whether this preview shows the given site, or the given expression. */
  shows(target: { uri: vscode.Uri; siteId: number } | { expression: string }): boolean {
    if ('expression' in target) return !this.source && this.state.expression === target.expression;
    return this.source?.uri.toString() === target.uri.toString() && this.source.tracked.id === target.siteId;
  }

  /** Shows a typed expression, no longer bound to a file. */
  showExpression(state: PreviewState): void {
    this.source = undefined;
    this.watching?.registration.dispose();
    this.watching = undefined;
    this.show(state);
  }

  /** A locked preview stays on its loss; its title says so. */
  setLocked(locked: boolean): void {
    this.locked = locked;
    this.panel.title = this.title(this.state);
  }

  private title(state: PreviewState): string {
    return `${this.locked ? 'Loss (locked)' : 'Loss'}: ${state.title}`;
  }

  /**
   * Binds the preview to a site of a document and draws it, on the given view when one is asked for. Moving to
   * another loss drops what belonged to the last one (slider values, overlay, descent); the view is kept.
   */
  follow(document: vscode.TextDocument, site: LossSite, result: LintResult, view?: PreviewView): void {
    if (!this.shows({ uri: document.uri, siteId: site.id })) this.state = { ...this.state, values: undefined, overlay: undefined, descent: undefined };
    if (view) this.state = { ...this.state, view };
    this.watch(document.uri);
    this.source = { uri: document.uri, tracked: trackSite(site) };
    this.draw(document, site, result);
  }

  /** Binds a restored preview to its file again: the site with its id on its line, else one on that line. */
  async reattach(): Promise<void> {
    const source = this.state.source;
    if (!source) return;
    const uri = vscode.Uri.parse(source.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const result = await this.context.service.get(document);
    if (!result || this.isDisposed) return;
    const onLine = result.sites.filter((s) => document.positionAt(s.anchorStart).line + 1 === source.line);
    const site = onLine.find((s) => s.id === source.siteId) ?? onLine[0];
    if (site) this.follow(document, site, result);
    else this.post({ type: 'error', message: `“${this.state.title}” is no longer at ${source.label}.` });
  }

  private watch(uri: vscode.Uri): void {
    if (this.watching?.uri === uri.toString()) return;
    this.watching?.registration.dispose();
    this.watching = { uri: uri.toString(), registration: this.context.service.watch(uri) };
  }

  /** Draws a state: the first one into the page's HTML, later ones as messages. */
  show(state: PreviewState): void {
    this.state = state;
    this.panel.title = this.title(state);
    if (this.htmlState) {
      this.post({ type: 'show', state });
      return;
    }
    this.htmlState = state;
    this.panel.webview.html = webviewHtml(this.panel.webview, this.context.extensionUri, this.context.modules, state);
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
  }

  private post(message: ExtensionToPreview): void {
    void this.panel.webview.postMessage(message);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (!this.source || e.document.uri.toString() !== this.source.uri.toString()) return;
    this.source.tracked = { ...this.source.tracked, anchor: shiftOffset(this.source.tracked.anchor, e.contentChanges) };
  }

  private onAnalysis(document: vscode.TextDocument, result: LintResult): void {
    if (!this.source || document.uri.toString() !== this.source.uri.toString()) return;
    const site = followSite(result.sites, this.source.tracked);
    if (!site) {
      this.post({ type: 'error', message: `“${this.state.title}” is no longer in ${vscode.workspace.asRelativePath(document.uri)}.` });
      return;
    }
    this.source.tracked = trackSite(site);
    this.draw(document, site, result);
  }

  private draw(document: vscode.TextDocument, site: LossSite, result: LintResult): void {
    const version = document.version;
    const label = (line: number) => `${vscode.workspace.asRelativePath(document.uri)}:${line}`;
    const drawing = this.context.service.service.previewSite(serviceDocument(document), site, result, label, this.state);
    const generation = ++this.drawn;
    void this.context.log.guard('drawing the preview', async () => {
      const { state, listed } = await drawing;
      if (this.isDisposed || generation !== this.drawn || document.version !== version || this.source?.uri.toString() !== document.uri.toString()) return;
      this.listed = { version, diagnostics: listed };
      this.show(state);
    });
  }

  private async refresh(): Promise<void> {
    if (!this.source) {
      this.show({ ...this.state, samples: this.context.config.settings.preview.samples });
      return;
    }
    const document = await vscode.workspace.openTextDocument(this.source.uri);
    const result = await this.context.service.get(document);
    if (result && !this.isDisposed) this.onAnalysis(document, result);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.context.log.info(`ignored a malformed message from the preview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        if (this.state !== this.htmlState) this.post({ type: 'show', state: this.state });
        return;
      case 'state':
        this.state = this.source
          ? { ...this.state, values: message.state.values, overlay: message.state.overlay, view: message.state.view, descent: message.state.descent }
          : message.state;
        return;
      case 'copy':
        return copyText(message.text, message.what);
      case 'saveImage':
        return saveImage(message.format, message.data, this.state.title, this.source?.uri, this.context.log);
      case 'revealSource':
        return this.revealSource();
      case 'applySourceFix':
        return this.applyFix(message.diagnostic, message.fix);
    }
  }

  private async revealSource(): Promise<void> {
    if (!this.source) return;
    const document = await vscode.workspace.openTextDocument(this.source.uri);
    const result = await this.context.service.get(document);
    const site = result?.sites.find((s) => s.id === this.source?.tracked.id);
    const start = site?.anchorStart ?? this.source.tracked.anchor;
    await revealRange(document, start, site?.anchorEnd ?? start, false);
  }

  private async applyFix(diagnosticIndex: number, fixIndex: number): Promise<void> {
    if (!this.source) return;
    const document = await vscode.workspace.openTextDocument(this.source.uri);
    const applied = await applySourceFix(document, this.listed, diagnosticIndex, fixIndex);
    if (!applied) await this.refresh();
  }
}
