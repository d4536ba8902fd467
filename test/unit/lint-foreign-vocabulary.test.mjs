// Loss code written with identifiers in the language its author was taught in: a Portuguese XOR network
// (`erro = subtraiMatriz(y, y_esperado)` times `derivadaSigmoid(y)` on 0/1 targets made with `transpoe`), and a
// Portuguese library of losses (`erroAbsolutoMedio(saida, esperado)`, `perdaTripleto(ancora, positiva, negativa)`)
// are read as their English twins are; a derivative (`derivadaHuber`) is no loss, and `customLoss`-like words that
// only contain a foreign word (`custom`) are not taken for one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (code, file = '/p/rede.js') => lint.lintText(code, file).diagnostics.map((d) => `${d.line}: ${d.code}`);

const xor = (names = {}) => {
  const n = { sub: 'subtraiMatriz', mul: 'multiplicaMatriz', dsig: 'derivadaSigmoid', target: 'y_esperado', transpose: 'transpoe', ...names };
  return `function ${n.transpose}(a) { return a[0].map((x, i) => a.map((y) => y[i])); }
function ${n.sub}(m1, m2) { return m1.map((v, l) => v.map((x, c) => m1[l][c] - m2[l][c])); }
function ${n.mul}(m1, m2) { return m1.map((v, l) => v.map((x, c) => m1[l][c] * m2[l][c])); }
function produtoEscalar(a, b) { return a.map((x) => ${n.transpose}(b).map((y) => [x.reduce((s, v, k) => s + v * y[k], 0)])); }
function sigmoid(m) { return m.map((v) => v.map((x) => 1 / (1 + Math.exp(-x)))); }
function ${n.dsig}(a) { return ${n.mul}(a, a.map((v) => v.map((x) => 1 - x))); }
let entradas = [[0, 0], [0, 1], [1, 0], [1, 1]];
let ${n.target} = ${n.transpose}([[0, 1, 1, 0]]);
let pesos = [[0.1], [0.2]];
let y = null;
for (let i = 0; i < 1000; i++) {
  y = sigmoid(produtoEscalar(entradas, pesos));
  let erro = ${n.sub}(y, ${n.target});
  let derivadaY = ${n.dsig}(y);
  let delta = produtoEscalar(${n.transpose}(entradas), ${n.mul}(erro, derivadaY));
  pesos = ${n.sub}(pesos, delta);
}
`;
};

test('a Portuguese hand network: squared-error backpropagation through a sigmoid on 0/1 targets is the mismatch', () => {
  assert.deepEqual(found(xor()), ['13: activation-mismatch']);
  // Its English twin says the same.
  assert.deepEqual(found(xor({ sub: 'subtract', mul: 'multiplyElements', dsig: 'sigmoidDerivative', target: 'expected', transpose: 'transpose' })), ['13: activation-mismatch']);
});

test('a Portuguese hand network on targets that are not classes stays silent', () => {
  assert.deepEqual(found(xor().replace('[[0, 1, 1, 0]]', '[[0.2, 0.7, 0.6, 0.1]]')), []);
});

const library = `function erroAbsolutoMedio(saida, esperado) { return saida.reduce((s, x, i) => s + Math.abs(x - esperado[i]), 0) / saida.length; }
function perdaTripleto(ancora, positiva, negativa, margem = 1.0) {
  const distPos = ancora.reduce((s, a, i) => s + (a - positiva[i]) ** 2, 0);
  const distNeg = ancora.reduce((s, a, i) => s + (a - negativa[i]) ** 2, 0);
  return Math.max(0, distPos - distNeg + margem);
}
function derivadaHuber(saida, esperado, delta = 1.0) {
  return saida.map((x, i) => { const diff = x - esperado[i]; return Math.abs(diff) <= delta ? diff : delta * Math.sign(diff); });
}
function customScale(values, factor) { return values.map((v) => Math.max(0, v * factor)); }
`;

test("a Portuguese library of losses: the MAE's and the triplet hinge's kinks, not a derivative's jump nor a 'custom' helper", () => {
  assert.deepEqual(found(library, '/p/util.js'), ['1: non-differentiable', '5: non-differentiable']);
});
