import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';
const { analyze } = core;

const codes = (src, options) => core.analyze(src, options).diagnostics.filter((d) => d.code !== 'non-differentiable').map((d) => d.code);
const sigmoid = { activation: 'sigmoid' };

test('log(p) on a sigmoid output is log-of-zero, with the span of the log', () => {
  const a = core.analyze('-y*log(p)', sigmoid);
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['log-of-zero']);
  const d = a.diagnostics[0];
  assert.equal(a.source.slice(d.span.start, d.span.end), 'log(p)');
  assert.match(d.message, /-Infinity/);
  assert.match(d.message, /NaN/);
});

test('clipping clears the hazard', () => {
  assert.deepEqual(codes('-y*log(max(p, 1e-7))', sigmoid), []);
  assert.deepEqual(codes('-(y*log(clip(p, 1e-7, 1 - 1e-7)) + (1 - y)*log(1 - clip(p, 1e-7, 1 - 1e-7)))', sigmoid), []);
  assert.deepEqual(codes('-y*log(p + 1e-7)', sigmoid), []);
});

test('the closed domain matters: 1 - p reaches 0 on a sigmoid output', () => {
  assert.deepEqual(codes('-log(1 - p)', sigmoid), ['log-of-zero']);
  assert.deepEqual(codes('-log(1 - p)', { domain: [0, 0.5] }), []);
});

test('log(1 + exp(-abs(z))) is safe; log(sigmoid(z)) and log(1 - sigmoid(z)) are not, and get the stable form', () => {
  assert.deepEqual(codes('max(z, 0) - z*y + log(1 + exp(-abs(z)))'), []);
  const a = core.analyze('-y*log(sigmoid(z)) - (1 - y)*log(1 - sigmoid(z))');
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['log-of-zero', 'log-of-zero']);
  assert.match(a.diagnostics[0].fix.expression, /softplus\(-z\)/);
  assert.match(a.diagnostics[1].fix.expression, /softplus\(z\)/);
  const fixed = a.diagnostics[1].fix.expression;
  assert.deepEqual(codes(a.diagnostics[0].fix.expression).length, 1, 'fixing one log leaves the other');
  assert.ok(!codes(fixed).includes('exp-overflow'));
});

test('every offered fix really clears its hazard', () => {
  const cases = [
    ['-(y*log(p) + (1-y)*log(1-p))', sigmoid],
    ['(p - y)^2 / p', { activation: 'relu' }],
    ['sqrt(p)', { activation: 'relu' }],
    ['log(1 + exp(z))', {}],
    ['exp(p) - y', {}],
    ['log(p)', {}],
  ];
  for (const [src, options] of cases) {
    const a = core.analyze(src, options);
    const hazards = a.diagnostics.filter((d) => d.code !== 'non-differentiable');
    assert.ok(hazards.length > 0, src);
    for (const d of hazards) {
      assert.ok(d.fix, `${src}: ${d.code} has a fix`);
      const before = codes(src, options).filter((c) => c === d.code).length;
      const after = codes(d.fix.expression, options).filter((c) => c === d.code).length;
      assert.ok(after < before, `${src} → ${d.fix.expression}`);
    }
  }
});

test('division, sqrt and exp hazards', () => {
  assert.deepEqual(codes('y / p', sigmoid), ['division-by-zero']);
  assert.deepEqual(codes('y / (p + 1)', sigmoid), []);
  assert.deepEqual(codes('sqrt(p)', { activation: 'relu' }), ['sqrt-at-zero']);
  assert.deepEqual(codes('sqrt(p + 1)', { activation: 'relu' }), []);
  assert.deepEqual(codes('sqrt((p - y)^2 + 1e-6)'), []);
  assert.deepEqual(codes('exp(-y*p)'), ['exp-overflow']);
  assert.deepEqual(codes('exp(p)', sigmoid), []);
  assert.deepEqual(codes('p^(-1)', sigmoid), ['division-by-zero']);
});

