import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const kinkLines = (r) => r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line - 1);

// A PPO written as in a class: the model outputs destructured above the gradient call, the loss computed there.
const ppo = (gradients) => `${HEADER}export class PPO {
  private model: tf.LayersModel | null = null;
  private config = { clipRatio: 0.2 };
  update(states: tf.Tensor, actions: tf.Tensor, oldLogProbs: tf.Tensor, advantages: tf.Tensor) {
    return tf.tidy(() => {
      const [policy, values] = this.model!.predict(states) as [tf.Tensor, tf.Tensor];
      const logProbs = tf.log(tf.add(tf.gather(policy, actions, 1), 1e-8));
      const ratios = tf.exp(tf.sub(logProbs, oldLogProbs));
      const clipped = tf.clipByValue(ratios, 1 - this.config.clipRatio, 1 + this.config.clipRatio);
      const policyLoss = tf.neg(tf.mean(tf.minimum(tf.mul(ratios, advantages), tf.mul(clipped, advantages))));
      ${gradients}
    });
  }
}`;

test('a loss computed above the gradient call from destructured model outputs is read there', () => {
  const r = lint.lintText(ppo('return tf.variableGrads(() => policyLoss as tf.Scalar);'), 'ppo.ts');
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(step.unreadable, undefined);
  assert.equal(step.wrt, 'policy');
  assert.deepEqual(kinkLines(r), [9, 10], 'the clip and the min');
});

test('a step site names the call its loss is given to, so a hover on tf.grads does not say optimizer.minimize', async () => {
  const { siteTitle } = await import('./extension-support.mjs').then((m) => m.loadTsModule('src/service/siteLabels.ts'));
  const via = (code) => lint.lintText(`${HEADER}${code}`, 'step.ts').sites.filter((s) => s.kind === 'minimize').map((s) => [s.via, siteTitle(s)]);
  assert.deepEqual(via('const g = tf.grads((img) => tf.scalar(3));'), [['tf.grads', 'tf.grads loss']]);
  assert.deepEqual(via('class A { opt = tf.train.adam(); w = tf.variable(tf.zeros([2])); step(x: tf.Tensor, y: tf.Tensor) { this.opt.minimize(() => tf.losses.meanSquaredError(y, x.mul(this.w))); } }'), [['opt.minimize', 'opt.minimize loss']]);
  assert.deepEqual(via('const w = tf.variable(tf.zeros([2]));\nexport const g = (x: tf.Tensor, y: tf.Tensor) => tf.variableGrads(() => tf.losses.meanSquaredError(y, x.mul(w)));'), [['tf.variableGrads', 'tf.variableGrads loss']]);
});

test("a method named as a forward pass's variant on a model runs the model (modelNew.applyWithPadMask); on data it does not", () => {
  const step = (receiver) => `${HEADER}const optimizer = tf.train.adam();
export function step(${receiver}: any, x: tf.Tensor, logpOld: tf.Tensor, adv: tf.Tensor) {
  optimizer.minimize(() => {
    const logp = tf.logSoftmax(${receiver}.applyWithPadMask(x, tf.onesLike(x)) as tf.Tensor);
    const ratio = tf.exp(tf.sub(logp, logpOld));
    return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 0.8, 1.2), adv))));
  });
}`;
  const read = lint.lintText(step('modelNew'), 'a.ts');
  assert.equal(read.sites.find((s) => s.kind === 'minimize').unreadable, undefined);
  assert.deepEqual(kinkLines(read), [6, 6]);
  assert.match(lint.lintText(step('dataset'), 'a.ts').sites.find((s) => s.kind === 'minimize').unreadable ?? '', /cannot tell which value is the model output/);
});

test('a tensor made from values the lint cannot read is data; an imported setting is a setting, an imported EPSILON a fuzz factor', () => {
  const text = `${HEADER}import { MAX_ITEMS, EPSILON } from './config';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'softmax' }));
const optimizer = tf.train.sgd(0.1);
export function step(xs: tf.Tensor, ys: tf.Tensor, valid: number[]) {
  optimizer.minimize(() => {
    const mask = tf.tensor2d(valid.map(() => Array.from({ length: MAX_ITEMS }, (_, i) => (i < 2 ? 0 : 1))));
    const p = (model.predict(xs) as tf.Tensor).mul(mask).clipByValue(EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(ys.mul(tf.log(p)).mul(MAX_ITEMS)));
  });
}`;
  const r = lint.lintText(text, 'a.ts');
  const s = r.sites.find((x) => x.kind === 'minimize');
  assert.equal(s.unreadable, undefined);
  assert.match(s.expression, /mask/);
  assert.match(s.expression, /MAX_ITEMS/);
  // The clip to [EPSILON, 1 - EPSILON] guards the log as a literal 1e-7 would: no kink, no log(0).
  assert.deepEqual(r.diagnostics.map((d) => d.code), []);
});

// A policy written by hand: a forward pass the step and the acting code both call, its fields read off a helper's
// returned object, an object literal given to that helper.
const handWritten = (extra) => `${HEADER}const params = { W: tf.variable(tf.randomNormal([4, 2])), Wmu: tf.variable(tf.randomNormal([4, 1])), bmu: tf.variable(tf.zeros([1])) };
function policyTensors(state: tf.Tensor) {
  const logits = tf.matMul(state, params.W);
  const mu = tf.matMul(state, params.Wmu).add(params.bmu).clipByValue(-6, 6);
  return { logits, mu };
}
function act(state: tf.Tensor) {
  return policyTensors(state).mu.dataSync();
}
function logProbOf(step: { state: tf.Tensor; action: number; y: tf.Tensor }) {
  const p = policyTensors(step.state);
  return { logProb: tf.logSoftmax(p.logits).gather(step.action).sub(tf.square(tf.sub(step.y, p.mu))), penalty: tf.scalar(0) };
}
const optimizer = tf.train.adam();
export function train(samples: { state: tf.Tensor; action: number; y: tf.Tensor; old: tf.Tensor; adv: tf.Tensor }[]) {
  optimizer.minimize(() => {
    let total = tf.scalar(0);
    for (const s of samples) {
      const cur = logProbOf({ state: s.state, action: s.action, y: s.y });
      const ratio = tf.exp(cur.logProb.sub(s.old));
      total = total.add(tf.minimum(ratio.mul(s.adv), tf.clipByValue(ratio, 0.8, 1.2).mul(s.adv)).neg().add(cur.penalty));
    }
    return total${extra};
  });
}`;

