// Regression tests for what the fuzzer (test/fuzz, scripts/fuzz) found: each a minimal input that once ended in an
// internal error or a result that broke the API. Names from Object.prototype, missing and undefined operands,
// options of the wrong type, non-finite numbers, and the shapes of generated code the lint now declines to parse.
import test from 'node:test';
import assert from 'node:assert/strict';
import { apiViolations } from '../fuzz/apiCheck.mjs';
import { loadLint } from '../fuzz/runner.mjs';

const { lint, names } = loadLint();
const TF = "import * as tf from '@tensorflow/tfjs';\n";

/** Lints and checks the result against the API; returns the result. */
function lintClean(text, fileName = 'a.ts', options = {}) {
  const r = lint.lintText(text, fileName, options);
  assert.deepEqual(apiViolations(r, /\.ipynb$/.test(fileName) ? { cells: JSON.parse(text).cells.map((c) => [c.source].flat().join('')) } : { text }, names), [], text.slice(0, 200));
  return r;
}

test('hostile: loss, layer, op and activation names from Object.prototype are unknown names, not crashes', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    lintClean(`${TF}const model = tf.sequential({layers: [tf.layers.dense({units: 1, activation: '${name}'})]});\nmodel.compile({optimizer: 'adam', loss: '${name}'});\n`);
    lintClean(`${TF}const loss = (yTrue, yPred) => tf.${name}(yPred);\n`);
    lintClean(`${TF}const loss = (yTrue, yPred) => tf.losses.${name}(yTrue, yPred);\n`);
    lintClean(`${TF}const loss = (yTrue, yPred) => Math.${name}(yPred) + Math.${name};\n`);
    lintClean(`${TF}const model = tf.sequential();\nmodel.add(tf.layers.${name}({units: 2}));\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n`);
    lintClean(`${TF}// @loss ${name}(p) - y @activation ${name}\nconst x = 1;\n`);
    lintClean(`import torch.nn as nn\nfrom tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(1, activation='${name}')])\nmodel.compile(optimizer='adam', loss='${name}')\ncriterion = nn.${name}()\nloss = keras.losses.${name}\n`, 'a.py');
  }
  const r = lintClean(`${TF}const model = tf.sequential({layers: [tf.layers.dense({units: 1, activation: 'constructor'})]});\nmodel.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});\n`);
  assert.equal(r.sites[0].activation, null);
  assert.equal(r.sites[0].activationName, 'constructor');
});

test('hostile: a missing or undefined operand makes the loss unreadable, with the reason', () => {
  for (const body of ['tf.sqrt(undefined)', 'tf.sqrt()', 'tf.where(tf.greater(yPred, 0), yPred, undefined)', 'yPred.minimum(undefined)', 'yPred.minimum()', 'tf.neg(void 0)', 'tf.sub(yPred, null)', 'tf.clipByValue(yPred, undefined, 1)']) {
    const r = lintClean(`${TF}const myLoss = (yTrue, yPred) => tf.mean(${body});\n`);
    assert.equal(r.sites.length, 1, body);
    assert.match(r.sites[0].unreadable ?? '', /without a value|needs \d arguments/, body);
  }
  for (const body of ['torch.max()', 'torch.min()', 'np.maximum()', 'torch.sqrt()', 'torch.sqrt(None)', 'torch.where(y_pred > 0, y_pred, None)']) {
    lintClean(`import torch\nimport numpy as np\ndef my_loss(y_true, y_pred):\n    return torch.mean(${body})\n`, 'a.py');
  }
});

test('hostile: options of the wrong type or out of range are ignored, and the defaults apply', () => {
  const text = `${TF}const myLoss = (yTrue, yPred) => tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred))));\n`;
  const plain = lintClean(text);
  const bad = [
    { epsilon: '1e-3' }, { epsilon: NaN }, { epsilon: -1 }, { epsilon: Infinity }, { epsilon: 0 }, { epsilon: 2 },
    { defaultActivation: 'constructor' }, { defaultActivation: 'bogus' }, { defaultActivation: 42 }, { defaultActivation: null },
    { budgetMs: -5 }, { budgetMs: NaN }, { budgetMs: '200' }, { budgetMs: 0 }, { budgetMs: Infinity },
    { precision: 'float128' }, { precision: '__proto__' }, { precision: null },
    { project: null }, { project: {} }, { project: { readFile: () => 42 } }, { project: { readFile: () => { throw new Error('disk on fire'); } } },
    null, 'fast', 42,
  ];
  for (const options of bad) {
    const r = lintClean(text, 'a.ts', options);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.message, JSON.stringify(d.fixes)]), plain.diagnostics.map((d) => [d.code, d.message, JSON.stringify(d.fixes)]), JSON.stringify(options));
  }
  const eps = lintClean(text, 'a.ts', { epsilon: 1e-4 });
  assert.match(JSON.stringify(eps.diagnostics[0].fixes), /tf.clipByValue\(yPred, 0.0001, 1 - 0.0001\)/);
});

