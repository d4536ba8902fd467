/** The one owner of the "loss-lens" problems: published for each analysed version, removed when a file closes. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, Disposable, type ShownDiagnostic, type ShownSeverity } from '../service';
import type { Config } from './config';
import { openDocuments, toRange } from './documents';
import type { ExtensionService } from './languageService';

const SEVERITY: Record<ShownSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class LintDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));

  constructor(
    private readonly service: ExtensionService,
    private readonly config: Config,
  ) {
    super();
    this.register(service.onDidAnalyze(({ document, result }) => this.publish(document.textDocument, this.service.service.diagnosticsOf(result))));
    this.register(service.onDidForget((uri) => this.collection.delete(vscode.Uri.parse(uri))));
    this.register(
      config.onDidChange((change) => {
        if (change.affects('lint.enable') || change.affects('severity')) this.republishAll();
      }),
    );
  }

  private publish(document: vscode.TextDocument, shown: readonly ShownDiagnostic[]): void {
    if (!this.config.settings.lint.enable) this.collection.delete(document.uri);
    else this.collection.set(document.uri, shown.map((d) => toDiagnostic(document, d)));
  }

  private republishAll(): void {
    this.collection.clear();
    for (const { textDocument } of openDocuments()) {
      const latest = this.service.latest(textDocument.uri);
      if (latest?.version === textDocument.version) this.publish(textDocument, this.service.service.diagnosticsOf(latest.result));
    }
  }
}

function toDiagnostic(document: vscode.TextDocument, d: ShownDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(document, d), d.message, SEVERITY[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: d.code, target: vscode.Uri.parse(d.href) };
  return diagnostic;
}