test("a field of a helper's returned object (cur.logProb) is read, with an object literal as the helper's argument", () => {
  const r = lint.lintText(handWritten(''), 'ppo.ts');
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(step.unreadable, undefined);
  assert.match(step.expression, /logSoftmax\(/);
  assert.deepEqual(kinkLines(r), [21, 21], 'the clip and the min of the objective');
});

test("a clip inside a hand-written model's forward pass, which acting code calls too, is the model's, not the loss's", () => {
  const code = (acting) => `${HEADER}const W = tf.variable(tf.randomNormal([3, 1]));
function head(x: tf.Tensor) {
  return tf.clipByValue(tf.matMul(x, W), -1, 1);
}
${acting ? 'export function act(x: tf.Tensor) { return head(x).dataSync(); }' : ''}
const optimizer = tf.train.sgd(0.1);
export function train(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => tf.mean(tf.square(tf.sub(head(xs), ys))));
}`;
  // Called by the training step alone, the head is part of the loss and its clip a kink of it; called to act as
  // well, it is the model, and the same clip is the model's own.
  assert.deepEqual(kinkLines(lint.lintText(code(false), 'a.ts')), [3]);
  assert.deepEqual(kinkLines(lint.lintText(code(true), 'a.ts')), []);
  assert.equal(lint.lintText(code(true), 'a.ts').sites[0].expression, '(clip(yPred, -1, 1) - ys)^2');
});

test('NaN guards before an early return go the way training normally goes; outputs computed before the step are its data', () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' }));
export function step(states: tf.Tensor, next: tf.Tensor, rewards: tf.Tensor, old: tf.Tensor) {
  const nextValues = tf.max(model.predict(next) as tf.Tensor, -1);
  const adv = rewards.add(nextValues.mul(0.99));
  return tf.variableGrads(() => {
    const probs = model.predict(states) as tf.Tensor;
    if (tf.any(tf.isNaN(probs)).dataSync()[0] || !Number.isFinite(adv.dataSync()[0])) {
      return tf.scalar(0);
    }
    const ratio = tf.div(probs, old);
    const loss = tf.neg(tf.mean(tf.minimum(ratio.mul(adv), tf.clipByValue(ratio, 0.8, 1.2).mul(adv))));
    if (isNaN(loss.dataSync()[0])) return tf.scalar(0);
    return loss;
  });
}`;
  const r = lint.lintText(text, 'a.ts');
  const s = r.sites.find((x) => x.kind === 'minimize');
  assert.equal(s.unreadable, undefined);
  assert.doesNotMatch(s.expression, /\?/, 'no branch on the guards');
  assert.deepEqual(kinkLines(r), [12, 12], 'the clip and the min; the max of the next values, made before the step, is data');
});

test("the closures given to a file's own optimize(optimizer, f) helper, which differentiates f, are training steps", () => {
  const text = `${HEADER}function optimize(optimizer: tf.Optimizer, lossFn: () => tf.Scalar) {
  return tf.tidy(() => {
    const { grads, value } = tf.variableGrads(lossFn);
    optimizer.applyGradients(grads);
    return value;
  });
}
function split(prediction: tf.Tensor | tf.Tensor[]) {
  const [mean, value] = prediction as tf.Tensor[];
  return { mean, value };
}
export function trainValue(network: tf.LayersModel, states: tf.Tensor, returns: tf.Tensor, oldValues: tf.Tensor) {
  return optimize(network.optimizer, () => {
    const { value } = split(network.predict(states));
    const clipped = oldValues.add(value.sub(oldValues).clipByValue(-0.2, 0.2));
    return tf.maximum(returns.sub(value).square(), returns.sub(clipped).square()).mean() as tf.Scalar;
  });
}`;
  const r = lint.lintText(text, 'train.ts');
  const steps = r.sites.filter((s) => s.kind === 'minimize' && s.unreadable === undefined);
  assert.equal(steps.length, 1, r.sites.map((s) => `${s.kind} ${s.unreadable ?? ''}`).join('; '));
  assert.deepEqual(kinkLines(r), [15, 16], 'the clipped value and the max');
});

test('a step that runs no model itself returns a loss computed before it (minimize(() => totalLoss.mean())): read as written', () => {
  const text = `${HEADER}export class Vae {
  encoder = tf.sequential();
  async train(x: tf.Tensor, optimizer: tf.Optimizer) {
    const [zMean, zLogVar] = this.encoder.predict(x) as tf.Tensor[];
    const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, zLogVar), tf.square(zMean)), tf.exp(zLogVar)), -1));
    optimizer.minimize(() => kl.mean() as tf.Scalar);
  }
}`;
  const r = lint.lintText(text, 'vae.ts');
  assert.equal(r.sites.find((s) => s.kind === 'minimize').unreadable, undefined);
  assert.ok(r.diagnostics.some((d) => d.code === 'exp-overflow' && d.line === 6), r.diagnostics.map((d) => `${d.code}:${d.line}`).join(' '));
});

test('a loss function the step calls with a model output is checked against that model, with the targets the call passes', () => {
  const text = (activation, targets) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], activation: '${activation}' }));
const optimizer = tf.train.sgd(0.5);
function loss(pred, labels) {
  return pred.sub(labels).square().mean();
}
const xs = tf.tensor1d([1, 2, 3, 4]);
const ys = tf.tensor1d(${targets});
for (let i = 0; i < 10; i++) {
  optimizer.minimize(() => {
    const pred = model.predict(xs);
    return loss(pred, ys);
  });
}
`;
  const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);
  const r = lint.lintText(text('sigmoid', '[0, 0, 1, 1]'), 'train.js');
  assert.deepEqual(codes(r), ['activation-mismatch:5']);
  assert.match(r.diagnostics[0].message, /^mean squared error on a sigmoid output with class targets/);
  assert.deepEqual(codes(lint.lintText(text('sigmoid', '[0.2, 0.4, 0.5, 0.8]'), 'train.js')), []);
  assert.deepEqual(codes(lint.lintText(text('linear', '[0, 0, 1, 1]'), 'train.js')), []);
});

test('a tensor written out as different numbers above a training step is its data: the targets of a minimize closure', () => {
  const text = (values) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], activation: 'sigmoid' }));
