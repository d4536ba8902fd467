import * as vscode from 'vscode';
import { LossCodeActions } from './codeActions';
import { LossCodeLenses } from './codeLens';
import { Config } from './config';
import { LintDiagnostics } from './diagnostics';
import { LossHover } from './hover';
import { ExtensionService } from './languageService';
import { Log } from './log';
import { LazyModules } from './modules';
import { PreviewCommands } from './preview/previewCommands';
import { PreviewPanels } from './preview/previewPanels';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const config = new Config();
  const modules = new LazyModules(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath, log);
  const service = new ExtensionService(modules, config, log);
  const previews = new PreviewPanels({ extensionUri: context.extensionUri, service, modules, config, log });
  context.subscriptions.push(new LintDiagnostics(service, config), new LossCodeActions(service), new LossCodeLenses(service, config));
  context.subscriptions.push(new LossHover(service, config), new PreviewCommands(previews, service, modules, log));
  context.subscriptions.push(previews, service, config, log);
}
