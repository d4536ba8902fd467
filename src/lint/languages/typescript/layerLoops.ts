/**
 * Layers added in a loop over a configuration array: `LAYERS.forEach((cfg) => model.add(tf.layers.dense(cfg)))`,
 * `for (const spec of config.layers) model.add(tf.layers.dense({ units: spec.units, activation: spec.activation }))`,
 * `tf.sequential({ layers: specs.map((s) => tf.layers.dense(s)) })`. The output layer is the one the last iteration
 * adds, so the loop variable is read as the array's last element. Only arrays the file writes out are read (a
 * literal, a const or configuration property holding one, the one argument every call gives a parameter).
 */
import type * as TS from 'typescript';
import { argumentsOf } from './functionValues';
import { readMember, readMemberValues } from './objectValues';
import { arrayWrites, isEmptyArray } from './plainValues';
import { keepsItsValue, resolveIdentifier, type Declaration } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** What a loop's variable holds on the iteration that adds the output layer, by the variable's declaration. */
export type LoopBindings = ReadonlyMap<TS.Node, TS.Expression>;

const ITERATING = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every']);
const MAX_DEPTH = 6;

/** The value a bound name holds on the last iteration. */
export function boundValue(tree: SyntaxTree, id: TS.Identifier, bound: LoopBindings | undefined): TS.Expression | undefined {
  if (!bound || bound.size === 0) return undefined;
  const d = resolveIdentifier(tree, id);
  return d ? bound.get(d.node) : undefined;
}

/**
 * The bindings of the loops around `node` that run inside one model's construction (not those around `created`,
 * the `tf.sequential()` call: a loop that builds one model per task is not a loop of layers): each loop variable
 * whose array the file writes out, bound to that array's last element.
 */
export function lastIterationBindings(tree: SyntaxTree, node: TS.Node, created?: TS.Node): Map<TS.Node, TS.Expression> {
  const bound = new Map<TS.Node, TS.Expression>();
  for (const { variable, array } of layerLoops(tree, node, created)) {
    const last = lastElement(tree, array, 0);
    if (last) bound.set(variable, last);
  }
  return bound;
}

/**
 * The bindings of those loops once per array the callers hand in, when one loop runs over an array each call gives
 * another of (`createModel(config)` called with three configurations, `config.layers.forEach(…)`): one map per array,
 * undefined when the loops' arrays are each one or unknown.
 */
export function lastIterationWays(tree: SyntaxTree, node: TS.Node, created: TS.Node | undefined, max: number): Map<TS.Node, TS.Expression>[] | undefined {
  const loops = layerLoops(tree, node, created);
  const given = loops.map(({ array }) => (lastElement(tree, array, 0) ? undefined : lastElementsGiven(tree, array, max)));
  const at = given.findIndex((g) => g !== undefined);
  if (at < 0 || given.some((g, i) => i !== at && g !== undefined)) return undefined;
  const base = lastIterationBindings(tree, node, created);
  return given[at]!.map((last) => new Map([...base, [loops[at]!.variable, last]]));
}

/** The loops around `node` (inside `created`'s construction), inner first: each one's variable and the array it runs over. */
function layerLoops(tree: SyntaxTree, node: TS.Node, created?: TS.Node): { variable: TS.Node; array: TS.Expression }[] {
  const ts = tree.ts;
  const out: { variable: TS.Node; array: TS.Expression }[] = [];
  for (const a of tree.ancestors(node)) {
    if (created && a.pos <= created.pos && created.end <= a.end) break;
    if (ts.isForOfStatement(a) && ts.isVariableDeclarationList(a.initializer)) {
      const decl = a.initializer.declarations[0];
      if (decl && ts.isIdentifier(decl.name)) out.push({ variable: decl, array: a.expression });
    }
    const callback = isFunctionNode(ts, a) ? a : undefined;
    const call = callback ? tree.parent(callback) : undefined;
    if (callback && call && ts.isCallExpression(call) && call.arguments[0] === callback) {
      const callee = unwrapExpression(ts, call.expression);
      const param = callback.parameters[0];
      if (ts.isPropertyAccessExpression(callee) && ITERATING.has(callee.name.text) && param && ts.isIdentifier(param.name)) out.push({ variable: param, array: callee.expression });
    }
  }
  return out;
}

/** Calls of a builder looked at for the arrays they hand in. */
const MAX_CALLS = 32;

/**
 * The last element of each array the calls of this function hand in, where they hand in several (a parameter, or a
 * member of one: `config.layers`): two to `max` distinct ones written out in this file. A call whose array the file
 * does not write out (`createModel(loadLayers())`) adds none and hides none of the others.
 */
export function lastElementsGiven(tree: SyntaxTree, node: TS.Expression, max: number, depth = 0): TS.Expression[] | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  if (depth > MAX_DEPTH) return undefined;
  let values: TS.Expression[] = [];
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    if (d?.kind === 'parameter') values = argumentsOf(tree, d.node);
  } else if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
    const read = readMemberValues(tree, n);
    if (read.some((v) => v.tree !== tree)) return undefined;
    values = read.map((v) => v.node as TS.Expression);
  }
  if (values.length < 2 || values.length > MAX_CALLS) return undefined;
  // One per configuration as written: the same const handed in again, or the same literal written twice, is one.
  const out = new Map<string, TS.Expression>();
  for (const v of values) {
    const last = lastElement(tree, v, depth + 1);
    if (last && !out.has(tree.compactSource(last))) out.set(tree.compactSource(last), last);
  }
  return out.size > 1 && out.size <= max ? [...out.values()] : undefined;
}