test('hostile: units that are not a count are unknown, and infinite defaults are not parameters', () => {
  for (const units of ['Infinity', '-Infinity', '1e309', '0.5', '0', 'NaN', '-3']) {
    const r = lintClean(`${TF}const model = tf.sequential({layers: [tf.layers.dense({units: ${units}, activation: 'softmax'})]});\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n`);
    assert.equal(r.sites[0].units, null, units);
  }
  for (const units of ["float('inf')", '0', '2.5']) {
    const r = lintClean(`from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(${units}, activation='softmax')])\nmodel.compile(optimizer='adam', loss='categorical_crossentropy')\n`, 'a.py');
    assert.equal(r.sites[0].units, null, units);
  }
  const r = lintClean(`${TF}const myLoss = (yTrue, yPred, eps = 1e309) => tf.neg(tf.mean(tf.mul(yTrue, tf.log(tf.add(yPred, eps)))));\n`);
  assert.equal(r.sites[0].parameters?.eps, undefined);
  lintClean(`import torch\ndef my_loss(y_true, y_pred, eps=float('inf')):\n    return -torch.mean(y_true * torch.log(y_pred + eps))\n`, 'a.py');
});

test('hostile: NaN written in a loss is refused with a message, never carried into the result', () => {
  const r = lintClean(`${TF}// @loss -(y * log(p) + NaN(1 - y) * log(1 - p))\nconst x = 1;\n`);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['invalid-annotation']);
  assert.match(r.diagnostics[0].message, /NaN is not a number a loss can compute with/);
  const core = loadLint().core;
  assert.throws(() => core.analyze('NaN * p', { wrt: 'p' }), (err) => err instanceof core.ExpressionError && err.column === 1);
});

test('hostile: an expression of separators only is refused with a message (fast-check found `// @loss ;`)', () => {
  const core = loadLint().core;
  for (const e of [';', ' ; ;', ';\n;']) assert.throws(() => core.analyze(e), (err) => err instanceof core.ExpressionError && /only separators/.test(err.message), e);
  const r = lintClean(`${TF}// @loss ;\n`);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['invalid-annotation']);
  assert.match(r.diagnostics[0].message, /only separators/);
});

test('hostile: code nested deeper than people write is declined with a note, the same in any process', () => {
  const deep = `${TF}const deep = ${'('.repeat(300)}1${')'.repeat(300)};\nconst myLoss = (yTrue, yPred) => tf.log(yPred);\n`;
  const r = lintClean(deep);
  assert.deepEqual([r.sites, r.diagnostics, r.incomplete], [[], [], true]);
  assert.match(r.incompleteReason, /nests brackets more than 256 deep/);
  const brackets = `${TF}const s = "${'('.repeat(300)}";\n// ${'['.repeat(300)}\nconst myLoss = (yTrue, yPred) => tf.log(yPred);\n`;
  assert.equal(lintClean(brackets).sites.length, 1, 'brackets in strings and comments do not nest');
  const py = lintClean(`import torch\nx = ${'['.repeat(300)}0${']'.repeat(300)}\ns = """${'('.repeat(300)}"""\n`, 'a.py');
  assert.match(py.incompleteReason, /nests brackets/);
});

