/**
 * A field of data a caller outside the file hands in, made by the file itself: `train(data)` fitting on
 * `data.outputs`, in a class whose `convertData(rows)` is the one function returning an object with `outputs`
 * (`return { inputs, outputs }`). The caller is not in the file, but what it passes is what the class prepares.
 */
import type * as TS from 'typescript';
import { argumentsOf, enclosingClass, propertyOf, returnedExpressions } from './functionValues';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** Functions looked at for the producer: a class or file with more says too little. */
const MAX_FUNCTIONS = 200;

/** The value the one producer of the class (or file) gives `param.field`, when no call in the file gives `param` a value. */
export function fieldOfSoleProducer(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const holder = unwrapExpression(ts, access.expression);
  const d = ts.isIdentifier(holder) ? resolveIdentifier(tree, holder) : undefined;
  if (d?.kind !== 'parameter' || argumentsOf(tree, d.node).length > 0) return undefined;
  const reader = tree.parent(d.node);
  const scope: TS.Node = enclosingClass(tree, access) ?? tree.file;
  const field = access.name.text;
  const found: TS.Expression[] = [];
  let seen = 0;
  const visit = (n: TS.Node): void => {
    if (found.length > 1 || seen > MAX_FUNCTIONS) return;
    if (isFunctionNode(ts, n) && n !== reader) {
      seen++;
      for (const r of returnedExpressions(tree, n as FunctionNode)) {
        const e = unwrapExpression(ts, r);
        const v = ts.isObjectLiteralExpression(e) ? propertyOf(ts, e, field) : undefined;
        if (v) found.push(v);
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(scope, visit);
  return found.length === 1 && seen <= MAX_FUNCTIONS ? found[0] : undefined;
}
