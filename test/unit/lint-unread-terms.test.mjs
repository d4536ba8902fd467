// A term of a sum the lint cannot read is left out, so the rest of the loss is still checked (unreadTerms.ts); the
// site says what was left out, and nothing is claimed where the left-out term takes part.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';
import { core } from './support.mjs';
import { loadTsModule } from './extension-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const found = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);

test('a PPO step whose critic term calls a method TF.js does not have still gets its clip and min checked', () => {
  const text = `${HEADER}export function learn(actor, critic, states, actions, oldProbs, advantage, returns, optimizer, c1) {
  optimizer.minimize(() => {
    const dist = actor.predict(states);
    const value = critic.predict(states).squeeze();
    const newProbs = dist.mul(actions).sum(1);
    const ratio = newProbs.div(oldProbs);
    const clipped = ratio.clipByValue(0.8, 1.2).mul(advantage);
    const actorLoss = tf.minimum(ratio.mul(advantage), clipped).mean().neg();
    const criticLoss = returns.sub(value).pow(2).mean();
    return actorLoss.add(criticLoss.mult(c1));
  });
}
`;
  const r = lint.lintText(text, 'ppo.js');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.unreadable, undefined);
  assert.match(site.partlyUnread, /'criticLoss\.mult\(c1\)' \(line 11\): \.mult\(\) is not read by Loss Lens \(or TF\.js has no such method\), so it is taken as an unknown function of the model's output/);
  assert.ok(found(r).includes('non-differentiable:8'), found(r).join());
  assert.ok(found(r).includes('non-differentiable:9'), found(r).join());
});

test('an absolute reconstruction error beside an SSIM term built with an op the lint does not model keeps its kink', () => {
  const text = `${HEADER}function ssim(a, b, kernel) {
  const muA = tf.depthwiseConv2d(a, kernel, 1, 'same');
  const muB = tf.depthwiseConv2d(b, kernel, 1, 'same');
  return tf.mean(tf.div(muA.mul(muB).mul(2).add(1e-4), muA.square().add(muB.square()).add(1e-4)));
}
export function vaeLoss(xTrue, xPred, kernel) {
  const mae = xTrue.sub(xPred).abs().mean();
  return mae.add(tf.sub(1, ssim(xTrue, xPred, kernel)));
}
`;
  const r = lint.lintText(text, 'vae.js');
  const site = r.sites.find((s) => s.name === 'vaeLoss');
  // Each term left out is said at its own line, with the line of the op it could not read when that is elsewhere.
  assert.match(site.partlyUnread ?? '', /'muA\.mul\(muB\)\.mul\(2\)' \(line 5\): tf\.depthwiseConv2d\(\) is not supported in a loss \(line 4\)/);
  assert.deepEqual(found(r), ['non-differentiable:8']);
});

test('nothing is claimed where a left-out term takes part: log(ε() + p) with ε() unread is not log(0)', () => {
  const text = `${HEADER}export function poisson(yTrue, yPred) {
  return tf.mean(tf.sub(yPred, tf.mul(yTrue, tf.log(tf.add(fuzz(), yPred)))));
}
`;
  const r = lint.lintText(text, 'p.js');
  assert.match(r.sites[0].partlyUnread ?? '', /fuzz\(\) is not defined/);
  assert.deepEqual(found(r), []);
});

test('a loss whose prediction is only in the term that cannot be read stays unreadable, with that term\'s reason', () => {
  const text = `${HEADER}export function odd(yTrue, yPred) {
  return tf.add(tf.mean(yTrue), tf.erf(yPred).mean());
}
`;
  const r = lint.lintText(text, 'o.js');
  assert.match(r.sites[0].unreadable ?? '', /tf\.erf\(\) is not supported/);
  assert.equal(r.sites[0].partlyUnread, undefined);
});

test('a loss read in part is not recognised as a whole: no activation pairing is judged on it', () => {
  // Squared error on a sigmoid output with 0/1 labels is reported when read whole (a constant term added or not);
  // with a term left out it is not, since what the whole loss is cannot be told.
  const build = (extra) => `${HEADER}const w = tf.variable(tf.zeros([2, 1]));
function predict(x) { return tf.sigmoid(x.matMul(w)); }
function loss(predictions, labels) { return predictions.sub(labels).square().mean().add(${extra}); }
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [0], [0], [1]]);
const optimizer = tf.train.sgd(0.5);
for (let i = 0; i < 20; i++) optimizer.minimize(() => loss(predict(xs), ys));
`;
  const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');
  assert.equal(am(lint.lintText(build('0'), 'a.js')).length, 1);
  const part = lint.lintText(build('tf.erf(predictions).mean()'), 'a.js');
  assert.ok(part.sites.some((s) => /erf/.test(s.partlyUnread ?? '')), JSON.stringify(part.sites.map((s) => s.partlyUnread ?? s.unreadable)));
  assert.deepEqual(am(part), []);
});

