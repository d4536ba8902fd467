// Times the whole analysis of every catalog loss (parse + derivative + simplify + TeX + hazards + kinks +
// recognition) and, in the same run as baselines, mathjs's own derivative + simplify and SymPy's diff +
// simplify of the same expressions (bench/sympy_bench.py). Run `node build.mjs` first.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = require(path.join(root, 'dist/core.cjs'));
const mathjs = require('mathjs');

const RUNS = 60;

export function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

const round = (x, d = 3) => (x === null || x === undefined ? null : Number(x.toFixed(d)));

function timeRuns(fn, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

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
  return stats(timeRuns(() => mathjs.simplify(mathjs.derivative(expanded, wrt)), 10));
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
    const s = stats(timeRuns(() => core.analyze(it.expression, { set: it.set }), RUNS));
    const m = mathjsBaseline(it.expression, it.wrt);
    const sp = sympyById.get(it.id);
    ours.push(s.median);
    if (sp?.ok) theirs.push(sp.medianMs);
    rows.push({
      loss: it.id,
      medianMs: round(s.median),
      p95Ms: round(s.p95),
      mathjsMedianMs: m ? round(m.median) : 'throws',
      sympyMedianMs: sp?.ok ? round(sp.medianMs, 1) : sp ? 'timeout/error' : 'n/a',
      sympyOverOurs: sp?.ok ? round(sp.medianMs / s.median, 0) : null,
    });
  }
  const all = stats(ours);
  const summary = {
    analysedLosses: items.length,
    oursMedianMs: round(all.median),
    oursP95OfMediansMs: round(all.p95),
    sympyMedianMs: theirs.length ? round(stats(theirs).median, 1) : null,
    sympyVersion: sympy.sympyVersion ?? sympy.error,
    speedupMedianOfMedians: theirs.length ? round(stats(theirs).median / all.median, 0) : null,
  };
  return { rows, summary };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, summary } = await benchCore();
  console.table(rows);
  console.log(summary);
}
