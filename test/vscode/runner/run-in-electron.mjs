#!/usr/bin/env node
// Same suite, standard runner: @vscode/test-electron (downloads VS Code unless
// VSCODE_EXECUTABLE_PATH points at an installed `code`). Needs network access to
// update.code.visualstudio.com, so it cannot run on the offline build machines; use
// run-in-code-server.mjs there. Same CLI and same last line (`N passed, N failed`).
//
//   node test/vscode/runner/run-in-electron.mjs --extension <abs> --tests <abs/tests/index.js> \
//     --workspace <dir> [--results <file>] [--version 1.100.3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const args = process.argv.slice(2);
const get = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
};
const extension = path.resolve(get('--extension', process.cwd()));
const tests = get('--tests') && path.resolve(get('--tests'));
const workspace = get('--workspace') && path.resolve(get('--workspace'));
if (!tests || !workspace) {
  console.error('usage: run-in-electron.mjs --extension <abs> --tests <abs/index.js> --workspace <dir> [--results f] [--version v]');
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loss-lens-electron-'));
const results = path.resolve(get('--results', path.join(tmp, 'results.json')));
fs.rmSync(results, { force: true });

const { runTests } = require('@vscode/test-electron');
let code = 0;
try {
  await runTests({
    version: get('--version', '1.100.3'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    extensionDevelopmentPath: extension,
    extensionTestsPath: tests,
    extensionTestsEnv: { LOSS_LENS_TEST_RESULTS: results },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(tmp, 'user-data')}`,
      `--extensions-dir=${path.join(tmp, 'extensions')}`,
    ],
  });
} catch (e) {
  code = 1;
  if (!fs.existsSync(results)) console.error(`error: ${e?.message ?? e}`);
}
let res = null;
try {
  res = JSON.parse(fs.readFileSync(results, 'utf8'));
} catch {
  code = code || 1;
}
if (res) {
  for (const t of res.tests) console.log(`  ${t.ok ? 'PASS' : 'FAIL'}  ${t.name} (${t.ms} ms)`);
  if (res.failed > 0 || res.passed === 0) code = 1;
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${res?.passed ?? 0} passed, ${res?.failed ?? 0} failed`);
process.exit(code);
