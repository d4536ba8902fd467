// deeplearn.js, TF.js's predecessor, is still in public code: its 0.5+ eager ops (`import { add, scalar } from
// 'deeplearn'`) are TF.js's, and its 0.x Graph API builds a graph (`g.softmax(g.add(g.matmul(w, x), b))`) costed by
// `g.softmaxCrossEntropyCost(logits, labels)` (tfBindings.ts GRAPH_OPS, logitsProbes.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (r) => r.diagnostics.map((d) => `${d.line}:${d.code}`);

test("deeplearn.js's eager ops are TF.js's: a hand-written cross-entropy minimised with them is read", () => {
  const text = `import { SGDOptimizer, add, scalar, tensor2d } from 'deeplearn'
export function make(model) {
  const one = scalar(1)
  const cost = (target, result) => add(target.mul(result.log()), one.sub(target).mul(one.sub(result).log())).sum().neg()
  return {
    train(input, target, optimizer = new SGDOptimizer(0.1)) {
      const xs = tensor2d(input, [input.length, 2])
      const ys = tensor2d(target, [target.length, 1])
      optimizer.minimize(() => cost(ys, model.predict(xs)), true)
    }
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'graph.js')), ['4:log-of-zero', '4:log-of-zero']);
  // The same text importing an unrelated package is not TF.js code.
  assert.deepEqual(codes(lint.lintText(text.replace("'deeplearn'", "'./mylib'"), 'graph.js')), []);
});

/** A deeplearn.js Graph classifier whose output is `head` (an expression of the last layer's sum `z`). */
function graphClassifier(head, { importLine = "import { Array1D, Array2D, Graph, Session, ENV } from 'deeplearn'", make = 'new Graph()' } = {}) {
  return `${importLine}
export function build() {
  const graph = ${make}
  const x = graph.placeholder('input', [2])
  const w1 = graph.variable('w1', Array2D.randNormal([16, 2]))
  const h = graph.relu(graph.matmul(w1, x))
  const w2 = graph.variable('w2', Array2D.randNormal([2, 16]))
  const b2 = graph.variable('b2', Array1D.zeros([2]))
  const z = graph.add(graph.matmul(w2, h), b2)
  const out = ${head}
  const y = graph.placeholder('label', [2])
  const cost = graph.softmaxCrossEntropyCost(out, y)
  return new Session(graph, ENV.math)
}
`;
}

test('graph.softmaxCrossEntropyCost of a graph.softmax output applies the softmax twice', () => {
  const r = lint.lintText(graphClassifier('graph.softmax(z)'), 'model.ts');
  const found = r.diagnostics.filter((d) => d.code === 'activation-mismatch');
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 12);
  assert.match(found[0].message, /^graph\.softmaxCrossEntropyCost expects logits, but this is a softmax output/);
  assert.match(found[0].detail, /to its first argument/);
  // The script-tag global (`new deeplearn.Graph()`) is the same API.
  const page = lint.lintText(graphClassifier('graph.softmax(z)', { importLine: '', make: 'new deeplearn.Graph()' }).replace(/Array[12]D/g, 'deeplearn.$&').replace(/new Session\(graph, ENV.math\)/, 'graph'), 'model.js');
  assert.deepEqual(codes(page), ['12:activation-mismatch']);
});

test('graph.softmaxCrossEntropyCost of the logits themselves is what deeplearn.js expects: silent', () => {
  assert.deepEqual(codes(lint.lintText(graphClassifier('z'), 'model.ts')), []);
});

test("a class named Graph of the file's own, in code without deeplearn.js, is not deeplearn's", () => {
  const text = graphClassifier('graph.softmax(z)', { importLine: "import { Graph } from './graph'\nconst Array1D = {}, Array2D = {}, Session = class {}, ENV = {}" });
  assert.deepEqual(codes(lint.lintText(text, 'model.ts')), []);
});

test("deeplearn.js's script-tag global `dl` is TF.js's namespace in a page script that never says `tf`", () => {
  const text = `const optimizer = dl.train.momentum(0.01, 0.9);
const w = dl.variable(dl.randomNormal([900, 2]));
function loss(labels, ys) {
  return dl.sub(labels, ys).square().mean();
}
function model(xs) {
  return xs.matMul(w).sigmoid();
}
function train(data) {
  for (let i = 0; i < 100; i++) {
    optimizer.minimize(() => {
      const batch = data.nextBatch(10);
      return loss(batch.labels, model(batch.xs));
    });
  }
}
function predict(x) {
  return dl.tidy(() => model(x).argMax(1));
}
`;
  // The sigmoid model's predictions are read as classes (argMax): squared error on them is the mismatch. (A batch of
  // `nextBatch`, not MnistData's `nextTrainBatch`, whose labels would say classes by themselves: knownDatasets.ts.)
  const r = lint.lintText(text, 'model.js');
  assert.deepEqual(codes(r), ['3:activation-mismatch']);
  assert.match(r.diagnostics[0].detail, /argMax, line 18/);
  // Without the arg-max nothing says the targets are classes.
  assert.deepEqual(codes(lint.lintText(text.replace('model(x).argMax(1)', 'model(x)'), 'model.js')), []);
  // A file that also uses `tf` keeps `tf` as the namespace: `dl` there is some other object.
  assert.deepEqual(codes(lint.lintText(`${text}\nconst t = tf.scalar(1);\n`, 'model.js')), []);
});

test("deeplearn.js's own loss ops, compiled and vendored, reduce with LossOps.computeWeightedLoss: their kinks are read", () => {
  const text = `var LossOps = (function () {
    function LossOps() {}
    LossOps.computeWeightedLoss = function (losses, weights, reduction) {
        return losses.mean();
    };
    LossOps.absoluteDifference = function (labels, predictions, weights, reduction) {
        var losses = labels.sub(predictions).abs();
        return LossOps.computeWeightedLoss(losses, weights, reduction);
    };
    LossOps.meanSquaredError = function (labels, predictions, weights, reduction) {
        var losses = labels.squaredDifference(predictions);
        return LossOps.computeWeightedLoss(losses, weights, reduction);
    };
    return LossOps;
}());
exports.LossOps = LossOps;
`;
  assert.deepEqual(codes(lint.lintText(text, 'loss_ops.js')), ['7:non-differentiable']);
});
