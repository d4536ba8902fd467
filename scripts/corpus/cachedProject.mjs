// The cached files of one repository (or index hit) of a corpus, as the project the lint may follow imports into:
// shared by score.mjs and diagnostics.mjs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where a labelled file's repository (or index hit) is cached under a corpus's cache folder. */
export function repoDir(cacheRoot, repo, index) {
  return repo ? path.join(cacheRoot, repo.replace('/', '__')) : path.join(cacheRoot, 'index', String(index));
}

/** Every cached file under `dir` (below 2 MB), as the lint's ProjectFiles. */
export function cachedProject(dir) {
  const files = new Map();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).size < 2_000_000) files.set(p, readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return {
    readFile: (p) => files.get(path.resolve(p)),
    version: (p) => files.get(path.resolve(p))?.length,
    listDirectory: (d) => [...files.keys()].filter((p) => path.dirname(p) === path.resolve(d)),
    listFolders: (d) => [...new Set([...files.keys()].map((p) => path.relative(path.resolve(d), p).split(path.sep)).filter((parts) => parts.length > 1 && parts[0] !== '..').map((parts) => path.join(path.resolve(d), parts[0])))],
  };
}
