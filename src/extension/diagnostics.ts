import * as vscode from 'vscode';
import type { LintDiagnostic, LintResult } from '../lint/index';
import { DIAGNOSTIC_SOURCE } from './commands';
import type { Config } from './config';
import { Disposable } from './dispose';
import type { DocumentAnalyses } from './documentAnalysis';
import { effectiveSeverity, explanationUrl, type ShownSeverity } from './severity';

const SEVERITY: Record<ShownSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The one owner of the "loss-lens" problems: published for each analysed version, removed when a file closes. */
export class LintDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));

  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly config: Config,
  ) {
    super();
    this.register(analyses.onDidAnalyze(({ document, result }) => this.publish(document, result)));
    this.register(analyses.onDidForget((uri) => this.collection.delete(uri)));
    this.register(
      config.onDidChange((change) => {
        if (change.affects('lint.enable') || change.affects('severity')) this.republishAll();
      }),
    );
  }

  private publish(document: vscode.TextDocument, result: LintResult): void {
    if (!this.config.settings.lint.enable) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(document.uri, toDiagnostics(document, result.diagnostics, this.config));
  }

  private republishAll(): void {
    this.collection.clear();
    for (const document of vscode.workspace.textDocuments) {
      const latest = this.analyses.latest(document.uri);
      if (latest?.version === document.version) this.publish(document, latest.result);
    }
  }
}

function toDiagnostics(document: vscode.TextDocument, lint: readonly LintDiagnostic[], config: Config): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const d of lint) {
    const severity = effectiveSeverity(d.code, d.severity, config.settings.severity);
    if (!severity) continue;
    const range = new vscode.Range(document.positionAt(d.start), document.positionAt(d.end));
    const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: d.code, target: vscode.Uri.parse(explanationUrl(d.code)) };
    out.push(diagnostic);
  }
  return out;
}
