/**
 * A function given to a gradient call that gives no tensor back: `optimizer.minimize(() => { loss(predict(xs), ys); })`,
 * a block body with no `return`, or an async function, which returns a Promise. TF.js takes what the function returns as
 * the loss and throws "The result y returned by f() must be a tensor." before any gradient is computed (measured with
 * TF.js 4.22 for minimize, computeGradients, variableGrads, grad, grads and valueAndGrad).
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import type { SourceFix } from '../../engine/types';
import { functionValue } from './functionValues';
import { GRADIENT_FUNCTIONS } from './siteDiscovery';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const CALL = /\b(minimize|computeGradients|variableGrads|valueAndGrads?|grads?)\s*\(/g;
/** Methods of an optimizer: a TF.js one when the file uses TF.js and the function takes no parameters, as TF.js calls it. */
const OPTIMIZER_METHODS = new Set(['minimize', 'computeGradients']);
const ERROR = 'The result y returned by f() must be a tensor.';
const MAX_PROBLEMS = 10;

export function voidGradientFunctions(tree: SyntaxTree, tf: TfBindings, outOfTime: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  if (!tree.mayHaveName('minimize', 'computeGradients', 'variableGrads', 'grad', 'grads', 'valueAndGrad', 'valueAndGrads')) return out;
  for (const m of tree.text.matchAll(CALL)) {
    if (out.length >= MAX_PROBLEMS || outOfTime()) break;
    const word = m[1]!;
    const id = tree.nodeAt(m.index!, m.index! + word.length);
    const access = id && tree.parent(id);
    const call = access && ts.isPropertyAccessExpression(access) && access.name === id ? tree.parent(access) : access;
    if (!call || !ts.isCallExpression(call) || !call.arguments[0]) continue;
    const callee = unwrapExpression(ts, call.expression);
    if (callee !== id && callee !== access) continue;
    const fn = functionValue(tree, call.arguments[0]);
    if (!fn?.body || !tfGradientCall(tf, call, word, fn)) continue;
    const isAsync = !!fn.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.AsyncKeyword);
    if (!isAsync && returnsValue(tree, fn, true)) continue;
    const written = tf.path(call.expression) ? `tf.${tf.path(call.expression)}` : `optimizer.${word}`;
    const inline = unwrapExpression(ts, call.arguments[0]) === fn;
    // The function's head (`() =>`, `function ()`), where the squiggle says which function it means.
    const head = ts.isArrowFunction(fn) ? fn.equalsGreaterThanToken.end : fn.body.pos;
    const at = inline ? { start: tree.start(fn), end: head } : { start: tree.start(call.arguments[0]), end: call.arguments[0].end };
    const what = isAsync ? 'is async, so it returns a Promise' : 'returns nothing (its block has no return)';
    const fix = isAsync ? undefined : returnFix(tree, fn.body as TS.Block);
    out.push({
      code: 'no-gradient',
      message: `The function given to ${written} ${what}: TF.js throws "${ERROR}"`,
      detail: `${written} takes what its function returns as the value to differentiate, so the function must return the loss tensor. This one ${what}, and ${written} throws "${ERROR}" before any gradient is computed. ${isAsync ? 'Compute the loss synchronously (await the data before the step) and return it.' : 'Return the loss: `() => { …; return loss; }`, or write the function as an expression, `() => loss(model.predict(xs), ys)`.'}`,
      start: at.start,
      end: at.end,
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
  return out;
}

/** `tf.variableGrads(f)`, `tf.grad(f)` …, or `optimizer.minimize(f)` of a parameterless function in a TF.js file. */
function tfGradientCall(tf: TfBindings, call: TS.CallExpression, word: string, fn: FunctionNode): boolean {
  const path = tf.path(call.expression);
  if (path === 'variableGrads' || (path !== undefined && GRADIENT_FUNCTIONS.has(path))) return true;
  return path === undefined && OPTIMIZER_METHODS.has(word) && fn.parameters.length === 0 && (tf.namespace !== undefined || tf.named.size > 0);
}

/**
 * Whether a function gives a value back: an expression body, or a `return value` of its own, not of a function inside
 * it. With `orThrows`, a `throw` of its own counts too: the function may not end normally (`tf.grad(x => { throw … })`
 * tests the error of a forward pass).
 */
export function returnsValue(tree: SyntaxTree, fn: FunctionNode, orThrows = false): boolean {
  const ts = tree.ts;
  if (!fn.body || !ts.isBlock(fn.body)) return !!fn.body;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || (n !== fn.body && isFunctionNode(ts, n))) return;
    if ((ts.isReturnStatement(n) && n.expression) || (orThrows && ts.isThrowStatement(n))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
}

/** `return` before the block's last statement when that is the loss computed and dropped (`loss(pred, ys);`). */
function returnFix(tree: SyntaxTree, body: TS.Block): SourceFix | undefined {
  const ts = tree.ts;
  const last = body.statements[body.statements.length - 1];
  if (!last || !ts.isExpressionStatement(last)) return undefined;
  const e = unwrapExpression(ts, last.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && e.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return undefined;
  if (!ts.isCallExpression(e) && !ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return undefined;
  const start = tree.start(last);
  return { title: 'Return the loss', edits: [{ start, end: start, text: 'return ' }], preferred: true };
}
