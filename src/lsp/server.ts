/**
 * `loss-lens lsp --stdio`: a Language Server (LSP 3.17) over the service, for the languages the lint reads.
 * Diagnostics are pushed after each analysis (`source: "loss-lens"`, `code` = the diagnostic code); hovers
 * are Markdown with the formula and plot as images; code actions are the quick fixes and "Fix all"
 * (`source.fixAll.lossLens`) as workspace edits; CodeLenses run `lossLens.preview`, which writes the
 * standalone preview page and asks the client to show it; `lossLens/preview` returns the page's state.
 * It executes no user code. A request about a document that is not open, or with malformed params, is answered
 * with InvalidParams; a malformed notification is dropped whole with a warning in the log (textSync.ts,
 * notebookSync.ts), and range edits are clamped to the text before they are applied (textUpdates.ts).
 */
import {
  CodeActionKind,
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRequest,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ExecuteCommandRequest,
  HoverRequest,
  LSPErrorCodes,
  MarkupKind,
  NotebookDocuments,
  ResponseError,
  SetTraceNotification,
  TextDocuments,
  TextDocumentSyncKind,
  Trace,
  type CodeAction,
  type CodeActionParams,
  type CodeLensParams,
  type Connection,
  type ExecuteCommandParams,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  FIX_ALL_TITLE,
  languagesReading,
  LossLensService,
  QUICK_FIX_KIND,
  SECTION,
  WorkerLinter,
  type Engines,
  type Logger,
} from '../service';
import { editAction, kindRequested, toDiagnostic, toRange } from './convert';
import { ServerDocuments, type ServerDocument } from './documents';
import { PREVIEW_COMMAND, PREVIEW_REQUEST, PreviewPages, type PreviewResponse } from './previewPage';
import { checkedNotebookSync } from './notebookSync';
import { onlyKinds, withObjectParams } from './paramChecks';
import { ServerSettings } from './settings';
import { checkedTextSync } from './textSync';
import { clampingTextDocuments } from './textUpdates';

export interface ServerOptions {
  /** The lint bundle the worker thread loads (dist/lint.cjs). */
  lintPath: string;
  /** What the lint reads and reports: its file extensions and its rule registry's codes. */
  lint: { extensions: readonly string[]; codes: readonly string[] };
  engines: Engines;
  version: string;
}

interface PreviewParams {
  textDocument: { uri: string };
  position?: Position;
  range?: Range;
}

function isPosition(p: unknown): p is Position {
  const q = p as Position | undefined;
  return typeof q?.line === 'number' && typeof q.character === 'number' && Number.isInteger(q.line) && Number.isInteger(q.character) && q.line >= 0 && q.character >= 0;
}

function isRange(r: unknown): r is Range {
  const q = r as Range | undefined;
  return isPosition(q?.start) && isPosition(q?.end);
}

