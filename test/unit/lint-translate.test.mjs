import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

/** The first custom-function site of `code` (a TypeScript file that imports tf). */
function loss(code, fileName = 'loss.ts') {
  const text = HEADER + code;
  const result = lint.lintText(text, fileName);
  assert.equal(result.internalError, undefined);
  const site = result.sites.find((s) => s.kind === 'custom-function' || s.kind === 'minimize');
  assert.ok(site, `no loss site in:\n${code}`);
  return { site, result, text };
}

const TRANSLATIONS = [
  ['tf.* ops', 'function myLoss(yTrue, yPred) { return tf.mean(tf.square(tf.sub(yPred, yTrue))); }', '(yPred - yTrue)^2', 'mean'],
  ['add mul div neg', 'const divLoss = (yTrue, yPred) => tf.neg(tf.div(tf.mul(yTrue, yPred), tf.add(yPred, 2)));', '-(yTrue * yPred / (yPred + 2))', 'none'],
  ['abs log1p exp sqrt pow', 'function fooLoss(yTrue, yPred) { return tf.sum(tf.add(tf.abs(tf.log1p(tf.exp(yPred))), tf.sqrt(tf.pow(yTrue, 3)))); }', 'abs(log1p(exp(yPred))) + sqrt(yTrue^3)', 'sum'],
  ['maximum minimum clipByValue', 'function clipLoss(yTrue, yPred) { return tf.maximum(tf.minimum(yPred, yTrue), tf.clipByValue(yPred, 0.1, 0.9)); }', 'max(min(yPred, yTrue), clip(yPred, 0.1, 0.9))', 'none'],
  ['where and comparisons', 'function whereLoss(yTrue, yPred) { return tf.where(tf.greater(yPred, yTrue), tf.sigmoid(yPred), tf.relu(tf.tanh(yTrue))); }', 'yPred > yTrue ? sigmoid(yPred) : relu(tanh(yTrue))', 'none'],
  ['softplus and scalar constants', 'function spLoss(yTrue, yPred) { return tf.softplus(tf.sub(tf.scalar(2), tf.mul(yTrue, yPred))); }', 'softplus(2 - yTrue * yPred)', 'none'],
  ['method chain', 'const mseLoss = (yTrue, yPred) => yPred.sub(yTrue).square().mean();', '(yPred - yTrue)^2', 'mean'],
  ['chain with onesLike and neg', 'const bceLoss = (yTrue, yPred) => tf.onesLike(yPred).sub(yPred).log().mul(yTrue).neg();', '-(log(1 - yPred) * yTrue)', 'none'],
  ['Math.* scalar code with a ternary', 'function huberLoss(yTrue: number, yPred: number, delta = 1.5) { const d = Math.abs(yPred - yTrue); return d <= delta ? 0.5 * d ** 2 : delta * (d - 0.5 * delta); }', 'abs(yPred - yTrue) <= delta ? 0.5 * abs(yPred - yTrue)^2 : delta * (abs(yPred - yTrue) - 0.5 * delta)', 'none'],
  ['tf.tidy, consts and a let reassigned', 'function tidyLoss(yTrue, yPred) { return tf.tidy(() => { const e = tf.sub(yPred, yTrue); let l = tf.square(e); l = tf.add(l, tf.abs(e)); l += 0; return tf.mean(l); }); }', '(yPred - yTrue)^2 + abs(yPred - yTrue) + 0', 'mean'],
  ['if / else returns and a guard that throws', 'function pieceLoss(yTrue: number, yPred: number) { if (Number.isNaN(yPred)) { throw new Error("nan"); } if (yPred > 1) { return yPred - 1; } else if (yPred < 0) return -yPred; return 0; }', 'yPred > 1 ? yPred - 1 : yPred < 0 ? -yPred : 0', 'none'],
  ['helpers and top-level constants in the same file', 'const EPS = 1e-6;\nfunction safeLog(x) { return tf.log(tf.add(x, EPS)); }\nconst weighted = (x, w = 2) => tf.mul(x, w);\nfunction helperLoss(yTrue, yPred) { return tf.neg(tf.add(weighted(tf.mul(yTrue, safeLog(yPred))), tf.mul(tf.sub(1, yTrue), safeLog(tf.sub(1, yPred))))); }', '-(yTrue * log(yPred + 1e-6) * 2 + (1 - yTrue) * log(1 - yPred + 1e-6))', 'none'],
  ['tf.losses.* functions', 'function mixLoss(yTrue, yPred) { return tf.add(tf.losses.meanSquaredError(yTrue, yPred), tf.losses.huberLoss(yTrue, yPred, undefined, 2)); }', '(yPred - yTrue)^2 + (abs(yPred - yTrue) <= 2 ? 0.5 * (yPred - yTrue)^2 : 2 * (abs(yPred - yTrue) - 0.5 * 2))', 'mean'],
  ['tf.metrics clip like the built-ins', 'const metricLoss = (yTrue, yPred) => tf.metrics.binaryCrossentropy(yTrue, yPred);', '-(yTrue * log(clip(yPred, 1e-7, 1 - 1e-7)) + (1 - yTrue) * log(1 - clip(yPred, 1e-7, 1 - 1e-7)))', 'mean'],
  ['backend epsilon and shape counts', 'const epsLoss = (yTrue, yPred) => tf.div(tf.sum(tf.log(tf.add(yPred, tf.backend().epsilon()))), yTrue.shape[0]);', 'log(yPred + 1e-7) / n', 'sum'],
];

