import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

function compileSite(code, fileName = 'model.ts') {
  const result = lint.lintText(HEADER + code, fileName);
  assert.equal(result.internalError, undefined);
  const site = result.sites.find((s) => s.kind === 'compile');
  assert.ok(site, `no compile site in:\n${code}`);
  return { site, result };
}

const COMPILE = "model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });";

const MODELS = [
  ['sequential layers array', "const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'tanh' })] });", 'tanh', 2],
  ['layers from an array const', "const stack = [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.dense({ units: 2, activation: 'softmax' })];\nconst model = tf.sequential({ layers: stack });", 'softmax', 2],
  ['model.add calls', "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 4, inputShape: [3] }));\nmodel.add(tf.layers.dense({ units: 3, activation: 'softplus' }));", 'softplus', 3],
  ['default linear activation', "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 7, inputShape: [3] }));", 'linear', 7],
  ['a trailing activation layer', "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 5, inputShape: [3] }));\nmodel.add(tf.layers.activation({ activation: 'sigmoid' }));", 'sigmoid', 5],
  ['a trailing softmax layer after dropout', "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 5, inputShape: [3] }));\nmodel.add(tf.layers.softmax());\nmodel.add(tf.layers.dropout({ rate: 0.5 }));", 'softmax', 5],
  ['an LSTM defaults to tanh', "const model = tf.sequential();\nmodel.add(tf.layers.lstm({ units: 8, inputShape: [10, 2] }));", 'tanh', 8],
  ['units and activation from consts', "const N = 6;\nconst ACT = 'sigmoid';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: N, activation: ACT, inputShape: [3] }));", 'sigmoid', 6],
  ['a layer held in a variable and a config object', "const cfg = { units: 2, activation: 'hardSigmoid' as const };\nconst head = tf.layers.dense(cfg);\nconst model = tf.sequential({ layers: [head] });", 'sigmoid', 2],
  ['let declared, then assigned', "let model: tf.Sequential;\nmodel = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [3], activation: 'relu6' }));", 'relu', 1],
  ['functional apply chain through dropout', "const x = tf.input({ shape: [4] });\nconst h = tf.layers.dense({ units: 3 }).apply(x);\nconst d = tf.layers.dropout({ rate: 0.1 }).apply(h);\nconst model = tf.model({ inputs: x, outputs: d as tf.SymbolicTensor });", 'linear', 3],
  ['functional layer variables and outputs array', "const x = tf.input({ shape: [4] });\nconst dense = tf.layers.dense({ units: 9, activation: 'softmax' });\nconst y = dense.apply(x) as tf.SymbolicTensor;\nconst model = tf.model({ inputs: [x], outputs: [y] });", 'softmax', 9],
  ['a builder function', "function build() { const m = tf.sequential(); m.add(tf.layers.dense({ units: 2, inputShape: [3], activation: 'elu' })); return m; }\nconst model = build();", 'elu', 2],
  ['new tf.Sequential with layers', "const model = new tf.Sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], activation: 'sigmoid' })] });", 'sigmoid', 2],
  ['new tf.Sequential() then model.add', "const model = new tf.Sequential();\nmodel.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' }));", 'softmax', 3],
  ['a registry helper given the builder', "const model = registry.register('net', () => {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }));\n  return m;\n});", 'tanh', 4],
  ['useMemo of a builder', "const model = useMemo(() => tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [2], activation: 'sigmoid' })] }), []);", 'sigmoid', 5],
  ['an arrow builder returning the model directly', "const build = () => tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'swish' })] });\nconst model = build();", 'linear', 3],
];

for (const [what, code, activation, units] of MODELS) {
  test(`model output: ${what}`, () => {
    const { site } = compileSite(`${code}\n${COMPILE}`);
    assert.equal(site.activation, activation);
    assert.equal(site.units, units);
    assert.ok(site.outputLayer && site.outputLayer.start < site.outputLayer.end);
  });
}

test('model output: a class keeps this.model across methods', () => {
  const code = "class T {\n  model = tf.sequential();\n  constructor() { this.model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'sigmoid' })); }\n  go() { this.model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' }); }\n}";
  const { site } = compileSite(code);
  assert.equal(site.activation, 'sigmoid', 'a class field initializer is the model, with the layers the constructor adds');
  const assigned = "class T {\n  private model: tf.Sequential;\n  constructor() { this.model = tf.sequential(); this.model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'sigmoid' })); }\n  go() { this.model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' }); }\n}";
  assert.equal(compileSite(assigned).site.activation, 'sigmoid');
});

