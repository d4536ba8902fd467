// Cross-check test/fixtures/sympy-oracle.json against mathjs itself: evaluates every
// expression string with mathjs (plus the Loss Lens helpers sigmoid/relu/softplus/clip)
// at every sample point and compares with the SymPy value, and compares a double
// central finite difference with the SymPy derivative. This proves the Python
// translator (mathjs_to_sympy.py) reads each string the way mathjs does.
//
// Usage: node test/oracle/check_with_mathjs.mjs   (needs node_modules/mathjs)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { create, all } from 'mathjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'sympy-oracle.json'), 'utf8'));

const math = create(all);
math.import(
  {
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    relu: (x) => Math.max(x, 0),
    softplus: (x) => Math.log(1 + Math.exp(x)),
    clip: (x, lo, hi) => Math.min(Math.max(x, lo), hi),
  },
  { override: true },
);

const VALUE_REL = 1e-9;
const FD_REL = 1e-5;
let failures = 0;
let points = 0;
for (const c of fixture.cases) {
  const code = math.parse(c.expression).compile();
  const f = (x) => {
    const r = code.evaluate({ ...c.set, [c.wrt]: x });
    const v = typeof r === 'boolean' ? Number(r) : r;
    if (typeof v !== 'number') throw new Error(`${c.id}: non-number result ${math.format(r)}`);
    return v;
  };
  for (const pt of c.points) {
    points++;
    const v = f(pt.x);
    const h = 1e-6 * Math.max(1, Math.abs(pt.x));
    const fd = (f(pt.x + h) - f(pt.x - h)) / (2 * h);
    const vErr = Math.abs(v - pt.value);
    const dErr = Math.abs(fd - pt.derivative);
    if (!(vErr <= VALUE_REL * Math.max(1, Math.abs(pt.value)))) {
      failures++;
      console.error(`${c.id} @ ${c.wrt}=${pt.x}: mathjs value ${v} vs sympy ${pt.value}`);
    }
    if (!(dErr <= FD_REL * Math.max(1, Math.abs(pt.derivative)))) {
      failures++;
      console.error(`${c.id} @ ${c.wrt}=${pt.x}: mathjs finite difference ${fd} vs sympy ${pt.derivative}`);
    }
  }
}
if (failures) {
  console.error(`FAILED: ${failures} mismatches`);
  process.exit(1);
}
console.log(`ok: ${fixture.cases.length} cases, ${points} points agree with mathjs ${math.version}`);