test('hostile: brackets in escaped strings and multi-line templates do not nest; lone \\r and \\u2028 end lines', () => {
  const open = '('.repeat(300);
  const escaped = `${TF}const s = "\\"${open}\\\\";\nconst t = \`\n${open}\n\`;\nconst myLoss = (yTrue, yPred) => tf.log(yPred);\n`;
  const r = lintClean(escaped);
  assert.deepEqual([r.sites.length, r.incomplete ?? false], [1, false]);
  const unclosed = `${TF}const s = "${open}\nconst deep = ${open}1${')'.repeat(300)};\n`;
  assert.match(lintClean(unclosed).incompleteReason, /nests brackets/, 'a newline ends a plain string');
  // \r\n is one line break, whichever way the lines are counted: a file of long data lines is the same file in CRLF.
  const data = `${TF}${Array.from({ length: 500 }, (_, i) => `const w${i} = [${'0.123456, '.repeat(48)}0];`).join('\n')}\nconst myLoss = (yTrue, yPred) => tf.log(yPred);\n`;
  const shape = (t) => [(lintClean(t).incompleteReason ?? '').replace(/\d+/g, 'N'), lintClean(t).diagnostics.length];
  assert.deepEqual(shape(data.replace(/\n/g, '\r\n')), shape(data));
  assert.deepEqual(shape(`${data.replace(/\n/g, '\r\n')}// \u2028\r\n`), shape(data));
  for (const brk of ['\r', '\u2028']) {
    const text = `${TF}const weights = [${'0.1,'.repeat(6000)}0];${brk}const myLoss = (yTrue, yPred) => tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred))));\n`;
    assert.match(lintClean(text).incompleteReason ?? '', /a line longer than 20000 characters/, JSON.stringify(brk));
  }
});

test('hostile: a very long line is not read, the rest of the file is, and the result says so', () => {
  const text = `${TF}const weights = [${'0.1,'.repeat(6000)}0];\nconst myLoss = (yTrue, yPred) => tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred))));\n`;
  const r = lintClean(text);
  assert.equal(r.incomplete, true);
  assert.match(r.incompleteReason, /a line longer than 20000 characters .* was not read/);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, text.slice(d.start, d.end)]), [['log-of-zero', 'tf.log(yPred)']]);
  const minified = `${TF}${'var a=function(b){return tf.log(b)};'.repeat(8000)}\n`.repeat(2);
  const m = lintClean(minified);
  assert.deepEqual([m.sites, m.incomplete], [[], true]);
  assert.match(m.incompleteReason, /looks minified or generated|longer than 20000/);
});

test('hostile: @loss tags by the thousand on one line are read once, the annotation found after them too', () => {
  const text = `${TF}// ${'@loss '.repeat(20000)}\n// @loss -log(p)\nconst x = 1;\n`;
  const r = lintClean(text);
  assert.deepEqual(r.sites.map((s) => s.expression), ['-log(p)']);
  const inString = lintClean(`${TF}const s = "${'@loss p '.repeat(5000)}";\n// @loss (p - y)^2\n`);
  assert.deepEqual(inString.sites.map((s) => s.expression), ['(p - y)^2']);
});

test('hostile: a clip applied to itself a hundred times is analysed in bounded time (equal subtrees of the derivative were compared exponentially)', { timeout: 120_000 }, () => {
  const text = `from tensorflow import keras
from tensorflow.keras import backend as K

def my_bce(y_tr):
    y_pred = K.clip(y_pred, K.epsilon(), 1 - K.epsilon())
    return -K.mean(y_true * K.log(y_pred) + (1 - y_true) * K.log(1 - y_pred))

model = keras.Sequential([keras.layers.Dense(1, activation='sigmoid', input_shape=(3,))])
model.compile(optimizer='adam', loss=my_bce)
`;
  const r = lintClean(text, 'a.py');
  assert.ok(r.sites.length > 0);
});

test('a Python file the parser cannot build a tree of is read as unparsable with a note, not an internal error (LSP fuzz, seed 7 case 4128)', () => {
  // @lezer/python leaves a node without a type on this input; walking the tree then throws a TypeError.
  const text = `import numpy ${'-'.repeat(1943)}(${'-'.repeat(677)}"""${'-'.repeat(900)}`;
  const r = lint.lintText(text, '/w/x.py');
  assert.equal(r.internalError, undefined);
  if (r.incomplete) assert.match(r.incompleteReason, /Python parser could not build a tree/);
  assert.equal(lint.lintNotebookCells([text], '/w/x.ipynb').internalError, undefined);
});

