// Statements of a loss as projects write them (translateStatements.ts): a `switch` on a setting, read once per case,
// and a local object whose fields are set (`result.loss = pgLoss; return result`) and read by the caller.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (r) => r.diagnostics.map((d) => `${d.line}:${d.code}`).sort();

/** A policy-gradient step whose objective is picked by `switch (algorithm.variant)`; `ret` is how the loss is handed back. */
function policyStep({ cases, ret = 'return tf.neg(tf.mean(pgObjs));', caller = 'return loss({ model, states, oldLogProbs, actions, advantage, algorithm });' }) {
  return `${HEADER}function loss({ model, states, oldLogProbs, actions, advantage, algorithm }) {
  return tf.tidy(() => {
    const logits = model.predict(states);
    const logActProbs = tf.sum(tf.mul(tf.oneHot(actions, 4), tf.logSoftmax(logits)), 1);
    const ratio = tf.exp(tf.sub(logActProbs, oldLogProbs));
    const rScaled = tf.mul(ratio, advantage);
    const result = { loss: tf.scalar(0) };
    let pgObjs;
    switch (algorithm.variant) {
${cases}
    }
    ${ret}
  });
}

export function train(model, optimizer, states, oldLogProbs, actions, advantage, algorithm) {
  optimizer.minimize(() => {
    ${caller}
  });
}
`;
}

const CLIPPED = `      case 'clipped': {
        const clippedRatio = tf.clipByValue(ratio, 1 - algorithm.epsilon, 1 + algorithm.epsilon);
        pgObjs = tf.minimum(rScaled, tf.mul(clippedRatio, advantage));
        break;
      }
      default:
        pgObjs = rScaled;`;

test('each case of a switch on a setting is read: the clipped case\'s kinks are found', () => {
  const r = lint.lintText(policyStep({ cases: CLIPPED }), 'learn.js');
  assert.deepEqual(codes(r), ['12:non-differentiable', '13:non-differentiable']);
  assert.ok(r.sites.every((s) => !s.unreadable), 'no way of the switch is left unread');
});

test('the case taken when another case falls through to it, and the default, are read too', () => {
  const cases = `      case 'plain':
        pgObjs = rScaled;
        break;
      case 'ppo':
      case 'clipped':
        pgObjs = tf.minimum(rScaled, tf.mul(tf.clipByValue(ratio, 0.8, 1.2), advantage));
        break;
      default:
        pgObjs = tf.abs(tf.sub(ratio, 1));`;
  const r = lint.lintText(policyStep({ cases }), 'learn.js');
  // The min and clip of the clipped way, and the default's abs.
  assert.deepEqual(codes(r), ['16:non-differentiable', '16:non-differentiable', '19:non-differentiable']);
});

test('a case that leaves the switch from inside a branch is not guessed at: that way is unread, the others are read', () => {
  const cases = `      case 'guarded':
        if (algorithm.skip) break;
        pgObjs = tf.abs(tf.sub(ratio, 1));
        break;
      default:
        pgObjs = tf.minimum(rScaled, tf.mul(tf.clipByValue(ratio, 0.8, 1.2), advantage));`;
  const r = lint.lintText(policyStep({ cases }), 'learn.js');
  assert.ok(!r.diagnostics.some((d) => d.line === 13), 'the abs after a conditional break is not read as always running');
  assert.ok(r.diagnostics.some((d) => d.line === 16 && d.code === 'non-differentiable'));
});

