// `loss-lens lint --fix`: every fixable problem of the faulty examples fixed in place (the same rounds as the
// editors' "Fix all"), what is left reported, and a second run finding nothing more to fix.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './support.mjs';
import { lint } from './lint-support.mjs';

const CLI = path.join(root, 'dist/cli.js');

test('lint --fix rewrites every faulty example until nothing fixable is left, and reports what remains', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-fix-'));
  try {
    cpSync(path.join(root, 'examples/faulty'), dir, { recursive: true });
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    const before = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    const fixableIn = (f) => lint.lintText(readFileSync(f, 'utf8'), f).diagnostics.filter((d) => d.fixes.length > 0);
    assert.ok(files.every((f) => fixableIn(f).length > 0), 'every faulty example has something to fix');

    const run = spawnSync(process.execPath, [CLI, 'lint', '--fix', '--json', dir], { encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    for (const f of files) {
      assert.notEqual(readFileSync(f, 'utf8'), before.get(f), `${path.basename(f)} was rewritten`);
      assert.deepEqual(fixableIn(f).map((d) => d.code), [], `${path.basename(f)} has nothing fixable left`);
    }
    const reported = JSON.parse(run.stdout);
    const left = files.flatMap((f) => lint.lintText(readFileSync(f, 'utf8'), f).diagnostics.map((d) => `${path.basename(f)}:${d.line}:${d.code}`));
    assert.deepEqual(reported.map((r) => `${path.basename(r.file)}:${r.line}:${r.code}`).sort(), left.sort());
    const errorsLeft = reported.filter((r) => r.severity === 'error').length;
    assert.equal(run.status, errorsLeft > 0 ? 1 : 0, `the exit status is the lint's on the fixed files (${errorsLeft} errors without a fix left)`);
    const notebook = files.find((f) => f.endsWith('.ipynb'));
    assert.ok(notebook, 'the faulty examples include a notebook');
    const cellsBefore = JSON.parse(before.get(notebook)).cells;
    const cellsAfter = JSON.parse(readFileSync(notebook, 'utf8')).cells;
    assert.deepEqual(cellsAfter.filter((c) => c.cell_type !== 'code'), cellsBefore.filter((c) => c.cell_type !== 'code'), 'the notebook\'s fixes went into its code cells, not its JSON text or other cells');
    assert.equal(run.stderr.match(/^loss-lens: fixed \d+ problems? in /gm).length, files.length);

    const fixed = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    const again = spawnSync(process.execPath, [CLI, 'lint', '--fix', dir], { encoding: 'utf8' });
    assert.equal(again.status, run.status);
    assert.doesNotMatch(again.stderr, /fixed/);
    for (const f of files) assert.equal(readFileSync(f, 'utf8'), fixed.get(f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
