// The fuzzer's connection to the real language server (`node dist/cli.js lsp --stdio`): Content-Length framing
// written here, requests that are answered within a bound or reported unanswered (with the time each kind took),
// the server's own requests answered as a plain client would, its notifications handed to listeners, and what
// tells that the server is unwell: its exit, its stderr, its peak resident memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './corpus.mjs';

export const UNANSWERED = Symbol('unanswered');

export class LspConnection {
  /** `configuration()` is what the client answers to workspace/configuration for the lossLens section. */
  constructor({ cwd, configuration = () => ({}), timeoutMs = 30_000 }) {
    this.timeoutMs = timeoutMs;
    this.configuration = configuration;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    this.times = new Map();
    this.buffer = Buffer.alloc(0);
    this.exit = undefined;
    this.child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const p of this.pending.values()) p.settle({ error: { code: 'exit', message: `the server exited (${code ?? signal})` } });
        resolve(this.exit);
      }),
    );
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk));
  }

  get alive() {
    return this.exit === undefined;
  }

  send(message) {
    if (!this.alive) return;
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /**
   * Sends a request; resolves with `{ result }`, `{ error }` or `{ error: UNANSWERED }` after the bound, never
   * rejects. `kind` names the request in the timings (the method unless told).
   */
  request(method, params, kind = method) {
    const id = this.nextId++;
    const started = performance.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ error: UNANSWERED }), this.timeoutMs);
      const settle = (outcome) => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        const ms = performance.now() - started;
        if (outcome.error !== UNANSWERED) this.timesOf(kind).push(ms);
        resolve({ ...outcome, ms });
      };
      this.pending.set(id, { settle, method });
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** Calls `listener(method, params)` for every notification from now on; returns the function that stops it. */
  listen(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  timesOf(kind) {
    let list = this.times.get(kind);
    if (!list) this.times.set(kind, (list = []));
    return list;
  }

  /** The server's peak resident set (VmHWM) in MB, from /proc; undefined where there is no /proc. */
  peakRssMB() {
    try {
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1]);
      return Number.isFinite(kb) ? kb / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      let message;
      try {
        message = JSON.parse(body);
      } catch {
        this.emit('fuzz/badFrame', { body: body.slice(0, 200) });
        continue;
      }
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.settle(message.error ? { error: message.error } : { result: message.result });
      return;
    }
    if (message.id !== undefined) {
      const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => this.configuration()) : null;
      this.send({ id: message.id, result });
      return;
    }
    this.emit(message.method, message.params);
  }

  emit(method, params) {
    for (const listener of this.listeners) listener(method, params);
  }

  /** Asks the server to shut down and exit; kills it when it does not within the bound. */
  async stop() {
    if (!this.alive) return this.exit;
    await this.request('shutdown', null);
    this.notify('exit', null);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), this.timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}