for (const [what, code, expression, reduction] of TRANSLATIONS) {
  test(`translates ${what}`, () => {
    const { site } = loss(code);
    assert.equal(site.unreadable, undefined, site.unreadable);
    assert.equal(site.expression, expression);
    assert.equal(site.reduction, reduction);
    assert.ok(site.analysis, 'analysed');
  });
}

test('parameter roles: (yTrue, yPred) by position, (predictions, labels) by name, extra parameters with their defaults', () => {
  assert.deepEqual(pick(loss('function aLoss(a, b) { return tf.sub(b, a); }').site), { wrt: 'yPred', target: 'yTrue', expression: 'yPred - yTrue' });
  assert.deepEqual(pick(loss('function bLoss(predictions, labels) { return predictions.sub(labels).square(); }').site), { wrt: 'predictions', target: 'labels', expression: '(predictions - labels)^2' });
  const { site } = loss('function quantileLoss(yTrue, yPred, tau = 0.9) { const e = tf.sub(yTrue, yPred); return tf.maximum(tf.mul(tau, e), tf.mul(tau - 1, e)); }');
  assert.deepEqual(site.parameters, { tau: 0.9 });
  assert.equal(site.analysis.match?.id, 'quantile');
});

function pick(site) {
  return { wrt: site.wrt, target: site.target, expression: site.expression };
}

test('named imports and require namespaces are read as tf', () => {
  const named = lint.lintText("import { sub, square, mean } from '@tensorflow/tfjs';\nexport const mseLoss = (yTrue, yPred) => mean(square(sub(yPred, yTrue)));", 'a.ts');
  assert.equal(named.sites[0].expression, '(yPred - yTrue)^2');
  const required = lint.lintText("const tfn = require('@tensorflow/tfjs-node');\nfunction l1Loss(yTrue, yPred) { return tfn.abs(tfn.sub(yPred, yTrue)); }", 'a.js');
  assert.equal(required.sites[0].expression, 'abs(yPred - yTrue)');
});

test('what cannot be read says why and where', () => {
  const loop = loss('function loopLoss(yTrue, yPred) { let s = 0; for (let i = 0; i < 3; i++) s += i; return tf.mul(yPred, s); }').site;
  assert.match(loop.unreadable, /i is a loop index, not a value of the loss/);
  const whileLoop = loss('function whileLoss(yTrue, yPred) { let s = 0; while (s < 3) s = s + 1; return tf.mul(yPred, s); }').site;
  assert.match(whileLoop.unreadable, /s: a loop that adds nothing up/);
  const call = loss('function callLoss(yTrue, yPred) { return tf.conv2d(yTrue, yPred, 1, 0); }').site;
  assert.match(call.unreadable, /tf\.conv2d\(\) is not supported in a loss \(line 2\)/);
  const unknown = loss('function extLoss(yTrue, yPred) { return externalThing(yTrue, yPred); }').site;
  assert.match(unknown.unreadable, /externalThing\(\) is not defined in this file/);
  const recursive = loss('function recLoss(yTrue, yPred) { return recLoss(yTrue, yPred); }').site;
  assert.match(recursive.unreadable, /recursive/);
});

