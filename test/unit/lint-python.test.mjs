// The Python front end: the fixtures in test/fixtures/lint-python (Keras, PyTorch, NumPy, JAX shapes and the
// articles' examples), its fixes (applied, re-linted, and parsed by Python's own ast module), notebooks (cells
// linted as one program, positions per cell), and its lazy loading.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint, root } from './lint-support.mjs';

const dir = path.join(root, 'test/fixtures/lint-python');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const fixtures = ['flagged', 'silent'].flatMap((kind) =>
  readdirSync(path.join(dir, kind)).filter((f) => f.endsWith('.py')).sort().map((f) => ({ rel: `${kind}/${f}`, file: path.join(dir, kind, f), text: readFileSync(path.join(dir, kind, f), 'utf8') })),
);

/** Python's own parser on each text, in one process: true, or the syntax error; undefined without python3. */
function pythonParses(texts) {
  const script = 'import ast, json, sys\nout = []\nfor t in json.load(sys.stdin):\n    try:\n        ast.parse(t)\n        out.append(True)\n    except SyntaxError as e:\n        out.append(str(e))\nprint(json.dumps(out))';
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return JSON.parse(r.stdout);
}

test('every Python fixture has expectations; at least as many silent as flagged, each flagged one flagged', () => {
  assert.deepEqual(fixtures.map((f) => f.rel).sort(), Object.keys(expected).sort());
  const flagged = fixtures.filter((f) => f.rel.startsWith('flagged/'));
  const silent = fixtures.filter((f) => f.rel.startsWith('silent/'));
  assert.ok(flagged.length >= 20 && silent.length >= flagged.length, `${flagged.length} flagged, ${silent.length} silent`);
  for (const f of flagged) assert.ok(expected[f.rel].diagnostics.length > 0, f.rel);
  for (const f of silent) assert.deepEqual(expected[f.rel].diagnostics, [], f.rel);
});

for (const f of fixtures) {
  test(`python fixture ${f.rel}: ${expected[f.rel].why}`, () => {
    const result = lint.lintText(f.text, f.file);
    assert.equal(result.internalError, undefined);
    assert.notEqual(result.incomplete, true);
    const got = result.diagnostics.map((d) => {
      const row = { code: d.code, line: d.line, text: f.text.slice(d.start, d.end) };
      const preferred = d.fixes.find((x) => x.preferred);
      if (preferred) row.fix = preferred.title;
      return row;
    });
    assert.deepEqual(got, expected[f.rel].diagnostics);
    for (const want of expected[f.rel].sites) {
      assert.ok(result.sites.some((s) => Object.entries(want).every(([k, v]) => (k === 'unreadable' ? v === (s.unreadable !== undefined) : s[k] === v))), `${f.rel}: no site like ${JSON.stringify(want)}`);
    }
    for (const s of result.sites) assert.ok(['pytorch', 'keras', 'tensorflow', 'numpy', 'jax'].includes(s.framework), s.framework);
  });
}

test('python fixes: the preferred fix of every flagged hazard and mismatch is valid Python and clears its finding', () => {
  let checked = 0;
  const sources = [];
  for (const f of fixtures.filter((x) => x.rel.startsWith('flagged/'))) {
    const result = lint.lintText(f.text, f.file);
    for (const d of result.diagnostics) {
      const fix = d.fixes.find((x) => x.preferred);
      if (!fix) continue;
      const fixed = lint.applySourceEdits(f.text, fix.edits);
      sources.push({ what: `${f.rel}: '${fix.title}'`, fixed });
      const after = lint.lintText(fixed, f.file).diagnostics.filter((x) => x.code === d.code && x.line === d.line && fixed.slice(x.start, x.end) === f.text.slice(d.start, d.end));
      assert.equal(after.length, 0, `${f.rel}: '${fix.title}' leaves ${d.code} on line ${d.line}`);
      checked++;
    }
  }
  assert.ok(checked >= 15, `${checked} fixes checked`);
  const parsed = pythonParses(sources.map((x) => x.fixed));
  if (parsed) parsed.forEach((ok, i) => assert.equal(ok, true, `${sources[i].what} gives code Python cannot parse`));
});

