/**
 * The lint result of each open document, cached by document version: diagnostics, CodeLenses, hovers, code
 * actions and previews all read it instead of re-parsing. Documents are analysed in the background after each
 * edit (the first at once, then throttled) while someone wants them; a result computed for a version that is
 * no longer current is dropped, and a caller whose token is cancelled gets nothing. A notebook's code cell is
 * read after the cells above it, so its result is also dropped when one of those changes (or the cells move).
 */
import type { LintOptions, LintResult } from '../lint/index';
import { Disposable, type DisposableLike } from './dispose';
import { documentFileName, filePath, uriScheme, type CancellationLike, type ServiceDocument } from './document';
import { Emitter } from './emitter';
import { isAnalysedScheme, lintFileName, MAX_ANALYSED_LENGTH } from './languages';
import type { Linter, LintRequest, OpenFile } from './lintWorker';
import type { Logger } from './logger';
import { cellFileName, cellResult, cellsAfter, cellsUpTo, notebookCells } from './notebookCells';
import { ANALYSIS_SETTINGS, type SettingKey, type Settings } from './settings';
import { Throttle } from './throttle';

export interface AnalysisHost<D extends ServiceDocument> {
  linter: Linter;
  settings(): Settings;
  /** The open document with this URI as it is now; undefined once it is closed. */
  document(uri: string): D | undefined;
  documents(): Iterable<D>;
  /** The language ids the lint reads (languages.ts `languagesReading`). */
  languages: readonly string[];
  log: Logger;
}

export interface Analyzed<D extends ServiceDocument> {
  readonly document: D;
  readonly result: LintResult;
}

const NOTHING: LintResult = { sites: [], diagnostics: [] };

export class DocumentAnalyses<D extends ServiceDocument> extends Disposable {
  /** Each result with the document version and the context (`contextOf`) it was computed for. */
  private readonly results = new Map<string, { version: number; context: string; result: LintResult }>();
  private readonly running = new Map<string, { version: number; context: string; promise: Promise<LintResult | undefined> }>();
  private readonly watched = new Map<string, number>();
  /** How many callers of `get` (hovers, code actions, lenses) wait for each document's analysis now. */
  private readonly waiting = new Map<string, number>();
  private readonly throttle: Throttle<string>;
  private readonly analyzed = this.register(new Emitter<Analyzed<D>>());
  private readonly forgotten = this.register(new Emitter<string>());
  /** A document got a new result. */
  readonly onDidAnalyze = this.analyzed.event;
  /** A document was closed and its result dropped (the URI). */
  readonly onDidForget = this.forgotten.event;

  constructor(private readonly host: AnalysisHost<D>) {
    super();
    this.throttle = this.register(new Throttle(() => host.settings().lint.debounceMs));
    this.register(host.linter);
  }

  /** Whether Loss Lens reads this document at all. */
  isCandidate(document: ServiceDocument): boolean {
    return this.host.languages.includes(document.languageId) && isAnalysedScheme(uriScheme(document.uri));
  }

  /**
   * The result for the document as it is now: from the cache when this version was analysed (in the same
   * context: for a notebook cell, the same cells above it), else computed.
   */
  async get(document: D, token?: CancellationLike): Promise<LintResult | undefined> {
    const uri = document.uri;
    this.waiting.set(uri, (this.waiting.get(uri) ?? 0) + 1);
    try {
      return await this.obtain(document, token);
    } finally {
      const count = (this.waiting.get(uri) ?? 1) - 1;
      if (count > 0) this.waiting.set(uri, count);
      else this.waiting.delete(uri);
    }
  }

