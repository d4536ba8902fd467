// The piece of a loss the pointer rests on, with the range it takes over the prediction's domain: a setting the code
// never sets keeps the typical value its name says (ε, δ, γ), but data and other outputs with no such value are unknown,
// not the analysis's stand-in 1 ("logVar ∈ [1, 1]" read as if the log-variance were fixed).
import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';

function pieceOf(source, piece, options) {
  const a = core.analyze(source, options);
  const at = a.source.indexOf(piece);
  return core.subexpressionView(a, { start: at, end: at + piece.length });
}

test("another output the code never sets is unknown in a piece's range; a setting keeps its typical value", () => {
  assert.deepEqual(pieceOf('exp(logVar) + mu^2 - 1 - logVar', 'logVar', { wrt: 'mu' }).range, [null, null]);
  assert.deepEqual(pieceOf('exp(logVar) + mu^2 - 1 - logVar', 'exp(logVar)', { wrt: 'mu' }).range, [0, null]);
  const eps = pieceOf('log(p + epsilon)', 'p + epsilon', { wrt: 'p', activation: 'sigmoid' }).range;
  assert.ok(eps[0] > 0 && eps[0] < 1e-6 && eps[1] > 1 && eps[1] < 1.001, String(eps));
  // A value the caller sets is that value.
  assert.deepEqual(pieceOf('exp(logVar) + mu^2', 'exp(logVar)', { wrt: 'mu', set: { logVar: 0 } }).range, [1, 1]);
});
