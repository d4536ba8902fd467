import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import katex from 'katex';
import { create, all } from 'mathjs';

// softmax and logSoftmax in their two-class forms: what log(softmax(z)) from code is analysed as.
const require = createRequire(import.meta.url);
const core = require('../../dist/core.cjs');
const math = create(all);

test('softmax(z) is σ(z) and logSoftmax(z) is log σ(z), computed stably', () => {
  for (const z of [-120, -30, -2, 0, 0.5, 3, 40]) {
    const a = core.analyze('softmax(z)', { wrt: 'z' });
    const b = core.analyze('logSoftmax(z)', { wrt: 'z' });
    const ev = core.evaluators(a);
    const evLog = core.evaluators(b);
    assert.ok(Math.abs(ev.loss([z]) - 1 / (1 + Math.exp(-z))) < 1e-12);
    const expected = z > 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
    assert.ok(Math.abs(evLog.loss([z]) - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `logSoftmax(${z})`);
    assert.ok(Number.isFinite(evLog.loss([z])));
  }
});

test('their derivatives agree with central differences and evaluate in a stock mathjs', () => {
  for (const src of ['softmax(z)', 'logSoftmax(z)', '-y * logSoftmax(z) - (1 - y) * logSoftmax(-z)', 'log(softmax(2 * z + 1))']) {
    const a = core.analyze(src, { wrt: 'z', set: { y: 0.3 } });
    const ev = core.evaluators(a);
    for (const z of [-3, -0.4, 0.7, 2.5]) {
      const h = 1e-5;
      const numeric = (ev.loss([z + h, 0.3]) - ev.loss([z - h, 0.3])) / (2 * h);
      const symbolic = math.evaluate(a.derivative, { z, y: 0.3 });
      assert.ok(Math.abs(numeric - symbolic) < 1e-5, `${src} at ${z}: ${numeric} vs ${symbolic}`);
    }
    katex.renderToString(a.latex, { throwOnError: true });
    katex.renderToString(a.derivativeLatex, { throwOnError: true });
  }
});

test('log of a softmax reaches log(0) in float32; logSoftmax does not', () => {
  const unsafe = core.analyze('-log(softmax(z))', { wrt: 'z' });
  assert.deepEqual(unsafe.diagnostics.map((d) => d.code), ['log-of-zero']);
  const safe = core.analyze('-logSoftmax(z)', { wrt: 'z' });
  assert.deepEqual(safe.diagnostics, []);
});
