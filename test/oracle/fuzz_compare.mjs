// Compares the core with the fuzzer's oracle (kink_fuzz.py): derivatives at sample points and at every smooth
// switch point, and kinks (recall over the oracle's kinks, spurious ones at points that are not kinks).
// `node test/oracle/fuzz_compare.mjs FILE.json` prints the figures; test/unit/core-fuzz-oracle.test.mjs asserts them.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Relative agreement with an absolute floor scaled to the case's own magnitudes (its derivatives, and its values
 * per unit of p), for where the derivative is a near-cancellation: (p / p)' computed as 1/p - p/p^2 is 1e-16, not 0.
 */
function agrees(ours, truth, scale) {
  if (!Number.isFinite(ours)) return false;
  return Math.abs(ours - truth) <= 1e-6 * Math.abs(truth) + 1e-9 * scale;
}

const sameX = (a, b) => Math.abs(a - b) <= 1e-7 * (1 + Math.abs(b));

/** Runs the core on every case of `data` (the oracle's JSON) and tallies the comparison. */
export function compareAll(data, core = require(path.join(root, 'dist/core.cjs')), mathjs = require('mathjs')) {
  const results = data.cases.map((c) => compareCase(c, core, mathjs));
  return { results, summary: summarise(results) };
}

export function compareCase(c, core, mathjs) {
  const out = { id: c.id, family: c.family, expression: c.expression, derivative: [], missed: [], spurious: [], trueKinks: 0, found: 0, checked: 0 };
  let analysis;
  try {
    analysis = core.analyze(c.expression, { wrt: 'p', set: c.set, ...(c.domain ? { domain: c.domain } : {}) });
  } catch (err) {
    out.error = err.message;
    return out;
  }
  const { variables, gradient } = core.evaluators(analysis);
  const at = (x) => gradient(variables.map((v) => (v === 'p' ? x : c.set[v])));
  const scale = Math.max(
    ...c.samples.map((s) => Math.abs(s.derivative)),
    ...c.samples.map((s) => Math.abs(s.value) / (1 + Math.abs(s.x))),
    ...c.switches.filter((s) => s.kind === 'smooth').map((s) => Math.abs(s.derivative)),
    1e-300,
  );
  const compiled = mathjs.compile(analysis.derivative);
  for (const [i, s] of c.samples.entries()) {
    const ours = at(s.x);
    out.checked++;
    if (!agrees(ours, s.derivative, scale)) out.derivative.push({ x: s.x, ours, truth: s.derivative, where: 'sample' });
    if (i < 2 && Number.isFinite(ours)) {
      const printed = Number(compiled.evaluate({ ...c.set, p: s.x }));
      if (!(Math.abs(printed - ours) <= 1e-9 * (1 + Math.abs(ours)))) out.derivative.push({ x: s.x, ours, printed, where: 'printed derivative' });
    }
  }
  for (const s of c.switches) {
    if (s.kind !== 'smooth') continue;
    const ours = at(s.x);
    out.checked++;
    const near = (truth) => agrees(ours, truth, scale) || Math.abs(ours - truth) <= 2 * (s.spread ?? 0);
    if (!near(s.derivativeAtDouble) && !near(s.derivative)) out.derivative.push({ x: s.x, ours, truth: s.derivative, where: 'switch point' });
  }
  let reported;
  let inRange = () => true;
  if (c.domain) {
    reported = analysis.kinks.map((k) => k.value);
  } else {
    const plot = core.plotData(analysis, { values: c.set });
    inRange = (x) => x >= plot.range.lo && x <= plot.range.hi;
    reported = [...plot.kinks, ...analysis.kinks.map((k) => k.value).filter((v) => v !== null && inRange(v))];
  }
  const truthKinks = c.switches.filter((s) => (s.kind === 'kink' || s.kind === 'jump') && inRange(s.x));
  out.trueKinks = truthKinks.length;
  for (const t of truthKinks) {
    if (reported.some((v) => v !== null && sameX(v, t.x))) out.found++;
    else out.missed.push(t.x);
  }
  for (const v of reported) {
    if (v === null) {
      out.spurious.push('a kink without a value');
      continue;
    }
    const match = c.switches.find((s) => sameX(v, s.x));
    if (!match || match.kind === 'smooth') out.spurious.push(v);
  }
  out.spurious = [...new Set(out.spurious)];
  return out;
}

export function summarise(results) {
  const sum = (f) => results.reduce((a, r) => a + f(r), 0);
  const trueKinks = sum((r) => r.trueKinks);
  const found = sum((r) => r.found);
  const spurious = sum((r) => r.spurious.length);
  const families = {};
  for (const r of results) {
    const f = (families[r.family] ??= { cases: 0, derivativeWrong: 0, trueKinks: 0, found: 0, spurious: 0, errors: 0 });
    f.cases++;
    f.derivativeWrong += r.derivative.length > 0 ? 1 : 0;
    f.trueKinks += r.trueKinks;
    f.found += r.found;
    f.spurious += r.spurious.length;
    f.errors += r.error ? 1 : 0;
  }
  return {
    cases: results.length,
    errors: sum((r) => (r.error ? 1 : 0)),
    derivativeWrongCases: sum((r) => (r.derivative.length > 0 ? 1 : 0)),
    derivativeWrongPoints: sum((r) => r.derivative.length),
    checkedPoints: sum((r) => r.checked),
    trueKinks,
    found,
    recall: trueKinks ? found / trueKinks : 1,
    spurious,
    families,
  };
}

export function report({ results, summary }, limit = 15) {
  const lines = [];
  const pct = (a, b) => `${((100 * a) / Math.max(b, 1)).toFixed(2)} %`;
  lines.push(`cases ${summary.cases}, analysis errors ${summary.errors}`);
  lines.push(`derivative wrong in ${summary.derivativeWrongCases} cases (${pct(summary.derivativeWrongCases, summary.cases)}), at ${summary.derivativeWrongPoints} of ${summary.checkedPoints} points`);
  lines.push(`kinks: ${summary.found} of ${summary.trueKinks} found (recall ${summary.recall.toFixed(4)}), ${summary.spurious} spurious`);
  for (const [name, f] of Object.entries(summary.families).sort()) {
    lines.push(`  ${name.padEnd(22)} cases ${String(f.cases).padStart(5)}  derivative wrong ${String(f.derivativeWrong).padStart(4)}  kinks ${f.found}/${f.trueKinks}  spurious ${f.spurious}  errors ${f.errors}`);
  }
  const bad = results.filter((r) => r.error || r.derivative.length || r.missed.length || r.spurious.length);
  for (const r of bad.slice(0, limit)) {
    const parts = [];
    if (r.error) parts.push(`error: ${r.error}`);
    if (r.derivative.length) parts.push(`derivative ${JSON.stringify(r.derivative.slice(0, 2))}`);
    if (r.missed.length) parts.push(`missed ${JSON.stringify(r.missed.slice(0, 4))}`);
    if (r.spurious.length) parts.push(`spurious ${JSON.stringify(r.spurious.slice(0, 4))}`);
    lines.push(`- [${r.family}] ${r.expression}: ${parts.join('; ')}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node test/oracle/fuzz_compare.mjs ORACLE.json [--show N]');
    process.exit(2);
  }
  const show = process.argv.includes('--show') ? Number(process.argv[process.argv.indexOf('--show') + 1]) : 15;
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const started = Date.now();
  const compared = compareAll(data);
  console.log(report(compared, show));
  console.log(`compared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
