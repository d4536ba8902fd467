// Times lintText (run `node build.mjs` first) on a generated 10,000-line TypeScript file against TypeScript's
// own parse of the same file (ts.createSourceFile without parent pointers), and per file over the lint fixtures.
// lintText parses without JSDoc (it reads @loss tags from the text), so the ratio is given against both the
// default parse and the same JSDoc-free parse. "warm" keeps the analysis cache between runs, as the editor does while a file is
// edited; "cold" clears it before every run, as the first lint of a file sees it.
// Run directly (`node bench/lint.mjs`) to print the table.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { round, stats, time } from './stats.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lint = require(path.join(root, 'dist/lint.cjs'));
const ts = require('typescript');

const RUNS = 15;
const TARGET_LINES = 10_000;




/** Ordinary application code: interfaces, a class, data helpers (about 50 lines). */
function plainBlock(i) {
  return `export interface Record${i} {
  id: number;
  label: string;
  values: number[];
  createdAt: Date;
  tags?: string[];
}

export class Store${i} {
  private readonly rows = new Map<number, Record${i}>();

  add(row: Record${i}): void {
    if (this.rows.has(row.id)) throw new Error(\`duplicate id \${row.id}\`);
    this.rows.set(row.id, { ...row, tags: row.tags ?? [] });
  }

  byTag(tag: string): Record${i}[] {
    return [...this.rows.values()].filter((r) => r.tags?.includes(tag));
  }

  summary(): { count: number; mean: number } {
    const all = [...this.rows.values()].flatMap((r) => r.values);
    const mean = all.reduce((a, b) => a + b, 0) / Math.max(all.length, 1);
    return { count: this.rows.size, mean };
  }
}

export function normalise${i}(values: number[], scale = ${(i % 7) + 1}): number[] {
  const max = Math.max(...values.map(Math.abs), 1e-9);
  return values.map((v) => Math.round((v / max) * scale * 1000) / 1000);
}

export async function load${i}(url: string): Promise<Record${i}[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`\${url}: \${response.status}\`);
  const body = (await response.json()) as Record${i}[];
  return body.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

export function chunk${i}<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}
`;
}

/** A model with a custom loss (about 30 lines); each block's constants differ, so each loss is a new expression. */
function modelBlock(i) {
  return `export function weightedLoss${i}(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7);
    const pos = tf.mul(${(i % 5) + 1.5}, tf.mul(yTrue, tf.log(p)));
    const neg = tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p)));
    return tf.neg(tf.mean(tf.add(pos, neg)));
  });
}

export function buildModel${i}(features: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: ${16 + i}, activation: 'relu', inputShape: [features] }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: weightedLoss${i}, metrics: ['accuracy'] });
  return model;
}

export async function train${i}(xs: tf.Tensor2D, ys: tf.Tensor2D): Promise<tf.History> {
  const model = buildModel${i}(xs.shape[1]);
  return model.fit(xs, ys, { epochs: 10, batchSize: 32, validationSplit: 0.1 });
}

export function regressor${i}(): tf.Sequential {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 32, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return m;
}
`;
}

/** The generated file: plain code with a model block every ~1000 lines; returns the text and its line count. */
export function generatedSource(lines = TARGET_LINES) {
  const parts = ["import * as tf from '@tensorflow/tfjs';\n\n"];
  let count = 2;
  for (let i = 0; count < lines; i++) {
    const block = i % 20 === 10 ? modelBlock(i) : plainBlock(i);
    const n = block.split('\n').length - 1;
    if (count + n > lines) break;
    parts.push(block);
    count += n;
  }
  while (count < lines) {
    parts.push(`export const filler${count} = ${count};\n`);
    count++;
  }
  return { text: parts.join(''), lines: count };
}

function fixtureFiles() {
  const dir = path.join(root, 'test/fixtures/lint');
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js)$/.test(e.name)) out.push({ file: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

export async function benchLint() {
  const { text, lines } = generatedSource();
  const name = 'generated.ts';
  const first = time(() => lint.lintText(text, name));
  const sites = lint.lintText(text, name).sites.length;
  const parse = [];
  const parseNoJsDoc = [];
  const warm = [];
  const cold = [];
  const noJsDoc = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  for (let i = 0; i < RUNS; i++) {
    parse.push(time(() => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false)));
    parseNoJsDoc.push(time(() => ts.createSourceFile(name, text, noJsDoc, false)));
    lint.clearParsedFiles();
    warm.push(time(() => lint.lintText(text, name)));
    lint.clearCaches();
    cold.push(time(() => lint.lintText(text, name)));
  }
  const p = stats(parse);
  const pn = stats(parseNoJsDoc);
  const w = stats(warm);
  const c = stats(cold);
  const rows = [
    { case: `ts.createSourceFile, ${lines} lines`, medianMs: p.median, p95Ms: p.p95, ratioToParse: 1, ratioToSameParse: null, note: 'the baseline: the default parse' },
    { case: `ts.createSourceFile without JSDoc, ${lines} lines`, medianMs: pn.median, p95Ms: pn.p95, ratioToParse: round(pn.median / p.median), ratioToSameParse: 1, note: 'the parse lintText does' },
    { case: `lintText warm, ${lines} lines, ${sites} loss sites`, medianMs: w.median, p95Ms: w.p95, ratioToParse: round(w.median / p.median), ratioToSameParse: round(w.median / pn.median), note: 'analysis cache kept, text parsed again (re-lint while editing); aim ≤ 1.5' },
    { case: `lintText cold, ${lines} lines, ${sites} loss sites`, medianMs: c.median, p95Ms: c.p95, ratioToParse: round(c.median / p.median), ratioToSameParse: round(c.median / pn.median), note: `analysis and parse caches cleared each run; the very first lint in the process took ${round(first)} ms (loads TypeScript)` },
  ];
  const files = fixtureFiles();
  const perFile = [];
  for (const f of files) {
    lint.lintText(f.text, f.file);
    const t = [];
    for (let i = 0; i < 5; i++) {
      lint.clearParsedFiles();
      t.push(time(() => lint.lintText(f.text, f.file)));
    }
    perFile.push(stats(t).median);
  }
  const coldFiles = files.map((f) => {
    lint.clearCaches();
    return time(() => lint.lintText(f.text, f.file));
  });
  const pf = stats(perFile);
  const cf = stats(coldFiles);
  rows.push({ case: `fixtures, per file (${files.length} files), warm`, medianMs: pf.median, p95Ms: pf.p95, ratioToParse: null, ratioToSameParse: null, note: `slowest ${round(Math.max(...perFile))} ms` });
  rows.push({ case: `fixtures, per file (${files.length} files), cold`, medianMs: cf.median, p95Ms: cf.p95, ratioToParse: null, ratioToSameParse: null, note: `slowest ${round(Math.max(...coldFiles))} ms` });
  return { rows };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const { rows } = await benchLint();
  console.table(rows);
}
