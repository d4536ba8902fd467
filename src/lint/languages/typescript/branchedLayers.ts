/**
 * Layers added in the branches of an `if` or a `switch`: `if (numClasses === 2) model.add(dense(1, 'sigmoid')) else
 * model.add(dense(n, 'softmax'))` builds one model or the other, never both in a row.
 */
import type * as TS from 'typescript';
import { conditionsOfTest, enclosingConditions, type Condition } from './configurationChoices';
import { returnedWays } from './builderCalls';
import type { ModelInfo } from './modelInfo';
import { assignmentsOfDeclaredEmpty, resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** Whether two nodes sit in branches that exclude each other (then/else, the two sides of a `?:`, two cases). */
export function exclusiveBranches(tree: SyntaxTree, a: TS.Node, b: TS.Node): boolean {
  const ts = tree.ts;
  const above = [...tree.ancestors(b)];
  let branch: TS.Node = a;
  for (const at of tree.ancestors(a)) {
    if (above.includes(at)) {
      // `at` is where the two meet: `branch` holds a, `other` holds b.
      const other = above.find((x) => tree.parent(x) === at) ?? b;
      if (ts.isIfStatement(at)) return new Set([branch, other]).size === 2 && [branch, other].every((x) => x === at.thenStatement || x === at.elseStatement);
      if (ts.isConditionalExpression(at)) return new Set([branch, other]).size === 2 && [branch, other].every((x) => x === at.whenTrue || x === at.whenFalse);
      return ts.isCaseBlock(at) && branch !== other;
    }
    branch = at;
  }
  return false;
}

/**
 * The ways `adds` (in the order they run) build a model whose last layers are added in branches that exclude each
 * other: per branch, the adds that run with it and the conditions it runs under. Undefined when the last add runs
 * whatever the branches do. `placeOf` is where an add runs: its own call, or the call of the helper that makes it
 * (`case 'anomaly': this.buildAnomaly(model); break;`).
 */
export function branchedAdds(tree: SyntaxTree, adds: readonly TS.CallExpression[], use?: TS.Node, placeOf: (a: TS.CallExpression) => TS.Node = (a) => a): { adds: TS.CallExpression[]; when: Condition[] }[] | undefined {
  const last = adds[adds.length - 1];
  if (!last) return undefined;
  const apart = (a: TS.CallExpression, b: TS.CallExpression) => exclusiveBranches(tree, placeOf(a), placeOf(b));
  const rivals = adds.filter((a) => a !== last && apart(a, last));
  if (rivals.length === 0) return optionalAdds(tree, adds, last, use, placeOf);
  // The last add of each branch: no later add runs with it.
  const order = new Map(adds.map((a, i) => [a, i]));
  const ends = [last, ...rivals.filter((r) => !adds.some((b, j) => j > order.get(r)! && !apart(r, b)))];
  return ends.map((end) => ({ adds: adds.filter((a, i) => i <= order.get(end)! && !apart(a, end)), when: enclosingConditions(tree, placeOf(end)) }));
}

/**
 * `if (!fromLogits) model.add(tf.layers.activation({ activation: 'sigmoid' }))`: the last layers added under an `if`
 * without an `else` are there when its test holds, and the model ends in the layer before them when it fails (for a
 * use inside that `if`, they are there).
 */
function optionalAdds(tree: SyntaxTree, adds: readonly TS.CallExpression[], last: TS.CallExpression, use: TS.Node | undefined, placeOf: (a: TS.CallExpression) => TS.Node): { adds: TS.CallExpression[]; when: Condition[] }[] | undefined {
  const ts = tree.ts;
  let guard: TS.IfStatement | undefined;
  let child: TS.Node = placeOf(last);
  for (const a of tree.ancestors(placeOf(last))) {
    if (isFunctionNode(ts, a)) break;
    if (ts.isIfStatement(a) && !a.elseStatement && child === a.thenStatement) guard = a;
    child = a;
  }
  const within = (n: TS.Node) => guard!.thenStatement.pos <= n.pos && n.end <= guard!.thenStatement.end;
  // Used inside the same `if` (a compile or return in its branch): the test holds there, the layers are there.
  if (!guard || (use && within(use))) return undefined;
  const before = adds.filter((a) => !within(placeOf(a)));
  if (before.length === 0 || before.some((a) => placeOf(a).pos > guard!.end)) return undefined;
  return [
    { adds: [...adds], when: enclosingConditions(tree, placeOf(last)) },
    { adds: before, when: [...enclosingConditions(tree, guard), ...conditionsOfTest(tree, guard.expression, false)] },
  ];
}

/**
 * A model variable given one model or another in branches that exclude each other (`let net; switch (kind) { case
 * 'regression': net = this.regression(); break; default: net = this.classifier(); }`): each model, under the tests
 * that choose it, when they differ (as a builder's returns are read). `sources` are the values the variable is given,
 * `read` the model of one.
 */
export function branchedModelWays(
  tree: SyntaxTree,
  sources: readonly TS.Expression[],
  initializer: TS.Expression | undefined,
  ref: TS.Node | undefined,
  read: (source: TS.Expression) => ModelInfo | undefined,
  max: number,
): ModelInfo | undefined {
  const ts = tree.ts;
  const assigned = sources.filter((x) => x !== initializer).map((x) => tree.parent(x)!);
  const declaredEmpty = !initializer || unwrapExpression(ts, initializer).kind === ts.SyntaxKind.NullKeyword;
  if (!declaredEmpty || assigned.length < 2 || assigned.length > max || !ref) return undefined;
  if (!assigned.every((a, i) => assigned.every((b, j) => i === j || exclusiveBranches(tree, a, b)))) return undefined;
  const d = ts.isIdentifier(ref) ? resolveIdentifier(tree, ref) : undefined;
  const stop = d?.kind === 'variable' ? d.container : undefined;
  const ways: ModelInfo[] = [];
  for (const a of assigned) {
    const m = ts.isBinaryExpression(a) ? read(a.right) : undefined;
    if (!m) return undefined;
    ways.push({ ...m, when: enclosingConditions(tree, a, undefined, stop) });
  }
  return returnedWays(ways, max);
}

/**
 * The values a variable declared without one is assigned in branches that exclude each other (`let output; if (…)
 * output = …; else output = …`); none when one assignment follows another (`x = dense(…).apply(x)` in sequence).
 */
export function branchValues(tree: SyntaxTree, node: TS.Expression): { value: TS.Expression; when: Condition[] }[] {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  const assignments = ts.isIdentifier(n) ? assignmentsOfDeclaredEmpty(tree, n) : undefined;
  if (!assignments) return [];
  const exclusive = assignments.every((a, i) => assignments.every((b, j) => i === j || exclusiveBranches(tree, a, b)));
  const container = ts.isIdentifier(n) ? resolveIdentifier(tree, n) : undefined;
  const stop = container?.kind === 'variable' ? container.container : undefined;
  return exclusive ? assignments.map((a) => ({ value: a.right, when: enclosingConditions(tree, a, undefined, stop) })) : [];
}