test('precision follows the library: the same 1e-15 clip is sound in NumPy float64 and unsafe in torch float32', () => {
  const np = lint.lintText('import numpy as np\ndef bce(y_true, y_pred):\n    p = np.clip(y_pred, 1e-15, 1 - 1e-15)\n    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n', 'np.py');
  const torch = lint.lintText('import torch\ndef bce(y_true, y_pred):\n    p = torch.clamp(y_pred, 1e-15, 1 - 1e-15)\n    return -torch.mean(y_true * torch.log(p) + (1 - y_true) * torch.log(1 - p))\n', 'torch.py');
  assert.equal(np.sites[0].framework, 'numpy');
  assert.equal(torch.sites[0].framework, 'pytorch');
  assert.deepEqual(np.diagnostics.filter((d) => d.code === 'log-of-zero'), []);
  assert.equal(torch.diagnostics.filter((d) => d.code === 'log-of-zero').length, 1);
});

test('a float64 sigmoid reaches 1 but not 0; one computed through tanh reaches both (exactly 0 from z = -38)', () => {
  const script = (body) => `import numpy as np\n\n\ndef sigmoid(z):\n    return ${body}\n\n\nA = sigmoid(np.dot(w.T, X) + b)\ncost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n`;
  const at = (body) => lint.lintText(script(body), 'logreg.py').diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => `${d.line}:${d.column}`);
  assert.deepEqual(at('1 / (1 + np.exp(-z))'), ['9:43']);
  assert.deepEqual(at('0.5 * (1 + np.tanh(0.5 * z))'), ['9:21', '9:43']);
});

const cells = [
  '%matplotlib inline\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n',
  'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n',
  '!pip install nothing\nmodel = Net()\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n',
];

test('notebooks: code cells are one program, and every position is within its cell', () => {
  const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', source: ['# Title'] }, ...cells.map((c) => ({ cell_type: 'code', source: c.split(/(?<=\n)/), outputs: [] }))] };
  const fromJson = lint.lintText(JSON.stringify(nb), '/w/explore.ipynb');
  const fromCells = lint.lintNotebookCells(cells, '/w/explore.ipynb');
  for (const r of [fromJson, fromCells]) {
    assert.equal(r.internalError, undefined);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.equal(d.code, 'activation-mismatch');
    assert.equal(d.cell, 2);
    assert.equal(cells[2].slice(d.start, d.end), 'nn.CrossEntropyLoss()');
    assert.deepEqual([d.line, d.column], [3, 13]);
    assert.match(d.detail, /output layer in cell 2, line 7/);
    const fix = d.fixes.find((x) => x.preferred);
    assert.equal(fix.edits[0].cell, 1, 'the fix edits the forward in the earlier cell');
    const fixed = lint.applySourceEdits(cells[1], fix.edits);
    assert.match(fixed, /return self\.fc\(x\)/);
    assert.equal(lint.lintNotebookCells([cells[0], fixed, cells[2]], 'x.ipynb').diagnostics.length, 0);
  }
  assert.deepEqual(fromJson.sites.map((s) => s.cell), fromCells.sites.map((s) => s.cell));
});

test('notebooks: bad input is a clear reason, never a throw', () => {
  assert.match(lint.lintText('{ not json', 'a.ipynb').incompleteReason, /not valid JSON/);
  assert.match(lint.lintText('{"metadata": {}}', 'a.ipynb').incompleteReason, /no cells/);
  assert.equal(lint.lintNotebookCells([1, 2], 'a.ipynb').internalError, 'the cells to lint are not strings');
});

