import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './support.mjs';
import { loadTsModule, packageJson } from './extension-support.mjs';

const commands = await loadTsModule('src/extension/commands.ts');
const languages = await loadTsModule('src/extension/manifest.ts');
const { contributes, activationEvents } = packageJson;

test('every command id is contributed with the category "Loss", and every contributed command has an id constant', () => {
  const ids = Object.values(commands.Command).sort();
  assert.deepEqual(contributes.commands.map((c) => c.command).sort(), ids);
  for (const c of contributes.commands) assert.equal(c.category, 'Loss', c.command);
  assert.equal(contributes.commands.find((c) => c.command === commands.Command.preview).title, 'Preview');
});

test('activation: the four languages, the commands and the preview panel type, nothing broader', () => {
  for (const language of languages.LANGUAGES) assert.ok(activationEvents.includes(`onLanguage:${language}`), language);
  assert.ok(activationEvents.includes(`onWebviewPanel:${commands.PREVIEW_VIEW_TYPE}`));
  for (const id of [commands.Command.preview, commands.Command.previewExpression]) assert.ok(activationEvents.includes(`onCommand:${id}`), id);
  assert.ok(!activationEvents.includes('*') && !activationEvents.includes('onStartupFinished'));
});

test('menus only name contributed commands and submenus', () => {
  const ids = new Set(contributes.commands.map((c) => c.command));
  const submenus = new Set(contributes.submenus.map((s) => s.id));
  for (const [menu, items] of Object.entries(contributes.menus)) {
    assert.ok(menu.includes('/') || menu === 'commandPalette' || submenus.has(menu), menu);
    for (const item of items) assert.ok(item.command ? ids.has(item.command) : submenus.has(item.submenu), JSON.stringify(item));
  }
});

test('the grammar is injected into TS/JS and its file is valid JSON with the declared scope name', () => {
  const [grammar] = contributes.grammars;
  assert.deepEqual([...grammar.injectTo].sort(), ['source.js', 'source.js.jsx', 'source.ts', 'source.tsx']);
  const file = JSON.parse(readFileSync(path.join(root, grammar.path), 'utf8'));
  assert.equal(file.scopeName, grammar.scopeName);
  assert.match(file.injectionSelector, /comment/);
});

test('untrusted and virtual workspaces are supported; the icon and license exist', () => {
  assert.deepEqual(packageJson.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  assert.equal(packageJson.main, './dist/extension.js');
  const icon = readFileSync(path.join(root, packageJson.icon));
  assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(icon.readUInt32BE(16), 128);
  assert.equal(icon.readUInt32BE(20), 128);
  assert.ok(existsSync(path.join(root, 'LICENSE')) && existsSync(path.join(root, 'CHANGELOG.md')));
});

test('.vscodeignore re-includes every bundle the extension loads at run time', () => {
  const lines = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.equal(lines[0], '**');
  const modules = readFileSync(path.join(root, 'src/extension/modules.ts'), 'utf8');
  const loaded = [...modules.matchAll(/load<\w+>\('([\w.]+)'\)/g)].map((m) => `dist/${m[1]}`);
  assert.ok(loaded.length >= 2, 'modules.ts names its bundles');
  const analyses = readFileSync(path.join(root, 'src/extension/languageService.ts'), 'utf8');
  const worker = /bundlePath\('([\w.]+)'\)/.exec(analyses)[1];
  for (const file of ['dist/extension.js', 'dist/typescript.cjs', `dist/${worker}`, ...loaded]) assert.ok(lines.includes(`!${file}`), file);
  for (const pattern of ['!dist/webview/*.js', '!dist/webview/*.css', '!media/icon.png', '!LICENSE', '!README.md', '!CHANGELOG.md']) assert.ok(lines.includes(pattern), pattern);
});

test('.vue and .svelte files get the language the extension activates on even without a Vue or Svelte extension', () => {
  // VS Code opens a file whose extension no language claims as plain text, which the extension does not read.
  const byId = new Map((contributes.languages ?? []).map((l) => [l.id, l.extensions]));
  for (const [id, extension] of [['vue', '.vue'], ['svelte', '.svelte']]) {
    assert.ok(activationEvents.includes(`onLanguage:${id}`), id);
    assert.deepEqual(byId.get(id), [extension], id);
  }
});
