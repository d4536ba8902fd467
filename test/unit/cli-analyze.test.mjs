// The `loss-lens analyze` contract (CONTRACT.md): fields, flags, exit codes, errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root, mathjs } from './support.mjs';

const cli = path.join(root, 'dist/cli.js');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

test('--json prints the contract fields', () => {
  const r = run('analyze', '--json', '--activation', 'sigmoid', '-(y*log(p) + (1-y)*log(1-p))');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const k of ['expression', 'latex', 'wrt', 'derivative', 'derivativeLatex', 'domain', 'kinks', 'diagnostics']) assert.ok(k in j, k);
  assert.equal(j.wrt, 'p');
  assert.deepEqual(j.domain, [0, 1]);
  assert.match(j.latex, /\\hat\{y\}/);
  assert.deepEqual(j.diagnostics.map((d) => d.code), ['log-of-zero', 'log-of-zero']);
  for (const d of j.diagnostics) {
    assert.ok(['error', 'warning', 'info'].includes(d.severity));
    assert.ok(Number.isInteger(d.span.start) && Number.isInteger(d.span.end));
  }
  const value = mathjs.evaluate(j.derivative, { p: 0.3, y: 1 });
  assert.ok(Math.abs(value - -1 / 0.3) < 1e-12);
});

test('an expression starting with - works after -- and with a leading space', () => {
  const a = run('analyze', '--json', '--wrt', 'p', '--', '-log(p)');
  assert.equal(a.status, 0, a.stderr);
  assert.equal(JSON.parse(a.stdout).wrt, 'p');
  const b = run('analyze', '--json', ' -log(p)');
  assert.equal(b.status, 0, b.stderr);
  assert.equal(JSON.parse(b.stdout).expression, '-log(p)');
});

test('--set gives kink values; --domain with infinite ends', () => {
  const r = run('analyze', '--json', '--set', 'y=0.5', '--set', 'delta=0.25', 'max(0, abs(p - y) - delta)');
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.kinks.map((k) => k.value).sort(), [0.25, 0.75]);
  assert.deepEqual(j.kinks.map((k) => k.at).sort(), ['p = y + delta', 'p = y - delta']);
  const d = JSON.parse(run('analyze', '--json', '--domain', '0:inf', 'sqrt(p)').stdout);
  assert.deepEqual(d.domain, [0, null]);
  assert.deepEqual(d.diagnostics.map((x) => x.code), ['sqrt-at-zero']);
  assert.deepEqual(JSON.parse(run('analyze', '--json', '--domain', '-inf:inf', 'p^2').stdout).domain, [null, null]);
});

test('every activation sets its domain', () => {
  const expected = { linear: [null, null], sigmoid: [0, 1], softmax: [0, 1], relu: [0, null], tanh: [-1, 1], softplus: [0, null], elu: [-1, null] };
  for (const [activation, domain] of Object.entries(expected)) {
    assert.deepEqual(JSON.parse(run('analyze', '--json', '--activation', activation, 'p^2').stdout).domain, domain, activation);
  }
});

