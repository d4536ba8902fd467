// A small in-memory stand-in for the `vscode` module, enough to drive the extension's glue in plain Node:
// documents that can be opened, edited and closed; configuration; diagnostic collections; registered
// providers, commands, serializers and webview panels; recorded messages and edits. `fake` (exported)
// is the test's handle on all of it. The real editor is exercised by the code-server suite.
'use strict';

const path = require('node:path');

class Disposable {
  constructor(fn) { this.fn = fn; }
  dispose() { const fn = this.fn; this.fn = undefined; fn?.(); }
  static from(...items) { return new Disposable(() => items.forEach((i) => i.dispose())); }
}

class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (listener) => { this.listeners.add(listener); return new Disposable(() => this.listeners.delete(listener)); }; }
  fire(value) { for (const l of [...this.listeners]) l(value); }
  dispose() { this.listeners.clear(); }
}

class Uri {
  constructor(scheme, authority, p, fragment = '') { this.scheme = scheme; this.authority = authority; this.path = p; this.fragment = fragment; }
  static file(p) { return new Uri('file', '', p); }
  static parse(s) {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/]*))?([^#]*)(?:#(.*))?$/i.exec(s);
    if (!m) throw new Error(`not a URI: ${s}`);
    return new Uri(m[1], m[2] ?? '', decodeURIComponent(m[3]), m[4] ?? '');
  }
  static joinPath(base, ...parts) { return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts)); }
  get fsPath() { return this.path; }
  toString() { return `${this.scheme}://${this.authority}${this.path}${this.fragment ? `#${this.fragment}` : ''}`; }
}

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
  isEqual(o) { return this.line === o.line && this.character === o.character; }
}
class Range {
  constructor(start, end) { this.start = start; this.end = end; }
}
class Selection extends Range {
  constructor(anchor, active) { super(anchor, active); this.anchor = anchor; this.active = active; }
  get isEmpty() { return this.start.isEqual(this.end); }
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
class Diagnostic {
  constructor(range, message, severity = DiagnosticSeverity.Error) { this.range = range; this.message = message; this.severity = severity; }
}

class Location { constructor(uri, range) { this.uri = uri; this.range = range; } }
class DiagnosticRelatedInformation { constructor(location, message) { this.location = location; this.message = message; } }
class CodeActionKind {
  constructor(value) { this.value = value; }
  intersects(other) { return this.value === other.value || this.value.startsWith(`${other.value}.`) || other.value.startsWith(`${this.value}.`); }
  contains(other) { return this.value === other.value || other.value.startsWith(`${this.value}.`); }
  append(part) { return new CodeActionKind(`${this.value}.${part}`); }
}
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Refactor = new CodeActionKind('refactor');
CodeActionKind.Source = new CodeActionKind('source');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');
class CodeAction { constructor(title, kind) { this.title = title; this.kind = kind; } }
class CodeLens { constructor(range, command) { this.range = range; this.command = command; } }
class Hover { constructor(contents, range) { this.contents = contents; this.range = range; } }
class MarkdownString { constructor(value = '') { this.value = value; } }

class WorkspaceEdit {
  constructor() { this.edits = []; }
  replace(uri, range, newText) { this.edits.push({ uri, range, newText }); }
  entries() { return this.edits; }
}

const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 };
const ColorThemeKind = { Light: 1, Dark: 2, HighContrast: 3, HighContrastLight: 4 };
const TextEditorRevealType = { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2 };
const NotebookCellKind = { Markup: 1, Code: 2 };

class TextDocument {
  constructor(uri, languageId, text) { this.uri = uri; this.languageId = languageId; this.text = text; this.version = 1; this.isClosed = false; }
  get fileName() { return this.uri.fsPath; }
  getText(range) { return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text; }
  get lineCount() { return this.text.split('\n').length; }
  positionAt(offset) {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const before = this.text.slice(0, o).split('\n');
    return new Position(before.length - 1, before[before.length - 1].length);
  }
  offsetAt(position) {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let i = 0; i < position.line && i < lines.length; i++) offset += lines[i].length + 1;
    return Math.min(this.text.length, offset + Math.min(position.character, (lines[position.line] ?? '').length));
  }
}

