// Regression tests for what the 100,000-case fuzz run (issue 14) found: notebooks and Python files of megabytes whose
// JSON read, cell join and parse ran outside the file's budget, and the checker's reading of fixes that move the
// user's own `Infinity`. No test here measures time: a budget far below the parse's work shows the parse stopping.
import test from 'node:test';
import assert from 'node:assert/strict';
import { apiViolations, writtenNonFinite } from '../fuzz/apiCheck.mjs';
import { loadLint } from '../fuzz/runner.mjs';

const { lint, names } = loadLint();
const TF = "import * as tf from '@tensorflow/tfjs';\n";

/** A Keras file of about `size` characters: the same small loss function, numbered, over and over. */
function bigPython(size) {
  const parts = ['import tensorflow as tf\nfrom tensorflow import keras\n'];
  let length = parts[0].length;
  for (let i = 0; length < size; i++) {
    const part = `\ndef loss_${i}(y_true, y_pred):\n    return -tf.reduce_mean(y_true * tf.math.log(y_pred))\n`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

test('budget: a Python file of megabytes is parsed only as far as the budget allows, and the result says how far', () => {
  const text = bigPython(1_500_000);
  const r = lint.lintText(text, 'big.py', { budgetMs: 1 });
  assert.deepEqual(apiViolations(r, { text }, names), []);
  assert.equal(r.incomplete, true);
  const m = /the time budget ran out while parsing: the file was read up to line (\d+) of (\d+)/.exec(r.incompleteReason ?? '');
  assert.ok(m, r.incompleteReason);
  assert.ok(Number(m[1]) < Number(m[2]), r.incompleteReason);
  assert.equal(Number(m[2]), text.split('\n').length);
  const lastLine = text.slice(0, Math.max(0, ...r.sites.map((s) => s.end))).split('\n').length;
  assert.ok(lastLine <= Number(m[1]), `a site at line ${lastLine} past the parsed part`);
});

test('budget: a small Python file is parsed whole with the ordinary budget', () => {
  const text = bigPython(2_000);
  const r = lint.lintText(text, 'small.py', {});
  assert.equal(r.incompleteReason, undefined);
  assert.equal(r.incomplete, undefined);
  assert.ok(r.sites.length >= 10);
});

test('budget: a notebook of megabytes is bounded the same way, its note naming the cell where the parse stopped', () => {
  const code = bigPython(1_500_000).split(/\n(?=def )/);
  const json = JSON.stringify({ cells: code.map((source) => ({ cell_type: 'code', metadata: {}, outputs: [], source })), nbformat: 4, nbformat_minor: 5 });
  const r = lint.lintText(json, 'big.ipynb', { budgetMs: 1 });
  assert.deepEqual(apiViolations(r, { cells: code }, names), []);
  assert.equal(r.incomplete, true);
  const m = /read up to cell (\d+) of (\d+), line (\d+)/.exec(r.incompleteReason ?? '');
  assert.ok(m, r.incompleteReason);
  assert.equal(Number(m[2]), code.length);
  assert.ok(Number(m[1]) < code.length);
});

test('budget: thousands of cells (empty ones and magics among them) are joined once and findings land in their own cell', () => {
  const cells = [];
  for (let i = 0; i < 20_000; i++) cells.push(i % 3 === 0 ? '' : i % 3 === 1 ? '%matplotlib inline' : `x_${i} = ${i}`);
  cells.push('import torch\ndef my_loss(y_true, y_pred):\n    return -torch.mean(y_true * torch.log(y_pred))\n');
  cells.push('');
  const r = lint.lintNotebookCells(cells, 'many.ipynb', { budgetMs: 60_000 });
  assert.deepEqual(apiViolations(r, { cells }, names), []);
  const log = r.diagnostics.find((d) => d.code === 'log-of-zero');
  assert.ok(log, JSON.stringify(r.diagnostics.map((d) => d.code)));
  assert.equal(log.cell, 20_000);
  assert.equal(cells[20_000].slice(log.start, log.end).includes('torch.log'), true);
  const { text, starts } = lint.loadPython().joinCells(['a = 1', '', '', 'b = 2\n', 'c = 3']);
  assert.equal(text, 'a = 1\nb = 2\nc = 3');
  assert.deepEqual(starts, [0, 6, 6, 6, 12]);
});

test('fixes: a no-gradient fix keeps the user\'s -1e999 as written, and moving the user\'s own -Infinity between branches is theirs', () => {
  const lossOf = (body) => `${TF}export function myLoss(yTrue, yPred) {\n  return ${body};\n}\n`;
  const text = lossOf('tf.where(tf.less(yPred, -1e999), tf.zerosLike(yPred), tf.square(tf.sub(yTrue, yPred))).mean()');
  const r = lint.lintText(text, 'a.ts');
  const d = r.diagnostics.find((x) => x.code === 'no-gradient');
  assert.ok(d);
  assert.match(d.fixes[0].edits[0].text, /-1e999/);
  assert.deepEqual(apiViolations(r, { text }, names), []);
  const moved = lossOf('tf.mean(tf.where(tf.greater(yPred, 0), tf.mul(-Infinity, tf.square(yPred)), tf.square(yPred)))');
  const m = lint.lintText(moved, 'a.ts');
  assert.ok(m.diagnostics.some((x) => x.code === 'no-gradient' && x.fixes[0]?.edits.some((e) => e.text.includes('-Infinity'))));
  assert.deepEqual(apiViolations(m, { text: moved }, names), []);
  const bare = lossOf('tf.where(tf.greater(yPred, 0), Infinity, yPred)');
  const b = lint.lintText(bare, 'a.ts');
  assert.ok(b.diagnostics.some((x) => x.code === 'no-gradient' && x.fixes[0]?.edits.some((e) => e.text === 'Infinity')), JSON.stringify(b.diagnostics.map((x) => x.fixes.map((f) => f.edits))));
  assert.deepEqual(apiViolations(b, { text: bare }, names), []);
  const clipped = `${TF}function logLoss(label, p) {\n  return label === 1 ? -Math.log(p) : -Math.log(-Infinity - p);\n}\n`;
  const c = lint.lintText(clipped, 'a.js');
  assert.ok(c.diagnostics.some((x) => x.fixes.some((f) => f.edits.some((e) => e.text.includes('-Infinity - p')))), JSON.stringify(c.diagnostics.map((x) => x.fixes.map((f) => f.edits))));
  assert.deepEqual(apiViolations(c, { text: clipped }, names), []);
});

test('checker: a fix that renders a number as a non-finite word is still caught, a verbatim copy of the user\'s is not', () => {
  const file = 'const logP = tf.where(tf.greaterEqual(yPred, Infinity), tf.log(yPred), 0);\nconst lo = -1e999;\n';
  assert.equal(writtenNonFinite('tf.where(tf.greaterEqual(yPred, Infinity), yPred, tf.onesLike(yPred))', file), undefined);
  assert.match(writtenNonFinite('tf.clipByValue(yPred, -Infinity, 1)', file) ?? '', /yPred, -Infinity, 1\)/);
  assert.match(writtenNonFinite('tf.maximum(yPred, NaN)', file) ?? '', /yPred, NaN\)/);
  assert.equal(writtenNonFinite('tf.clipByValue(yPred, 1e-7, 1 - 1e-7)', file), undefined);
  assert.equal(writtenNonFinite('Math.max(-Infinity - p, 1e-7)', 'return label === 1 ? -Math.log(p) : -Math.log(-Infinity - p);'), undefined);
  assert.match(writtenNonFinite('Math.max(p, -Infinity)', 'const lo = -1e999; const x = -Infinity - p;') ?? '', /p, -Infinity\)/);
});

