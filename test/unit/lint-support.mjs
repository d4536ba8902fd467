// Shared by the lint tests: the built lint bundle (run `node build.mjs` first) and the fixture files.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const lint = require(path.join(root, 'dist/lint.cjs'));
export const fixtureDir = path.join(root, 'test/fixtures/lint');
export const expected = JSON.parse(readFileSync(path.join(fixtureDir, 'expected.json'), 'utf8'));

/** Every fixture source file: its path relative to the fixture folder, and its text. */
export function fixtures() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js)$/.test(e.name)) out.push({ rel: path.relative(fixtureDir, p).split(path.sep).join('/'), file: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(fixtureDir);
  return out;
}

/** The fixture folder as one project, so a fixture can import another (flagged/project-xor/train.js → model.js). */
export const fixtureProject = lint.projectFromMap(new Map(fixtures().map((f) => [f.file, f.text])));

/** Other files read from the disk, for linting a fixture after its fixes were applied in memory. */
export const diskProject = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export function lintFixture(f) {
  return lint.lintText(f.text, f.file, { project: fixtureProject });
}

/**
 * Applies the preferred fix of the first fixable diagnostic (of `codes`, when given), lints again, and
 * repeats until none is left: the file as a user who accepts every quick fix would end with.
 */
export function fixAll(text, file, codes) {
  let current = text;
  for (let round = 0; round < 20; round++) {
    const result = lint.lintText(current, file, { project: diskProject });
    const d = result.diagnostics.find((x) => (!codes || codes.includes(x.code)) && x.fixes.length > 0);
    if (!d) return current;
    const fix = d.fixes.find((x) => x.preferred) ?? d.fixes[0];
    current = lint.applySourceEdits(current, fix.edits);
  }
  throw new Error(`${file}: fixes do not converge`);
}
