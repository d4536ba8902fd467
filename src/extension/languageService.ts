/**
 * The service (src/service) as the extension uses it: fed with VS Code's documents, their edits and closes,
 * notebooks' cell moves, and the settings; the lint runs on a worker thread (dist/lint.cjs), the renderer and
 * the core load on first use. Every provider reads results through this one instance.
 */
import * as vscode from 'vscode';
import type { LintResult } from '../lint/index';
import { Disposable, LossLensService, WorkerLinter, type Analyzed } from '../service';
import type { Config } from './config';
import { openDocument, openDocuments, serviceDocument, type VsDocument } from './documents';
import type { Log } from './log';
import { LANGUAGES } from './manifest';
import type { LazyModules } from './modules';

export class ExtensionService extends Disposable {
  readonly service: LossLensService<VsDocument>;
  /** A document got a new result. */
  readonly onDidAnalyze: LossLensService<VsDocument>['analyses']['onDidAnalyze'];
  /** A document was closed (its URI string). */
  readonly onDidForget: LossLensService<VsDocument>['analyses']['onDidForget'];

  constructor(modules: LazyModules, config: Config, log: Log) {
    super();
    this.service = this.register(
      new LossLensService<VsDocument>({
        linter: new WorkerLinter(modules.bundlePath('lint.cjs'), log),
        settings: () => config.settings,
        document: openDocument,
        documents: openDocuments,
        languages: LANGUAGES,
        log,
        engines: modules,
      }),
    );
    const analyses = this.service.analyses;
    this.onDidAnalyze = analyses.onDidAnalyze;
    this.onDidForget = analyses.onDidForget;
    this.register(vscode.workspace.onDidOpenTextDocument((d) => analyses.changed(serviceDocument(d))));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) analyses.changed(serviceDocument(e.document));
      }),
    );
    this.register(
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.contentChanges.length > 0) analyses.notebookChanged(e.notebook.uri.toString());
      }),
    );
    this.register(vscode.workspace.onDidCloseTextDocument((d) => analyses.forget(d.uri.toString())));
    this.register(config.onDidChange((change) => this.service.settingsChanged((key) => change.affects(key))));
    analyses.scheduleAll();
  }

  /** Whether Loss Lens reads this document at all. */
  isCandidate(document: vscode.TextDocument): boolean {
    return !document.isClosed && this.service.analyses.isCandidate(serviceDocument(document));
  }

  /** The result for the document as it is now (cached per version). */
  get(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<LintResult | undefined> {
    return this.service.analyses.get(serviceDocument(document), token);
  }

  latest(uri: vscode.Uri): { version: number; result: LintResult } | undefined {
    return this.service.analyses.latest(uri.toString());
  }

  /** Keeps the document analysed after each edit while the returned disposable lives (an open preview). */
  watch(uri: vscode.Uri): vscode.Disposable {
    const registration = this.service.analyses.watch(uri.toString());
    return new vscode.Disposable(() => registration.dispose());
  }
}

export type { Analyzed, VsDocument };
