/**
 * Plain-JavaScript values a loss computed in a training loop reads in place (operation mode): an element of an array
 * made by `.map` (`preds[i]` of `const preds = X.map((x) => sigmoid(dot(x, w)))`) is the mapped value, and a number
 * the loop trains (`let w = 0; … w -= lr * g`) is a value, not the number it starts at, and an element of an array
 * filled by one element assignment (`probs[i] = tf.add(density(a[i]), 1e-6)` into `const probs = new Array(n)`) is
 * the value that assignment gives.
 */
import type * as TS from 'typescript';
import { isAutogradNode } from './classMethods';
import { countsUpByOne } from './loopAssignments';
import { isWrittenTo, keepsItsValue, referencesTo, resolveIdentifier, type Declaration } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue } from './translationEnv';

/** A name given an array's `.map(…)` once (`const preds = X.map((x) => …)`): its elements are the mapped values. */
export function isMappedArray(tree: SyntaxTree, tf: TfBindings, node: TS.Expression): boolean {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  const d = ts.isIdentifier(n) ? resolveIdentifier(tree, n) : undefined;
  if (d?.kind !== 'variable' || !d.initializer || !keepsItsValue(tree, (n as TS.Identifier).text, d)) return false;
  const init = unwrapExpression(ts, d.initializer);
  const callee = ts.isCallExpression(init) ? unwrapExpression(ts, init.expression) : undefined;
  return !!callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && tf.path(callee) === undefined;
}

const EXTREMUM_START = /^-?(?:Infinity|Number\.(?:POSITIVE_INFINITY|NEGATIVE_INFINITY|MAX_VALUE|MAX_SAFE_INTEGER))$/;

/** `let w = 0; for (…) { … Math.log(sigmoid(w * x)) … w -= lr * g; }`: a number the code goes on to change. */
export function isTrainedNumber(tree: SyntaxTree, use: TS.Identifier, decl: Declaration & { kind: 'variable' }): boolean {
  const ts = tree.ts;
  // A number, or a running extremum's start (`let best = -Infinity`, `Number.MAX_VALUE`) the loop replaces.
  if (decl.isConst || !decl.initializer || (numericValue(ts, decl.initializer) === undefined && !EXTREMUM_START.test(tree.compactSource(decl.initializer)))) return false;
  return referencesTo(tree, decl.container, use.text, decl).some((r) => r !== use && isWrittenTo(ts, tree, r));
}

/**
 * The one value an array's elements are given (`probs[i] = tf.add(pdf(a[i], mu[i]), 1e-6)` in a loop, into `let probs
 * = new Array(n)` or `[]`): the array keeps its value otherwise (no reassignment, no push), and that assignment is
 * its only element write, so each element read by an index is that value, element by element.
 */
export function filledElementValue(tree: SyntaxTree, node: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  const d = ts.isIdentifier(n) ? resolveIdentifier(tree, n) : undefined;
  if (d?.kind !== 'variable' || !d.initializer || !keepsItsValue(tree, (n as TS.Identifier).text, d) || !isEmptyArray(ts, d.initializer)) return undefined;
  let value: TS.Expression | undefined;
  for (const ref of referencesTo(tree, d.container, (n as TS.Identifier).text, d)) {
    const parent = tree.parent(ref);
    if (!parent || !ts.isElementAccessExpression(parent) || parent.expression !== ref) {
      // Read whole (a list handed on, `arr.length`) is fine; changed by a method (`push`, `fill`, `splice`) is not.
      if (parent && ts.isPropertyAccessExpression(parent) && /^(?:push|unshift|fill|splice|set|copyWithin)$/.test(parent.name.text)) return undefined;
      continue;
    }
    const write = tree.parent(parent);
    if (!write || !ts.isBinaryExpression(write) || write.left !== parent) continue;
    if (write.operatorToken.kind !== ts.SyntaxKind.EqualsToken || value) return undefined;
    value = write.right;
  }
  return value;
}

