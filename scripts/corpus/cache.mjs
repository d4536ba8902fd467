// Rebuilds the corpus cache (~/.cache/loss-lens/corpus) that score.mjs lints. The code itself is not in this
// repository (see test/corpus/README.md); a maintainer copies it back with the tool library's `read_file`, one page
// (≤ 16,000 characters) at a time, and this script says what to copy and checks what was copied.
//
//   node scripts/corpus/cache.mjs plan <work dir> [--corpus tfjs] [--codes c1,c2] [--shards N]
//       Lists the labelled files (with a positive of one of the codes, or every labelled file without --codes) and
//       the project files they name, that the cache lacks or holds with another text; writes <work dir>/shard<k>.json,
//       each entry { key, repo, path, commit, index, sha256 }. Whoever copies an entry writes its pages, exactly as
//       read_file returns them, to <work dir>/parts/<key>.<page> (page 0, 1, … in order).
//   node scripts/corpus/cache.mjs finish <work dir> [--corpus tfjs]
//       Joins each entry's pages, checks the labelled SHA-256 (trying the newline variants a copy may introduce: a
//       trailing newline added or lost, CRLF), and writes the matching text into the cache. Prints what is missing
//       or differs; exit 1 when anything does.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [verb, workDir, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : fallback;
};
if (!['plan', 'finish'].includes(verb) || !workDir) {
  console.error('usage: node scripts/corpus/cache.mjs plan|finish <work dir> [--corpus tfjs] [--codes c1,c2] [--shards N]');
  process.exit(2);
}
const corpus = option('--corpus', 'tfjs');
const cacheRoot = path.join(process.env.LOSS_LENS_CORPUS_CACHE ?? path.join(os.homedir(), '.cache/loss-lens/corpus'), corpus);
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const destOf = (e) => path.join(cacheRoot, e.repo ? e.repo.replace('/', '__') : path.join('index', String(e.index)), e.path);
const keyOf = (e) => (e.repo ? `${e.repo}/${e.path}` : `index/${e.index}/${e.path}`).replace(/[^A-Za-z0-9._-]+/g, '_');

function plan() {
  const codes = option('--codes')?.split(',');
  const shards = Number(option('--shards', '1'));
  const labelDir = path.join(root, 'test/corpus', corpus);
  const wanted = new Map();
  const want = (e) => {
    const key = keyOf(e);
    const dest = destOf(e);
    if (existsSync(dest) && (!e.sha256 || sha256(readFileSync(dest, 'utf8')) === e.sha256)) return;
    if (!wanted.has(key) || (e.sha256 && !wanted.get(key).sha256)) wanted.set(key, { key, ...e });
  };
  for (const name of readdirSync(labelDir).filter((n) => n.endsWith('.json')).sort()) {
    for (const f of JSON.parse(readFileSync(path.join(labelDir, name), 'utf8')).files) {
      if (codes && !f.sites.some((s) => s.expect && codes.includes(s.code))) continue;
      want({ repo: f.repo ?? null, path: f.path, commit: f.commit ?? null, index: f.index ?? null, sha256: f.sha256 ?? null });
      for (const p of f.project ?? []) want({ repo: f.repo ?? null, path: p, commit: f.commit ?? null, index: f.index ?? null, sha256: null });
    }
  }
  const entries = [...wanted.values()];
  mkdirSync(path.join(workDir, 'parts'), { recursive: true });
  for (let k = 0; k < shards; k++) {
    const shard = entries.filter((_, i) => i % shards === k);
    writeFileSync(path.join(workDir, `shard${k}.json`), JSON.stringify(shard, null, 1));
  }
  console.log(`${entries.length} files to copy (${entries.filter((e) => !e.repo).length} by index id), in ${shards} shard(s) under ${workDir}`);
}

/** The texts a faithful copy of `pages` may stand for, the joined pages first. */
function* variants(pages) {
  const joins = [pages.join(''), pages.map((p, i) => (i < pages.length - 1 ? p.replace(/\n$/, '') : p)).join('')];
  for (const j of new Set(joins)) {
    for (const t of [j, `${j}\n`, j.replace(/\n$/, ''), j.replace(/\n+$/, '')]) {
      yield t;
      yield t.replace(/\r?\n/g, '\r\n');
    }
  }
}

function finish() {
  const shards = readdirSync(workDir).filter((n) => /^shard\d+\.json$/.test(n));
  const partDir = path.join(workDir, 'parts');
  const parts = existsSync(partDir) ? readdirSync(partDir) : [];
  let copied = 0;
  const problems = [];
  for (const shard of shards) {
    for (const e of JSON.parse(readFileSync(path.join(workDir, shard), 'utf8'))) {
      const pages = parts
        .filter((n) => n.startsWith(`${e.key}.`) && /^\d+$/.test(n.slice(e.key.length + 1)))
        .sort((a, b) => Number(a.slice(e.key.length + 1)) - Number(b.slice(e.key.length + 1)))
        .map((n) => readFileSync(path.join(partDir, n), 'utf8'));
      if (!pages.length) {
        problems.push(`missing: ${e.key}`);
        continue;
      }
      const text = e.sha256 ? [...variants(pages)].find((t) => sha256(t) === e.sha256) : pages.join('');
      if (text === undefined) {
        problems.push(`differs: ${e.key} (${pages.length} page(s), ${pages.join('').length} characters; sha256 ${sha256(pages.join('')).slice(0, 12)} ≠ ${e.sha256.slice(0, 12)})`);
        continue;
      }
      mkdirSync(path.dirname(destOf(e)), { recursive: true });
      writeFileSync(destOf(e), text);
      copied++;
    }
  }
  for (const p of problems) console.log(p);
  console.log(`${copied} file(s) written to ${cacheRoot}; ${problems.length} missing or different`);
  process.exit(problems.length ? 1 : 0);
}

if (verb === 'plan') plan();
else finish();
