/**
 * Classes that extend `tf.Sequential` (`class Net extends tf.Sequential { constructor() { super(); this.add(…) } }`):
 * `new Net()` is a sequential model holding the layers the class adds itself, and those the code adds to the
 * instance afterwards (`const m = new Net(); m.add(tf.layers.dense(…))`).
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** Whether a class extends `tf.Sequential`. */
export function extendsSequential(tree: SyntaxTree, tf: TfBindings, cls: TS.ClassLikeDeclaration): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === tree.ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return !!base && tf.path(base) === 'Sequential';
}

/** The class of the file a `new X(…)` makes, when it extends `tf.Sequential`. */
export function sequentialSubclass(tree: SyntaxTree, tf: TfBindings, node: TS.Expression): TS.ClassLikeDeclaration | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  const callee = ts.isNewExpression(n) ? unwrapExpression(ts, n.expression) : undefined;
  const d = callee && ts.isIdentifier(callee) ? resolveIdentifier(tree, callee) : undefined;
  return d?.kind === 'other' && ts.isClassDeclaration(d.node) && extendsSequential(tree, tf, d.node) ? d.node : undefined;
}

/** The `this.add(…)` calls of a class, in order. */
export function ownAdds(tree: SyntaxTree, cls: TS.ClassLikeDeclaration): TS.CallExpression[] {
  const ts = tree.ts;
  const adds: TS.CallExpression[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'add' && n.expression.expression.kind === ts.SyntaxKind.ThisKeyword) adds.push(n);
    ts.forEachChild(n, visit);
  };
  visit(cls);
  return adds;
}