const optimizer = tf.train.sgd(0.5);
const xs = tf.tensor1d([1, 2, 3, 4]);
const ys = tf.tensor1d(${values});
optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
`;
  const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);
  const r = lint.lintText(text('[0, 0, 1, 1]'), 'train.js');
  assert.deepEqual(codes(r), ['activation-mismatch:7']);
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.target, 'yTrue');
  assert.deepEqual(codes(lint.lintText(text('[0.25, 0.5, 0.75, 1]'), 'train.js')), []);
});

test('an outer let given its value by an if/else before a step that returns it: each branch read, a configuration test each way', () => {
  const text = (test, plainElse = true) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
export function update(states, returns, oldValues, config) {
  const values = model.predict(states).squeeze();
  const errors = tf.sub(returns, values);
  let valueLoss;
  if (${test}) {
    const clipped = tf.add(oldValues, tf.clipByValue(tf.sub(values, oldValues), -0.2, 0.2));
    valueLoss = tf.mean(tf.maximum(tf.square(errors), tf.square(tf.sub(returns, clipped))));
  }${plainElse ? ` else {
    valueLoss = tf.mean(tf.square(errors));
  }` : ''}
  const totalLoss = valueLoss.mul(0.5);
  return tf.variableGrads(() => totalLoss);
}
`;
  // The step returns a loss whose model ran before it (TF.js throws, lint-untaped-steps.test.mjs): reported once; the
  // kinks of each branch are this test's subject.
  const untaped = lint.lintText(text('config.clipVLoss'), 'ppo.js').diagnostics.filter((d) => d.code === 'no-gradient');
  assert.deepEqual(untaped.map((d) => d.line), [14]);
  const codes = (r) => r.diagnostics.filter((d) => d.code !== 'no-gradient').map((d) => `${d.code}:${d.line}`);
  // The clipped value loss of a configuration flag: its kinks, the plain branch read too.
  assert.deepEqual(codes(lint.lintText(text('config.clipVLoss'), 'ppo.js')), ['non-differentiable:8', 'non-differentiable:9']);
  // Without an else, the let has no value on the other way: unread there, the clipped way still checked.
  const r = lint.lintText(text('config.clipVLoss', false), 'ppo.js');
  assert.deepEqual(codes(r), ['non-differentiable:8', 'non-differentiable:9']);
  // The else branch is read too: with the clipped loss there, its kinks are found.
  const swapped = text('!config.clipVLoss').replace('if (!config.clipVLoss) {', 'if (config.plain) {\n    valueLoss = tf.mean(tf.square(errors));\n  } else {').replace(/  } else {\n    valueLoss = tf.mean\(tf.square\(errors\)\);\n  }/, '  }');
  assert.ok(codes(lint.lintText(swapped, 'ppo.js')).some((c) => c.startsWith('non-differentiable')), swapped);
  // A let declared again inside a branch (shadowing) is another variable; one set inside a function is not followed.
  const shadowed = text('config.clipVLoss').replace('const totalLoss', 'if (config.verbose) { let valueLoss = tf.abs(errors); console.log(valueLoss); }\n  const totalLoss');
  assert.deepEqual(codes(lint.lintText(shadowed, 'ppo.js')), ['non-differentiable:8', 'non-differentiable:9']);
  const nested = text('config.clipVLoss').replace('const totalLoss', '[0].forEach(() => { valueLoss = tf.abs(errors); });\n  const totalLoss');
  assert.deepEqual(codes(lint.lintText(nested, 'ppo.js')), []);
  // A let changed in a loop is not read as either branch.
  const loop = text('config.clipVLoss').replace('const totalLoss', 'for (let i = 0; i < 2; i++) valueLoss = valueLoss.add(1);\n  const totalLoss');
  assert.deepEqual(codes(lint.lintText(loop, 'ppo.js')), []);
});

test('outputs taken by index off a multi-output model call (out[0]) and batches made from JavaScript arrays (tf.tensor1d(idx.map(…))) are read', () => {
  const text = (pick) => `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [4] });
const policy = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(input);
const value = tf.layers.dense({ units: 1 }).apply(input);
const model = tf.model({ inputs: input, outputs: [policy, value] });
const optimizer = tf.train.adam(1e-3);
function computeLoss(states, idx, actions, advantages, oldLogProbs) {
  const out = model.predict(states) as tf.Tensor[];
  const probs = ${pick};
  const oldLp = tf.tensor1d(idx.map((i) => oldLogProbs[i]));
  const adv = tf.tensor1d(idx.map((i) => advantages[i]));
  const ratio = probs.mul(tf.oneHot(actions, 3)).sum(1).add(1e-8).log().sub(oldLp).exp();
  return tf.minimum(ratio.mul(adv), ratio.clipByValue(0.8, 1.2).mul(adv)).mean().neg();
}
export function train(states, idx, actions, advantages, oldLogProbs) {
  optimizer.minimize(() => computeLoss(states, idx, actions, advantages, oldLogProbs));
}
`;
  const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);
  const r = lint.lintText(text('out[0]'), 'ppo.ts');
  assert.equal(r.sites.find((s) => s.name === 'computeLoss').unreadable, undefined);
  assert.deepEqual(codes(r), ['non-differentiable:13', 'non-differentiable:13']);
  // An index that is not a number says nothing of which output it is.
  assert.match(lint.lintText(text('out[k]'), 'ppo.ts').sites.find((s) => s.name === 'computeLoss').unreadable, /out\[k\]/);
  // Without the code saying it is a list of outputs, out[0] may be a row of the one output: not read as an output.
  const untyped = lint.lintText(text('out[0]').replace(' as tf.Tensor[]', ''), 'ppo.ts');
  assert.match(untyped.sites.find((s) => s.name === 'computeLoss').unreadable, /out\[0\]/);
});

test('a policy with five output heads (a Bernoulli and two Gaussian actions) is read whole: the PPO clip and min are found', () => {
  const text = `${HEADER}export function trainPolicy(policy, optimizer, states, actions, oldLogProbs, advantages, clipRatio) {
  return optimizer.minimize(() => {
    const outs = policy.apply(states, { training: true });
    const shootProb = outs[0];
    const moveMean = outs[1];
    const moveLogStd = outs[2];
    const aimMean = outs[3];
    const aimLogStd = outs[4];
    const shootLogProb = tf.log(shootProb.add(1e-8)).mul(actions.slice([0, 0], [-1, 1]));
    const moveStd = moveLogStd.exp();
    const moveLogProb = actions.slice([0, 1], [-1, 2]).sub(moveMean).square().div(moveStd.square().add(1e-8)).mul(-0.5).sub(moveLogStd).sum(1, true);
    const aimStd = aimLogStd.exp();
    const aimLogProb = actions.slice([0, 3], [-1, 2]).sub(aimMean).square().div(aimStd.square().add(1e-8)).mul(-0.5).sub(aimLogStd).sum(1, true);
    const ratio = tf.exp(shootLogProb.add(moveLogProb).add(aimLogProb).sub(oldLogProbs));
    const clipped = ratio.clipByValue(1 - clipRatio, 1 + clipRatio);
    return tf.minimum(ratio.mul(advantages), clipped.mul(advantages)).mean().neg();
  }, true);
}
`;
  const r = lint.lintText(text, 'ppo.js');
  const kinks = r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  assert.deepEqual(kinks, [16, 17], JSON.stringify(r.diagnostics.map((d) => [d.line, d.message])));
  assert.equal(r.sites.find((s) => s.kind === 'minimize').partlyUnread, undefined);
});

