// Oracle: values and derivatives that SymPy computed (test/oracle/generate_sympy_oracle.py) for 117 losses.
// Each derivative is checked twice: through our evaluator, and as the `derivative` text evaluated by a stock mathjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, mathjs, root, close, evaluateAt } from './support.mjs';

const fixture = JSON.parse(readFileSync(path.join(root, 'test/fixtures/sympy-oracle.json'), 'utf8'));

test('the oracle fixture has at least 60 losses', () => {
  assert.ok(fixture.cases.length >= 60, `only ${fixture.cases.length} cases`);
});

for (const c of fixture.cases) {
  test(`SymPy oracle: ${c.id}: ${c.expression}`, () => {
    const analysis = core.analyze(c.expression, { wrt: c.wrt, set: c.set });
    assert.equal(analysis.wrt, c.wrt);
    const compiled = mathjs.compile(analysis.derivative);
    for (const pt of c.points) {
      const ours = evaluateAt(analysis, c.set, pt.x);
      assert.ok(close(ours.value, pt.value, 1e-9), `value at ${pt.x}: ${ours.value} vs SymPy ${pt.value}`);
      assert.ok(close(ours.derivative, pt.derivative, 1e-7), `derivative at ${pt.x}: ${ours.derivative} vs SymPy ${pt.derivative} (ours: ${analysis.derivative})`);
      const viaMathjs = compiled.evaluate({ ...c.set, [c.wrt]: pt.x });
      assert.ok(close(Number(viaMathjs), pt.derivative, 1e-7), `mathjs evaluation of "${analysis.derivative}" at ${pt.x}: ${viaMathjs} vs ${pt.derivative}`);
    }
  });
}