test('a function named like a loss that is not one is no site; one passed to compile is, whatever its name', () => {
  const r = lint.lintText(HEADER + 'function updateLossChart(epoch, value) { chart.push(epoch, value); }\nfunction plotLosses(history, el) { return el.render(history); }\nfunction smoothLoss(prev, next) { return 0.9 * prev + 0.1 * next; }', 'a.ts');
  assert.deepEqual(r.sites, []);
  const c = lint.lintText(HEADER + 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 1, inputShape: [2]}));\nfunction f(a, b) { return tf.abs(tf.sub(a, b)); }\nm.compile({optimizer: "sgd", loss: f});', 'a.ts');
  assert.deepEqual(c.sites.map((s) => s.kind), ['custom-function', 'compile']);
  assert.equal(c.sites[1].lossSiteId, 0);
});

test('a core diagnostic maps to the code that computes it, through local consts and helpers', () => {
  const code = 'function safeLog(x) { return tf.log(x); }\nexport function constLoss(yTrue, yPred) {\n  const inv = tf.sub(1, yPred);\n  const logInv = safeLog(inv);\n  return tf.neg(tf.add(tf.mul(yTrue, tf.log(yPred)), tf.mul(tf.sub(1, yTrue), logInv)));\n}';
  const { result, text } = loss(code);
  const ranges = result.diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => text.slice(d.start, d.end));
  assert.deepEqual(ranges.sort(), ['tf.log(x)', 'tf.log(yPred)']);
  const helper = result.diagnostics.find((d) => text.slice(d.start, d.end) === 'tf.log(x)');
  assert.deepEqual(helper.fixes.map((f) => f.edits.map((e) => [text.slice(e.start, e.end), e.text])), [
    [['yPred', 'tf.clipByValue(yPred, 1e-7, 1 - 1e-7)'], ['yPred', 'tf.clipByValue(yPred, 1e-7, 1 - 1e-7)']],
    [['yPred', 'tf.clipByValue(yPred, 1e-7, 1 - 1e-7)']],
    [['x', 'tf.maximum(x, 1e-7)']],
  ]);
});

test('fixes use Tensor methods when the file has no tf namespace, and Math for scalar code', () => {
  const text = "import { layers, sequential } from '@tensorflow/tfjs';\nconst m = sequential();\nm.add(layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' }));\nm.compile({ optimizer: 'adam', loss: (yTrue, yPred) => yTrue.mul(yPred.log()).neg().mean() });";
  const r = lint.lintText(text, 'a.ts');
  const d = r.diagnostics.find((x) => x.code === 'log-of-zero');
  assert.equal(d.fixes[0].edits[0].text, 'yPred.clipByValue(1e-7, 1 - 1e-7)');
  const scalar = lint.lintText('function logLoss(label, p) { return -label * Math.log(p); }', 'a.js');
  assert.equal(scalar.diagnostics[0].fixes[0].edits[0].text, 'Math.min(Math.max(p, 1e-7), 1 - 1e-7)');
});

test('a loss of a factory called in compile takes the arguments of the call', () => {
  const code = "function margin(m = 1) { return (yTrue, yPred) => tf.relu(tf.sub(m, tf.mul(yTrue, yPred))); }\nconst net = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\nnet.compile({ optimizer: 'sgd', loss: margin(2) });";
  const { site } = loss(code);
  assert.equal(site.expression, 'relu(2 - yTrue * yPred)');
  assert.equal(site.activation, 'linear');
});

