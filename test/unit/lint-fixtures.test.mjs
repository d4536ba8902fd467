import test from 'node:test';
import assert from 'node:assert/strict';
import { expected, fixtures, lintFixture } from './lint-support.mjs';

const all = fixtures();

test('every fixture file has expectations, and every expectation a file', () => {
  assert.deepEqual(all.map((f) => f.rel).sort(), Object.keys(expected).sort());
});

test('there are at least as many silent fixtures as flagged ones, and each flagged one is flagged', () => {
  const flagged = all.filter((f) => f.rel.startsWith('flagged/'));
  const silent = all.filter((f) => f.rel.startsWith('silent/'));
  assert.ok(flagged.length >= 20, `${flagged.length} flagged fixtures`);
  assert.ok(silent.length >= flagged.length, `${silent.length} silent vs ${flagged.length} flagged`);
  for (const f of flagged) if (!expected[f.rel].projectFile) assert.ok(expected[f.rel].diagnostics.length > 0, f.rel);
  for (const f of silent) assert.deepEqual(expected[f.rel].diagnostics, [], f.rel);
});

for (const f of all) {
  test(`fixture ${f.rel}: ${expected[f.rel].why}`, () => {
    const result = lintFixture(f);
    assert.equal(result.internalError, undefined);
    assert.notEqual(result.incomplete, true);
    const got = result.diagnostics.map((d) => {
      const row = { code: d.code, line: d.line, text: f.text.slice(d.start, d.end) };
      const preferred = d.fixes.find((x) => x.preferred);
      if (preferred) row.fix = preferred.title;
      return row;
    });
    assert.deepEqual(got, expected[f.rel].diagnostics);
    for (const want of expected[f.rel].sites) {
      const found = result.sites.find((s) => Object.entries(want).every(([k, v]) => {
        if (k === 'match') return s.analysis?.match?.id === v;
        if (k === 'unreadable') return v === (s.unreadable !== undefined);
        return s[k] === v;
      }));
      assert.ok(found, `${f.rel}: no site like ${JSON.stringify(want)} among ${JSON.stringify(result.sites.map((s) => ({ kind: s.kind, name: s.name, activation: s.activation, units: s.units, expression: s.expression })))}`);
    }
    assert.equal(result.sites.length, expected[f.rel].sites.length, `${f.rel}: number of sites`);
    for (const d of result.diagnostics) {
      // The Problems panel shows one line: the message leads with a short sentence, the rest is the detail.
      assert.ok(d.message.length <= 110, `${f.rel}: message of ${d.message.length} characters: ${d.message}`);
      if (d.detail !== undefined) assert.ok(d.detail.length >= d.message.length, `${f.rel}: the detail says more than the message`);
      // -1: a problem said where it is written, of no site: a malformed annotation, a call of a function TF.js lacks,
      // a metric called where compile wants it passed.
      assert.ok((d.siteId >= 0 || ['invalid-annotation', 'unknown-loss'].includes(d.code)) && d.siteId >= -1 && d.siteId < result.sites.length);
      assert.ok(d.start < d.end && d.end <= f.text.length);
      const lines = f.text.slice(0, d.start).split('\n');
      assert.equal(d.line, lines.length);
      assert.equal(d.column, lines[lines.length - 1].length + 1);
    }
  });
}
