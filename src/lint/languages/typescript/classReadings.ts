/**
 * Whether the code reads a compiled model's predictions as classes: `tf.argMax(model.predict(xs), 1)`,
 * `model.predict(x).argMax(-1)`, the arg-max of a variable holding the prediction, or the prediction rounded to 0 or 1
 * (`tf.round(model.predict(xs)).equal(ys)`, bits scored per bit). A model whose outputs are compared by arg-max or
 * rounded is a classifier, whatever its loss: evidence for class targets when neither the data nor the metrics say (a
 * tutorial that counts its own correct predictions instead of asking for an `accuracy` metric).
 */
import type * as TS from 'typescript';
import type { TargetEvidence } from '../../engine/frontEnd';
import { constValueOf, lastAssignmentBefore, resolveIdentifier } from './scope';
import { functionName } from './functionNames';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** The evidence, from the first arg-max of a prediction of the model a compile compiles (`compiled`, as written). */
export function predictionsReadAsClasses(tree: SyntaxTree, tf: TfBindings, compiled: TS.Expression | undefined): TargetEvidence | undefined {
  const ts = tree.ts;
  if (!compiled) return undefined;
  const model = tree.compactSource(compiled);
  return firstClassReading(tree, tf, (e) => {
    const c = unwrapExpression(ts, e.expression);
    return ts.isPropertyAccessExpression(c) && /^predict(?:OnBatch)?$/.test(c.name.text) && tree.compactSource(c.expression) === model;
  });
}

/**
 * The evidence for a training step's model run by a call (`model(batch.xs)` of a forward function, `net.forward(x)`,
 * `model.predict(xs)`): the first arg-max, rounding or threshold of another call of the same callee
 * (`model(x).argMax(1)` in the file's `predict`).
 */
export function callReadAsClasses(tree: SyntaxTree, tf: TfBindings, run: TS.CallExpression): TargetEvidence | undefined {
  const ts = tree.ts;
  const callee = tree.compactSource(unwrapExpression(ts, run.expression));
  return firstClassReading(tree, tf, (e) => tree.compactSource(unwrapExpression(ts, e.expression)) === callee);
}

