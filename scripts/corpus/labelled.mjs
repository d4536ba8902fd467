// Says whether a candidate for a new held-out set is already in a label file, so a set labelled "blind" shares no
// repository, index id or file text with the earlier ones.
//
//   node scripts/corpus/labelled.mjs [--corpus tfjs] <owner/repo | index id | path to a file's text> …
//
// Prints, per argument, the label files (and paths) that hold the repository, the index id or a file with the same
// SHA-256 (newline variants included), or "new". Exit 1 when any argument is already labelled.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const corpusAt = argv.indexOf('--corpus');
const corpus = corpusAt >= 0 ? argv.splice(corpusAt, 2)[1] : 'tfjs';
if (!argv.length) {
  console.error('usage: node scripts/corpus/labelled.mjs [--corpus tfjs] <owner/repo | index id | file> …');
  process.exit(2);
}
const labelDir = path.join(root, 'test/corpus', corpus);
const entries = [];
for (const name of readdirSync(labelDir).filter((n) => n.endsWith('.json')).sort()) {
  for (const f of JSON.parse(readFileSync(path.join(labelDir, name), 'utf8')).files) entries.push({ set: name, ...f });
}
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const shasOf = (text) => new Set([text, `${text}\n`, text.replace(/\n+$/, ''), text.replace(/\r\n/g, '\n'), text.replace(/\r?\n/g, '\r\n')].map(sha256));

let found = false;
for (const arg of argv) {
  let hits;
  if (/^\d+$/.test(arg)) hits = entries.filter((e) => String(e.index) === arg);
  else if (existsSync(arg)) {
    const shas = shasOf(readFileSync(arg, 'utf8'));
    hits = entries.filter((e) => e.sha256 && shas.has(e.sha256));
  } else hits = entries.filter((e) => e.repo && e.repo.toLowerCase() === arg.toLowerCase());
  found ||= hits.length > 0;
  console.log(`${arg}: ${hits.length ? hits.map((e) => `${e.set} ${e.repo ?? `index ${e.index}`} ${e.path}`).join('; ') : 'new'}`);
}
process.exit(found ? 1 : 0);