test('sqrt at zero is a hazard of the prediction only: a root of data alone is never differentiated', () => {
  assert.deepEqual(codes('sqrt((p - y)^2)'), ['sqrt-at-zero']);
  assert.deepEqual(codes('((p - y)^2)^0.5'), ['sqrt-at-zero']);
  assert.deepEqual(codes('(p - y)^2 / (sqrt(w^2) + 1)', { wrt: 'p' }), []);
  assert.deepEqual(codes('(p - y)^2 * sqrt(y)', { wrt: 'p' }), []);
  // A divisor of data that reaches 0 still is one: the loss's value is Infinity.
  assert.deepEqual(codes('(p - y)^2 / sqrt(y)', { wrt: 'p' }), ['division-by-zero']);
});

test('a conditional guards its branches', () => {
  assert.deepEqual(codes('p > 0 ? -log(p) : 0', sigmoid), []);
  assert.deepEqual(codes('p > 1e-7 ? -log(p) : -log(1e-7)', sigmoid), []);
  assert.deepEqual(codes('y == 1 ? -log(p) : -log(1 - p)', sigmoid), ['log-of-zero', 'log-of-zero']);
});

test('an exact value replaced at an end of the domain guards it; one inside the domain does not', () => {
  // `p == 0 ? ε : p` keeps p > 0 in its other branch, as `p > 0 ? … : …` does.
  assert.deepEqual(codes('-log(p == 0 ? 0.001 : p)', sigmoid), []);
  assert.deepEqual(codes('-log(1 - (p == 1 ? 0.999 : p))', sigmoid), []);
  assert.deepEqual(codes('-log(p != 0 ? p : 0.001)', sigmoid), []);
  // Both ends, one after the other (`if (p === 0) p = ε; if (p === 1) p = 1 − ε;`).
  assert.deepEqual(codes('-(y*log(p == 0 ? 0.001 : (p == 1 ? 0.999 : p)) + (1 - y)*log(1 - (p == 0 ? 0.001 : (p == 1 ? 0.999 : p))))', sigmoid), []);
  // A point inside the domain taken out leaves 0 in it; the other end is not guarded.
  assert.deepEqual(codes('-log(p == 0.5 ? 0.001 : p)', sigmoid), ['log-of-zero']);
  assert.deepEqual(codes('-log(1 - (p == 0 ? 0.001 : p))', sigmoid), ['log-of-zero']);
});

test('float32 saturation: exp overflows past 88.7, sigmoid reaches exactly 1', () => {
  assert.deepEqual(codes('exp(p)', { domain: [0, 88] }), []);
  assert.deepEqual(codes('exp(p)', { domain: [0, 89] }), ['exp-overflow']);
  assert.deepEqual(codes('log(1 - sigmoid(z))', { domain: [-5, 10] }), []);
  assert.deepEqual(codes('log(1 - sigmoid(z))', { domain: [-5, 20] }), ['log-of-zero']);
});

test('a hazard only of unset parameters coinciding at their assumed value is not reported; one typical value is', () => {
  // high and low are both assumed 1: (high - low) / 2 = 0 says nothing about the code.
  assert.deepEqual(codes('p - log((high - low) / 2)'), []);
  assert.deepEqual(codes('p / (a - b)'), []);
  // Set by the code, the same values are what the code says.
  assert.deepEqual(codes('p - log((high - low) / 2)', { set: { high: 1, low: 1 } }), ['log-of-zero']);
  // A second probability at its typical value 1 does reach log(0).
  assert.deepEqual(codes('-log(p) - log(1 - judgeFake)', sigmoid), ['log-of-zero', 'log-of-zero']);
});

test('a sum of exps without the max shift (a log-sum-exp, a log-cosh) is one hazard, the exps overflowing; its log(0), only where every exponent underflows at once, is not said again', () => {
  assert.deepEqual(codes('z - log(exp(z) + exp(-z))'), ['exp-overflow', 'exp-overflow']);
  assert.deepEqual(codes('log((exp(z - y) + exp(y - z)) / 2)'), ['exp-overflow', 'exp-overflow']);
  // The log of one exp reaches 0 on its own (a log-std head's log(exp(logStd))): said.
  assert.deepEqual(codes('log(exp(z))'), ['log-of-zero', 'exp-overflow']);
  // An exponent that cannot overflow: the log of its exp reaching 0 is the only hazard, and is said.
  assert.deepEqual(codes('log(exp(-(z - y)^2))'), ['log-of-zero']);
  // One term that is not an exp of its own: said as before.
  assert.deepEqual(codes('log(exp(z) - 1)'), ['log-of-zero', 'exp-overflow']);
});

