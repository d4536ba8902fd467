import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';

const kinksOf = (src, options) => core.analyze(src, options).kinks;

test('MAE has one kink at p = y, with its value once y is set', () => {
  const k = kinksOf('abs(p - y)');
  assert.deepEqual(k.map((x) => x.at), ['p = y']);
  assert.equal(k[0].value, null);
  assert.equal(kinksOf('abs(p - y)', { set: { y: 0.25 } })[0].value, 0.25);
});

test('symbolic kinks p = y ± delta, numeric once delta and y are set', () => {
  const src = 'max(0, abs(p - y) - delta)';
  assert.deepEqual(kinksOf(src).map((k) => k.at).sort(), ['p = y + delta', 'p = y - delta']);
  const values = kinksOf(src, { set: { y: 1, delta: 0.5 } }).map((k) => k.value).sort();
  assert.deepEqual(values, [0.5, 1.5]);
});

test('a kink whose one-sided derivatives agree is not a kink', () => {
  assert.deepEqual(kinksOf('max(z, 0) - z*y + log(1 + exp(-abs(z)))'), []);
  assert.deepEqual(kinksOf('abs(p - y) <= delta ? 0.5*(p - y)^2 : delta*(abs(p - y) - 0.5*delta)'), []);
  assert.deepEqual(kinksOf('max(p - y, 0)^2'), []);
});

test('hinge, relu, clip and quantile kinks', () => {
  assert.deepEqual(kinksOf('max(0, 1 - y*p)').map((k) => k.at), ['p = 1 / y']);
  assert.deepEqual(kinksOf('relu(p - 2)').map((k) => [k.at, k.value]), [['p = 2', 2]]);
  assert.deepEqual(kinksOf('clip(p, 0.1, 0.9)^2').map((k) => k.value).sort(), [0.1, 0.9]);
  assert.deepEqual(kinksOf('max(tau*(y - p), (tau - 1)*(y - p))').map((k) => k.at), ['p = y']);
});

test('a jump of the loss is reported as a jump', () => {
  const k = kinksOf('p > 0.5 ? 1 : 0');
  assert.equal(k.length, 1);
  assert.equal(k[0].kind, 'jump');
  assert.equal(k[0].value, 0.5);
});

test('kinks outside the domain are left out; inside ones become info diagnostics', () => {
  assert.deepEqual(kinksOf('relu(p - 2)', { activation: 'sigmoid' }), []);
  const a = core.analyze('abs(p - 0.5)', { activation: 'sigmoid' });
  const d = a.diagnostics.filter((x) => x.code === 'non-differentiable');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'info');
  assert.equal(a.source.slice(d[0].span.start, d[0].span.end), 'abs(p - 0.5)');
});

test('a non-linear switching point is found numerically', () => {
  const k = kinksOf('max(p^2 - 1, 0)', { domain: [0, 5] });
  assert.equal(k.length, 1);
  assert.ok(Math.abs(k[0].value - 1) < 1e-9);
});

test('a min whose two sides agree on an interval breaks where they part: PPO\'s clipped surrogate', () => {
  // min(r·A, clip(r)·A) is r·A on [1 - ε, 1 + ε]; for A > 0 it flattens at r = 1 + ε, which the min itself decides.
  const ppo = '-min(exp(p - o)*A, clip(exp(p - o), 1 - c, 1 + c)*A)';
  const spans = kinksOf(ppo, { set: { c: 0.2 } }).map((k) => ppo.slice(k.span.start, k.span.end));
  assert.ok(spans.some((s) => s.startsWith('min(')), `the min's own kink: ${spans}`);
  // The same point, fully set: one kink, not two.
  assert.deepEqual(kinksOf(ppo, { set: { c: 0.2, A: 1, o: 0 } }).map((k) => Number(k.value.toFixed(6))), [Number(Math.log(1.2).toFixed(6))]);
  // No run of zeros, no extra point: min of two different slopes crossing once.
  assert.deepEqual(kinksOf('min(p, 2*p - 1)').map((k) => k.value), [1]);
});

