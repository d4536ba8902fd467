/**
 * A forward pass written by hand as a loop over layers, as Core-API code writes a small MLP:
 *
 *     function fwd(v, x) { let a = x; for (let l = 0; l < v.Ws.length; l++) { a = tf.matMul(a, v.Ws[l]).add(v.bs[l]); … } return a; }
 *
 * The loop cannot be read as a formula (each pass applies a layer to what the pass before made), but in a training step what it returns is the model's output, as
 * `model.predict(x)` is: the losses around it (a PPO ratio, clip and min) are read on that output.
 */
import type * as TS from 'typescript';
import { SAYS_LOSS, functionName } from './functionNames';
import { functionValue, returnedExpressions } from './functionValues';
import { resolveIdentifier } from './scope';
import { SAME_VALUES } from './writtenNumbers';
import { unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** Layer products: a dense layer's matMul or dot. */
const LAYER_OPS = new Set(['matMul', 'dot']);
const found = new WeakMap<FunctionNode, boolean>();

export function isLoopNetwork(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode, depth = 0): boolean {
  let known = found.get(fn);
  if (known === undefined) {
    found.set(fn, false);
    const { name } = functionName(tree, fn);
    known = !(name && SAYS_LOSS.test(name)) && (loopNetwork(tree, tf, fn) || (depth < MAX_DEPTH && returnsLoopNetwork(tree, tf, fn, depth)));
    found.set(fn, known);
  }
  return known;
}

/** A function that returns such a pass's output, reshaped or not (`qFwd(v, s, a)` returning `fwd(v, concat(s, a)).reshape([-1])`). */
function returnsLoopNetwork(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode, depth: number): boolean {
  const ts = tree.ts;
  const returned = returnedExpressions(tree, fn);
  return returned.length > 0 && returned.every((r) => {
    let e = unwrapExpression(ts, r);
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && SAME_VALUES.has(e.expression.name.text)) e = unwrapExpression(ts, e.expression.expression);
    const callee = ts.isCallExpression(e) ? functionValue(tree, e.expression) : undefined;
    return !!callee && callee !== fn && isLoopNetwork(tree, tf, callee, depth + 1);
  });
}

const MAX_DEPTH = 3;

/** A call of such a forward pass (`fwd(aVars, obs)`): a model run, like `model.predict(obs)`. */
export function callsLoopNetwork(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): boolean {
  const fn = functionValue(tree, call.expression);
  return !!fn && isLoopNetwork(tree, tf, fn);
}

function loopNetwork(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode): boolean {
  const ts = tree.ts;
  if (!fn.body || !ts.isBlock(fn.body)) return false;
  // What it returns is one local variable, every time.
  const returned = returnedExpressions(tree, fn).map((r) => unwrapExpression(ts, r));
  if (returned.length === 0 || !returned.every((r) => ts.isIdentifier(r))) return false;
  const decls = new Set(returned.map((r) => resolveIdentifier(tree, r as TS.Identifier)?.node));
  if (decls.size !== 1) return false;
  const decl = [...decls][0];
  if (!decl || !ts.isVariableDeclaration(decl)) return false;
  // A loop of the function's body assigns it a layer's product of itself.
  return fn.body.statements.some((st) => ts.isIterationStatement(st, false) && assignsLayerOf(tree, tf, st, decl));
}

function assignsLayerOf(tree: SyntaxTree, tf: TfBindings, loop: TS.Node, decl: TS.VariableDeclaration): boolean {
  const ts = tree.ts;
  let hit = false;
  const visit = (n: TS.Node): void => {
    if (hit) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && resolveIdentifier(tree, n.left)?.node === decl && layerOfItself(tree, tf, n.right, decl)) {
      hit = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(loop);
  return hit;
}

/** Whether an expression applies a layer to the variable itself: `tf.matMul(a, W)`, `a.matMul(W)` (a sum of products of other things is not a layer). */
function layerOfItself(tree: SyntaxTree, tf: TfBindings, e: TS.Node, decl: TS.VariableDeclaration): boolean {
  const ts = tree.ts;
  if (ts.isCallExpression(e)) {
    const path = tf.path(e.expression);
    const callee = unwrapExpression(ts, e.expression);
    const input = path !== undefined && LAYER_OPS.has(path) ? e.arguments[0] : path === undefined && ts.isPropertyAccessExpression(callee) && LAYER_OPS.has(callee.name.text) ? callee.expression : undefined;
    const id = input && unwrapExpression(ts, input);
    if (id && ts.isIdentifier(id) && resolveIdentifier(tree, id)?.node === decl) return true;
  }
  return ts.forEachChild(e, (c) => (layerOfItself(tree, tf, c, decl) ? true : undefined)) ?? false;
}
