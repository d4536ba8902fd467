// Scores the lint against a labelled corpus of real code (test/corpus/<corpus>/labels.json; see
// test/corpus/README.md): lints every labelled file with the other cached files of its repository as the
// project, matches diagnostics to labels per (file, cell, code, line), and prints true/false positives and
// negatives, precision and recall per code, then every miss and false alarm with the label's note.
//
//   node scripts/corpus/score.mjs tfjs|python [--labels FILE] [--cache DIR] [--dist DIR] [--json] [--code CODE] [--quiet]
//
// --dist names another build's dist folder (a copy of dist/ kept from an earlier commit), to score a new labelled
// set blind against the build it was labelled beside. Needs `npm run build` (dist/lint.cjs). Files missing from the cache or changed since labelling are reported
// and left out of the score, never counted as silence.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedProject, repoDir as repoDirIn } from './cachedProject.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const args = { corpus: undefined, labels: undefined, cache: undefined, dist: undefined, json: false, code: undefined, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--labels') args.labels = argv[++i];
    else if (a === '--cache') args.cache = argv[++i];
    else if (a === '--dist') args.dist = argv[++i];
    else if (a === '--json') args.json = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--code') args.code = argv[++i];
    else if (!a.startsWith('-') && !args.corpus) args.corpus = a;
    else {
      console.error(`score: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!args.corpus) {
    console.error('usage: node scripts/corpus/score.mjs tfjs|python [--labels FILE] [--cache DIR] [--dist DIR] [--json] [--code CODE] [--quiet]');
    process.exit(2);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const labelsFile = args.labels ?? path.join(root, 'test/corpus', args.corpus, 'labels.json');
const cacheRoot = path.join(args.cache ?? process.env.LOSS_LENS_CORPUS_CACHE ?? path.join(os.homedir(), '.cache/loss-lens/corpus'), args.corpus);
const lintPath = path.join(path.resolve(args.dist ?? path.join(root, 'dist')), 'lint.cjs');
if (!existsSync(lintPath)) {
  console.error(`score: ${lintPath} does not exist (run \`npm run build\`, or name a copied dist folder with --dist)`);
  process.exit(2);
}
const lint = require(lintPath);
const corpus = JSON.parse(readFileSync(labelsFile, 'utf8'));

const repoDir = (repo, index) => repoDirIn(cacheRoot, repo, index);
const projectOf = (repo, index) => cachedProject(repoDir(repo, index));

const codesOf = new Set();
const tally = new Map();
const count = (code) => {
  if (!tally.has(code)) tally.set(code, { tp: 0, fp: 0, fn: 0 });
  return tally.get(code);
};
const misses = [];
const alarms = [];
const skipped = [];
const errors = [];
let linted = 0;

const projects = new Map();
for (const file of corpus.files) {
  const abs = path.join(repoDir(file.repo, file.index), file.path);
  const where = file.repo ? `${file.repo}/${file.path}` : `index ${file.index} (${file.path})`;
  if (!existsSync(abs)) {
    skipped.push(`${where}: not in the cache (${abs})`);
    continue;
  }
  const text = readFileSync(abs, 'utf8');
  const sha = createHash('sha256').update(text, 'utf8').digest('hex');
  if (file.sha256 && sha !== file.sha256) {
    skipped.push(`${where}: the cached text differs from the labelled one (sha256 ${sha.slice(0, 12)} ≠ ${file.sha256.slice(0, 12)})`);
    continue;
  }
  const projectKey = file.repo ?? `index:${file.index}`;
  if (!projects.has(projectKey)) projects.set(projectKey, projectOf(file.repo, file.index));
  // A generous budget: the score measures what the lint finds, not how fast this machine is today.
  const result = lint.lintText(text, abs, { project: projects.get(projectKey), budgetMs: 60_000 });
  linted++;
  if (result.internalError) errors.push(`${where}: internal error: ${result.internalError}`);
  const complete = new Set(file.complete ?? []);
  const key = (cell, code, line) => `${cell ?? ''}|${code}|${line}`;
  const labelled = new Map();
  for (const s of file.sites) {
    codesOf.add(s.code);
    if (!s.expect) continue;
    const lines = s.lines ?? [s.line, s.line];
    const k = `${s.cell ?? ''}|${s.code}|${lines[0]}|${lines[1]}`;
    if (!labelled.has(k)) labelled.set(k, { label: s, lines, cell: s.cell, count: 0, hits: 0 });
    labelled.get(k).count++;
  }
  const negatives = new Map(file.sites.filter((s) => !s.expect).map((s) => [key(s.cell, s.code, s.line), s]));
  const relevant = result.diagnostics.filter((d) => !args.code || d.code === args.code);
  for (const d of relevant) {
    const slot = [...labelled.values()].find((l) => l.label.code === d.code && (l.cell ?? null) === (d.cell ?? null) && d.line >= l.lines[0] && d.line <= l.lines[1] && l.hits < l.count);
    if (slot) {
      slot.hits++;
      count(d.code).tp++;
    } else if (complete.has(d.code) || negatives.has(key(d.cell, d.code, d.line))) {
      count(d.code).fp++;
      const neg = negatives.get(key(d.cell, d.code, d.line));
      alarms.push({ file: where, cell: d.cell, line: d.line, code: d.code, message: d.message, note: neg?.why });
    }
  }
  for (const l of labelled.values()) {
    if (args.code && l.label.code !== args.code) continue;
    const missed = l.count - l.hits;
    if (missed <= 0) continue;
    count(l.label.code).fn += missed;
    misses.push({ file: where, cell: l.cell, line: l.lines[0], code: l.label.code, count: missed, note: l.label.why });
  }
}

const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, t]) => ({
  code,
  ...t,
  precision: t.tp + t.fp ? t.tp / (t.tp + t.fp) : null,
  recall: t.tp + t.fn ? t.tp / (t.tp + t.fn) : null,
}));

if (args.json) {
  console.log(JSON.stringify({ corpus: args.corpus, files: corpus.files.length, linted, skipped, errors, rows, misses, alarms }, null, 2));
} else {
  const fmt = (x) => (x === null ? '  -  ' : x.toFixed(2));
  console.log(`${args.corpus}: ${linted} of ${corpus.files.length} labelled files linted${skipped.length ? `, ${skipped.length} skipped` : ''}`);
  console.log('code                  TP   FP   FN  precision  recall');
  for (const r of rows) console.log(`${r.code.padEnd(20)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)}     ${fmt(r.precision)}    ${fmt(r.recall)}`);
  if (!args.quiet) {
    const cell = (x) => (x.cell !== undefined ? ` cell ${x.cell}` : '');
    if (misses.length) console.log(`\nmissed (${misses.length}):`);
    for (const m of misses) console.log(`  ${m.code} ${m.file}${cell(m)}:${m.line}${m.count > 1 ? ` ×${m.count}` : ''}  — ${m.note ?? ''}`);
    if (alarms.length) console.log(`\nfalse alarms (${alarms.length}):`);
    for (const a of alarms) console.log(`  ${a.code} ${a.file}${cell(a)}:${a.line}  ${a.note ? `— label: ${a.note}` : `— ${a.message.slice(0, 140)}`}`);
  }
  for (const s of skipped) console.log(`skipped: ${s}`);
  for (const e of errors) console.log(`error: ${e}`);
}
