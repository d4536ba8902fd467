import { Worker } from 'node:worker_threads';
import type { LintOptions, LintResult } from '../lint/index';
import type { DisposableLike } from './dispose';
import type { Log } from './log';

/** The worker's whole program: load the lint bundle, answer each request in order (files without TF.js or @loss at once). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const lint = require(workerData.lintPath);
parentPort.on('message', ({ id, text, fileName, options }) => {
  try {
    const result = lint.looksLikeMlSource(text, fileName) ? lint.lintText(text, fileName, options) : { sites: [], diagnostics: [] };
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
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<LintResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, fileName, options });
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
