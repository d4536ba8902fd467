// The fixed-seed fuzz run of `npm test`: a few thousand mutated TS/JS, Python and notebook files (quick limits:
// nesting, line lengths and tag counts kept small enough for a test) through lintText and lintNotebookCells, and
// mutated loss expressions through the core's analyze. Every result must keep the API (test/fuzz/apiCheck.mjs).
// Times are not checked here (scripts/fuzz/run.mjs reports budget overruns). A failure names the seed and case:
// `node scripts/fuzz/run.mjs --quick --seed S --case N` replays it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { nanPaths } from '../fuzz/apiCheck.mjs';
import { makeCase } from '../fuzz/cases.mjs';
import { loadSeeds } from '../fuzz/corpus.mjs';
import { mutateExpression, QUICK_LIMITS } from '../fuzz/mutations.mjs';
import { Random } from '../fuzz/random.mjs';
import { describeCase, loadLint, runCase } from '../fuzz/runner.mjs';

const SEED = 20261201;
const CASES = 3000;
const EXPRESSIONS = 1500;

test(`fuzz: ${CASES} mutated files (seed ${SEED}) keep the lint's API: no internal error, ranges in the text, activations, finite numbers`, () => {
  const env = loadLint();
  const seeds = loadSeeds();
  assert.ok(seeds.length > 100, `the seed corpus has ${seeds.length} files`);
  const failures = [];
  for (let i = 0; i < CASES && failures.length < 10; i++) {
    const kase = makeCase(seeds, SEED, i, { budgetMs: 2000, limits: QUICK_LIMITS });
    const { violations } = runCase(env, kase);
    if (violations.length) failures.push(`${describeCase(kase, SEED)}\n    ${violations.slice(0, 5).join('\n    ')}`);
  }
  assert.deepEqual(failures, []);
});

test(`fuzz: ${EXPRESSIONS} mutated loss expressions (seed ${SEED}) are analysed or refused with an ExpressionError, never NaN`, () => {
  const { core } = loadLint();
  const failures = [];
  for (let i = 0; i < EXPRESSIONS && failures.length < 10; i++) {
    const r = Random.forCase(SEED, i);
    const expression = mutateExpression(r);
    const options = { wrt: r.pick(['p', 'y', undefined, 'constructor']), activation: r.pick(['sigmoid', 'linear', undefined]), budgetMs: 500 };
    try {
      const nan = nanPaths(core.analyze(expression, options), 'analysis');
      if (nan.length) failures.push(`${JSON.stringify(expression)}: ${nan.slice(0, 3).join(', ')}`);
    } catch (err) {
      if (!(err instanceof core.ExpressionError)) failures.push(`${JSON.stringify(expression)} ${JSON.stringify(options)}: ${err?.stack ?? err}`);
      else if (typeof err.message !== 'string' || !err.message) failures.push(`${JSON.stringify(expression)}: an ExpressionError without a message`);
    }
  }
  assert.deepEqual(failures, []);
});
