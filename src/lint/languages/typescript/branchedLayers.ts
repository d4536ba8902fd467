/**
 * Layers added in the branches of an `if` or a `switch`: `if (numClasses === 2) model.add(dense(1, 'sigmoid')) else
 * model.add(dense(n, 'softmax'))` builds one model or the other, never both in a row.
 */
import type * as TS from 'typescript';
import { enclosingConditions, type Condition } from './configurationChoices';
import type { SyntaxTree } from './syntaxTree';

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
 * The ways `adds` (in source order) build a model whose last layers are added in branches that exclude each other:
 * per branch, the adds that run with it and the conditions it runs under. Undefined when the last add runs whatever
 * the branches do.
 */
export function branchedAdds(tree: SyntaxTree, adds: readonly TS.CallExpression[]): { adds: TS.CallExpression[]; when: Condition[] }[] | undefined {
  const last = adds[adds.length - 1];
  if (!last) return undefined;
  const rivals = adds.filter((a) => a !== last && exclusiveBranches(tree, a, last));
  if (rivals.length === 0) return undefined;
  // The last add of each branch: no later add runs with it.
  const ends = [last, ...rivals.filter((r) => !adds.some((b) => b.pos > r.pos && !exclusiveBranches(tree, r, b)))];
  return ends.map((end) => ({ adds: adds.filter((a) => a.pos <= end.pos && !exclusiveBranches(tree, a, end)), when: enclosingConditions(tree, end) }));
}