  /** `get` for the background analyses after edits, which nobody waits for (their lint goes after waited-for ones). */
  private async obtain(document: D, token?: CancellationLike): Promise<LintResult | undefined> {
    if (!this.isCandidate(document) || !this.host.document(document.uri)) return undefined;
    const key = document.uri;
    const version = document.version;
    const context = this.contextOf(document);
    const cached = this.results.get(key);
    if (cached?.version === version && cached.context === context) return cached.result;
    let run = this.running.get(key);
    if (run?.version !== version || run.context !== context) {
      const promise = this.analyze(document, version, context).finally(() => {
        if (this.running.get(key)?.promise === promise) this.running.delete(key);
      });
      run = { version, context, promise };
      this.running.set(key, run);
    }
    const result = await run.promise;
    return token?.isCancellationRequested || this.host.document(key)?.version !== version ? undefined : result;
  }

  /** The last result computed for the document, whatever version it was for. */
  latest(uri: string): { version: number; result: LintResult } | undefined {
    return this.results.get(uri);
  }

  /**
   * Lints a text that is not an open document (a fix applied in memory) with the current settings, as the text
   * of `like`: for a notebook cell, after the cells above it, and only what belongs to the cell is kept. A lint
   * that waits for its turn is skipped (an empty result) when `stillWanted` says no by then, and goes before
   * others while `urgent` says yes.
   */
  async lintText(text: string, like: ServiceDocument, queued: Pick<LintRequest, 'stillWanted' | 'urgent'> = {}): Promise<LintResult> {
    const request = { text, options: this.options(), openFiles: this.openFiles(), ...queued };
    const cells = cellsUpTo(like, this.host.documents());
    if (!cells) return this.host.linter.lint({ ...request, fileName: this.lintName(like) });
    const cellsBefore = cells.slice(0, -1).map((c) => c.getText());
    const result = await this.host.linter.lint({ ...request, fileName: cellFileName(like), cellsBefore });
    return cellResult(result, cellsBefore.length);
  }

  /**
   * Loads the lint's parser and warms the analysis up on a small loss, so that the first document a person
   * opens is not the one that pays for it (the first lint of a process takes seconds, the next milliseconds).
   */
  async warmUp(): Promise<void> {
    const text = "import * as tf from '@tensorflow/tfjs';\nexport const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.neg(tf.mul(yTrue, tf.log(yPred)));\n";
    await this.host.linter.lint({ text, fileName: 'warm-up.ts', options: this.options(), openFiles: new Map() });
  }

  /** Keeps the document analysed after each edit while the returned disposable lives (an open preview). */
  watch(uri: string): DisposableLike {
    this.watched.set(uri, (this.watched.get(uri) ?? 0) + 1);
    let done = false;
    return {
      dispose: () => {
        if (done) return;
        done = true;
        const count = (this.watched.get(uri) ?? 1) - 1;
        if (count > 0) this.watched.set(uri, count);
        else this.watched.delete(uri);
      },
    };
  }

  /** Analyses the document soon (at once after a pause, else when typing pauses) when anyone wants it. */
  schedule(document: D): void {
    if (!this.wanted(document)) return;
    const uri = document.uri;
    this.throttle.trigger(uri, () => {
      const current = this.host.document(uri);
      if (current) void this.obtain(current);
    });
  }

  scheduleAll(): void {
    for (const document of this.host.documents()) this.schedule(document);
  }

  /**
   * The document was opened or edited: it is analysed again soon, and so are the notebook cells below it, which read
   * it, and the open files beside it, which may import it or train a model it builds (or it theirs).
   */
  changed(document: D): void {
    this.schedule(document);
    for (const later of cellsAfter(document, this.host.documents())) this.schedule(later);
    for (const near of this.neighbours(document)) this.schedule(near);
  }

  /** A notebook's cells were added, removed or moved: every cell is read again after the cells now above it. */
  notebookChanged(notebookUri: string): void {
    for (const cell of notebookCells(notebookUri, this.host.documents())) this.schedule(cell);
  }

  /** Settings changed: results that depend on them are dropped, and every document is analysed again. */
  settingsChanged(affects: (key: SettingKey) => boolean): void {
    if (ANALYSIS_SETTINGS.some(affects)) this.results.clear();
    this.scheduleAll();
  }

