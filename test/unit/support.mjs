// Loads the built bundles (run `node build.mjs` first; `npm test` does).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const core = require(path.join(root, 'dist/core.cjs'));
export const mathjs = require('mathjs');

/** Relative closeness with an absolute floor. */
export function close(a, b, rel = 1e-7, abs = 1e-9) {
  return Math.abs(a - b) <= abs + rel * Math.max(Math.abs(a), Math.abs(b));
}

/** Evaluates an Analysis's loss and gradient at x with the other symbols from `set`. */
export function evaluateAt(analysis, set, x) {
  const { variables, loss, gradient } = core.evaluators(analysis);
  const vals = variables.map((v, i) => (i === 0 ? x : set[v]));
  return { value: loss(vals), derivative: gradient(vals) };
}
