// The derivative and the kinks against SymPy and 60-digit mpmath on a fixed-seed run of random and
// hard-family expressions (test/fixtures/fuzz-oracle.json, written by test/oracle/kink_fuzz.py; the
// comparison itself is test/oracle/fuzz_compare.mjs, which the larger live run uses too).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, mathjs, root } from './support.mjs';
import { compareAll, report } from '../oracle/fuzz_compare.mjs';

const data = JSON.parse(readFileSync(path.join(root, 'test/fixtures/fuzz-oracle.json'), 'utf8'));
const compared = compareAll(data, core, mathjs);
const { summary } = compared;

test('the fixture is a fixed-seed run of at least 1,000 expressions, random and from every hard family', () => {
  assert.ok(data.cases.length >= 1000, `${data.cases.length} cases`);
  const families = new Set(data.cases.map((c) => c.family));
  for (const f of ['random', 'c1-joins', 'cancelling', 'cusps', 'periodic', 'parameter', 'vertical', 'hidden', 'multi-root', 'underflow', 'flat']) {
    assert.ok(families.has(f), f);
  }
  assert.ok(summary.checkedPoints > 5000 && summary.trueKinks > 1000, JSON.stringify(summary));
});

test('every expression is analysed', () => {
  assert.equal(summary.errors, 0, report(compared));
});

test('the derivative is right at every sample point and at every switch point where the loss is smooth', () => {
  assert.equal(summary.derivativeWrongPoints, 0, report(compared));
});

test('kinks: recall at least 0.99, and no kink reported where the loss is smooth', () => {
  assert.ok(summary.recall >= 0.99, report(compared));
  assert.equal(summary.spurious, 0, report(compared));
});