function offsetOf(document: ServerDocument, position: unknown, method: string): number {
  if (!isPosition(position)) throw new ResponseError(ErrorCodes.InvalidParams, `${method} needs a position { line, character } of non-negative integers`);
  return document.current.offsetAt(position);
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const languages = languagesReading(options.lint.extensions);
  const texts = new TextDocuments(clampingTextDocuments);
  const notebooks = languages.includes('python') ? new NotebookDocuments(clampingTextDocuments) : undefined;
  const documents = new ServerDocuments(texts, notebooks);
  const settings = new ServerSettings(options.lint.codes);
  const pages = new PreviewPages();
  const log: Logger = {
    info: (message) => connection.console.info(message),
    error: (what, err) => connection.console.error(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  };
  const service = new LossLensService<ServerDocument>({
    linter: new WorkerLinter(options.lintPath, log),
    settings: () => settings.settings,
    document: (uri) => documents.get(uri),
    documents: () => documents.all(),
    languages,
    log,
    engines: options.engines,
  });
  let pullsConfiguration = false;
  let resolvesEdits = false;
  let showsDocuments = false;
  let refreshesLenses = false;

  const open = (uri: unknown, method: string): ServerDocument => {
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${method} needs params.textDocument.uri`);
    const document = documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open: send textDocument/didOpen first`);
    return document;
  };

  const publish = (document: ServerDocument, shown = service.diagnostics(document)): void => {
    void shown.then((diagnostics) => {
      const current = documents.get(document.uri);
      if (!diagnostics || !current) return;
      void connection.sendDiagnostics({ uri: document.uri, version: current.version, diagnostics: diagnostics.map((d) => toDiagnostic(current.current, d)) });
    });
  };

  service.analyses.onDidAnalyze(({ document, result }) => {
    const current = documents.get(document.uri);
    if (current?.version !== document.version) return;
    void connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: service.diagnosticsOf(result).map((d) => toDiagnostic(current.current, d)),
    });
  });
  service.analyses.onDidForget((uri) => void connection.sendDiagnostics({ uri, diagnostics: [] }));

  const changed = (document: TextDocument) => {
    const wrapped = documents.get(document.uri);
    if (wrapped) service.analyses.changed(wrapped);
  };
  const closed = (document: TextDocument) => {
    documents.forget(document.uri);
    service.analyses.forget(document.uri);
  };
  for (const manager of [texts, notebooks?.cellTextDocuments]) {
    // Fired for the opening text as well as for each change (a separate didOpen handler would schedule twice).
    manager?.onDidChangeContent((e) => changed(e.document));
    manager?.onDidClose((e) => closed(e.document));
  }
  // Cells added, removed or moved: each cell is read again after the cells now above it.
  notebooks?.onDidChange((e) => {
    if (e.cells && (e.cells.added.length > 0 || e.cells.removed.length > 0)) service.analyses.notebookChanged(e.notebookDocument.uri);
  });

  const pullConfiguration = async () => {
    if (!pullsConfiguration) return;
    const [section] = (await connection.workspace.getConfiguration([{ section: SECTION }])) as unknown[];
    const affects = settings.update(section);
    service.settingsChanged(affects);
    if (affects('lint.enable') || affects('severity')) for (const document of documents.all()) publish(document);
    if (refreshesLenses && (affects('codeLens.enable') || affects('severity'))) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings.setInitializationOptions(params.initializationOptions);
    const caps = params.capabilities;
    pullsConfiguration = caps.workspace?.configuration === true;
    resolvesEdits = caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    showsDocuments = caps.window?.showDocument?.support === true;
    refreshesLenses = caps.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(notebooks ? { notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }] } } : {}),
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [PREVIEW_COMMAND] },
        experimental: { lossLens: { languages, diagnosticCodes: [...options.lint.codes], previewRequest: PREVIEW_REQUEST } },
      },
      serverInfo: { name: 'loss-lens', version: options.version },
    };
  });

  connection.onInitialized(() => {
    void service.analyses.warmUp().catch((err) => log.error('warming the lint up', err));
    if (!pullsConfiguration) return;
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
    void pullConfiguration().catch((err) => log.error('reading the configuration', err));
  });

  connection.onDidChangeConfiguration((change) => {
    if (pullsConfiguration) {
      void pullConfiguration().catch((err) => log.error('reading the configuration', err));
      return;
    }
    const affects = settings.update(change.settings);
    service.settingsChanged(affects);
    for (const document of documents.all()) publish(document);
  });

  connection.onRequest(HoverRequest.method, withObjectParams<HoverParams, unknown>(HoverRequest.method, async (params, token) => {
    const document = open(params.textDocument?.uri, 'textDocument/hover');
    const hover = await service.hover(document, offsetOf(document, params.position, 'textDocument/hover'), { theme: settings.theme }, token);
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(document.current, hover.range) };
  }));

  connection.onRequest(CodeActionRequest.method, withObjectParams<CodeActionParams, CodeAction[]>(CodeActionRequest.method, async (params, token) => {
    const document = open(params.textDocument?.uri, 'textDocument/codeAction');
    const text = document.current;
    const actions: CodeAction[] = [];
    if (!Array.isArray(params.context?.diagnostics)) throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/codeAction needs params.context.diagnostics');
    const ours = params.context.diagnostics.filter((d) => d?.source === DIAGNOSTIC_SOURCE && isRange(d.range));
    const only = onlyKinds(params.context.only);
    if (kindRequested(only, QUICK_FIX_KIND)) {
      const problems = ours.map((diagnostic) => ({ diagnostic, code: String(diagnostic.code), start: text.offsetAt(diagnostic.range.start), end: text.offsetAt(diagnostic.range.end) }));
      for (const fix of await service.quickFixes(document, problems, token)) {
        actions.push({ ...editAction(text, fix.title, QUICK_FIX_KIND, fix.edits), diagnostics: [fix.problem.diagnostic], isPreferred: fix.preferred });
      }
    }
    const wantsFixAll = only ? kindRequested(only, FIX_ALL_KIND) : ours.length > 0;
    if (wantsFixAll && !token.isCancellationRequested && (await service.hasFixes(document, token))) {
      if (resolvesEdits) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data: { uri: document.uri, version: document.version } });
      else {
        const fix = await service.fixAll(document, token);
        if (fix) actions.push(editAction(document.current, FIX_ALL_TITLE, FIX_ALL_KIND, [fix.edit]));
      }
    }
    return actions;
  }));

  connection.onRequest(CodeActionResolveRequest.method, withObjectParams<CodeAction, CodeAction>(CodeActionResolveRequest.method, async (action, token) => {
    const data = action.data as { uri?: unknown; version?: unknown } | undefined;
    if (action.kind !== FIX_ALL_KIND || typeof data?.uri !== 'string') return action;
    const document = open(data.uri, 'codeAction/resolve');
    if (document.version !== data.version) throw new ResponseError(LSPErrorCodes.ContentModified, `${data.uri} changed since "${FIX_ALL_TITLE}" was offered`);
    const fix = await service.fixAll(document, token);
    return fix ? { ...action, ...editAction(document.current, FIX_ALL_TITLE, FIX_ALL_KIND, [fix.edit]) } : action;
  }));

  connection.onRequest(CodeLensRequest.method, withObjectParams<CodeLensParams, unknown>(CodeLensRequest.method, async (params, token) => {
    const document = open(params.textDocument?.uri, 'textDocument/codeLens');
    const lenses = await service.codeLenses(document, false, token);
    return lenses.map((lens) => ({
      range: toRange(document.current, lens),
      command: { title: lens.title, command: PREVIEW_COMMAND, arguments: [document.uri, lens.start] },
    }));
  }));

  const previewAt = async (uri: string, start: number, end: number): Promise<PreviewResponse | null> => {
    const document = open(uri, PREVIEW_REQUEST);
    const label = (line: number) => `${uri.replace(/^.*\//, '')}:${line}`;
    const found = await service.preview(document, { start, end }, label);
    if (!found || !('preview' in found)) return null;
    return { state: found.preview.state, line: found.preview.state.source?.line ?? 1 };
  };

  connection.onRequest(PREVIEW_REQUEST, withObjectParams<PreviewParams, PreviewResponse | null>(PREVIEW_REQUEST, async (params) => {
    const document = open(params.textDocument?.uri, PREVIEW_REQUEST);
    const range = params.range ?? (params.position ? { start: params.position, end: params.position } : undefined);
    if (!range) throw new ResponseError(ErrorCodes.InvalidParams, `${PREVIEW_REQUEST} needs a position or a range`);
    return previewAt(document.uri, offsetOf(document, range.start, PREVIEW_REQUEST), offsetOf(document, range.end, PREVIEW_REQUEST));
  }));

  connection.onRequest(ExecuteCommandRequest.method, withObjectParams<ExecuteCommandParams, unknown>(ExecuteCommandRequest.method, async (params) => {
    if (params.command !== PREVIEW_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${JSON.stringify(params.command)}`);
    const [uri, offset] = Array.isArray(params.arguments) ? params.arguments : [];
    if (typeof uri !== 'string' || typeof offset !== 'number') throw new ResponseError(ErrorCodes.InvalidParams, `${PREVIEW_COMMAND} takes [uri, offset]`);
    const preview = await previewAt(uri, offset, offset);
    if (!preview) throw new ResponseError(ErrorCodes.InvalidParams, `there is no loss at offset ${offset} of ${uri}`);
    const page = pages.write(preview.state);
    if (showsDocuments) void connection.window.showDocument({ uri: page.url, external: true }).catch(() => undefined);
    else connection.window.showInformationMessage(`Loss preview written to ${page.file}`);
    return page;
  }));

  // The library's own handler reads `params.value` of whatever came; the server writes no trace of its own.
  connection.onNotification(SetTraceNotification.type, (params: unknown) => {
    const value = (params as { value?: unknown } | null)?.value;
    if (value === 'off' || value === 'messages' || value === 'verbose') (connection.tracer as { trace?: Trace }).trace = Trace.fromString(value);
    else connection.console.warn(`ignored a malformed $/setTrace notification: params.value is not "off", "messages" or "verbose"`);
  });

  connection.onShutdown(() => {
    service.dispose();
    pages.dispose();
  });

  const warn = (message: string) => connection.console.warn(message);
  texts.listen(checkedTextSync(connection, warn));
  notebooks?.listen(checkedNotebookSync(connection, (uri) => notebooks.getNotebookDocument(uri)?.cells, warn));
  connection.listen();
}