test('the CLI lints .py and .ipynb: JSON rows carry the cell, SARIF names it', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-py-'));
  writeFileSync(path.join(tmp, 'nb.ipynb'), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((c) => ({ cell_type: 'code', source: c, outputs: [] })) }));
  writeFileSync(path.join(tmp, 'train.py'), fixtures.find((f) => f.rel === 'flagged/torch-double-softmax.py').text);
  const run = (...args) => spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'lint', ...args], { cwd: tmp, encoding: 'utf8' });
  const json = run('--json', '.');
  assert.equal(json.status, 0, json.stderr);
  const rows = JSON.parse(json.stdout);
  assert.deepEqual(rows.map((r) => [r.file, r.cell, r.line, r.code]).sort(), [['nb.ipynb', 2, 3, 'activation-mismatch'], ['train.py', undefined, 19, 'activation-mismatch']].sort());
  const sarif = JSON.parse(run('--format', 'sarif', 'nb.ipynb').stdout);
  const loc = sarif.runs[0].results[0].locations[0];
  assert.equal(loc.logicalLocations[0].name, 'cell 3');
  assert.equal(loc.properties.cell, 2);
  assert.equal(loc.physicalLocation.region.startLine, 3);
  assert.match(run('nb.ipynb').stdout, /cell 3 3:13/);
});

test('the Python front end is loaded only when a Python file arrives', () => {
  const script = `const l = require(${JSON.stringify(path.join(root, 'dist/lint.cjs'))});
const loaded = () => Object.keys(require.cache).some((k) => k.endsWith('python.cjs'));
l.lintText('const x = tf.log(yPred);', 'a.ts');
const before = loaded();
l.lintText('import torch\\n', 'a.py');
console.log(JSON.stringify([before, loaded()]));`;
  assert.deepEqual(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })), [false, true]);
});

test('python project: a criterion handed to a method of a class star-imported from another file is paired with that class forward', () => {
  const lintProject = (name) => {
    const folder = path.join(dir, 'project', name);
    const files = new Map(readdirSync(folder).map((f) => [path.join(folder, f), readFileSync(path.join(folder, f), 'utf8')]));
    const train = path.join(folder, 'train.py');
    return lint.lintText(files.get(train), train, { project: lint.projectFromMap(files) });
  };
  const softmax = lintProject('star-softmax');
  assert.deepEqual(softmax.diagnostics.map((d) => [d.code, d.line]), [['activation-mismatch', 7]]);
  assert.equal(softmax.sites[0].activation, 'softmax');
  const logSoftmax = lintProject('star-log-softmax');
  assert.deepEqual(logSoftmax.diagnostics, []);
  assert.equal(logSoftmax.sites[0].activation, 'linear');
});

test("a GAN discriminator's loss over real and fake logits checks both as model outputs, and returns of two losses are both read", () => {
  const text = [
    'import tensorflow as tf',
    '',
    'def discriminator_loss(real_logit, fake_logit):',
    '    real_loss = -tf.reduce_mean(tf.math.log(tf.sigmoid(real_logit)))',
    '    fake_loss = -tf.reduce_mean(tf.math.log(1 - tf.sigmoid(fake_logit)))',
    '    return real_loss, fake_loss',
    '',
    'def generator_loss(fake_logit):',
    '    return -tf.reduce_mean(tf.math.log(tf.sigmoid(fake_logit))), fake_logit',
    '',
  ].join('\n');
  const r = lint.lintText(text, 'gan.py');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['log-of-zero:4', 'log-of-zero:5', 'log-of-zero:9']);
  // A value returned beside the loss that is not a loss (the logits) is not added to it.
  assert.equal(r.sites.find((s) => s.name === 'generator_loss').expression.includes('+'), false);
});

test('np.dot and @ are products summed over an axis: the logs of a cost written with them are read', () => {
  const text = [
    'import numpy as np',
    '',
    'def sigmoid(Z):',
    '    return 1 / (1 + np.exp(np.dot(-1, Z)))',
    '',
    'def cost_function(A, Y):',
    '    m = Y.shape[1]',
    '    return (-1 / m) * (np.dot(np.log(A), Y.T) + (np.log(1 - A) @ (1 - Y).T))',
    '',
  ].join('\n');
  const r = lint.lintText(text, 'nn.py');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['exp-overflow:4', 'log-of-zero:8', 'log-of-zero:8']);
  assert.equal(r.sites.find((s) => s.name === 'cost_function').reduction, 'sum');
});

