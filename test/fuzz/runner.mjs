// Runs one fuzz case through the lint (lintText for a file, lintNotebookCells for cells), timing it, and checks the
// result against the API. Shared by the fixed-seed run in `npm test` and the large run in scripts/fuzz.
import { createRequire } from 'node:module';
import path from 'node:path';
import { apiViolations } from './apiCheck.mjs';
import { ROOT } from './corpus.mjs';

const require = createRequire(import.meta.url);

export function loadLint() {
  const lint = require(path.join(ROOT, 'dist/lint.cjs'));
  const core = require(path.join(ROOT, 'dist/core.cjs'));
  const codes = [...new Set([...core.DIAGNOSTIC_CODES, ...lint.RULES.map((r) => r.meta.code)])];
  return { lint, core, names: { activations: [...core.ACTIVATIONS], codes } };
}

/**
 * Lints one small file of each kind (TF.js, Python, a notebook) so that the parsers are loaded before anything is
 * timed: loading TypeScript and the Python bundle is the process's work, done once, not a file's. The inputs are
 * tiny and fixed, so no slow path of a real case is hidden. Returns how long it took.
 */
export function warmUp({ lint }) {
  const started = performance.now();
  lint.lintText("import * as tf from '@tensorflow/tfjs';\nconst loss = (yTrue, yPred) => tf.neg(tf.log(yPred));\n", '/warm-up/a.ts', {});
  lint.lintText('import torch\ndef my_loss(y_true, y_pred):\n    return -torch.log(y_pred).mean()\n', '/warm-up/a.py', {});
  lint.lintText(JSON.stringify({ cells: [{ cell_type: 'code', source: 'import numpy as np\nloss = -np.log(p)\n' }], nbformat: 4 }), '/warm-up/a.ipynb', {});
  return performance.now() - started;
}

/**
 * The code cells of a notebook's JSON as nbformat defines them (v4 `cells`, v3 `worksheets[0].cells` with
 * `input`; a source is a string or a list of strings): what a notebook result's `cell` and offsets refer to.
 * Undefined when the text is not a notebook (its result then has no sites or diagnostics).
 */
export function notebookCells(json) {
  let nb;
  try {
    nb = JSON.parse(json);
  } catch {
    return undefined;
  }
  const raw = Array.isArray(nb?.cells) ? nb.cells : nb?.worksheets?.[0]?.cells;
  if (!Array.isArray(raw)) return undefined;
  const text = (s) => (typeof s === 'string' ? s : Array.isArray(s) && s.every((x) => typeof x === 'string') ? s.join('') : '');
  return raw.filter((c) => c && typeof c === 'object' && c.cell_type === 'code').map((c) => text(c.source ?? c.input));
}

/** What the result's positions refer to: the text, or the notebook's code cells. */
function inputOf(kase) {
  if (kase.cells) return { cells: kase.cells };
  if (/\.ipynb$/i.test(kase.fileName)) return { cells: notebookCells(kase.text) ?? [] };
  return { text: kase.text };
}

/** Lints the case; returns the result, the time it took, and how the result breaks the API. */
export function runCase({ lint, names }, kase) {
  const started = performance.now();
  let result;
  try {
    result = kase.cells ? lint.lintNotebookCells(kase.cells, kase.fileName, kase.options) : lint.lintText(kase.text, kase.fileName, kase.options);
  } catch (err) {
    return { ms: performance.now() - started, violations: [`lint threw: ${err?.stack ?? err}`] };
  }
  const ms = performance.now() - started;
  return { result, ms, violations: apiViolations(result, inputOf(kase), names) };
}

/** How to rebuild a case, for a failure's report. */
export function describeCase(kase, seed) {
  const size = kase.cells ? kase.cells.reduce((n, c) => n + c.length, 0) : kase.text.length;
  return `seed ${seed} case ${kase.index}: ${path.relative(ROOT, kase.seedFile)} as ${kase.fileName}${kase.cells ? ` (${kase.cells.length} cells)` : ''}, ${size} chars, mutations ${kase.applied.join(', ') || 'none'}`;
}
