// 10,000 random or mangled inputs: each gives a result or a clear ExpressionError, never another exception.
import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEEDS = [
  '-(y*log(p) + (1-y)*log(1-p))', 'abs(p - y) <= delta ? 0.5*(p - y)^2 : delta*(abs(p - y) - 0.5*delta)',
  'max(z, 0) - z*y + log(1 + exp(-abs(z)))', 'clip(p, 1e-7, 1 - 1e-7)', 'sqrt((p - y)^2 + 1e-6)', 'log(x, 2)',
];
const PIECES = ['(', ')', '+', '-', '*', '/', '^', '?', ':', ',', '<', '<=', '==', '!', "'", '[', ']', '{', '}', '=', ';', '"', '.', ' ',
  'p', 'y', 'z', 'ŷ', 'δ', '😀', '\u0000', '\u202e', 'log', 'exp', 'max(', 'sigmoid(', 'clip(', 'foo(', '1e308', '1e-320', '-0', 'NaN',
  'Infinity', 'pi', 'e', 'true', 'end', 'x.y', '2p', 'p p', 'sign(', 'relu', '0x1F', '1_000', 'ⅇ', 'µ'];

function mangled(r) {
  const kind = Math.floor(r() * 6);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  switch (kind) {
    case 0:
      return Array.from({ length: Math.floor(r() * 30) }, () => pick(PIECES)).join('');
    case 1: {
      const s = pick(SEEDS);
      const i = Math.floor(r() * s.length);
      return s.slice(0, i) + pick(PIECES) + s.slice(i + Math.floor(r() * 3));
    }
    case 2: {
      const n = Math.floor(r() * 400);
      return `${'sigmoid('.repeat(n)}p${')'.repeat(n)}`;
    }
    case 3:
      return Array.from({ length: Math.floor(r() * 150) }, () => pick(['p', 'y', '1e300', '-p'])).join(pick([' + ', ' * ', ' ^ ', ' / ']));
    case 4:
      return String.fromCharCode(...Array.from({ length: Math.floor(r() * 20) }, () => Math.floor(r() * 0xffff)));
    default:
      return pick(['', ' ', '\n', '-', '--', '()', 'p(', 'p)', 'p ? 1', '(p ? 1 : 2', 'log()', 'max()', '1/0', 'p^p^p^p^p^p^p^p', 'exp(exp(exp(exp(p))))']);
  }
}

test('10,000 random or mangled inputs: a result or a clear error, never a crash', () => {
  const r = rng(42);
  let results = 0;
  let errors = 0;
  let slowest = 0;
  for (let i = 0; i < 10_000; i++) {
    const input = mangled(r);
    const started = performance.now();
    try {
      const a = core.analyze(input, { activation: r() < 0.5 ? 'sigmoid' : 'linear', wrt: r() < 0.3 ? 'p' : undefined });
      assert.equal(typeof a.latex, 'string');
      assert.equal(typeof a.derivative, 'string');
      JSON.stringify(core.analysisToJson(a));
      results++;
    } catch (err) {
      assert.ok(err instanceof core.ExpressionError, `input ${JSON.stringify(input).slice(0, 200)} threw ${err?.stack ?? err}`);
      assert.ok(err.message.length > 0 && Number.isInteger(err.column) && err.column >= 1, JSON.stringify(input));
      errors++;
    }
    slowest = Math.max(slowest, performance.now() - started);
  }
  assert.ok(results > 500 && errors > 500, `results ${results}, errors ${errors}`);
  console.log(`robustness: ${results} analysed, ${errors} clear errors, slowest ${slowest.toFixed(1)} ms`);
});
