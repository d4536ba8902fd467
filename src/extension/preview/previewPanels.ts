/**
 * The preview panels, as VS Code's Markdown preview keeps them: one preview that follows the active loss
 * (the cursor moving into another loss of the active editor, "Loss: Preview" on another loss, an expression)
 * instead of a new tab each time, and any number of locked previews ("Loss: Toggle Preview Lock") that stay
 * on their loss. Restored after a reload from the state each page saved.
 */
import * as vscode from 'vscode';
import type { LintResult, LossSite } from '../../lint/index';
import type { PreviewState, PreviewView } from '../../../webview/src/protocol';
import { Disposable, restoredState, siteAtSelection, siteTitle, stateForExpression } from '../../service';
import { PREVIEW_VIEW_TYPE } from '../commands';
import { LossPreview, type PreviewContext } from './lossPreview';
import { webviewOptions } from './webviewContent';

const UNRESTORABLE_HTML = [
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
  '</head><body><p>This Loss Lens preview could not be restored. Open it again with “Loss: Preview”.</p></body></html>',
].join('');

export class PreviewPanels extends Disposable implements vscode.WebviewPanelSerializer<unknown> {
  private readonly previews = new Set<LossPreview>();
  /** The preview that follows the active loss; the others are locked. */
  private dynamic?: LossPreview;

  constructor(private readonly context: PreviewContext) {
    super();
    this.register({ dispose: () => [...this.previews].forEach((p) => p.dispose()) });
    this.register(vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this));
    this.register(vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.followCursor(editor)));
    this.register(context.service.onDidAnalyze(({ document }) => this.followCursorIn(document.textDocument)));
  }

  /** Shows a site of a document (on `view` when given: the logit view): in a locked preview of it when there is one, else in the following preview. */
  showSite(document: vscode.TextDocument, site: LossSite, result: LintResult, view?: PreviewView): void {
    const locked = this.lockedShowing({ uri: document.uri, siteId: site.id });
    if (locked) {
      locked.reveal();
      return;
    }
    const existing = this.dynamic;
    const preview = existing ?? this.openDynamic({ expression: site.analysis?.source ?? site.expression ?? '', options: {}, title: siteTitle(site) });
    preview.follow(document, site, result, view);
    if (existing) existing.reveal();
  }

  /**
   * Shows an expression (on `view` when given; `assumptions` are what reading it from LaTeX assumed): in a locked
   * preview of it when there is one, else in the following preview.
   */
  showExpression(expression: string, view?: PreviewView, assumptions: readonly string[] = []): void {
    const locked = this.lockedShowing({ expression });
    if (locked) {
      locked.reveal();
      return;
    }
    const { defaultActivation, preview } = this.context.config.settings;
    const state = stateForExpression(expression, { activation: defaultActivation, samples: preview.samples, view });
    if (assumptions.length) state.note = `Read from LaTeX as ${expression}; assumed: ${assumptions.join('; ')}.`;
    const existing = this.dynamic;
    const target = existing ?? this.openDynamic(state);
    target.showExpression(state);
    if (existing) existing.reveal();
  }

  /** Locks the active preview on its loss, or unlocks it (it then follows the active loss, replacing the one that did). */
  toggleLock(): void {
    const active = [...this.previews].find((p) => p.panel.active) ?? this.dynamic;
    if (!active) {
      void vscode.window.showInformationMessage('Loss Lens: there is no preview to lock. Open one with “Loss: Preview”.');
      return;
    }
    if (active === this.dynamic) {
      this.dynamic = undefined;
      active.setLocked(true);
      return;
    }
    const previous = this.dynamic;
    active.setLocked(false);
    this.dynamic = active;
    previous?.dispose();
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
    if (this.dynamic) preview.setLocked(true);
    else this.dynamic = preview;
    preview.show(state);
    await this.context.log.guard('restoring a preview', () => preview.reattach());
  }

  /** The cursor moved: the following preview moves to the loss it is in, if that is another loss. */
  private followCursor(editor: vscode.TextEditor): void {
    const preview = this.dynamic;
    if (!preview || !this.context.service.isCandidate(editor.document)) return;
    const latest = this.context.service.latest(editor.document.uri);
    if (!latest || latest.version !== editor.document.version) return;
    const offset = editor.document.offsetAt(editor.selection.active);
    const site = siteAtSelection(latest.result.sites, offset, offset);
    if (site && !preview.shows({ uri: editor.document.uri, siteId: site.id })) preview.follow(editor.document, site, latest.result);
  }

  private followCursorIn(document: vscode.TextDocument): void {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === document) this.followCursor(editor);
  }

  private lockedShowing(target: { uri: vscode.Uri; siteId: number } | { expression: string }): LossPreview | undefined {
    return [...this.previews].find((p) => p !== this.dynamic && p.shows(target));
  }

  private openDynamic(state: PreviewState): LossPreview {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      `Loss: ${state.title}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.context.extensionUri),
    );
    this.dynamic = this.adopt(panel, state);
    return this.dynamic;
  }

  private adopt(panel: vscode.WebviewPanel, state: PreviewState): LossPreview {
    const preview = new LossPreview(panel, state, this.context);
    this.previews.add(preview);
    preview.onDidClose(() => {
      this.previews.delete(preview);
      if (this.dynamic === preview) this.dynamic = undefined;
    });
    return preview;
  }
}
