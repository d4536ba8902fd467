// Formulas read like the textbook: display-only rewriting that never changes a value.
import test from 'node:test';
import assert from 'node:assert/strict';
import { core, close } from './support.mjs';

const { analyze, textbookForm, compile, CATALOG, logitView } = core;

test('(ŷ − y)² rather than |ŷ − y|²', () => {
  assert.equal(analyze('abs(p - y)^2').latex, '(\\hat{y} - y)^{2}');
});

test('½δ² rather than 0.5 · δ · δ, with DELTA as δ', () => {
  assert.match(analyze('abs(p - y) + 0.5 * DELTA * DELTA', { set: { DELTA: 1.5 } }).latex, /\\tfrac\{1\}\{2\} \\, \\delta\^\{2\}/);
});

test('one "0 if …" row rather than two', () => {
  const a = analyze('p < y - 1 ? 0 : (p > y + 1 ? 0 : (p - y)^2)');
  for (const tex of [a.latex, a.derivativeLatex]) {
    assert.equal(tex.match(/0 & \\text\{if/g)?.length, 1, tex);
    // At the jump itself the derivative does not exist; which row owns the boundary is a convention.
    assert.match(tex, /\\hat\{y\} < y - 1 \\lor \\hat\{y\} (?:>|\\ge) y \+ 1/);
  }
  assert.match(a.latex, /\\hat\{y\} < y - 1 \\lor \\hat\{y\} > y \+ 1/);
});

test('derivatives: like terms collected, the sign on the coefficient, |u|·sgn(u) is u, the prediction leads a comparison', () => {
  assert.match(analyze('pt = y*p + (1-y)*(1-p); -alpha*(1-pt)^gamma*log(pt)').derivativeLatex, /\(2 \\, y - 1\)/);
  assert.match(analyze('error = y - p; error > 0 ? 2*error^2 : error^2').derivativeLatex, /-4 \\, \\mathit\{error\}/);
  const huber = analyze('abs(p - y) <= 1.5 ? 0.5*abs(p - y)^2 : 1.5*(abs(p - y) - 0.75)').derivativeLatex;
  assert.match(huber, /\\hat\{y\} - y & \\text\{if \}/);
  assert.match(analyze('max(0, abs(p - y) - epsilon)').derivativeLatex, /0 & \\text\{if \} \\left\|\\hat\{y\} - y\\right\| (?:<|\\le) \\epsilon/);
  assert.match(analyze('abs(p - y)').derivativeLatex, /^\\operatorname\{sgn\}\(\\hat\{y\} - y\)$/);
});

test('a factor times a case block goes into its rows', () => {
  const v = logitView(analyze('max(0, 1 - y*p)', { activation: 'sigmoid' }));
  assert.match(v.derivativeLatex, /^\\begin\{cases\} 0 & \\text\{if \} y \\, \\sigma\(z\) \\ge 1 \\\\ -y \\, \\sigma\(z\) \\, \(1 - \\sigma\(z\)\) & \\text\{otherwise\} \\end\{cases\}$/);
});

test('binary cross-entropy through a sigmoid is σ(z) − y; MSE keeps σ(z)(1 − σ(z))', () => {
  assert.equal(logitView(analyze('-(y*log(p) + (1-y)*log(1-p))', { activation: 'sigmoid' })).derivativeLatex, '\\sigma(z) - y');
  assert.equal(logitView(analyze('(p - y)^2', { activation: 'sigmoid' })).derivativeLatex, '2 \\, (\\sigma(z) - y) \\, \\sigma(z) \\, (1 - \\sigma(z))');
});

test('the textbook form has the value of the tree it was made from, for every catalog loss and gradient', () => {
  const points = [-2.3, -0.4, 0.15, 0.6, 0.93, 1.7];
  for (const loss of CATALOG) {
    const a = analyze(loss.expression, { wrt: loss.prediction, set: loss.parameters, activation: loss.activations[0] });
    const trees = [a.ast, a.derivativeAst];
    const view = logitView(analyze(loss.expression, { wrt: loss.prediction, set: loss.parameters, activation: 'sigmoid' }));
    trees.push(view.derivativeAst);
    for (const tree of trees) {
      const variables = [loss.prediction, view.variable, 'y', ...Object.keys(loss.parameters)];
      const before = compile(tree, variables);
      const after = compile(textbookForm(tree, { prediction: loss.prediction }), variables);
      for (const x of points) {
        for (const y of [0, 0.3, 1]) {
          const vals = [x, x, y, ...Object.values(loss.parameters)];
          const b = before(vals);
          const t = after(vals);
          assert.ok(Object.is(b, t) || (Number.isNaN(b) && Number.isNaN(t)) || close(b, t, 1e-12, 1e-12), `${loss.id} at ${x}, y=${y}: ${b} vs ${t}`);
        }
      }
    }
  }
});

test('a tree too large to read is typeset as it is', () => {
  const deep = `${'sigmoid('.repeat(120)}p${')'.repeat(120)}`;
  const a = analyze(deep, { budgetMs: 5000 });
  assert.equal(textbookForm(a.derivativeAst), a.derivativeAst, 'returned unchanged');
  assert.match(a.derivativeLatex, /\\sigma/);
});
