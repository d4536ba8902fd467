// Tokenizes TS/JS with VS Code's own TextMate engine and grammars, with the @loss injection added.
// They come from the code-server install the real-editor tests use (scripts/code-server/install.sh);
// without it these tests are skipped and say so.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root } from './support.mjs';

const require = createRequire(import.meta.url);
const cache = process.env.LOSS_LENS_CACHE ?? path.join(os.homedir(), '.cache/loss-lens');
const vscodeDir = path.join(cache, 'code-server-4.100.3/package/lib/vscode');
const available = existsSync(path.join(vscodeDir, 'node_modules/vscode-textmate'));
const skip = available ? false : `VS Code's TextMate engine is not installed (run scripts/code-server/install.sh)`;

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const injection = manifest.contributes.grammars[0];

async function registry() {
  const textmate = require(path.join(vscodeDir, 'node_modules/vscode-textmate'));
  const oniguruma = require(path.join(vscodeDir, 'node_modules/vscode-oniguruma'));
  await oniguruma.loadWASM(readFileSync(path.join(vscodeDir, 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer);
  const files = {
    'source.ts': path.join(vscodeDir, 'extensions/typescript-basics/syntaxes/TypeScript.tmLanguage.json'),
    'source.js': path.join(vscodeDir, 'extensions/javascript/syntaxes/JavaScript.tmLanguage.json'),
    [injection.scopeName]: path.join(root, injection.path),
  };
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (files[scope] ? textmate.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope) => (injection.injectTo.includes(scope) ? [injection.scopeName] : []),
  });
}

async function tokens(scope, lines) {
  const grammar = await (await registry()).loadGrammar(scope);
  let state = null;
  const out = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

const scopeOf = (toks, text) => toks.find((t) => t.text === text)?.scopes.join(' ') ?? `no token ${JSON.stringify(text)}`;

test('a @loss line comment highlights the tag and the expression as math', { skip }, async () => {
  const toks = await tokens('source.ts', ['// @loss -(y_true * log(y_pred + 1e-7)) + max(0, 1 - y_pred)', 'const x = log(1);']);
  assert.match(scopeOf(toks, '@'), /comment\.line.*storage\.type\.class\.jsdoc/);
  assert.match(scopeOf(toks, 'log'), /comment\.line.*support\.function\.math\.loss-lens/);
  assert.match(scopeOf(toks, 'max'), /support\.function\.math\.loss-lens/);
  assert.match(scopeOf(toks, 'y_true'), /variable\.other\.readwrite\.loss-lens/);
  assert.match(scopeOf(toks, '1e-7'), /constant\.numeric\.decimal\.loss-lens/);
  assert.match(scopeOf(toks, '*'), /keyword\.operator\.arithmetic\.loss-lens/);
  const code = toks.filter((t) => t.scopes.some((s) => s.includes('loss-lens')) && t.scopes.every((s) => !s.startsWith('comment')));
  assert.deepEqual(code, [], 'nothing outside the comment is touched');
});

test('in a JSDoc block the annotation ends at the closing */ and other tags stay as they were', { skip }, async () => {
  const toks = await tokens('source.ts', ['/**', ' * Focal loss.', ' * @param yTrue labels', ' * @loss -alpha * (1 - p)^gamma * log(p) */', 'function f() {}']);
  assert.match(scopeOf(toks, 'gamma'), /comment\.block\.documentation.*variable\.other\.readwrite\.loss-lens/);
  assert.match(scopeOf(toks, '^'), /keyword\.operator\.arithmetic\.loss-lens/);
  assert.doesNotMatch(scopeOf(toks, 'labels'), /loss-lens/);
  assert.doesNotMatch(scopeOf(toks, '*/'), /loss-lens/);
  assert.match(scopeOf(toks, 'function'), /storage\.type\.function/);
});

test('an @activation tag in the same comment ends the expression and names the activation', { skip }, async () => {
  const toks = await tokens('source.ts', ['/** @loss -log(1 - p) @activation sigmoid */']);
  assert.match(scopeOf(toks, 'p'), /variable\.other\.readwrite\.loss-lens/);
  assert.match(scopeOf(toks, 'sigmoid'), /support\.constant\.activation\.loss-lens/);
  assert.doesNotMatch(scopeOf(toks, 'sigmoid'), /meta\.embedded\.expression/);
  assert.match(scopeOf(toks, 'activation'), /storage\.type\.class\.jsdoc\.loss-lens/);
});

test('the injection reaches JavaScript, and a word merely containing "loss" is left alone', { skip }, async () => {
  const toks = await tokens('source.js', ['// @loss (p - y)^2']);
  assert.match(scopeOf(toks, 'p'), /comment\.line.*variable\.other\.readwrite\.loss-lens/);
  const others = await tokens('source.js', ['// see someone@loss.example, @lossy and email@loss']);
  assert.ok(!others.some((t) => t.scopes.some((s) => s.includes('loss-lens'))), JSON.stringify(others));
});
