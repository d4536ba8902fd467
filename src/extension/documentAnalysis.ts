import * as vscode from 'vscode';
import type { LintResult } from '../lint/index';
import type { Config } from './config';
import { Disposable } from './dispose';
import { isAnalysedScheme, isLossLanguage, lintFileName, MAX_ANALYSED_LENGTH } from './languages';
import type { Log } from './log';
import { LintWorker } from './lintWorker';
import type { LazyModules } from './modules';
import { cellContext, laterCells } from './notebookCells';
import { ANALYSIS_SETTINGS } from './settings';
import { Throttle } from './throttle';

export interface AnalyzedDocument {
  readonly document: vscode.TextDocument;
  readonly result: LintResult;
}

const NOTHING: LintResult = { sites: [], diagnostics: [] };

/**
 * The lint result of each open TS/JS/Python document and notebook code cell (read after the cells before it),
 * cached by document version (a cell's result is dropped when an earlier cell changes): diagnostics, CodeLenses,
 * hovers, code actions and previews all read it instead of re-parsing. Documents are analysed in the
 * background after each edit (the first at once, then throttled) while someone wants them; a result
 * computed for a version that is no longer current is dropped.
 */
export class DocumentAnalyses extends Disposable {
  private readonly results = new Map<string, { version: number; result: LintResult }>();
  private readonly running = new Map<string, { version: number; promise: Promise<LintResult | undefined> }>();
  private readonly watched = new Map<string, number>();
  private readonly throttle: Throttle<string>;
  private readonly worker: LintWorker;
  private readonly analyzed = this.register(new vscode.EventEmitter<AnalyzedDocument>());
  private readonly forgotten = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** A document got a new result. */
  readonly onDidAnalyze = this.analyzed.event;
  /** A document was closed and its result dropped. */
  readonly onDidForget = this.forgotten.event;

  constructor(
    modules: LazyModules,
    private readonly config: Config,
    private readonly log: Log,
  ) {
    super();
    this.throttle = this.register(new Throttle(() => this.config.settings.lint.debounceMs));
    this.worker = this.register(new LintWorker(modules.bundlePath('lint.cjs'), log));
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.schedule(e.document);
        for (const later of laterCells(e.document)) {
          this.results.delete(later.uri.toString());
          this.schedule(later);
        }
      }),
    );
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    this.register(
      config.onDidChange((change) => {
        if (ANALYSIS_SETTINGS.some((key) => change.affects(key))) this.results.clear();
        this.scheduleAll();
      }),
    );
    this.scheduleAll();
  }

  /** Whether Loss Lens reads this document at all. */
  isCandidate(document: vscode.TextDocument): boolean {
    return isLossLanguage(document.languageId) && isAnalysedScheme(document.uri.scheme) && !document.isClosed;
  }

  /** The result for the document as it is now: from the cache when its version was analysed, else computed. */
  async get(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<LintResult | undefined> {
    if (!this.isCandidate(document)) return undefined;
    const key = document.uri.toString();
    const version = document.version;
    const cached = this.results.get(key);
    if (cached?.version === version) return cached.result;
    let run = this.running.get(key);
    if (run?.version !== version) {
      const promise = this.analyze(document, version).finally(() => {
        if (this.running.get(key)?.promise === promise) this.running.delete(key);
      });
      run = { version, promise };
      this.running.set(key, run);
    }
    const result = await run.promise;
    return token?.isCancellationRequested || document.version !== version ? undefined : result;
  }

  /** The last result computed for the document, whatever version it was for. */
  latest(uri: vscode.Uri): { version: number; result: LintResult } | undefined {
    return this.results.get(uri.toString());
  }

  /** Keeps the document analysed after each edit while the returned disposable lives (an open preview). */
  watch(uri: vscode.Uri): vscode.Disposable {
    const key = uri.toString();
    this.watched.set(key, (this.watched.get(key) ?? 0) + 1);
    return new vscode.Disposable(() => {
      const count = (this.watched.get(key) ?? 1) - 1;
      if (count > 0) this.watched.set(key, count);
      else this.watched.delete(key);
    });
  }

  private wanted(document: vscode.TextDocument): boolean {
    const { lint, codeLens } = this.config.settings;
    return this.isCandidate(document) && (lint.enable || codeLens.enable || this.watched.has(document.uri.toString()));
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.wanted(document)) return;
    this.throttle.trigger(document.uri.toString(), () => void this.get(document));
  }

  private scheduleAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.throttle.cancel(key);
    this.running.delete(key);
    this.results.delete(key);
    this.forgotten.fire(uri);
  }

  private async analyze(document: vscode.TextDocument, version: number): Promise<LintResult | undefined> {
    const current = () => !document.isClosed && document.version === version && !this.isDisposed;
    try {
      await Promise.resolve();
      if (!current()) return undefined;
      const text = document.getText();
      const { fix, defaultActivation, lint: lintSettings } = this.config.settings;
      const started = performance.now();
      const options = { epsilon: fix.epsilon, defaultActivation, budgetMs: lintSettings.budgetMs };
      const cell = cellContext(document);
      const result =
        text.length > MAX_ANALYSED_LENGTH
          ? NOTHING
          : cell
            ? await this.worker.lintCell(cell.cells, document.fileName, options)
            : await this.worker.lint(text, lintFileName(document.fileName, document.languageId), options);
      if (!current()) return undefined;
      const ms = performance.now() - started;
      if (ms > 500) this.log.info(`analysing ${document.uri.toString(true)} took ${Math.round(ms)} ms`);
      if (result.internalError) this.log.error(`the lint failed on ${document.uri.toString(true)}`, result.internalError);
      this.results.set(document.uri.toString(), { version, result });
      this.analyzed.fire({ document, result });
      return result;
    } catch (err) {
      this.log.error(`analysing ${document.uri.toString(true)}`, err);
      return undefined;
    }
  }
}
