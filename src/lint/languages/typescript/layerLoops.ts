/**
 * Layers added in a loop over a configuration array: `LAYERS.forEach((cfg) => model.add(tf.layers.dense(cfg)))`,
 * `for (const spec of config.layers) model.add(tf.layers.dense({ units: spec.units, activation: spec.activation }))`,
 * `tf.sequential({ layers: specs.map((s) => tf.layers.dense(s)) })`. The output layer is the one the last iteration
 * adds, so the loop variable is read as the array's last element. Only arrays the file writes out are read (a
 * literal, a const or configuration property holding one, the one argument every call gives a parameter).
 */
import type * as TS from 'typescript';
import { argumentsOf } from './functionValues';
import { readMember } from './objectValues';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** What a loop's variable holds on the iteration that adds the output layer, by the variable's declaration. */
export type LoopBindings = ReadonlyMap<TS.Node, TS.Expression>;

const ITERATING = new Set(['forEach', 'map', 'flatMap']);
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
  const ts = tree.ts;
  const bound = new Map<TS.Node, TS.Expression>();
  for (const a of tree.ancestors(node)) {
    if (created && a.pos <= created.pos && created.end <= a.end) break;
    if (ts.isForOfStatement(a) && ts.isVariableDeclarationList(a.initializer)) {
      const decl = a.initializer.declarations[0];
      const last = decl && ts.isIdentifier(decl.name) ? lastElement(tree, a.expression, 0) : undefined;
      if (decl && last) bound.set(decl, last);
    }
    const callback = isFunctionNode(ts, a) ? a : undefined;
    const call = callback ? tree.parent(callback) : undefined;
    if (callback && call && ts.isCallExpression(call) && call.arguments[0] === callback) {
      const callee = unwrapExpression(ts, call.expression);
      const param = callback.parameters[0];
      if (ts.isPropertyAccessExpression(callee) && ITERATING.has(callee.name.text) && param && ts.isIdentifier(param.name)) {
        const last = lastElement(tree, callee.expression, 0);
        if (last) bound.set(param, last);
      }
    }
  }
  return bound;
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
