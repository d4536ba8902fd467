/**
 * Quick fixes for the loss-lens problems (one per fix the lint offers, the one it prefers marked) and
 * "Fix all Loss Lens problems" (`source.fixAll.lossLens`: on save with `editor.codeActionsOnSave`, or from the
 * Source Action menu), one WorkspaceEdit so that one undo restores the file. The service computes both.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, Disposable, FIX_ALL_TITLE } from '../service';
import { serviceDocument } from './documents';
import type { ExtensionService } from './languageService';
import { LANGUAGES } from './manifest';
import { workspaceEditFor } from './sourceFixes';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('lossLens');

/** "Fix all", offered cheaply (is there anything to fix?) and computed when chosen (resolveCodeAction). */
class FixAllAction extends vscode.CodeAction {
  constructor(readonly document: vscode.TextDocument) {
    super(FIX_ALL_TITLE, FIX_ALL);
  }
}

export class LossCodeActions extends Disposable implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL];

  constructor(private readonly service: ExtensionService) {
    super();
    const selector = LANGUAGES.map((language) => ({ language }));
    this.register(vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: LossCodeActions.providedCodeActionKinds }));
  }

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const wants = (kind: vscode.CodeActionKind) => !context.only || kind.intersects(context.only);
    const actions = wants(vscode.CodeActionKind.QuickFix) ? await this.quickFixes(document, context, token) : [];
    const shown = context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE);
    if (wants(FIX_ALL) && (shown || context.only) && !token.isCancellationRequested && (await this.service.service.hasFixes(serviceDocument(document), token))) {
      actions.push(new FixAllAction(document));
    }
    return actions;
  }

  async resolveCodeAction(action: vscode.CodeAction, token: vscode.CancellationToken): Promise<vscode.CodeAction> {
    if (action instanceof FixAllAction && !action.edit) action.edit = await this.fixAllEdit(action.document, token);
    return action;
  }

  private async quickFixes(document: vscode.TextDocument, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const problems = context.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE)
      .map((diagnostic) => ({
        diagnostic,
        code: typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code),
        start: document.offsetAt(diagnostic.range.start),
        end: document.offsetAt(diagnostic.range.end),
      }));
    const fixes = await this.service.service.quickFixes(serviceDocument(document), problems, token);
    const actions: vscode.CodeAction[] = [];
    for (const fix of fixes) {
      const edit = workspaceEditFor(document, fix.edits);
      if (!edit) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = edit;
      action.diagnostics = [fix.problem.diagnostic];
      action.isPreferred = fix.preferred;
      actions.push(action);
    }
    return actions;
  }

  private async fixAllEdit(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.WorkspaceEdit | undefined> {
    const version = document.version;
    const fix = await this.service.service.fixAll(serviceDocument(document), token);
    if (!fix || token.isCancellationRequested || document.version !== version) return undefined;
    return workspaceEditFor(document, [fix.edit]);
  }
}
