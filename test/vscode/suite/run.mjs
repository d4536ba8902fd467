#!/usr/bin/env node
// Runs the extension-host suite (test/vscode/suite/index.js) in a real VS Code, on a temp copy of examples/
// (quick fixes are applied there, never to the repository).
//
//   node test/vscode/suite/run.mjs              # code-server 4.100.3 (VS Code 1.100.3), offline; installs it
//                                               # (cached) with scripts/code-server/install.sh
//   node test/vscode/suite/run.mjs --electron   # @vscode/test-electron: downloads VS Code 1.100.3, or uses
//                                               # $VSCODE_EXECUTABLE_PATH
// Options: --no-build (use dist/ as is), --grep <substring or /regex/>, --timeout <s>, --keep (keep logs/temp)
// Prints the runner's summary; the last line is `N passed, N failed`. Exit code: the runner's (0 = passed).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const electron = flag('--electron');
const started = Date.now();

function step(what, cmd, cmdArgs) {
  const t0 = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${what} failed (${r.error?.message ?? `exit code ${r.status}`})`);
    console.log('0 passed, 0 failed');
    process.exit(2);
  }
  console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (!flag('--no-build')) step('build', process.execPath, ['build.mjs']);
if (!electron) step('code-server install', 'bash', [path.join(root, 'scripts/code-server/install.sh')]);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loss-lens-vscode-suite-'));
const workspace = path.join(tmp, 'examples');
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });

const runner = path.join(root, 'test/vscode/runner', electron ? 'run-in-electron.mjs' : 'run-in-code-server.mjs');
const runnerArgs = [
  runner,
  '--extension', root,
  '--tests', path.join(here, 'index.js'),
  '--workspace', workspace,
  '--results', path.join(tmp, 'results.json'),
];
if (!electron) {
  runnerArgs.push('--timeout', option('--timeout') ?? '600');
  if (option('--grep')) runnerArgs.push('--grep', option('--grep'));
  if (flag('--keep')) runnerArgs.push('--keep');
}
const env = { ...process.env };
if (electron && option('--grep')) env.LOSS_LENS_TEST_GREP = option('--grep');

const child = spawn(process.execPath, runnerArgs, { cwd: root, stdio: 'inherit', env });
const forward = (sig) => {
  if (child.exitCode === null) child.kill(sig);
};
process.on('SIGINT', () => forward('SIGINT'));
process.on('SIGTERM', () => forward('SIGTERM'));
child.on('exit', (code, signal) => {
  if (flag('--keep')) console.log(`kept workspace: ${workspace}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
  console.error(`test:vscode total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code ?? (signal ? 1 : 0));
});
