// The seed files the fuzzer mutates: real TF.js, Python and notebook sources. The repository's own fixtures and
// examples by default; the large run can add folders (the cached corpus of public repositories).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_SEEDS = ['test/fixtures/lint', 'test/fixtures/lint-python', 'examples'].map((d) => path.join(ROOT, d));

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|ipynb)$/;
const MAX_SEED = 400_000;

/** Every source file under `dirs`, sorted so that a seed and a case number always name the same file. */
export function loadSeeds(dirs = REPO_SEEDS) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      } else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts') && statSync(p).size <= MAX_SEED) {
        files.push({ path: p, text: readFileSync(p, 'utf8') });
      }
    }
  };
  for (const d of dirs) walk(d);
  return files;
}

export function languageOf(file) {
  if (/\.ipynb$/.test(file)) return 'notebook';
  if (/\.pyi?$/.test(file)) return 'python';
  return 'typescript';
}