  /** The document was closed: its pending work and result go. */
  forget(uri: string): void {
    this.throttle.cancel(uri);
    this.running.delete(uri);
    this.results.delete(uri);
    this.forgotten.fire(uri);
  }

  /**
   * What a document's result depends on besides its own text: for a notebook cell, the cells above it in order,
   * each at its version (an edit above, or cells added, removed or moved, make a cached result stale); else nothing.
   */
  private contextOf(document: ServiceDocument): string {
    const cells = cellsUpTo(document, this.host.documents());
    if (cells) return cells.slice(0, -1).map((c) => `${c.uri}@${c.version}`).join(' ');
    return this.neighbours(document)
      .map((d) => `${d.uri}@${d.version}`)
      .sort()
      .join(' ');
  }

  /**
   * The other open files the lint of a file may read: those in its folder, the folder above and the folders below
   * (an import of './model' or '../model', a training script beside a model's script). Only open documents: a file
   * on disk changes the result of the next edit, as an import always did.
   */
  private neighbours(document: ServiceDocument): D[] {
    const path = filePath(document.uri);
    if (!path) return [];
    const folder = parentFolder(path);
    return [...this.host.documents()].filter((d) => {
      if (d.uri === document.uri || !this.isCandidate(d)) return false;
      const other = filePath(d.uri);
      if (!other) return false;
      const otherFolder = parentFolder(other);
      return otherFolder === folder || otherFolder === parentFolder(folder) || parentFolder(otherFolder) === folder;
    });
  }

  private wanted(document: D): boolean {
    const { lint, codeLens } = this.host.settings();
    return this.isCandidate(document) && (lint.enable || codeLens.enable || this.watched.has(document.uri));
  }

  private lintName(document: ServiceDocument): string {
    return lintFileName(documentFileName(document), document.languageId);
  }

  private options(): Omit<LintOptions, 'project'> {
    const { fix, defaultActivation, lint, precision } = this.host.settings();
    return { epsilon: fix.epsilon, defaultActivation, budgetMs: lint.budgetMs, precision };
  }

  /** The open documents the lint reads when another file imports them: those on disk, of its languages. */
  private openFiles(): Map<string, OpenFile> {
    const files = new Map<string, OpenFile>();
    for (const document of this.host.documents()) {
      const path = filePath(document.uri);
      if (path && this.isCandidate(document)) files.set(path, { version: document.version, text: document.getText() });
    }
    return files;
  }

  private async analyze(document: D, version: number, context: string): Promise<LintResult | undefined> {
    const uri = document.uri;
    const current = () => !this.isDisposed && this.host.document(uri)?.version === version && this.contextOf(document) === context;
    const queued = { stillWanted: current, urgent: () => this.waiting.has(uri) };
    try {
      await Promise.resolve();
      if (!current()) return undefined;
      const text = document.getText();
      const started = performance.now();
      let result = text.length <= MAX_ANALYSED_LENGTH ? await this.lintText(text, document, queued) : NOTHING;
      if (!current()) return undefined;
      if (result.incomplete && !result.incompleteReason && !result.internalError) {
        // The time budget ran out; the first lint of a process also warms the analysis up, so once more
        // usually finishes. Only once: a file that needs more is finished by the next edit.
        this.host.log.info(`analysing ${uri} ran out of its time budget; trying once more`);
        result = await this.lintText(text, document, queued);
        if (!current()) return undefined;
      }
      const ms = performance.now() - started;
      if (ms > 500) this.host.log.info(`analysing ${uri} took ${Math.round(ms)} ms`);
      if (result.internalError) this.host.log.error(`the lint failed on ${uri}`, result.internalError);
      this.results.set(uri, { version, context, result });
      this.analyzed.fire({ document, result });
      return result;
    } catch (err) {
      this.host.log.error(`analysing ${uri}`, err);
      return undefined;
    }
  }
}

function parentFolder(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : '';
}
