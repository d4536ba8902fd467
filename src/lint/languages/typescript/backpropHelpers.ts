/**
 * Helpers of hand-written backpropagation's reading (backpropDeltas.ts): a function of the file that only makes the
 * error (Nielsen's `cost_derivative(output_activations, y)`), the name a function is called by, a matrix library
 * called as a module, and `1 − x` in its written forms.
 */
import type * as TS from 'typescript';
import { SUBTRACTION, TARGET_NAME, OUTPUT_NAME } from './backpropNames';
import { returnedExpressions } from './functionValues';
import { isOne } from './sigmoidDerivatives';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { wordsAt } from './wordSearch';
import { outputLayerBranches } from './outputLayerTests';

/**
 * A function that returns the difference of two of its parameters, a target and an output by their names
 * (`cost_derivative(output_activations, y) { return output_activations.sub(y); }`): their positions.
 */
export function errorHelper(tree: SyntaxTree, fn: FunctionNode): { target: number; output: number } | undefined {
  // Asked at every call of a function being read: each helper is looked at once.
  if (!helpersRead.has(fn)) helpersRead.set(fn, errorHelperOnce(tree, fn) ?? null);
  return helpersRead.get(fn) ?? undefined;
}

const helpersRead = new WeakMap<FunctionNode, { target: number; output: number } | null>();

function errorHelperOnce(tree: SyntaxTree, fn: FunctionNode): { target: number; output: number } | undefined {
  const ts = tree.ts;
  const returned = returnedExpressions(tree, fn);
  if (returned.length !== 1) return undefined;
  const r = unwrapExpression(ts, returned[0]!);
  let sides: [TS.Expression, TS.Expression] | undefined;
  if (ts.isBinaryExpression(r) && r.operatorToken.kind === ts.SyntaxKind.MinusToken) sides = [r.left, r.right];
  else if (ts.isCallExpression(r)) {
    const callee = unwrapExpression(ts, r.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const [a, b] = r.arguments;
    if (SUBTRACTION.test(name) && ts.isPropertyAccessExpression(callee) && a && !b) sides = [callee.expression, a];
    else if (SUBTRACTION.test(name) && a && b) sides = [a, b];
  }
  const index = (e: TS.Expression) => {
    const u = unwrapExpression(ts, e);
    return ts.isIdentifier(u) ? fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === u.text) : -1;
  };
  const [left, right] = sides ? [index(sides[0]), index(sides[1])] : [-1, -1];
  if (left < 0 || right < 0) return undefined;
  const [leftName, rightName] = [(fn.parameters[left]!.name as TS.Identifier).text, (fn.parameters[right]!.name as TS.Identifier).text];
  if (TARGET_NAME.test(leftName) && OUTPUT_NAME.test(rightName)) return { target: left, output: right };
  return OUTPUT_NAME.test(leftName) && TARGET_NAME.test(rightName) ? { target: right, output: left } : undefined;
}

/** The name a function is called by: its own, or the variable or property it is assigned to. */
export function helperName(tree: SyntaxTree, fn: FunctionNode): string | undefined {
  const ts = tree.ts;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = tree.parent(fn);
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/**
 * `Matrix`, `NeuralNetwork` (a capitalised name), `np`, `math`: a class or module whose `multiply(a, b)` is a function of
 * its arguments, not a method of a value.
 */
export function isLibrary(ts: typeof TS, e: TS.Expression): boolean {
  const u = unwrapExpression(ts, e);
  return ts.isIdentifier(u) && ((/^[A-Z]/.test(u.text) && !/^[A-Z0-9_]+$/.test(u.text)) || /^(?:np|math|mathjs|nj|numjs|la|linalg|utils?|m)$/.test(u.text));
}

/** `1 - x`, `subtract(1, x)`, `matrix(subtract(1, x))`, `tf.scalar(1).sub(x)`: the x. */
export function oneMinus(ts: typeof TS, e: TS.Expression): TS.Expression | undefined {
  let u = unwrapExpression(ts, e);
  if (ts.isCallExpression(u) && u.arguments.length === 1 && /^(?:matrix|Matrix)$/.test(ts.isIdentifier(u.expression) ? u.expression.text : '')) u = unwrapExpression(ts, u.arguments[0]!);
  if (ts.isBinaryExpression(u)) return u.operatorToken.kind === ts.SyntaxKind.MinusToken && isOne(ts, u.left) ? u.right : undefined;
  if (!ts.isCallExpression(u)) return undefined;
  const callee = unwrapExpression(ts, u.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (!SUBTRACTION.test(name)) return undefined;
  // A method of the one itself: `dl.scalar(1).sub(o)`.
  if (u.arguments.length === 1) return ts.isPropertyAccessExpression(callee) && isOne(ts, callee.expression) ? u.arguments[0] : undefined;
  return u.arguments.length === 2 && isOne(ts, u.arguments[0]!) ? u.arguments[1] : undefined;
}

/** Methods of arrays, strings, the console and Math: they keep, show or measure an error, never backpropagate it. */
export const BUILT_IN_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'concat', 'splice', 'set', 'add', 'fill', 'map', 'forEach', 'reduce', 'filter', 'log', 'info', 'warn', 'error', 'debug', 'toFixed', 'toString', 'abs', 'pow', 'sqrt', 'max', 'min', 'round', 'floor', 'exp', 'String', 'Number', 'isFinite', 'isNaN']);

