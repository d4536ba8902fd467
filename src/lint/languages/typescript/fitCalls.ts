/**
 * The `fit`, `trainOnBatch` and `fitDataset` calls of a file, and the expressions their targets come from: `ys` of
 * `fit(xs, ys)`, and of `fitDataset(ds)` the `ys` its dataset is built with. targetEvidence.ts reads what those say.
 */
import type * as TS from 'typescript';
import { functionValue, propertyOf, returnedExpressions } from './functionValues';
import { constValueOf, resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { writtenRows } from './writtenNumbers';

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
  if (tree.mayHaveName('fit', 'trainOnBatch', 'fitDataset')) for (const m of tree.text.matchAll(FIT_CALLS)) {
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
  return call.arguments[0] ? datasetValues(tree, tf, call.arguments[0], 'ys', 0) : [];
}

/**
 * A field destructured from the elements of a dataset a custom loop runs over: `trainingYs` of
 * `ds.forEachAsync(({ trainingXs, trainingYs }) => …)` with `ds = tf.data.zip({ trainingXs, trainingYs })` — what the
 * dataset zipped under that name holds (the values a `tf.data.generator` yields, the array of `tf.data.array`).
 */
export function datasetElementField(tree: SyntaxTree, tf: TfBindings, element: TS.BindingElement): TS.Expression[] {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const parameter = pattern && ts.isObjectBindingPattern(pattern) ? tree.parent(pattern) : undefined;
  const fn = parameter && ts.isParameter(parameter) ? tree.parent(parameter) : undefined;
  const call = fn && tree.parent(fn);
  const callee = call && ts.isCallExpression(call) && call.arguments[0] === fn ? unwrapExpression(ts, call.expression) : undefined;
  if (!callee || !ts.isPropertyAccessExpression(callee) || callee.name.text !== 'forEachAsync' || (fn as TS.FunctionLikeDeclaration).parameters[0] !== parameter) return [];
  const name = element.propertyName ?? element.name;
  return ts.isIdentifier(name) ? datasetValues(tree, tf, callee.expression, name.text, 0) : [];
}

/** The values of a dataset's elements, or of their field `key`, through the ways TF.js builds and reshapes datasets. */
function datasetValues(tree: SyntaxTree, tf: TfBindings, dataset: TS.Expression, key: string | undefined, depth: number): TS.Expression[] {
  const ts = tree.ts;
  const e = unwrapExpression(ts, dataset);
  if (depth > MAX_DATASET_DEPTH) return [];
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' && d.initializer ? datasetValues(tree, tf, d.initializer, key, depth + 1) : [];
  }
  if (!ts.isCallExpression(e)) return [];
  const path = tf.path(e.expression);
  const first = e.arguments[0] && unwrapExpression(ts, e.arguments[0]);
  const fields = (values: TS.Expression[]) => (key === undefined ? values : values.flatMap((v) => fieldOf(ts, v, key)));
  if (path === 'data.zip' && first && ts.isObjectLiteralExpression(first)) {
    // `tf.data.zip({ xs: …, ys: tf.data.array(labels) })`: what the dataset zipped under that name holds.
    const zipped = key !== undefined ? propertyOf(ts, first, key) : undefined;
    return zipped ? datasetValues(tree, tf, zipped, undefined, depth + 1) : [];
  }
  // `tf.data.array(samples)` of `const samples = [{ xs, ys }, …]`: the elements written out, or pushed one by one
  // (`samples.push({ features, label })`).
  if (path === 'data.array' && first) {
    if (key === undefined) return [first];
    const array = constValueOf(tree, first);
    const written = array && ts.isArrayLiteralExpression(array) && array.elements.length ? ([...array.elements] as TS.Expression[]) : writtenRows(tree, first);
    return fields(written ?? []);
  }
  const generator = path === 'data.generator' && first ? functionValue(tree, first) : undefined;
  if (generator?.body) return fields(yieldedValues(ts, generator.body));
  const callee = unwrapExpression(ts, e.expression);
  if (!ts.isPropertyAccessExpression(callee)) return [];
  if (SAME_ELEMENTS.has(callee.name.text)) return datasetValues(tree, tf, callee.expression, key, depth + 1);
  const mapper = callee.name.text === 'map' && first && isFunctionNode(ts, first) ? first : undefined;
  return mapper ? fields(returnedExpressions(tree, mapper)) : [];
}

/**
 * Property `key` of an object literal (`{ xs, ys: [r.label] }`), else nothing. An element with no `ys` whose one
 * field is named for a target (`{ features, label }`) holds the targets under that name: what the code means to fit.
 */
function fieldOf(ts: typeof TS, e: TS.Expression, key: string): TS.Expression[] {
  const o = unwrapExpression(ts, e);
  if (!ts.isObjectLiteralExpression(o)) return [];
  const v = propertyOf(ts, o, key);
  if (v || key !== 'ys') return v ? [v] : [];
  const named = o.properties.filter((p) => p.name && ts.isIdentifier(p.name) && TARGET_NAME.test(p.name.text));
  const only = named.length === 1 ? propertyOf(ts, o, (named[0].name as TS.Identifier).text) : undefined;
  return only ? [only] : [];
}

/** A dataset element's field named for its targets. */
const TARGET_NAME = /^(?:labels?|targets?|y|outputs?|answer)$/i;

/** The values a generator yields (not those of functions nested in it). */
function yieldedValues(ts: typeof TS, body: TS.Node): TS.Expression[] {
  const out: TS.Expression[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isYieldExpression(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}
