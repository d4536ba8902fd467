/** "Preview loss" above each loss site, with what the lint found there; opens the preview for that site. */
import * as vscode from 'vscode';
import { Disposable } from '../service';
import { Command } from './commands';
import type { Config } from './config';
import { serviceDocument, toRange } from './documents';
import type { ExtensionService } from './languageService';
import { LANGUAGES } from './manifest';

export class LossCodeLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly service: ExtensionService,
    config: Config,
  ) {
    super();
    this.register(vscode.languages.registerCodeLensProvider(LANGUAGES.map((language) => ({ language })), this));
    this.register(service.onDidAnalyze(() => this.changed.fire()));
    this.register(
      config.onDidChange((change) => {
        if (change.affects('codeLens.enable') || change.affects('severity')) this.changed.fire();
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const lenses = await this.service.service.codeLenses(serviceDocument(document), true, token);
    return lenses.map(
      (lens) =>
        new vscode.CodeLens(toRange(document, lens), {
          title: lens.title,
          tooltip: 'Open the Loss Lens preview beside the editor',
          command: Command.preview,
          arguments: [document.uri, lens.start],
        }),
    );
  }
}