test('model output: unknown models stay unknown (loaded, spread layers, parameters)', () => {
  for (const code of [
    "const model = await tf.loadLayersModel('m.json');",
    'const extra = [tf.layers.dense({ units: 1 })];\nconst model = tf.sequential({ layers: [...extra] });',
    "const base = loadConfig();\nconst model = tf.sequential({ layers: [tf.layers.dense({ ...base })] });",
    "const base = { units: 1, activation: 'sigmoid' };\nconst model = tf.sequential({ layers: [tf.layers.dense({ activation: 'tanh', ...base, ...options })] });",
  ]) {
    assert.equal(compileSite(`${code}\n${COMPILE}`).site.activation, null, code);
  }
  // A spread the file writes out is read, the later property winning as at run time.
  const spreads = [
    ["const base = { units: 1 };\nconst model = tf.sequential({ layers: [tf.layers.dense({ ...base })] });", 'linear'],
    ["const base = { units: 1, activation: 'relu' };\nconst model = tf.sequential({ layers: [tf.layers.dense({ ...base, activation: 'sigmoid' })] });", 'sigmoid'],
    ["const base = { units: 1, activation: 'sigmoid' };\nconst model = tf.sequential({ layers: [tf.layers.dense({ activation: 'relu', ...base })] });", 'sigmoid'],
  ];
  for (const [code, activation] of spreads) assert.equal(compileSite(`${code}\n${COMPILE}`).site.activation, activation, code);
  const param = lint.lintText(HEADER + `export function setup(model: tf.LayersModel) { ${COMPILE} }`, 'a.ts');
  assert.equal(param.sites[0].activation, null);
  assert.deepEqual(param.diagnostics, []);
});

test('model output: a model restored from where the file saves its own is that model; a pretrained URL stays unknown', () => {
  const agent = (load) => `export class Agent {
  actor: tf.LayersModel;
  build() {
    this.actor = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
  }
  async save() { await this.actor.save('file://./actor'); }
  async reload(path: string) {
    this.actor = await ${load};
    this.actor.compile({ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy });
  }
}`;
  // The same holder (this.actor) saved and restored: its softmax head, whatever the path.
  assert.equal(compileSite(agent("tf.loadLayersModel('file://' + path)")).site.activation, 'softmax');
  // The same storage key, through a constant, for a model held in locals of other functions.
  const keyed = `const KEY = 'localstorage://net';
function create() { return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] }); }
export async function store() { const net = create(); await net.save(KEY); }
export async function restore() {
  const model = await tf.loadLayersModel(KEY);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
}`;
  assert.equal(compileSite(keyed).site.activation, 'sigmoid');
  // A model fetched from a URL the file never saves to is not the one it builds.
  const pretrained = keyed.replace("tf.loadLayersModel(KEY)", "tf.loadLayersModel('https://example.com/model.json')");
  assert.equal(compileSite(pretrained).site.activation, null);
  const otherHolder = agent("tf.loadLayersModel('file://' + path)").replace('this.actor = await', 'const critic = await').replace('this.actor.compile', 'critic.compile');
  assert.equal(compileSite(otherHolder).site.activation, null);
});

test("model output: an activation destructured with a default is the default, unless a caller passes it", () => {
  const nn = (construct) => `class NN {
  constructor({ inputShape = [2], units = 1, activation = 'sigmoid' } = {}) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ inputShape, units: 4, activation }));
    this.model.add(tf.layers.dense({ units, activation }));
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
}
${construct}`;
  assert.equal(compileSite(nn('export const nn = new NN({ inputShape: [2] });')).site.activation, 'sigmoid');
  assert.equal(compileSite(nn('')).site.activation, 'sigmoid', 'never constructed here: the default');
  assert.equal(compileSite(nn("export const nn = new NN({ activation: 'tanh' });")).site.activation, 'tanh');
  assert.equal(compileSite(nn("export const a = new NN({ activation: 'tanh' });\nexport const b = new NN();")).site.activation, null, 'tanh or the default: no one activation');
  assert.equal(compileSite(nn('export const nn = new NN({ ...options });')).site.activation, null, 'a spread may hold it');
});

function ruleOf(activation, units, loss, metrics = '') {
  const act = activation === 'linear' ? '' : `, activation: '${activation}'`;
  const code = `const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: ${units}, inputShape: [3]${act} }));\nmodel.compile({ optimizer: 'adam', loss: ${loss}${metrics ? `, metrics: ${metrics}` : ''} });`;
  const { result } = compileSite(code);
  const d = result.diagnostics.filter((x) => x.code === 'activation-mismatch');
  assert.ok(d.length <= 1);
  return d[0]?.rule ?? null;
}