test('`setting || 40` is the setting, else 40: never a zero divisor', () => {
  const text = `${HEADER}export function step(model, xs, ys, optimizer, epoch, CONFIG) {
  optimizer.minimize(() => {
    const p = model.predict(xs);
    const warm = Math.min(1, epoch / (CONFIG.WARMUP || 40));
    return p.sub(ys).square().mean().mul(warm);
  });
}
`;
  assert.deepEqual(found(lint.lintText(text, 's.js')), []);
});

test('the hover of a loss read in part says what was left out, under the formula', async () => {
  const content = await loadTsModule('src/service/hoverContent.ts');
  const plot = await loadTsModule('src/render/plot/index.ts');
  const hover = await loadTsModule('src/render/hover/hoverMarkdown.ts');
  const render = { renderPlotSvg: plot.renderPlotSvg, buildHoverMarkdown: hover.buildHoverMarkdown };
  const analysis = core.analyze('abs(yTrue - yPred) + unread_ssim', { wrt: 'yPred' });
  const site = { kind: 'custom-function', name: 'vaeLoss', analysis, partlyUnread: "'ssim(a, b)' (line 9): tf.depthwiseConv2d() is not supported in a loss, left out" };
  const md = content.siteHoverMarkdown({ site, diagnostics: [], overrides: {}, theme: 'dark', core, render });
  assert.match(md, /Part of this loss could not be read: .*, left out/);
  assert.match(md, /depthwiseConv2d/);
  const first = md.split('\n\n---\n\n')[0];
  assert.match(first, /left out/);
});

test('`0 || 1e-7` and a setting of 0 with a fallback take the fallback, as JavaScript does', () => {
  const text = (eps) => `${HEADER}const CONFIG = { eps: 0 };
const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
function myLoss(yTrue, yPred) { return tf.mean(tf.neg(yTrue.mul(tf.log(yPred.add(${eps}))))); }
model.compile({ optimizer: 'adam', loss: myLoss });
`;
  assert.deepEqual(found(lint.lintText(text('0 || 1e-7'), 'e.js')), []);
  assert.deepEqual(found(lint.lintText(text('CONFIG.eps || 1e-7'), 'e.js')), []);
  assert.deepEqual(found(lint.lintText(text('CONFIG.eps'), 'e.js')), ['log-of-zero:4']);
});

test('a loop whose first pass may continue or break is not read as that pass', () => {
  const text = `${HEADER}function myLoss(yTrue, yPred) {
  for (let i = 0; i < 10; i++) {
    if (i < 5) continue;
    return tf.mean(tf.neg(yTrue.mul(tf.log(yPred))));
  }
  return tf.losses.meanSquaredError(yTrue, yPred);
}
`;
  const r = lint.lintText(text, 'l.js');
  assert.ok(!r.diagnostics.some((d) => d.code === 'log-of-zero'), found(r).join());
});

test('an element of a setting (cfg.prototypeShape[1]) in a loss is a value of its own, so a max over prototypes keeps its kink', () => {
  const text = `${HEADER}export function protoPartLoss(cfg, protoClassId) {
  return (yTrue, yPred) => {
    const maxDistance = cfg.prototypeShape[1] * cfg.prototypeShape[2];
    const inverted = tf.max(tf.mul(tf.sub(maxDistance, yPred), protoClassId), 1);
    return tf.mean(tf.sub(maxDistance, inverted));
  };
}
`;
  const r = lint.lintText(text, 'losses.ts');
  const site = r.sites.find((s) => s.kind === 'custom-function');
  assert.equal(site.partlyUnread, undefined);
  assert.match(site.expression, /prototypeShape_1 \* prototypeShape_2/);
  assert.deepEqual(found(r), ['non-differentiable:5']);
  // The target's own elements stay its parts: yTrue[0] is not read as a setting.
  const target = lint.lintText(`${HEADER}export function l(yTrue, yPred) { return tf.mean(tf.abs(tf.sub(yTrue[0], yPred))); }\n`, 'l.ts');
  assert.doesNotMatch(target.sites[0]?.expression ?? '', /yTrue_0/);
});

test('an element of an object the loss builds from its prediction (parts.pred[1] of tf.split(yPred)) is not a setting', () => {
  const text = `${HEADER}export function lossFn(yTrue, yPred) {
  const parts = { pred: tf.split(yPred, 2, 1) };
  const mu = parts.pred[0];
  const logVar = parts.pred[1];
  return tf.mean(tf.add(logVar, tf.div(tf.square(tf.sub(yTrue, mu)), tf.exp(logVar))));
}
`;
  const r = lint.lintText(text, 'nll.ts');
  assert.doesNotMatch(r.sites[0].expression ?? '', /pred_1/);
});