test('notebooks: an output layer whose call runs on into the next cell (an unclosed bracket) is cut at its cell\'s end, as diagnostics are', () => {
  const cells = [
    "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\ncriterion = nn.NLLLoss()\nseg_loss = criterion(F.log_softmax(\nx = 1\n",
    "    output['seg'], dim=1), batch['mask'])\nseg_loss.backward()\n",
  ];
  const r = lint.lintNotebookCells(cells, 'a.ipynb');
  assert.deepEqual(apiViolations(r, { cells }, names), []);
  const json = JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source })), nbformat: 4 });
  assert.deepEqual(apiViolations(lint.lintText(json, 'a.ipynb'), { cells }, names), []);
});

test('notebooks: a fix whose edit would run from one cell into the next is declined; the others stay (seed 99 case 90864)', () => {
  const cells = ['import numpy as np\ndef bce(y_true, y_pred):\n    return -np.mean(y_true * np.log(y_pred', '    * 1))\n'];
  const r = lint.lintNotebookCells(cells, 'a.ipynb');
  assert.deepEqual(apiViolations(r, { cells }, names), []);
  const log = r.diagnostics.find((d) => d.code === 'log-of-zero');
  assert.ok(log && log.fixes.length >= 1);
  assert.ok(log.fixes.every((f) => f.edits.every((e) => e.end <= cells[e.cell].length)));
  assert.equal(log.fixes.filter((f) => f.preferred).length, 1);
});

test('fixes: the second-where fix of a condition the user wrote with 1e309 is declined rather than written with Infinity; a namespace named Infinity is the user\'s (seed 99 cases 23989, 35109)', () => {
  const text = `${TF}export function maskedCrossEntropy(yTrue, yPred) {\n  const logP = tf.where(tf.greaterEqual(yPred, 1e309), tf.log(yPred), tf.zerosLike(yPred));\n  return tf.neg(tf.mean(tf.mul(yTrue, logP)));\n}\n`;
  const r = lint.lintText(text, 'a.ts');
  assert.deepEqual(apiViolations(r, { text }, names), []);
  assert.ok(r.diagnostics.every((d) => d.fixes.every((f) => f.edits.every((e) => !/Infinity/.test(e.text)))));
  const named = `import * as Infinity from '@tensorflow/tfjs';\nexport function bce(yTrue, yPred) {\n  return Infinity.neg(Infinity.mean(Infinity.mul(yTrue, Infinity.log(yPred))));\n}\n`;
  assert.deepEqual(apiViolations(lint.lintText(named, 'a.ts'), { text: named }, names), []);
});
