import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { core } from './support.mjs';

const katex = createRequire(import.meta.url)('katex');
const render = (tex) => katex.renderToString(tex, { throwOnError: true, displayMode: true });

for (const loss of core.CATALOG) {
  test(`catalog ${loss.id}: parse → TeX → KaTeX renders loss and gradient`, () => {
    const a = core.analyze(loss.expression, { set: loss.parameters, activation: loss.activations[0] });
    assert.doesNotThrow(() => render(a.latex), a.latex);
    assert.doesNotThrow(() => render(a.derivativeLatex), a.derivativeLatex);
    for (const k of a.kinks) assert.doesNotThrow(() => render(k.atLatex));
  });
}

test('TeX reads like a textbook', () => {
  const bce = core.analyze('-(y*log(p) + (1-y)*log(1-p))');
  assert.match(bce.latex, /\\hat\{y\}/);
  assert.match(bce.latex, /\\log/);
  assert.match(bce.derivativeLatex, /\\frac\{/);
  const huber = core.analyze('abs(p - y) <= delta ? 0.5*(p - y)^2 : delta*(abs(p - y) - 0.5*delta)');
  assert.match(huber.latex, /\\begin\{cases\}.*\\text\{if \}.*\\text\{otherwise\}.*\\end\{cases\}/);
  assert.match(huber.latex, /\\delta/);
  assert.match(core.analyze('max(p - y, 0) * gamma + alpha * eps').latex, /\\gamma \\, \\max.*\\alpha.*\\epsilon/, 'symbols lead a product');
  assert.match(core.analyze('(y_pred - y_true)^2').latex, /\\hat\{y\} - y/);
  assert.match(core.analyze('p * 1e-7').latex, /10\^\{-7\}/);
});

test('unusual names still give valid TeX', () => {
  for (const src of ['p * my_weight_2 + w_1', 'p * théta', 'p * $x', 'p * lambda_reg']) {
    assert.doesNotThrow(() => render(core.analyze(src).latex), src);
  }
});
