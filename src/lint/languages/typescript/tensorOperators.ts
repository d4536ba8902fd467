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
import { functionValue } from './functionValues';
import { GRADIENT_CALL_NAMES, isGradientCall } from './gradientClosures';
import { resolveIdentifier } from './scope';
import { isFunctionNode, propertyName, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { TENSOR_OPS } from './tensorOps';

/** An operator between two operands written next to it: a name, a call's or an index's end, a number. */
const OPERATOR = /[\w$)\]]\s*(\*\*|\*|\/|-)(?![=*/-])\s*[\w$(]/g;
const MAX_SCANNED = 5000;
const OPS: Readonly<Record<string, string>> = { '*': 'mul', '/': 'div', '-': 'sub', '**': 'pow' };
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
  const cx = context(tree);
  let scanned = 0;
  for (const [from, to] of trainingRanges(cx)) for (const m of tree.text.slice(from, to).matchAll(OPERATOR)) {
    if (out.length >= MAX_PROBLEMS || ++scanned > MAX_SCANNED || expired()) break;
    const at = from + m.index! + m[0].indexOf(m[1]!, 1);
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
    if (seen.has(whole) || !inTraining(cx, whole) || !tensorish(cx, tf, whole, 0)) continue;
    seen.add(whole);
    // A short arithmetic is rewritten with ops; a long one (generated code) is only reported.
    const short = whole.end - tree.start(whole) <= 200;
    const operators = short ? [...new Set(operatorsOn(cx, tf, whole))].map((o) => `\`${o}\``).join(' and ') : `\`${node.operatorToken.getText(tree.file)}\``;
    const ns = tf.namespace ?? 'tf';
    const replacement = short ? asOps(cx, tf, whole, ns) : `${ns}.${OPS[node.operatorToken.getText(tree.file)]}(…)`;
    out.push({
      code: 'no-gradient',
      ...(returnedFrom(tree, whole) ? { voidsLoss: true } : {}),
      message: `JavaScript's ${operators} on a TF.js tensor gives NaN, not a tensor: training throws "Cannot find a connection".`,
      detail: `\`${tree.compactSource(whole)}\` applies JavaScript's arithmetic to a TF.js tensor, an object, so it is NaN, a number. The loss then no longer depends on the model, and model.fit() or optimizer.minimize() throws "Cannot find a connection between any variable and the result of the loss function". Use the ops: ${replacement}.`,
      fixes: short ? [{ title: 'Write the arithmetic with TF.js ops', edits: [{ start: tree.start(whole), end: whole.end, text: replacement }], preferred: true }] : [],
      start: tree.start(whole),
      end: whole.end,
    });
  }
  return out;
}

/**
 * Whether the arithmetic is part of what its function returns (`return tf.maximum(0, 1 - yTrue * yPred)`, an arrow's
 * body): then the loss itself is NaN. A debug line beside the loss (`const debug = 1 - y * p`) leaves the loss as it is.
 */
function returnedFrom(tree: SyntaxTree, node: TS.Node): boolean {
  const ts = tree.ts;
  let child: TS.Node = node;
  for (const a of tree.ancestors(node)) {
    if (ts.isReturnStatement(a)) return true;
    if (isFunctionNode(ts, a)) return ts.isArrowFunction(a) && a.body === child;
    if (ts.isStatement(a) || ts.isVariableDeclaration(a)) return false;
    child = a;
  }
  return false;
}

/** Whether arithmetic meets a tensor anywhere in it (`1 - yTrue * yPred`). */
function tensorish(cx: Context, tf: TfBindings, e: TS.Expression, depth: number): boolean {
  const { tree } = cx;
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (depth > MAX_DEPTH) return false;
  if (ts.isBinaryExpression(u) && OPS[u.operatorToken.getText(tree.file)] !== undefined) return tensorish(cx, tf, u.left, depth + 1) || tensorish(cx, tf, u.right, depth + 1);
  return isTensor(cx, tf, u, 0);
}

/** The operators of the arithmetic that meet a tensor, outermost first. */
function operatorsOn(cx: Context, tf: TfBindings, e: TS.Expression): string[] {
  const { tree } = cx;
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (!ts.isBinaryExpression(u) || OPS[u.operatorToken.getText(tree.file)] === undefined || !tensorish(cx, tf, u, 0)) return [];
  return [u.operatorToken.getText(tree.file), ...operatorsOn(cx, tf, u.left), ...operatorsOn(cx, tf, u.right)];
}

