// `npm run bench`: every benchmark in one run, so each figure has its baseline measured on the same machine
// at the same time (these machines are noisy). Medians and p95 in ms; ratios to the baseline named in each table.
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

const sections = [
  ['Core analysis vs mathjs and SymPy (catalog losses)', './core.mjs', 'benchCore'],
  ['Lint vs TypeScript parse', './lint.mjs', 'benchLint'],
  ['A 2,500-file repository and the first diagnostics of a cold process', './lintProject.mjs', 'benchLintProject'],
  ['Python lint vs @lezer/python parse', './lintPython.mjs', 'benchLintPython'],
  ['Hostile input: a fuzz sample and the slowest shapes vs their parser', './hostile.mjs', 'benchHostile'],
  ['Hover Markdown', './hover.mjs', 'benchHover'],
  ['Preview page in Chromium', './preview.mjs', 'benchPreview'],
  ['Extension activation', './activation.mjs', 'benchActivation'],
  ['Language server (loss-lens lsp --stdio)', './lsp.mjs', 'benchLsp'],
];

function sizes() {
  const rows = [];
  const dist = path.join(root, 'dist');
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(c?js|css)$/.test(f)) rows.push({ file: path.relative(root, p), kB: Math.round(statSync(p).size / 1024) });
    }
  };
  if (existsSync(dist)) walk(dist);
  for (const f of readdirSync(root).filter((x) => x.endsWith('.vsix'))) rows.push({ file: f, kB: Math.round(statSync(path.join(root, f)).size / 1024) });
  return rows;
}

function print(result) {
  if (Array.isArray(result)) return console.table(result);
  if (result?.rows) console.table(result.rows);
  const rest = { ...result };
  delete rest.rows;
  if (Object.keys(rest).length) console.log(rest);
}

for (const [title, file, fn] of sections) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  if (!existsSync(path.join(root, 'bench', file))) continue;
  console.log(`\n## ${title}`);
  try {
    const mod = await import(file);
    print(await mod[fn]());
  } catch (err) {
    console.log(`(skipped: ${err?.message ?? err})`);
  }
}
if (!only.length || only.includes('sizes')) {
  console.log('\n## Bundle and package sizes');
  console.table(sizes());
}
