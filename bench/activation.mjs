// Activation: loading dist/extension.js and running activate() against the in-memory `vscode` stand-in
// (test/unit/fake-vscode.cjs), each in a fresh Node process, against the baseline of starting that
// process and loading the stand-in alone. Run `node build.mjs` first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { round, stats } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 9;

const probe = (activate) => `
const Module = require('node:module');
const fake = require(${JSON.stringify(path.join(root, 'test/unit/fake-vscode.cjs'))});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? fake : load.call(this, request, ...rest); };
const t0 = performance.now();
${activate ? `const ext = require(${JSON.stringify(path.join(root, 'dist/extension.js'))});
const t1 = performance.now();
ext.activate({ extensionUri: fake.Uri.file(${JSON.stringify(root)}), subscriptions: [] });
const t2 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, activate: t2 - t1, total: t2 - t0 }));
process.exit(0);` : `console.log(JSON.stringify({ total: performance.now() - t0 })); process.exit(0);`}`;

function measure(activate) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ['-e', probe(activate)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr.trim().split('\n').pop());
    runs.push({ ...JSON.parse(r.stdout), process: performance.now() - started });
  }
  return runs;
}

const median = (xs) => stats(xs, 6).median;

export async function benchActivation() {
  const base = measure(false);
  const ext = measure(true);
  return [
    {
      what: 'require(dist/extension.js)',
      medianMs: round(median(ext.map((r) => r.load))),
    },
    { what: 'activate()', medianMs: round(median(ext.map((r) => r.activate))) },
    {
      what: 'whole process with activation',
      medianMs: round(median(ext.map((r) => r.process))),
      ratioToBaseline: round(median(ext.map((r) => r.process)) / median(base.map((r) => r.process))),
    },
    { what: 'baseline: process + vscode stand-in only', medianMs: round(median(base.map((r) => r.process))) },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.table(await benchActivation());
