// The CLI on hostile input: a folder of fuzzed files gives valid JSON and the same rows as linting each file on
// its own; the per-file budget and the internal-error exit status are options and documented ones.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeCase } from '../fuzz/cases.mjs';
import { loadSeeds } from '../fuzz/corpus.mjs';
import { QUICK_LIMITS } from '../fuzz/mutations.mjs';
import { lint, root } from './lint-support.mjs';

const CLI = path.join(root, 'dist/cli.js');
const SEED = 7;
const FILES = 60;

function run(args, cwd = root) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const key = (row) => `${row.file}|${row.cell ?? ''}|${row.line}:${row.column}-${row.endLine}:${row.endColumn}|${row.code}|${row.message}`;

test(`lint CLI: a folder of ${FILES} fuzzed files (seed ${SEED}) gives valid JSON, the same rows as each file alone`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loss-lens-fuzz-'));
  try {
    const seeds = loadSeeds();
    const written = [];
    for (let i = 0; i < FILES; i++) {
      const kase = makeCase(seeds, SEED, i, { budgetMs: 30_000, limits: QUICK_LIMITS });
      if (kase.cells) continue;
      const name = `case${i}${path.extname(kase.fileName).toLowerCase() || '.ts'}`;
      writeFileSync(path.join(dir, name), kase.text);
      written.push({ name, text: kase.text });
    }
    const r = run(['lint', '--json', '.'], dir);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error/);
    const rows = JSON.parse(r.stdout);
    const project = lint.projectFromMap(new Map(written.map((w) => [path.join(dir, w.name), w.text])));
    const alone = written.flatMap((w) => lint.lintText(w.text, path.join(dir, w.name), { budgetMs: 30_000, project }).diagnostics.map((d) => ({ ...d, file: w.name })));
    assert.deepEqual(rows.map(key).sort(), alone.map(key).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lint CLI: --file-budget is a whole number of milliseconds; help documents it and exit status 3', () => {
  for (const bad of ['0', '-5', 'fast', '1.5', '99999999999']) {
    const r = run(['lint', `--file-budget=${bad}`, 'examples']);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /^loss-lens: --file-budget expects a whole number of milliseconds/);
  }
  const help = run(['lint', '--help']);
  assert.match(help.stdout, /--file-budget MS/);
  assert.match(help.stdout, /3 when the lint of a file stopped on an internal error/);
  assert.match(run(['--help']).stdout, /3 an internal error/);
});

test('lint CLI: a file linted in part says so on stderr, and its findings elsewhere are kept', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loss-lens-partial-'));
  try {
    const text = `import * as tf from '@tensorflow/tfjs';\nconst weights = [${'0.1,'.repeat(6000)}0];\nconst myLoss = (yTrue, yPred) => tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred))));\n`;
    writeFileSync(path.join(dir, 'bundle.js'), text);
    const r = run(['lint', '--json', '--file-budget', '60000', 'bundle.js'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((row) => row.code), ['log-of-zero']);
    assert.match(r.stderr, /^loss-lens: linted in part: bundle\.js: a line longer than 20000 characters/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
