// Property: for random smooth expressions, the symbolic derivative matches central differences.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { core } from './support.mjs';

const leaf = fc.oneof(
  fc.constant('p'),
  fc.constant('y'),
  fc.constant('a'),
  fc.integer({ min: 1, max: 9 }).map(String),
  fc.double({ min: 0.1, max: 5, noNaN: true }).map((v) => v.toFixed(3)),
);

const smooth = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*'), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) / (2 + (${b})^2)`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'sigmoid', 'softplus', 'atan'), tie('expr')).map(([f, a]) => `${f}(${a})`),
    tie('expr').map((a) => `exp(-(${a})^2)`),
    tie('expr').map((a) => `log(1 + (${a})^2)`),
    tie('expr').map((a) => `sqrt(1 + (${a})^2)`),
    fc.tuple(tie('expr'), fc.integer({ min: 2, max: 3 })).map(([a, n]) => `(${a})^${n}`),
    tie('expr').map((a) => `-(${a})`),
  ),
})).expr;

function centralDifference(f, x) {
  const h = 1e-5 * (1 + Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
}

test('symbolic derivative = central difference for random smooth expressions', () => {
  fc.assert(
    fc.property(smooth, fc.double({ min: -2, max: 2, noNaN: true }), (body, x) => {
      const src = `${body} + 0 * p`;
      const analysis = core.analyze(src, { wrt: 'p', set: { y: 0.7, a: 1.3 } });
      const { variables, loss, gradient } = core.evaluators(analysis);
      const at = (f) => (t) => f(variables.map((v) => (v === 'p' ? t : v === 'y' ? 0.7 : 1.3)));
      const numeric = centralDifference(at(loss), x);
      const symbolic = at(gradient)(x);
      if (!Number.isFinite(numeric) || !Number.isFinite(symbolic) || Math.abs(symbolic) > 1e6) return true;
      const tol = 1e-4 * (1 + Math.abs(symbolic));
      assert.ok(Math.abs(numeric - symbolic) <= tol, `${src} at p=${x}: symbolic ${symbolic} (${analysis.derivative}) vs numeric ${numeric}`);
      return true;
    }),
    { numRuns: 600, seed: 20261122 },
  );
});

test('the derivative text evaluates in a stock mathjs to the same numbers', async () => {
  const { mathjs } = await import('./support.mjs');
  fc.assert(
    fc.property(smooth, fc.double({ min: -2, max: 2, noNaN: true }), (body, x) => {
      const analysis = core.analyze(`${body} + 0 * p`, { wrt: 'p', set: { y: 0.7, a: 1.3 } });
      const { variables, gradient } = core.evaluators(analysis);
      const ours = gradient(variables.map((v) => (v === 'p' ? x : v === 'y' ? 0.7 : 1.3)));
      const theirs = Number(mathjs.evaluate(analysis.derivative, { p: x, y: 0.7, a: 1.3 }));
      if (!Number.isFinite(ours)) return true;
      assert.ok(Math.abs(ours - theirs) <= 1e-9 * (1 + Math.abs(ours)), `${analysis.derivative}: ${ours} vs mathjs ${theirs}`);
      return true;
    }),
    { numRuns: 300, seed: 7 },
  );
});
