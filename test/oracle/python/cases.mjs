// The cases the PyTorch/NumPy oracle runs, from the Python lint fixtures as the lint sees them now: every loss
// function flagged with a numerical hazard (its source, and the source after the lint's preferred fixes for that
// code), and every model flagged as feeding softmax probabilities to a logits criterion (with the fixed source).
// Printed as JSON for generate_python_oracle.py; needs `npm run build`.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const lint = createRequire(import.meta.url)(path.join(root, 'dist/lint.cjs'));
const dir = path.join(root, 'test/fixtures/lint-python/flagged');
const HAZARDS = new Set(['log-of-zero', 'exp-overflow', 'sqrt-at-zero', 'division-by-zero']);

/** Applies the preferred fix of each diagnostic of `code` in `siteId`, one at a time, re-linting in between. */
function fixAll(text, file, code, name) {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const r = lint.lintText(current, file);
    const d = r.diagnostics.find((x) => x.code === code && r.sites[x.siteId]?.name === name && x.fixes.some((f) => f.preferred));
    if (!d) return current;
    current = lint.applySourceEdits(current, d.fixes.find((f) => f.preferred).edits);
  }
  return current;
}

export function cases() {
  const out = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.py')).sort()) {
    const file = path.join(dir, f);
    const text = readFileSync(file, 'utf8');
    const result = lint.lintText(text, file);
    for (const d of result.diagnostics) {
      const site = result.sites[d.siteId];
      if (HAZARDS.has(d.code) && site.kind === 'custom-function' && site.name && /^\s*def\s/m.test(text) && text.includes(`def ${site.name}(`)) {
        if (out.some((c) => c.fixture === f && c.code === d.code && c.function === site.name)) continue;
        out.push({
          kind: 'hazard', fixture: f, code: d.code, line: d.line, function: site.name, framework: site.framework,
          prediction: site.wrt, target: site.target ?? null, activation: site.activation ?? site.assumedActivation ?? 'linear',
          source: text, fixed: fixAll(text, file, d.code, site.name),
        });
      }
      if (d.code === 'activation-mismatch' && d.rule === 'logits-loss-on-probabilities' && site.framework === 'pytorch') {
        const fix = d.fixes.find((x) => x.preferred);
        out.push({ kind: 'double-activation', fixture: f, code: d.code, line: d.line, loss: site.lossName, source: text, fixed: fix ? lint.applySourceEdits(text, fix.edits) : null });
      }
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(JSON.stringify(cases(), null, 1));
