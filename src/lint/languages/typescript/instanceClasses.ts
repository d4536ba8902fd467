/**
 * The class an object is an instance of, when the code shows one: `new Net(3)` itself, a variable given `new
 * Net(…)`, or a field of a class given `new Net(…)` (`this.neuralModel = new Model(7, 50, 4)`) and nothing else. Used
 * to follow a model kept in a field of another object (`agent.actor.compile(…)`, `this.net.actor.compile(…)`).
 */
import type * as TS from 'typescript';
import { ownMemberValues, thisOwner } from './objectValues';
import { assignmentsTo, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

export function instanceClass(tree: SyntaxTree, expr: TS.Expression): TS.ClassLikeDeclaration | undefined {
  const classes = new Set(valuesOf(tree, expr).map((v) => classConstructed(tree, v)));
  const [only] = classes;
  return classes.size === 1 ? only : undefined;
}

/** The values an object expression is given: itself for `new C()`, a variable's initializer and assignments, a field's. */
function valuesOf(tree: SyntaxTree, expr: TS.Expression): TS.Expression[] {
  const ts = tree.ts;
  const e = unwrapExpression(ts, expr);
  if (ts.isNewExpression(e)) return [e];
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' ? [...(d.initializer ? [d.initializer] : []), ...assignmentsTo(tree, e.text, d).map((a) => a.right)] : [];
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = thisOwner(tree, e);
    return owner ? ownMemberValues(tree, owner, e.name.text) : [];
  }
  return [];
}

/** The class of this file a `new C(…)` constructs. */
function classConstructed(tree: SyntaxTree, value: TS.Expression): TS.ClassLikeDeclaration | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, value);
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const d = resolveIdentifier(tree, e.expression);
  if (d?.kind === 'other' && ts.isClassLike(d.node)) return d.node;
  return d?.kind === 'variable' && d.initializer && ts.isClassExpression(d.initializer) ? d.initializer : undefined;
}