test('a minimized function whose parameters name no prediction (state, action, reward) and that runs the weights itself is read as a training step', () => {
  const text = `${HEADER}class Agent {
  constructor() {
    this.weights = tf.variable(tf.ones([3, 4]));
    this.loss = (currState, action, rewardTensor) => {
      const inputTensor = tf.oneHot([currState], 3);
      const actionTensor = inputTensor.matMul(this.weights).sigmoid();
      const responsibleWeight = tf.slice(actionTensor.reshape([-1]), action[0], [1]);
      return tf.log(responsibleWeight).mul(rewardTensor).mul(tf.scalar(-1)).asScalar();
    };
    this.optimizer = tf.train.sgd(0.1);
  }
  train(s, a, r) {
    this.optimizer.minimize(() => this.loss(s, a, tf.scalar(r)));
  }
}
`;
  const r = lint.lintText(text, 'bandit.js');
  const site = r.sites.find((s) => s.kind === 'custom-function');
  assert.equal(site.unreadable, undefined);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['log-of-zero', 9]]);
  // Guarded, it is silent.
  assert.deepEqual(lint.lintText(text.replace('tf.log(responsibleWeight)', 'tf.log(responsibleWeight.add(1e-6))'), 'bandit.js').diagnostics, []);
});

test("a helper from another module given an optimizer and a loss closure runs the step: the closure's PPO kinks are found", () => {
  const text = (helper) => `${HEADER}import { pasoGradiente } from './gestor.js';
export class Agente {
  actualizar(s: tf.Tensor, aOneHot: tf.Tensor, logpViejo: tf.Tensor, adv: tf.Tensor) {
    return ${helper}(this.optimizador, () => {
      const logp = tf.logSoftmax(this.actor.predict(s) as tf.Tensor);
      const ratio = logp.mul(aOneHot).sum(1).sub(logpViejo).exp();
      const surr2 = ratio.clipByValue(0.8, 1.2).mul(adv);
      return ratio.mul(adv).minimum(surr2).mean().mul(-1) as tf.Scalar;
    }, this.vars);
  }
}`;
  assert.deepEqual(kinkLines(lint.lintText(text('pasoGradiente'), 'agente.ts')), [7, 8], 'the clip and the min');
  // A function of this file by that name is read where it uses the closure, not guessed from its arguments.
  const local = text('pasoGradiente').replace("import { pasoGradiente } from './gestor.js';", 'function pasoGradiente(o: unknown, f: () => tf.Scalar, v: unknown) { return f; }');
  assert.deepEqual(kinkLines(lint.lintText(local, 'agente.ts')), []);
});

test('a function the file does not define, given settings alone, is a setting, not a model output', () => {
  const r = lint.lintText(`${HEADER}import { normalizeNumber } from './util.js';
export function train(x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Variable, options: { regularization?: number }) {
  const regularization = Math.max(0, normalizeNumber(options.regularization, 0.01));
  const optimizer = tf.train.adam(0.01);
  optimizer.minimize(() => {
    const p = tf.sigmoid(tf.matMul(x, w));
    const ce = tf.losses.logLoss(y, p);
    if (regularization <= 0) return ce as tf.Scalar;
    return tf.add(ce, tf.mul(regularization, tf.sum(tf.square(w)))) as tf.Scalar;
  }, false, [w]);
}`, 'train.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), []);
});

test("a var list the class sets from a helper (this.policyVars = trainableVars(this.policy)) names the trained model: the critics' min is data", () => {
  const sac = (criticInput) => `${HEADER}function trainableVars(model) { return model.trainableWeights.map((w) => w.val); }
export class Agent {
  constructor(policy, q1, q2) { this.policy = policy; this.q1 = q1; this.q2 = q2; this.policyVars = trainableVars(this.policy); }
  update(st, alpha) {
    return tf.variableGrads(() => {
      const logits = this.policy.apply(st);
      const logp = tf.logSoftmax(logits);
      const p = tf.softmax(logits);
      const minQ = tf.minimum(this.q1.apply(${criticInput}), this.q2.apply(${criticInput}));
      return p.mul(logp.mul(alpha).sub(minQ)).sum(1).mean();
    }, this.policyVars);
  }
}`;
  // Discrete SAC: the critics see the states only, so their min is a constant of the policy's step.
  assert.deepEqual(kinkLines(lint.lintText(sac('st'), 'sac.js')), []);
  // The critics given what the policy outputs: their min moves with the policy, a kink.
  assert.deepEqual(kinkLines(lint.lintText(sac('tf.concat([st, p], 1)'), 'sac.js')), [9]);
});

test('a clip of a tanh-bounded action to [-1 + ε, 1 - ε] before atanh is a guard, not a kink; a PPO-wide clip stays a kink', () => {
  const sac = (lo, hi) => `${HEADER}export function step(actor, states, actions, optimizer) {
  optimizer.minimize(() => {
    const mean = tf.tanh(actor.predict(states));
    const a = tf.clipByValue(mean, ${lo}, ${hi});
    return tf.mean(tf.square(tf.sub(tf.atanh(a), actions)));
  });
}`;
  assert.deepEqual(kinkLines(lint.lintText(sac(-0.99999, 0.99999), 'sac.js')), []);
  assert.deepEqual(kinkLines(lint.lintText(sac(-0.8, 0.8), 'sac.js')), [4]);
});

test("a step's settings read from outside it (epsilonClip, entropyCoef) keep their names: the first of them is not taken as the target", () => {
  const r = lint.lintText(`${HEADER}export class Agent {
  update(s, aOneHot, oldLogp, adv) {
    const { epsilonClip, entropyCoef } = this.hp;
    this.optimizer.minimize(() => {
      const logp = tf.logSoftmax(this.actor.predict(s));
      const ratio = logp.mul(aOneHot).sum(1).sub(oldLogp).exp();
      const clipped = ratio.clipByValue(1 - epsilonClip, 1 + epsilonClip);
      return ratio.mul(adv).minimum(clipped.mul(adv)).mean().neg().sub(logp.mean().mul(entropyCoef));
    });
  }
}`, 'agent.js');
  const clip = r.diagnostics.find((d) => d.code === 'non-differentiable' && d.line === 8);
  assert.ok(clip, 'the clip is a kink');
  assert.match(clip.message, /silonClip/, 'named as the code names it (shortened in the middle)');
  assert.doesNotMatch(clip.message, /yTrue/);
});

test('a compiled loss the file never uses (the model is trained by its own steps and never fitted) is no activation finding', () => {
  const gan = (extra) => `${HEADER}const input = tf.input({ shape: [8] });
const out = tf.layers.dense({ units: 8, activation: 'tanh' }).apply(input);
const generator = tf.model({ inputs: input, outputs: out });
generator.compile({ optimizer: tf.train.adam(2e-4), loss: 'binaryCrossentropy' });
const optimizer = tf.train.adam(2e-4);
export function step(noise, target) {
  const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(generator.predict(noise), target))));
  optimizer.applyGradients(grads);
}
${extra}`;
  const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(codes(lint.lintText(gan(''), 'gan.js')), []);
  // Fitted somewhere in the file: the compiled loss trains it, and tanh + binary cross-entropy is reported.
  assert.deepEqual(codes(lint.lintText(gan('export const fitAll = (xs, ys) => generator.fit(xs, ys);\n'), 'gan.js')), ['activation-mismatch:5']);
});

test("a loss function's (hypothesis, label) parameters: the second says target, so the first is the prediction", () => {
  const r = lint.lintText(`${HEADER}const W = tf.variable(tf.randomNormal([8, 1]));
const b = tf.variable(tf.zeros([1]));
function hypothesis(x) { return x.matMul(W).add(b).sigmoid(); }
function loss(hyp, label) {
  return tf.add(label.mul(hyp.log()), tf.scalar(1).sub(label).mul(tf.scalar(1).sub(hyp).log())).mean().neg();
}
const optimizer = tf.train.sgd(0.01);
export const step = (x, y) => optimizer.minimize(() => loss(hypothesis(x), y));
`, 'lab.js');
  const site = r.sites.find((s) => s.name === 'loss');
  assert.equal(site.wrt, 'yPred');
  assert.match(site.expression, /log\(yPred\)/, 'the hypothesis is the prediction, not the label');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['log-of-zero:6', 'log-of-zero:6']);
});