test('a loss-named function of a custom training loop is read like a minimize closure', () => {
  const { site } = loss('export function computeLoss(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor) {\n  return tf.tidy(() => { const preds = model.predict(xs) as tf.Tensor; return tf.losses.meanSquaredError(ys, preds); });\n}');
  assert.equal(site.kind, 'custom-function');
  assert.equal(site.name, 'computeLoss');
  assert.equal(site.expression, '(yPred - yTrue)^2');
  assert.equal(site.analysis.match?.id, 'meanSquaredError');
});

test('minimize closures: the model output is the prediction, the other tensor the target', () => {
  const code = "const w = tf.variable(tf.zeros([3, 1]));\nconst xs = tf.randomNormal([10, 3]);\nconst ys = tf.randomNormal([10, 1]);\nconst opt = tf.train.adam();\nopt.minimize(() => { const pred = model.predict(xs); return tf.mean(tf.abs(tf.sub(pred, ys))); });";
  const r = lint.lintText(HEADER + code, 'a.ts');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.expression, 'abs(yPred - yTrue)');
  assert.equal(site.wrt, 'yPred');
  assert.equal(site.target, 'yTrue');
});

test('a ?? b is the value the code has, else its fallback: a shape with a default, an option with a default', () => {
  const { site } = loss(`export function vaeLoss(yTrue: tf.Tensor, yPred: tf.Tensor, options?: { eps?: number }) {
  const dim = yTrue.shape[1] ?? -1;
  const eps = options?.eps ?? 1e-7;
  return tf.mean(tf.square(tf.sub(yTrue, yPred))).mul(dim).add(tf.log(tf.add(yPred, eps)));
}`);
  assert.equal(site.unreadable, undefined);
  assert.match(site.expression, /log\(yPred \+ eps\)/);
  assert.equal(site.parameters.eps, 1e-7);
});

test("a surrogate objective is a loss by name, and numbers read back with dataSync() are the tensor's values (a PPO clip range given as a tensor)", () => {
  const objective = (name, readBack) => `export const ${name} = (new_p, old_p, adv, eps) => tf.tidy(() => {
  if (eps instanceof tf.Tensor) {
    eps = ${readBack};
  }
  const rt = new_p.sub(old_p).exp();
  const clipped = tf.clipByValue(rt, 1 - eps, 1 + eps).mul(adv);
  return tf.minimum(rt.mul(adv), clipped).mean().neg();
});
`;
  const codesOf = (code) => lint.lintText(HEADER + code, 'ppo.js').diagnostics.map((d) => `${d.code}:${d.line}`);
  const found = codesOf(objective('clipped_surrogate_obj', 'eps.dataSync()[0]'));
  assert.ok(found.includes('non-differentiable:7') && found.includes('non-differentiable:8'), found.join());
  assert.deepEqual(codesOf(objective('clipped_surrogate_obj', 'eps.arraySync()[0]')), found);
  // A read-back indexed by a value the code computes is not an element the lint can name: that way is not read, and
  // the way where eps is a number already (the test false) still is.
  const other = lint.lintText(HEADER + objective('clipped_surrogate_obj', 'eps.dataSync()[pick()]'), 'ppo.js');
  assert.deepEqual(other.diagnostics.map((d) => `${d.code}:${d.line}`), found);
  assert.doesNotMatch(other.sites.find((s) => s.name === 'clipped_surrogate_obj').expression, /pick/);
  // A name that says neither loss nor objective is no site of its own, nor is a Bayesian optimiser's surrogate.
  assert.deepEqual(codesOf(objective('clipped_ratio', 'eps.dataSync()[0]')), []);
  assert.deepEqual(codesOf('export function surrogateAcquisition(mean, std) { return tf.add(mean, tf.mul(2, tf.sqrt(std))); }\n'), []);
  // A value of the prediction read back inside a loss carries no gradient: a value of its own, not the prediction.
  const scaled = loss('function scaledLoss(yTrue, yPred) { const s = yPred.sum().dataSync()[0]; return tf.div(tf.square(tf.sub(yPred, yTrue)), s); }\n');
  assert.match(scaled.site.expression, /\(yPred - yTrue\)\^2 \/ readBack/);
});

