// One fuzz case through the language server: the mutated file of `makeCase` opened as the editor would (a text
// document, or a notebook's cells), its diagnostics awaited, then what an editor sends about it (hovers, CodeLenses,
// code actions with the published diagnostics, the preview request and command), a burst of typing with requests in
// flight and some cancelled, hostile protocol input, the same requests again on the settled text, and the close.
// Every answer is checked (lspChecks.mjs) and the server must still answer afterwards. The case's actions come from
// their own Random, so `--case N` replays them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { answerViolations, codeActionsViolations, codeActionViolations, codeLensViolations, hoverViolations } from './lspChecks.mjs';
import { hostileSettings, randomChange, randomPosition, randomRange, settingsFor } from './lspInputs.mjs';
import { languageIdOf } from './lspSession.mjs';
import { Random } from './random.mjs';
import { notebookCells } from './runner.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a request, reports an unanswered or internal-error answer, and gives the answer back. */
async function ask(session, method, params, kind = method) {
  const answer = await session.connection.request(method, params, kind);
  if (typeof answer.error === 'symbol') session.report(`${kind}: unanswered within ${session.timeoutMs / 1000} s`);
  else for (const v of answerViolations(kind, answer)) session.report(v);
  return answer;
}

function configure(session, section) {
  if (session.pullsConfiguration) {
    session.config = section?.lossLens !== undefined ? section.lossLens : section;
    session.connection.notify('workspace/didChangeConfiguration', { settings: null });
  } else session.connection.notify('workspace/didChangeConfiguration', { settings: section });
}

function openCase(session, r, kase, dir) {
  const file = path.join(dir, path.basename(kase.fileName));
  const uri = pathToFileURL(file).href;
  if (kase.text !== undefined) writeFileSync(file, kase.text);
  if (kase.cells || /\.ipynb$/i.test(file)) {
    const cells = kase.cells ?? notebookCells(kase.text);
    if (!cells || !session.capabilities.notebookDocumentSync) return [session.openText(uri, 'json', kase.text)];
    return session.openNotebook(uri, cells.length ? cells : [''], r.chance(0.1) ? r.int(0, cells.length - 1) : -1);
  }
  const languageId = r.chance(0.03) ? r.pick(['plaintext', 'python', 'typescript', 'javascriptreact']) : languageIdOf(file);
  return [session.openText(uri, languageId, kase.text)];
}

async function settle(session, documents) {
  await Promise.all(documents.filter((d) => d.candidate && session.documents.get(d.uri) === d).map((d) => session.waitForDiagnostics(d)));
}

function diagnosticsFor(r, document) {
  const published = document.published.get(document.version) ?? [];
  const roll = r.next();
  if (roll < 0.5) return published;
  if (roll < 0.8) return published.filter(() => r.chance(0.5));
  if (roll < 0.9) return [];
  return [...published, { range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, source: 'loss-lens', code: 'log-of-zero', message: 'x' }, { source: 'loss-lens', code: 42 }, null];
}

/** Code actions over a range, their lazy "Fix all" resolved; on a settled text, one action's edit is applied now and then. */
async function codeActions(session, r, document, strict) {
  const params = { textDocument: { uri: document.uri }, range: randomRange(r, document.mirror), context: { diagnostics: diagnosticsFor(r, document) } };
  const only = r.pick([undefined, undefined, ['quickfix'], ['source.fixAll'], ['source'], ['refactor'], []]);
  if (only) params.context.only = only;
  const mirror = strict ? document.mirror : undefined;
  const { result } = await ask(session, 'textDocument/codeAction', params);
  if (result === undefined) return;
  for (const v of codeActionsViolations(result, document.uri, mirror)) session.report(v);
  for (const action of Array.isArray(result) ? result : []) {
    if (action?.edit !== undefined || action?.data === undefined) continue;
    const resolved = await ask(session, 'codeAction/resolve', action);
    if (resolved.result !== undefined) for (const v of codeActionViolations(resolved.result, document.uri, mirror)) session.report(v);
  }
  const applicable = Array.isArray(result) ? result.filter((a) => Array.isArray(a?.edit?.changes?.[document.uri])) : [];
  if (strict && applicable.length && r.chance(0.3) && codeActionViolations(applicable[0], document.uri, mirror).length === 0) {
    const edits = [...applicable[0].edit.changes[document.uri]].sort((a, b) => document.mirror.offsetAt(b.range.start) - document.mirror.offsetAt(a.range.start));
    session.change(document, edits.map((e) => ({ range: e.range, text: e.newText })));
  }
}