test('softmax and logSoftmax of a logit are expanded like sigmoid, so a kink behind them is judged', () => {
  for (const act of ['softmax', 'sigmoid']) {
    const src = `min(exp(log(${act}(z)) - o)*A, clip(exp(log(${act}(z)) - o), 1 - c, 1 + c)*A)`;
    assert.ok(kinksOf(src, { wrt: 'z', set: { o: Math.log(0.5), c: 0.2 } }).some((k) => k.span.start === 0), `${act}: the min's kink`);
  }
  assert.deepEqual(kinksOf('abs(logSoftmax(z) + 1)', { wrt: 'z' }).length, 1);
});

test("PPO on probabilities: the kinks of p / p_old's clip are found for values the code does not give (a small p_old, returns that differ from values)", () => {
  const ppo = '-min(p / old * (ret - val), clip(p / old, 1 - eps, 1 + eps) * (ret - val))';
  // p in [0, 1] with p_old = 1 keeps the ratio below 1.2, and ret = val would make the advantage 0: both are tried otherwise.
  assert.ok(kinksOf(ppo, { wrt: 'p', activation: 'softmax', set: { eps: 0.2 } }).length > 0);
  // Once the code gives the values, only they count.
  assert.deepEqual(kinksOf(ppo, { wrt: 'p', activation: 'softmax', set: { eps: 0.2, old: 1, ret: 1, val: 1 } }), []);
});

test('a "log-probability" that is a probability, subtracted in an exponent, is also tried at 0: exp(p - p_old) crosses its clip', () => {
  const ratio = 'exp(p - logp_old)';
  const ppo = `-min(${ratio} * adv, clip(${ratio}, 0.8, 1.2) * adv)`;
  // logp_old's own trials (log 0.5 and below) keep exp(p - logp_old) above 1.2 for p in [0, 1]; at 0 it crosses.
  assert.ok(kinksOf(ppo, { wrt: 'p', activation: 'sigmoid' }).length > 0);
  assert.deepEqual(kinksOf(ppo, { wrt: 'p', activation: 'sigmoid', set: { logp_old: -0.7 } }), []);
});

test('PPO whose log-probability carries other terms (exp(p + b - old)): old is also tried where the ratio is 1 at the middle of the domain, as at the old policy', () => {
  const ppo = '-min(exp(softmax(z) + b - oldLogProb) * adv, clip(exp(softmax(z) + b - oldLogProb), 1 - c, 1 + c) * adv)';
  // b = 1.5 keeps exp(… - old) above 1.2 for every old the other rounds try; the ratio of 1 at z = 0 crosses both bounds.
  const kinks = kinksOf(ppo, { wrt: 'z', set: { c: 0.2, b: 1.5 } });
  assert.equal(kinks.length, 3);
  // A value the code gives is kept: with old far below, the ratio never reaches its clip range and nothing is found.
  assert.deepEqual(kinksOf(ppo, { wrt: 'z', set: { c: 0.2, b: 1.5, oldLogProb: -5, adv: 1 } }), []);
});

test("PPO's clipped value loss with a wide clip the code sets (c = 10): its kinks show only for returns far from the old values, which are tried too", () => {
  const src = 'max((p - R)^2, (y + clip(p - y, -c, c) - R)^2)';
  const spans = kinksOf(src, { wrt: 'p', set: { c: 10 } }).map((k) => src.slice(k.span.start, k.span.end));
  assert.ok(spans.includes('clip(p - y, -c, c)'), JSON.stringify(spans));
  assert.ok(spans.some((s) => s.startsWith('max(')), JSON.stringify(spans));
  // A smooth loss with a large constant stays smooth whatever the data.
  assert.deepEqual(kinksOf('10 * (p - R)^2 + (p - y)^2', { wrt: 'p', set: { c: 10 } }), []);
});

test('a clip end at ±Infinity is no end: the kinks around it are still found', () => {
  assert.deepEqual(kinksOf('abs((y - p) / clip(abs(y), 1e-7, Infinity))', { set: { y: 1 } }).map((k) => k.value), [1]);
  assert.deepEqual(kinksOf('clip(p, -Infinity, 2)', {}).map((k) => k.at), ['p = 2']);
  assert.deepEqual(kinksOf('abs(p) * clip(y, -Infinity, Infinity)', { set: { y: 3 } }).map((k) => k.value), [0]);
});