test('tf.norm per element: the element with the rest of the vector (a triplet hinge through normalised embeddings), by its order', () => {
  const triplet = (norm) => `function tripletLoss(yTrue, yPred, negative, margin = 0.2) {
  const unit = (t) => tf.div(t, tf.add(${norm}, 1e-12));
  const dPos = tf.sub(1, tf.sum(tf.mul(unit(yTrue), unit(yPred)), 1));
  const dNeg = tf.sub(1, tf.sum(tf.mul(unit(yTrue), unit(negative)), 1));
  return tf.maximum(0, tf.add(tf.sub(dPos, dNeg), margin)).mean();
}
`;
  for (const norm of ['tf.norm(t, 2, 1, true)', "tf.norm(t, 'euclidean', -1, true)", 't.norm()', 'tf.norm(t, 1, 1, true)', 'tf.norm(t, Infinity, 1, true)']) {
    const { site, result } = loss(triplet(norm));
    assert.equal(site.unreadable, undefined, norm);
    assert.ok(result.diagnostics.some((d) => d.code === 'non-differentiable' && d.line === 6), `${norm}: ${result.diagnostics.map((d) => `${d.code}:${d.line}`)}`);
  }
  assert.match(loss(triplet('tf.norm(t, 2, 1, true)')).site.expression, /sqrt\(\w+\^2 \+ r\)/);
  assert.match(loss(triplet('tf.norm(t, 1, 1, true)')).site.expression, /abs\(\w+\) \+ r/);
  assert.match(loss(triplet('tf.norm(t, Infinity, 1, true)')).site.expression, /max\(abs\(\w+\), r\)/);
  // An order it does not know is left out of the sum it is in (the norm plus 1e-12), and the site says so.
  assert.match(loss(triplet("tf.norm(t, 'fro', 1, true)")).site.partlyUnread, /order other than 1, 2 or Infinity/);
  // A distance's 2-norm at a perfect match is the root at zero TF.js differentiates through.
  const distance = loss('function distLoss(yTrue, yPred) { return tf.norm(tf.sub(yPred, yTrue), 2, -1).mean(); }\n');
  assert.deepEqual(distance.result.diagnostics.map((d) => d.code), ['sqrt-at-zero']);
});

test('TF.js differentiates the 2-norm through its root: NaN at a zero vector, finite elsewhere; the 1-norm stays finite', () => {
  const tf = require('@tensorflow/tfjs');
  const grad = (ord, v) => Array.from(tf.grad((x) => tf.norm(x, ord))(tf.tensor1d(v)).dataSync());
  assert.ok(grad('euclidean', [0, 0, 0]).every(Number.isNaN));
  assert.ok(grad(2, [0, 0]).every(Number.isNaN));
  assert.deepEqual(grad(2, [3, 4]).map((g) => Math.round(g * 1e6) / 1e6), [0.6, 0.8]);
  assert.ok(grad(1, [0, 0]).every(Number.isFinite));
});

test('an unused parameter in the target\'s place ((_, yPred) => …) still makes a loss shape: a triplet loss factory', () => {
  const { site, result } = loss(`export function createTripletLoss(margin = 0.2) {
  return (_, yPred) => tf.tidy(() => {
    const n = Math.floor(yPred.shape[0] / 3);
    const a = yPred.slice([0, 0], [n, -1]);
    const p = yPred.slice([n, 0], [n, -1]);
    const q = yPred.slice([2 * n, 0], [n, -1]);
    const dPos = tf.sum(tf.square(tf.sub(a, p)), 1);
    const dNeg = tf.sum(tf.square(tf.sub(a, q)), 1);
    return tf.mean(tf.maximum(0, tf.add(tf.sub(dPos, dNeg), margin)));
  });
}
`);
  assert.equal(site.unreadable, undefined);
  assert.deepEqual(result.diagnostics.map((d) => `${d.code}:${d.line}`), ['non-differentiable:10']);
  // Callbacks with an unused first parameter and a second named like an output are not losses.
  for (const code of ['export const grid = Array.from({ length: 10 }, (_, p) => Math.log(p / 10));', 'export const inv = (_, out) => tf.div(1, out);', 'export function onResult(_, output) { return Math.sqrt(output - 1); }']) {
    const r = lint.lintText(HEADER + code + '\n', 'callbacks.js');
    assert.deepEqual(r.diagnostics.map((d) => d.code), [], code);
  }
});

