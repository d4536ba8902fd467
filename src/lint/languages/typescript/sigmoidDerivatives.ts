/**
 * The sigmoid's derivative as hand-written networks take it: `o * (1 - o)` of the output, a function returning that of
 * its parameter, `sigmoid(o, true)` or `nonlin(o, true)` of a sigmoid that gives its derivative when asked. Read by the
 * backpropagated deltas (backpropDeltas.ts).
 */
import type * as TS from 'typescript';
import { DERIVATIVE_FLAG } from './configurationTests';
import { returnedUnasked, returnedWhenDecided } from './decidedReturns';
import { functionValue, returnedExpressions } from './functionValues';
import { thisMemberValues } from './objectValues';
import { isNumber, plainActivation, plainFunctionActivation } from './plainActivations';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** How many of the file's functions are read for a derivative flag, at most. */
const MAX_FLAGGED = 40;

export function isOne(ts: typeof TS, e: TS.Expression): boolean {
  return isNumber(ts, scalarValue(ts, e), 1);
}

/**
 * The number a scalar tensor is made of (`tf.scalar(1)`, `dl.scalar(label)`, `tf.scalar(v, 'float32')`), or the
 * expression itself: backpropagation written in tensors (deeplearn.js ports of textbook networks,
 * `o.mul(dl.scalar(1).sub(o)).mul(dl.scalar(label).sub(o))`) wraps the numbers it computes with.
 */
export function scalarValue(ts: typeof TS, e: TS.Expression): TS.Expression {
  const u = unwrapExpression(ts, e);
  if (!ts.isCallExpression(u) || u.arguments.length < 1 || u.arguments.length > 2) return u;
  const callee = unwrapExpression(ts, u.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return name === 'scalar' ? unwrapExpression(ts, u.arguments[0]!) : u;
}

export function isTrue(ts: typeof TS, e: TS.Expression): boolean {
  return unwrapExpression(ts, e).kind === ts.SyntaxKind.TrueKeyword;
}

/**
 * Names of the file's sigmoids that give their derivative when asked (`function nonlin(x, deriv)`): a value assigned a
 * call of one (`l2 = nonlin(dot(l1, syn1))`) is a sigmoid's.
 */
export function flaggedSigmoids(tree: SyntaxTree): string[] {
  const ts = tree.ts;
  const names = new Set<string>();
  for (const m of tree.text.matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)\s*\(\s*[A-Za-z_$][\w$]*\s*(?::[^,)\n]{0,200})?,\s*([A-Za-z_$][\w$]*)/g)) {
    if (names.size >= MAX_FLAGGED || !DERIVATIVE_FLAG.test(m[2]!)) continue;
    const at = m.index! + m[0].indexOf(m[1]!, 'function'.length);
    const decl = tree.parent(tree.nodeAt(at, at + m[1]!.length));
    if (decl && ts.isFunctionDeclaration(decl) && returnedUnasked(tree, decl) && plainFunctionActivation(tree, decl) === 'sigmoid') names.add(m[1]!);
  }
  return [...names];
}

/** `sigmoid`, `activations.sigmoid`, or `this.activation` where the class sets it to a sigmoid. */
export function sigmoidCallee(tree: SyntaxTree, callee: TS.Expression): boolean {
  const ts = tree.ts;
  if (/sigmoid|logistic/i.test(tree.compactSource(callee))) return true;
  // `nonlin(l1, true)` of `function nonlin(x, deriv) { if (deriv) return x * (1 - x); return 1 / (1 + Math.exp(-x)); }`.
  const fn = functionValue(tree, callee);
  if (fn && returnedUnasked(tree, fn) && plainFunctionActivation(tree, fn) === 'sigmoid') return true;
  return ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && thisMemberValues(tree, callee, callee.name.text).some((v) => /sigmoid|logistic/i.test(tree.compactSource(v)));
}

/**
 * A function returning `y * (1 - y)` of its parameter, `s(x) * (1 - s(x))` of a sigmoid `s`, or the sigmoid's own
 * derivative by its flag (`(v) => this.activation(v, true)`).
 */
export function computesSigmoidDerivative(tree: SyntaxTree, fn: FunctionNode): boolean {
  const returned = returnedExpressions(tree, fn);
  // One return, or the one a switch on a setting the file fixes takes (`switch (this.activation)`, 'sigmoid').
  const only = returned.length === 1 ? returned[0] : returnedWhenDecided(tree, fn);
  return !!only && (isSigmoidDerivativeOf(tree, fn, only) || mapsSigmoidDerivative(tree, fn, only));
}

