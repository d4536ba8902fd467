import * as vscode from 'vscode';
import { LossQuickFixes } from './codeActions';
import { LossCodeLenses } from './codeLens';
import { Config } from './config';
import { LintDiagnostics } from './diagnostics';
import { DocumentAnalyses } from './documentAnalysis';
import { LossHover } from './hover';
import { Log } from './log';
import { LazyModules } from './modules';
import { PreviewCommands } from './preview/previewCommands';
import { PreviewPanels } from './preview/previewPanels';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const config = new Config();
  const modules = new LazyModules(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath, log);
  const analyses = new DocumentAnalyses(modules, config, log);
  const previews = new PreviewPanels({ extensionUri: context.extensionUri, analyses, modules, config, log });
  context.subscriptions.push(new LintDiagnostics(analyses, config), new LossQuickFixes(analyses), new LossCodeLenses(analyses, config));
  context.subscriptions.push(new LossHover(analyses, modules, config, log), new PreviewCommands(previews, analyses, modules, log));
  context.subscriptions.push(previews, analyses, config, log);
}
