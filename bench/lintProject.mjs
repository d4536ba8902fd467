// Issue 8's speed targets, each against a baseline measured in the same run:
// - a repository of 2,500 TypeScript files whose models, losses and training code import each other, linted file by
//   file with the project (imports followed, as the CLI does), against TypeScript's own parse of every file;
// - the first diagnostics of a cold process (require the lint, lint one file with a model and a loss in another
//   file), against a cold process that only requires TypeScript and parses the same file.
// Run directly (`node bench/lintProject.mjs`) to print the table. Needs `node build.mjs` first.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { round, stats } from './stats.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = 2_500;
const COLD_RUNS = 7;

/** One feature of a project: a model builder, the losses it trains with, and the training code that joins them. */
export function feature(i) {
  const model = `import * as tf from '@tensorflow/tfjs';

export function build${i}(inputs: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: ${16 + (i % 5) * 8}, activation: 'relu', inputShape: [inputs] }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
`;
  const loss = `import * as tf from '@tensorflow/tfjs';

export function weighted${i}(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7);
  const pos = tf.mul(${(i % 7) + 1.5}, tf.mul(yTrue, tf.log(p)));
  const neg = tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p)));
  return tf.neg(tf.mean(tf.add(pos, neg)));
}
`;
  const train = `import * as tf from '@tensorflow/tfjs';
import { build${i} } from '../models/model${i}';
import { weighted${i} } from '../losses/loss${i}';

export async function train${i}(xs: tf.Tensor2D, ys: tf.Tensor2D): Promise<tf.History> {
  const model = build${i}(xs.shape[1]);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: weighted${i}, metrics: ['accuracy'] });
  return model.fit(xs, ys, { epochs: 10, batchSize: 32 });
}
`;
  const util = `export function chunk${i}<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}

export function mean${i}(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}
`;
  return { [`models/model${i}.ts`]: model, [`losses/loss${i}.ts`]: loss, [`train/train${i}.ts`]: train, [`util/util${i}.ts`]: util };
}

export function writeRepo(dir) {
  for (const sub of ['models', 'losses', 'train', 'util']) mkdirSync(path.join(dir, sub), { recursive: true });
  const files = [];
  for (let i = 0; files.length < FILES; i++) {
    for (const [rel, text] of Object.entries(feature(i))) {
      if (files.length >= FILES) break;
      const p = path.join(dir, rel);
      writeFileSync(p, text);
      files.push({ path: p, text });
    }
  }
  return files;
}

/** Installed packages whose own JavaScript makes a real project: TF.js's packages (models, layers, losses, ops importing each other), then mathjs. */
const REAL_PACKAGES = ['@tensorflow/tfjs-layers', '@tensorflow/tfjs-core', '@tensorflow/tfjs-data', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl', 'mathjs/lib/esm'];
/** Single-file bundles of a whole library (`tf-data.node.js`, `*.min.js`) are not a project's files. */
const MAX_REAL_FILE = 300_000;
const BUNDLE = /^tf-.*\.js$|\.min\.js$/;

function* javascriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* javascriptFiles(p);
    else if (/\.js$/.test(entry.name) && !BUNDLE.test(entry.name) && statSync(p).size <= MAX_REAL_FILE) yield p;
  }
}

/**
 * A real project of FILES files, copied out of node_modules (where the lint does not follow imports) with its
 * folders: TF.js's own compiled packages, whose files import each other and hold real losses, models and training
 * code, filled up with mathjs's.
 */
export function writeRealRepo(dir) {
  const files = [];
  for (const pkg of REAL_PACKAGES) {
    const from = path.join(root, 'node_modules', pkg);
    let entries;
    try {
      entries = javascriptFiles(from);
    } catch {
      continue;
    }
    for (const source of entries) {
      if (files.length >= FILES) return files;
      const p = path.join(dir, pkg, path.relative(from, source));
      mkdirSync(path.dirname(p), { recursive: true });
      const text = readFileSync(source, 'utf8');
      writeFileSync(p, text);
      files.push({ path: p, text });
    }
  }
  return files;
}

/**
 * CPU time (user + system, every thread of the process: the collector's too) since `start`, in ms. The whole-project
 * figures use it rather than the wall clock: on a shared machine other processes stretch the wall clock of
 * both sides unevenly, and a lint that keeps more memory alive pays for it here in collector time.
 */