test('a cusp beside a clip bound (acos just below 1) is a kink there, not a jump; real jumps stay jumps', () => {
  const kinds = (src) => core.analyze(src, { activation: 'tanh' }).kinks.map((k) => k.kind ?? k.type);
  const messages = (src) => core.analyze(src, { activation: 'tanh' }).diagnostics.map((d) => d.message);
  assert.ok(messages('acos(clip(p, 0, 1 - 1e-7))').every((m) => !/not continuous/.test(m)), messages('acos(clip(p, 0, 1 - 1e-7))').join('\n'));
  assert.ok(messages('acos(clip(p, 0, 1 - 1e-7))').some((m) => /p = 0\.9999999 .*not differentiable|not differentiable at p = 0\.9999999/.test(m)));
  assert.ok(messages('p > 0.5 ? p : p + 1').some((m) => /not continuous at p = 0\.5/.test(m)));
  assert.ok(messages('sign(p)').some((m) => /not continuous/.test(m)));
  assert.ok(kinds('acos(clip(p, 0, 1 - 1e-7))').length >= 1);
});

test('a kink in the branch a data test takes only when the test fails is found: flags are tried at 0, comparisons on both sides', () => {
  assert.deepEqual(kinksOf('drew ? 0 : abs(p - 1)', { wrt: 'p', activation: 'linear' }).map((k) => k.at), ['p = 1']);
  assert.deepEqual(kinksOf('not discard ? 0 : max(p, 2)', { wrt: 'p', activation: 'linear' }).map((k) => k.at), ['p = 2']);
  assert.deepEqual(kinksOf('n > 3 ? 0 : abs(p)', { wrt: 'p', activation: 'linear' }).map((k) => k.at), ['p = 0']);
  // A test the code decides stays decided: a flag it sets is not tried the other way.
  assert.deepEqual(kinksOf('drew ? 0 : abs(p - 1)', { wrt: 'p', activation: 'linear', set: { drew: 1 } }), []);
  // A comparison used as a number is a mask: a contrastive loss's hinge on negative pairs, (s < 0), is tried with s < 0.
  assert.deepEqual(kinksOf('relu(1 - (p - q)^2) * (s < 0)', { wrt: 'p', activation: 'linear' }).map((k) => k.at).sort(), ['p = q + 1', 'p = q - 1']);
  assert.deepEqual(kinksOf('relu(1 - (p - q)^2) * (s < 0)', { wrt: 'p', activation: 'linear', set: { s: 1 } }), []);
});

test("a Gaussian policy's PPO clip on a tanh mean is found: an unset log-std is a unit Gaussian's 0, not 1", () => {
  const ppo = '-min(exp(-0.5 * (((a - p) / exp(logStd))^2 + 2 * logStd) - logpOld) * adv, clip(exp(-0.5 * (((a - p) / exp(logStd))^2 + 2 * logStd) - logpOld), 0.8, 1.2) * adv)';
  const r = core.analyze(ppo, { wrt: 'p', activation: 'tanh' });
  assert.ok(r.kinks.length > 0, 'the clip is reached inside [-1, 1]');
  assert.ok(r.assumptions.some((s) => /logStd = 0/.test(s)) || r.parameters.some((q) => q.name === 'logStd' && q.value === 0), JSON.stringify(r.parameters));
  // Set wide (σ = e) the log-likelihood barely moves over [-1, 1]: no clip is reached for these values.
  assert.deepEqual(core.analyze(ppo, { wrt: 'p', activation: 'tanh', set: { logStd: 1, a: 1, adv: 1, logpOld: -1.5 } }).kinks, []);
});

test('an advantage named in camelCase (`advantageBufferT`, `advNorm`) is signed too: the lower clip of a PPO min is tried', () => {
  // A Gaussian policy's mean on a sigmoid, its clip written with the advantage's sign (`tf.where(adv > 0, …)`): on [0, 1]
  // the ratio reaches only the lower clip, 0.8, which counts where the advantage is negative.
  const ppo = (adv) => `-min(exp(-0.5 * (yTrue - yPred)^2 - 0.9189 - logpOld) * ${adv}, ${adv} > 0 ? 1.2 * ${adv} : 0.8 * ${adv})`;
  for (const name of ['advantageBufferT', 'advNorm', 'normalizedAdvantages', 'adv']) {
    assert.ok(core.analyze(ppo(name), { wrt: 'yPred', activation: 'sigmoid' }).kinks.length > 0, name);
  }
  // A word that only begins with the letters is not an advantage: never made negative, its clip stays out of reach.
  assert.deepEqual(core.analyze(ppo('adversary'), { wrt: 'yPred', activation: 'sigmoid' }).kinks, []);
});

