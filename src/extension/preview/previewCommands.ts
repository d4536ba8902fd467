import * as vscode from 'vscode';
import { Command } from '../commands';
import { Disposable, siteAtSelection } from '../../service';
import type { ExtensionService } from '../languageService';
import { isLossLanguage } from '../manifest';
import type { Log } from '../log';
import type { LazyModules } from '../modules';
import { EXAMPLE_EXPRESSION, expressionProblem, readable } from './expressionCheck';
import type { PreviewPanels } from './previewPanels';
import type { PreviewView } from '../../../webview/src/protocol';

const ASK = 'Preview Expression…';

/**
 * The view a command asks for in its options argument: `{ view: 'logit' }` opens the loss against the
 * logit (what the activation-mismatch diagnostics link to).
 */
function viewOf(options: unknown): PreviewView | undefined {
  const view = typeof options === 'object' && options !== null ? (options as { view?: unknown }).view : undefined;
  return view === 'logit' || view === 'prediction' ? view : undefined;
}

/**
 * "Loss: Preview" (palette, editor context menu, CodeLens, hover link) and "Loss: Preview Expression…".
 * Preview takes the loss at the cursor, or the one at `(uri, offset)` when a CodeLens or hover passes them;
 * a selection that is not a loss site is previewed as an expression.
 */
export class PreviewCommands extends Disposable {
  constructor(
    private readonly previews: PreviewPanels,
    private readonly service: ExtensionService,
    private readonly modules: LazyModules,
    private readonly log: Log,
  ) {
    super();
    this.register(
      vscode.commands.registerCommand(Command.preview, (target?: unknown, offset?: unknown, options?: unknown) =>
        this.run('opening the preview', () => this.preview(target, offset, viewOf(options))),
      ),
    );
    this.register(
      vscode.commands.registerCommand(Command.previewExpression, (initial?: unknown, options?: unknown) =>
        this.run('previewing an expression', () => this.previewExpression(typeof initial === 'string' ? initial : undefined, viewOf(options))),
      ),
    );
    this.register(vscode.commands.registerCommand(Command.togglePreviewLock, () => previews.toggleLock()));
    this.register(vscode.commands.registerCommand(Command.showLog, () => log.show()));
  }

  private async run(what: string, work: () => Promise<void>): Promise<void> {
    await this.log.guard(what, work, true);
  }

  private async preview(target: unknown, offset: unknown, view?: PreviewView): Promise<void> {
    const located = await this.locate(target, offset);
    if (!located) {
      this.offerExpression('Loss: Preview needs a TypeScript or JavaScript editor.');
      return;
    }
    const { document, start, end } = located;
    const result = await this.service.get(document);
    if (!result) {
      this.offerExpression(`Loss Lens reads TypeScript and JavaScript files, not ${document.languageId}.`);
      return;
    }
    const site = siteAtSelection(result.sites, start, end);
    if (site) {
      this.previews.showSite(document, site, result, view);
    } else if (start !== end) {
      this.previewSelection(document.getText().slice(start, end));
    } else {
      this.offerExpression('There is no loss at the cursor: put it in a custom loss function, a model.compile() call or a @loss annotation, or select an expression.');
    }
  }

  private async locate(target: unknown, offset: unknown): Promise<{ document: vscode.TextDocument; start: number; end: number } | undefined> {
    const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : undefined;
    const editor = vscode.window.activeTextEditor;
    if (uri && typeof offset === 'number') {
      const document = await vscode.workspace.openTextDocument(uri);
      return { document, start: offset, end: offset };
    }
    if (!editor || (uri && editor.document.uri.toString() !== uri.toString())) {
      return uri ? { document: await vscode.workspace.openTextDocument(uri), start: 0, end: 0 } : undefined;
    }
    if (!isLossLanguage(editor.document.languageId)) return undefined;
    const { selection, document } = editor;
    return { document, start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) };
  }

  /** Previews a selected expression; when it does not parse, says why and offers to edit it (without waiting for the answer). */
  private previewSelection(selected: string): void {
    const expression = selected.trim();
    const problem = expressionProblem(this.modules.core(), expression);
    if (!problem) {
      this.previews.showExpression(expression);
      return;
    }
    const edit = 'Edit as Expression…';
    void vscode.window.showWarningMessage(`The selection is not a loss expression (${problem}).`, edit).then((choice) => {
      if (choice === edit) void this.run('previewing an expression', () => this.previewExpression(expression));
    });
  }

  private async previewExpression(initial: string | undefined, view?: PreviewView): Promise<void> {
    const core = this.modules.core();
    const latex = () => this.modules.latex();
    const expression = await vscode.window.showInputBox({
      title: 'Loss: Preview Expression',
      prompt: 'A loss as you would write it: p·log(p), (ŷ − y)², |p − y|, Σ(…), steps (error = y - p; error^2), or LaTeX from a paper',
      placeHolder: EXAMPLE_EXPRESSION,
      value: initial,
      ignoreFocusOut: true,
      validateInput: (value) => expressionProblem(core, value, latex),
    });
    if (expression === undefined || expression.trim() === '') return;
    const reading = readable(core, expression.trim(), latex);
    this.previews.showExpression(reading.expression, view, reading.assumptions);
  }

  /** Says why nothing can be previewed and offers the expression input, without waiting for the answer. */
  private offerExpression(message: string): void {
    void vscode.window.showInformationMessage(message, ASK).then((choice) => {
      if (choice === ASK) void this.run('previewing an expression', () => this.previewExpression(undefined));
    });
  }
}