export function firstClassReading(tree: SyntaxTree, tf: TfBindings, isRun: (call: TS.CallExpression) => boolean): TargetEvidence | undefined {
  const ts = tree.ts;
  if (!/argMax|round|greater|indexOf\s*\(\s*Math\.max|Math\.max\s*\(\s*\.\.\.|arg_?max\s*\(|find_?max\s*\(|max_?index\s*\(|index_?of_?max\s*\(/i.test(tree.file.text)) return undefined;
  let found: TS.CallExpression | undefined;
  let how = 'argMax';
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const read = classReading(tree, tf, n);
      // A rounding counts where the rounded values are compared (`.equal(ys)`): rounding a reconstruction to show it
      // says nothing of the targets.
      const of = read && unchained(tree, heldValue(tree, read.of));
      if (read && of && ts.isCallExpression(of) && isRun(of) && (read.how !== 'round' || comparedAfter(tree, tf, n)) && !picksAction(tree, n)) {
        how = read.how;
        found = n;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(tree.file);
  if (!found) return undefined;
  const line = tree.file.getLineAndCharacterOfPosition(tree.start(found)).line + 1;
  return { kind: 'classes', because: `the code reads the model's predictions as classes (${how}, line ${line})` };
}

/** A name that says an agent's move: `action`, `bestMove`, `chooseAction`, `selectAction`, `act`, `getMove`. */
const ACTION_NAME = /action|move|^act$|^(?:choose|select|pick|decide)/i;

/**
 * An arg-max that picks an agent's action (`const action = prediction.argMax(1).dataSync()[0]` in `chooseAction`): a
 * greedy policy over the values a Q-network predicts, not a reading of classes.
 */
function picksAction(tree: SyntaxTree, read: TS.CallExpression): boolean {
  const ts = tree.ts;
  for (const a of tree.ancestors(read)) {
    if (ts.isVariableDeclaration(a) && ts.isIdentifier(a.name)) return ACTION_NAME.test(a.name.text);
    // A callback without a name of its own (`tf.tidy(() => …)`) is part of the function around it.
    const name = isFunctionNode(ts, a) ? functionName(tree, a).name : undefined;
    if (name !== undefined) return ACTION_NAME.test(name);
  }
  return false;
}

/**
 * The tensor an arg-max, a rounding or a threshold takes: `tf.argMax(x, axis)`, `x.argMax(axis)`, `tf.round(x)`,
 * `x.round()`, `x.greater(0.5)`, `tf.greaterEqual(x, 0.5)` (a threshold strictly between 0 and 1).
 */
function classReading(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): { of: TS.Expression; how: string } | undefined {
  const ts = tree.ts;
  const path = tf.path(call.expression);
  const threshold = (e: TS.Expression | undefined) => {
    const v = e && unwrapExpression(ts, e);
    return !!v && ts.isNumericLiteral(v) && Number(v.text) > 0 && Number(v.text) < 1;
  };
  if ((path === 'argMax' || path === 'round') && call.arguments[0]) return { of: call.arguments[0], how: path };
  if ((path === 'greater' || path === 'greaterEqual') && call.arguments[0] && threshold(call.arguments[1])) return { of: call.arguments[0], how: path };
  const callee = unwrapExpression(ts, call.expression);
  // The code's own arg-max helper: `argmax(output)`, `math.findmax(guess)`, `indexOfMax(y)`.
  const helper = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  // (Not a tensor's own `x.argMax(axis)`.)
  if (path === undefined && call.arguments.length === 1 && ARGMAX_HELPER.test(helper) && (ts.isIdentifier(callee) || helper !== 'argMax')) return { of: call.arguments[0]!, how: helper };
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (method === undefined || tf.path((callee as TS.PropertyAccessExpression).expression) !== undefined) return undefined;
  const of = (callee as TS.PropertyAccessExpression).expression;
  if (method === 'argMax' || method === 'round') return { of, how: method };
  // Plain JavaScript's arg-max: `output.indexOf(Math.max(...output))`.
  if (method === 'indexOf' && isMaxOfSpread(tree, call.arguments[0], of)) return { of, how: 'the index of the largest output' };
  return (method === 'greater' || method === 'greaterEqual') && threshold(call.arguments[0]) ? { of, how: method } : undefined;
}

const ARGMAX_HELPER = /^(?:arg_?max|find_?max|max_?index|index_?of_?max|get_?max_?index)$/i;

/** `Math.max(...xs)` of the same `xs`. */
function isMaxOfSpread(tree: SyntaxTree, arg: TS.Expression | undefined, of: TS.Expression): boolean {
  const ts = tree.ts;
  // Or a name holding it: `const biggest = Math.max(...out); out.indexOf(biggest)`.
  const e = arg && (ts.isIdentifier(unwrapExpression(ts, arg)) ? constValueOf(tree, arg) : unwrapExpression(ts, arg));
  if (!e || !ts.isCallExpression(e) || tree.compactSource(e.expression) !== 'Math.max' || e.arguments.length !== 1) return false;
  const spread = e.arguments[0]!;
  return ts.isSpreadElement(spread) && tree.compactSource(spread.expression) === tree.compactSource(of);
}

function heldValue(tree: SyntaxTree, value: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, value);
  const d = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
  if (d?.kind !== 'variable' || d.isConst) return constValueOf(tree, value);
  const held = lastAssignmentBefore(tree, e as TS.Identifier, d) ?? d.initializer;
  return held && unwrapExpression(ts, held);
}

/** Methods that hand back the same values in another form (`this.feedforward(x).flatten().tolist()`). */
const SAME_VALUES = new Set(['flatten', 'tolist', 'toArray', 'arraySync', 'dataSync', 'array', 'data', 'squeeze', 'reshape', 'clone', 'valueOf']);

/** The call a chain of SAME_VALUES methods starts from: `net.predict(x)` of `net.predict(x).flatten().tolist()`. */
function unchained(tree: SyntaxTree, value: TS.Expression | undefined): TS.Expression | undefined {
  const ts = tree.ts;
  let e = value;
  for (let k = 0; k < 8 && e && ts.isCallExpression(e); k++) {
    const callee = unwrapExpression(ts, e.expression);
    if (!ts.isPropertyAccessExpression(callee) || !SAME_VALUES.has(callee.name.text)) break;
    const inner = unwrapExpression(ts, callee.expression);
    if (!ts.isCallExpression(inner)) break;
    e = inner;
  }
  return e;
}

const COMPARISONS = new Set(['equal', 'notEqual']);

/** Whether a value is compared with `.equal(…)` / `tf.equal(…)`, directly or through the variable it is stored in. */
function comparedAfter(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): boolean {
  const ts = tree.ts;
  const comparedHere = (e: TS.Node): boolean => {
    const p = tree.parent(e);
    if (p && ts.isPropertyAccessExpression(p) && p.expression === e && COMPARISONS.has(p.name.text)) return true;
    return !!p && ts.isCallExpression(p) && p.arguments.includes(e as TS.Expression) && COMPARISONS.has(tf.path(p.expression) ?? '');
  };
  if (comparedHere(value)) return true;
  const p = tree.parent(value);
  const held = p && ts.isVariableDeclaration(p) && p.initializer === value && ts.isIdentifier(p.name) ? p.name : p && ts.isBinaryExpression(p) && p.right === value && ts.isIdentifier(p.left) ? p.left : undefined;
  if (!held) return false;
  const d = resolveIdentifier(tree, held);
  const scope = d?.kind === 'variable' ? d.container : undefined;
  if (!scope) return false;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === held.text && n !== held && resolveIdentifier(tree, n)?.node === d!.node && comparedHere(n)) found = true;
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}
