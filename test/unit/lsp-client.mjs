// A minimal Language Server Protocol client for the tests: starts `node dist/cli.js lsp --stdio`, frames
// JSON-RPC messages with Content-Length headers itself (so the tests check the wire format, not a library),
// sends requests and notifications, answers the server's own requests, and waits for notifications.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './support.mjs';

export const CLI = path.join(root, 'dist/cli.js');

export function fileUri(file) {
  return pathToFileURL(file).href;
}

const running = new Set();

/** Ends every server a test left running (a failed assertion before `stop()`), so the test process can exit. */
export function killClients() {
  for (const client of running) client.child.kill();
  running.clear();
}

export class LspClient {
  constructor({ configuration = {} } = {}) {
    this.configuration = configuration;
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    this.serverRequests = [];
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(this);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => (running.delete(this), resolve({ code, signal }))));
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk));
  }

  /** Writes raw bytes (for malformed-message tests). */
  writeRaw(text) {
    this.child.stdin.write(text);
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** The next notification of `method` for which `match(params)` holds (among those already received too). */
  waitFor(method, match = () => true, ms = 20_000) {
    const found = this.notifications.find((n) => n.method === method && match(n.params));
    if (found) return Promise.resolve(found.params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${ms} ms; received: ${JSON.stringify(this.notifications.map((n) => [n.method, n.params?.uri, n.params?.version, n.params?.diagnostics?.length ?? n.params?.message]))}; stderr: ${this.stderr}`)), ms);
      this.waiters.push({ method, match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** Forgets the notifications received so far. */
  clearNotifications() {
    this.notifications = [];
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else pending?.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      this.serverRequests.push(message);
      const result = message.method === 'workspace/configuration' ? message.params.items.map(() => this.configuration) : null;
      this.send({ id: message.id, result });
      return;
    }
    this.notifications.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.method === message.method && waiter.match(message.params)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message.params);
      }
    }
  }

  /**
   * Sends initialize and initialized. The lint's time budget is set to its maximum unless the options say
   * otherwise, so that a loaded machine cannot leave a site unanalysed.
   */
  async initialize(capabilities = {}, initializationOptions = {}) {
    const options = { ...initializationOptions, lint: { budgetMs: 10_000, ...initializationOptions.lint } };
    const result = await this.request('initialize', { processId: process.pid, rootUri: fileUri(root), capabilities, initializationOptions: options });
    this.notify('initialized', {});
    return result;
  }

  open(uri, languageId, text, version = 1) {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Waits for the diagnostics of `uri` at `version`. */
  diagnostics(uri, version = 1) {
    return this.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);
  }

  async stop() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return this.exited;
  }
}
