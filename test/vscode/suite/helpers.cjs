// Helpers for the extension-host suite: bounded polling (never fixed sleeps), the workspace's files, the
// extension's diagnostics. Runs inside the extension host, with the real `vscode` module.
'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, SOURCE } = require('./expected.cjs');

/**
 * Polls `fn` until it returns a truthy value and resolves with it. Fails after `timeout` ms with
 * `message` and, when given, `describe()` of the last state (so a failure says what was there instead).
 */
async function waitFor(fn, { timeout = 15000, interval = 50, message = 'condition', describe } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      let state = '';
      if (describe) {
        try {
          state = `; last state: ${describe()}`;
        } catch (e) {
          state = `; (describe failed: ${e})`;
        }
      }
      const cause = lastError ? `; last error: ${lastError.stack || lastError}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${state}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'the test workspace (a copy of examples/) is open');
  return folder.uri;
}

/** URI of a file of the workspace, from its path relative to the workspace folder ('faulty/x.ts'). */
function fileUri(relative) {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

async function openDocument(relative) {
  return vscode.workspace.openTextDocument(fileUri(relative));
}

async function showDocument(relative, options = {}) {
  const document = await openDocument(relative);
  const editor = await vscode.window.showTextDocument(document, { preview: false, ...options });
  return { document, editor };
}

function codeOf(diagnostic) {
  const c = diagnostic.code;
  return c && typeof c === 'object' ? String(c.value) : String(c);
}

/** The extension's diagnostics of a document, sorted by position. */
function lossDiagnostics(uri) {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

const SEVERITY_NAME = ['error', 'warning', 'info', 'hint'];

function describeDiagnostics(list) {
  return JSON.stringify(
    list.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAME[d.severity]} ${codeOf(d)}`),
  );
}

function sortedUnique(values) {
  return [...new Set(values)].sort();
}

/** `codes` (sorted, unique) of the diagnostics equals `expected`. */
function sameCodes(list, expected) {
  return JSON.stringify(sortedUnique(list.map(codeOf))) === JSON.stringify(sortedUnique(expected));
}

async function waitForActivation(timeout = 30000) {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed in this host`);
  await waitFor(() => extension.isActive, { timeout, message: `${EXTENSION_ID} to activate` });
  return extension;
}

/**
 * Resolves once the extension has analysed the document's current version: its CodeLens provider answers
 * only from a finished analysis, and the diagnostics of that analysis are published (in this same
 * extension host) before it answers. Returns the CodeLenses.
 */
async function waitForAnalysis(document, { timeout = 20000 } = {}) {
  return waitFor(
    async () => {
      const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri);
      const ours = (lenses || []).filter((l) => l.command && l.command.command === 'lossLens.preview');
      return ours.length > 0 ? ours : null;
    },
    { timeout, interval: 100, message: `the "Preview loss" CodeLens of ${vscode.workspace.asRelativePath(document.uri)}` },
  );
}

/** Every Markdown string of a list of hovers, as text. */
function hoverMarkdown(hovers) {
  return (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

/** Markdown images with an SVG data URL: [{alt, svg}] (svg decoded). */
function svgImages(markdown) {
  const out = [];
  const re = /!\[([^\]]*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    out.push({ alt: m[1], svg: Buffer.from(m[2], 'base64').toString('utf8') });
  }
  return out;
}

/** All tabs of all groups that show a Loss Lens preview. */
function previewTabs() {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs.map((tab) => ({ tab, group: g })))
    .filter(({ tab }) => tab.input instanceof vscode.TabInputWebview && /(^|-)lossLens\.preview$/.test(tab.input.viewType));
}

module.exports = {
  waitFor,
  workspaceRoot,
  fileUri,
  openDocument,
  showDocument,
  codeOf,
  lossDiagnostics,
  describeDiagnostics,
  sameCodes,
  sortedUnique,
  waitForActivation,
  waitForAnalysis,
  hoverMarkdown,
  svgImages,
  previewTabs,
};
