/**
 * The model a minimize call trains, from its var list: `optimizer.minimize(f, true, actor.trainableWeights)` names
 * the actor, whatever else the closure runs.
 */
import type * as TS from 'typescript';
import { thisMemberValues } from './objectValues';
import { resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

const MAX_DEPTH = 8;

const WEIGHT_LISTS = new Set(['trainableWeights', 'weights', 'getWeights', 'trainableVariables']);
/** A helper that lists a model's variables: `trainableVars(net)`, `getWeights(model)`, `collectParams(m)`. */
const VARIABLES_HELPER = /^(?:get|collect|list|trainable|all)?_?(?:trainable)?_?(?:vars|variables|weights|params|parameters)(?:Of)?$/i;

/**
 * The model whose weights a minimize call's var list holds, as source text without spaces: `actor.trainableWeights`,
 * `this.q1.trainableWeights.map((w) => w.val)`, `model.getWeights()`, or a variable holding one of them. Undefined
 * for a list of variables or anything else.
 */
export function trainedModelOf(tree: SyntaxTree, varList: TS.Expression | undefined, depth = 0): string | undefined {
  const ts = tree.ts;
  if (!varList || depth > MAX_DEPTH) return undefined;
  let e = unwrapExpression(ts, varList);
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' && d.initializer ? trainedModelOf(tree, d.initializer, depth + 1) : undefined;
  }
  // `this.policyVars`, set once by the class (`this.policyVars = trainableVars(this.policy)`).
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && !WEIGHT_LISTS.has(e.name.text)) {
    const values = thisMemberValues(tree, e, e.name.text);
    return values.length === 1 ? trainedModelOf(tree, values[0], depth + 1) : undefined;
  }
  // `trainableVars(this.policy)`, `getWeights(actor)`: a helper that lists one model's variables.
  const helper = ts.isCallExpression(e) && e.arguments.length === 1 ? unwrapExpression(ts, e.expression) : undefined;
  const helperName = helper && (ts.isIdentifier(helper) ? helper.text : ts.isPropertyAccessExpression(helper) && !WEIGHT_LISTS.has(helper.name.text) ? helper.name.text : undefined);
  const listed = helperName && VARIABLES_HELPER.test(helperName) ? unwrapExpression(ts, (e as TS.CallExpression).arguments[0]) : undefined;
  if (listed && (ts.isIdentifier(listed) || ts.isPropertyAccessExpression(listed))) return tree.compactSource(listed);
  // `.map((w) => w.val)`, `.filter(…)`: the same weights.
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && (e.expression.name.text === 'map' || e.expression.name.text === 'filter')) e = unwrapExpression(ts, e.expression.expression);
  if (ts.isCallExpression(e)) e = unwrapExpression(ts, e.expression);
  if (!ts.isPropertyAccessExpression(e) || !WEIGHT_LISTS.has(e.name.text)) return undefined;
  return tree.compactSource(e.expression);
}
