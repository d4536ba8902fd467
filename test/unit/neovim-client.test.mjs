// A real LSP client: Neovim (Debian's, installed by scripts/install-system-deps.sh) runs headless with the
// README's configuration (editors/neovim/loss-lens.lua), opens a faulty file and reads the server's problems
// back through vim.diagnostic.get(), and the hover through its own request. Skipped only where nvim is absent.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './support.mjs';
import { lint } from './lint-support.mjs';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.error ? 'nvim is not installed (apt-get install neovim; CI installs it)' : false;
const config = path.join(root, 'editors/neovim/loss-lens.lua');

function runNeovim(file) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-nvim-'));
  try {
    const out = path.join(dir, 'out.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(root, 'test/neovim/open-faulty-file.lua')}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, LOSS_LENS_CLI: path.join(root, 'dist/cli.js'), LOSS_LENS_CONFIG: config, LOSS_LENS_FILE: file, LOSS_LENS_OUT: out },
    });
    assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}${run.stdout}`);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Neovim shows the diagnostics the lint finds in a faulty file, and the hover', { skip: missing }, () => {
  const file = path.join(root, 'examples/faulty/bce-on-sigmoid-unclipped.ts');
  const result = runNeovim(file);
  assert.equal(result.filetype, 'typescript');
  assert.equal(result.got_diagnostics, true);
  const expected = lint.lintText(readFileSync(file, 'utf8'), file).diagnostics;
  assert.deepEqual(
    result.diagnostics.map((d) => [d.code, d.lnum + 1, d.col + 1, d.source]).sort(),
    expected.map((d) => [d.code, d.line, d.column, 'loss-lens']).sort(),
  );
  assert.ok(result.diagnostics.every((d) => d.severity === 1), 'log-of-zero is an error (vim.diagnostic.severity.ERROR = 1)');
  assert.match(result.lens, /^Preview loss: binaryCrossEntropy/);
  assert.match(result.hover, /!\[loss\]\(data:image\/svg\+xml;base64,/);
});

test("the README's Neovim snippet is the configuration the test runs", () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.ok(readme.includes(readFileSync(config, 'utf8').trim()), 'README.md quotes editors/neovim/loss-lens.lua verbatim');
});