test('weights made with the .variable() method (tf.randomNormal(…).variable()) make a linear layer in a minimize closure, as tf.variable does', () => {
  const text = (make) => `${HEADER}const w = ${make};
const f_x = (x) => tf.sigmoid(x.matMul(w));
const optimizer = tf.train.adam(0.07);
for (let i = 0; i < 100; i++) {
  optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(ys, f_x(input)).asScalar(), true);
}
`;
  const codes = (make) => lint.lintText(text(make), 'logreg.js').diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(codes('tf.randomNormal([3, 1]).variable()'), ['activation-mismatch:6']);
  assert.deepEqual(codes('tf.variable(tf.randomNormal([3, 1]))'), ['activation-mismatch:6']);
  // A constant tensor is no weight: the closure has no model output to read, but the logits it passes are still a
  // sigmoid's output (the forward pass ends in tf.sigmoid), so the loss applies it twice all the same.
  const constant = lint.lintText(text('tf.randomNormal([3, 1])'), 'logreg.js');
  assert.match(constant.sites.find((s) => s.kind === 'minimize').unreadable, /cannot tell which value is the model output/);
  assert.deepEqual(constant.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:6']);
});

test("a setting read with a string key (this.config['beta']) is the setting, and a way through the loss that never reaches the prediction (a Keras loss called once per output) is not its reading", () => {
  const { site, result } = loss(`class Vae {
  vaeLoss(yTrue, yPred) {
    if (yTrue.shape[1] === this.config['latent_size']) {
      return tf.mul(tf.mean(tf.square(yTrue)), this.config['beta']);
    }
    return tf.div(tf.mean(tf.abs(tf.sub(yPred, yTrue))), this.config['sigma']);
  }
}
`);
  assert.equal(site.unreadable, undefined);
  assert.match(site.expression, /abs\(yPred - yTrue\) \/ sigma/);
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['non-differentiable']);
  // A key that is not a name stays unread.
  assert.match(loss("function weirdLoss(yTrue, yPred) { return tf.mul(tf.square(tf.sub(yPred, yTrue)), cfg['a b']); }\n").site.unreadable, /not supported/);
});

test('a list of loss terms written out is read where it is folded, added or indexed: reduce, slice(1).reduce(…, values[0]), tf.addN, a helper that sums its list', () => {
  const TERMS = '[tf.mean(tf.abs(tf.sub(yPred, yTrue))), tf.mul(tf.mean(tf.square(yPred)), 0.1)]';
  const forms = [
    `return ${TERMS}.reduce((a, b) => tf.add(a, b));`,
    `const terms = ${TERMS};\n  return terms.reduce((a, b) => a.add(b), tf.scalar(0));`,
    `return tf.addN(${TERMS});`,
    `return sumTensors(${TERMS});`,
    `const terms = ${TERMS};\n  return tf.add(terms[0], terms[1]);`,
  ];
  for (const body of forms) {
    const { site, result } = loss(`function sumTensors(values) {
  if (values.length === 0) throw new Error('empty');
  return values.slice(1).reduce((total, value) => tf.add(total, value), values[0]);
}
function multiTermLoss(yTrue, yPred) {
  ${body}
}
`);
    assert.equal(site.unreadable, undefined, body);
    assert.match(site.expression, /abs\(yPred - yTrue\) \+ yPred\^2 \* 0\.1/, body);
    assert.ok(result.diagnostics.some((d) => d.code === 'non-differentiable'), body);
  }
  // A list used any other way says so, and so does an index JavaScript does not have.
  assert.match(loss(`function listLoss(yTrue, yPred) { const terms = ${TERMS}; return tf.stack(terms).max(); }\n`).site.unreadable, /list of terms/);
  assert.match(loss(`function lastLoss(yTrue, yPred) { const terms = ${TERMS}; return tf.mean(terms[-1]); }\n`).site.unreadable, /element -1/);
  // A helper that tests the list's length takes the way that length goes.
  const byLength = loss(`function sumTerms(values) {
  if (values.length === 1) return values[0];
  return tf.addN(values);
}
function comboLoss(yTrue, yPred) { return sumTerms(${TERMS}); }
`);
  assert.match(byLength.site.expression, /abs\(yPred - yTrue\) \+ yPred\^2 \* 0\.1/);
  // tf.addN of many terms written in place is still their sum; numbers written out are data, not terms.
  const many = Array.from({ length: 17 }, () => 'tf.square(tf.sub(yPred, yTrue))').join(', ');
  assert.equal(loss(`function manyLoss(yTrue, yPred) { return tf.addN([${many}]); }\n`).site.unreadable, undefined);
  assert.doesNotMatch(loss('function weightedLoss(yTrue, yPred) { const w = [0.3, 0.7]; return tf.mul(tf.square(tf.sub(yPred, yTrue)), tf.tensor1d(w)); }\n').site.unreadable ?? '', /list of terms/);
});

