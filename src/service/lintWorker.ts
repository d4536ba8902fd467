/**
 * The lint on a worker thread, so that the host (VS Code's extension host, which every extension shares, or
 * the language server's event loop) never waits for TypeScript's parser or the analysis. The worker keeps a
 * mirror of the open documents and reads other files from the disk, so the lint can follow imports. A notebook
 * cell comes with the code cells above it and is linted after them (`lintNotebookCells`).
 */
import { Worker } from 'node:worker_threads';
import type { LintOptions, LintResult } from '../lint/index';
import type { DisposableLike } from './dispose';
import type { Logger } from './logger';

/** The worker's whole program: load the lint bundle, keep the open files, answer each request in order. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');
const lint = require(workerData.lintPath);
const open = new Map();
const listings = new Map();
const project = {
  readFile(path) {
    const file = open.get(path);
    if (file) return file.text;
    // As the CLI: a file larger than any source (a data dump beside the model) is not read.
    try { return statSync(path).size <= 2000000 ? readFileSync(path, 'utf8') : undefined; } catch { return undefined; }
  },
  version(path) {
    const file = open.get(path);
    if (file) return 'open:' + file.version;
    try { const s = statSync(path); return 'disk:' + s.mtimeMs + ':' + s.size; } catch { return undefined; }
  },
  listDirectory(dir) {
    // A folder's listing is kept for a few seconds: what the lint derives from it (which files import which) is then
    // derived once per burst of edits, not on every keystroke.
    const cached = listings.get(dir);
    if (cached && Date.now() - cached.at < 3000) return cached.files;
    let files = [];
    try { files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(dir, e.name)); } catch {}
    for (const path of open.keys()) if (dirname(path) === dir && !files.includes(path)) files.push(path);
    listings.set(dir, { at: Date.now(), files });
    return files;
  },
  listFolders(dir) {
    try { return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name)); } catch { return []; }
  },
};
parentPort.on('message', (message) => {
  if (message.type === 'files') {
    for (const [path, file] of message.set) open.set(path, file);
    for (const path of message.drop) open.delete(path);
    return;
  }
  const { id, text, fileName, options, cellsBefore } = message;
  try {
    // The lint itself skips text without a sign of ML code (one linear scan), so the worker does not scan first.
    const result = cellsBefore
      ? lint.lintNotebookCells([...cellsBefore, text], fileName, { ...options, project })
      : lint.lintText(text, fileName, { ...options, project });
    parentPort.postMessage({ id, result });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.stack) || err) });
  }
});
`;

/** An open document as the lint may read it when another file imports it. */
export interface OpenFile {
  version: number;
  text: string;
}

export interface LintRequest {
  text: string;
  fileName: string;
  options: Omit<LintOptions, 'project'>;
  /** The open documents by file path: the lint reads them instead of the disk. */
  openFiles: ReadonlyMap<string, OpenFile>;
  /**
   * A notebook cell: the texts of the code cells above it. The lint then reads them and `text` as one program,
   * and its result gives every position per cell (`cell`, 0-based among these cells, `text`'s being the last).
   */
  cellsBefore?: readonly string[];
  /**
   * Whether the result is still wanted when the request's turn comes (its document has not moved on). One that
   * is not is answered with an empty result without linting: a notebook edit re-reads every cell below it, and
   * stale re-reads of a large notebook queued behind each other kept its hovers waiting for minutes.
   */
  stillWanted?: () => boolean;
  /** Whether someone waits for the result now (a hover, a code action): such requests go before background ones. */
  urgent?: () => boolean;
}

/** What runs the lint for the service: the worker below, or the lint module itself in tests. */
export interface Linter extends DisposableLike {
  lint(request: LintRequest): Promise<LintResult>;
}

interface Pending {
  resolve(result: LintResult): void;
  reject(error: Error): void;
}

/** What a request no longer wanted is answered with; its caller drops it. */
const SKIPPED: LintResult = { sites: [], diagnostics: [] };

/**
 * Runs the lint bundle at `lintPath` on a worker thread; started on first use, restarted after a crash. Requests
 * wait here and go to the worker one at a time, so one that is no longer wanted is dropped instead of linted and
 * one that someone waits for goes first.
 */
export class WorkerLinter implements Linter {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: { request: LintRequest; pending: Pending }[] = [];
  /** The version of each open file the worker holds. */
  private readonly mirrored = new Map<string, number>();

  constructor(
    private readonly lintPath: string,
    private readonly log: Logger,
  ) {}

  lint(request: LintRequest): Promise<LintResult> {
    return new Promise<LintResult>((resolve, reject) => {
      this.queue.push({ request, pending: { resolve, reject } });
      this.next();
    });
  }

  /** Posts the first queued request that is still wanted (the first urgent one, if any) when the worker is idle. */
  private next(): void {
    while (this.pending.size === 0 && this.queue.length > 0) {
      const urgent = this.queue.findIndex((q) => q.request.urgent?.() === true);
      const [{ request, pending }] = this.queue.splice(Math.max(0, urgent), 1);
      if (request.stillWanted?.() === false) {
        pending.resolve(SKIPPED);
        continue;
      }
      const worker = (this.worker ??= this.start());
      this.syncFiles(worker, request.openFiles);
      const id = this.nextId++;
      this.pending.set(id, pending);
      worker.postMessage({ id, text: request.text, fileName: request.fileName, options: request.options, cellsBefore: request.cellsBefore });
    }
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    const error = new Error('the lint worker was stopped');
    for (const { pending } of this.queue.splice(0)) pending.reject(error);
    this.failAll(error);
    void worker?.terminate();
  }

  private syncFiles(worker: Worker, files: ReadonlyMap<string, OpenFile>): void {
    const set: [string, OpenFile][] = [];
    for (const [path, file] of files) {
      if (this.mirrored.get(path) !== file.version) set.push([path, file]);
    }
    const drop = [...this.mirrored.keys()].filter((path) => !files.has(path));
    if (set.length === 0 && drop.length === 0) return;
    for (const [path, file] of set) this.mirrored.set(path, file.version);
    for (const path of drop) this.mirrored.delete(path);
    worker.postMessage({ type: 'files', set, drop });
  }

  private start(): Worker {
    const started = performance.now();
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { lintPath: this.lintPath } });
    this.mirrored.clear();
    worker.unref();
    worker.once('online', () => this.log.info(`lint worker started in ${Math.round(performance.now() - started)} ms`));
    worker.on('message', (message: { id: number; result?: LintResult; error?: string }) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else if (message.result) pending?.resolve(message.result);
      this.next();
    });
    worker.on('error', (err) => {
      this.log.error('the lint worker failed', err);
      this.failAll(err);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the lint worker exited with code ${code}`));
      this.next();
    });
    return worker;
  }

  /** Fails the request in the worker (it crashed or was stopped). */
  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }
}
