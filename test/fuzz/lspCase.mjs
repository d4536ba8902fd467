// One fuzz case through the language server: the mutated file of `makeCase` opened as the editor would (a text
// document, or a notebook's cells), its diagnostics awaited, then what an editor sends about it (hovers, CodeLenses,
// code actions with the published diagnostics, the preview request and command), a burst of typing with requests in
// flight and some cancelled, hostile protocol input, the same requests again on the settled text, and the close.
// Every answer is checked (lspChecks.mjs) and the server must still answer afterwards. The case's actions come from
// their own Random, so `--case N` replays them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeActionsViolations, codeActionViolations, codeLensViolations, hoverViolations } from './lspChecks.mjs';
import { hostile } from './lspHostile.mjs';
import { randomChange, randomPosition, randomRange, settingsFor } from './lspInputs.mjs';
import { languageIdOf } from './lspSession.mjs';
import { Random } from './random.mjs';
import { notebookCells } from './runner.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const { result } = await session.ask('textDocument/codeAction', params);
  if (result === undefined) return;
  for (const v of codeActionsViolations(result, document.uri, mirror)) session.report(v);
  for (const action of Array.isArray(result) ? result : []) {
    if (action?.edit !== undefined || action?.data === undefined) continue;
    const resolved = await session.ask('codeAction/resolve', action);
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
  const lens = session.capabilities.codeLensProvider ? await session.ask('textDocument/codeLens', { textDocument: { uri: document.uri } }) : {};
  const lenses = Array.isArray(lens.result) ? lens.result : [];
  if (lens.result !== undefined) for (const v of codeLensViolations(lens.result, mirror, session.commands)) session.report(v);
  const positions = Array.from({ length: r.int(1, 3) }, () => randomPosition(r, document.mirror));
  if (lenses.length) positions.push(r.pick(lenses).range?.start);
  for (const position of positions) {
    const { result } = await session.ask('textDocument/hover', { textDocument: { uri: document.uri }, position });
    if (result !== undefined) for (const v of hoverViolations(result, mirror)) session.report(v);
  }
  for (let i = r.int(1, 2); i > 0; i--) await codeActions(session, r, document, strict);
  const previewRequest = session.capabilities.experimental?.lossLens?.previewRequest;
  if (previewRequest && r.chance(0.5)) {
    const { result } = await session.ask(previewRequest, { textDocument: { uri: document.uri }, ...(r.chance(0.5) ? { position: randomPosition(r, document.mirror) } : { range: randomRange(r, document.mirror) }) });
    if (result !== undefined && result !== null && (typeof result.state !== 'object' || !Number.isInteger(result.line) || result.line < 1)) session.report(`${previewRequest} answered ${JSON.stringify(result).slice(0, 200)}`);
  }
  if (lenses.length && r.chance(0.2)) {
    const { command } = r.pick(lenses);
    const { result } = await session.ask('workspace/executeCommand', { command: command?.command, arguments: command?.arguments });
    if (result !== undefined && (typeof result?.file !== 'string' || typeof result?.url !== 'string')) session.report(`executeCommand ${command?.command} answered ${JSON.stringify(result).slice(0, 200)}`);
  }
}

/** Requests sent while the text changes under them; their answers are checked for form only. */
function inFlight(session, r, document) {
  const uri = document.uri;
  const kind = r.pick(['hover', 'hover', 'codeAction', 'codeLens']);
  if (kind === 'hover') return session.ask('textDocument/hover', { textDocument: { uri }, position: randomPosition(r, document.mirror) }).then(({ result }) => result !== undefined && hoverViolations(result).forEach((v) => session.report(v)));
  if (kind === 'codeLens') return session.ask('textDocument/codeLens', { textDocument: { uri } }).then(({ result }) => result !== undefined && codeLensViolations(result, undefined, session.commands).forEach((v) => session.report(v)));
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

/** Runs case `kase` of a run with `seed`; returns what went wrong and how long it took. */
export async function runLspCase(session, kase, seed) {
  const started = performance.now();
  const r = Random.forCase((seed ^ 0x2545f491) >>> 0, kase.index);
  session.violations = [];
  const stderrBefore = session.connection.stderr.length;
  session.configure({ lossLens: settingsFor(r, kase.options) });
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
