import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';

const { parseExpression, analyze, ExpressionError } = core;

function errorOf(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error');
}

test('accepts every construct the contract lists', () => {
  const inputs = [
    '(p - y)^2 + -p * 2 / 3',
    '1e-7 + log(p + 1e-7)',
    'abs(p) + sign(p) + max(p, y) + min(p, y) + exp(p) + log(p) + log(p, 2) + log1p(p) + log2(p) + log10(p)',
    'sqrt(p) + cbrt(p) + pow(p, 3) + sin(p) + cos(p) + sinh(p) + cosh(p) + tanh(p) + pi',
    'p < y ? 1 : (p <= y ? 2 : (p > y ? 3 : (p >= y ? 4 : (p == y ? 5 : (p != y ? 6 : 7)))))',
    'sigmoid(z) + relu(z) + softplus(z) + clip(z, -1, 1)',
  ];
  for (const s of inputs) assert.doesNotThrow(() => parseExpression(s), s);
});

test('names with underscores, camelCase, Greek words and ŷ work', () => {
  for (const [src, wrt, target] of [
    ['(y_pred - y_true)^2', 'y_pred', 'y_true'],
    ['(yPred - yTrue)^2', 'yPred', 'yTrue'],
    ['(ŷ - y)^2 * delta', 'ŷ', 'y'],
    ['abs(yhat - target) * gamma * alpha', 'yhat', 'target'],
    ['-label * log(pred)', 'pred', 'label'],
    ['max(logits, 0) - logits * labels', 'logits', 'labels'],
  ]) {
    const a = analyze(src);
    assert.equal(a.wrt, wrt, src);
    assert.equal(a.roles.target, target, src);
  }
});

test('a malformed expression names the column', () => {
  const err = errorOf(() => parseExpression('p + * y'));
  assert.ok(err instanceof ExpressionError);
  assert.equal(err.column, 5);
  assert.match(err.message, /column 5/);
  assert.equal(errorOf(() => parseExpression('log(p')).column, 6);
});

test('an unknown function is named as such, at its column', () => {
  const err = errorOf(() => parseExpression('2 * foo(p)'));
  assert.match(err.message, /unknown function 'foo'/);
  assert.equal(err.column, 5);
});

test('wrong arity, assignments inside an expression, matrices and bare function names are clear errors', () => {
  assert.match(errorOf(() => parseExpression('clip(p, 0)')).message, /clip\(\) takes 3 arguments/);
  assert.match(errorOf(() => parseExpression('2 * (a = p)')).message, /assignment/);
  assert.match(errorOf(() => parseExpression('[p, y]')).message, /parenthesis \) expected at column 3/, 'brackets are parentheses, so a list is a syntax error');
  assert.match(errorOf(() => parseExpression('sigmoid * p')).message, /is a function/);
  assert.match(errorOf(() => parseExpression('')).message, /empty/);
  assert.match(errorOf(() => parseExpression('   ')).message, /empty/);
  assert.match(errorOf(() => parseExpression(';')).message, /empty/);
  assert.match(errorOf(() => parseExpression(' ; ;\n')).message, /empty/);
});

test('spans point into the input, leading space included', () => {
  const src = ' -log(p)';
  const a = analyze(src, { activation: 'sigmoid' });
  const d = a.diagnostics.find((x) => x.code === 'log-of-zero');
  assert.equal(src.slice(d.span.start, d.span.end), 'log(p)');
});

test('chained comparisons read as mathjs does', () => {
  const a = analyze('0 < p < 1 ? p^2 : 0');
  assert.match(a.expression, /0 < p and p < 1/);
});

test('the prediction must be known: a clear error otherwise, and --wrt overrides', () => {
  assert.match(errorOf(() => analyze('a * b')).message, /cannot tell which variable is the prediction/);
  assert.equal(analyze('a * b^2', { wrt: 'b' }).wrt, 'b');
  assert.match(errorOf(() => analyze('p^2', { wrt: 'q' })).message, /no variable 'q'/);
});

test('deep nesting is an error, not a stack overflow', () => {
  const deep = `${'('.repeat(5000)}p${')'.repeat(5000)}`;
  assert.match(errorOf(() => parseExpression(deep)).message, /nested too deeply/);
  const chain = Array.from({ length: 3000 }, () => 'exp(').join('') + 'p' + ')'.repeat(3000);
  assert.ok(errorOf(() => analyze(chain)) instanceof ExpressionError);
});
