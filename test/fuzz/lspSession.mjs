// One language server for a fuzz run, seen from the client: a temporary workspace folder holding the cases' files,
// the documents open now (text documents and notebook cells, each with the text the client has at every version
// it sent), the diagnostics published for them (checked as they arrive), and what a case found wrong. Opening,
// changing and closing documents go through here so the client's copy of each text follows the server's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { answerViolations, diagnosticsViolations } from './lspChecks.mjs';
import { LspConnection } from './lspConnection.mjs';
import { TextMirror } from './textMirror.mjs';

const SENTINEL = "import * as tf from '@tensorflow/tfjs';\nexport function bce(yTrue, yPred) {\n  return tf.neg(tf.mean(tf.add(tf.mul(yTrue, tf.log(yPred)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, yPred))))));\n}\n";
const LANGUAGE_IDS = { ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact', py: 'python', pyw: 'python', pyi: 'python' };

export function languageIdOf(file) {
  return LANGUAGE_IDS[/\.([A-Za-z]+)$/.exec(file)?.[1].toLowerCase()] ?? 'plaintext';
}

class OpenDocument {
  constructor(uri, languageId, text, candidate, notebook) {
    this.uri = uri;
    this.languageId = languageId;
    this.candidate = candidate;
    this.notebook = notebook;
    this.version = 1;
    this.mirror = new TextMirror(text);
    /** The text at each version sent; null for a version whose text the client cannot know (a malformed change). */
    this.history = new Map([[1, this.mirror]]);
    this.published = new Map();
  }

  setText(version, mirror) {
    this.version = version;
    this.mirror = mirror;
    this.history.set(version, mirror);
  }
}

export class LspFuzzSession {
  /** `lazyFixAll`: the client resolves code actions' edits; `pullsConfiguration`: it answers workspace/configuration. */
  constructor({ timeoutMs = 30_000, lazyFixAll = false, pullsConfiguration = false } = {}) {
    this.timeoutMs = timeoutMs;
    this.lazyFixAll = lazyFixAll;
    this.pullsConfiguration = pullsConfiguration;
    this.documents = new Map();
    /** Closed documents: 'closing' until the server clears their diagnostics, then 'cleared'. */
    this.closed = new Map();
    this.waiters = [];
    this.violations = [];
    this.config = {};
  }

  async start() {
    this.workspace = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-lsp-fuzz-'));
    this.connection = new LspConnection({ cwd: this.workspace, configuration: () => this.config, timeoutMs: this.timeoutMs });
    this.connection.listen((method, params) => this.notified(method, params));
    const capabilities = {
      textDocument: { codeAction: this.lazyFixAll ? { resolveSupport: { properties: ['edit'] } } : {}, publishDiagnostics: { versionSupport: true } },
      workspace: { configuration: this.pullsConfiguration, workspaceFolders: true },
      notebookDocument: { synchronization: {} },
    };
    const root = pathToFileURL(this.workspace).href;
    const init = await this.connection.request('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'fuzz' }], capabilities, initializationOptions: {} });
    if (!('result' in init)) throw new Error(`initialize was not answered: ${JSON.stringify(init.error)}; stderr: ${this.connection.stderr}`);
    this.capabilities = init.result.capabilities;
    this.languages = this.capabilities.experimental?.lossLens?.languages ?? [];
    this.commands = this.capabilities.executeCommandProvider?.commands ?? [];
    this.connection.notify('initialized', {});
    const file = path.join(this.workspace, 'sentinel.ts');
    writeFileSync(file, SENTINEL);
    this.sentinel = this.openText(pathToFileURL(file).href, 'typescript', SENTINEL);
    await this.waitForDiagnostics(this.sentinel);
    this.violations = [];
    return this;
  }

  get alive() {
    return this.connection.alive;
  }

  report(message) {
    this.violations.push(message);
  }

  /** Sends a request, reports an answer that does not come within the bound or is an internal error, and gives it back. */
  async ask(method, params, kind = method) {
    const answer = await this.connection.request(method, params, kind);
    if (typeof answer.error === 'symbol') this.report(`${kind}: unanswered within ${this.timeoutMs / 1000} s`);
    else for (const v of answerViolations(kind, answer)) this.report(v);
    return answer;
  }

  /** Sends settings as this client does: pushed in the notification, or answered to workspace/configuration. */
  configure(section) {
    if (this.pullsConfiguration) {
      this.config = section?.lossLens !== undefined ? section.lossLens : section;
      this.connection.notify('workspace/didChangeConfiguration', { settings: null });
    } else this.connection.notify('workspace/didChangeConfiguration', { settings: section });
  }

  notified(method, params) {
    if (method === 'textDocument/publishDiagnostics') this.published(params);
    else if (method === 'window/logMessage' && params?.type === 1) this.report(`the server logged an error: ${String(params.message).split('\n')[0].slice(0, 200)}`);
    else if (method === 'window/showMessage' && params?.type === 1) this.report(`the server showed an error: ${String(params.message).slice(0, 200)}`);
    else if (method === 'fuzz/badFrame') this.report(`the server sent a message that is not JSON: ${params.body}`);
  }

  published(params) {
    const document = this.documents.get(params?.uri);
    if (!document) {
      // Diagnostics the server sent before it read the didClose may still arrive; none may come after it cleared them.
      const state = this.closed.get(params?.uri);
      if (state === undefined) this.report(`diagnostics published for ${params?.uri}, which was never opened`);
      else if (!params.diagnostics?.length) this.closed.set(params.uri, 'cleared');
      else if (state === 'cleared') this.report(`diagnostics published for ${params.uri} after they were cleared at its close`);
      return;
    }
    let mirror = document.mirror;
    if (params.version !== undefined && params.version !== null) {
      if (!document.history.has(params.version)) {
        this.report(`diagnostics published for version ${params.version} of ${params.uri}, a version the client never sent`);
        return;
      }
      mirror = document.history.get(params.version) ?? undefined;
    }
    for (const v of diagnosticsViolations(params, mirror)) this.report(v);
    document.published.set(params.version, params.diagnostics ?? []);
    for (const waiter of [...this.waiters]) if (waiter.uri === params.uri && waiter.version === params.version) waiter.resolve(true);
  }

  /** Waits (within the bound) for the diagnostics of the document's current version; reports when none come. */
  async waitForDiagnostics(document) {
    const { uri, version } = document;
    if (document.published.has(version)) return true;
    const arrived = await new Promise((resolve) => {
      const waiter = { uri, version, resolve: (v) => (clearTimeout(timer), this.waiters.splice(this.waiters.indexOf(waiter), 1), resolve(v)) };
      const timer = setTimeout(() => waiter.resolve(false), this.timeoutMs);
      this.waiters.push(waiter);
    });
    if (!arrived && this.alive && this.documents.get(uri) === document && document.version === version) {
      this.report(`no diagnostics for version ${version} of ${uri} within ${this.timeoutMs / 1000} s`);
    }
    return arrived;
  }

  /** A folder of the workspace for one case's files. */
  caseFolder(index) {
    const dir = path.join(this.workspace, `case${index}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  openText(uri, languageId, text, { version = 1, reopen = false } = {}) {
    const candidate = uri.startsWith('file:') && this.languages.includes(languageId);
    const document = reopen && this.documents.get(uri) ? this.documents.get(uri) : new OpenDocument(uri, languageId, text, candidate);
    if (reopen) document.setText(version, new TextMirror(text));
    this.documents.set(uri, document);
    this.connection.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return document;
  }

  /** Opens a notebook of code cells (and a Markdown cell where `markdownAt` says); returns its cell documents. */
  openNotebook(uri, cells, markdownAt = -1) {
    const notebook = { uri, version: 1, cells: [], nextCell: 0 };
    const cellDocuments = cells.map((text, i) => this.cellDocument(notebook, text, i === markdownAt ? 'markdown' : 'python'));
    notebook.cells = cellDocuments;
    this.connection.notify('notebookDocument/didOpen', {
      notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cellDocuments.map((c) => ({ kind: c.languageId === 'python' ? 2 : 1, document: c.uri })) },
      cellTextDocuments: cellDocuments.map((c) => ({ uri: c.uri, languageId: c.languageId, version: 1, text: c.mirror.text })),
    });
    return cellDocuments;
  }

  cellDocument(notebook, text, languageId = 'python') {
    const uri = `vscode-notebook-cell:${new URL(notebook.uri).pathname}#c${notebook.nextCell++}`;
    const document = new OpenDocument(uri, languageId, text, languageId === 'python' && this.languages.includes('python'), notebook);
    this.documents.set(uri, document);
    return document;
  }

  /** Sends content changes to a document (a text document or a cell), following them in the client's copy. */
  change(document, changes) {
    let mirror = document.mirror;
    for (const change of changes) mirror = mirror.applyChange(change);
    const version = document.version + 1;
    document.setText(version, mirror);
    if (!document.notebook) {
      this.connection.notify('textDocument/didChange', { textDocument: { uri: document.uri, version }, contentChanges: changes });
      return;
    }
    const notebook = document.notebook;
    notebook.version++;
    this.connection.notify('notebookDocument/didChange', {
      notebookDocument: { uri: notebook.uri, version: notebook.version },
      change: { cells: { textContent: [{ document: { uri: document.uri, version }, changes }] } },
    });
  }

  /** Adds a code cell at the end of a notebook or removes one of its cells. */
  restructure(notebook, add, removeAt) {
    notebook.version++;
    const structure = add !== undefined ? { array: { start: notebook.cells.length, deleteCount: 0, cells: [{ kind: 2, document: '' }] }, didOpen: [] } : { array: { start: removeAt, deleteCount: 1 }, didClose: [] };
    if (add !== undefined) {
      const cell = this.cellDocument(notebook, add);
      structure.array.cells[0].document = cell.uri;
      structure.didOpen.push({ uri: cell.uri, languageId: 'python', version: 1, text: add });
      notebook.cells.push(cell);
    } else {
      const [cell] = notebook.cells.splice(removeAt, 1);
      structure.didClose.push({ uri: cell.uri });
      this.forget(cell.uri);
    }
    this.connection.notify('notebookDocument/didChange', { notebookDocument: { uri: notebook.uri, version: notebook.version }, change: { cells: { structure } } });
  }

  /** A version whose text the client cannot know (after a malformed change): its diagnostics get the form checks only. */
  unknownVersion(document) {
    document.version++;
    document.history.set(document.version, null);
  }

  close(documents) {
    const notebooks = new Set();
    for (const document of documents) {
      if (document.notebook) notebooks.add(document.notebook);
      else if (this.documents.get(document.uri) === document) {
        this.connection.notify('textDocument/didClose', { textDocument: { uri: document.uri } });
        this.forget(document.uri);
      }
    }
    for (const notebook of notebooks) {
      this.connection.notify('notebookDocument/didClose', { notebookDocument: { uri: notebook.uri }, cellTextDocuments: notebook.cells.map((c) => ({ uri: c.uri })) });
      for (const cell of notebook.cells) this.forget(cell.uri);
    }
  }

  forget(uri) {
    this.documents.delete(uri);
    this.closed.set(uri, 'closing');
  }

  /** Whether the server still answers a simple request about the sentinel document with a result. */
  async liveness() {
    const answer = await this.connection.request('textDocument/codeLens', { textDocument: { uri: this.sentinel.uri } }, 'liveness');
    if (!Array.isArray(answer.result)) this.report(`liveness: codeLens of the sentinel answered ${JSON.stringify(answer.error ?? answer.result).slice(0, 200)}`);
  }

  async stop() {
    const exit = this.alive ? await this.connection.stop() : this.connection.exit;
    rmSync(this.workspace, { recursive: true, force: true });
    return exit;
  }
}
