// The lint agrees with PyTorch and NumPy (test/fixtures/python-oracle.json, written by
// test/oracle/python/generate_python_oracle.py): every numerical hazard flagged in a Python fixture really gives an
// inf/NaN loss or gradient (or, in NumPy, an overflow or division by zero NumPy itself reports), and the lint's fix
// does not; every softmax/sigmoid before a logits criterion really
// changes the loss. The oracle fixture must match the fixtures and fixes the lint produces now.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './lint-support.mjs';
import { cases } from '../oracle/python/cases.mjs';

const oracle = JSON.parse(readFileSync(path.join(root, 'test/fixtures/python-oracle.json'), 'utf8'));
const digest = (...texts) => createHash('sha256').update(texts.map((t) => t ?? '').join('\0')).digest('hex').slice(0, 16);

test('the oracle fixture covers exactly the cases the lint flags now, with the same sources and fixes', () => {
  const now = cases().map((c) => `${c.kind} ${c.fixture} ${c.code} ${c.line} ${digest(c.source, c.fixed)}`).sort();
  const recorded = oracle.cases.map((c) => `${c.kind} ${c.fixture} ${c.code} ${c.line} ${c.digest}`).sort();
  assert.deepEqual(now, recorded, 'regenerate with python3 test/oracle/python/generate_python_oracle.py');
});

test('PyTorch and NumPy: each flagged hazard gives inf/NaN, and its fixed form does not', () => {
  const run = oracle.cases.filter((c) => c.kind === 'hazard' && !c.skipped);
  assert.ok(run.length >= 5, `${run.length} hazards run`);
  for (const c of run) {
    assert.equal(c.original.error, undefined, `${c.fixture}: ${c.original.error}`);
    const broke = c.original.finite === false || c.original.floatingPointError !== undefined;
    assert.ok(broke, `${c.fixture} ${c.function}: ${c.code} is flagged, but the loss and its gradient stay finite and NumPy raises nothing`);
    assert.equal(c.fixed.finite, true, `${c.fixture} ${c.function}: the fixed loss still gives inf/NaN`);
    assert.equal(c.fixed.floatingPointError, undefined, `${c.fixture} ${c.function}: the fixed loss still makes NumPy raise ${c.fixed.floatingPointError}`);
  }
});

test('PyTorch: each activation applied before a logits criterion really changes the loss', () => {
  const run = oracle.cases.filter((c) => c.kind === 'double-activation');
  assert.ok(run.length >= 3, `${run.length} models run`);
  for (const c of run) {
    assert.equal(c.error, undefined, `${c.fixture}: ${c.error}`);
    assert.equal(c.differs, true, `${c.fixture}: ${c.loss} vs fixed ${c.fixedLoss}`);
  }
});
