import { Worker } from 'node:worker_threads';
import type { LintOptions, LintResult } from '../lint/index';
import type { DisposableLike } from './dispose';
import type { Log } from './log';

/**
 * The worker's whole program: load the lint bundle, answer each request in order (files without ML code at once).
 * A notebook cell comes with the code cells before it; the answer keeps what belongs to that cell (sites,
 * diagnostics, and the fixes whose edits stay in it).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const lint = require(workerData.lintPath);
const inCell = (result, cell) => ({
  ...result,
  sites: result.sites.filter((s) => s.cell === cell),
  diagnostics: result.diagnostics
    .filter((d) => d.cell === cell)
    .map((d) => ({ ...d, fixes: d.fixes.filter((f) => f.edits.every((e) => e.cell === undefined || e.cell === cell)) })),
});
parentPort.on('message', ({ id, text, fileName, options, cells, cell }) => {
  try {
    let result;
    if (cells) result = lint.looksLikeMlSource(cells.join(String.fromCharCode(10)), 'cells.py') ? inCell(lint.lintNotebookCells(cells, fileName, options), cell) : { sites: [], diagnostics: [] };
    else result = lint.looksLikeMlSource(text, fileName) ? lint.lintText(text, fileName, options) : { sites: [], diagnostics: [] };
    parentPort.postMessage({ id, result });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.stack) || err) });
  }
});
`;

interface Pending {
  resolve(result: LintResult): void;
  reject(error: Error): void;
}

/**
 * Runs the lint (TypeScript's parser and the analysis core, up to a time budget per file) on a worker
 * thread, so the extension host, which every extension shares, never waits for it. Started on first use,
 * restarted after a crash.
 */
export class LintWorker implements DisposableLike {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly lintPath: string,
    private readonly log: Log,
  ) {}

  lint(text: string, fileName: string, options: LintOptions): Promise<LintResult> {
    return this.request({ text, fileName, options });
  }

  /** The last of `cells` (a notebook's code cells up to it), read after the others. */
  lintCell(cells: string[], fileName: string, options: LintOptions): Promise<LintResult> {
    return this.request({ cells, cell: cells.length - 1, fileName, options });
  }

  private request(message: { text?: string; cells?: string[]; cell?: number; fileName: string; options: LintOptions }): Promise<LintResult> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<LintResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the lint worker was stopped'));
    void worker?.terminate();
  }

  private start(): Worker {
    const started = performance.now();
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { lintPath: this.lintPath } });
    worker.unref();
    worker.once('online', () => this.log.info(`lint worker started in ${Math.round(performance.now() - started)} ms`));
    worker.on('message', (message: { id: number; result?: LintResult; error?: string }) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else if (message.result) pending?.resolve(message.result);
    });
    worker.on('error', (err) => {
      this.log.error('the lint worker failed', err);
      this.failAll(err);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error(`the lint worker exited with code ${code}`));
    });
    return worker;
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }
}