test('a configuration branch the lint cannot read leaves the other ways read: the way that returns l1 still has its kink', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
const maskedOnlyEl = document.getElementById('masked');
function l1(a, b) { return tf.mean(tf.abs(tf.sub(a, b))); }
export function lossFn(yTrue, yPred) {
  if (maskedOnlyEl.value === '1') {
    return tf.mean(tf.image.sobelEdges(yPred));
  }
  return l1(yTrue, yPred);
}
`;
  const r = lint.lintText(text, 'inpaint.js');
  const site = r.sites.find((s) => s.name === 'lossFn');
  assert.equal(site.unreadable, undefined);
  assert.equal(site.expression, 'abs(yTrue - yPred)');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['non-differentiable:3']);
  // Every way unreadable: the first way's reason, as before.
  const none = lint.lintText(text.replace('return l1(yTrue, yPred);', 'return tf.mean(tf.image.sobelEdges(yTrue));'), 'inpaint.js');
  assert.match(none.sites.find((s) => s.name === 'lossFn').unreadable, /sobelEdges/);
});

test('inverse trigonometric ops are read: a geodesic loss with tf.acos finds the kink of its abs, not its guard clip', () => {
  const { result } = loss(`function geodesicLoss(yTrue, yPred) {
  const dot = tf.sum(tf.mul(yTrue, yPred), -1).abs().clipByValue(0.0, 1.0 - 1e-7);
  const theta = tf.mul(2.0, tf.acos(dot));
  return tf.mean(tf.mul(theta, theta));
}`);
  const site = result.sites[0];
  assert.equal(site.unreadable, undefined);
  assert.match(site.expression, /acos\(/);
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['non-differentiable']);
  assert.match(result.diagnostics[0].message, /kink at yPred = 0/);
  const arcsine = loss('function angleLoss(yTrue, yPred) { return tf.mean(tf.square(tf.sub(tf.asin(tf.tanh(yPred)), yTrue))); }').site;
  assert.equal(arcsine.unreadable, undefined);
  assert.match(arcsine.expression, /asin\(tanh\(yPred\)\)/);
});

test('a loss that returns its parts beside the whole (return { total, box, cls }) is read as the whole', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function detectionLoss(yTrue, yPred) {
  const box = tf.mean(tf.abs(tf.sub(yPred, yTrue)));
  const cls = tf.mean(tf.square(tf.sub(yPred, yTrue)));
  const total = tf.add(box, cls);
  return { total, box, cls };
}
`;
  const r = lint.lintText(text, 'loss.js');
  const site = r.sites.find((s) => s.name === 'detectionLoss');
  assert.equal(site?.unreadable, undefined, site?.unreadable);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['non-differentiable']);
  // Two fields that could each be the whole: neither is guessed.
  const two = text.replace('return { total, box, cls };', 'return { total, loss: box };');
  assert.ok(lint.lintText(two, 'loss.js').sites.find((s) => s.name === 'detectionLoss')?.unreadable);
  // Given to compile (or minimize) itself, the object is what TF.js gets, and it throws: not read as a valid loss.
  const compiled = `${text}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });\nmodel.compile({ optimizer: 'adam', loss: detectionLoss });\n`;
  assert.ok(lint.lintText(compiled, 'loss.js').sites.find((s) => s.name === 'detectionLoss')?.unreadable);
});