test('activation rules: each mismatch is found, with its reason and a fix', () => {
  const cases = [
    ['sigmoid', 1, "'meanSquaredError'", "['accuracy']", 'regression-loss-on-classes'],
    ['sigmoid', 1, "'meanAbsoluteError'", "['acc']", 'regression-loss-on-classes'],
    ['softmax', 1, "'categoricalCrossentropy'", '', 'softmax-single-unit'],
    ['softmax', 1, "'meanSquaredError'", '', 'softmax-single-unit'],
    ['softmax', 4, "'binaryCrossentropy'", '', 'softmax-binary-crossentropy'],
    ['linear', 1, "'binaryCrossentropy'", '', 'probability-loss-on-unbounded-output'],
    ['relu', 4, "'categoricalCrossentropy'", '', 'probability-loss-on-unbounded-output'],
    ['tanh', 4, "'sparseCategoricalCrossentropy'", '', 'probability-loss-on-unbounded-output'],
    ['linear', 4, "'kullbackLeiblerDivergence'", '', 'probability-loss-on-unbounded-output'],
    ['sigmoid', 1, 'tf.losses.sigmoidCrossEntropy', '', 'logits-loss-on-probabilities'],
    ['softmax', 3, 'tf.losses.softmaxCrossEntropy', '', 'logits-loss-on-probabilities'],
    ['linear', 1, 'tf.losses.softmaxCrossEntropy', '', 'softmax-logits-single-unit'],
    ['relu', 1, 'tf.losses.softmaxCrossEntropy', '', 'softmax-logits-single-unit'],
    ['sigmoid', 1, "'categoricalCrossentropy'", '', 'categorical-single-unit'],
    ['sigmoid', 5, "'categoricalCrossentropy'", "['acc']", 'categorical-on-sigmoid'],
    ['sigmoid', 3, "'sparseCategoricalCrossentropy'", '', 'categorical-on-sigmoid'],
    ['softmax', 4, "'meanSquaredError'", '', 'regression-loss-on-softmax'],
    ['softmax', 3, 'tf.losses.absoluteDifference', '', 'regression-loss-on-softmax'],
    ['sigmoid', 1, "'hinge'", '', 'hinge-on-sigmoid'],
    ['sigmoid', 1, "'squaredHinge'", '', 'hinge-on-sigmoid'],
    ['linear', 1, '(yTrue: tf.Tensor, yPred: tf.Tensor) => tf.neg(tf.mean(tf.add(tf.mul(yTrue, tf.log(yPred)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, yPred))))))', '', 'probability-loss-on-unbounded-output'],
    ['sigmoid', 1, '(yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.sigmoidCrossEntropy(yTrue, yPred)', '', 'logits-loss-on-probabilities'],
  ];
  for (const [activation, units, loss, metrics, rule] of cases) assert.equal(ruleOf(activation, units, loss, metrics), rule, `${activation} x${units} + ${loss}`);
  for (const r of lint.ACTIVATION_RULES.filter((x) => !x.frameworks || x.frameworks.includes('tfjs'))) assert.ok(cases.some((c) => c[4] === r.id), `rule ${r.id} is tested`);
});

test('activation rules: correct pairs stay silent', () => {
  const cases = [
    ['sigmoid', 1, "'binaryCrossentropy'", "['accuracy']"],
    ['sigmoid', 5, "'binaryCrossentropy'", ''],
    ['softmax', 4, "'categoricalCrossentropy'", "['accuracy']"],
    ['softmax', 4, "'sparseCategoricalCrossentropy'", ''],
    ['softmax', 4, "'kullbackLeiblerDivergence'", ''],
    ['linear', 1, "'meanSquaredError'", "['mse']"],
    ['sigmoid', 1, "'meanSquaredError'", ''],
    ['linear', 1, 'tf.losses.sigmoidCrossEntropy', ''],
    ['linear', 4, 'tf.losses.softmaxCrossEntropy', ''],
    ['linear', 1, "'hinge'", ''],
    ['tanh', 1, "'squaredHinge'", ''],
    ['softplus', 1, "'poisson'", ''],
    ['relu', 1, "'meanAbsoluteError'", ''],
    ['linear', 1, '(yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.sigmoidCrossEntropy(yTrue, yPred)', ''],
    ['sigmoid', 1, '(yTrue: tf.Tensor, yPred: tf.Tensor) => tf.metrics.binaryCrossentropy(yTrue, yPred)', ''],
  ];
  for (const [activation, units, loss, metrics] of cases) assert.equal(ruleOf(activation, units, loss, metrics), null, `${activation} x${units} + ${loss}`);
});

