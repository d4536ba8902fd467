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
  ['a head added by a helper given the model', "function addHead(net) {\n  net.add(tf.layers.dense({ units: 16, activation: 'relu' }));\n  net.add(tf.layers.dense({ units: 3, activation: 'softmax' }));\n}\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));\naddHead(model);", 'softmax', 3],
  ['a layer added after a helper\'s head', "function addBody(net) {\n  net.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));\n}\nconst model = tf.sequential();\naddBody(model);\nmodel.add(tf.layers.dense({ units: 2, activation: 'sigmoid' }));", 'sigmoid', 2],
  ['helpers handing the model on, in the order they run', "function head(m) { m.add(tf.layers.dense({ units: 5, activation: 'softmax' })); }\nfunction stack(m) {\n  m.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));\n  head(m);\n}\nconst model = tf.sequential();\nstack(model);", 'softmax', 5],
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

test('a loss name TF.js throws on that plainly means a compile loss is also checked against the output as meant', () => {
  const codes = (activation, name) => compileSite(`const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 10, inputShape: [4]${activation ? `, activation: '${activation}'` : ''} }));\nmodel.compile({ optimizer: 'adam', loss: '${name}' });`).result.diagnostics.map((d) => d.code).sort();
  // A Vue digit trainer of a blind set the forty-first session lost with its machine: Keras's name on a linear head, so the rename alone would leave the mismatch.
  assert.deepEqual(codes(undefined, 'categorical_crossentropy'), ['activation-mismatch', 'unknown-loss']);
  const d = compileSite("const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 10, inputShape: [4] }));\nmodel.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' });").result.diagnostics.find((x) => x.code === 'activation-mismatch');
  assert.match(d.detail, /'categorical_crossentropy' \(meant as 'categoricalCrossentropy'\)/);
  assert.deepEqual(codes('softmax', 'categorical_crossentropy'), ['unknown-loss']);
  assert.deepEqual(codes('softmax', 'cce'), ['unknown-loss']);
  assert.deepEqual(codes(undefined, 'mse'), ['unknown-loss']);
  // tfjs-core's function names mean those functions (sigmoidCrossEntropy takes logits), and a guess by spelling is no
  // intent: neither is checked.
  assert.deepEqual(codes(undefined, 'sigmoidCrossEntropy'), ['unknown-loss']);
  assert.deepEqual(codes(undefined, 'softmaxCrossEntropy'), ['unknown-loss']);
  assert.deepEqual(codes(undefined, 'categoricalCrossentropyy'), ['unknown-loss']);
  // 'crossentropy' could be either: no pairing is checked.
  assert.deepEqual(codes(undefined, 'crossentropy'), ['unknown-loss']);
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

test('unknown-loss: a missing tf.losses function called in compile is one finding, on the name, with the compile name as fix', () => {
  const r = lint.lintText(HEADER + "const model = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [2] })] });\nmodel.compile({ optimizer: 'adam', loss: tf.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });", 'a.js');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['unknown-loss']);
  const [d] = r.diagnostics;
  assert.match(d.message, /tf\.losses\.sparseCategoricalCrossentropy is not a TF\.js function: the call throws/);
  assert.equal(r.diagnostics[0].endColumn - r.diagnostics[0].column, 'tf.losses.sparseCategoricalCrossentropy'.length);
  // fromLogits: true on a linear output: the compile name takes probabilities, so renaming alone is no fix.
  assert.deepEqual(d.fixes, []);
  assert.match(d.detail ?? d.message, /takes probabilities/);
  const plain = lint.lintText(HEADER + "const model = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [2], activation: 'softmax' })] });\nmodel.compile({ optimizer: 'adam', loss: tf.losses.categoricalCrossentropy() });", 'a.js');
  assert.deepEqual(plain.diagnostics.map((x) => x.fixes[0]?.title), ["Use 'categoricalCrossentropy'"]);
});

test('unknown-loss: a missing tf.losses function a const holds is one finding where the const takes it, fixed there', () => {
  for (const held of ['tf.losses.binaryCrossentropy()', 'tf.losses.binaryCrossentropy']) {
    const text = `${HEADER}const bce = ${held};\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid' })] });\nmodel.compile({ optimizer: 'adam', loss: bce });\n`;
    const r = lint.lintText(text, 'a.js');
    assert.deepEqual(r.diagnostics.map((x) => `${x.code}:${x.line}`), ['unknown-loss:2'], held);
    assert.equal(lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits).split('\n')[1], "const bce = 'binaryCrossentropy';", held);
  }
  // Called in a training step, tf.metrics has it (on probabilities); sigmoidCrossEntropy, the closest tf.losses name,
  // would apply the sigmoid again.
  const step = `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nconst opt = tf.train.adam();\nexport function step(xs, ys) { opt.minimize(() => tf.losses.binaryCrossentropy(ys, model.predict(xs)).mean()); }\n`;
  const s = lint.lintText(step, 'a.js');
  assert.deepEqual(s.diagnostics.map((x) => `${x.code}:${x.line}`), ['unknown-loss:4']);
  assert.match(lint.applySourceEdits(step, s.diagnostics[0].fixes[0].edits), /tf\.metrics\.binaryCrossentropy\(ys/);
});

test("missing loss: a config object given its loss later (opts.loss = …) is not a compile without a loss", () => {
  const text = `${HEADER}const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });\nexport function train(xs, ys) {\n  var opts = { optimizer: tf.train.adam(0.01) };\n  opts.loss = 'categoricalCrossentropy';\n  m.compile(opts);\n}\n`;
  assert.deepEqual(lint.lintText(text, 'a.js').diagnostics, []);
  assert.deepEqual(lint.lintText(text.replace("  opts.loss = 'categoricalCrossentropy';\n", ''), 'a.js').diagnostics.map((x) => x.code), ['unknown-loss']);
});

test('model output: layers a helper adds inside the function that compiles, built there (crearCerebro → añadirCortex)', () => {
  const code = `function añadirCortex(model) {
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return model;
}
export function crearCerebro() {
  const cerebro = tf.sequential();
  cerebro.add(tf.layers.dense({ units: 32, activation: 'relu', inputShape: [9] }));
  añadirCortex(cerebro);
  cerebro.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return cerebro;
}
`;
  const { site, result } = compileSite(code);
  assert.equal(site.activation, 'softmax');
  assert.deepEqual(result.diagnostics.map((d) => d.code), []);
  // The helper called after the compile adds nothing to the model compiled.
  const late = compileSite(code.replace("  añadirCortex(cerebro);\n  cerebro.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });", "  cerebro.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\n  añadirCortex(cerebro);"));
  assert.equal(late.site.activation, 'relu');
});

test('an output variable given another value by a destructuring assignment ([fake, aux] = discriminator.apply(fake)) is not its first value: the ACGAN combined model is not read as the generator\'s tanh', () => {
  const code = `function buildGenerator() {
  const z = tf.input({ shape: [100] });
  const img = tf.layers.dense({ units: 784, activation: 'tanh' }).apply(z);
  return tf.model({ inputs: z, outputs: img });
}
function buildDiscriminator() {
  const x = tf.input({ shape: [784] });
  const h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(x);
  const realness = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(h);
  const aux = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(h);
  return tf.model({ inputs: x, outputs: [realness, aux] });
}
export function buildCombined(generator, discriminator) {
  const latent = tf.input({ shape: [100] });
  let fake = generator.apply(latent);
  let aux;
  discriminator.trainable = false;
  [fake, aux] = discriminator.apply(fake);
  const combined = tf.model({ inputs: latent, outputs: [fake, aux] });
  combined.compile({ optimizer: 'adam', loss: ['binaryCrossentropy', 'sparseCategoricalCrossentropy'] });
  return combined;
}
const generator = buildGenerator();
const discriminator = buildDiscriminator();
const combined = buildCombined(generator, discriminator);
`;
  const result = lint.lintText(HEADER + code, 'acgan.js');
  assert.equal(result.internalError, undefined);
  assert.deepEqual(result.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.message), []);
});