const events = {
  open: new EventEmitter(), change: new EventEmitter(), close: new EventEmitter(), configuration: new EventEmitter(),
  selection: new EventEmitter(), activeEditor: new EventEmitter(), notebookChange: new EventEmitter(),
};
const fake = {
  documents: [],
  notebooks: [],
  configuration: {},
  collections: [],
  providers: { codeActions: [], hover: [], codeLens: [] },
  commands: new Map(),
  serializers: new Map(),
  panels: [],
  appliedEdits: [],
  messages: [],
  clipboard: '',
  written: [],
  saveDialogAnswer: undefined,
  inputBoxes: [],
  inputBoxAnswer: undefined,
  activeTextEditor: undefined,
  log: [],

  open(fileName, text, languageId = 'typescript') {
    const document = new TextDocument(Uri.file(fileName), languageId, text);
    this.documents.push(document);
    events.open.fire(document);
    return document;
  },
  /** Replaces [start, end) with text, as typing would, and fires the change event. */
  edit(document, start, end, text) {
    document.text = document.text.slice(0, start) + text + document.text.slice(end);
    document.version++;
    events.change.fire({ document, contentChanges: [{ rangeOffset: start, rangeLength: end - start, text, range: new Range(document.positionAt(start), document.positionAt(start + text.length)) }], reason: undefined });
  },
  close(document) {
    document.isClosed = true;
    this.documents.splice(this.documents.indexOf(document), 1);
    events.close.fire(document);
  },
  /**
   * Opens a notebook as VS Code does: each cell a text document of the `vscode-notebook-cell` scheme (the
   * notebook's path, the cell in the fragment), opened in cell order. `cells`: [{ kind: 'code' | 'markdown', text }].
   */
  openNotebook(fileName, cells) {
    const uri = Uri.file(fileName);
    const notebook = { uri, cells: [], getCells() { return [...this.cells]; } };
    for (const [index, { kind, text }] of cells.entries()) {
      const code = kind === 'code';
      const document = new TextDocument(new Uri('vscode-notebook-cell', '', fileName, `cell${index}`), code ? 'python' : 'markdown', text);
      notebook.cells.push({ index, kind: code ? NotebookCellKind.Code : NotebookCellKind.Markup, document, notebook });
    }
    this.notebooks.push(notebook);
    for (const cell of notebook.cells) {
      this.documents.push(cell.document);
      events.open.fire(cell.document);
    }
    return notebook;
  },
  closeNotebook(notebook) {
    this.notebooks.splice(this.notebooks.indexOf(notebook), 1);
    for (const cell of notebook.cells) this.close(cell.document);
  },
  configure(values) {
    this.configuration = { ...this.configuration, ...values };
    const keys = Object.keys(values);
    events.configuration.fire({ affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(`${section}.`) || section.startsWith(`${k}.`)) });
  },
  showEditor(document, offset = 0, end = offset) {
    const selection = new Selection(document.positionAt(offset), document.positionAt(end));
    const changed = this.activeTextEditor?.document !== document;
    this.activeTextEditor = { document, selection, selections: [selection], viewColumn: 1, revealRange() {} };
    if (changed) events.activeEditor.fire(this.activeTextEditor);
    events.selection.fire({ textEditor: this.activeTextEditor, selections: [selection] });
    return this.activeTextEditor;
  },
  diagnostics(uri) {
    for (const c of this.collections) if (c.map.has(uri.toString())) return c.map.get(uri.toString());
    return [];
  },
};

function createDiagnosticCollection(name) {
  const collection = {
    name, map: new Map(),
    set(uri, diagnostics) { this.map.set(uri.toString(), diagnostics); },
    delete(uri) { this.map.delete(uri.toString()); },
    clear() { this.map.clear(); },
    get(uri) { return this.map.get(uri.toString()); },
    dispose() { fake.collections.splice(fake.collections.indexOf(this), 1); },
  };
  fake.collections.push(collection);
  return collection;
}

function registerIn(list, selector, provider, metadata) {
  const entry = { selector, provider, metadata };
  list.push(entry);
  return new Disposable(() => list.splice(list.indexOf(entry), 1));
}

function createWebviewPanel(viewType, title, showOptions, options) {
  const disposeEmitter = new EventEmitter();
  const receive = new EventEmitter();
  const panel = {
    viewType, title, showOptions, viewColumn: 2, disposed: false, revealed: 0, posted: [], active: true,
    webview: {
      options, html: '', cspSource: 'https://webview.test',
      asWebviewUri: (uri) => new Uri('https', 'webview.test', uri.path),
      postMessage: async (message) => { panel.posted.push(message); return true; },
      onDidReceiveMessage: receive.event,
    },
    onDidDispose: disposeEmitter.event,
    reveal() { panel.revealed++; },
    dispose() { if (panel.disposed) return; panel.disposed = true; disposeEmitter.fire(); },
    /** What the page would send. */
    receive: (message) => receive.fire(message),
  };
  fake.panels.push(panel);
  return panel;
}