test("a class's own step helper given the loss closure (this.optimize(opt, vars, () => loss)) is a training step", () => {
  const src = `${HEADER}export class Agent {
  private actor = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' })] });
  private optimizer = tf.train.adam(1e-3);
  private optimize(optimizer: tf.Optimizer, variables: tf.Variable[], loss: () => tf.Scalar): number {
    const { value, grads } = tf.variableGrads(loss, variables);
    optimizer.applyGradients(grads);
    return value.dataSync()[0];
  }
  train(states: tf.Tensor2D, actions: tf.Tensor1D, oldProbs: tf.Tensor1D, advantages: tf.Tensor1D) {
    return this.optimize(this.optimizer, this.actor.trainableWeights.map((w) => w.read() as tf.Variable), () => {
      const probs = (this.actor.predict(states) as tf.Tensor2D).mul(tf.oneHot(actions, 2)).sum(1);
      const ratio = probs.div(oldProbs);
      return tf.minimum(ratio.mul(advantages), ratio.clipByValue(0.8, 1.2).mul(advantages)).mean().neg() as tf.Scalar;
    });
  }
}`;
  const r = lint.lintText(src, 'agent.ts');
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.ok(step, 'the closure given to this.optimize is read as a step');
  assert.equal(step.unreadable, undefined);
  assert.deepEqual(kinkLines(r), [13, 13], 'the clip and the min, on the line of the PPO objective');
});

test('compound parameter names say their role where no call tells: (predictedAction, actions) and (qValues, targetQ)', () => {
  const r = lint.lintText(`${HEADER}const net = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] });
const optimizer = tf.train.adam(0.01);
function policyLoss(predictedAction, actions, rewards) {
  const probabilities = predictedAction.softmax();
  return tf.sum(tf.mul(tf.neg(tf.sum(tf.mul(tf.oneHot(actions, 3), tf.log(probabilities)), 1)), rewards));
}
function tdLoss(qValues, targetQ) {
  return tf.mean(tf.abs(qValues.sub(targetQ)));
}
export { policyLoss, tdLoss };
`, 'pg.js');
  assert.equal(r.sites.find((s) => s.name === 'policyLoss').expression.includes('softmax(yPred)'), true, 'the predicted action is the prediction');
  assert.match(r.sites.find((s) => s.name === 'tdLoss').expression, /^abs\(yPred - yTrue\)|abs\(yPred - yTrue\)/, 'targetQ is the target');
  assert.ok(r.diagnostics.some((d) => d.code === 'log-of-zero' && d.line === 6), 'log(softmax) of the prediction');
});

test('a rollout inside the step (while (!done) { … push … }) is read per step; what the environment returns is data', () => {
  const rollout = (loop) => `${HEADER}const policy = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4], activation: 'softmax' })] });
const optimizer = tf.train.adam(0.01);
export function episode(env: { reset(): number[]; step(a: number): { next: number[]; reward: number; done: boolean } }) {
  optimizer.minimize(() => {
    let state = env.reset();
    let done = false;
    let steps = 0;
    const logProbs: tf.Tensor[] = [];
    const rewards: number[] = [];
    ${loop} {
      const probs = policy.predict(tf.tensor2d([state])) as tf.Tensor2D;
      const action = tf.multinomial(probs.log(), 1).dataSync()[0];
      logProbs.push(tf.log(probs.gather([action], 1)));
      const { next, reward, done: finished } = env.step(action);
      rewards.push(reward);
      state = next;
      done = finished;
      steps++;
    }
    return tf.neg(tf.sum(tf.mul(tf.concat(logProbs), tf.tensor1d(rewards)))) as tf.Scalar;
  });
}`;
  for (const loop of ['while (!done)', 'for (let t = 0; t < 200 && !done; t++)']) {
    const r = lint.lintText(rollout(loop), 'reinforce.ts');
    const step = r.sites.find((s) => s.kind === 'minimize');
    assert.equal(step.unreadable, undefined, loop);
    assert.equal(step.wrt, 'yPred', loop);
    assert.ok(r.diagnostics.some((d) => d.code === 'log-of-zero' && d.line === 14 && d.siteId === step.id), `${loop}: the unclipped log of the softmax, in the step`);
  }
  // The environment's answer held in a local, destructured into the loop's state and the step's data.
  const held = lint.lintText(rollout('while (!done)').replace('const { next, reward, done: finished } = env.step(action);', 'const result = env.step(action);\n      ({ next: state, done } = result);\n      const { reward } = result;').replace('state = next;\n', '').replace('done = finished;\n', ''), 'reinforce.ts');
  assert.equal(held.sites.find((s) => s.kind === 'minimize').unreadable, undefined);
  assert.ok(held.diagnostics.some((d) => d.code === 'log-of-zero'));
  // A value the loop sets anew and the loss reads after it is its last pass's: not known.
  const last = lint.lintText(rollout('while (!done)').replace('let steps = 0;', 'let steps = 0;\n    let lastProbs = tf.zeros([1, 2]);').replace('steps++;', 'steps++;\n      lastProbs = probs;').replace('as tf.Scalar;', 'as tf.Scalar;'.replace('as', '.add(tf.sum(lastProbs)) as')), 'reinforce.ts');
  // A step counter after the loop is its last value, not the 0 it started from: no division by zero.
  const mean = lint.lintText(rollout('while (!done)').replace('as tf.Scalar;', 'as tf.Scalar;'.replace('as', '.div(steps) as')), 'reinforce.ts');
  assert.deepEqual(mean.diagnostics.filter((d) => d.code === 'division-by-zero'), []);
  const partly = last.sites.find((s) => s.kind === 'minimize');
  assert.equal(partly.unreadable, undefined);
  assert.match(JSON.stringify(partly.partlyUnread ?? ''), /lastProbs is set anew on each pass of a loop/, 'left out of the sum, and said');
});