test('a function given to compile takes TF.js order, (yTrue, yPred), unless its names are a prediction\'s own', () => {
  const text = (params, body) => `import * as tf from '@tensorflow/tfjs';
class Detector {
  build() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'sigmoid' }));
    model.compile({ loss: (xs, ys) => this.loss(xs, ys), optimizer: 'adam' });
  }
  loss(${params}) {
    ${body}
  }
}
`;
  // loss(x, y) as TF.js calls it: x is the ground truth. Dividing by its count is a target's hazard, not the sigmoid's.
  const site = (r) => r.sites.find((s) => s.kind === 'custom-function');
  const xy = lint.lintText(text('x, y', 'return tf.squaredDifference(x, y).div(x.sum());'), 'det.js');
  assert.equal(site(xy)?.target, 'yTrue');
  assert.match(xy.diagnostics.find((d) => d.code === 'division-by-zero')?.message ?? '', /target values/);
  // Names that are a prediction's own keep their meaning: (yPred, yTrue) is read as written.
  const named = lint.lintText(text('yPred, yTrue', 'return tf.squaredDifference(yTrue, yPred).div(yTrue.sum());'), 'det.js');
  assert.equal(site(named)?.wrt, 'yPred');
  // Names that say their roles in words are read by them too: (predictedValues, trueValues), (x, labels).
  for (const params of ['predictedValues, trueValues', 'x, labels', 'modelOutput, y']) {
    const [a] = params.split(', ');
    const r = lint.lintText(text(params, `return tf.neg(tf.mean(tf.log(${a})));`), 'det.js');
    const log = r.diagnostics.find((d) => d.code === 'log-of-zero');
    assert.ok(log, params);
    assert.doesNotMatch(log.message, /target values/, params);
  }
});

test('a fuzz factor kept once computed (let _epsilon, set from tf.backend().epsilon() on first use) is that number; a let given a parameter stays a setting', () => {
  const { site, result } = loss(`let _epsilon: number;
export function epsilon() {
  if (_epsilon == null) {
    _epsilon = tf.backend().epsilon();
  }
  return _epsilon;
}
export function categoricalCrossentropy(target: tf.Tensor, output: tf.Tensor) {
  const p = tf.clipByValue(output, epsilon(), 1 - epsilon());
  return tf.neg(tf.sum(tf.mul(target, tf.log(p)), -1));
}
`);
  assert.equal(site.expression, '-(target * log(clip(output, 1e-7, 1 - 1e-7)))');
  // The clip's bound is that number, not a setting that could be 0: the log is guarded.
  assert.deepEqual(Object.keys(site.parameters ?? {}), []);
  assert.deepEqual(result.diagnostics.map((d) => d.code), []);
  const other = loss(`let _scale: number;
export function setScale(s: number) { _scale = s; }
export function scaledLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {
  return tf.mean(tf.mul(_scale, tf.square(tf.sub(yPred, yTrue))));
}
`);
  assert.match(other.site.expression, /_scale/);
});

test('a hand-written derivative kept beside its loss (dloss next to loss) is not read as a loss; a GAN\'s dLoss alone is', () => {
  const text = `${HEADER}export const hinge = {
  loss: (p, y) => { const z = p * y; return z <= 1 ? 1 - z : 0; },
  dloss: (p, y) => (p * y <= 1 ? -y : 0),
};
function cost(p, y) { return Math.abs(p - y); }
function dCost(p, y) { return p > y ? 1 : -1; }
`;
  const r = lint.lintText(text, 'sgd.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['non-differentiable:3', 'non-differentiable:6']);
  const gan = lint.lintText(`${HEADER}export function dLoss(real, fake) {\n  return tf.neg(tf.mean(tf.add(tf.log(real), tf.log(tf.sub(1, fake)))));\n}\n`, 'gan.ts');
  assert.ok(gan.sites.some((s) => s.name === 'dLoss'));
});