test('a branch test on a compound value bounds that value in the branch: sklearn-style asymptotic branches of a log loss do not overflow, a guarded log of a product is safe', () => {
  assert.deepEqual(codes('p*y > 18 ? exp(-(p*y)) : (p*y < -18 ? -(p*y) : log(1 + exp(-(p*y))))', { wrt: 'p' }), []);
  assert.deepEqual(codes('p - y > 0 ? log(p - y) : 0', { wrt: 'p' }), []);
  // Only the branch the test guards: the other one keeps its hazard.
  assert.deepEqual(codes('p*y > 18 ? exp(-(p*y)) : log(1 + exp(-(p*y)))', { wrt: 'p' }), ['exp-overflow']);
  assert.deepEqual(codes('p*y > 0 ? log(p*y + 1) : log(p)', { wrt: 'p' }), ['log-of-zero']);
});

test('a quotient whose numerator is kept from 0 stays from 0 over a divisor that reaches 0: a guarded KL term is no log(0)', () => {
  const softmax = { activation: 'softmax' };
  for (const precision of ['float32', 'float64']) {
    // p > 0 guards the log's numerator; yTrue = 0 still divides by zero (the loss goes to Infinity), and is said so.
    assert.deepEqual(codes('p > 0 ? p * log(p / yTrue) : 0', { ...softmax, precision }), ['division-by-zero'], precision);
  }
  // Unguarded, p = 0 makes the quotient 0: log(0). A float64 softmax is exactly 0 only past a logit gap of about 745.
  assert.deepEqual(codes('p * log(p / yTrue)', { ...softmax, precision: 'float32' }).sort(), ['division-by-zero', 'log-of-zero']);
  assert.deepEqual(codes('p * log(p / yTrue)', { ...softmax, precision: 'float64' }), ['division-by-zero']);
});

test('a float64 sigmoid or softmax is exactly 1 from a logit of 36.7 but 0 only past -709: log(1 - p) reaches log(0), log(p) does not', () => {
  for (const activation of ['sigmoid', 'softmax']) {
    assert.deepEqual(codes('-log(p)', { activation, precision: 'float64' }), [], activation);
    assert.deepEqual(codes('-log(1 - p)', { activation, precision: 'float64' }), ['log-of-zero'], activation);
    // float32 (TF.js) saturates at both ends within the logits a model gives (-103.98 and 17.33, measured).
    assert.deepEqual(codes('-log(p)', { activation, precision: 'float32' }), ['log-of-zero'], activation);
    assert.deepEqual(codes('-log(1 - p)', { activation, precision: 'float32' }), ['log-of-zero'], activation);
    assert.deepEqual(codes('-log(p)', { activation, precision: 'float16' }), ['log-of-zero'], activation);
  }
  // A sigmoid written out or called inside the loss: the same in each format (its exp's own overflow aside).
  const logs = (src, options) => codes(src, options).filter((c) => c === 'log-of-zero');
  for (const sig of ['1 / (1 + exp(-z))', 'sigmoid(z)', '1 / (1 + e^(-z))', '1 / (exp(-z) + 1)']) {
    assert.deepEqual(logs(`-log(${sig})`, { wrt: 'z', precision: 'float64' }), [], sig);
    assert.deepEqual(logs(`-log(1 - ${sig})`, { wrt: 'z', precision: 'float64' }), ['log-of-zero'], sig);
    assert.deepEqual(logs(`-log(${sig})`, { wrt: 'z', precision: 'float32' }), ['log-of-zero'], sig);
  }
  // Not a sigmoid: 2 / (1 + exp(-z)) is, but 1 / (2 + exp(-z)) and 1 / (1 + exp(-z)^2) are left as they were.
  assert.deepEqual(logs('-log(1 / (1 + exp(-z) * exp(-z)))', { wrt: 'z', precision: 'float64' }), ['log-of-zero']);
  // The message says which end is reached.
  const d = analyze('-log(1 - p)', { activation: 'sigmoid', precision: 'float64' }).diagnostics[0];
  assert.match(d.message, /float64 saturates to exactly 1\)/);
  // A domain given as [0, 1] (a probability of unknown origin: a relu or clipped output reaches 0) keeps 0.
  assert.deepEqual(codes('-log(p)', { domain: [0, 1], precision: 'float64' }), ['log-of-zero']);
});
