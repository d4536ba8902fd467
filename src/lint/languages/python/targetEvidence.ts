/**
 * What the targets of a compiled Keras model are, from the code that trains it: the `y` given to
 * `model.fit(x, y)` (or `train_on_batch`, `evaluate` does not train) on the same model name, followed to where it is
 * made. Integer labels drawn from {0, 1} (`np.random.randint(2, size=…)`), one-hot encodings (`to_categorical`,
 * `np.eye(k)[labels]`, `F.one_hot`) and 0/1 literals are classes; random floats, fractions and divisions are
 * continuous. The metrics are weaker evidence and count only when the data says nothing.
 */
import type { TargetEvidence } from '../../engine/frontEnd';
import type { PyFile } from './pyFile';
import { argument, callArgs, descendants, dottedPath, numberValue, unparen, type PyNode } from './syntax';

const MAX_DEPTH = 8;
const ONE_HOT = /(^|\.)(to_categorical|one_hot|label_binarize|get_dummies)$/;
const CONTINUOUS = /^numpy\.random\.(random|rand|randn|uniform|normal|random_sample|standard_normal)$|^(torch\.(rand|randn)|numpy\.(linspace|sin|cos))$/;
const SAME_VALUES = /^(astype|reshape|flatten|ravel|squeeze|expand_dims|float|long|int|numpy|copy|T)$/;

export function fitTargets(file: PyFile, compile: PyNode): TargetEvidence | undefined {
  const src = file.src;
  const callee = unparen(compile.children[0]);
  const model = callee.type === 'MemberExpression' ? dottedPath(src, callee.children[0])?.join('.') : undefined;
  if (!model) return undefined;
  for (const call of fitCalls(file).get(model) ?? []) {
    const ys = argument(callArgs(src, call), 1, 'y');
    const evidence = ys && classify(file, ys, 0);
    if (evidence) return evidence;
  }
  return undefined;
}

const fitCallsOf = new WeakMap<PyFile, Map<string, PyNode[]>>();

/** The file's `m.fit(…)` and `m.train_on_batch(…)` calls by the model's dotted name, found once per file. */
function fitCalls(file: PyFile): Map<string, PyNode[]> {
  let byModel = fitCallsOf.get(file);
  if (byModel) return byModel;
  byModel = new Map();
  const src = file.src;
  for (const call of src.all('CallExpression')) {
    const f = unparen(call.children[0]);
    if (f.type !== 'MemberExpression' || !/^(fit|train_on_batch)$/.test(src.source(f.children[1] ?? f))) continue;
    const model = dottedPath(src, f.children[0])?.join('.');
    if (model === undefined) continue;
    const list = byModel.get(model);
    if (list) list.push(call);
    else byModel.set(model, [call]);
  }
  fitCallsOf.set(file, byModel);
  return byModel;
}

function line(file: PyFile, n: PyNode): number {
  return file.src.text.slice(0, n.from).split('\n').length;
}

function classify(file: PyFile, node: PyNode, depth: number): TargetEvidence | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const src = file.src;
  const n = unparen(node);
  if (n.type === 'VariableName') {
    const a = file.values.assigned(src.source(n), n);
    return a && !a.partial ? classify(file, a.value, depth + 1) : undefined;
  }
  if (n.type === 'ArrayExpression') return fromLiterals(file, n);
  if (n.type === 'BinaryExpression' && src.source(n.children[1]) === '/') return { kind: 'continuous', because: `the targets are scaled (line ${line(file, n)})` };
  if (n.type === 'MemberExpression' && n.children[1]?.type !== 'PropertyName') {
    const eye = unparen(n.children[0]);
    const path = eye.type === 'CallExpression' ? file.bindings.callee(eye) : undefined;
    if (path === 'numpy.eye' || path === 'torch.eye') return { kind: 'classes', because: `the targets are one-hot rows of an identity matrix (line ${line(file, n)})` };
    return undefined;
  }
  if (n.type !== 'CallExpression') return undefined;
  const path = file.bindings.callee(n);
  const callee = unparen(n.children[0]);
  const name = path ?? dottedPath(src, callee)?.join('.') ?? '';
  const args = callArgs(src, n);
  if (ONE_HOT.test(name)) return { kind: 'classes', because: `the targets are one-hot (line ${line(file, n)})` };
  if (/(^|\.)randint$/.test(name)) {
    const positional = args.positional.map((a) => numberValue(src, a));
    const high = args.keywords.has('high') ? numberValue(src, args.keywords.get('high')!) : positional.length >= 2 && positional[1] !== undefined ? positional[1] : positional[0];
    const low = positional.length >= 2 ? positional[0] : 0;
    // NumPy's and torch's randint exclude the upper bound: randint(2) and randint(0, 2) draw 0/1 labels.
    if (high === 2 && low === 0) return { kind: 'classes', because: `the targets are random 0/1 labels (line ${line(file, n)})` };
    return undefined;
  }
  if (path && CONTINUOUS.test(path)) return { kind: 'continuous', because: `the targets come from ${path} (line ${line(file, n)})` };
  if (path && /^(numpy|torch)\.(array|asarray|tensor|from_numpy|float32)$/.test(path) && args.positional[0]) return classify(file, args.positional[0], depth + 1);
  if (callee.type === 'MemberExpression' && SAME_VALUES.test(src.source(callee.children[1] ?? callee))) return classify(file, callee.children[0], depth + 1);
  return undefined;
}

/** Nested number literals: all 0 or 1 is classes, any fraction continuous; other integers say nothing. */
function fromLiterals(file: PyFile, list: PyNode): TargetEvidence | undefined {
  const numbers: number[] = [];
  for (const d of descendants(list)) if (d.type === 'Number') numbers.push(numberValue(file.src, d) ?? NaN);
  if (numbers.some((v) => !Number.isInteger(v))) return { kind: 'continuous', because: `the targets hold fractions (line ${line(file, list)})` };
  if (numbers.length >= 2 && numbers.every((v) => v === 0 || v === 1)) return { kind: 'classes', because: `the targets are 0/1 labels (line ${line(file, list)})` };
  return undefined;
}
