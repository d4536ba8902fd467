// The fuzz run through the language server: the cases of `npm run fuzz` (same seeds, same mutations) opened in the
// real server over stdio, each followed by what an editor sends while someone types and by hostile protocol input
// (test/fuzz/lspCase.mjs). Reports every request left unanswered, the server's exits and stderr output, answers
// out of the text (grouped by message, with the case that reproduces each), time percentiles per request kind and
// the server's peak resident memory. The server is restarted every --restart cases, alternating the client's
// capabilities (eager or lazily resolved "Fix all", pushed or pulled settings).
//
//   npm run fuzz:lsp -- [--seed N] [--cases N] [--from N] [--budget MS] [--quick] [--corpus DIR]...
//        [--no-repo-seeds] [--restart N] [--timeout MS] [--out DIR] [--case N] [--replay FILE]
//
// --case N (with the same --seed, --corpus and --restart) runs one case in a fresh server and prints what it found;
// --replay runs a failing case as written to --out (its input is kept there, so a corpus that grew since the run
// does not change it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeCase } from '../../test/fuzz/cases.mjs';
import { loadSeeds, REPO_SEEDS, ROOT } from '../../test/fuzz/corpus.mjs';
import { runLspCase } from '../../test/fuzz/lspCase.mjs';
import { LspFuzzSession } from '../../test/fuzz/lspSession.mjs';
import { FULL_LIMITS, QUICK_LIMITS } from '../../test/fuzz/mutations.mjs';
import { describeCase } from '../../test/fuzz/runner.mjs';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    cases: { type: 'string', default: '1000' },
    from: { type: 'string', default: '0' },
    budget: { type: 'string', default: '1500' },
    quick: { type: 'boolean' },
    corpus: { type: 'string', multiple: true },
    'no-repo-seeds': { type: 'boolean' },
    restart: { type: 'string', default: '500' },
    timeout: { type: 'string', default: '30000' },
    out: { type: 'string', default: path.join(ROOT, '.fuzz-out', 'lsp') },
    case: { type: 'string' },
    replay: { type: 'string' },
  },
});

const seed = Number(values.seed);
const budgetMs = Number(values.budget);
const restart = Math.max(1, Number(values.restart));
const limits = values.quick ? QUICK_LIMITS : FULL_LIMITS;
const seeds = loadSeeds([...(values['no-repo-seeds'] ? [] : REPO_SEEDS), ...(values.corpus ?? []).map((d) => path.resolve(d))]);
/** The client of the server that runs case `index`: odd segments resolve "Fix all" lazily and pull their settings. */
const clientFor = (index) => ({ timeoutMs: Number(values.timeout), lazyFixAll: Math.floor(index / restart) % 2 === 1, pullsConfiguration: Math.floor(index / restart) % 2 === 1 });

if (values.case !== undefined || values.replay !== undefined) {
  const kase = values.replay ? JSON.parse(readFileSync(values.replay, 'utf8')) : makeCase(seeds, seed, Number(values.case), { budgetMs, limits });
  const index = kase.index;
  const session = await new LspFuzzSession(clientFor(index)).start();
  const run = await runLspCase(session, kase, seed);
  console.log(describeCase(kase, seed));
  console.log(`client ${JSON.stringify(clientFor(index))}; ${run.ms.toFixed(0)} ms`);
  console.log(run.violations.length ? run.violations.join('\n') : 'no violations');
  await session.stop();
  process.exit(0);
}

const from = Number(values.from);
const count = Number(values.cases);
const failures = new Map();
const times = new Map();
const caseTimes = [];
const exits = [];
let peakRss = 0;
let failed = 0;
const started = Date.now();
mkdirSync(values.out, { recursive: true });

function record(kase, violations) {
  for (const v of violations) {
    const key = v.replace(/file:\/\/\S+|vscode-notebook-cell:\S+/g, '<uri>').replace(/\d+/g, 'N').slice(0, 160);
    const entry = failures.get(key) ?? { count: 0, example: describeCase(kase, seed), message: v };
    entry.count++;
    failures.set(key, entry);
  }
  if (violations.length) {
    failed++;
    if (failed <= 500) writeFileSync(path.join(values.out, `seed${seed}-case${kase.index}.json`), JSON.stringify({ ...kase, violations }));
  }
}

async function finish(session) {
  if (!session) return;
  peakRss = Math.max(peakRss, session.connection.peakRssMB() ?? 0);
  for (const [kind, list] of session.connection.times) times.set(kind, [...(times.get(kind) ?? []), ...list]);
  const exit = await session.stop();
  if (exit?.code !== 0) exits.push(`server of cases up to ${lastCase} ended with ${JSON.stringify(exit)}`);
}

let session;
let lastCase = from;
for (let i = from; i < from + count; i++) {
  if (!session || !session.alive || (i % restart === 0 && i !== from)) {
    await finish(session);
    session = await new LspFuzzSession(clientFor(i)).start();
  }
  lastCase = i;
  const kase = makeCase(seeds, seed, i, { budgetMs, limits });
  const run = await runLspCase(session, kase, seed);
  caseTimes.push(run.ms);
  record(kase, run.violations);
  const done = i - from + 1;
  if (done % Math.max(1, Math.floor(count / 20)) === 0 || done === count) {
    const rss = session.connection.peakRssMB();
    console.error(`${done}/${count} cases, ${((Date.now() - started) / 1000).toFixed(0)} s, ${failed} failing, server peak RSS ${rss?.toFixed(0) ?? '?'} MB`);
  }
}
await finish(session);

const percentiles = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `p50 ${at(50).toFixed(1)} ms, p90 ${at(90).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (${sorted.length})`;
};
console.log(`\nfuzz:lsp: seed ${seed}, cases ${from}..${from + count - 1}, ${seeds.length} seed files, budget ${budgetMs} ms, ${values.quick ? 'quick' : 'full'} limits, server restarted every ${restart} cases`);
console.log(`time per case: ${percentiles(caseTimes)}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log('time per request kind:');
for (const [kind, list] of [...times].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${kind}: ${percentiles(list)}`);
console.log(`server peak RSS (VmHWM): ${peakRss ? `${peakRss.toFixed(0)} MB` : 'unknown (no /proc)'}`);
console.log(`failing cases: ${failed}`);
for (const [, f] of [...failures].sort((a, b) => b[1].count - a[1].count)) console.log(`  ${f.count}× ${f.message.slice(0, 240)}\n      e.g. ${f.example}`);
for (const e of exits) console.log(`  ${e}`);
if (failures.size) console.log(`replay one: node scripts/fuzz/lsp.mjs --seed ${seed} ${values.quick ? '--quick ' : ''}${(values.corpus ?? []).map((c) => `--corpus ${c} `).join('')}--restart ${restart} --case N`);
process.exitCode = failed || exits.length ? 1 : 0;
