/**
 * `tf.grads((img) => tf.scalar(total))`: TF.js's functional gradients differentiate a function with respect to the
 * tensors it is called with, so a function that uses none of its parameters has no path from them to its result, and
 * calling the gradient throws "Cannot compute gradient of y=f(x) with respect to x" (measured with TF.js 4.22, for
 * `tf.grad`, `tf.grads`, `tf.valueAndGrad` and `tf.valueAndGrads`). A function with no parameters is a training step
 * whose model ran before it, reported by the step's own reading (stepBoundary.ts).
 */
import type { FrontEndProblem } from '../../engine/frontEnd';
import { functionValue } from './functionValues';
import { GRADIENT_FUNCTIONS } from './siteDiscovery';
import { referencesTo, resolveIdentifier } from './scope';
import type * as TS from 'typescript';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { returnsValue, voidGradientFunctions } from './voidGradientFunctions';

const GRADIENT_CALL = /\b(valueAndGrads?|grads?)\s*\(/g;
const ERROR = 'Cannot compute gradient of y=f(x) with respect to x';

/**
 * What is wrong with the functions the file gives gradient calls: inputs they ignore (unless a training step's reading
 * already says its model ran before it, `untaped`) and no tensor returned (voidGradientFunctions.ts).
 */
export function gradientFunctionProblems(tree: SyntaxTree, tf: TfBindings, untaped: readonly { start: number; end: number }[], outOfTime: () => boolean): FrontEndProblem[] {
  const unused = unusedGradientInputs(tree, tf, outOfTime).filter((p) => !untaped.some((u) => u.start <= p.start && p.end <= u.end));
  return [...unused, ...voidGradientFunctions(tree, tf, outOfTime)];
}

function unusedGradientInputs(tree: SyntaxTree, tf: TfBindings, outOfTime: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  if (!tree.mayHaveName('grad', 'grads', 'valueAndGrad', 'valueAndGrads')) return out;
  for (const m of tree.text.matchAll(GRADIENT_CALL)) {
    if (outOfTime()) break;
    const word = m[1]!;
    const id = tree.nodeAt(m.index!, m.index! + word.length);
    const access = id && tree.parent(id);
    const call = access && ts.isPropertyAccessExpression(access) ? tree.parent(access) : access;
    if (!call || !ts.isCallExpression(call) || !GRADIENT_FUNCTIONS.has(tf.path(call.expression) ?? '') || !call.arguments[0]) continue;
    const fn = functionValue(tree, call.arguments[0]);
    if (!fn?.body || fn.parameters.length === 0) continue;
    const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) && !p.dotDotDotToken ? p.name : undefined));
    if (names.some((n) => n === undefined) || /\barguments\b/.test(tree.source(fn.body))) continue;
    const used = names.some((n) => {
      const d = resolveIdentifier(tree, n!);
      return !!d && referencesTo(tree, fn, n!.text, d).some((r) => r !== n);
    });
    if (used || !returnsValue(tree, fn)) continue;
    // The tensors the gradient is taken at (`tf.grad(f)(a)`, `const g = tf.grads(f); g([w, b])`): a function that reads
    // them from its closure (`(x) => tf.slice2d(a, …)` at `a`) is connected to them after all. Unknown ones: not reported.
    const at = appliedTo(tree, call);
    if (!at) continue;
    const body = tree.compactSource(fn.body);
    if (at.some((e) => mentions(body, tree.compactSource(e)))) continue;
    const params = fn.parameters;
    const written = `tf.${tf.path(call.expression)}`;
    const inputs = names.map((n) => n!.text).join(', ');
    out.push({
      code: 'no-gradient',
      message: `The function given to ${written} uses none of its inputs (${inputs}): the gradient throws "${ERROR}".`,
      detail: `${written}(f) differentiates f with respect to the tensors it is called with, so f must compute its result from its parameters (${inputs}). This one does not use them, so there is no path from them to the result, and calling the gradient throws "${ERROR}. Make sure that the f you passed encloses all operations that lead from x to y." Compute the loss from the input inside the function; to differentiate with respect to a model's weights, use tf.variableGrads or optimizer.minimize.`,
      start: tree.start(params[0]!),
      end: params[params.length - 1]!.end,
    });
  }
  return out;
}

/** The arguments the gradient function is called with, each tensor named (a list's elements); undefined when unseen. */
function appliedTo(tree: SyntaxTree, call: TS.CallExpression): TS.Expression[] | undefined {
  const ts = tree.ts;
  const applications: TS.CallExpression[] = [];
  const parent = tree.parent(call);
  if (parent && ts.isCallExpression(parent) && parent.expression === call) applications.push(parent);
  else if (parent && ts.isVariableDeclaration(parent) && parent.initializer === call && ts.isIdentifier(parent.name)) {
    const d = resolveIdentifier(tree, parent.name);
    for (const r of d ? referencesTo(tree, d.kind === 'variable' ? d.container : tree.file, parent.name.text, d) : []) {
      const c = tree.parent(r);
      if (c && ts.isCallExpression(c) && c.expression === r) applications.push(c);
    }
  }
  if (applications.length === 0) return undefined;
  const first = (c: TS.CallExpression) => c.arguments[0];
  return applications.flatMap((c) => {
    const a = first(c) && unwrapExpression(ts, first(c)!);
    return !a ? [] : ts.isArrayLiteralExpression(a) ? [...a.elements] : [a];
  });
}

/** Whether code mentions a value: a name as a whole word, anything else as written. */
function mentions(code: string, value: string): boolean {
  return /^[\w$]+$/.test(value) ? new RegExp(`(?<![\\w$])${value.replace(/\$/g, '\\$')}(?![\\w$])`).test(code) : code.includes(value);
}
