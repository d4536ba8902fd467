// Times the whole analysis of every catalog loss (parse + derivative + simplify + TeX + hazards + kinks +
// recognition) and, in the same run as baselines, mathjs's own derivative + simplify and SymPy's diff +
// simplify of the same expressions (bench/sympy_bench.py). Run `node build.mjs` first.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { round, stats, timeRuns } from './stats.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = require(path.join(root, 'dist/core.cjs'));
const mathjs = require('mathjs');

const RUNS = 60;

/** Unrounded figures: the ratios are taken before rounding. */
const exact = (times) => stats(times, 6);

/** mathjs's derivative + simplify, where mathjs can differentiate the loss at all (not max, conditionals …). */
function mathjsBaseline(expression, wrt) {
  const expanded = expression
    .replace(/\bsigmoid\(/g, 'sigmoidFn(')
    .replace(/\bsoftplus\(/g, 'softplusFn(');
  try {
    mathjs.simplify(mathjs.derivative(expanded, wrt));
  } catch {
    return null;
  }
  return exact(timeRuns(() => mathjs.simplify(mathjs.derivative(expanded, wrt)), 10));
}

function sympyTimes(items) {
  const run = spawnSync('python3', [path.join(root, 'bench/sympy_bench.py'), '5', '--timeout', '10'], {
    input: JSON.stringify(items),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) return { error: (run.stderr || run.error?.message || 'python3 failed').trim().split('\n').pop() };
  return JSON.parse(run.stdout);
}

export async function benchCore() {
  const items = core.CATALOG.map((loss) => ({ id: loss.id, expression: loss.expression, wrt: loss.prediction, set: loss.parameters }));
  for (const it of items) core.analyze(it.expression, { set: it.set });
  const sympy = sympyTimes(items.map(({ id, expression, wrt }) => ({ id, expression, wrt })));
  const sympyById = new Map((sympy.results ?? []).map((r) => [r.id, r]));
  const rows = [];
  const ours = [];
  const theirs = [];
  for (const it of items) {
    const s = exact(timeRuns(() => core.analyze(it.expression, { set: it.set }), RUNS));
    const m = mathjsBaseline(it.expression, it.wrt);
    const sp = sympyById.get(it.id);
    ours.push(s.median);
    if (sp?.ok) theirs.push(sp.medianMs);
    rows.push({
      loss: it.id,
      medianMs: round(s.median, 3),
      p95Ms: round(s.p95, 3),
      mathjsMedianMs: m ? round(m.median, 3) : 'throws',
      sympyMedianMs: sp?.ok ? round(sp.medianMs, 1) : sp ? 'timeout/error' : 'n/a',
      sympyOverOurs: sp?.ok ? round(sp.medianMs / s.median, 0) : null,
    });
  }
  const all = exact(ours);
  const summary = {
    analysedLosses: items.length,
    oursMedianMs: round(all.median, 3),
    oursP95OfMediansMs: round(all.p95, 3),
    sympyMedianMs: theirs.length ? round(exact(theirs).median, 1) : null,
    sympyVersion: sympy.sympyVersion ?? sympy.error,
    speedupMedianOfMedians: theirs.length ? round(exact(theirs).median / all.median, 0) : null,
  };
  return { rows, summary };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, summary } = await benchCore();
  console.table(rows);
  console.log(summary);
}
