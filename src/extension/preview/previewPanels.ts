import * as vscode from 'vscode';
import type { LintResult, LossSite } from '../../lint/index';
import type { PreviewState } from '../../../webview/src/protocol';
import { PREVIEW_VIEW_TYPE } from '../commands';
import { Disposable, restoredState, siteTitle, stateForExpression } from '../../service';
import { LossPreview, type PreviewContext } from './lossPreview';
import { webviewOptions } from './webviewContent';

const UNRESTORABLE_HTML = [
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
  '</head><body><p>This Loss Lens preview could not be restored. Open it again with “Loss: Preview”.</p></body></html>',
].join('');

/** The open previews: one per loss, opened beside the editor, found again instead of opened twice. */
export class PreviewPanels extends Disposable implements vscode.WebviewPanelSerializer<unknown> {
  private readonly previews = new Set<LossPreview>();

  constructor(private readonly context: PreviewContext) {
    super();
    this.register({ dispose: () => [...this.previews].forEach((p) => p.dispose()) });
    this.register(vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this));
  }

  /** Opens (or reveals) the preview of a site of a document. */
  showSite(document: vscode.TextDocument, site: LossSite, result: LintResult): void {
    const existing = this.find({ uri: document.uri, siteId: site.id });
    const preview = existing ?? this.open({ expression: site.analysis?.source ?? site.expression ?? '', options: {}, title: siteTitle(site) });
    preview.follow(document, site, result);
    if (existing) existing.reveal();
  }

  /** Opens (or reveals) the preview of an expression. */
  showExpression(expression: string): void {
    const existing = this.find({ expression });
    if (existing) {
      existing.reveal();
      return;
    }
    const { defaultActivation, preview } = this.context.config.settings;
    const state = stateForExpression(expression, { activation: defaultActivation, samples: preview.samples });
    this.open(state).show(state);
  }

  /** Brings back a preview after a reload, from the state the page saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const state = restoredState(saved);
    if (!state) {
      this.context.log.info(`could not restore a preview: the page saved ${saved === undefined ? 'no state' : 'a state that is not a preview state'}`);
      panel.webview.options = webviewOptions(this.context.extensionUri);
      panel.webview.html = UNRESTORABLE_HTML;
      return;
    }
    const preview = this.adopt(panel, state);
    preview.show(state);
    await this.context.log.guard('restoring a preview', () => preview.reattach());
  }

  private find(target: { uri: vscode.Uri; siteId: number } | { expression: string }): LossPreview | undefined {
    return [...this.previews].find((p) => p.shows(target));
  }

  private open(state: PreviewState): LossPreview {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      `Loss: ${state.title}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.context.extensionUri),
    );
    return this.adopt(panel, state);
  }

  private adopt(panel: vscode.WebviewPanel, state: PreviewState): LossPreview {
    const preview = new LossPreview(panel, state, this.context);
    this.previews.add(preview);
    preview.onDidClose(() => this.previews.delete(preview));
    return preview;
  }
}