test('a field of a local object set before it is returned is what the caller reads, through tf.tidy', () => {
  const text = policyStep({
    cases: CLIPPED,
    ret: 'result.loss = result.pgLoss = tf.neg(tf.mean(pgObjs));\n    return result;',
    caller: 'const result = tf.tidy(() => loss({ model, states, oldLogProbs, actions, advantage, algorithm }));\n    return result.loss;',
  });
  const r = lint.lintText(text, 'learn.js');
  assert.deepEqual(codes(r), ['12:non-differentiable', '13:non-differentiable']);
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.ok(step && !step.unreadable && /min\(/.test(step.expression), `the step reads the assigned field, not the placeholder: ${step?.expression}`);
});

test('a field never set keeps the value the object was declared with', () => {
  const text = policyStep({
    cases: CLIPPED,
    ret: 'result.pgLoss = tf.neg(tf.mean(pgObjs));\n    return result;',
    caller: 'const result = tf.tidy(() => loss({ model, states, oldLogProbs, actions, advantage, algorithm }));\n    return result.loss;',
  });
  const r = lint.lintText(text, 'learn.js');
  // `loss` stays tf.scalar(0): no kink of pgLoss is reported as the step's.
  assert.deepEqual(codes(r).filter((c) => c.endsWith('non-differentiable')), []);
});

test('a loss switching on the setting that picks the head is paired case by case with that head', () => {
  const text = `${HEADER}export function build(config) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [8], activation: config.loss === 'logits' ? 'linear' : 'sigmoid' }));
  const loss = (yTrue, yPred) => {
    switch (config.loss) {
      case 'logits':
        return tf.losses.sigmoidCrossEntropy(yTrue, yPred);
      default:
        return tf.losses.logLoss(yTrue, yPred);
    }
  };
  model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
  return model;
}
`;
  const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);
  // The logits case goes with the linear head only: never checked against the sigmoid head of the other way.
  assert.deepEqual(am(lint.lintText(text, 'build.js')), []);
  // Heads the other way round: the logits loss now meets the sigmoid head of its own case.
  assert.ok(am(lint.lintText(text.replace("'linear' : 'sigmoid'", "'sigmoid' : 'linear'"), 'build.js')).includes(8));
});

test('fields of what an imported helper makes of the model output are outputs of their own: the PPO clip on them is read', () => {
  const text = `${HEADER}import { evaluateMaskedCategorical } from './actionSampling';

export function update(model, optimizer, obs, mask, actions, oldLogProb, advantages, clipRatio) {
  return tf.variableGrads(() => tf.tidy(() => {
    const { moveLogits, value } = model.forward(obs);
    const moveEval = evaluateMaskedCategorical(moveLogits, mask, actions);
    const ratio = tf.exp(tf.sub(moveEval.logProbs, oldLogProb));
    const clipped = tf.clipByValue(ratio, 1 - clipRatio, 1 + clipRatio);
    const policyLoss = tf.neg(tf.mean(tf.minimum(tf.mul(ratio, advantages), tf.mul(clipped, advantages))));
    return tf.add(policyLoss, tf.mul(0.01, tf.neg(tf.mean(moveEval.entropy))));
  }));
}
`;
  const r = lint.lintText(text, 'ppo.ts');
  assert.deepEqual(codes(r), ['10:non-differentiable', '9:non-differentiable']);
  // Its range is unknown: the exp of it alone is not reported as an overflow.
  assert.ok(!r.diagnostics.some((d) => d.code === 'exp-overflow'));
  // A helper given data only (not the model's output) keeps its fields data: nothing of the prediction.
  const data = lint.lintText(text.replace('evaluateMaskedCategorical(moveLogits, mask, actions)', 'evaluateMaskedCategorical(obs, mask, actions)'), 'ppo.ts');
  assert.ok(!data.diagnostics.some((d) => d.code === 'non-differentiable' && d.line === 9));
});

test('a switch on true tests data: its cases are read as the ifs they are (a Huber written with switch is smooth)', () => {
  const text = `export function loss(yTrue: number, yPred: number): number {
  const e = Math.abs(yPred - yTrue);
  switch (true) {
    case e <= 1:
      return 0.5 * e * e;
    default:
      return e - 0.5;
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'huber.ts')), []);
  // Written with a corner instead, the kink is found.
  assert.ok(codes(lint.lintText(text.replace('return 0.5 * e * e;', 'return 0.5 * e;'), 'huber.ts')).some((c) => c.endsWith('non-differentiable')));
});

test('two switches on one setting go the same way in a reading, whatever order their cases are written in', () => {
  const text = `${HEADER}export function makeLoss(kind) {
  return (yTrue, yPred) => {
    let p;
    switch (kind) {
      case 'logits': p = tf.sigmoid(yPred); break;
      case 'probs': p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7); break;
    }
    switch (kind) {
      case 'probs':
        return tf.mean(tf.neg(tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))))));
      case 'logits':
        return tf.losses.sigmoidCrossEntropy(yTrue, yPred);
    }
    throw new Error('bad kind');
  };
}
`;
  // log(sigmoid(yPred)) of 'logits' with the probability loss of 'probs' is no way the code can go.
  assert.deepEqual(codes(lint.lintText(text, 'losses.js')), []);
});

test('a loss registry of eight cases and a default is read case by case', () => {
  const cases = ['mse', 'mae', 'huber', 'a', 'b', 'c', 'd'].map((name) => `      case '${name}': return tf.losses.meanSquaredError(yTrue, yPred);`).join('\n');
  const text = `${HEADER}export function makeLoss(name) {
  return (yTrue, yPred) => {
    switch (name) {
${cases}
      case 'poisson': return tf.mean(tf.sub(yPred, tf.mul(yTrue, tf.log(yPred))));
      default: return tf.mean(tf.neg(tf.mul(yTrue, tf.log(yPred))));
    }
  };
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'registry.js')), ['12:log-of-zero', '13:log-of-zero']);
});