function cpuMs(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function repoFigures(files) {
  const lint = require(path.join(root, 'dist/lint.cjs'));
  const ts = require('typescript');
  const texts = new Map(files.map((f) => [f.path, f.text]));
  // As the CLI reads a project: files by path, and a folder's listing (for the files that train a model built elsewhere).
  const folders = new Map();
  for (const p of texts.keys()) {
    const d = path.dirname(p);
    if (!folders.has(d)) folders.set(d, []);
    folders.get(d).push(p);
  }
  const subfolders = new Map();
  for (const d of folders.keys()) {
    for (let f = d; path.dirname(f) !== f; f = path.dirname(f)) {
      const parent = path.dirname(f);
      if (!subfolders.has(parent)) subfolders.set(parent, new Set());
      subfolders.get(parent).add(f);
    }
  }
  const listFolders = new Map([...subfolders].map(([d, s]) => [d, [...s]]));
  const project = { readFile: (p) => texts.get(p), version: (p) => texts.get(p)?.length, listDirectory: (d) => folders.get(d), listFolders: (d) => listFolders.get(d) };
  const parse = () => {
    const c0 = process.cpuUsage();
    for (const f of files) ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, false);
    return cpuMs(c0);
  };
  let diagnostics = 0;
  let errors = 0;
  const lintAll = () => {
    lint.clearCaches();
    diagnostics = 0;
    const c0 = process.cpuUsage();
    for (const f of files) {
      const r = lint.lintText(f.text, f.path, { project });
      diagnostics += r.diagnostics.length;
      if (r.internalError) errors++;
    }
    return cpuMs(c0);
  };
  parse();
  lintAll();
  const parseTimes = [];
  const lintTimes = [];
  for (let k = 0; k < 5; k++) {
    parseTimes.push(parse());
    lintTimes.push(lintAll());
  }
  const p = stats(parseTimes, 0).median;
  const l = stats(lintTimes, 0).median;
  return { files: files.length, parseMs: p, lintMs: l, ratio: round(l / p), diagnostics, internalErrors: errors };
}

/** Wall time of a fresh `node -e script`, in ms, median over the runs. */
function coldProcess(script) {
  const times = [];
  for (let k = 0; k < COLD_RUNS; k++) {
    const out = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    times.push(Number(out.trim().split('\n').pop()));
  }
  return stats(times, 0).median;
}

function coldFigures(files) {
  const train = files.find((f) => f.path.includes(`${path.sep}train${path.sep}`));
  const file = JSON.stringify(train.path);
  const start = 'const t0 = performance.now();';
  const parseOnly = `${start} const ts = require('typescript'); const fs = require('fs'); const text = fs.readFileSync(${file}, 'utf8'); ts.createSourceFile(${file}, text, ts.ScriptTarget.Latest, false); console.log(performance.now() - t0);`;
  const firstDiagnostics = `${start} const lint = require(${JSON.stringify(path.join(root, 'dist/lint.cjs'))}); const fs = require('fs'); const project = { readFile: (p) => { try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; } } }; const text = fs.readFileSync(${file}, 'utf8'); const r = lint.lintText(text, ${file}, { project }); if (r.sites.length === 0) throw new Error('no site'); console.log(performance.now() - t0);`;
  const parseMs = coldProcess(parseOnly);
  const lintMs = coldProcess(firstDiagnostics);
  return { parseMs, firstDiagnosticsMs: lintMs, ratio: round(lintMs / parseMs) };
}

export async function benchLintProject() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-bench-repo-'));
  const realDir = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-bench-real-'));
  try {
    const files = writeRepo(dir);
    const repo = repoFigures(files);
    const real = repoFigures(writeRealRepo(realDir));
    const cold = coldFigures(files);
    return {
      rows: [
        { case: `real project: ${real.files} JavaScript files of TF.js's packages and mathjs, imports followed (${real.diagnostics} diagnostics)`, baseline: 'TypeScript parse of every file (CPU ms)', baselineMs: real.parseMs, lintMs: real.lintMs, ratio: real.ratio, target: '≤ 1.5' },
        { case: `generated project: ${repo.files} files, every one a model, a loss, training code or a helper, imports followed`, baseline: 'TypeScript parse of every file (CPU ms)', baselineMs: repo.parseMs, lintMs: repo.lintMs, ratio: repo.ratio, target: '≤ 1.5' },
        { case: 'first diagnostics in a cold process (require + lint one file; V8 code cache from an earlier process)', baseline: 'cold process: require typescript + parse', baselineMs: cold.parseMs, lintMs: cold.firstDiagnosticsMs, ratio: cold.ratio, target: 'lint ≤ 500 ms' },
      ],
      diagnostics: repo.diagnostics + real.diagnostics,
      internalErrors: repo.internalErrors + real.internalErrors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(realDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await benchLintProject();
  console.table(result.rows);
  console.log({ diagnostics: result.diagnostics, internalErrors: result.internalErrors });
}
