// `npm run demo`: sets everything up and opens the bundled examples/ in VS Code with Loss Lens loaded.
// Desktop VS Code (`code` on PATH) gets the extension in development mode; otherwise a cached code-server
// (VS Code in the browser; no internet needed) serves the packaged .vsix at http://127.0.0.1:PORT.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');
const port = Number(process.env.PORT ?? 8080);

function sh(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.status !== 0 && !options.allowFailure) {
    console.error(`demo: '${command} ${args.join(' ')}' failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  return r.status;
}

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!existsSync(path.join(root, 'node_modules'))) sh('npm', ['ci', '--no-audit', '--no-fund']);
sh('node', ['build.mjs', '--production']);

console.log('\nWhat Loss Lens finds in examples/ (the same checks the editor shows):');
sh('node', ['dist/cli.js', 'lint', 'examples'], { allowFailure: true });

if (onPath('code') && !process.env.LOSS_LENS_DEMO_CODE_SERVER) {
  sh('code', ['--extensionDevelopmentPath', root, examples]);
  console.log('\nOpened examples/ in VS Code with Loss Lens loaded. Open examples/faulty/bce-on-sigmoid-unclipped.ts and hover the loss.');
  process.exit(0);
}

sh('npm', ['run', '--silent', 'package', '--', '--out', 'loss-lens.vsix']);
sh('bash', ['scripts/code-server/install.sh']);
const cache = process.env.LOSS_LENS_CACHE ?? path.join(os.homedir(), '.cache', 'loss-lens');
const entry = path.join(cache, 'code-server-4.100.3', 'package', 'out', 'node', 'entry.js');
const state = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-demo-'));
const dirs = ['--user-data-dir', path.join(state, 'user'), '--extensions-dir', path.join(state, 'extensions')];
sh(process.execPath, [entry, ...dirs, '--install-extension', path.join(root, 'loss-lens.vsix')]);
const server = spawn(
  process.execPath,
  [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...dirs, examples],
  { stdio: 'inherit', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
);
console.log(`\nVS Code with Loss Lens: http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`);
console.log('Open examples/faulty/bce-on-sigmoid-unclipped.ts, hover the loss, and run "Loss: Preview". Ctrl+C stops the server.');
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The server's user data and extensions were for this run only: they go with it.
server.on('exit', (code) => {
  rmSync(state, { recursive: true, force: true });
  process.exit(code ?? 0);
});