/** Every request an editor makes about a document; `strict` when its text cannot change before the answers come. */
async function probe(session, r, document, strict) {
  const mirror = strict ? document.mirror : undefined;
  const lens = session.capabilities.codeLensProvider ? await ask(session, 'textDocument/codeLens', { textDocument: { uri: document.uri } }) : {};
  const lenses = Array.isArray(lens.result) ? lens.result : [];
  if (lens.result !== undefined) for (const v of codeLensViolations(lens.result, mirror, session.commands)) session.report(v);
  const positions = Array.from({ length: r.int(1, 3) }, () => randomPosition(r, document.mirror));
  if (lenses.length) positions.push(r.pick(lenses).range?.start);
  for (const position of positions) {
    const { result } = await ask(session, 'textDocument/hover', { textDocument: { uri: document.uri }, position });
    if (result !== undefined) for (const v of hoverViolations(result, mirror)) session.report(v);
  }
  for (let i = r.int(1, 2); i > 0; i--) await codeActions(session, r, document, strict);
  const previewRequest = session.capabilities.experimental?.lossLens?.previewRequest;
  if (previewRequest && r.chance(0.5)) {
    const { result } = await ask(session, previewRequest, { textDocument: { uri: document.uri }, ...(r.chance(0.5) ? { position: randomPosition(r, document.mirror) } : { range: randomRange(r, document.mirror) }) });
    if (result !== undefined && result !== null && (typeof result.state !== 'object' || !Number.isInteger(result.line) || result.line < 1)) session.report(`${previewRequest} answered ${JSON.stringify(result).slice(0, 200)}`);
  }
  if (lenses.length && r.chance(0.2)) {
    const { command } = r.pick(lenses);
    const { result } = await ask(session, 'workspace/executeCommand', { command: command?.command, arguments: command?.arguments });
    if (result !== undefined && (typeof result?.file !== 'string' || typeof result?.url !== 'string')) session.report(`executeCommand ${command?.command} answered ${JSON.stringify(result).slice(0, 200)}`);
  }
}

/** Requests sent while the text changes under them; their answers are checked for form only. */
function inFlight(session, r, document) {
  const uri = document.uri;
  const kind = r.pick(['hover', 'hover', 'codeAction', 'codeLens']);
  if (kind === 'hover') return ask(session, 'textDocument/hover', { textDocument: { uri }, position: randomPosition(r, document.mirror) }).then(({ result }) => result !== undefined && hoverViolations(result).forEach((v) => session.report(v)));
  if (kind === 'codeLens') return ask(session, 'textDocument/codeLens', { textDocument: { uri } }).then(({ result }) => result !== undefined && codeLensViolations(result, undefined, session.commands).forEach((v) => session.report(v)));
  return codeActions(session, r, document, false);
}

async function typing(session, r, documents) {
  const document = r.pick(documents);
  const pending = [];
  for (let n = r.int(2, 8); n > 0 && session.documents.get(document.uri) === document; n--) {
    session.change(document, Array.from({ length: r.pick([1, 1, 1, 2, 3]) }, () => randomChange(r, document.mirror)));
    if (r.chance(0.4)) pending.push(inFlight(session, r, document));
    if (r.chance(0.15)) session.connection.notify('$/cancelRequest', { id: session.connection.nextId - 1 });
    if (document.notebook && r.chance(0.08)) session.restructure(document.notebook, r.pick(['import torch\n', 'loss = -np.log(p)\n', '']));
    else if (document.notebook && document.notebook.cells.length > 1 && r.chance(0.05)) session.restructure(document.notebook, undefined, r.int(0, document.notebook.cells.length - 1));
    await sleep(r.pick([0, 0, 0, 5, 20]));
  }
  await Promise.all(pending);
}

