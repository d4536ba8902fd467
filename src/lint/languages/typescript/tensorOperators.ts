/**
 * JavaScript's arithmetic operators on TF.js tensors: `tf.maximum(0, 1 - yTrue * yPred)` in a loss given to compile.
 * A tensor is an object, so `yTrue * yPred` is NaN, a number: the loss no longer depends on the model, and training
 * throws "Cannot find a connection between any variable and the result of the loss function" (TF.js 4.22, measured in
 * the oracle test). TypeScript rejects the operator on a `Tensor`; JavaScript does not.
 *
 * Reported only where an operand is a tensor for certain: the result of a TF.js op (`tf.sub(a, b) * 2`,
 * `yPred.square() - 1`, or a name given one), or a parameter of a function given to `model.compile` as its loss; and
 * only in code that trains (a compiled loss, a function given to a gradient call, a function named as a loss).
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { SAYS_LOSS, functionName } from './functionNames';
import { resolveIdentifier } from './scope';
import { isFunctionNode, propertyName, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { TENSOR_OPS } from './tensorOps';

/** An operator between two operands written next to it: a name, a call's or an index's end, a number. */
const OPERATOR = /[\w$)\]]\s*(\*\*|\*|\/|-)(?![=*/-])\s*[\w$(]/g;
const MAX_SCANNED = 5000;
const OPS: Readonly<Record<string, string>> = { '*': 'mul', '/': 'div', '-': 'sub', '**': 'pow' };
const GRADIENT_CALL = /^(?:minimize|variableGrads|grads|grad|valueAndGrads|valueAndGrad|computeGradients)$/;
/** Methods of a tensor that give numbers back, not a tensor. */
const TO_NUMBERS = /^(?:dataSync|arraySync|data|array|bufferSync|buffer|size|rank|dtype|print|toString)$/;
const MAX_PROBLEMS = 10;
/** How deep an arithmetic is read: past it (generated code), nothing is reported. */
const MAX_DEPTH = 60;

export function tensorOperatorProblems(tree: SyntaxTree, tf: TfBindings, expired: () => boolean): FrontEndProblem[] {
  const out: FrontEndProblem[] = [];
  const ts = tree.ts;
  if (!tree.mayHaveName('compile', 'minimize', 'variableGrads', 'grads', 'grad', 'computeGradients') && !tree.mayHaveIdentifier((n) => SAYS_LOSS.test(n))) return out;
  const seen = new Set<TS.Node>();
  // Operators already inside an arithmetic read whole: a long chain is climbed once.
  const climbed = new Set<TS.Node>();
  let scanned = 0;
  for (const m of tree.text.matchAll(OPERATOR)) {
    if (out.length >= MAX_PROBLEMS || ++scanned > MAX_SCANNED || expired()) break;
    const at = m.index! + m[0].indexOf(m[1]!, 1);
    const token = tree.nodeAt(at, at + m[1]!.length);
    const node = token && tree.parent(token);
    if (!node || !ts.isBinaryExpression(node) || node.operatorToken !== token || OPS[m[1]!] === undefined) continue;
    // The whole arithmetic around it (`1 - yTrue * yPred`): each operator there that meets a tensor is NaN, and one fix
    // writes them all as ops.
    if (climbed.has(node)) continue;
    let whole: TS.BinaryExpression = node;
    for (let p = tree.parent(whole); p && !climbed.has(whole); p = tree.parent(p)) {
      climbed.add(whole);
      if (ts.isParenthesizedExpression(p)) continue;
      if (!ts.isBinaryExpression(p) || OPS[p.operatorToken.getText(tree.file)] === undefined) break;
      whole = p;
    }
    if (seen.has(whole) || !tensorish(tree, tf, whole, 0) || !inTraining(tree, whole)) continue;
    seen.add(whole);
    // A short arithmetic is rewritten with ops; a long one (generated code) is only reported.
    const short = whole.end - tree.start(whole) <= 200;
    const operators = short ? [...new Set(operatorsOn(tree, tf, whole))].map((o) => `\`${o}\``).join(' and ') : `\`${node.operatorToken.getText(tree.file)}\``;
    const ns = tf.namespace ?? 'tf';
    const replacement = short ? asOps(tree, tf, whole, ns) : `${ns}.${OPS[node.operatorToken.getText(tree.file)]}(…)`;
    out.push({
      code: 'no-gradient',
      message: `JavaScript's ${operators} on a TF.js tensor gives NaN, not a tensor: training throws "Cannot find a connection".`,
      detail: `\`${tree.compactSource(whole)}\` applies JavaScript's arithmetic to a TF.js tensor, an object, so it is NaN, a number. The loss then no longer depends on the model, and model.fit() or optimizer.minimize() throws "Cannot find a connection between any variable and the result of the loss function". Use the ops: ${replacement}.`,
      fixes: short ? [{ title: 'Write the arithmetic with TF.js ops', edits: [{ start: tree.start(whole), end: whole.end, text: replacement }], preferred: true }] : [],
      start: tree.start(whole),
      end: whole.end,
    });
  }
  return out;
}

/** Whether arithmetic meets a tensor anywhere in it (`1 - yTrue * yPred`). */
function tensorish(tree: SyntaxTree, tf: TfBindings, e: TS.Expression, depth: number): boolean {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (depth > MAX_DEPTH) return false;
  if (ts.isBinaryExpression(u) && OPS[u.operatorToken.getText(tree.file)] !== undefined) return tensorish(tree, tf, u.left, depth + 1) || tensorish(tree, tf, u.right, depth + 1);
  return isTensor(tree, tf, u, 0);
}

/** The operators of the arithmetic that meet a tensor, outermost first. */
function operatorsOn(tree: SyntaxTree, tf: TfBindings, e: TS.Expression): string[] {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (!ts.isBinaryExpression(u) || OPS[u.operatorToken.getText(tree.file)] === undefined || !tensorish(tree, tf, u, 0)) return [];
  return [u.operatorToken.getText(tree.file), ...operatorsOn(tree, tf, u.left), ...operatorsOn(tree, tf, u.right)];
}

/** The arithmetic written with TF.js ops where it meets a tensor: `1 - yTrue * yPred` → `tf.sub(1, tf.mul(yTrue, yPred))`. */
function asOps(tree: SyntaxTree, tf: TfBindings, e: TS.Expression, ns: string): string {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (!ts.isBinaryExpression(u) || OPS[u.operatorToken.getText(tree.file)] === undefined || !tensorish(tree, tf, u, 0)) return tree.source(e);
  return `${ns}.${OPS[u.operatorToken.getText(tree.file)]}(${asOps(tree, tf, u.left, ns)}, ${asOps(tree, tf, u.right, ns)})`;
}

/** Whether an expression is a TF.js tensor for certain: an op's result, a name given one, a compiled loss's parameter. */
function isTensor(tree: SyntaxTree, tf: TfBindings, e: TS.Expression, depth: number): boolean {
  const ts = tree.ts;
  if (depth > 4) return false;
  const u = unwrapExpression(ts, e);
  if (ts.isCallExpression(u)) {
    const path = tf.path(u.expression);
    if (path !== undefined) return Object.hasOwn(TENSOR_OPS, path) || /^(?:tensor[1-6]?d?|scalar|zeros|ones|fill|variable)$/.test(path);
    const callee = unwrapExpression(ts, u.expression);
    if (!ts.isPropertyAccessExpression(callee) || TO_NUMBERS.test(callee.name.text) || !Object.hasOwn(TENSOR_OPS, callee.name.text)) return false;
    return isTensor(tree, tf, callee.expression, depth + 1);
  }
  if (!ts.isIdentifier(u)) return false;
  const d = resolveIdentifier(tree, u);
  if (d?.kind === 'variable') return d.isConst && !!d.initializer && isTensor(tree, tf, d.initializer, depth + 1);
  if (d?.kind !== 'parameter') return false;
  const fn = d.fn as TS.Node;
  return isFunctionNode(ts, fn) && d.node !== undefined && (fn as FunctionNode).parameters.indexOf(d.node) < 2 && compiledLoss(tree, fn as FunctionNode);
}

/** Whether a function is the loss given to `model.compile`: written there (`loss: (yTrue, yPred) => …`) or named there. */
function compiledLoss(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  let parent = tree.parent(fn);
  while (parent && ts.isParenthesizedExpression(parent)) parent = tree.parent(parent);
  if (parent && ts.isPropertyAssignment(parent) && propertyName(ts, parent.name) === 'loss') return inCompile(tree, parent);
  const name = functionName(tree, fn).name;
  if (!name || !/\bcompile\s*\(/.test(tree.text)) return false;
  return new RegExp(`\\bloss\\s*:\\s*(?:this\\s*\\.\\s*)?${name.replace(/\$/g, '\\$')}\\b(?!\\s*\\()`).test(tree.text);
}

function inCompile(tree: SyntaxTree, property: TS.Node): boolean {
  const ts = tree.ts;
  const literal = tree.parent(property);
  const call = literal && tree.parent(literal);
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'compile';
}

/** Whether the operator is in code that trains: a compiled loss, a closure a gradient call is given, a loss-named function. */
function inTraining(tree: SyntaxTree, node: TS.Node): boolean {
  const ts = tree.ts;
  for (const a of tree.ancestors(node)) {
    if (!isFunctionNode(ts, a)) continue;
    if (compiledLoss(tree, a)) return true;
    let parent = tree.parent(a);
    while (parent && ts.isParenthesizedExpression(parent)) parent = tree.parent(parent);
    if (parent && ts.isCallExpression(parent)) {
      const callee = unwrapExpression(ts, parent.expression);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      if (GRADIENT_CALL.test(name)) return true;
    }
    const name = functionName(tree, a).name;
    if (name && SAYS_LOSS.test(name)) return true;
  }
  return false;
}
