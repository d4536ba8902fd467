/**
 * Models a class keeps in a registry by key: built with `this.registerModel(MODEL, () => tf.model(…))` in one method
 * and fetched with `this.assertModel(MODEL)` (or `this.getModel('policy')`) in another. The fetch is the model the
 * builder registered under the same key returns.
 */
import type * as TS from 'typescript';
import { enclosingClass } from './functionValues';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** Per class, the builders registered under each key (`this.anyMethod(key, () => …)`), with the method that registers. */
const registriesByClass = new WeakMap<TS.Node, Map<string, { method: string; fn: TS.FunctionLikeDeclaration }[]>>();

function registrations(tree: SyntaxTree, cls: TS.ClassLikeDeclaration): Map<string, { method: string; fn: TS.FunctionLikeDeclaration }[]> {
  const known = registriesByClass.get(cls);
  if (known) return known;
  const ts = tree.ts;
  const byKey = new Map<string, { method: string; fn: TS.FunctionLikeDeclaration }[]>();
  const visit = (n: TS.Node): void => {
    const c = ts.isCallExpression(n) && n.arguments[0] ? unwrapExpression(ts, n.expression) : undefined;
    const fn = c ? (n as TS.CallExpression).arguments.slice(1).map((a) => unwrapExpression(ts, a)).find((a) => isFunctionNode(ts, a)) : undefined;
    if (c && fn && ts.isPropertyAccessExpression(c) && c.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const key = tree.compactSource((n as TS.CallExpression).arguments[0]!);
      byKey.set(key, [...(byKey.get(key) ?? []), { method: c.name.text, fn: fn as TS.FunctionLikeDeclaration }]);
    }
    ts.forEachChild(n, visit);
  };
  visit(cls);
  registriesByClass.set(cls, byKey);
  return byKey;
}

/** The builder registered under the key a `this.method(key)` call fetches, when one call of the class registers one. */
export function registeredBuilder(tree: SyntaxTree, call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  const key = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword || !key || call.arguments.some((a) => isFunctionNode(ts, unwrapExpression(ts, a)))) return undefined;
  if (!ts.isIdentifier(key) && !ts.isStringLiteralLike(key)) return undefined;
  const cls = enclosingClass(tree, call);
  const builders = cls ? (registrations(tree, cls).get(tree.compactSource(key)) ?? []).filter((b) => b.method !== callee.name.text) : [];
  return builders.length === 1 ? builders[0]!.fn : undefined;
}