/** The arithmetic written with TF.js ops where it meets a tensor: `1 - yTrue * yPred` → `tf.sub(1, tf.mul(yTrue, yPred))`. */
function asOps(cx: Context, tf: TfBindings, e: TS.Expression, ns: string): string {
  const { tree } = cx;
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (!ts.isBinaryExpression(u) || OPS[u.operatorToken.getText(tree.file)] === undefined || !tensorish(cx, tf, u, 0)) return tree.source(e);
  return `${ns}.${OPS[u.operatorToken.getText(tree.file)]}(${asOps(cx, tf, u.left, ns)}, ${asOps(cx, tf, u.right, ns)})`;
}

/** Whether an expression is a TF.js tensor for certain: an op's result, a name given one, a compiled loss's parameter. */
function isTensor(cx: Context, tf: TfBindings, e: TS.Expression, depth: number): boolean {
  const { tree } = cx;
  const ts = tree.ts;
  if (depth > 4) return false;
  const u = unwrapExpression(ts, e);
  if (ts.isCallExpression(u)) {
    const path = tf.path(u.expression);
    if (path !== undefined) return Object.hasOwn(TENSOR_OPS, path) || /^(?:tensor[1-6]?d?|scalar|zeros|ones|fill|variable)$/.test(path);
    const callee = unwrapExpression(ts, u.expression);
    if (!ts.isPropertyAccessExpression(callee) || TO_NUMBERS.test(callee.name.text) || !Object.hasOwn(TENSOR_OPS, callee.name.text)) return false;
    return isTensor(cx, tf, callee.expression, depth + 1);
  }
  if (!ts.isIdentifier(u)) return false;
  const d = resolveIdentifier(tree, u);
  if (d?.kind === 'variable') return d.isConst && !!d.initializer && isTensor(cx, tf, d.initializer, depth + 1);
  if (d?.kind !== 'parameter') return false;
  const fn = d.fn as TS.Node;
  return isFunctionNode(ts, fn) && d.node !== undefined && (fn as FunctionNode).parameters.indexOf(d.node) < 2 && compiledLoss(cx, fn as FunctionNode);
}

/** What one scan of a file gives every question: the names compiled as losses, and each function's answers. */
interface Context {
  tree: SyntaxTree;
  /** `loss: hinge`, `loss: this.customLoss`: names the text gives `loss:` (not called there). */
  lossNames: ReadonlySet<string>;
  compiled: Map<TS.Node, boolean>;
  training: Map<TS.Node, boolean>;
}