test('a field changed by += or ++ is read with its change; a setting changed in a loop the lint does not follow is read as before', () => {
  const text = (change) => `${HEADER}const state = { step: 0 };
export function train(model, optimizer, xs, ys) {
  optimizer.minimize(() => {
    ${change}
    const w = Math.min(1, state.step / 1000);
    return tf.mul(w, tf.losses.meanSquaredError(ys, model.predict(xs)));
  });
}
`;
  for (const change of ['state.step += 1;', 'state.step++;', 'state.step = state.step + 1;']) {
    const step = lint.lintText(text(change), 'step.js').sites.find((s) => s.kind === 'minimize');
    assert.ok(step && !step.unreadable && /step \+ 1/.test(step.expression), `${change}: ${step?.unreadable ?? step?.expression}`);
  }
  const loop = `${HEADER}export function train(model, optimizer, xs, ys, cfg) {
  optimizer.minimize(() => {
    const preds = model.predict(xs);
    for (let i = 0; i < 2; i++) cfg.delta = cfg.delta * 0.5;
    return tf.losses.huberLoss(ys, preds, undefined, cfg.delta);
  });
}
`;
  assert.ok(!lint.lintText(loop, 'cfg.js').sites.some((s) => s.unreadable));
});

test("a local object given another object later has the later one's fields", () => {
  const text = `${HEADER}function computeLoss(model, xs, ys) {
  let result = { loss: tf.scalar(0) };
  const preds = model.predict(xs);
  result.loss = tf.mean(tf.abs(tf.sub(preds, ys)));
  result = { loss: tf.mean(tf.square(tf.sub(preds, ys))) };
  return result;
}
export function train(model, optimizer, xs, ys) {
  optimizer.minimize(() => computeLoss(model, xs, ys).loss);
}
`;
  const r = lint.lintText(text, 'fields.js');
  assert.deepEqual(codes(r), []);
  assert.match(r.sites.find((s) => s.kind === 'minimize').expression, /\^2/);
});

test('the same fields destructured from an imported helper are outputs of their own too', () => {
  const text = `${HEADER}import { evaluateMaskedCategorical } from './actionSampling';

export function update(model, obs, mask, actions, oldLogProb, advantages, clipRatio) {
  return tf.variableGrads(() => tf.tidy(() => {
    const logits = model.predict(obs);
    const { logProbs, entropy } = evaluateMaskedCategorical(logits, mask, actions);
    const ratio = tf.exp(tf.sub(logProbs, oldLogProb));
    const clipped = tf.clipByValue(ratio, 1 - clipRatio, 1 + clipRatio);
    const policyLoss = tf.neg(tf.mean(tf.minimum(tf.mul(ratio, advantages), tf.mul(clipped, advantages))));
    return tf.add(policyLoss, tf.mul(0.01, tf.neg(tf.mean(entropy))));
  }));
}
`;
  const r = lint.lintText(text, 'ppo.ts');
  assert.deepEqual(codes(r), ['10:non-differentiable', '9:non-differentiable']);
  assert.ok(!r.sites.some((s) => s.unreadable));
});