test('hostile: a forEach whose arrow returns an expression that adds nothing up is unreadable, not a crash (seed 99 case 99091)', () => {
  const r = lintClean(`${TF}export function manhattanLoss(yTrue, yPred) {\n  let total = 0;\n  [0, 1].forEach((i) => tf.abs(tf.sub(yTrue, yPred)));\n  return total;\n}\n`, 'a.js');
  assert.equal(r.internalError, undefined);
});

test('hostile: the untyped empty nodes @lezer/python leaves after some error recoveries are skipped (seed 99 case 73012)', () => {
  const body = ['        conv_out1 = self.conv1(embedded_sent).squeeze(3) #shape=(64, num_channels, 20-3+1, 1) (squeeze 1)',
    '        activation_out1 = self.activation1(conv_out1)', '        max_out1 = self.max_out1(activation_out1).squeeze(2) #shape=(64, num_channels, 1) (squeeze 1)',
    '        conv_out2 = self.conv2(embedded_sent).squeeze(lambda x: x)', '        activation_out2 = self.activation2(conv_out2)', '        max_out2 = self.max_out2(activation_out2).squeeze(1e-400)',
    '        conv_out3 = self.conv3(embedded_sent).squeeze(3)', '        activation_out3 = self.activation3(conv_out3)', '        max_out3 = self.max_out3(activation_out3).squeeze(2)',
    '        all_out = torch.cat((max_out1, max_out2, max_out3), 1)', '        final_feature_map = self.dropout( None)', '        final_out = self.fc(final_feature_map)',
    '        self.loss_op = loss_op', '    def reduce_lr(self):', '        print("Reducing LR")'];
  const text = ['import torch', `deep = ${'torch.log('.repeat(20)}y_pred`, '@loss -log(p) @activation sigmoid '.repeat(286).trim(), ...body, `x = ${'a+'.repeat(5000)}a`].join('\n');
  lintClean(text, 'a.py');
});

test('hostile: constants whose product or difference is NaN (0·Infinity, Infinity - Infinity) are refused with the column, never folded into NaN (seed 2026 case 8560)', () => {
  const { core } = loadLint();
  for (const [expression, column] of [['max(0Infinity, 1 - y * p)^2', 5], ['(p - y)^2 + 0 * Infinity', 13], ['p * (Infinity - Infinity)', 6]]) {
    assert.throws(() => core.analyze(expression), (err) => err instanceof core.ExpressionError && /NaN/.test(err.message) && err.column === column, expression);
  }
  const r = lintClean(`${TF}/* @loss max(0Infinity, 1 - y * p)^2 */\nconst x = 1;\n`);
  assert.equal(r.sites[0]?.analysis, undefined);
  assert.ok(r.diagnostics.some((d) => d.code === 'invalid-annotation' && /NaN/.test(d.message)), JSON.stringify(r.diagnostics.map((d) => d.message)));
});

test('hostile: a function the parser names with an empty identifier (`export function (a, b)`) is linted and returns (it looped)', () => {
  // Fuzz seed 5151 case 6292: a deleted name left `export function (labels, predictions)`; looking up the references of
  // the recovered empty name matched at every position without moving on.
  const text = `${TF}export function (labels: tf.Tensor, predictions: tf.Tensor): tf.Tensor {\n  return tf.tidy(() => tf.neg(tf.sum(tf.mul(labels, tf.log(tf.add(predictions, 1e-7))), -1)).mean());\n}\n`;
  lintClean(text, 'anonymous.ts');
});

test('hostile: configuration passed down through many callers is searched within a bound, not along every path', () => {
  // Twenty callers per level, six levels: 20^6 paths to the compile's `c.loss`. The search stops at its bound and the
  // lint finishes well inside its budget (it was incomplete after 30 s before the bound).
  let code = TF;
  for (let k = 0; k < 6; k++) code += `function f${k}(c) {\n${Array.from({ length: 20 }, (_, j) => `  f${k + 1}({ ...c, n${j}: ${j} });`).join('\n')}\n}\n`;
  code += "function f6(c) {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: c.units, activation: c.act }));\n  m.compile({ optimizer: 'sgd', loss: c.loss });\n  m.fit(c.xs, c.ys);\n}\nf0({ loss: 'mse', act: 'sigmoid', units: 1, ys: [[0], [1]] });\n";
  const r = lintClean(code, "chain.ts");
  assert.equal(r.incomplete, undefined);
});