/**
 * `(m) => math.map(m, (x) => x * (1 - x))`, `(m) => m.map(dsigmoid)`: a function that maps the sigmoid's derivative over
 * every element of its first parameter (a matrix library's element-wise map), as a whole-matrix derivative.
 */
function mapsSigmoidDerivative(tree: SyntaxTree, fn: FunctionNode, returned: TS.Expression): boolean {
  const ts = tree.ts;
  const r = unwrapExpression(ts, returned);
  const param = fn.parameters[0]?.name;
  if (!ts.isCallExpression(r) || !param || !ts.isIdentifier(param)) return false;
  const callee = unwrapExpression(ts, r.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(?:map|apply)$/.test(callee.name.text)) return false;
  const isParam = (e: TS.Expression | undefined) => !!e && ts.isIdentifier(unwrapExpression(ts, e)) && (unwrapExpression(ts, e) as TS.Identifier).text === param.text;
  const [a, b] = r.arguments;
  // `m.map(f)`, or a library's `math.map(m, f)`.
  const mapper = isParam(callee.expression) && a && !b ? a : isParam(a) && b ? b : undefined;
  if (!mapper) return false;
  const f = unwrapExpression(ts, mapper);
  const mapped = isFunctionNode(ts, f) ? f : functionValue(tree, f);
  const inner = mapped && mapped !== fn ? returnedExpressions(tree, mapped) : [];
  return inner.length === 1 && isSigmoidDerivativeOf(tree, mapped!, inner[0]!);
}

/** Whether `returned`, a value `fn` returns, is the sigmoid's derivative at its first parameter. */
export function isSigmoidDerivativeOf(tree: SyntaxTree, fn: FunctionNode, returned: TS.Expression): boolean {
  const ts = tree.ts;
  const r = unwrapExpression(ts, returned);
  if (ts.isCallExpression(r) && r.arguments.length === 2 && isTrue(ts, r.arguments[1]!) && sigmoidCallee(tree, r.expression)) return true;
  if (!ts.isBinaryExpression(r) || r.operatorToken.kind !== ts.SyntaxKind.AsteriskToken) return false;
  for (const [value, rest] of [[r.left, r.right], [r.right, r.left]] as const) {
    const u = unwrapExpression(ts, rest);
    if (!ts.isBinaryExpression(u) || u.operatorToken.kind !== ts.SyntaxKind.MinusToken || !isOne(ts, u.left)) continue;
    if (tree.compactSource(u.right) !== tree.compactSource(value)) continue;
    const v = unwrapExpression(ts, value);
    const param = fn.parameters[0]?.name;
    if (param && ts.isIdentifier(param) && ts.isIdentifier(v) && v.text === param.text) return true;
    if (ts.isCallExpression(v) && /sigmoid|logistic/i.test(tree.compactSource(v.expression))) return true;
    // `const s = activate(x); return s * (1 - s)` with `activate` a sigmoid of the file (decided by a setting it fixes).
    if (plainActivation(tree, v) === 'sigmoid') return true;
  }
  return false;
}

/** `x * x`, `x ** 2`, `Math.pow(x, 2)`: the factors that must be one value (`x` twice). */
function squareOf(ts: typeof TS, e: TS.Expression): [TS.Expression, TS.Expression] | undefined {
  const u = unwrapExpression(ts, e);
  if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return [u.left, u.right];
  if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken) return isNumber(ts, u.right, 2) ? [u.left, u.left] : undefined;
  if (!ts.isCallExpression(u) || u.arguments.length !== 2 || !isNumber(ts, u.arguments[1]!, 2)) return undefined;
  const callee = unwrapExpression(ts, u.expression);
  const pow = ts.isPropertyAccessExpression(callee) && callee.name.text === 'pow' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math';
  return pow ? [u.arguments[0]!, u.arguments[0]!] : undefined;
}

/** `o - o * o` (also `o - o ** 2`, `o - Math.pow(o, 2)`): the sigmoid's derivative σ − σ² expanded; the o. */
export function expandedDerivativeOf(tree: SyntaxTree, node: TS.BinaryExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const squared = node.operatorToken.kind === ts.SyntaxKind.MinusToken ? squareOf(ts, node.right) : undefined;
  const same = squared && [squared[0], squared[1], node.left].map((x) => tree.compactSource(unwrapExpression(ts, x)));
  return same && same[0] === same[2] && same[1] === same[2] ? unwrapExpression(ts, node.left) : undefined;
}