test('activation fixes edit the layer or the loss and the edits clear the mismatch', () => {
  const code = "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 3, inputShape: [3] }));\nmodel.add(tf.layers.softmax());\nmodel.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });";
  const { result } = compileSite(code);
  const d = result.diagnostics.find((x) => x.code === 'activation-mismatch');
  const text = HEADER + code;
  assert.deepEqual(d.fixes.map((f) => f.title), ["Use the loss 'categoricalCrossentropy'", "Set the output layer's activation to 'sigmoid'"]);
  const swapped = lint.applySourceEdits(text, d.fixes[1].edits);
  assert.match(swapped, /tf\.layers\.activation\(\{activation: 'sigmoid'\}\)/);
  for (const fix of d.fixes) assert.deepEqual(lint.lintText(lint.applySourceEdits(text, fix.edits), 'a.ts').diagnostics, []);
});

test('categorical cross-entropy on sigmoids: both fixes (softmax, or binaryCrossentropy for several labels) clear it', () => {
  const code = "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'sigmoid' }));\nmodel.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });";
  const { result } = compileSite(code);
  const d = result.diagnostics.find((x) => x.code === 'activation-mismatch');
  assert.deepEqual(d.fixes.map((f) => f.title), ["Set the output layer's activation to 'softmax'", "Use the loss 'binaryCrossentropy'"]);
  for (const fix of d.fixes) assert.deepEqual(lint.lintText(lint.applySourceEdits(HEADER + code, fix.edits), 'a.ts').diagnostics, []);
});

test('unknown-loss: every name TF.js throws on, with the name it most likely means', () => {
  const cases = [
    ['mse', ['meanSquaredError']], ['mae', ['meanAbsoluteError']], ['mape', ['meanAbsolutePercentageError']],
    ['binary_crossentropy', ['binaryCrossentropy']], ['BinaryCrossEntropy', ['binaryCrossentropy']],
    ['sparse_categorical_crossentropy', ['sparseCategoricalCrossentropy']], ['kld', ['kullbackLeiblerDivergence']],
    ['huber', ['huberLoss']], ['huberLoss', ['huberLoss']], ['meanSquareError', ['meanSquaredError']], ['logCosh', ['logcosh']],
    ['sigmoidCrossEntropy', ['binaryCrossentropy']], ['zzz_not_a_loss', []],
  ];
  for (const [name, want] of cases) {
    const { result } = compileSite(`const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [2] }));\nmodel.compile({ optimizer: 'sgd', loss: '${name}' });`);
    const d = result.diagnostics.find((x) => x.code === 'unknown-loss');
    assert.ok(d, name);
    const titles = d.fixes.map((f) => f.title);
    for (const w of want) assert.ok(titles.some((t) => t.includes(w)), `${name}: ${titles.join(' | ')}`);
    if (want.length === 0) assert.match(d.detail, /The names it accepts: meanSquaredError/);
  }
  for (const name of ['meanSquaredError', 'binaryCrossentropy', 'cosineProximity', 'logcosh', 'categoricalHinge']) {
    const { result } = compileSite(`const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [2] }));\nmodel.compile({ optimizer: 'sgd', loss: '${name}' });`);
    assert.ok(!result.diagnostics.some((x) => x.code === 'unknown-loss'), name);
  }
});

test("unknown-loss: 'crossentropy' suggests the cross-entropy that suits the output", () => {
  const soft = compileSite("const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })] });\nmodel.compile({ optimizer: 'sgd', loss: 'crossentropy' });");
  assert.equal(soft.result.diagnostics[0].fixes[0].title, "Use 'categoricalCrossentropy'");
  const sig = compileSite("const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nmodel.compile({ optimizer: 'sgd', loss: 'crossentropy' });");
  assert.equal(sig.result.diagnostics[0].fixes[0].title, "Use 'binaryCrossentropy'");
});

test('unknown-loss: names in loss arrays and dictionaries, and tf.losses members that do not exist', () => {
  const r = lint.lintText(HEADER + "const model = tf.model({ inputs: [], outputs: [] });\nmodel.compile({ optimizer: 'sgd', loss: ['mse', 'binaryCrossentropy'] });\nmodel.compile({ optimizer: 'sgd', loss: { a: 'mae', b: tf.losses.categoricalCrossentropy } });", 'a.ts');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['unknown-loss', 'unknown-loss', 'unknown-loss']);
  assert.match(r.diagnostics[2].message, /tf\.losses has no function categoricalCrossentropy/);
});

