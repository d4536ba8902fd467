// The large fuzz run: mutates real files (the repository's fixtures and examples, plus any --corpus folders) many
// times, lints each in this one long-running process, and reports internal errors and API violations (grouped by
// message, with the case that reproduces each), budget overruns (a file taking more than twice its budget), the
// slowest cases, time percentiles and the heap over the run. Failing inputs are written to --out for replay.
//
//   npm run fuzz -- [--seed N] [--cases N] [--from N] [--budget MS] [--quick]
//        [--corpus DIR]... [--no-repo-seeds] [--out DIR] [--case N]
//
// (npm run fuzz builds first and runs node --expose-gc scripts/fuzz/run.mjs.) The cached corpus of public
// repositories is --corpus ~/.cache/loss-lens/corpus. --case N (with the same --seed and --corpus) runs one case and
// prints its input's first lines and its result. The parsers are loaded once (a warm-up of three tiny files) before
// any case is timed, and the report says how long that took.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeCase } from '../../test/fuzz/cases.mjs';
import { loadSeeds, REPO_SEEDS, ROOT } from '../../test/fuzz/corpus.mjs';
import { FULL_LIMITS, QUICK_LIMITS } from '../../test/fuzz/mutations.mjs';
import { describeCase, loadLint, runCase, warmUp } from '../../test/fuzz/runner.mjs';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    cases: { type: 'string', default: '100000' },
    from: { type: 'string', default: '0' },
    budget: { type: 'string', default: '1500' },
    quick: { type: 'boolean' },
    corpus: { type: 'string', multiple: true },
    'no-repo-seeds': { type: 'boolean' },
    out: { type: 'string', default: path.join(ROOT, '.fuzz-out') },
    case: { type: 'string' },
  },
});

const seed = Number(values.seed);
const budgetMs = Number(values.budget);
const limits = values.quick ? QUICK_LIMITS : FULL_LIMITS;
const seeds = loadSeeds([...(values['no-repo-seeds'] ? [] : REPO_SEEDS), ...(values.corpus ?? []).map((d) => path.resolve(d))]);
const env = loadLint();
const warmUpMs = warmUp(env);
console.error(`warm-up: ${warmUpMs.toFixed(0)} ms loading the TypeScript and Python parsers (three tiny files, not counted as cases)`);
/** The budget the lint applies for the case's options: its own when valid, the default otherwise (src/lint/engine/lintOptions.ts). */
const effectiveBudget = (options) => (typeof options.budgetMs === 'number' && Number.isFinite(options.budgetMs) && options.budgetMs > 0 ? options.budgetMs : 5000);

if (values.case !== undefined) {
  const kase = makeCase(seeds, seed, Number(values.case), { budgetMs, limits });
  const run = runCase(env, kase);
  console.log(describeCase(kase, seed));
  console.log(`${run.ms.toFixed(1)} ms (budget ${effectiveBudget(kase.options)})`, run.violations);
  console.log(JSON.stringify(run.result, (k, v) => (k === 'analysis' ? '…' : v), 1).slice(0, 4000));
  process.exit(0);
}

const from = Number(values.from);
const count = Number(values.cases);
const failures = new Map();
const overruns = [];
const slowest = [];
const times = [];
globalThis.gc?.();
const heapAtStart = process.memoryUsage().heapUsed / 2 ** 20;
const heap = [];
let peakHeap = 0;
let failed = 0;
const started = Date.now();
mkdirSync(values.out, { recursive: true });

function record(kase, run) {
  for (const v of run.violations) {
    const key = v.replace(/\d+/g, 'N').slice(0, 160);
    const entry = failures.get(key) ?? { count: 0, example: describeCase(kase, seed), message: v };
    entry.count++;
    failures.set(key, entry);
  }
  if (run.violations.length) {
    failed++;
    if (failed <= 500) writeFileSync(path.join(values.out, `seed${seed}-case${kase.index}.json`), JSON.stringify({ ...kase, violations: run.violations }));
  }
}

for (let i = from; i < from + count; i++) {
  const kase = makeCase(seeds, seed, i, { budgetMs, limits });
  const run = runCase(env, kase);
  times.push(run.ms);
  record(kase, run);
  const budget = effectiveBudget(kase.options);
  if (run.ms > 2 * budget) overruns.push({ ms: run.ms, budget, what: describeCase(kase, seed) });
  if (slowest.length < 10 || run.ms > slowest[slowest.length - 1].ms) {
    slowest.push({ ms: run.ms, what: describeCase(kase, seed) });
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.length = Math.min(slowest.length, 10);
  }
  const used = process.memoryUsage().heapUsed;
  peakHeap = Math.max(peakHeap, used);
  const done = i - from + 1;
  if (done % Math.max(1, Math.floor(count / 20)) === 0 || done === count) {
    globalThis.gc?.();
    heap.push({ cases: done, heapMB: process.memoryUsage().heapUsed / 2 ** 20 });
    const s = ((Date.now() - started) / 1000).toFixed(0);
    console.error(`${done}/${count} cases, ${s} s, ${failed} failing, ${overruns.length} over budget, heap ${heap[heap.length - 1].heapMB.toFixed(0)} MB`);
  }
}

const sorted = [...times].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
console.log(`\nfuzz: seed ${seed}, cases ${from}..${from + count - 1}, ${seeds.length} seed files, budget ${budgetMs} ms, ${values.quick ? 'quick' : 'full'} limits`);
console.log(`warm-up before timing (loading the parsers, not a case's work): ${warmUpMs.toFixed(0)} ms`);
console.log(`time per case: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`failing cases: ${failed} (internal errors: ${[...failures.values()].filter((f) => f.message.startsWith('internal error') || f.message.startsWith('lint threw')).reduce((n, f) => n + f.count, 0)})`);
for (const [, f] of [...failures].sort((a, b) => b[1].count - a[1].count)) console.log(`  ${f.count}× ${f.message.slice(0, 200)}\n      e.g. ${f.example}`);
console.log(`over twice the budget: ${overruns.length}`);
for (const o of overruns.slice(0, 20)) console.log(`  ${o.ms.toFixed(0)} ms (budget ${o.budget}): ${o.what}`);
console.log('slowest:');
for (const s of slowest) console.log(`  ${s.ms.toFixed(0)} ms: ${s.what}`);
console.log(`heap: peak ${(peakHeap / 2 ** 20).toFixed(0)} MB; after GC: at start ${heapAtStart.toFixed(0)}, ${heap.map((h) => `${h.cases}: ${h.heapMB.toFixed(0)}`).join(', ')} MB${globalThis.gc ? '' : ' (run with --expose-gc for heap after GC)'}`);
if (globalThis.gc) {
  env.lint.clearCaches();
  globalThis.gc();
  console.log(`heap after clearing the lint's caches (analyses, parsed files, parsed expressions): ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
}
process.exitCode = failed || overruns.length ? 1 : 0;