/** A parameter that takes an error by its name: `error`, `err`, `outputError`, `delta`, `gradient`, `erro`. */
export const ERROR_PARAMETER = /err|delta|grad|diff|signal/i;

/** The derivative each function multiplies a parameter by (null: none), by function and parameter index: asked once. */
export const PARAMETER_DERIVATIVES = new WeakMap<FunctionNode, Map<number, TS.Expression | null>>();

/** Methods of one name looked at, at most: a name many classes use says too little of which one is called. */
const MAX_METHODS = 4;

/**
 * The methods and function-valued properties of the file's classes and objects called `name`
 * (`backpropagate(error) { this.delta = error * sigmoidDerivative(this.output); }` of a Neuron class): what
 * `neuron.backpropagate(err)` may call when the object's class is not known.
 */
export function methodsNamed(tree: SyntaxTree, name: string): FunctionNode[] {
  let byName = methodsByTree.get(tree);
  if (!byName) methodsByTree.set(tree, (byName = new Map()));
  let found = byName.get(name);
  if (!found) byName.set(name, (found = methodsNamedOnce(tree, name)));
  return found;
}

/** The methods of each name, found once per parse: a file's calls ask for the same few names again and again. */
const methodsByTree = new WeakMap<SyntaxTree, Map<string, FunctionNode[]>>();

function methodsNamedOnce(tree: SyntaxTree, name: string): FunctionNode[] {
  const ts = tree.ts;
  const out: FunctionNode[] = [];
  for (const at of wordsAt(tree.text, name)) {
    const id = tree.nodeAt(at, at + name.length);
    const parent = id && tree.parent(id);
    if (!parent || !ts.isIdentifier(id) || id.text !== name) continue;
    const fn = ts.isMethodDeclaration(parent) && parent.name === id ? parent
      : (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === id && parent.initializer && isFunctionNode(ts, unwrapExpression(ts, parent.initializer)) ? unwrapExpression(ts, parent.initializer)
      : undefined;
    if (fn && isFunctionNode(ts, fn) && fn.body) out.push(fn as FunctionNode);
    if (out.length > MAX_METHODS) return [];
  }
  return out;
}

/**
 * Whether a node lies in the branch of a choice that the output layer does not take (`this.isOutput ? error : error *
 * sigmoidDerivative(this.output)`, the second branch): what it computes is the hidden layers' delta, every loss's.
 */
export function inHiddenLayerBranch(tree: SyntaxTree, node: TS.Node, within: TS.Node): boolean {
  const ts = tree.ts;
  let child: TS.Node = node;
  for (const a of tree.ancestors(node)) {
    if (a === within) return false;
    if (ts.isConditionalExpression(a) && (child === a.whenTrue || child === a.whenFalse)) {
      const kept = outputLayerBranches(ts, a);
      if (kept.length > 0 && !kept.includes(child as TS.Expression)) return true;
    }
    child = a;
  }
  return false;
}