// holdout208: a tagger's softmax head trained with `loss: tf.losses.cosineDistance` on one-hot tags. TF.js's cosine
// distance is 1 − Σ y·p (it does not normalise), so on one-hot rows it is 1 − p_true: a regression of the true class's
// probability, whose gradient through the softmax vanishes as MSE's does.
test('tf.losses.cosineDistance on a softmax classifier is a regression loss on classes; on an embedding it is fine', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: tf.losses.cosineDistance });
model.fit(tf.randomNormal([3, 4]), tf.oneHot(tf.tensor1d([0, 1, 2], 'int32'), 3));
const encoder = tf.sequential();
encoder.add(tf.layers.dense({ units: 16, inputShape: [4] }));
encoder.compile({ optimizer: 'adam', loss: 'cosineProximity' });
`;
  const r = lint.lintText(text, '/p/tagger.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['5:activation-mismatch']);
  assert.match(r.diagnostics[0].message, /cosineDistance on a softmax output/);
  assert.equal(lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits).split('\n')[4], "model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });");
});

test('a field of a table read by a computed key (`CONFIGS[modelType].outputShape`) may be any entry\'s, not the first one\'s', () => {
  // A power-plant trainer of a blind set the forty-first session lost with its machine: a price regressor (1 unit), a demand forecaster (24) and a risk classifier (3,
  // softmax when modelType is the risk one). The first entry's 1 unit was taken for every model's.
  const code = (key) => `const CONFIGS = { PRICE: { out: 1 }, DEMAND: { out: 24 }, RISK: { out: 3 } };
function createModel(modelType) {
  const config = CONFIGS[${key}];
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }),
    tf.layers.dense({ units: config.out, activation: modelType === 'RISK' ? 'softmax' : 'linear' }),
  ] });
  model.compile({ optimizer: 'adam', loss: modelType === 'RISK' ? 'categoricalCrossentropy' : 'meanSquaredError' });
  return model;
}`;
  assert.deepEqual(compileSite(code('modelType')).result.diagnostics.map((d) => d.code), []);
  // A key written out is that entry.
  assert.deepEqual(compileSite(code("'PRICE'")).result.diagnostics.map((d) => d.code), ['activation-mismatch']);
});