const vscode = {
  Disposable, EventEmitter, Uri, Position, Range, Selection, Diagnostic, DiagnosticSeverity, Location, DiagnosticRelatedInformation, CodeAction, CodeActionKind,
  CodeLens, Hover, MarkdownString, WorkspaceEdit, ViewColumn, ColorThemeKind, TextEditorRevealType, NotebookCellKind,
  languages: {
    createDiagnosticCollection,
    registerCodeActionsProvider: (s, p, m) => registerIn(fake.providers.codeActions, s, p, m),
    registerHoverProvider: (s, p) => registerIn(fake.providers.hover, s, p),
    registerCodeLensProvider: (s, p) => registerIn(fake.providers.codeLens, s, p),
  },
  workspace: {
    onDidOpenTextDocument: events.open.event,
    onDidChangeTextDocument: events.change.event,
    onDidCloseTextDocument: events.close.event,
    onDidChangeNotebookDocument: events.notebookChange.event,
    get notebookDocuments() { return [...fake.notebooks]; },
    onDidChangeConfiguration: events.configuration.event,
    get textDocuments() { return [...fake.documents]; },
    getConfiguration: (section) => ({ get: (key) => fake.configuration[`${section}.${key}`] }),
    openTextDocument: async (uri) => {
      const found = fake.documents.find((d) => d.uri.toString() === uri.toString());
      if (!found) throw new Error(`no such document: ${uri}`);
      return found;
    },
    applyEdit: async (edit) => {
      fake.appliedEdits.push(edit);
      const byDocument = new Map();
      for (const e of edit.entries()) {
        const document = fake.documents.find((d) => d.uri.toString() === e.uri.toString());
        if (!document) return false;
        byDocument.set(document, [...(byDocument.get(document) ?? []), e]);
      }
      for (const [document, edits] of byDocument) {
        const offsets = edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText }));
        for (const o of offsets.sort((a, b) => b.start - a.start)) fake.edit(document, o.start, o.end, o.text);
      }
      return true;
    },
    asRelativePath: (uri) => path.basename(typeof uri === 'string' ? uri : uri.path),
    workspaceFolders: undefined,
    fs: { writeFile: async (uri, bytes) => { fake.written.push({ uri, bytes }); } },
  },
  window: {
    createOutputChannel: (name) => ({
      name,
      info: (m) => fake.log.push(['info', m]),
      error: (m) => fake.log.push(['error', m]),
      show() {},
      dispose() {},
    }),
    activeColorTheme: { kind: ColorThemeKind.Dark },
    get activeTextEditor() { return fake.activeTextEditor; },
    onDidChangeTextEditorSelection: events.selection.event,
    onDidChangeActiveTextEditor: events.activeEditor.event,
    get visibleTextEditors() { return fake.activeTextEditor ? [fake.activeTextEditor] : []; },
    showTextDocument: async (document) => fake.showEditor(document),
    showErrorMessage: async (m) => { fake.messages.push(['error', m]); return undefined; },
    showWarningMessage: async (m) => { fake.messages.push(['warning', m]); return undefined; },
    showInformationMessage: async (m) => { fake.messages.push(['info', m]); return undefined; },
    setStatusBarMessage: (m) => { fake.messages.push(['status', m]); return new Disposable(() => {}); },
    showInputBox: async (options) => { fake.inputBoxes.push(options); return fake.inputBoxAnswer; },
    showSaveDialog: async () => fake.saveDialogAnswer,
    registerWebviewPanelSerializer: (viewType, serializer) => {
      fake.serializers.set(viewType, serializer);
      return new Disposable(() => fake.serializers.delete(viewType));
    },
    createWebviewPanel,
  },
  commands: {
    registerCommand: (id, fn) => {
      if (fake.commands.has(id)) throw new Error(`command ${id} already registered`);
      fake.commands.set(id, fn);
      return new Disposable(() => fake.commands.delete(id));
    },
    executeCommand: async (id, ...args) => fake.commands.get(id)(...args),
    getCommands: async () => [...fake.commands.keys()],
  },
  env: { clipboard: { writeText: async (text) => { fake.clipboard = text; } } },
  fake,
};

module.exports = vscode;