/** Hostile protocol input: wrong param types, unknown methods, documents opened twice or never, broken changes and settings. */
async function hostile(session, r, documents) {
  const document = r.pick(documents);
  const uri = document.uri;
  const texts = documents.filter((d) => !d.notebook && session.documents.get(d.uri) === d);
  const steps = [
    () => ask(session, r.pick(['textDocument/hover', 'textDocument/codeAction', 'textDocument/codeLens', 'lossLens/preview', 'codeAction/resolve']), r.pick([null, [], 42, 'x', { textDocument: { uri: 42 }, position: 'x' }, { textDocument: { uri }, position: { line: 'a', character: null } }, { textDocument: { uri }, range: null, context: { diagnostics: 'x', only: 7 } }, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [], only: r.pick([7, 'quickfix', [null], {}]) } }, { textDocument: { uri }, range: { start: { line: 2 }, end: 5 } }, { title: 'x', kind: 'source.fixAll.lossLens', data: { uri: 42 } }, { title: 'x', kind: 'source.fixAll.lossLens', data: { uri, version: -1 } }]), 'wrong params'),
    () => ask(session, 'workspace/executeCommand', r.pick([{ command: 'lossLens.preview', arguments: [uri, -1] }, { command: 'lossLens.preview', arguments: [uri, 1e308] }, { command: 'lossLens.preview', arguments: [uri, '3'] }, { command: 'lossLens.preview', arguments: [42, 0] }, { command: 'lossLens.preview', arguments: null }, { command: 'lossLens.preview', arguments: r.pick([42, uri, { 0: uri, 1: 0 }]) }, { command: 42 }, { command: 'lossLens.nothing', arguments: [uri] }, { command: 'lossLens.preview', arguments: ['file:///nowhere/x.ts', 0] }]), 'hostile executeCommand'),
    () => ask(session, r.pick(['textDocument/documentSymbol', 'textDocument/completion', 'textDocument/definition', 'lossLens/nothing', '$/nothing']), { textDocument: { uri }, position: { line: 0, character: 0 } }, 'unknown method'),
    () => session.connection.notify(r.pick(['lossLens/whatever', '$/setTrace', 'textDocument/didSave', 'workspace/didChangeWatchedFiles']), r.pick([{}, null, { value: 42 }, { changes: 'x' }, { textDocument: { uri } }])),
    () => configure(session, hostileSettings(r)),
    () => session.connection.notify('textDocument/didChange', { textDocument: { uri: `${uri}.never-opened.ts`, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 9, character: 9 } }, text: 'x' }] }),
    () => session.connection.notify(r.pick(['textDocument/didClose', 'notebookDocument/didClose', 'notebookDocument/didChange']), { textDocument: { uri: `${uri}.never-opened.py` }, notebookDocument: { uri: 'file:///nowhere/never.ipynb', version: 2 }, cellTextDocuments: [{ uri: 'vscode-notebook-cell:/nowhere#c0' }], change: { cells: { textContent: [{ document: { uri: 'vscode-notebook-cell:/nowhere#c0', version: 2 }, changes: [{ text: 'x' }] }] } } }),
    () => session.connection.notify(r.pick(['notebookDocument/didOpen', 'notebookDocument/didChange', 'notebookDocument/didSave', 'notebookDocument/didClose']), r.pick([null, {}, 42, { notebookDocument: null }, { notebookDocument: { uri: document.notebook?.uri ?? uri } }, { notebookDocument: { uri: 'file:///nowhere/never.ipynb', version: 'x', cells: 'x' }, cellTextDocuments: [null] }, { notebookDocument: { uri: 'file:///nowhere/never.ipynb', version: 2 }, change: { cells: { structure: { array: { start: -1, deleteCount: 99, cells: [null] } } } } }])),
  ];
  if (texts.length) {
    const text = r.pick(texts);
    steps.push(
      () => session.openText(text.uri, text.languageId, text.mirror.applyChange(randomChange(r, text.mirror)).text, { version: text.version + 1, reopen: true }),
      () => {
        session.connection.notify('textDocument/didChange', { textDocument: { uri: text.uri, version: text.version + 1 }, contentChanges: r.pick(['x', null, [{ text: 42 }], [{ range: null, text: 'x' }], [{ range: { start: { line: 'a' }, end: {} }, text: 'x' }], [null]]) });
        session.unknownVersion(text);
        session.change(text, [{ text: text.mirror.text }]);
      },
    );
  }
  for (let n = r.int(1, 3); n > 0; n--) await r.pick(steps)();
}

/** Runs case `kase` of a run with `seed`; returns what went wrong and how long it took. */
export async function runLspCase(session, kase, seed) {
  const started = performance.now();
  const r = Random.forCase((seed ^ 0x2545f491) >>> 0, kase.index);
  session.violations = [];
  const stderrBefore = session.connection.stderr.length;
  configure(session, { lossLens: settingsFor(r, kase.options) });
  const documents = openCase(session, r, kase, session.caseFolder(kase.index));
  await settle(session, documents);
  for (const document of documents) if (session.documents.get(document.uri) === document) await probe(session, r, document, true);
  await typing(session, r, documents);
  if (r.chance(0.5)) await hostile(session, r, documents);
  await settle(session, documents);
  const open = documents.filter((d) => session.documents.get(d.uri) === d);
  if (open.length) await probe(session, r, r.pick(open), true);
  session.close(documents);
  await session.liveness();
  const stderr = session.connection.stderr.slice(stderrBefore);
  if (stderr) session.report(`${/\n\s+at .+:\d+:\d+/.test(stderr) ? 'a stack trace' : 'output'} on stderr: ${stderr.split('\n')[0].slice(0, 200)}`);
  if (!session.alive) session.report(`the server exited (${JSON.stringify(session.connection.exit)})`);
  return { violations: [...new Set(session.violations)], ms: performance.now() - started };
}
