/**
 * A model handed to a function that adds its head (`function prepareModel(model, classes) { model.add(dense({ units:
 * classes, activation: 'softmax' })); model.compile(…) }`): whatever the model held before, its output layer is the
 * last one this function adds before the use, so that is the model's output there. An add that may not run (under a
 * condition, in a loop) leaves it open when nothing surely added after it decides the output.
 */
import type * as TS from 'typescript';
import { referencesTo, type Declaration } from './scope';
import { isFunctionNode, type SyntaxTree } from './syntaxTree';

/**
 * The `parameter.add(…)` calls of the parameter's own function before `use`, in order; an add that may not run (in a
 * branch, a loop or a callback) is undefined there, a layer of unknown kind. Undefined when the function adds none.
 */
export function headAddedHere(tree: SyntaxTree, parameter: Declaration & { kind: 'parameter' }, name: string, use: TS.Node): (TS.CallExpression | undefined)[] | undefined {
  const ts = tree.ts;
  const fn = tree.parent(parameter.node);
  if (!fn || !isFunctionNode(ts, fn) || !fn.body || !ts.isBlock(fn.body)) return undefined;
  const adds: TS.CallExpression[] = [];
  for (const ref of referencesTo(tree, fn.body, name, parameter)) {
    const access = tree.parent(ref);
    const call = access && ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'add' ? tree.parent(access) : undefined;
    if (call && ts.isCallExpression(call) && call.end <= use.pos) adds.push(call);
  }
  if (adds.length === 0) return undefined;
  // Only a statement of the function's own block surely runs.
  const straight = (call: TS.CallExpression) => {
    const statement = tree.parent(call);
    return !!statement && ts.isExpressionStatement(statement) && tree.parent(statement) === fn.body;
  };
  return adds.sort((a, b) => a.pos - b.pos).map((a) => (straight(a) ? a : undefined));
}