test('python: a call on data alone gives data (F.one_hot of the targets), and a loss that applies softmax itself takes logits', () => {
  const text = `import torch
import torch.nn.functional as F

def multi_class_focal_loss(inputs, targets, gamma=2.0):
    probs = F.softmax(inputs, dim=1)
    targets_one_hot = F.one_hot(targets, num_classes=10).float()
    ce = -targets_one_hot * torch.log(probs)
    p_t = torch.sum(probs * targets_one_hot, dim=1)
    return ((1 - p_t) ** gamma * ce.sum(dim=1)).mean()

def soft_dice_loss(logits, labels, smooth=1.0):
    probs = torch.sigmoid(logits)
    numer = (probs * labels).sum(dim=(1, 2))
    denor = (probs + labels).sum(dim=(1, 2))
    return 1.0 - (2 * numer + smooth) / (denor + smooth)
`;
  const r = lint.lintText(text, 'focal.py');
  assert.equal(r.sites.find((s) => s.name === 'multi_class_focal_loss')?.unreadable, undefined);
  // The softmax of the logits underflows to 0 in float32: log(0). The Dice of sigmoid probabilities and 0/1 labels
  // never divides by 0 (its denominator is at least smooth).
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['log-of-zero:7']);
});

test("vector norms per element: JAX's and TensorFlow's 2-norm is the root it computes (NaN gradient at a perfect fit); PyTorch's and NumPy's are |e|", () => {
  const codes = (text) => lint.lintText(text, 'norms.py').diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(codes('import jax.numpy as jnp\n\ndef mse(y, y_pred):\n    return jnp.mean(jnp.linalg.norm(y - y_pred) ** 2)\n'), ['sqrt-at-zero:4']);
  assert.deepEqual(codes("import tensorflow as tf\n\ndef dist(y_true, y_pred):\n    return tf.reduce_mean(tf.norm(y_true - y_pred, ord='euclidean', axis=-1))\n"), ['sqrt-at-zero:4']);
  // torch 1.13: the gradient of torch.norm at a zero vector is 0, not NaN; what is left is the kink of |e|.
  assert.deepEqual(codes('import torch\n\ndef dist(y_true, y_pred):\n    return torch.norm(y_pred - y_true, dim=1).mean()\n'), ['non-differentiable:4']);
  assert.deepEqual(codes('import torch\n\ndef dist(y_true, y_pred):\n    return (y_pred - y_true).norm(p=2, dim=1).mean()\n'), ['non-differentiable:4']);
  // Squared, |e|² is smooth: NumPy's hand-written-gradient squared error is silent.
  assert.deepEqual(codes('import numpy as np\n\ndef squared_error(y, y_pred):\n    return 0.5 * np.linalg.norm(y_pred - y) ** 2\n'), []);
  assert.deepEqual(codes('import numpy as np\n\ndef l1(y, y_pred):\n    return np.linalg.norm(y - y_pred, 1)\n'), ['non-differentiable:4']);
  // An order the lint does not model (the nuclear norm) leaves the loss unread, not wrong.
  const nuclear = lint.lintText("import numpy as np\n\ndef nuc(y, y_pred):\n    return np.linalg.norm(y - y_pred, ord='nuc')\n", 'norms.py');
  assert.match(nuclear.sites[0].unreadable ?? '', /norm/);
});

test('compound parameter names say their role in Python too: (q_target, pred_q) takes pred_q as the prediction', () => {
  const r = lint.lintText(`import torch

def td_loss(q_target, pred_q):
    return torch.mean(torch.abs(pred_q - q_target))
`, 'dqn.py');
  const site = r.sites.find((s) => s.name === 'td_loss');
  assert.ok(site, 'the loss is found');
  assert.equal(site.wrt, 'pred_q');
});
