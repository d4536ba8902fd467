// Writes the expectation of a lint fixture into test/fixtures/lint/expected.json from what the lint reports now,
// for a fixture whose output a person has checked by hand: the diagnostics (code, line, text, preferred fix) and
// the sites (kind, name, activation, units).
//
//   node scripts/fixtures-expect.mjs <fixture path relative to test/fixtures/lint> "<why it is there>" [folder] [--diagnostics-only]
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lint = require(path.join(root, 'dist/lint.cjs'));
// --diagnostics-only keeps the sites as written by hand (with their extra fields: match, reduction, expression …).
const args = process.argv.slice(2);
const diagnosticsOnly = args.includes('--diagnostics-only');
const [rel, why, dirArg] = args.filter((a) => a !== '--diagnostics-only');
if (!rel || !why) {
  console.error('usage: node scripts/fixtures-expect.mjs <fixture> "<why>" [fixture folder]');
  process.exit(2);
}
const dir = path.join(root, dirArg ?? 'test/fixtures/lint');
const file = path.join(dir, rel);
const text = readFileSync(file, 'utf8');
const project = { readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } };
const result = lint.lintText(text, file, { project });
const entry = {
  why,
  diagnostics: result.diagnostics.map((d) => {
    const row = { code: d.code, line: d.line, text: text.slice(d.start, d.end) };
    const preferred = d.fixes.find((x) => x.preferred);
    if (preferred) row.fix = preferred.title;
    return row;
  }),
  sites: result.sites.map((s) => {
    const row = { kind: s.kind };
    if (s.name !== undefined) row.name = s.name;
    if (s.kind === 'compile' || s.activation) {
      row.activation = s.activation;
      row.units = s.units;
    }
    if (s.unreadable !== undefined) row.unreadable = true;
    return row;
  }),
};
const expectedFile = path.join(dir, 'expected.json');
const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
expected[rel] = diagnosticsOnly && expected[rel] ? { ...expected[rel], why, diagnostics: entry.diagnostics } : entry;
const sorted = Object.fromEntries(Object.keys(expected).sort().map((k) => [k, expected[k]]));
writeFileSync(expectedFile, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(JSON.stringify(entry, null, 2));
