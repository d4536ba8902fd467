import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from './commands';
import { Disposable } from './dispose';
import type { DocumentAnalyses } from './documentAnalysis';
import { findLintDiagnostic } from './fixEdits';
import { LANGUAGES } from './languages';
import { workspaceEditForFix } from './sourceFixes';

/** Quick fixes for the loss-lens problems: one per fix the lint offers, the one it prefers marked. */
export class LossQuickFixes extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analyses: DocumentAnalyses) {
    super();
    const selector = LANGUAGES.map((language) => ({ language }));
    this.register(vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: LossQuickFixes.providedCodeActionKinds }));
  }

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const shown = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (shown.length === 0) return [];
    const result = await this.analyses.get(document, token);
    if (!result || token.isCancellationRequested) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of shown) {
      const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const lint = findLintDiagnostic(result.diagnostics, {
        code,
        start: document.offsetAt(diagnostic.range.start),
        end: document.offsetAt(diagnostic.range.end),
      });
      for (const fix of lint?.fixes ?? []) {
        const edit = workspaceEditForFix(document, fix);
        if (!edit) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
    }
    return actions;
  }
}