test('hostile: a project whose folder listing throws, lies or loops is read as far as it makes sense', () => {
  const model = "const net = tf.sequential();\nnet.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nnet.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n";
  const sketch = 'net.fit(tf.tensor2d([[0, 0], [1, 1]]), tf.tensor2d([[0], [1]]));\n';
  const files = new Map([['/w/model.js', model], ['/w/sketch.js', sketch]]);
  const readFile = (p) => files.get(p);
  const listings = [
    () => { throw new Error('EACCES'); },
    () => 'not a list',
    () => [42, null, { path: '/w/sketch.js' }],
    () => ['/w/model.js', '/w/model.js', '/w', '/w/', ''],
    () => Array.from({ length: 5000 }, (_, i) => `/w/f${i}.js`),
  ];
  for (const listDirectory of listings) {
    const r = lint.lintText(model, '/w/model.js', { project: { readFile, listDirectory } });
    assert.equal(r.internalError, undefined);
    assert.deepEqual(r.diagnostics, []);
    // The same answers for the folders beside a module's folder.
    const module = `export const x = 1;\n${model}`;
    const m = lint.lintText(module, '/w/a/model.js', { project: { readFile, listDirectory: () => [], listFolders: listDirectory } });
    assert.equal(m.internalError, undefined);
  }
  // Non-paths among real ones are skipped; the real sibling still counts.
  const mixed = lint.lintText(model, '/w/model.js', { project: { readFile, listDirectory: () => [7, '/w/sketch.js', undefined] } });
  assert.deepEqual(mixed.diagnostics.map((d) => d.code), ['activation-mismatch']);
  // Two modules that import each other, each compiling a model the other fits.
  const a = "import * as tf from '@tensorflow/tfjs';\nimport { b } from './b';\nexport const a = tf.sequential();\na.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\na.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\nb.fit(tf.zeros([2, 2]), tf.tensor2d([[0], [1]]));\n";
  const b = a.replace(/\bb\b/g, 'TMP').replace(/\ba\b/g, 'b').replace(/TMP/g, 'a').replace("'./a'", "'./a'");
  const pair = new Map([['/m/a.js', a], ['/m/b.js', b]]);
  const project = lint.projectFromMap(pair);
  for (const f of pair.keys()) assert.deepEqual(lint.lintText(pair.get(f), f, { project }).diagnostics.map((d) => d.code), ['activation-mismatch'], f);
});

test('hostile: keys and method names with characters of a regular expression are names, not patterns', () => {
  const texts = [
    `${TF}class A {\n  constructor() { this['y('] = tf.sequential(); this['y('].compile({ loss: this.cfg['a)'] }); }\n}\n`,
    `${TF}const o = { 'train(x'(xs, ys) { return this.m.fit(xs, ys); } };\nconst m = tf.sequential();\nm.compile({ optimizer: 'sgd', loss: o['fit[' + 1] });\n`,
    `${TF}class B { ['run*'](s) { return this.model.predict(s); } }\nconst opt = tf.train.adam();\nopt.minimize(() => tf.mean(new B()['run*'](x)));\n`,
  ];
  for (const text of texts) {
    const r = lintClean(text, 'keys.js');
    assert.equal(r.internalError, undefined, text);
  }
});

test('hostile: thousands of fit calls in a companion file are searched within a bound', () => {
  const model = "const m = tf.sequential();\nm.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nm.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n";
  let train = 'let a0 = m;\n';
  for (let i = 1; i < 40; i++) train += `let a${i} = a${i - 1};\n`;
  for (let i = 0; i < 3000; i++) train += `a39.fit(x, y${i});\n`;
  const project = lint.projectFromMap(new Map([['/w/model.js', model], ['/w/train.js', train]]));
  const r = lint.lintText(model, '/w/model.js', { project });
  assert.equal(r.internalError, undefined);
  assert.equal(r.incomplete, undefined);
});

test('hostile: Windows paths find the files beside a model, with backslashes or forward slashes', () => {
  const model = "import * as tf from '@tensorflow/tfjs';\nexport const net = tf.sequential();\nnet.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nnet.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n";
  const train = "import * as tf from '@tensorflow/tfjs';\nimport { net } from './model';\nnet.fit(tf.zeros([2, 2]), tf.tensor2d([[0], [1]]));\n";
  for (const [m, t] of [['C:\\p\\model.js', 'C:\\p\\train.js'], ['c:/p/model.js', 'C:\\p\\train.js']]) {
    const project = lint.projectFromMap(new Map([[m, model], [t, train]]));
    assert.deepEqual(lint.lintText(model, m, { project }).diagnostics.map((d) => d.code), ['activation-mismatch'], m);
  }
});