test('a private loss method of a file that never takes a gradient (the network trained with fit) is no training step', () => {
  const trader = (train) => `${HEADER}export class Trader {
  private policy = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] });
  private optimizer = tf.train.adam(1e-3);
  private calculatePPOLoss(states: tf.Tensor2D, oldProbs: tf.Tensor, advantages: tf.Tensor): tf.Tensor {
    const probs = tf.softmax(this.policy.predict(states) as tf.Tensor2D);
    const ratio = probs.div(oldProbs);
    return tf.neg(tf.mean(tf.minimum(ratio.mul(advantages), tf.clipByValue(ratio, 0.8, 1.2).mul(advantages))));
  }
  async update(states: tf.Tensor2D, actions: tf.Tensor2D, oldProbs: tf.Tensor, advantages: tf.Tensor) {
    ${train}
  }
}`;
  const fitted = lint.lintText(trader('const policyLoss = this.calculatePPOLoss(states, oldProbs, advantages);\n    const total = tf.add(policyLoss, tf.scalar(0.5));\n    await this.policy.fit(states, actions, { epochs: 1 });\n    total.dispose();'), 'trader.ts');
  assert.deepEqual(kinkLines(fitted), [], 'built, then thrown away');
  const stepped = lint.lintText(trader('this.optimizer.minimize(() => this.calculatePPOLoss(states, oldProbs, advantages) as tf.Scalar);'), 'trader.ts');
  assert.deepEqual(kinkLines(stepped), [7, 7], 'minimized: the clip and the min');
});

test("a helper named after the prediction that is given the model's output (parsePredict(out)) is read, not taken for a forward pass: its log-std clip is found", () => {
  const text = `import * as tf from '@tensorflow/tfjs';
const ACTION_DIM = 2;
function parsePredict(predict) {
  const outMean = predict.slice([0, 0], [-1, ACTION_DIM]);
  const outLogStd = predict.slice([0, ACTION_DIM], [-1, ACTION_DIM]);
  return { mean: outMean, logStd: outLogStd.clipByValue(-5, 0.2) };
}
export function trainPolicy(policyNetwork, optimizer, states, actions, advantages) {
  return optimizer.minimize(() => {
    const { mean, logStd } = parsePredict(policyNetwork.predict(states));
    const logp = actions.sub(mean).div(logStd.exp()).square().mul(-0.5).sub(logStd);
    return logp.mul(advantages).mean().neg();
  });
}
`;
  const r = lint.lintText(text, 'train.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line} ${d.code}`), ['6 non-differentiable']);
});

test('tf.gatherND of the policy output inside minimize is no-gradient (TF.js has none for GatherNd); the tf.gather fix is offered and is silent', () => {
  const step = (pick) => `${HEADER}export function update(model, optimizer, states, actions, oldLogProbs, advantages) {
  optimizer.minimize(() => {
    const probs = model.predict(states);
    const indices = tf.stack([tf.range(0, actions.shape[0], 1, 'int32'), actions], 1);
    const picked = ${pick};
    const ratio = tf.exp(tf.sub(tf.log(tf.add(picked, 1e-8)), oldLogProbs));
    return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, advantages), tf.mul(tf.clipByValue(ratio, 0.8, 1.2), advantages))));
  });
}
`;
  const text = step('tf.gatherND(probs, indices)');
  const r = lint.lintText(text, 'ppo.ts');
  const found = r.diagnostics.find((d) => d.code === 'no-gradient');
  assert.ok(found, r.diagnostics.map((d) => d.code).join());
  assert.equal(found.line, 6);
  assert.match(found.detail, /GatherNd/);
  assert.match(found.message, /the training step throws/);
  const fixed = lint.applySourceEdits(text, found.fixes[0].edits);
  assert.match(fixed, /const picked = tf\.gather\(probs, actions, 1, 1\);/);
  assert.equal(lint.lintText(fixed, 'ppo.ts').diagnostics.some((d) => d.code === 'no-gradient'), false);
  // Indices of the targets' own rows, or a gather of the data: no prediction on the path, silent.
  assert.equal(lint.lintText(step('tf.gatherND(oldLogProbs.expandDims(1), indices)'), 'ppo.ts').diagnostics.some((d) => d.code === 'no-gradient'), false);
});

test('tf.topk values of the prediction held in a const are no-gradient; tf.topk of the targets alone is not', () => {
  const text = `${HEADER}export function sortedMse(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const top = tf.topk(yPred.flatten(), 16);
  const truth = tf.topk(yTrue.flatten(), 16);
  return tf.losses.meanSquaredError(truth.values, top.values);
}
`;
  const r = lint.lintText(text, 'sorted.ts');
  // The sort also switches elements where two predictions tie: a kink of its own.
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`).sort(), ['no-gradient:3', 'non-differentiable:3']);
  assert.match(r.diagnostics.find((d) => d.code === 'no-gradient').detail, /TopK.*tf\.gather/);
});

test('tf.topk values destructured (const { values: sorted } = tf.topk(…)) are read like .values: no-gradient on the prediction', () => {
  const text = `${HEADER}export function sortedMse(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const { values: sortedTrue } = tf.topk(yTrue.reshape([256]), 256, false);
  const { values: sortedPred, indices } = tf.topk(yPred.reshape([256]), 256, false);
  return tf.losses.meanSquaredError(sortedTrue, sortedPred);
}
`;
  const r = lint.lintText(text, 'sorted.ts');
  assert.equal(r.sites.find((s) => s.name === 'sortedMse')?.unreadable, undefined);
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'no-gradient').map((d) => d.line), [4]);
});

test('the tf.topk fix keeps the call as written (sorted = false) and is offered only for a vector', () => {
  const text = (values) => `${HEADER}export function sortedMse(yTrue: tf.Tensor, yPred: tf.Tensor) {
  return tf.losses.meanSquaredError(tf.topk(yTrue.flatten(), 4, false).values, ${values});
}
`;
  const flat = lint.lintText(text('tf.topk(yPred.flatten(), 4, false).values'), 'a.ts').diagnostics.find((d) => d.code === 'no-gradient');
  assert.equal(flat.fixes[0].edits[0].text, "tf.gather(yPred.flatten(), tf.tensor1d(tf.topk(yPred.flatten(), 4, false).indices.dataSync(), 'int32'))");
  // A tensor of unknown rank: gather's gradient with two batch dimensions fails, so no fix.
  const whole = lint.lintText(text('tf.topk(yPred, 4).values'), 'a.ts').diagnostics.find((d) => d.code === 'no-gradient');
  assert.deepEqual(whole.fixes, []);
});

test('a (yTrue, yPred) function used only in metrics is never differentiated: its tf.topk is no no-gradient error', () => {
  const text = (use) => `${HEADER}function topMargin(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const top = tf.topk(yPred, 2).values;
  return tf.mean(tf.sub(top.slice([0, 0], [-1, 1]), top.slice([0, 1], [-1, 1])));
}
const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: 'softmax' })] });
model.compile({ optimizer: 'adam', ${use} });
`;
  const metric = lint.lintText(text("loss: 'categoricalCrossentropy', metrics: ['accuracy', topMargin]"), 'm.ts');
  assert.deepEqual(metric.diagnostics.filter((d) => d.code === 'no-gradient'), []);
  const loss = lint.lintText(text('loss: topMargin, metrics: [topMargin]'), 'm.ts');
  assert.ok(loss.diagnostics.some((d) => d.code === 'no-gradient'));
  // Other spellings of a metrics list: a quoted key, one value, parentheses, a nested list.
  for (const use of ["loss: 'categoricalCrossentropy', 'metrics': [topMargin]", "loss: 'categoricalCrossentropy', metrics: topMargin", "loss: 'categoricalCrossentropy', metrics: [(topMargin)]", "loss: 'categoricalCrossentropy', metrics: [['accuracy', topMargin]]"]) {
    assert.deepEqual(lint.lintText(text(use), 'm.ts').diagnostics.filter((d) => d.code === 'no-gradient'), [], use);
  }
  // Named in a metrics list but also called by a step the file writes: a loss.
  const stepped = `${text("loss: 'categoricalCrossentropy', metrics: [topMargin]")}const opt = tf.train.adam();