test('bad input exits 2 with one line naming the column, and JSON error with --json', () => {
  const r = run('analyze', '--json', 'p + * y');
  assert.equal(r.status, 2);
  const { error } = JSON.parse(r.stdout);
  assert.equal(error.column, 5);
  assert.match(error.message, /^value expected at column 5\. Write the loss like /, 'says how to write it');
  assert.match(r.stderr, /column 5/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  for (const args of [['analyze', 'foo(p)'], ['analyze', 'a*b'], ['analyze', '--activation', 'bogus', 'p'], ['analyze', '--domain', '1:0', 'p'], ['analyze', '--set', 'y', 'p'], ['analyze'], ['analyze', '--nope', 'p'], ['frobnicate']]) {
    const x = run(...args);
    assert.equal(x.status, 2, args.join(' '));
    assert.equal(x.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${x.stderr}`);
    assert.doesNotMatch(x.stderr, /\n\s+at /);
  }
  assert.match(run('analyze', 'foo(p)').stderr, /unknown function 'foo'/);
});

test('human output names the loss, the gradient and each hazard with a caret', () => {
  const r = run('analyze', '--activation', 'sigmoid', '-log(p)');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Sparse categorical cross-entropy/);
  assert.match(r.stdout, /log-of-zero/);
  assert.match(r.stdout, /\^\^\^\^\^\^/);
});

test('long sums: read without recursion, findings grouped, the source shown once per group as a window', () => {
  const flat = Array.from({ length: 300 }, (_, i) => `${i % 3 === 1 ? '-' : '+'} (p - y)^2 * ${i + 1}`).join(' ').replace(/^\+ /, '');
  const j = JSON.parse(run('analyze', '--json', flat).stdout);
  assert.equal(j.roles.prediction, 'p');
  const sum = Array.from({ length: 200 }, (_, i) => `log(p) * ${i + 1}`).join(' + ');
  const r = run('analyze', sum);
  assert.equal(r.status, 0);
  const headers = r.stdout.split('\n').filter((l) => /^error log-of-zero/.test(l));
  assert.equal(headers.length, 1, 'one group for 200 identical findings');
  assert.match(headers[0], /\(200 places, columns 1-6, 14-19, /);
  assert.ok(r.stdout.length < 20_000, `${r.stdout.length} characters`);
  assert.match(r.stdout, /^ {2}fix: p → max\(p, 1e-7\) \(in each place\)$/m);
  const two = run('analyze', '--activation', 'sigmoid', '--', '-(y*log(p) + (1-y)*log(1-p))').stdout;
  assert.match(two, /^ {2}fixed: -\(y\*log\(clip\(p, 1e-7, 1 - 1e-7\)\) \+ \(1-y\)\*log\(1-p\)\)$/m, 'a short source keeps the whole fixed expression');
});

test('--precision: the JSON names it, the hazards follow it, and a bad value exits 2', () => {
  const bce = '-log(1 - clip(p, 1e-15, 1 - 1e-15))';
  const in32 = JSON.parse(run('analyze', '--json', '--activation', 'sigmoid', bce).stdout);
  assert.equal(in32.precision, 'float32');
  const hazardsOf = (j) => j.diagnostics.filter((d) => d.code !== 'non-differentiable').map((d) => d.code);
  assert.deepEqual(hazardsOf(in32), ['log-of-zero']);
  const in64 = JSON.parse(run('analyze', '--json', '--precision', 'float64', '--activation', 'sigmoid', bce).stdout);
  assert.equal(in64.precision, 'float64');
  assert.deepEqual(hazardsOf(in64), []);
  const bad = run('analyze', '--precision', 'float8', 'p');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--precision must be one of float16, float32, float64; got 'float8'/);
  assert.match(run('analyze', '--precision', 'float16', 'exp(p)').stdout, /overflows float16/);
});

test('--activation sigmoid/tanh/softmax adds the gradient through the activation; a stock mathjs evaluates it', () => {
  const bce = JSON.parse(run('analyze', '--json', '--activation', 'sigmoid', '-(y*log(p) + (1-y)*log(1-p))').stdout);
  assert.equal(bce.logitVariable, 'z');
  assert.equal(bce.logitDerivativeLatex, '\\sigma(z) - y');
  const s = 1 / (1 + Math.exp(-0.8));
  assert.ok(Math.abs(mathjs.evaluate(bce.logitDerivative, { z: 0.8, y: 1 }) - (s - 1)) < 1e-12);
  const tanh = JSON.parse(run('analyze', '--json', '--activation', 'tanh', '(p - y)^2').stdout);
  assert.ok(Math.abs(mathjs.evaluate(tanh.logitDerivative, { z: 0.3, y: 0.2 }) - 2 * (Math.tanh(0.3) - 0.2) * (1 - Math.tanh(0.3) ** 2)) < 1e-12);
  const softmax = JSON.parse(run('analyze', '--json', '--activation', 'softmax', '-log(p)').stdout);
  assert.equal(softmax.logitDerivativeLatex, '\\sigma(z) - 1');
  const linear = JSON.parse(run('analyze', '--json', '(p - y)^2').stdout);
  assert.equal('logitDerivative' in linear, false);
  const text = run('analyze', '--activation', 'sigmoid', '(p - y)^2').stdout;
  assert.match(text, /^d\/dz {8}2 \* /m);
});

test('named steps: listed in the text output and in the JSON, the expression written out', () => {
  const r = run('analyze', '--json', '--activation', 'sigmoid', 'pt = y*p + (1-y)*(1-p); -alpha*(1-pt)^gamma*log(pt)');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.steps.map((s) => s.name), ['pt']);
  assert.equal(j.expression, '-alpha * (1 - (y * p + (1 - y) * (1 - p))) ^ gamma * log(y * p + (1 - y) * (1 - p))');
  assert.match(j.latex, /p_\{t\}/);
  const text = run('analyze', 'e = y - p; e^2').stdout;
  assert.match(text, /^where e +y - p$/m);
});

test('LaTeX from a paper, recognised or forced with --from latex, says what it assumed', () => {
  const bce = String.raw`-\frac{1}{n}\sum_i \left[y_i \log \hat{y}_i + (1 - y_i)\log(1 - \hat{y}_i)\right]`;
  const j = JSON.parse(run('analyze', '--json', '--activation', 'sigmoid', '--', bce).stdout);
  assert.equal(j.input, bce);
  assert.equal(j.expression, '-(y * log(ŷ) + (1 - y) * log(1 - ŷ))');
  assert.equal(j.match.id, 'binaryCrossentropy');
  assert.ok(j.assumptions.includes('the sum over the batch is read per element'));
  assert.equal(j.logitDerivativeLatex, '\\sigma(z) - y');
  const forced = JSON.parse(run('analyze', '--json', '--from', 'latex', 'y^2 - p').stdout);
  assert.equal(forced.input, 'y^2 - p');
  const text = run('analyze', String.raw`\frac{1}{N}\sum_{i=1}^{N}(y_i - \hat{y}_i)^2`).stdout;
  assert.match(text, /^assumed {5}read from LaTeX as \(y - ŷ\) \^ 2$/m);
  const bad = run('analyze', String.raw`\foo{x}`);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /\\foo is not a command it knows/);
  assert.equal(run('analyze', '--from', 'tex', 'p').status, 2);
});