/** `new Array(n)`, `Array(n)`, `[]`: an array whose elements are yet to be given. */
export function isEmptyArray(ts: typeof TS, init: TS.Expression): boolean {
  const e = unwrapExpression(ts, init);
  if (ts.isArrayLiteralExpression(e)) return e.elements.length === 0;
  return (ts.isNewExpression(e) || ts.isCallExpression(e)) && ts.isIdentifier(e.expression) && e.expression.text === 'Array' && (e.arguments?.length ?? 0) <= 1;
}

/** Reads a filled element's value with it held (a fill that reads its own array is not followed again). */
export function readHeld<T>(held: Set<TS.Node>, node: TS.Node, read: () => T): T {
  held.add(node);
  try {
    return read();
  } finally {
    held.delete(node);
  }
}

/** A write into an array a name holds: `arr.push(v)` (its call) or `arr[i] = v` (its assignment), and the value `v` (none for a push of several or a spread). */
export interface ArrayWrite {
  node: TS.CallExpression | TS.BinaryExpression;
  value?: TS.Expression;
  push: boolean;
}

/** Every `arr.push(…)` and every `arr[i] = v` the code writes into the array a variable holds, in source order. */
export function arrayWrites(tree: SyntaxTree, name: string, d: Declaration & { kind: 'variable' }): ArrayWrite[] {
  const ts = tree.ts;
  const out: ArrayWrite[] = [];
  for (const ref of referencesTo(tree, d.container, name, d)) {
    const parent = tree.parent(ref);
    const outer = parent && tree.parent(parent);
    if (!parent || !outer) continue;
    if (ts.isElementAccessExpression(parent) && parent.expression === ref && ts.isBinaryExpression(outer) && outer.left === parent && outer.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      out.push({ node: outer, value: outer.right, push: false });
    } else if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'push' && ts.isCallExpression(outer) && outer.expression === parent) {
      const [only, ...more] = outer.arguments;
      out.push({ node: outer, ...(only && more.length === 0 && !ts.isSpreadElement(only) ? { value: only } : {}), push: true });
    }
  }
  return out.sort((a, b) => a.node.pos - b.node.pos);
}

/**
 * The value a counting loop before `use` gives every element of an array, in place: `for (let i = 0; i < a.length;
 * i++) a[i] = a[i] ? 1 : 0;` as a statement of the loop's own body (not under a condition), in a block around the use.
 * What the array held before (a caller's argument) is gone from there.
 */