test('model output: an object of methods (a prototype) keeps this.model, and the output comes from a helper chosen in branches', () => {
  const text = `${HEADER}function Detector() {}
Detector.prototype = {
  build() {
    const input = tf.input({ shape: [64] });
    let output = null;
    if (this.useConv) output = this.convHead(input);
    else output = this.rnnHead(input);
    this.model = tf.model({ inputs: input, outputs: output });
    this.model.compile({ optimizer: 'adam', loss: tf.losses.sigmoidCrossEntropy });
  },
  convHead(x) {
    const h = tf.layers.dense({ units: 16, activation: 'relu' }).apply(x);
    return tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(h);
  },
  rnnHead(x) {
    const out = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(tf.layers.dense({ units: 8 }).apply(x));
    return out;
  },
};
`;
  const r = lint.lintText(text, 'detector.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:10']);
  // Heads that disagree leave the output unknown, and each way is checked: the sigmoid head applies sigmoid twice.
  // No loss is proposed, since a new loss would be wrong for the linear head.
  const mixed = text.replace("return tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(h);", "return tf.layers.dense({ units: 1 }).apply(h);");
  const m = lint.lintText(mixed, 'detector.js');
  assert.equal(m.sites[0].activation, null);
  assert.deepEqual(m.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:10']);
  assert.match(m.diagnostics[0].detail, /when the model is built with its sigmoid output\)/);
  assert.deepEqual(m.diagnostics[0].fixes, []);
});

test("model output: a model kept in a property of a named object (a React ref's current) is found from what is assigned to it", () => {
  const text = `${HEADER}const modelRef = { current: null };
function grads(model, xs, ys) {
  return tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(ys, model.predict(xs)).mean());
}
function init() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [2] }));
  modelRef.current = model;
}
function step(xs, ys) {
  const model = modelRef.current;
  return grads(model, xs, ys);
}
`;
  assert.deepEqual(lint.lintText(text, 'net.js').diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:4']);
});

test('a loss imported from a file inside a TF.js package (tfjs-layers/dist/exports_metrics) is that metric function', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
import { categoricalCrossentropy } from '@tensorflow/tfjs-layers/dist/exports_metrics';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, activation: 'softmax', inputShape: [8] }));
model.compile({ optimizer: 'adam', loss: categoricalCrossentropy });
`;
  const r = lint.lintText(text, 'a.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:5']);
  assert.match(r.diagnostics[0].message, /softmax over 1 unit/);
});

test('review cases: ways that agree on a finding are one diagnostic naming both, assignments in sequence are not ways, a loop of models is not a loop of layers, a loop variable read through a const', () => {
  const ways = `${HEADER}function buildModel(config) {
  const input = tf.input({ shape: [8] });
  const hidden = tf.layers.dense({ units: 64, activation: 'relu' }).apply(input);
  let output;
  if (config.multi) output = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(hidden);
  else output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(hidden);
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: 'adam', loss: (yTrue, yPred) => tf.losses.sigmoidCrossEntropy(yTrue, yPred) });
  return model;
}`;
  const w = lint.lintText(ways, 'ways.js');
  assert.deepEqual(w.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:9']);
  assert.match(w.diagnostics[0].detail, /when the model is built with its softmax output at line 6 or its sigmoid output at line 7\)/);
  const chain = `${HEADER}function buildModel() {
  const input = tf.input({ shape: [10] });
  let x;
  x = tf.layers.dense({ units: 32, activation: 'relu' }).apply(input);
  x = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(x);
  const model = tf.model({ inputs: input, outputs: x });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}`;
  assert.deepEqual(lint.lintText(chain, 'chain.js').diagnostics, []);
  const perTask = `${HEADER}const TASKS = [{ units: 3, activation: 'softmax' }, { units: 1, activation: 'sigmoid' }];
for (const task of TASKS) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: task.units, inputShape: [8], activation: task.activation }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
}`;
  assert.equal(lint.lintText(perTask, 'tasks.js').sites[0].activation, null);
  const viaConst = `${HEADER}const LAYERS = [{ units: 16, activation: 'relu' }, { units: 3, activation: 'softmax' }];