function context(tree: SyntaxTree): Context {
  const lossNames = new Set<string>();
  if (/\bcompile\s*\(/.test(tree.text)) for (const m of tree.text.matchAll(/\bloss\s*:\s*(?:this\s*\.\s*)?([A-Za-z_$][\w$]*)\b(?!\s*[(.])/g)) lossNames.add(m[1]!);
  return { tree, lossNames, compiled: new Map(), training: new Map() };
}

/** Words that start a function the file may train with: a gradient call, a compiled loss, a name that says loss. */
const TRAINING_START = new RegExp(`\\b(?:${GRADIENT_CALL_NAMES})\\s*\\(|\\bloss\\s*:|(?:[lL]oss|[eE]ntropy|[oO]bjective|[cC]ost|[cC]riterion|[pP]enalty)[\\w$]*\\s*(?:=(?!=)|\\()`, 'g');

const GRADIENT_START = new RegExp(`^(?:${GRADIENT_CALL_NAMES})\\s*\\(`);

/**
 * The text ranges of the functions that train (each outermost once): found from the words that start them, so a large
 * file's other code is not read at all.
 */
function trainingRanges(cx: Context): [number, number][] {
  const { tree } = cx;
  const ts = tree.ts;
  const fns = new Set<TS.Node>();
  for (const m of tree.text.matchAll(TRAINING_START)) {
    if (fns.size >= 50) break;
    let n: TS.Node | undefined = tree.nodeAt(m.index!, m.index! + 1);
    // The call's or the property's function, or the function the name declares.
    for (let k = 0; n && k < 6 && !isFunctionNode(ts, n); k++) {
      const fn = functionIn(tree, n);
      // A function a gradient call is given by name trains, whatever it is called.
      if (fn && ts.isCallExpression(n) && GRADIENT_START.test(m[0])) cx.training.set(fn, true);
      if (fn) { n = fn; break; }
      n = tree.parent(n);
    }
    if (n && isFunctionNode(ts, n) && trainingFunction(cx, n as FunctionNode)) fns.add(n);
  }
  // The functions `loss:` names (`loss: hinge`), each at its first mention, in one scan of the text.
  const names = [...cx.lossNames].filter((n) => !fns.size || !SAYS_LOSS.test(n)).slice(0, 20);
  const pending = new Set(names);
  if (names.length) for (const m of tree.text.matchAll(new RegExp(`(?<![\\w$.])(?:${names.map((n) => n.replace(/\$/g, '\\$')).join('|')})\\b`, 'g'))) {
    if (!pending.delete(m[0])) continue;
    const id = tree.nodeAt(m.index!, m.index! + m[0].length);
    const d = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
    const fn = d?.kind === 'function' ? d.node : d?.kind === 'variable' && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
    if (fn && isFunctionNode(ts, fn)) fns.add(fn);
    if (pending.size === 0) break;
  }
  const ranges = [...fns].map((f) => [tree.start(f), f.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  // Outermost only: a function inside another is read with it.
  return ranges.filter((r, i) => !ranges.some((o, j) => j !== i && o[0] <= r[0] && r[1] <= o[1] && (o[0] < r[0] || o[1] > r[1] || j < i)));
}

/** The function a node holds or starts: a call's function argument, a property's or a declaration's value. */
function functionIn(tree: SyntaxTree, n: TS.Node): TS.Node | undefined {
  const ts = tree.ts;
  // A call's function, written there or named there (`optimizer.minimize(step)` with `const step = () => …`).
  if (ts.isCallExpression(n)) return n.arguments.map((a) => unwrapExpression(ts, a)).map((a) => (isFunctionNode(ts, a) ? a : ts.isIdentifier(a) ? functionValue(tree, a) : undefined)).find((a) => a !== undefined);
  const value = ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n) ? n.initializer : ts.isBinaryExpression(n) ? n.right : undefined;
  const v = value && unwrapExpression(ts, value);
  if (v && isFunctionNode(ts, v)) return v;
  return ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) ? n : undefined;
}

/** Whether a function is the loss given to `model.compile`: written there (`loss: (yTrue, yPred) => …`) or named there. */
function compiledLoss(cx: Context, fn: FunctionNode): boolean {
  const known = cx.compiled.get(fn);
  if (known !== undefined) return known;
  const { tree } = cx;
  const ts = tree.ts;
  let parent = tree.parent(fn);
  while (parent && ts.isParenthesizedExpression(parent)) parent = tree.parent(parent);
  const name = functionName(tree, fn).name;
  const found = parent && ts.isPropertyAssignment(parent) && propertyName(ts, parent.name) === 'loss' ? inCompile(tree, parent) : !!name && cx.lossNames.has(name);
  cx.compiled.set(fn, found);
  return found;
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
function inTraining(cx: Context, node: TS.Node): boolean {
  const ts = cx.tree.ts;
  const fn = [...cx.tree.ancestors(node)].find((a) => isFunctionNode(ts, a));
  return !!fn && trainingFunction(cx, fn as FunctionNode);
}

function trainingFunction(cx: Context, fn: FunctionNode): boolean {
  const known = cx.training.get(fn);
  if (known !== undefined) return known;
  const { tree } = cx;
  const ts = tree.ts;
  cx.training.set(fn, false);
  let found = compiledLoss(cx, fn);
  let parent = tree.parent(fn);
  while (parent && ts.isParenthesizedExpression(parent)) parent = tree.parent(parent);
  if (!found && parent && ts.isCallExpression(parent)) found = isGradientCall(ts, parent);
  const name = found ? undefined : functionName(tree, fn).name;
  if (!found && name && SAYS_LOSS.test(name)) found = true;
  // A callback inside such a function (`tf.tidy(() => …)` in a loss) trains with it.
  const outer = found ? undefined : [...tree.ancestors(fn)].find((a) => a !== fn && isFunctionNode(ts, a));
  if (outer) found = trainingFunction(cx, outer as FunctionNode);
  cx.training.set(fn, found);
  return found;
}
