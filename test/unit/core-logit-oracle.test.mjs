// Oracle: dL/dz for every catalog loss under sigmoid, tanh and softmax (two-class), computed by SymPy from
// L(activation(z)) (test/oracle/generate_logit_oracle.py). Our chain-rule form is checked twice: compiled by
// the core, and as the `logitDerivative` text evaluated by a stock mathjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, mathjs, root, close } from './support.mjs';

const fixture = JSON.parse(readFileSync(path.join(root, 'test/fixtures/logit-oracle.json'), 'utf8'));

test('the logit oracle covers every catalog loss, with its current expression, under each activation', () => {
  for (const loss of core.CATALOG) {
    for (const activation of ['sigmoid', 'tanh', 'softmax']) {
      const cases = fixture.cases.filter((c) => c.id === loss.id && c.activation === activation);
      assert.ok(cases.length >= 1, `${loss.id} under ${activation} is missing: regenerate the fixture`);
      for (const c of cases) assert.equal(c.expression, loss.expression, `${loss.id}: the catalog changed; regenerate the fixture`);
    }
  }
});

for (const c of fixture.cases) {
  test(`logit oracle: ${c.id} under ${c.activation}, ${JSON.stringify(c.set)}`, () => {
    const analysis = core.analyze(c.expression, { wrt: c.wrt, set: c.set, activation: c.activation });
    const view = core.logitView(analysis);
    assert.ok(view, 'a logit view');
    assert.equal(view.variable, c.logitVariable);
    const compiledText = mathjs.compile(view.derivative);
    const variables = [view.variable, ...Object.keys(c.set)];
    const ours = core.compile(view.derivativeAst, variables);
    const loss = core.compile(view.ast, variables);
    for (const pt of c.points) {
      const scope = { ...c.set, [view.variable]: pt.z };
      const viaMathjs = Number(compiledText.evaluate(scope));
      assert.ok(close(viaMathjs, pt.derivative, 1e-7, 1e-10), `mathjs "${view.derivative}" at z=${pt.z}: ${viaMathjs} vs SymPy ${pt.derivative}`);
      const vals = variables.map((v) => scope[v]);
      assert.ok(close(ours(vals), pt.derivative, 1e-7, 1e-10), `compiled at z=${pt.z}: ${ours(vals)} vs ${pt.derivative}`);
      assert.ok(close(loss(vals), pt.value, 1e-9, 1e-12), `L at z=${pt.z}: ${loss(vals)} vs ${pt.value}`);
    }
  });
}