export function overwrittenElements(tree: SyntaxTree, use: TS.Identifier, d: Declaration & { kind: 'parameter' | 'variable' }): TS.Expression | undefined {
  const ts = tree.ts;
  const around = new Set(tree.ancestors(use));
  for (const ref of referencesTo(tree, d.kind === 'variable' ? d.container : d.fn, use.text, d)) {
    const access = tree.parent(ref);
    const write = access && tree.parent(access);
    if (!access || !write || !ts.isElementAccessExpression(access) || access.expression !== ref || !ts.isBinaryExpression(write) || write.left !== access || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const index = unwrapExpression(ts, access.argumentExpression);
    const statement = tree.parent(write);
    const body = statement && ts.isExpressionStatement(statement) ? tree.parent(statement) : undefined;
    const loop = body && ts.isBlock(body) ? tree.parent(body) : body;
    if (!ts.isIdentifier(index) || !loop || !ts.isForStatement(loop) || (loop.statement !== statement && loop.statement !== body)) continue;
    const block = tree.parent(loop);
    if (loop.end <= tree.start(use) && block && around.has(block) && countsOverEvery(ts, loop, index.text, use.text)) return write.right;
  }
  return undefined;
}

/** `for (let i = 0; i < a.length; i++)`: the loop visits every element of `a`. */
function countsOverEvery(ts: typeof TS, loop: TS.ForStatement, counter: string, array: string): boolean {
  const init = loop.initializer;
  const only = init && ts.isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
  const start = only?.initializer && unwrapExpression(ts, only.initializer);
  if (!only || !ts.isIdentifier(only.name) || only.name.text !== counter || !start || !ts.isNumericLiteral(start) || Number(start.text) !== 0) return false;
  const test = loop.condition && unwrapExpression(ts, loop.condition);
  if (!test || !ts.isBinaryExpression(test) || test.operatorToken.kind !== ts.SyntaxKind.LessThanToken || !ts.isIdentifier(test.left) || test.left.text !== counter) return false;
  const bound = unwrapExpression(ts, test.right);
  const ofArray = ts.isPropertyAccessExpression(bound) && bound.name.text === 'length' && ts.isIdentifier(bound.expression) && bound.expression.text === array;
  return ofArray && !!loop.incrementor && countsUpByOne(ts, loop.incrementor);
}

/** A tensor library's class (`onegrad.tensor`, `Tensor`, `Matrix`, `NDArray`): a list of one written number is that number. */
const TENSOR_CLASS = /^(?:tensor|Tensor|matrix|Matrix|NDArray|ndarray|Vector|vector)$/;

/** Classes of a scalar autograd (micrograd and its many ports) that wrap one number: `new Value(1)`, `new Scalar(x)`. */
export const SCALAR_WRAPPER = /^(?:Value|ValueNode|Scalar|Var|Variable|Num|Dual|Val|Node)$/;

/**
 * The number a scalar autograd's constructor wraps (`new Value(1)`, `new Value(0, [], '', 'loss')`): its methods
 * (`.sub(m).relu()`) compute on it as a tensor's would. Not a constructor given more numbers (`new Node(1, 2)`: sizes,
 * ids) or a list.
 */
export function wrappedScalar(tree: SyntaxTree, made: TS.NewExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, made.expression);
  const [first, ...rest] = made.arguments ?? [];
  const className = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const single = className !== undefined && first ? oneByOne(ts, first, TENSOR_CLASS.test(className)) : undefined;
  if (single) return single;
  if (!ts.isIdentifier(callee) || !SCALAR_WRAPPER.test(callee.text) || !first || ts.isSpreadElement(first)) return undefined;
  // A class of the file is a scalar autograd's node only with a backward pass (one of another file is taken by its name).
  const d = resolveIdentifier(tree, callee);
  if (d?.kind === 'other' && ts.isClassDeclaration(d.node) && !isAutogradNode(ts, d.node)) return undefined;
  if (ts.isArrayLiteralExpression(first) || ts.isObjectLiteralExpression(first) || ts.isStringLiteralLike(first)) return undefined;
  return rest.some((a) => ts.isNumericLiteral(unwrapExpression(ts, a)) || ts.isPrefixUnaryExpression(a)) ? undefined : first;
}

/**
 * The one number of a 1×1 tensor or matrix a hand-written library's loss hands back (`new Tensor([[lossValue]])`,
 * `new Matrix([[sum / n]])`): whatever the class is, its value is that number. A one-level list (`new Tensor([x])`)
 * may wrap a row, so only a list nested twice or more is read, or a one-level list of a written number (`[2]`).
 */
function oneByOne(ts: typeof TS, first: TS.Expression, tensorClass: boolean): TS.Expression | undefined {
  let e = unwrapExpression(ts, first);
  let depth = 0;
  while (ts.isArrayLiteralExpression(e) && e.elements.length === 1 && !ts.isSpreadElement(e.elements[0]) && !ts.isOmittedExpression(e.elements[0])) {
    e = unwrapExpression(ts, e.elements[0]);
    depth++;
  }
  const value = !ts.isArrayLiteralExpression(e) && !ts.isObjectLiteralExpression(e) && !ts.isStringLiteralLike(e);
  // A tensor class's one-level list of a written number (`new onegrad.tensor([2], false)`, a constant exponent) is that
  // number too; a `Float32Array` or a `Set` of one number is no number.
  const written = ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand));
  if (!tensorClass && depth < 2) return undefined;
  return (depth >= 2 || (depth === 1 && written)) && value ? e : undefined;
}

/** The values a parameter is assigned in its own function before `use` (`data = data.map(…)` above `data.slice(…)`). */
export function assignedBefore(tree: SyntaxTree, use: TS.Identifier, d: Declaration & { kind: 'parameter' }): TS.Expression[] {
  const ts = tree.ts;
  return referencesTo(tree, d.fn, use.text, d)
    .map((r) => tree.parent(r))
    .filter((a): a is TS.BinaryExpression => !!a && ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.EqualsToken && a.end <= use.pos)
    .filter((a) => ts.isIdentifier(a.left) && a.left.text === use.text)
    .map((a) => a.right);
}