export function step(xs: tf.Tensor, ys: tf.Tensor) { opt.minimize(() => topMargin(ys, model.predict(xs) as tf.Tensor) as tf.Scalar); }
`;
  assert.ok(lint.lintText(stepped, 'm.ts').diagnostics.some((d) => d.code === 'no-gradient'));
});

test('a (yTrue, yPred) function in a table of metrics (this.metrics = { rmse: … }) is a metric: its sqrt at 0 is not said', () => {
  const text = (holder) => `${HEADER}export class Evaluator {
  constructor() {
    ${holder} = {
      mse: tf.metrics.meanSquaredError,
      rmse: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.sqrt(tf.metrics.meanSquaredError(yTrue, yPred)),
    };
  }
}
`;
  assert.deepEqual(lint.lintText(text('this.metrics'), 'e.ts').diagnostics, []);
  assert.deepEqual(lint.lintText(text('this.evalMetrics'), 'e.ts').diagnostics, []);
  // A table of losses by the same shape is read as losses: the RMSE's sqrt at a perfect prediction is said.
  assert.deepEqual(lint.lintText(text('this.losses'), 'e.ts').diagnostics.map((d) => d.code), ['sqrt-at-zero']);
});

// A PPO loss written as a helper of the training loop: the policy runs inside it, its batch is one tensor of
// columns (actions, old log-probabilities, advantages), and its action heads are read in a loop over a table.
const packedPpo = (logOf) => `const tf = require('@tensorflow/tfjs-node');
const HEADS = { move: { offset: 0, size: 5 }, fire: { offset: 5, size: 2 } };
function logProbability(tf, logits, labels) {
  const parts = [];
  for (const [column, head] of Object.entries(HEADS).map(([name, head], index) => [index, head])) {
    const headLogits = logits.slice([0, head.offset], [-1, head.size]);
    const headLabels = labels.slice([0, column], [-1, 1]).asType('int32').squeeze([1]);
    parts.push(tf.sum(tf.mul(tf.oneHot(headLabels, head.size), ${logOf('headLogits')}), 1));
  }
  return tf.addN(parts);
}
function ppoLoss(tf, model, states, batch, clipRange) {
  return tf.tidy(() => {
    const labels = batch.slice([0, 0], [-1, 2]);
    const oldLogProbability = batch.slice([0, 2], [-1, 1]).squeeze([1]);
    const advantages = batch.slice([0, 3], [-1, 1]).squeeze([1]);
    const ratio = tf.exp(logProbability(tf, model.apply(states), labels).sub(oldLogProbability));
    const clipped = tf.clipByValue(ratio, 1 - clipRange, 1 + clipRange).mul(advantages);
    return tf.mean(tf.minimum(ratio.mul(advantages), clipped)).neg();
  });
}
function train(model, states, batch) {
  const optimizer = tf.train.adam(1e-4);
  const { value, grads } = tf.variableGrads(() => ppoLoss(tf, model, states, batch, 0.2));
  optimizer.applyGradients(grads);
}
`;

test('a PPO helper over a packed batch: its columns are different data, its heads read from a table in a loop', () => {
  const r = lint.lintText(packedPpo((l) => `tf.logSoftmax(${l})`), 'train-ppo.js');
  const site = r.sites.find((s) => s.name === 'ppoLoss');
  assert.equal(site.unreadable, undefined);
  // The clip and the min are found: the old log-probabilities and the advantages are not the same column.
  assert.deepEqual(kinkLines(r).map((l) => l + 1), [18, 19]);
  // A destructured part used as a value of the loss (not as a size or offset) leaves the loss unread, said so.
  const asValue = lint.lintText(packedPpo((l) => `tf.logSoftmax(${l}).mul(column)`), 'train-ppo.js');
  assert.ok(asValue.sites.find((s) => s.name === 'ppoLoss').unreadable);
  assert.deepEqual(kinkLines(asValue), []);
});

test('a loss helper whose parameters name no prediction runs the model itself: its output is the prediction', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [8], activation: 'softmax' }));
const optimizer = tf.train.adam(1e-3);
function policyLoss(states, actions, advantages) {
  const probs = model.apply(states);
  const logp = tf.sum(tf.mul(tf.oneHot(actions, 4), tf.log(probs)), 1);
  return tf.mean(logp.mul(advantages)).neg();
}
function train(states, actions, advantages) {
  optimizer.minimize(() => policyLoss(states, actions, advantages));
}
`;
  const r = lint.lintText(text, 'reinforce.js');
  const site = r.sites.find((s) => s.name === 'policyLoss');
  assert.equal(site.expression, `-(${site.target} * log(${site.wrt}) * advantages)`, 'the actions are the labels, not the prediction');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line), [7], 'log of the softmax output');
});

