/**
 * Models a class keeps in a registry by key: built with `this.registerModel(MODEL, () => tf.model(…))` in one method
 * and fetched with `this.assertModel(MODEL)` (or `this.getModel('policy')`) in another. The fetch is the model the
 * builder registered under the same key returns.
 */
import type * as TS from 'typescript';
import { enclosingClass } from './functionValues';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** The builder registered under the key a `this.method(key)` call fetches, when one call of the class registers one. */
export function registeredBuilder(tree: SyntaxTree, call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  const key = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword || !key || call.arguments.some((a) => isFunctionNode(ts, unwrapExpression(ts, a)))) return undefined;
  const keyText = tree.compactSource(key);
  if (!ts.isIdentifier(key) && !ts.isStringLiteralLike(key)) return undefined;
  const cls = enclosingClass(tree, call);
  if (!cls) return undefined;
  const builders: TS.FunctionLikeDeclaration[] = [];
  const visit = (n: TS.Node): void => {
    if (builders.length > 1) return;
    if (ts.isCallExpression(n) && n !== call && n.arguments[0] && tree.compactSource(n.arguments[0]) === keyText) {
      const c = unwrapExpression(ts, n.expression);
      const fn = n.arguments.slice(1).map((a) => unwrapExpression(ts, a)).find((a) => isFunctionNode(ts, a));
      if (fn && ts.isPropertyAccessExpression(c) && c.expression.kind === ts.SyntaxKind.ThisKeyword && c.name.text !== callee.name.text) builders.push(fn as TS.FunctionLikeDeclaration);
    }
    ts.forEachChild(n, visit);
  };
  visit(cls);
  return builders.length === 1 ? builders[0] : undefined;
}
