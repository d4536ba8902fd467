// Every diagnostic the lint gives on the cached files of a corpus's label sets, one line each, to compare two builds
// of the lint on real code (diff the outputs: what a change gained and lost, labelled or not).
//
//   node scripts/corpus/diagnostics.mjs [--corpus tfjs] [--dist DIR] [--cache DIR] > before.txt
//
// --dist names another build's dist folder (a copy of dist/ made before a change); files are linted with the other
// cached files of their repository as the project, as score.mjs does. Files not in the cache are left out.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedProject, repoDir as repoDirIn } from './cachedProject.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const corpus = option('--corpus', 'tfjs');
const dist = path.resolve(option('--dist', path.join(root, 'dist')));
const cacheRoot = path.join(option('--cache', process.env.LOSS_LENS_CORPUS_CACHE ?? path.join(os.homedir(), '.cache/loss-lens/corpus')), corpus);
const lint = createRequire(import.meta.url)(path.join(dist, 'lint.cjs'));

const repoDir = (f) => repoDirIn(cacheRoot, f.repo, f.index);
const projectOf = cachedProject;

const labelDir = path.join(root, 'test/corpus', corpus);
const seen = new Set();
const projects = new Map();
for (const name of readdirSync(labelDir).filter((n) => n.endsWith('.json')).sort()) {
  for (const f of JSON.parse(readFileSync(path.join(labelDir, name), 'utf8')).files) {
    const abs = path.join(repoDir(f), f.path);
    if (seen.has(abs) || !existsSync(abs)) continue;
    seen.add(abs);
    const text = readFileSync(abs, 'utf8');
    if (f.sha256 && createHash('sha256').update(text, 'utf8').digest('hex') !== f.sha256) continue;
    const dir = repoDir(f);
    if (!projects.has(dir)) projects.set(dir, projectOf(dir));
    const result = lint.lintText(text, abs, { project: projects.get(dir), budgetMs: 60_000 });
    const where = path.relative(cacheRoot, abs);
    for (const d of result.diagnostics) console.log(`${where}${d.cell !== undefined ? ` cell ${d.cell}` : ''}:${d.line} ${d.code} ${d.message}`);
    if (result.internalError) console.log(`${where}: internal error ${result.internalError}`);
  }
}