test("an approximation joined to its asymptote below float32's resolution is smooth: sklearn's log loss past |z| = 18", () => {
  const logLoss = 'p * y > 18 ? exp(-(p * y)) : (p * y < -18 ? -(p * y) : log(1 + exp(-(p * y))))';
  assert.deepEqual(core.analyze(logLoss, { wrt: 'p', activation: 'linear', set: { y: 1 } }).kinks, []);
  // A join a training step sees is still reported: the same switch with its asymptote off by 1e-3.
  const off = 'p * y > 18 ? exp(-(p * y)) + 0.001 : log(1 + exp(-(p * y)))';
  assert.equal(core.analyze(off, { wrt: 'p', activation: 'linear', set: { y: 1 } }).kinks.length, 1);
  // So is a hinge, whose values meet (both 0) and whose slopes do not.
  assert.equal(core.analyze('p * y < 1 ? 1 - p * y : 0', { wrt: 'p', activation: 'linear', set: { y: 1 } }).kinks.length, 1);
});

test("a kink at a fixed end of the prediction's domain has one side in it: none on a probability's [0, 1]; a jump there stays", () => {
  const clamp = 'max(0, min(1, p))';
  assert.deepEqual(kinksOf(clamp, { activation: 'sigmoid' }), []);
  // On an unbounded output both ends of the clamp are inside: two kinks.
  assert.equal(kinksOf(clamp, { activation: 'linear' }).length, 2);
  // A kink that the target moves inside (MAE at p = y) is kept on [0, 1], and so is sign's jump at a relu output's 0.
  assert.equal(kinksOf('abs(p - y)', { activation: 'sigmoid' }).length, 1);
  assert.deepEqual(kinksOf('sign(p)', { activation: 'relu' }).map((k) => k.kind), ['jump']);
});

test('a kink an abs makes in a branch is placed at that abs, not at the same abs in the test', () => {
  const src = 'abs(p - y) < 0.5 ? 0.5 - abs(p - y) : 0';
  const a = core.analyze(src, { wrt: 'p' });
  const atY = a.kinks.find((k) => k.at === 'p = y');
  assert.ok(atY, JSON.stringify(a.kinks.map((k) => k.at)));
  assert.equal(src.slice(atY.span.start, atY.span.end), 'abs(p - y)');
  assert.equal(atY.span.start, src.indexOf('abs', 5));
  // The test's own switch (|p - y| = 0.5) is the conditional's.
  assert.deepEqual(a.kinks.map((k) => k.at).sort(), ['p = y', 'p = y + 0.5', 'p = y - 0.5']);
});

test('a loss that is 0 on a saturated plateau in float32 has no jump or kink there: its differences are rounding', () => {
  // The focal weight (1 - softmax(z + b)·t)^γ: with t = 1, softmax rounds to 1 past z ≈ 17 and the base is 0 on the
  // whole plateau, where one-sided differences are subnormals. Set γ is a square: smooth everywhere.
  // (As a winrate network writes it; the unused n = 8 is a trial value for the unset bias and labels.)
  const src = '(1 - softmax(yPred + outputB) * labelTensor)^focalGamma * -(labelTensor * log(clip(softmax(yPred + outputB), 1e-7, 1 - 1e-7)))';
  const k = kinksOf(src, { wrt: 'yPred', set: { focalGamma: 2, n: 8 }, activation: 'linear', precision: 'float32' });
  assert.deepEqual(k.map((x) => x.at).sort(), ['softmax(yPred + outputB) = 1 - 1e-7', 'softmax(yPred + outputB) = 1e-7']);
  // A real jump of the same size class as the loss stays one.
  assert.deepEqual(kinksOf('p < 0.5 ? 0 : 1e-3', { wrt: 'p', precision: 'float32' }).map((x) => x.kind), ['jump']);
});