/** The last element of an array the file writes out. */
export function lastElement(tree: SyntaxTree, node: TS.Expression, depth: number): TS.Expression | undefined {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrapExpression(ts, node);
  if (ts.isArrayLiteralExpression(n)) {
    const last = n.elements[n.elements.length - 1];
    return last && !ts.isSpreadElement(last) && !ts.isOmittedExpression(last) ? last : undefined;
  }
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    if (d?.kind === 'variable' && d.initializer && isEmptyArray(ts, d.initializer) && keepsItsValue(tree, n.text, d)) return lastPushed(tree, n.text, d);
    if (d?.kind === 'variable' && d.isConst && d.initializer) return lastElement(tree, d.initializer, depth + 1);
    if (d?.kind === 'parameter') {
      const given = argumentsOf(tree, d.node);
      return given.length === 1 ? lastElement(tree, given[0], depth + 1) : undefined;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
    const v = readMember(tree, n);
    return v && v.tree === tree ? lastElement(tree, v.node, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * `layers[i]` where `i` counts up to `layers.length` (`for (let i = 0; i < layers.length; i++)`): on the iteration that
 * adds the output layer, the array's last element.
 */
export function lastIndexedElement(tree: SyntaxTree, node: TS.ElementAccessExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const index = unwrapExpression(ts, node.argumentExpression);
  if (!ts.isIdentifier(index) || !lastIndexTexts(tree, index).includes(`${tree.compactSource(node.expression)}.length-1`)) return undefined;
  return lastElement(tree, node.expression, 0);
}

/**
 * `let layers = []; layers.push(conv); …; layers.push(tf.layers.dense({ units: 1, … }))`: what the last push written
 * gives, when every push is a statement of the array's own block (none in a branch or a loop, which would leave the
 * order to the run).
 */
function lastPushed(tree: SyntaxTree, name: string, d: Declaration & { kind: 'variable' }): TS.Expression | undefined {
  const ts = tree.ts;
  const block = tree.parent(tree.parent(tree.parent(d.node) ?? d.node) ?? d.node);
  const inBlock = (call: TS.Node) => {
    const statement = tree.parent(call);
    return !!statement && ts.isExpressionStatement(statement) && tree.parent(statement) === block;
  };
  const pushes = arrayWrites(tree, name, d).filter((w) => w.push);
  return pushes.every((w) => inBlock(w.node)) ? pushes[pushes.length - 1]?.value : undefined;
}

const EQUAL = new Set(['===', '==']);
const UNEQUAL = new Set(['!==', '!=']);

/**
 * Whether a test holds on the iteration that adds the output layer: `index === layers.length - 1` with `index` the
 * index of a `layers.forEach((l, index) => …)` callback, `i < n - 1` with `i` a `for (let i = …; i < n; i++)`
 * counter. Undefined when the test is about something else.
 */
export function onLastIteration(tree: SyntaxTree, test: TS.Expression): boolean | undefined {
  const ts = tree.ts;
  const t = unwrapExpression(ts, test);
  if (!ts.isBinaryExpression(t)) return undefined;
  const op = t.operatorToken.getText(tree.file);
  const [index, other] = ts.isIdentifier(unwrapExpression(ts, t.left)) ? [t.left, t.right] : [t.right, t.left];
  const id = unwrapExpression(ts, index);
  if (!ts.isIdentifier(id)) return undefined;
  const last = lastIndexTexts(tree, id);
  if (!last.includes(tree.compactSource(other))) return undefined;
  if (EQUAL.has(op)) return true;
  if (UNEQUAL.has(op)) return false;
  // On the last iteration the index equals the bound: `<` and `>` fail, `<=` and `>=` hold, whichever side it is on.
  if (op === '<' || op === '>') return false;
  if (op === '<=' || op === '>=') return true;
  return undefined;
}

/**
 * The texts of an index's last value: `arr.length - 1` for a forEach/map callback's index (also through the callback's
 * own array parameter, `(units, i, arch) => … arch.length - 1`), `n - 1` for a counter below `n`.
 */
function lastIndexTexts(tree: SyntaxTree, id: TS.Identifier): string[] {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  if (!d) return [];
  if (d.kind === 'parameter') {
    const array = iteratedBy(tree, d.node, 1);
    if (!array) return [];
    const own = (tree.parent(d.node) as TS.FunctionLikeDeclaration).parameters[2];
    return [`${tree.compactSource(array)}.length-1`, ...(own && ts.isIdentifier(own.name) ? [`${own.name.text}.length-1`] : [])];
  }
  const list = tree.parent(d.node);
  const loop = list && tree.parent(list);
  if (!loop || !ts.isForStatement(loop) || loop.initializer !== list || !loop.condition) return [];
  const cond = unwrapExpression(ts, loop.condition);
  if (!ts.isBinaryExpression(cond) || cond.operatorToken.kind !== ts.SyntaxKind.LessThanToken) return [];
  const left = unwrapExpression(ts, cond.left);
  if (!ts.isIdentifier(left) || left.text !== id.text) return [];
  const incremented = loop.incrementor && /^(?:\+\+\w+|\w+\+\+|\w+\+=1)$/.test(tree.compactSource(loop.incrementor));
  return incremented ? [`${tree.compactSource(cond.right)}-1`] : [];
}

/**
 * The array a callback's parameter runs over, when it is parameter `position` (0 the element, 1 the index) of a
 * callback given to `forEach`, `map` and the like: `rows.map((row, i) => …)`.
 */
export function iteratedBy(tree: SyntaxTree, parameter: TS.ParameterDeclaration, position: 0 | 1): TS.Expression | undefined {
  const ts = tree.ts;
  const callback = tree.parent(parameter);
  if (!callback || !isFunctionNode(ts, callback) || callback.parameters[position] !== parameter) return undefined;
  const call = tree.parent(callback);
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== callback) return undefined;
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && ITERATING.has(callee.name.text) ? callee.expression : undefined;
}