test('hostile: a folder of data written as scripts is read only up to a total when looking for the files beside a model', () => {
  const model = "const net = tf.sequential();\nnet.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nnet.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n";
  const data = `const DATA = [${'[0.5, 0.25], '.repeat(50_000)}];\n`;
  const files = new Map([['/w/model.js', model]]);
  for (let i = 0; i < 12; i++) files.set(`/w/data${i}.js`, data);
  let read = 0;
  const project = lint.projectFromMap(files);
  const counting = { ...project, readFile: (p) => { const t = project.readFile(p); read += t?.length ?? 0; return t; } };
  const r = lint.lintText(model, '/w/model.js', { project: counting });
  assert.equal(r.internalError, undefined);
  assert.equal(r.incomplete, undefined);
  assert.ok(read < 5_000_000, `read ${read} characters of ${12 * data.length}`);
});

test('a fitted model assigned back and forth (a = b; b = a; … sixty times each) is traced once per value: the lint returns with its finding', () => {
  const swaps = [...Array(60)].map(() => '  a = b;\n  b = a;\n').join('');
  const text = `${TF}function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
async function run(xs) {
  let a, b;
  a = build();
${swaps}  await a.fit(xs, tf.tensor2d([[0], [1], [1], [0]]));
}
`;
  const r = lint.lintText(text, 'swaps.js');
  assert.deepEqual(apiViolations(r, { text }, names), []);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch']);
});

test('a web of property assignments between weights (P.w0 = P.w1 …, 150 properties, 150 each) is looked into once per holder: read, no internal error', () => {
  const lines = ["import * as tf from '@tensorflow/tfjs';", 'const P = {};'];
  for (let i = 0; i < 150; i++) for (let j = 0; j < 150; j++) lines.push(`P.w${i} = P.w${(i + j + 1) % 150};`);
  lines.push('const opt = tf.train.adam(0.1);');
  const gathers = Array.from({ length: 20 }, (_, i) => `tf.gather(P.w${i}, xs)`).reduce((a, b) => `${a}.add(${b})`);
  lines.push(`export function step(xs, ys) {\n  opt.minimize(() => tf.losses.meanSquaredError(ys, ${gathers}));\n}`);
  const r = lint.lintText(lines.join('\n') + '\n', 'web.js');
  assert.equal(r.internalError, undefined);
  assert.equal(r.sites.filter((s) => s.kind === 'minimize').length, 1);
});

test('hostile: settings chosen through helpers that call helpers (8 ways, 7 levels deep) are read within bounds', () => {
  const fns = Array.from({ length: 7 }, (_, k) => `function f${k}(c) {\n${Array.from({ length: 7 }, (_, i) => `  if (c.t === ${i}) return ${k < 6 ? `f${k + 1}(c)` : `'act${i}'`};`).join('\n')}\n  return 'relu';\n}`).join('\n');
  const ternary = `${Array.from({ length: 40 }, (_, i) => `c.t === ${i} ? 'sigmoid' :`).join(' ')} 'softmax'`;
  const text = `${TF}${fns}\nexport function build(c) {\n  let act;\n${Array.from({ length: 30 }, (_, i) => `  if (c.t === ${i}) act = 'a${i}';`).join('\n')}\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: 2, inputShape: [3], activation: f0(c) }));\n  m.add(tf.layers.dense({ units: 2, activation: ${ternary} }));\n  m.add(tf.layers.dense({ units: 2, activation: act }));\n  m.compile({ optimizer: 'adam', loss: c.t === 1 ? 'binaryCrossentropy' : f0(c) });\n  return m;\n}\n`;
  const r = lintClean(text);
  assert.equal(r.incomplete ?? false, false, r.incompleteReason);
  // Far more ways than are read: the compile call's first 64 values are read (each way past them one unknown loss),
  // never all 8^7.
  const compiles = r.sites.filter((s) => s.kind === 'compile');
  assert.ok(compiles.length > 1 && compiles.length <= 2 * 64, String(compiles.length));
});