const model = tf.sequential();
LAYERS.forEach((spec) => {
  const activation = spec.activation;
  model.add(tf.layers.dense({ units: spec.units, activation }));
});
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`;
  const c = lint.lintText(viaConst, 'const.js');
  assert.equal(c.sites[0].activation, 'softmax');
  assert.equal(c.sites[0].units, 3);
});

test("layers added in a loop whose activation depends on the index: the branch of the last iteration is the output's", () => {
  const cases = [
    ["arch.forEach((n, i) => { if (i === 0) return; model.add(tf.layers.dense({ units: n, activation: i === arch.length - 1 ? 'sigmoid' : 'relu' })); });", 'sigmoid'],
    ["arch.forEach((n, i) => model.add(tf.layers.dense({ units: n, activation: i < arch.length - 1 ? 'relu' : 'softmax' })));", 'softmax'],
    ["for (let i = 0; i < depth; i++) model.add(tf.layers.dense({ units: 8, activation: i === depth - 1 ? 'tanh' : 'relu' }));", 'tanh'],
    ["[2, 4, 1].forEach((units, i, all) => model.add(tf.layers.dense({ units, activation: i === all.length - 1 ? 'sigmoid' : 'relu' })));", 'sigmoid'],
    ["for (let i = 0; i < depth; i++) model.add(tf.layers.dense({ units: 8, activation: depth - 1 !== i ? 'relu' : 'sigmoid' }));", 'sigmoid'],
    // A test about something else (the first layer, another array's length) says nothing.
    ["arch.forEach((n, i) => model.add(tf.layers.dense({ units: n, activation: i === 0 ? 'sigmoid' : 'relu' })));", null],
    ["arch.forEach((n, i) => model.add(tf.layers.dense({ units: n, activation: i === other.length - 1 ? 'sigmoid' : 'relu' })));", null],
  ];
  for (const [loop, activation] of cases) {
    const { site } = compileSite(`function build(arch, depth, other) {\n  const model = tf.sequential();\n  ${loop}\n  ${COMPILE}\n  return model;\n}\n`);
    assert.equal(site.activation, activation, loop);
  }
});

test("a fit on a React ref's model (modelRef.current = model) gives the targets of the model compiled in the effect", () => {
  const text = `${HEADER}export function useBrain(arch) {
  const modelRef = useRef(null);
  useEffect(() => {
    const model = tf.sequential();
    arch.forEach((n, i) => model.add(tf.layers.dense({ units: n, activation: i === arch.length - 1 ? 'sigmoid' : 'relu' })));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    modelRef.current = model;
  }, [arch]);
  const train = async () => {
    await modelRef.current.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d(YS));
  };
  return { train };
}
`;
  const codes = (ys) => lint.lintText(text.replace('YS', ys), 'useBrain.js').diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(codes('[[0], [1], [1], [0]]'), ['activation-mismatch:7']);
  assert.deepEqual(codes('[[0.2], [0.7], [0.1], [0.9]]'), []);
});

test('model output: a model given, else built here (this.model = model ?? this.createModel()), is the one built when no caller gives one', () => {
  const text = (op) => `class Net {
  constructor(model) { this.model = model ${op} this.createModel(); }
  createModel() {
    const m = tf.sequential();
    m.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
    return m;
  }
  compile() { this.model.compile({ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy }); }
}
`;
  for (const op of ['??', '||']) assert.equal(compileSite(text(op)).site.activation, 'softmax', op);
});

test('a function held by useCallback is called by its variable: the model its callers give it is the prediction', () => {
  const code = `export function useNet(xs, ys) {
  const train = useCallback((model) => {
    tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(ys, model.predict(xs)).mean());
  }, []);
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
  train(model);
}`;
  const r = lint.lintText(HEADER + code, 'hook.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:4']);
});

test('a logits loss given a prediction the same loss uses as a probability is reported, whatever the model; logits used as logits are not', () => {
  const focal = (pt) => `export function focalLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const ce = tf.losses.sigmoidCrossEntropy(yTrue, yPred);
  const pt = ${pt};
  return ce.mul(tf.pow(tf.sub(1, pt), 2)).mean();
}`;
  const found = (code) => lint.lintText(HEADER + code, 'focal.ts').diagnostics.filter((d) => d.code === 'activation-mismatch');
  const summed = found(focal('yTrue.mul(yPred).sum(-1).clipByValue(0, 1)'));
  assert.equal(summed.length, 1);
  assert.equal(summed[0].line, 3, 'at the logits argument');
  assert.match(summed[0].message, /expects logits, but this loss also uses yPred as a probability/);
  assert.equal(found(focal('tf.where(tf.equal(yTrue, 1), yPred, tf.sub(1, yPred))')).length, 1);
  // A focal loss written for logits: the probability is the sigmoid of the logits.
  assert.deepEqual(found(focal('tf.where(tf.equal(yTrue, 1), tf.sigmoid(yPred), tf.sub(1, tf.sigmoid(yPred)))')), []);
  assert.deepEqual(found(focal('yTrue.mul(tf.sigmoid(yPred)).sum(-1).clipByValue(0, 1)')), []);
  // Logits clipped to a probability's range before a logits loss.
  const clipped = found(`export function cce(target: tf.Tensor, output: tf.Tensor) {
  const eps = tf.backend().epsilon();
  const p = tf.clipByValue(output, eps, 1 - eps);
  return tf.losses.softmaxCrossEntropy(target, p);
}`);
  assert.equal(clipped.length, 1);
  assert.equal(clipped[0].line, 5);
});

test("a loss chosen by a test the file decides (CLASS_NAMES.length === 2 with three names) is that loss; layers added in the other branch are not the compiled model's", () => {
  const am = (code) => lint.lintText(HEADER + code, 'm.ts').diagnostics.filter((d) => d.code === 'activation-mismatch');
  const chosen = (names, extra = '') => `export class Trainer {
  CLASS_NAMES: string[] = [${names}];
  model: any;
  build() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ inputShape: [1024], units: this.CLASS_NAMES.length, activation: 'softmax' }));
    this.model.compile({ optimizer: 'adam', loss: this.CLASS_NAMES.length === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  }
  ${extra}
}`;
  assert.deepEqual(am(chosen("'a', 'b', 'c'")), [], 'three classes: categorical cross-entropy, which suits the softmax');
  assert.equal(am(chosen("'a', 'b'")).length, 1, 'two classes: binary cross-entropy on a softmax');
  // A list the class grows is not constant: both ways are read, as before.
  assert.equal(am(chosen("'a', 'b', 'c'", "addClass(name: string) { this.CLASS_NAMES.push(name); }")).length, 1);
  const numbered = (n) => `const NUM_CLASSES = ${n};\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: NUM_CLASSES, inputShape: [4], activation: 'softmax' }));\nmodel.compile({ optimizer: 'adam', loss: NUM_CLASSES > 2 ? 'categoricalCrossentropy' : 'binaryCrossentropy' });`;
  assert.deepEqual(am(numbered(5)), []);
  assert.equal(am(numbered(2)).length, 1);
  // The layer of the other branch (the regression head) is not the classifier's.
  const branches = `export function build(isClassification: boolean, numClasses: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
  if (isClassification) {
    model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  } else {
    model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
  return model;
}`;
  const r = lint.lintText(HEADER + branches, 'b.ts');
  assert.deepEqual(r.sites.filter((s) => s.kind === 'compile').map((s) => s.activation), ['softmax', 'linear']);
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'activation-mismatch'), []);
});

test('a loss that takes probabilities given a linear output as it is (tf.metrics.binaryCrossentropy on a GAN discriminator’s logits) is reported at the call', () => {
  const gan = (head) => `function makeDiscriminator() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1${head} }));
  return model;
}
const discriminatorLoss = (realOutput, fakeOutput) => {
  const realLoss = tf.metrics.binaryCrossentropy(tf.onesLike(realOutput), realOutput);
  const fakeLoss = tf.metrics.binaryCrossentropy(tf.zerosLike(fakeOutput), fakeOutput);
  return tf.add(realLoss, fakeLoss);
};
const generatorLoss = (fakeOutput) => tf.metrics.binaryCrossentropy(tf.onesLike(fakeOutput), fakeOutput);
export async function trainStep(discriminator, real, fake) {
  const realOutput = await discriminator.predict(real);
  const fakeOutput = await discriminator.predict(fake);
  return [generatorLoss(fakeOutput), discriminatorLoss(realOutput, fakeOutput)];
}
export const discriminator = makeDiscriminator();
trainStep(discriminator, tf.zeros([2, 4]), tf.zeros([2, 4]));`;
  const am = (code) => lint.lintText(HEADER + code, 'gan.js').diagnostics.filter((d) => d.code === 'activation-mismatch');
  const linear = am(gan(''));
  assert.deepEqual(linear.map((d) => d.line), [10, 13], 'the fake output in each loss, at the call');
  assert.match(linear[0].message, /tf\.metrics\.binaryCrossentropy wants probabilities, but the model's output is linear \(logits\)/);
  // The fix in place gives the loss the sigmoid of the logits, and clears the finding.
  const text = HEADER + gan('');
  const fix = lint.lintText(text, 'gan.js').diagnostics.find((d) => d.code === 'activation-mismatch' && d.line === 13).fixes[0];
  assert.equal(fix.title, 'Apply tf.sigmoid to the logits');
  let fixed = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, e.start) + e.text + fixed.slice(e.end);
  assert.match(fixed, /tf\.metrics\.binaryCrossentropy\(tf\.onesLike\(fakeOutput\), tf\.sigmoid\(fakeOutput\)\)/);
  assert.deepEqual(lint.lintText(fixed, 'gan.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line), [10]);
  assert.deepEqual(am(gan(", activation: 'sigmoid'")), [], 'a sigmoid discriminator gives probabilities');
});

test('a model handed to a function that adds its head ends in the layer that function adds last (a transfer-learning head)', () => {
  const code = (head) => `export default function prepareModel(model: tf.Sequential, classes: number) {
  model.add(tf.layers.dense({ inputShape: [1024], units: 128, activation: 'relu' }));
  ${head}
  model.compile({ optimizer: 'adam', loss: classes === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy', metrics: ['accuracy'] });
}
`;
  const { site, result } = compileSite(code("model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));"));
  assert.equal(site.activation, 'softmax');
  assert.deepEqual(result.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:5']);
  // A head added only under a condition may not run: the model may end in the layer it was given (unknown).
  const branched = compileSite(code("if (classes > 2) model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));"));
  assert.equal(branched.site.activation ?? null, null);
  assert.deepEqual(compileSite(code("if (classes > 2) { model.add(tf.layers.dense({ units: classes, activation: 'softmax' })); }")).result.diagnostics, []);
});

test('a parameter head after hidden layers added in a loop is still the softmax added last; a conditional add after it leaves the output open', () => {
  const loop = compileSite(`export function prepareModel(model: tf.Sequential, hidden: number[], classes: number) {
  for (const units of hidden) model.add(tf.layers.dense({ units, activation: 'relu' }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
}
`);
  assert.equal(loop.site.activation, 'softmax');
  const open = compileSite(`export function prepareModel(model: tf.Sequential, classes: number, logits: boolean) {
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  if (logits) model.add(tf.layers.activation({ activation: 'linear' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
}
const base = tf.sequential();
base.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
prepareModel(base, 3, false);
`);
  // Not the caller's relu layer, which can never be the output here.
  assert.equal(open.site.activation ?? null, null);
  assert.deepEqual(open.result.diagnostics, []);
});

test('a model with two names: layers added through a variable that holds the same model as a field', () => {
  const cls = (build) => `import * as tf from '@tensorflow/tfjs';
export class LogisticRegression {
  private model: tf.Sequential;
  constructor(features: number, classes: number) {
    ${build}
    model.add(tf.layers.dense({ units: classes, inputShape: [features], activation: 'sigmoid' }));
  }
  train(X: tf.Tensor2D, Y: tf.Tensor2D) {
    this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    return this.model.fit(X, Y);
  }
}
`;
  const rules = (text) => lint.lintText(text, 'lr.ts').diagnostics.map((d) => d.rule);
  assert.deepEqual(rules(cls('const model = this.model = tf.sequential();')), ['categorical-on-sigmoid']);
  assert.deepEqual(rules(cls('this.model = tf.sequential();\n    const model = this.model;')), ['categorical-on-sigmoid']);
  // Another model entirely: its layers are not the field's.
  assert.deepEqual(rules(cls('this.model = tf.sequential();\n    const model = tf.sequential();')), []);
});

test("TypeScript's compiled async methods: this inside __awaiter's generator is the class's", () => {
  const text = `class Classifier {
  _build() {
    return __awaiter(this, void 0, void 0, function* () {
      this.model = tf.sequential();
      this.model.add(tf.layers.dense({ units: 4, inputShape: [8], activation: 'sigmoid' }));
    });
  }
  _train(X, Y) {
    return __awaiter(this, void 0, void 0, function* () {
      this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
      return yield this.model.fit(X, Y);
    });
  }
}
`;
  assert.deepEqual(lint.lintText(text, 'classifier.js').diagnostics.map((d) => [d.line, d.rule]), [[10, 'categorical-on-sigmoid']]);
  // A generator of the file's own (not TypeScript's helper) has a this of its own.
  assert.deepEqual(lint.lintText(text.replaceAll('__awaiter(this,', 'runLater(this,'), 'classifier.js').diagnostics, []);
});

test('a model loaded from a checkpoint or else built: the network built, when the load is one the file cannot see', () => {
  const text = (other) => `import * as tf from '@tensorflow/tfjs-node';
import { existsSync } from 'fs';
export async function train(xs: tf.Tensor, ys: tf.Tensor, path: string) {
  const nn = existsSync(path) ? ${other} : tf.sequential({
    layers: [tf.layers.dense({ inputShape: [784], units: 20, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })],
  });
  nn.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  await nn.fit(xs, ys);
}
`;
  const rules = (t) => lint.lintText(t, 'train.ts').diagnostics.map((d) => d.rule);
  assert.deepEqual(rules(text("await tf.loadLayersModel('file://' + path + '/model.json')")), ['regression-loss-on-softmax']);
  // Two networks built, one each way: they disagree, so no one output.
  assert.deepEqual(rules(text("tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 1 })] })")), []);
  // Any other value the file cannot see (not a load): no one output either.
  assert.deepEqual(rules(text('makeNetwork()')), []);
});
