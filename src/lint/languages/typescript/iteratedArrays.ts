/** The elements an iteration runs over, when the file writes its array out: a callback's (`rows.forEach((r) => …)`), a `for…of` loop's. */
import type * as TS from 'typescript';
import type { Located } from './objectValues';
import { keepsItsValue, resolveIdentifier } from './scope';
import { forOfArray, isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

const ARRAY_ITERATION = /^(?:forEach|map|flatMap|filter|find|some|every)$/;
/** Elements of an array literal read at most, as what an iteration's callback is given. */
const MAX_ITERATED = 64;

/**
 * `trainingData.forEach((example) => …)` of `const trainingData = [{ inputs: [0, 1], target: 1 }, …]`: the callback's
 * first parameter is each element of the array written out.
 */
export function iteratedElements(tree: SyntaxTree, parameter: TS.ParameterDeclaration): Located[] {
  const iterated = iteratedArray(tree, parameter);
  return iterated ? writtenElements(tree, iterated).map((node) => ({ tree, node })) : [];
}

/** The elements of the array a `for…of` loop's declaration runs over (`for (const [x, t] of data)`), when the file writes it out. */
export function forOfElements(tree: SyntaxTree, decl: TS.VariableDeclaration): TS.Expression[] {
  const over = forOfArray(tree, decl);
  return over ? writtenElements(tree, over) : [];
}

/** The elements of an array literal, written there or kept in a name nothing assigns again (a few dozen at most). */
function writtenElements(tree: SyntaxTree, array: TS.Expression): TS.Expression[] {
  const ts = tree.ts;
  const receiver = unwrapExpression(ts, array);
  const d = ts.isIdentifier(receiver) ? resolveIdentifier(tree, receiver) : undefined;
  const init = d?.kind === 'variable' && d.initializer && keepsItsValue(tree, (receiver as TS.Identifier).text, d) ? unwrapExpression(ts, d.initializer) : receiver;
  if (!ts.isArrayLiteralExpression(init)) return [];
  return init.elements.slice(0, MAX_ITERATED).filter((e) => !ts.isSpreadElement(e) && !ts.isOmittedExpression(e));
}

/** The array a callback's first parameter is an element of: `xs` of `xs.map((x) => …)`, `xs.forEach(…)`, `xs.some(…)`. */
export function iteratedArray(tree: SyntaxTree, parameter: TS.ParameterDeclaration): TS.Expression | undefined {
  const ts = tree.ts;
  const fn = tree.parent(parameter);
  const call = fn && isFunctionNode(ts, fn) && fn.parameters[0] === parameter ? tree.parent(fn) : undefined;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && ARRAY_ITERATION.test(callee.name.text) ? callee.expression : undefined;
}
