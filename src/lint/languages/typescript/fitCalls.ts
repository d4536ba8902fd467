/**
 * The `fit`, `trainOnBatch` and `fitDataset` calls of a file, and the expressions their targets come from: `ys` of
 * `fit(xs, ys)`, and of `fitDataset(ds)` the `ys` its dataset is built with. targetEvidence.ts reads what those say.
 */
import type * as TS from 'typescript';
import { propertyOf, returnedExpressions } from './functionValues';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const FIT_CALLS = /\.\s*(fit|trainOnBatch|fitDataset)\s*\(/g;
/** Dataset methods that keep the elements (and so the targets) of their receiver. */
const SAME_ELEMENTS = new Set(['batch', 'shuffle', 'repeat', 'take', 'skip', 'prefetch', 'filter']);
const MAX_DATASET_DEPTH = 6;

const fitCallsByTree = new WeakMap<SyntaxTree, TS.CallExpression[]>();

/** The `fit`, `trainOnBatch` and `fitDataset` calls of a file, found once per parse. */
export function fitCalls(tree: SyntaxTree): TS.CallExpression[] {
  const known = fitCallsByTree.get(tree);
  if (known) return known;
  const ts = tree.ts;
  const calls: TS.CallExpression[] = [];
  fitCallsByTree.set(tree, calls);
  for (const m of tree.text.matchAll(FIT_CALLS)) {
    const at = m.index! + m[0].indexOf(m[1]);
    const id = tree.nodeAt(at, at + m[1].length);
    const access = tree.parent(id);
    const call = access && tree.parent(access);
    if (access && call && ts.isPropertyAccessExpression(access) && ts.isCallExpression(call) && call.expression === access) calls.push(call);
  }
  return calls;
}

/**
 * The expressions a fit call's targets come from: `ys` of `fit(xs, ys)`, and of `fitDataset(ds)` the `ys` its
 * dataset is built with (`tf.data.zip({ xs, ys: tf.data.array(labels) })`, `.map((r) => ({ xs: …, ys: … }))`, the
 * objects a `tf.data.generator` yields), through `batch`, `shuffle` and the like.
 */
export function targetsOfFit(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): TS.Expression[] {
  const method = (call.expression as TS.PropertyAccessExpression).name.text;
  if (method !== 'fitDataset') return call.arguments[1] ? [call.arguments[1]] : [];
  return call.arguments[0] ? datasetTargets(tree, tf, call.arguments[0], 0) : [];
}

function datasetTargets(tree: SyntaxTree, tf: TfBindings, dataset: TS.Expression, depth: number): TS.Expression[] {
  const ts = tree.ts;
  const e = unwrapExpression(ts, dataset);
  if (depth > MAX_DATASET_DEPTH) return [];
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' && d.initializer ? datasetTargets(tree, tf, d.initializer, depth + 1) : [];
  }
  if (!ts.isCallExpression(e)) return [];
  const path = tf.path(e.expression);
  const first = e.arguments[0] && unwrapExpression(ts, e.arguments[0]);
  if (path === 'data.zip' && first && ts.isObjectLiteralExpression(first)) {
    // `tf.data.zip({ xs: …, ys: tf.data.array(labels) })`: the labels the ys dataset holds.
    const ys = propertyOf(ts, first, 'ys');
    const ysData = ys && unwrapExpression(ts, ys);
    return ysData && ts.isCallExpression(ysData) && tf.path(ysData.expression) === 'data.array' && ysData.arguments[0] ? [ysData.arguments[0]] : [];
  }
  if (path === 'data.array' && first && ts.isArrayLiteralExpression(first)) return first.elements.flatMap((el) => fieldOf(ts, el, 'ys'));
  if (path === 'data.generator' && first && isFunctionNode(ts, first) && first.body) return yieldedFields(ts, first.body, 'ys');
  const callee = unwrapExpression(ts, e.expression);
  if (!ts.isPropertyAccessExpression(callee)) return [];
  if (SAME_ELEMENTS.has(callee.name.text)) return datasetTargets(tree, tf, callee.expression, depth + 1);
  const mapper = callee.name.text === 'map' && first && isFunctionNode(ts, first) ? first : undefined;
  return mapper ? returnedExpressions(tree, mapper).flatMap((r) => fieldOf(ts, r, 'ys')) : [];
}

/** Property `key` of an object literal (`{ xs, ys: [r.label] }`), else nothing. */
function fieldOf(ts: typeof TS, e: TS.Expression, key: string): TS.Expression[] {
  const o = unwrapExpression(ts, e);
  const v = ts.isObjectLiteralExpression(o) ? propertyOf(ts, o, key) : undefined;
  return v ? [v] : [];
}

/** Property `key` of the object literals a generator yields (not those of functions nested in it). */
function yieldedFields(ts: typeof TS, body: TS.Node, key: string): TS.Expression[] {
  const out: TS.Expression[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isYieldExpression(n) && n.expression) out.push(...fieldOf(ts, n.expression, key));
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}
