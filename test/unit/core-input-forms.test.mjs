// Input as people write it: a table of pasted losses (blog notation, named steps, LaTeX from articles), each
// read and compared numerically (value and gradient) with the same loss written in mathjs syntax.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { core, close, evaluateAt, root } from './support.mjs';

const latex = createRequire(import.meta.url)(path.join(root, 'dist/latex.cjs'));

const TABLE = [
  // [label, pasted, mathjs form, values, activation]
  ['blog: · ² ŷ', '(ŷ − y)²', '(ŷ - y)^2', { y: 0.3 }],
  ['blog: |u|', '|y − ŷ|', 'abs(y - ŷ)', { y: 0.3 }],
  ['blog: × and brackets', '0.5 × [y - p]^2', '0.5 * (y - p)^2', { y: 0.2 }],
  ['blog: ** (Python power)', '(p - y)**2', '(p - y)^2', { y: 1.5 }],
  ['blog: Σ with the batch index', '-Σ(y_i·log(p_i))', '-(y * log(p))', { y: 0.7 }, 'sigmoid'],
  ['blog: 1/n Σ', '1/n Σ (y_i − ŷ_i)²', '(y - ŷ)^2', { y: -0.4 }],
  ['blog: mean over the batch, predicted/actual', 'MSE = mean((predicted - actual)**2)', '(predicted - actual)^2', { actual: 2 }],
  ['blog: Huber with ≤ and ½', '|y − ŷ| ≤ δ ? ½(y − ŷ)² : δ·(|y − ŷ| − ½δ)', 'abs(y - ŷ) <= delta ? 0.5*(y - ŷ)^2 : delta*(abs(y - ŷ) - 0.5*delta)', { y: 0.2, δ: 1.3, delta: 1.3 }],
  ['blog: ln and σ', '-ln(σ(z))', '-log(sigmoid(z))', {}],
  ['steps: asymmetric', 'error = y - p; error > 0 ? 2*error^2 : error^2', 'y - p > 0 ? 2*(y - p)^2 : (y - p)^2', { y: 0.1 }],
  ['steps: focal with pt, one per line', 'pt = y*p + (1-y)*(1-p)\nloss = -alpha*(1-pt)^gamma*log(pt)', '-alpha*(1-(y*p + (1-y)*(1-p)))^gamma*log(y*p + (1-y)*(1-p))', { y: 1, alpha: 0.25, gamma: 2 }, 'sigmoid'],
  ['steps: code-like', 'const diff = yTrue - yPred;\nconst sq = diff * diff;\nreturn sq;', '(yTrue - yPred)^2', { yTrue: 0.6 }],
  ['LaTeX: BCE from an article', String.raw`-\frac{1}{n}\sum_i \left[y_i \log \hat{y}_i + (1 - y_i)\log(1 - \hat{y}_i)\right]`, '-(y*log(ŷ) + (1-y)*log(1-ŷ))', { y: 0.8 }, 'sigmoid'],
  ['LaTeX: MSE with limits', String.raw`\frac{1}{N}\sum_{i=1}^{N}(y_i - \hat{y}_i)^2`, '(y - ŷ)^2', { y: 0.25 }],
  ['LaTeX: Huber with cases', String.raw`L_\delta = \begin{cases} \frac12 (y-\hat y)^2 & |y - \hat y| \le \delta \\ \delta(|y-\hat y| - \frac12\delta) & \text{otherwise}\end{cases}`, 'abs(y - ŷ) <= delta ? 0.5*(y - ŷ)^2 : delta*(abs(y - ŷ) - 0.5*delta)', { y: 0.2, delta: 1.3 }],
  ['LaTeX: hinge', String.raw`\max(0, 1 - y \cdot \hat{y})`, 'max(0, 1 - y*ŷ)', { y: -1 }],
  ['LaTeX: logistic loss on a logit', String.raw`\log(1 + e^{-y z})`, 'log(1 + exp(-y*z))', { y: 1 }],
  ['LaTeX: focal', String.raw`-\alpha (1-p_t)^\gamma \log(p_t)`, '-alpha*(1-p_t)^gamma*log(p_t)', { alpha: 0.25, gamma: 2 }, 'sigmoid', 'p_t'],
];

function read(pasted) {
  return core.looksLikeLatex(pasted) ? latex.readLatex(pasted).expression : pasted;
}

for (const [label, pasted, mathjs, values, activation, wrt] of TABLE) {
  test(`pasted input, ${label}: ${pasted.replace(/\n/g, '⏎').slice(0, 60)}`, () => {
    const options = { activation, ...(wrt ? { wrt } : {}) };
    const a = core.analyze(read(pasted), options);
    const b = core.analyze(mathjs, options);
    assert.equal(a.wrt, b.wrt);
    const set = { ...values };
    const points = activation === 'sigmoid' ? [0.05, 0.3, 0.62, 0.9] : [-1.7, -0.35, 0.45, 1.1, 2.6];
    for (const x of points) {
      const u = evaluateAt(a, set, x);
      const v = evaluateAt(b, set, x);
      assert.ok(close(u.value, v.value, 1e-12, 1e-12), `value at ${x}: ${u.value} vs ${v.value}`);
      assert.ok(close(u.derivative, v.derivative, 1e-12, 1e-12), `gradient at ${x}: ${u.derivative} vs ${v.derivative}`);
    }
  });
}

test('what was assumed is said: the batch reduction, the index, σ as the sigmoid', () => {
  assert.deepEqual(core.analyze('1/n Σ (y_i − ŷ_i)²').assumptions, [
    'the mean over the batch (1/n Σ) is read per element',
    'the sum over the batch is read per element',
    'y_i is read as one example of the batch (the index _i dropped)',
    'ŷ_i is read as one example of the batch (the index _i dropped)',
  ]);
  assert.ok(core.analyze('-ln(σ(z))').assumptions.includes('σ(…) is read as the sigmoid'));
  assert.ok(latex.readLatex(String.raw`\sum_i (y_i - \hat{y}_i)^2`).assumptions.includes('the sum over the batch is read per element'));
});

test('spans of a rewritten input point into what was pasted', () => {
  const src = '-Σ(y·log(p) + (1 − y)·log(1 − p))';
  const a = core.analyze(src, { activation: 'sigmoid' });
  assert.deepEqual(a.diagnostics.map((d) => src.slice(d.span.start, d.span.end)), ['log(p)', 'log(1 − p)']);
  const fixed = a.diagnostics[1].fix.expression;
  assert.match(fixed, /^-Σ\(y·log\(p\) \+ \(1 − y\)·log\(1 − clip\(p, 1e-7, 1 - 1e-7\)\)\)$/);
  assert.equal(core.analyze(fixed, { activation: 'sigmoid' }).diagnostics.filter((d) => d.code === 'log-of-zero').length, 1);
});

test('what cannot be read says how to write it', () => {
  for (const [bad, hint] of [
    ['p + * y', /Write the loss like/],
    ['foo(p)', /The functions are abs/],
  ]) {
    assert.throws(() => core.analyze(bad), (err) => err instanceof core.ExpressionError && hint.test(err.message));
  }
  assert.throws(() => latex.readLatex(String.raw`\foo{x}`), /\\foo is not a command it knows\); write it with \\frac/);
  assert.throws(() => latex.readLatex(String.raw`\int_0^1 x\,dx`), /not a loss function Loss Lens reads|cannot be read/);
});
