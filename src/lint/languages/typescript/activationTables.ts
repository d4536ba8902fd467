/**
 * A table of activations a name picks from, as from-scratch networks keep them: `const ACTIVATIONS = { sigmoid: { f,
 * df }, tanh: { … } }`, `this.act = ACTIVATIONS[activation]` with `activation = 'sigmoid'` by default, then
 * `this.act.df(out)` in the training step. The entry is the one every value the holder is given picks by the same key.
 */
import type * as TS from 'typescript';
import { objectLiteral, propertyOf } from './functionValues';
import { stringOf } from './layers';
import { thisMemberValues } from './objectValues';
import { keepsItsValue, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

/** The key and the entry of the table a holder (`this.act`, `act`) keeps, when every value it is given agrees on one. */
export function activationTableEntry(tree: SyntaxTree, holder: TS.Expression): { key: string; entry: TS.ObjectLiteralExpression } | undefined {
  const ts = tree.ts;
  const h = unwrapExpression(ts, holder);
  let values: TS.Expression[] = [];
  if (ts.isPropertyAccessExpression(h) && h.expression.kind === ts.SyntaxKind.ThisKeyword) values = thisMemberValues(tree, h, h.name.text);
  else if (ts.isIdentifier(h)) {
    const d = resolveIdentifier(tree, h);
    if (d?.kind === 'variable' && d.initializer && keepsItsValue(tree, h.text, d)) values = [d.initializer];
  }
  let found: { key: string; entry: TS.ObjectLiteralExpression } | undefined;
  for (const v of values) {
    const u = unwrapExpression(ts, v);
    if (!ts.isElementAccessExpression(u)) return undefined;
    const table = objectLiteral(tree, u.expression);
    const key = stringOf(tree, u.argumentExpression);
    const entry = table && key !== undefined ? propertyOf(ts, table, key) : undefined;
    const literal = entry ? objectLiteral(tree, entry) : undefined;
    if (!literal || key === undefined || (found && found.key !== key)) return undefined;
    found = { key, entry: literal };
  }
  return found;
}