test('a kink written twice (an area term and a mask) is shown at both places; an op inlined twice from one helper once', () => {
  const text = (mask) => `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }));
const optimizer = tf.train.adam(0.01);
const inside = (v) => tf.relu(v);
function step(grid, depths) {
  optimizer.minimize(() => {
    const v = model.apply(grid);
    const area = tf.relu(v).mean();
    const mask = ${mask};
    return area.neg().add(depths.mul(mask).sum());
  });
}
`;
  assert.deepEqual(kinkLines(lint.lintText(text('tf.relu(v)'), 'sofa.js')).map((l) => l + 1), [9, 10]);
  // The helper's one relu, used for the mask: its own line, once.
  assert.deepEqual(kinkLines(lint.lintText(text('inside(v).add(inside(v))'), 'sofa.js')).map((l) => l + 1).sort((a, b) => a - b), [5, 9]);
});

test("JavaScript's conversions (parseFloat, Number) in a step's data are data, not a model's output: no tf.less of the prediction is claimed", () => {
  const text = (parse) => `${HEADER}function parseCsv(input: string) { return input.split(',').map((s) => ${parse}); }
export function run(a: string, b: string) {
  const P = tf.tensor1d(parseCsv(a));
  const Y = tf.tensor1d(parseCsv(b));
  const theta = tf.variable(tf.zeros([2]));
  const optimizer = tf.train.adam(0.01);
  const lossFunction = () => tf.tidy(() => {
    const outcome = tf.randomUniform([8, 2]).less(Y).asType('float32');
    return tf.log(outcome.sub(P).mul(tf.softmax(theta)).sum(1).add(1).clipByValue(1e-6, Infinity)).mean().neg();
  });
  optimizer.minimize(lossFunction, true, [theta]);
}`;
  for (const parse of ['parseFloat(s.trim())', 'Number(s)']) {
    const r = lint.lintText(text(parse), 'kelly.ts');
    assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), [], parse);
  }
});

test('a loss made of terms pushed one by one under settings (terms.push(…), then terms.length === 1 ? terms[0] : tf.addN(terms)) is read each way', () => {
  const text = (contrastive) => `${HEADER}export class Learner {
  private config = { mseWeight: 1, contrastiveWeight: 0.5 };
  constructor(private model: tf.LayersModel, private optimizer: tf.Optimizer) {}
  step(xs: tf.Tensor, ys: tf.Tensor, pos: tf.Tensor, neg: tf.Tensor) {
    const vars = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const lossFn = () => {
      const terms: tf.Tensor[] = [];
      const pred = this.model.predict(xs) as tf.Tensor;
      if (this.config.mseWeight > 0) {
        terms.push(tf.mul(tf.losses.meanSquaredError(ys, pred), this.config.mseWeight));
      }
      if (this.config.contrastiveWeight > 0) {
        const posSim = tf.sum(tf.mul(pred, pos));
        const negSim = tf.sum(tf.mul(pred, neg));
        terms.push(tf.mul(${contrastive}, this.config.contrastiveWeight));
      }
      if (terms.length === 0) return tf.scalar(0);
      return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
    };
    const { grads } = tf.variableGrads(lossFn, vars);
    this.optimizer.applyGradients(grads);
  }
}
`;
  const hinge = lint.lintText(text('tf.maximum(0, tf.add(tf.sub(negSim, posSim), 0.5))'), 'learner.ts');
  assert.deepEqual(kinkLines(hinge).map((l) => l + 1), [16]);
  assert.equal(hinge.sites.find((s) => s.via !== undefined && s.unreadable !== undefined), undefined);
  // A smooth term (softplus) keeps it silent.
  assert.deepEqual(kinkLines(lint.lintText(text('tf.softplus(tf.add(tf.sub(negSim, posSim), 0.5))'), 'learner.ts')), []);
});

test('a count of the passes that go on past `if (!x) continue;` is a count: the mean of a contrastive hinge over the valid samples is read', () => {
  const text = (guard) => `${HEADER}interface Sample { input: tf.Tensor; positive?: tf.Tensor; negative?: tf.Tensor }
export class Contrast {
  constructor(private model: tf.LayersModel) {}
  private embed(x: tf.Tensor): tf.Tensor { return this.model.predict(x) as tf.Tensor; }
  private contrastiveLoss(batch: Sample[]): tf.Scalar {
    let total = tf.scalar(0);
    let count = 0;
    for (const sample of batch) {
      ${guard}
      const anchor = this.embed(sample.input);
      const pos = tf.sum(tf.mul(anchor, this.embed(sample.positive!)));
      const neg = tf.sum(tf.mul(anchor, this.embed(sample.negative!)));
      total = tf.add(total, tf.maximum(0, tf.add(tf.sub(neg, pos), 0.5)));
      count++;
    }
    return tf.div(total, Math.max(count, 1)) as tf.Scalar;
  }
  step(batch: Sample[]) {
    return tf.variableGrads(() => this.contrastiveLoss(batch));
  }
}
`;
  const guarded = lint.lintText(text('if (!sample.positive || !sample.negative) continue;'), 'contrast.ts');
  assert.deepEqual(kinkLines(guarded).map((l) => l + 1), [14]);
  // The count inside an if of its own counts only some passes, unknown: the loss is said to be unread, not guessed.
  const inIf = lint.lintText(text('').replace('count++;', 'if (sample.positive) count++;'), 'contrast.ts');
  assert.deepEqual(kinkLines(inIf), []);
});
