import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expected, lint, root } from './lint-support.mjs';

const CLI = path.join(root, 'dist/cli.js');

function run(args, cwd = root) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expectedCount = (prefix) => Object.entries(expected).filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v.diagnostics.length, 0);

test('lint: silent fixtures exit 0 with no output', () => {
  const r = run(['test/fixtures/lint/silent']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
});

test('lint: the fixture folder gives stylish output and exit 1', () => {
  const r = run(['test/fixtures/lint']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^test\/fixtures\/lint\/flagged\/add-softmax-single-unit\.ts\n {2}12:11 {2}warning {2}softmax over 1 unit always outputs 1/m);
  const total = expectedCount('');
  assert.match(r.stdout, new RegExp(`✖ ${total} problems \\(\\d+ errors, \\d+ warnings, \\d+ infos?\\)\\n$`));
  assert.ok(!r.stdout.includes('silent/'));
});

test('lint --json prints the contract fields, with paths relative to the working directory', () => {
  const r = run(['--json', 'test/fixtures/lint/flagged']);
  assert.equal(r.code, 1);
  const rows = JSON.parse(r.stdout);
  assert.equal(rows.length, expectedCount('flagged/'));
  for (const row of rows) {
    for (const k of ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'severity', 'message']) assert.ok(k in row, k);
    assert.ok(row.file.startsWith('test/fixtures/lint/flagged/'));
    assert.ok(Array.isArray(row.fixes));
    const rel = row.file.slice('test/fixtures/lint/'.length);
    assert.ok(expected[rel].diagnostics.some((d) => d.code === row.code && d.line === row.line), `${rel}:${row.line} ${row.code}`);
  }
  const given = JSON.parse(run(['--json', './test/fixtures/lint/flagged/dice-loss-segmentation.ts']).stdout);
  assert.equal(given[0].file, './test/fixtures/lint/flagged/dice-loss-segmentation.ts');
});

test('lint --format sarif prints SARIF 2.1.0 for code scanning', () => {
  const r = run(['--format', 'sarif', 'test/fixtures/lint']);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].results.length, expectedCount(''));
  assert.ok(log.runs[0].results.every((x) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith('test/fixtures/lint/')));
  assert.match(log.runs[0].originalUriBaseIds.SRCROOT.uri, /^file:\/\/.*\/$/);
});

test('lint --max-warnings: warnings pass by default and fail above the limit; errors always fail', () => {
  const warningsOnly = 'test/fixtures/lint/flagged/sequential-linear-bce.ts';
  assert.equal(run([warningsOnly]).code, 0);
  assert.equal(run(['--max-warnings', '1', warningsOnly]).code, 0);
  const over = run(['--max-warnings', '0', warningsOnly]);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /1 warning, more than --max-warnings 0/);
  assert.equal(run(['--max-warnings', '100', 'test/fixtures/lint/flagged/regression-mse-name.ts']).code, 1);
});

test('lint: globs, and folders without node_modules', () => {
  const glob = run(['--json', 'test/fixtures/lint/silent/*.js']);
  assert.equal(glob.code, 0, glob.stderr);
  assert.deepEqual(JSON.parse(glob.stdout), []);
  const dir = mkdtempSync(path.join(tmpdir(), 'loss-lens-lint-'));
  try {
    mkdirSync(path.join(dir, 'node_modules/pkg'), { recursive: true });
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'node_modules/pkg/index.js'), "tf.sequential().compile({ loss: 'mse' });\n");
    writeFileSync(path.join(dir, 'src/types.d.ts'), "declare const x: 'mse';\n");
    writeFileSync(path.join(dir, 'src/train.mjs'), "const m = tf.sequential();\nm.compile({ optimizer: 'sgd', loss: 'mae' });\n");
    writeFileSync(path.join(dir, 'README.md'), "model.compile({loss: 'mse'})\n");
    const r = run(['--json', '.'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).map((x) => `${x.file} ${x.code}`), [`src${path.sep}train.mjs unknown-loss`]);
    const g = run(['--json', '**/*.js'], dir);
    assert.equal(g.code, 2, 'node_modules is skipped by globs too, so nothing matches');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lint: usage and I/O errors exit 2 with one clear line', () => {
  const cases = [
    [['no/such/file.ts'], /no\/such\/file\.ts: no such file or folder/],
    [['nothing-*.ts'], /no TypeScript, JavaScript, Python or notebook files match 'nothing-\*\.ts'/],
    [[], /give files, folders or globs to lint/],
    [['--format', 'xml', 'src'], /--format must be one of stylish, json, sarif/],
    [['--json', '--format', 'sarif', 'src'], /--json and --format are exclusive/],
    [['--max-warnings=-1', 'src'], /--max-warnings expects a whole number/],
    [['--bogus', 'src'], /Unknown option '--bogus'/],
    [['package.json'], /package\.json: not a TypeScript, JavaScript, Python or notebook file/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(!/at .*\.js:\d+/.test(r.stderr), 'no stack trace');
  }
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--max-warnings N/);
  // The help names every kind of file the lint reads, so it cannot fall behind the readers.
  for (const ext of lint.LINTABLE_EXTENSIONS) assert.ok(help.stdout.includes(` ${ext}`) || help.stdout.includes(`(${ext}`), `lint --help names ${ext}`);
});

test('lint --report-unread lists the losses found but not read, on stderr, and changes nothing else', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loss-lens-unread-'));
  try {
    const file = path.join(dir, 'loss.ts');
    writeFileSync(file, "import * as tf from '@tensorflow/tfjs';\nimport { helper } from 'some-package';\nexport function myLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {\n  return helper(yTrue, yPred);\n}\n");
    const plain = run([file]);
    const reported = run(['--report-unread', file]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(reported.code, 0, reported.stderr);
    assert.equal(reported.stdout, plain.stdout);
    assert.equal(plain.stderr, '');
    assert.match(reported.stderr, /^loss-lens: .*loss\.ts:3:17: myLoss: Loss Lens sees a loss here but cannot read it, so nothing in it is checked: .+\.\n$/);
    assert.match(run(['--help']).stdout, /--report-unread/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
