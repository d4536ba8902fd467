// Times lintText on hostile input (run `node build.mjs` first). First a fixed-seed sample of the fuzzer's cases
// (test/fuzz: mutated TS/JS, Python and notebook files from the repository's fixtures and examples): the lint's time
// per file at p50/p95/p99 against the parser's own time on the same texts (TypeScript's createSourceFile for TS/JS,
// @lezer/python for Python and a notebook's joined code cells), measured case by case in the same run. Then the
// slowest shapes, each as a ratio to its parser on the same text: an annotation-heavy file, a one-line 1 MB bundle,
// code nested as deep as the lint still reads, and a 2 MB notebook. The parsers are loaded before anything is timed.
// Run directly (`node bench/hostile.mjs`) to print the tables.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { makeCase } from '../test/fuzz/cases.mjs';
import { loadSeeds } from '../test/fuzz/corpus.mjs';
import { FULL_LIMITS } from '../test/fuzz/mutations.mjs';
import { loadLint, warmUp } from '../test/fuzz/runner.mjs';
import { round, stats, time } from './stats.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ts = require('typescript');
const { parser } = require('@lezer/python');

const SEED = 14;
const CASES = 500;
const BUDGET_MS = 1500;
const RUNS = 5;
const TF = "import * as tf from '@tensorflow/tfjs';\n";

/** What the lint's parser does with the case's text: TypeScript's parse, or lezer's of the (joined) Python. */
function parseOf(env, kase) {
  if (kase.language === 'typescript') return () => ts.createSourceFile(kase.fileName.replace(/\.\w+$/, '.ts'), kase.text, ts.ScriptTarget.Latest, false);
  const cells = kase.cells ?? (kase.language === 'notebook' ? notebookCells(env, kase.text) : undefined);
  const code = cells ? env.lint.loadPython().joinCells(cells).text : kase.text;
  return () => parser.parse(code);
}

function notebookCells(env, json) {
  const nb = env.lint.loadPython().notebookCodeCells(json);
  return 'cells' in nb ? nb.cells : [];
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The fixed-seed sample: each case linted once (as the editor meets a file) and parsed once, in turn. */
function fuzzSample(env) {
  const seeds = loadSeeds();
  const lintMs = [];
  const parseMs = [];
  let slowest = { ms: 0, what: '' };
  for (let i = 0; i < CASES; i++) {
    const kase = makeCase(seeds, SEED, i, { budgetMs: BUDGET_MS, limits: FULL_LIMITS });
    const ms = time(() => (kase.cells ? env.lint.lintNotebookCells(kase.cells, kase.fileName, kase.options) : env.lint.lintText(kase.text, kase.fileName, kase.options)));
    lintMs.push(ms);
    if (ms > slowest.ms) slowest = { ms, what: `case ${i}: ${path.relative(root, kase.seedFile)} as ${kase.fileName}` };
    try {
      parseMs.push(time(parseOf(env, kase)));
    } catch {
      parseMs.push(Number.NaN);
    }
  }
  const l = [...lintMs].sort((a, b) => a - b);
  const p = parseMs.filter(Number.isFinite).sort((a, b) => a - b);
  return [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]].map(([x, q]) => ({
    case: `fuzz sample (seed ${SEED}, ${CASES} files), ${x} per file`,
    lintMs: round(percentile(l, q)),
    parseMs: round(percentile(p, q)),
    ratio: round(percentile(l, q) / percentile(p, q)),
    note: x === 'p99' ? `slowest ${round(slowest.ms)} ms: ${slowest.what}` : `budget ${BUDGET_MS} ms per file; parse: the same texts through their parser`,
  }));
}

/** A TS file with thousands of `@loss` annotations between ordinary lines, each a different loss. */
function annotationHeavy() {
  const lines = [TF];
  for (let i = 0; i < 2000; i++) lines.push(`// @loss -(y * log(p + ${i + 1}e-7) + (1 - y) * log(1 - p + ${i + 1}e-7))\nexport const weight${i} = ${i};\n`);
  return lines.join('');
}

/** A minified bundle: 1 MB on one line, a custom loss among its functions. */
function oneLineBundle() {
  const parts = [TF.trim()];
  for (let i = 0; parts.join('').length < 1_000_000; i++) parts.push(`function f${i}(a,b){return a*${i}+b[${i % 7}]||tf.add(a,b)};var v${i}=f${i}(${i},[1,2]);`);
  parts.push('const myLoss=(yTrue,yPred)=>tf.neg(tf.mean(tf.mul(yTrue,tf.log(yPred))));');
  return parts.join('');
}

/** A loss whose expression nests just under the depth the lint still reads (sourceShape.MAX_NESTING). */
function deepNesting() {
  const depth = 250;
  return `${TF}export function deepLoss(yTrue, yPred) {\n  const inner = ${'tf.add(1, '.repeat(depth / 2)}tf.log(yPred)${')'.repeat(depth / 2)};\n  return tf.neg(tf.mean(tf.mul(yTrue, inner)));\n}\n`;
}

