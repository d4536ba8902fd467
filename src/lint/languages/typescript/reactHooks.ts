/**
 * React's hooks as TF.js components write them: `const ys = useMemo(() => tf.tensor2d(labels), [labels])` keeps what
 * its function returns, data of the component, never a model's output.
 */
import type * as TS from 'typescript';
import { functionValue } from './functionValues';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** The function of `useMemo(() => value, deps)` (or `React.useMemo`) when the file does not define a `useMemo` itself. */
export function memoFunction(tree: SyntaxTree, node: TS.CallExpression): FunctionNode | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, node.expression);
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'React' ? callee.name : undefined;
  if (name?.text !== 'useMemo' || node.arguments.length !== 2 || (ts.isIdentifier(callee) && functionValue(tree, callee))) return undefined;
  const fn = unwrapExpression(ts, node.arguments[0]!);
  return isFunctionNode(ts, fn) && fn.parameters.length === 0 && fn.body ? fn : undefined;
}