test('fields of a loss\'s own values are distinct values: the prediction object\'s first field is the prediction', () => {
  // A distance between two distributions given as objects: `posterior.probs - prior.probs` is not 0, and the free-bits
  // floor on it is a kink in the prediction; a hinge on `out.logits` of a prediction object reads the logits.
  const text = `${HEADER}export function klLoss(prior: { probs: tf.Tensor }, posterior: { probs: tf.Tensor }) {
  const kl = tf.sum(tf.square(tf.sub(posterior.probs, prior.probs)), -1);
  return tf.mean(tf.maximum(kl, 1));
}
export function hingeLoss(yTrue: tf.Tensor, out: { logits: tf.Tensor; features: tf.Tensor }) {
  return tf.add(tf.mean(tf.maximum(tf.sub(1, tf.mul(yTrue, out.logits)), 0)), tf.mean(tf.square(out.features)));
}
`;
  const r = lint.lintText(text, 'kl.ts');
  assert.deepEqual(codes(r), ['4:non-differentiable', '7:non-differentiable']);
  assert.ok(!r.sites.some((s) => s.unreadable));
  const hinge = r.sites.find((s) => s.name === 'hingeLoss');
  assert.match(hinge.expression, /max\(1 - yTrue \* out, 0\)/);
  assert.match(hinge.expression, /out_features/);
});

test('a log outside any loss of two distributions\' fields: p.probs and q.probs are two probabilities, and p/q can reach 0', () => {
  // A distributions library's KL registry: each field is a value of its own (one symbol for both read log(1)), and a
  // ratio of two values in [0, 1] is unbounded only through the division, so the log of it is checked.
  const text = `${HEADER}registerKL(Bernoulli, Bernoulli, (p, q) => {
  const pp = p.probs;
  const qp = q.probs;
  return tf.add(tf.mul(pp, tf.log(tf.div(pp, qp))), tf.mul(tf.sub(1, pp), tf.log(tf.div(tf.sub(1, pp), tf.sub(1, qp)))));
});
registerKL(Normal, Normal, (p, q) => {
  return tf.add(tf.log(tf.div(q.scale, p.scale)), tf.div(tf.square(p.scale), tf.square(q.scale)));
});
`;
  const r = lint.lintText(text, 'kl.js');
  assert.deepEqual(codes(r), ['5:log-of-zero', '5:log-of-zero']);
  assert.ok(r.sites.some((s) => s.kind === 'operation' && /probs \/ probs_2/.test(s.expression)));
});

test('a prediction object\'s logits and probabilities are two heads, and a tensor\'s own properties are not fields', () => {
  const heads = `${HEADER}export function policyLoss(labels: tf.Tensor, out: { logits: tf.Tensor; probs: tf.Tensor }, beta = 0.01) {
  const ce = tf.losses.softmaxCrossEntropy(labels, out.logits);
  const entropy = tf.neg(tf.sum(tf.mul(out.probs, tf.log(out.probs)), -1));
  return tf.sub(ce, tf.mul(beta, tf.mean(entropy)));
}
`;
  // The logits loss is on the logits head; the entropy's log of the probabilities head can reach log(0).
  assert.deepEqual(codes(lint.lintText(heads, 'policy.ts')), ['4:log-of-zero']);
  const shape = `${HEADER}export function smoothed(yTrue: tf.Tensor, yPred: tf.Tensor, smoothing = 0.1) {
  const k = yPred.shape.slice(-1)[0] as number;
  return tf.losses.softmaxCrossEntropy(tf.add(tf.mul(yTrue, 1 - smoothing), smoothing / k), yPred);
}
`;
  assert.ok(!codes(lint.lintText(shape, 'smooth.ts')).some((c) => c.endsWith('division-by-zero')));
  // The elements per row, as a product of the shape's dimensions, are a count, not 0.
  const perRow = `${HEADER}export function pixelLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const n = yPred.shape.slice(1).reduce((a, b) => a * b, 1);
  return tf.sum(tf.square(yTrue.sub(yPred))).div(n);
}
`;
  assert.deepEqual(codes(lint.lintText(perRow, 'pixels.ts')), []);
  const guardedByNothing = perRow.replace('.div(n)', '.div(yTrue.sum())');
  assert.deepEqual(codes(lint.lintText(guardedByNothing, 'pixels.ts')), ['4:division-by-zero']);
});

test('a shape list held in a const (const dims = yTrue.shape.slice(1)) reduces to a count too', () => {
  const text = `${HEADER}export function perPixel(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const dims = yTrue.shape.slice(1);
  const size = dims.reduce((p, d) => p * d, 1);
  return tf.sum(tf.square(tf.sub(yTrue, yPred))).div(size);
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'pp.ts')), []);
});
