import * as vscode from 'vscode';
import { Command } from './commands';
import type { Config } from './config';
import { Disposable } from './dispose';
import type { DocumentAnalyses } from './documentAnalysis';
import { LANGUAGES } from './languages';
import { effectiveSeverity, type ShownSeverity } from './severity';
import { codeLensTitle } from './siteLabels';

/** "Preview loss" above each loss site, with what the lint found there; opens the preview for that site. */
export class LossCodeLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly config: Config,
  ) {
    super();
    this.register(vscode.languages.registerCodeLensProvider(LANGUAGES.map((language) => ({ language })), this));
    this.register(analyses.onDidAnalyze(() => this.changed.fire()));
    this.register(
      config.onDidChange((change) => {
        if (change.affects('codeLens.enable') || change.affects('severity')) this.changed.fire();
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.config.settings.codeLens.enable) return [];
    const result = await this.analyses.get(document, token);
    if (!result || token.isCancellationRequested) return [];
    const overrides = this.config.settings.severity;
    return result.sites.filter((site) => site.kind !== 'operation').map((site) => {
      const severities = result.diagnostics
        .filter((d) => d.siteId === site.id)
        .map((d) => effectiveSeverity(d.code, d.severity, overrides))
        .filter((s): s is ShownSeverity => s !== undefined);
      const range = new vscode.Range(document.positionAt(site.anchorStart), document.positionAt(site.anchorEnd));
      return new vscode.CodeLens(range, {
        title: codeLensTitle(site, severities),
        tooltip: 'Open the Loss Lens preview beside the editor',
        command: Command.preview,
        arguments: [document.uri, site.anchorStart],
      });
    });
  }
}
