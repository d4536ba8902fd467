import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkFixture, oracleFixtures } from '../oracle/tfjs/lossOracle.mjs';
import { expected, fixtureDir } from './lint-support.mjs';

// Real @tensorflow/tfjs (CPU backend, offline) confirms what the lint claims about the fixtures.
const cases = oracleFixtures();

test('the oracle covers every fixture expected to show log-of-zero, division-by-zero or unknown-loss', () => {
  const want = Object.entries(expected)
    .filter(([, v]) => v.diagnostics.some((d) => ['log-of-zero', 'division-by-zero', 'unknown-loss', 'no-gradient'].includes(d.code)))
    .map(([k]) => k)
    .sort();
  assert.deepEqual(cases.map((c) => path.relative(fixtureDir, c.file).split(path.sep).join('/')).sort(), want);
  assert.ok(want.length >= 10);
});

for (const c of cases) {
  const rel = path.relative(fixtureDir, c.file).split(path.sep).join('/');
  test(`TF.js agrees with the lint on ${rel}`, async () => {
    const records = await checkFixture(c.file, c.text);
    assert.ok(records.length > 0);
    for (const r of records) {
      if (r.kind === 'no-gradient') {
        assert.match(r.throws ?? '', /gradient function not found/, `${rel}: ${r.op} is flagged no-gradient but model.fit trains`);
        assert.equal(r.fixedThrows, null, `${rel}: after the fix, model.fit should train with a finite loss`);
        assert.equal(r.fixedStillFlagged, false, `${rel}: the fix should clear the finding`);
      } else if (r.kind === 'unknown-loss') {
        assert.ok(r.throws, `${rel}: model.compile({loss: ${r.site}}) should throw in TF.js`);
        if (r.fixedValue !== undefined) assert.equal(r.fixedThrows, null, `${rel}: the fixed loss ${r.fixedValue} should compile`);
        assert.deepEqual(r.fixedFindings ?? [], [], `${rel}: the fixed loss function should give finite values`);
      } else {
        assert.ok(r.flagged.length > 0, `${rel}: ${r.site} is flagged ${r.codes.join(', ')} but TF.js gives finite losses and gradients on saturated predictions`);
        if (r.fixed !== null) assert.deepEqual(r.fixed, [], `${rel}: ${r.site} still gives non-finite values after the fixes`);
      }
    }
  });
}
