/**
 * Fields of an object literal held in a variable, read as values: a page's or a script's state kept in one object
 * (`let w = { network: new NeuralNetwork(), trainingData: […] }`).
 */
import type * as TS from 'typescript';
import { assignmentsTo, referencesTo, resolveIdentifier } from './scope';
import { propertyName, unwrapExpression, type SyntaxTree } from './syntaxTree';

/**
 * `w.network` of `let w = { network: new NeuralNetwork(), … }` (a page's state kept in one object): the `new` the
 * literal gives the field and those the code gives it later (`w.network = new NeuralNetwork()` on a reset), where no
 * code gives the name another object.
 */
export function literalField(tree: SyntaxTree, holder: TS.Identifier, key: string): TS.Expression[] {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, holder);
  if (d?.kind !== 'variable' || !d.initializer) return [];
  const init = unwrapExpression(ts, d.initializer);
  if (!ts.isObjectLiteralExpression(init) || (!d.isConst && assignmentsTo(tree, holder.text, d).length > 0)) return [];
  const field = init.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(ts, p.name) === key);
  const value = field && unwrapExpression(ts, field.initializer);
  if (!value || !ts.isNewExpression(value)) return [];
  const later = referencesTo(tree, d.container, holder.text, d).flatMap((r) => {
    const access = tree.parent(r);
    const assignment = access && tree.parent(access);
    const sets = !!access && ts.isPropertyAccessExpression(access) && access.name.text === key && !!assignment && ts.isBinaryExpression(assignment) && assignment.left === access && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    return sets ? [(assignment as TS.BinaryExpression).right] : [];
  });
  return [value, ...later];
}
