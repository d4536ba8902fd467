/**
 * Instances a class of the file hands back from a static method of its own (`Net.deserialize(json)`, `Net.load(path)`),
 * read as that class wherever the code follows an instance to its methods (functionValues.ts).
 */
import type * as TS from 'typescript';
import { returnedExpressions } from './functionValues';
import { resolveIdentifier } from './scope';
import { propertyName, unwrapExpression, type SyntaxTree } from './syntaxTree';

/**
 * `Net.deserialize(json)`: a static method of a class of the file that hands back an instance of that class (its
 * declared return type names it, or it returns `new Net(…)` or a name holding one): the class.
 */
export function factoryClass(tree: SyntaxTree, e: TS.Expression): TS.ClassDeclaration | undefined {
  const ts = tree.ts;
  const callee = ts.isCallExpression(e) ? unwrapExpression(ts, e.expression) : undefined;
  if (!callee || !ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const d = resolveIdentifier(tree, callee.expression);
  const cls = d?.kind === 'other' && ts.isClassDeclaration(d.node) && d.node.name ? d.node : undefined;
  const method = cls?.members.find((m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && !!m.name && propertyName(ts, m.name) === callee.name.text && !!ts.getModifiers(m)?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword));
  if (!cls || !method) return undefined;
  const className = cls.name!.text;
  if (method.type && ts.isTypeReferenceNode(method.type) && ts.isIdentifier(method.type.typeName)) return method.type.typeName.text === className ? cls : undefined;
  const isNew = (x: TS.Expression) => ts.isNewExpression(x) && ts.isIdentifier(unwrapExpression(ts, x.expression)) && (unwrapExpression(ts, x.expression) as TS.Identifier).text === className;
  const returned = returnedExpressions(tree, method).map((r) => unwrapExpression(ts, r));
  const made = (r: TS.Expression) => {
    if (isNew(r)) return true;
    const v = ts.isIdentifier(r) ? resolveIdentifier(tree, r) : undefined;
    return v?.kind === 'variable' && !!v.initializer && isNew(unwrapExpression(ts, v.initializer));
  };
  return returned.length > 0 && returned.every(made) ? cls : undefined;
}
