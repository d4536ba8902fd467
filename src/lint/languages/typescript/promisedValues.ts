/** What an async function hands its `await` when it returns a Promise it makes itself. */
import type * as TS from 'typescript';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/**
 * `return new Promise((resolve) => { … resolve(rows) … })`: what the function gives its `await`, the values handed to
 * `resolve` (in callbacks too: a stream's `on('end', () => resolve(rows))`). Undefined for anything else.
 */
export function promisedValues(tree: SyntaxTree, e: TS.Expression): TS.Expression[] | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, e);
  // `return Promise.resolve(newModel)` is newModel; `return Promise.reject(err)` of a catch gives no value.
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'Promise') {
    const method = n.expression.name.text;
    if (method === 'resolve') return n.arguments[0] ? [n.arguments[0]] : [];
    if (method === 'reject') return [];
  }
  if (!ts.isNewExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 'Promise') return undefined;
  const arg = n.arguments?.[0] && unwrapExpression(ts, n.arguments[0]);
  const executor = arg && isFunctionNode(ts, arg) ? arg : undefined;
  const resolve = executor?.parameters[0]?.name;
  if (!executor?.body || !resolve || !ts.isIdentifier(resolve)) return undefined;
  const out: TS.Expression[] = [];
  const visit = (m: TS.Node): void => {
    if (ts.isCallExpression(m) && ts.isIdentifier(m.expression) && m.expression.text === resolve.text && m.arguments[0]) out.push(m.arguments[0]);
    ts.forEachChild(m, visit);
  };
  visit(executor.body);
  return out;
}