/** A notebook file of about 2 MB (its JSON, with outputs cleared): numbered cells, each with a Keras model and a loss. */
function bigNotebook() {
  const cells = ['import numpy as np\nimport torch\nimport torch.nn as nn\nfrom tensorflow import keras\n'];
  const entry = (source) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: source.split(/(?<=\n)/) });
  let size = 0;
  for (let i = 0; size < 2_000_000; i++) {
    const cell = `def loss_${i}(y_true, y_pred):\n    return -np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))\n\nmodel_${i} = keras.Sequential([keras.layers.Dense(${(i % 9) + 1}, activation='sigmoid')])\nmodel_${i}.compile(optimizer='adam', loss=loss_${i})\nhistory_${i} = model_${i}.fit(x_train, y_train, epochs=${(i % 5) + 1})\n`;
    cells.push(cell);
    size += JSON.stringify(entry(cell), null, 1).length;
  }
  const json = JSON.stringify({ cells: cells.map(entry), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
  return { json, code: cells };
}

/**
 * Settings chosen through helpers that call helpers (7 levels, 8 returns each), a 40-way ternary and a `let` set in 30
 * branches, for a head's activations and a compile's loss: the readings of configured values are bounded.
 */
function configuredFanOut() {
  const fns = Array.from({ length: 7 }, (_, k) => `function f${k}(c) {\n${Array.from({ length: 7 }, (_, i) => `  if (c.t === ${i}) return ${k < 6 ? `f${k + 1}(c)` : `'act${i}'`};`).join('\n')}\n  return 'relu';\n}`).join('\n');
  const ternary = `${Array.from({ length: 40 }, (_, i) => `c.t === ${i} ? 'sigmoid' :`).join(' ')} 'softmax'`;
  const lets = `  let act;\n${Array.from({ length: 30 }, (_, i) => `  if (c.t === ${i}) act = 'a${i}';`).join('\n')}`;
  return `import * as tf from '@tensorflow/tfjs';\n${fns}\nexport function build(c) {\n${lets}\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: 2, inputShape: [3], activation: f0(c) }));\n  m.add(tf.layers.dense({ units: 2, activation: ${ternary} }));\n  m.add(tf.layers.dense({ units: 2, activation: act }));\n  m.compile({ optimizer: 'adam', loss: c.t === 1 ? 'binaryCrossentropy' : f0(c) });\n  return m;\n}\n`;
}

/** Median lint and parse times of one shape, and the lint's note when it read the file in part. */
function shape(env, label, text, fileName, parse) {
  const lintTimes = [];
  const parseTimes = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    env.lint.clearCaches();
    lintTimes.push(time(() => (result = env.lint.lintText(text, fileName))));
    parseTimes.push(time(parse));
  }
  const l = stats(lintTimes);
  const p = stats(parseTimes);
  const note = `${round(text.length / 1e6, 2)} MB, ${result.sites.length} sites${result.incompleteReason ? `; ${result.incompleteReason}` : result.incomplete ? '; budget ran out' : ''}`;
  return { case: label, lintMs: l.median, parseMs: p.median, ratio: round(l.median / p.median), note };
}

export async function benchHostile() {
  const env = loadLint();
  const warm = warmUp(env);
  const rows = fuzzSample(env);
  const annotations = annotationHeavy();
  rows.push(shape(env, 'annotation-heavy: 2,000 @loss tags (default budget)', annotations, 'annotations.ts', () => ts.createSourceFile('annotations.ts', annotations, ts.ScriptTarget.Latest, false)));
  const bundle = oneLineBundle();
  rows.push(shape(env, 'one-line 1 MB bundle', bundle, 'bundle.min.js', () => ts.createSourceFile('bundle.min.js', bundle, ts.ScriptTarget.Latest, false)));
  const deep = deepNesting();
  rows.push(shape(env, 'deep nesting: a loss 250 brackets deep', deep, 'deep.ts', () => ts.createSourceFile('deep.ts', deep, ts.ScriptTarget.Latest, false)));
  const chosen = configuredFanOut();
  rows.push(shape(env, 'a loss and activations chosen through 7 levels of 8-way helpers', chosen, 'chosen.js', () => ts.createSourceFile('chosen.js', chosen, ts.ScriptTarget.Latest, false)));
  const nb = bigNotebook();
  const joined = env.lint.loadPython().joinCells(nb.code).text;
  rows.push(shape(env, `2 MB notebook, ${nb.code.length} cells (default budget)`, nb.json, 'big.ipynb', () => parser.parse(joined)));
  return { rows, warmUpMs: round(warm), note: 'ratio: the lint\'s time over its parser\'s on the same text (lezer for the notebook\'s joined code cells)' };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const { rows, ...rest } = await benchHostile();
  console.table(rows);
  console.log(rest);
}
