/**
 * What the targets of a compiled model are, from the code that trains it: the `ys` given to `model.fit(xs, ys)`
 * (or `trainOnBatch`) on the same model, followed to where they are made. 0/1 literals, `tf.oneHot`, booleans
 * mapped to numbers are classes; fractions and normalised values are continuous. The metrics are weaker
 * evidence (an `accuracy` metric asks for classes) and count only when the data says nothing.
 */
import type * as TS from 'typescript';
import { knownDatasetLabels } from './knownDatasets';
import { memoFunction } from './reactHooks';
import { givenByCaller, isTruthTable } from './truthTables';
import type { TargetEvidence } from '../../engine/frontEnd';
import { baseName } from '../../engine/paths';
import { predictionsReadAsClasses } from './classReadings';
import { compiledModel, type CompileCall } from './compileSite';
import { argumentsOf, enclosingClass, functionValue, propertyOf, returnedExpressions } from './functionValues';
import { destructuredValues, readMemberValues, thisMemberValues, type ImportedClass, type Located, type OtherFiles, type OuterArguments } from './objectValues';
import { constValueOf, implicitGlobalValues, resolveIdentifier } from './scope';
import { unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { datasetElementField, fitCalls, targetsOfFit } from './fitCalls';
import { builtBy, modelKey, modelSearch } from './fittedModels';
import { accuracyByHabit } from './accuracyByHabit';
import { fileReconstruction, reconstructs } from './reconstructionTargets';
import { fieldOfSoleProducer, outerRowFields } from './producedFields';
import { assignedBefore, overwrittenElements } from './plainValues';
import { COMPARISON_KERNELS, TENSOR_COMPARISON } from './tfjsGradients';
import { declaredTargetNumbers } from './typedRows';
import { comparedLabels } from './comparedFields';
import type { TfBindings } from './tfBindings';
import { CLASS_DATA_NAME, CLASS_INDEX_HELPER, deepCopied, MATRIX_WRAPPER, TARGET_FIELD, MEASUREMENT_FIELD, minMaxScaled, zeroOneOnly, withoutNumberConversion, hasFraction, isArithmetic, isBooleanMadeNumber, isComparison, isGlobalOneHotByHand, isOneHotByHand, numbersOf, ONE_HOT_HELPER, rowsOf, destructuredRows, SCALING } from './targetShapes';
import { fieldValuesGiven, implicitGlobalGiven, pathAssignedValues, SAME_VALUES, SAME_VALUES_TF, valuesGiven, writtenNumbers } from './writtenNumbers';

const RANDOM = /^(?:randomUniform|randomNormal|truncatedNormal)$/;
const CLASSIFICATION_METRICS = /^(acc|accuracy|binaryAccuracy|categoricalAccuracy|sparseCategoricalAccuracy|precision|recall)$/;
const MAX_DEPTH = 12;
/** Class numbers written out as targets go up to this (more would be a count or a score). */
const MAX_CLASS_NUMBER = 20;
const MAX_REFERENCES = 50;

/** What other files of the project say: where the model is fitted there, and the calls that give a parameter its value. */
export interface CrossFile extends OtherFiles {
  /** The `ys` of `fit` calls in other files on the model this compile call configures. */
  fitTargets(cc: CompileCall): Located[];
  /** The arguments other files give a parameter of this file's functions, classes and methods. */
  outer: OuterArguments;
  /** The class a name imports from another file (whose fields may hold the targets). */
  importedClass: ImportedClass;
  /** The TF.js names of a file the cross-file values come from. */
  bindings(tree: SyntaxTree): TfBindings | undefined;
}

export function targetEvidence(tree: SyntaxTree, tf: TfBindings, cc: CompileCall, crossFile?: CrossFile, expired?: () => boolean): TargetEvidence | undefined {
  const reader = new TargetReader(tree, tf, { main: tree, visited: new Set(), bound: new Map(), readers: new Map(), crossFile, expired });
  if (expired?.()) return undefined;
  const fromData = (cc.targets ? reader.firstDecisive([cc.targets], 0) : undefined) ?? reader.fromFitCalls(cc) ?? (crossFile ? reader.firstDecisiveLocated(crossFile.fitTargets(cc), 0) : undefined);
  if (fromData) return fromData;
  if (expired?.()) return undefined;
  const reconstructed = fileReconstruction(tree, tf, cc, (targets) => reader.firstDecisive(targets, 0));
  if (reconstructed) return reconstructed;
  // A model class that prepares its targets in a field (`this.ys = tf.tensor1d(this.ys)`) and fits elsewhere.
  const prepared = fitCalls(tree).length === 0 ? classTargets(tree, cc) : [];
  const fromFields = prepared.length ? reader.firstDecisive(prepared, 0) : undefined;
  if (fromFields) return fromFields;
  const bare = accuracyByHabit(tree, cc);
  const metric = cc.metrics.find((m) => CLASSIFICATION_METRICS.test(m) && !(bare && /^(acc|accuracy)$/.test(m)));
  return metric ? { kind: 'classes', because: `the metrics ask for ${metric}` } : predictionsReadAsClasses(tree, tf, compiledModel(tree.ts, cc));
}

/** `this.ys`, `this.labels` … of the class a compile call is in: each value the class gives such a field. */
function classTargets(tree: SyntaxTree, cc: CompileCall): TS.Expression[] {
  const cls = enclosingClass(tree, cc.call);
  if (!cls) return [];
  const names = new Set([...tree.text.slice(cls.pos, cls.end).matchAll(/\bthis\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?!=)/g)].map((m) => m[1]!).filter((n) => TARGET_FIELD.test(n)));
  return [...names].flatMap((n) => thisMemberValues(tree, cc.call, n));
}

/**
 * What the code says about a minimize closure's targets, from the declaration they come from (a variable outside
 * the closure, a parameter of the function around it).
 */
export function declarationEvidence(tree: SyntaxTree, tf: TfBindings, declaration: TS.Node, crossFile?: CrossFile): TargetEvidence | undefined {
  const ts = tree.ts;
  const name = ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isBindingElement(declaration) ? declaration.name : undefined;
  // Or the expression the targets are (`yTensor: tf.tensor2d(yVals, …)` of the object a batch helper returns).
  const value = name && ts.isIdentifier(name) ? name : !name && ts.isExpression(declaration) ? declaration : undefined;
  return value && new TargetReader(tree, tf, { main: tree, visited: new Set(), bound: new Map(), readers: new Map(), crossFile }).classify(value, 0);
}

/** What the readers of one evidence search share: the nodes seen, a reader per file, the other files. */
interface SharedSearch {
  /** The file being linted: evidence from any other names its file. */
  main: SyntaxTree;
  visited: Set<TS.Node>;
  /** Parameters read at one call (a helper's `rows` at `toTensor(ys)`, a trainer's `ys` at `train(model, xs, ys)`). */
  bound: Map<TS.ParameterDeclaration, TS.Expression>;
  /** The model the targets are fitted on, whose own predictions are values (a Q-learning target). */
  fitted?: TS.Node | string;
  readers: Map<SyntaxTree, TargetReader>;
  crossFile?: CrossFile;
  /** Whether the lint's time is up: a file of hundreds of compiles and fits stops looking. */
  expired?: () => boolean;
}

class TargetReader {
  private readonly ts: typeof TS;

  constructor(
    private readonly tree: SyntaxTree,
    private readonly tf: TfBindings,
    private readonly shared: SharedSearch,
  ) {
    this.ts = tree.ts;
    shared.readers.set(tree, this);
  }

  fromFitCalls(cc: CompileCall): TargetEvidence | undefined {
    const ts = this.ts;
    const compiled = compiledModel(ts, cc);
    if (!compiled) return undefined;
    const fits = fitCalls(this.tree);
    if (fits.length === 0) return undefined;
    const builders = modelSearch(this.tree, cc.call, unwrapExpression(ts, compiled));
    const model = builders.model;
    // Random targets (`tf.randomUniform([n, 10])` in a benchmark or a smoke test) say what a model is trained on only
    // when no other fit of it says.
    let dummy: TargetEvidence | undefined;
    for (const call of fits) {
      if (this.shared.expired?.()) return undefined;
      const receiver = (call.expression as TS.PropertyAccessExpression).expression;
      if ((!model || modelKey(this.tree, receiver) !== model) && !builtBy(this.tree, receiver, builders, 0)) continue;
      const given = call.arguments[1] && unwrapExpression(ts, call.arguments[1]);
      const values = given && ts.isIdentifier(given) ? (resolveIdentifier(this.tree, given) ? [constValueOf(this.tree, given)] : implicitGlobalValues(this.tree, given.text)) : [given];
      const made = values.length === 1 && values[0] ? unwrapExpression(ts, values[0]) : undefined;
      if (made && ts.isCallExpression(made) && RANDOM.test(this.tf.path(made.expression) ?? '')) {
        dummy ??= { kind: 'continuous', because: `the targets are random numbers (${this.at(call)})` };
        continue;
      }
      this.shared.fitted = modelKey(this.tree, receiver);
      const targets = targetsOfFit(this.tree, this.tf, call);
      // Fitted in a function given the model: the targets of the calls that give it this model, not every call's.
      const fn = [...this.tree.ancestors(call)].find((a) => builders.via.has(a));
      const evidence = fn
        ? builders.via.get(fn)!.map((c) => this.atCall(fn as FunctionNode, c, () => this.firstDecisive(targets, 0))).find((e) => e)
        : this.fromRows(targets) ?? this.firstDecisive(targets, 0);
      if (evidence) return evidence;
      // `fit(x, x)`: an autoencoder reconstructing its inputs; whatever its metrics say, its targets are the data's
      // values, classes only when the data itself shows 0/1 values.
      const [xs, ys] = call.arguments;
      if (reconstructs(this.tree, call)) return { kind: 'continuous', because: `the model reconstructs its inputs (${this.at(call)})` };
      // Targets the code does not show, fitted to a truth table's rows (an XOR demo's targets chosen in a form).
      if (xs && ys && isTruthTable(this.tree, this.tf, xs) && givenByCaller(this.tree, ys)) return { kind: 'classes', because: `the inputs are a truth table (${this.at(call)}), whose targets are 0/1` };
    }
    return dummy;
  }

  /** `read()` with the parameters of `fn` bound to the arguments of one call of it. */
  private atCall<T>(fn: FunctionNode, call: TS.CallExpression, read: () => T): T {
    const saved = { bound: this.shared.bound, visited: this.shared.visited };
    this.shared.bound = new Map(saved.bound);
    this.shared.visited = new Set(saved.visited);
    fn.parameters.forEach((p, i) => {
      const a = call.arguments[i];
      if (a && !this.ts.isSpreadElement(a)) this.shared.bound.set(p, a);
    });
    try {
      return read();
    } finally {
      this.shared.bound = saved.bound;
      this.shared.visited = saved.visited;
    }
  }

  /** The first decisive evidence among values that may sit in other files. */
  firstDecisiveLocated(values: readonly Located[], depth: number): TargetEvidence | undefined {
    for (const v of values) {
      const reader = v.tree === this.tree ? this : this.readerFor(v.tree);
      const e = reader?.classify(v.node, depth + 1);
      if (e) return e;
    }
    return undefined;
  }

  private readerFor(tree: SyntaxTree): TargetReader | undefined {
    const known = this.shared.readers.get(tree);
    if (known) return known;
    const tf = this.shared.crossFile?.bindings(tree);
    return tf ? new TargetReader(tree, tf, this.shared) : undefined;
  }

  /** The fitted model, or a receiver named as a network (`targetModel`, `this.qNet`). */
  private isNetwork(receiver: TS.Expression): boolean {
    if (this.shared.fitted !== undefined && modelKey(this.tree, receiver) === this.shared.fitted) return true;
    const e = unwrapExpression(this.ts, receiver);
    const name = this.ts.isIdentifier(e) ? e.text : this.ts.isPropertyAccessExpression(e) ? e.name.text : '';
    return /model|net|critic|actor|agent|brain|dqn/i.test(name);
  }

  /** Where a node is, for the message: its line, and its file when that is not the one linted. */
  private at(node: TS.Node): string {
    const line = this.tree.file.getLineAndCharacterOfPosition(this.tree.start(node)).line + 1;
    return this.tree === this.shared.main ? `line ${line}` : `line ${line} of ${baseName(this.tree.file.fileName)}`;
  }

  classify(node: TS.Expression, depth: number): TargetEvidence | undefined {
    const ts = this.ts;
    if (depth > MAX_DEPTH || this.shared.visited.has(node)) return undefined;
    this.shared.visited.add(node);
    const n = unwrapExpression(ts, node);
    // Values the code writes out number by number, however they are put together (writtenNumbers.ts).
    const numbers = ts.isIdentifier(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) ? writtenNumbers(this.tree, this.tf, n, this.shared.bound) : undefined;
    const written = numbers?.length ? this.fromNumbers(numbers, n) : undefined;
    if (written) return written;
    if (ts.isIdentifier(n)) return this.fromIdentifier(n, depth) ?? this.fromDeclaredType(n);
    // One value of several a name is given (`let p = 0.2; … p = Math.min(0.98, p)`): a fraction says continuous.
    if (ts.isNumericLiteral(n)) return this.fromNumbers([Number(n.text)], n);
    if (ts.isArrayLiteralExpression(n)) return this.fromArray(n, depth);
    if (ts.isConditionalExpression(n)) return this.fromConditional(n, depth);
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.PlusToken) return { kind: 'classes', because: `the targets are booleans made numbers (${this.at(n)})` };
    // `(e == cs) + 0`, `(a > b) * 1`, `(x === k) | 0`: a comparison made a number by arithmetic that keeps its 0 or 1.
    if (ts.isBinaryExpression(n) && isBooleanMadeNumber(ts, n)) return { kind: 'classes', because: `the targets are booleans made numbers (${this.at(n)})` };
    // `xs.map((x, i) => bounds[i] < x[2])`: comparisons, booleans TF.js holds as 0 and 1.
    if (isComparison(ts, n)) return { kind: 'classes', because: `the targets are comparisons, 0 or 1 (${this.at(n)})` };
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.SlashToken) return { kind: 'continuous', because: `the targets are scaled (${this.at(n)})` };
    // `0.4 + score * 0.6`: a value computed with fractions.
    if (ts.isBinaryExpression(n) && isArithmetic(ts, n) && hasFraction(ts, n)) return { kind: 'continuous', because: `the targets are computed with fractions (${this.at(n)})` };
    // `reward + gamma * nextValue` of a network's prediction: a value made of values (classes are not added up).
    if (ts.isBinaryExpression(n) && isArithmetic(ts, n)) return [n.left, n.right].map((o) => this.classify(o, depth + 1)).find((e) => e?.kind === 'continuous');
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      // A known data set's classes (`batch.labels` of `data.nextTrainBatch(n)`: knownDatasets.ts); a member of a table of
      // rows (`COLORS.green` of a table a one-hot helper made) says what the table says.
      // A nested field set in another method (`this.trainingSet.ys_tensor = tf.tensor2d(…)`): what it is set to.
      return (ts.isPropertyAccessExpression(n) ? this.fromKnownDataset(n) ?? this.firstDecisive(pathAssignedValues(this.tree, n), depth) : undefined)
        ?? this.firstDecisiveLocated(readMemberValues(this.tree, n, this.shared.crossFile), depth)
        ?? (ts.isPropertyAccessExpression(n) ? this.fromRowField(rowsOf(this.tree, unwrapExpression(ts, n.expression)), n.name.text, depth) : undefined)
        ?? this.fromTable(n.expression, depth)
        ?? this.fromProducer(n, depth)
        ?? this.fromDeclaredType(n)
        ?? (ts.isPropertyAccessExpression(n) ? comparedLabels(this.tree, n.name.text) : undefined);
    }
    if (!ts.isCallExpression(n)) return undefined;
    const path = this.tf.path(n.expression);
    if (path === 'oneHot') return { kind: 'classes', because: `the targets are one-hot (tf.oneHot, ${this.at(n)})` };
    // A deep copy: the same values; a min-max scaling by their own bounds keeps 0/1 rows (zeroOneOnly).
    const copied = deepCopied(ts, n);
    if (copied) return this.classify(copied, depth + 1);
    const scaled = minMaxScaled(this.tree, n);
    if (scaled) return zeroOneOnly(this.classify(scaled, depth + 1), `the targets are scaled to [0, 1] (${this.at(n)})`);
    if (path !== undefined && SCALING.has(path)) return { kind: 'continuous', because: `the targets come from tf.${path} (${this.at(n)})` };
    // `tf.tidy(() => tf.oneHot(…))`, React's `useMemo(() => tf.tensor2d(labels), [labels])`: what the function returns.
    if (path === 'tidy') return n.arguments.length ? this.fromMapper(n.arguments[n.arguments.length - 1], depth) : undefined;
    if (memoFunction(this.tree, n)) return this.fromMapper(n.arguments[0]!, depth);
    if (path !== undefined && SAME_VALUES_TF.has(path)) return n.arguments[0] ? this.classify(n.arguments[0], depth + 1) : undefined;
    const callee = unwrapExpression(ts, n.expression);
    // `xs.sum(1).greater(0).toFloat()`, `tf.cast(tf.less(a, b), 'float32')`: comparisons, 0 or 1 (methods: TF.js's names).
    if (Object.hasOwn(COMPARISON_KERNELS, path ?? (ts.isPropertyAccessExpression(callee) && TENSOR_COMPARISON.test(callee.name.text) ? callee.name.text : ''))) return { kind: 'classes', because: `the targets are comparisons, 0 or 1 (${this.at(n)})` };
    if (ts.isIdentifier(callee) && callee.text === 'Number' && n.arguments[0]) return this.fromBooleanLike(n.arguments[0], n);
    // A matrix library's wrapper of written rows: mathjs's `matrix([[0], [1]])`, `Matrix.fromArray(t)`, `nj.array(t)`.
    const wrapper = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && !path ? callee.name.text : undefined;
    if (wrapper && MATRIX_WRAPPER.test(wrapper) && n.arguments.length === 1) return this.classify(n.arguments[0]!, depth + 1);
    // `Array.from(t.dataSync())`: the numbers of the tensor; `Float32Array.from({ length: k }, (_, j) => j === label ? 1 : 0)`:
    // what the mapping function returns.
    const arrayFrom = ts.isPropertyAccessExpression(callee) && callee.name.text === 'from' && ts.isIdentifier(callee.expression) && /^(?:Array|Float(?:32|64)Array|U?Int(?:8|16|32)Array)$/.test(callee.expression.text);
    const mapped = arrayFrom && n.arguments[1] ? this.fromMapper(n.arguments[1], depth) : undefined;
    if (mapped) return mapped;
    // A mapping function that says nothing (`(v) => v`, `Number`): the source's values.
    if (arrayFrom && n.arguments[0]) return this.classify(n.arguments[0], depth + 1);
    // Targets made from the fitted model's own predictions, or a network's (a Q-learning target: the predicted row with
    // one action's value replaced), are values, not classes; another library's predict (k-NN pseudo-labels) says nothing.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'predict' && this.isNetwork(callee.expression)) return { kind: 'continuous', because: `the targets are made from the model's predictions (${this.at(n)})` };
    const helper = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (path === undefined && helper !== undefined && ONE_HOT_HELPER.test(helper)) return { kind: 'classes', because: `the targets are one-hot (${helper}, ${this.at(n)})` };
    if (path === undefined && helper !== undefined && CLASS_INDEX_HELPER.test(helper)) return { kind: 'classes', because: `the targets are class numbers (${helper}, ${this.at(n)})` };
    // A function of this file that makes the targets: what it returns, its parameters given this call's arguments.
    const fn = path === undefined ? functionValue(this.tree, n.expression) : undefined;
    if (fn) return this.atCall(fn, n, () => this.firstDecisive(returnedExpressions(this.tree, fn), depth));
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    // `Math.min(f * 0.4 + g * 0.3, 0.7)`: a value bounded by others; continuous when one of them is.
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'Math' && (method === 'min' || method === 'max')) {
      const bounded = n.arguments.map((a) => this.classify(a, depth + 1));
      return bounded.find((e) => e?.kind === 'continuous');
    }
    if (method === 'oneHot') return { kind: 'classes', because: `the targets are one-hot (${this.at(n)})` };
    if (SCALING.has(method)) return { kind: 'continuous', because: `the targets are scaled with .${method}() (${this.at(n)})` };
    if (SAME_VALUES.has(method)) return this.classify(callee.expression, depth + 1);
    // `oldYs.concat(ys, 0)`: rows of both (a data set grown one example at a time).
    if (method === 'concat') return this.firstDecisive([callee.expression, ...n.arguments], depth);
    if ((method === 'map' || method === 'flatMap') && n.arguments[0]) return this.fromMapper(n.arguments[0], depth);
    return undefined;
  }

  /** `data.outputs` of data handed in from outside the file: what the file's one maker of `{ inputs, outputs }` gives it, or the rows other files hand in. */
  private fromProducer(n: TS.Expression, depth: number): TargetEvidence | undefined {
    const made = this.ts.isPropertyAccessExpression(n) ? fieldOfSoleProducer(this.tree, n) : undefined;
    return (made && this.classify(made, depth + 1)) ?? (this.ts.isPropertyAccessExpression(n) ? this.firstDecisiveLocated(outerRowFields(this.tree, this.shared.crossFile?.outer, n), depth) : undefined);
  }

  /**
   * The field `key` of every row the file writes out, taken together: `d.targets` where `d` runs over rows
   * `{ inputs: [0, 1], targets: [1] }` (`training_data.map((d) => d.targets)`, `for (const d of training_data)`), or a
   * name destructured from them (`for (const { output: target } of data)`).
   */
  private fromRowField(rows: TS.ObjectLiteralExpression[] | undefined, key: string, depth: number): TargetEvidence | undefined {
    const ts = this.ts;
    if (!rows) return undefined;
    const values = rows.map((r) => propertyOf(ts, r, key)).filter((v): v is TS.Expression => v !== undefined);
    if (values.length < rows.length) return undefined;
    const numbers: number[] = [];
    const others: TS.Expression[] = [];
    for (const v of values) numbersOf(ts, v, numbers, others);
    if (others.length === 0) return this.fromNumbers(numbers, values[0]);
    // Rows made one way or another (`type === 'enemy' ? { output: [d.kind, …] } : { output: [d.x / 100, …] }`) say
    // something only when every way that says anything says the same.
    const said = values.slice(0, MAX_REFERENCES).map((v) => this.classify(v, depth + 1)).filter((e) => e !== undefined);
    return said.every((e) => e.kind === said[0]?.kind) ? said[0] : undefined;
  }

  /**
   * Target numbers written out: any fraction is continuous, all 0 or 1 is classes, and so are class numbers 0, 1, 2 …
   * (`[[1], [0], [2]]` for three topics: no sigmoid or softmax output reaches 2 either); negative or large integers
   * say nothing.
   */
  private fromNumbers(numbers: readonly number[], at: TS.Node): TargetEvidence | undefined {
    if (numbers.some((v) => !Number.isInteger(v))) return { kind: 'continuous', because: `the targets hold fractions (${this.at(at)})` };
    if (numbers.length >= 2 && numbers.every((v) => v === 0 || v === 1)) return { kind: 'classes', because: `the targets are 0/1 labels (${this.at(at)})` };
    const distinct = new Set(numbers);
    const top = Math.max(...numbers);
    if (distinct.has(0) && distinct.size >= 3 && numbers.every((v) => v >= 0 && v <= MAX_CLASS_NUMBER) && distinct.size > top / 2) {
      return { kind: 'classes', because: `the targets are class numbers 0–${top} (${this.at(at)})` };
    }
    return undefined;
  }

  /** The table a member is read from, when it is a name or a member itself (not a call's result, whose fields vary). */
  private fromTable(table: TS.Expression, depth: number): TargetEvidence | undefined {
    const ts = this.ts;
    const e = unwrapExpression(ts, table);
    return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? this.classify(e, depth + 1) : undefined;
  }

  /** A dataset's target rows written out one per element (`{ xs: [0, 1], ys: [1] }`, …): their numbers together. */
  private fromRows(rows: readonly TS.Expression[]): TargetEvidence | undefined {
    const numbers = rows.length > 1 ? rows.map((r) => writtenNumbers(this.tree, this.tf, r, this.shared.bound)) : [];
    return numbers.length && numbers.every((n) => n?.length) ? this.fromNumbers(numbers.flat() as number[], rows[0]!) : undefined;
  }

  firstDecisive(nodes: readonly TS.Expression[], depth: number): TargetEvidence | undefined {
    for (const a of nodes) {
      const e = this.classify(a, depth + 1);
      if (e) return e;
    }
    return undefined;
  }

  /**
   * An array's elements that are not literals: the first that says something, but a flag made a number (`tx.success ?
   * 1 : 0`) is one column of a row, which is classes only when every other column is too:
   * `[tx.gasUsed || 0, tx.value || 0, tx.success ? 1 : 0]` is a row of measurements with a flag among them.
   */
  private rowElements(elements: readonly TS.Expression[], depth: number): TargetEvidence | undefined {
    const ts = this.ts;
    for (const [i, a] of elements.entries()) {
      const e = this.classify(a, depth + 1);
      if (!e) continue;
      const x = unwrapExpression(ts, a);
      const flag = ts.isConditionalExpression(x) || isComparison(ts, x) || ts.isPrefixUnaryExpression(x);
      if (e.kind !== 'classes' || !flag) return e;
      // The columns before it said nothing (else the loop would have stopped there): only the later ones are read.
      const later = elements.slice(i + 1).map((b) => this.classify(b, depth + 1));
      return later.find((r) => r?.kind === 'continuous') ?? (i === 0 && later.every((r) => r?.kind === 'classes') ? e : undefined);
    }
    return undefined;
  }

  /** The values a `let` is given (`let s = b ? 1 : 0; if (!b) s = Math.min(f * 0.4, 0.7)`): any continuous one decides. */
  private anyContinuous(nodes: readonly TS.Expression[], depth: number): TargetEvidence | undefined {
    if (nodes.length < 2) return this.firstDecisive(nodes, depth);
    let first: TargetEvidence | undefined;
    for (const a of nodes) {
      const e = this.classify(a, depth + 1);
      if (e?.kind === 'continuous') return e;
      first ??= e;
    }
    return first;
  }

  private fromIdentifier(id: TS.Identifier, depth: number): TargetEvidence | undefined {
    // A name that says one-hot or classification (`yOneHot`, `classificationData`) when its values say nothing.
    return this.fromValuesOf(id, depth) ?? (CLASS_DATA_NAME.test(id.text) ? { kind: 'classes', because: `the targets are named ${id.text} (${this.at(id)})` } : undefined);
  }

  private fromValuesOf(id: TS.Identifier, depth: number): TargetEvidence | undefined {
    const d = resolveIdentifier(this.tree, id);
    if (d?.kind === 'variable' && d.initializer && isOneHotByHand(this.tree, id.text, d)) return { kind: 'classes', because: `the targets are one-hot rows set by hand (${this.at(d.node)})` };
    if (d?.kind === 'variable') return (d.isConst ? this.firstDecisive : this.anyContinuous).call(this, [...(d.initializer ? [d.initializer] : []), ...valuesGiven(this.tree, id.text, d)], depth);
    // `const { xs, ys } = loadData(rows)`: the `ys` of what the helper returns.
    // … or the field of a dataset's elements a custom loop destructures (`ds.forEachAsync(({ xs, ys }) => …)`).
    // … or each row's field, written out (`const { target } = example` over `[{ inputs, target: 0 }, …]`): their numbers together.
    if (d?.kind === 'binding') {
      const known = this.fromKnownDataset(d.node);
      if (known) return known;
      const values = destructuredValues(this.tree, d.node, this.shared.crossFile);
      const rows = values.every((v) => v.tree === this.tree) ? this.fromRows(values.map((v) => v.node)) : undefined;
      const iterated = values.length ? undefined : destructuredRows(this.tree, d.node);
      return rows ?? this.firstDecisiveLocated(values, depth) ?? this.firstDecisive(datasetElementField(this.tree, this.tf, d.node), depth) ?? (iterated && this.fromRowField(iterated.rows, iterated.key, depth));
    }
    // A parameter the function gives another value before it is read (`data = data.map((v) => v / max)`): that value,
    // when it says continuous, whatever the callers give.
    const rescaled = d?.kind === 'parameter' ? this.anyContinuous(assignedBefore(this.tree, id, d), depth) : undefined;
    if (rescaled?.kind === 'continuous') return rescaled;
    // Every element overwritten in place (`for (…; i < a.length; i++) a[i] = a[i] ? 1 : 0`): what the callers gave is gone.
    const overwritten = d?.kind === 'parameter' ? overwrittenElements(this.tree, id, d) : undefined;
    const fromOverwrite = overwritten && this.classify(overwritten, depth + 1);
    if (fromOverwrite) return fromOverwrite;
    const bound = d?.kind === 'parameter' ? this.shared.bound.get(d.node) : undefined;
    if (bound) return this.classify(bound, depth + 1);
    // Rows given one per call (`nn.train([0, 1], [1])`, `nn.train([1, 1], [0])`) say together what none says alone.
    const given = d?.kind === 'parameter' ? argumentsOf(this.tree, d.node) : [];
    if (d?.kind === 'parameter') return this.fromRows(given) ?? this.firstDecisive(given, depth) ?? this.firstDecisiveLocated(this.shared.crossFile?.outer(this.tree, d.node) ?? [], depth);
    // `ys = tf.tensor(…)` in a script that never declares `ys`: what it is given, as a `let` is (`outputs = []` then
    // `outputs.push(row)`).
    if (d) return undefined;
    return isGlobalOneHotByHand(this.tree, id.text) ? { kind: 'classes', because: `the targets are one-hot rows set by hand (${this.at(id)})` } : this.anyContinuous(implicitGlobalGiven(this.tree, id.text), depth);
  }

  /** Nested number literals: all 0 or 1 is classes, any fraction continuous; other integers say nothing. */
  private fromArray(arr: TS.ArrayLiteralExpression, depth: number): TargetEvidence | undefined {
    const ts = this.ts;
    // `const res = { outputs: [] }; … res.outputs.push(row)`: what the empty field is filled with.
    if (arr.elements.length === 0) {
      const given = fieldValuesGiven(this.tree, arr);
      return given?.length ? this.firstDecisive(given, depth) : undefined;
    }
    const numbers: number[] = [];
    const others: TS.Expression[] = [];
    numbersOf(ts, arr, numbers, others);
    const other = this.rowElements(others, depth);
    // `[log.dps / 1e7, log.survivalRate / 100, 0, 0]`: a scaled value beside literal zeros makes the row continuous.
    if (other?.kind === 'continuous') return other;
    const written = numbers.length ? this.fromNumbers(numbers, arr) : other;
    if (written) return written;
    // `[d.position.x, d.position.y, d.velocity.x, d.size]`: a row of measurements is a regression's targets.
    // Also read from text (`parseFloat(d.X)`, `Number(row.price)`).
    const measured = others.filter((e) => { const x = withoutNumberConversion(ts, e); return ts.isPropertyAccessExpression(x) && MEASUREMENT_FIELD.test(x.name.text); });
    return measured.length >= 2 && measured.length * 2 >= arr.elements.length ? { kind: 'continuous', because: `the targets are measurements (${this.tree.compactSource(measured[0])}, ${this.at(arr)})` } : undefined;
  }

  private fromConditional(c: TS.ConditionalExpression, depth: number): TargetEvidence | undefined {
    const ts = this.ts;
    // `inside ? 1 : 0`, and the one-element rows of `inside ? [1] : [0]`.
    const value = (e: TS.Expression): number | undefined => {
      const x = unwrapExpression(ts, e);
      if (ts.isArrayLiteralExpression(x) && x.elements.length === 1 && !ts.isSpreadElement(x.elements[0])) return value(x.elements[0]);
      return ts.isNumericLiteral(x) ? Number(x.text) : undefined;
    };
    const a = value(c.whenTrue);
    const b = value(c.whenFalse);
    if ((a === 1 && b === 0) || (a === 0 && b === 1)) return { kind: 'classes', because: `the targets are conditions mapped to 0/1 (${this.at(c)})` };
    // `ok ? 0.9 : 0.7`: the numbers say what they say (fractions are values).
    if (a !== undefined && b !== undefined) return this.fromNumbers([a, b], c);
    if (a !== undefined || b !== undefined) return undefined;
    // `up ? [1, 0, 0] : down ? [0, 0, 1] : [0, 1, 0]`: classes when every branch says classes; a branch that computes a
    // value (`i === taken ? reward + 0.99 * maxNext : q`, a Q-learning target) makes the targets values.
    const whenTrue = this.classify(c.whenTrue, depth + 1);
    if (whenTrue?.kind === 'continuous') return whenTrue;
    const whenFalse = this.classify(c.whenFalse, depth + 1);
    if (whenFalse?.kind === 'continuous') return whenFalse;
    return whenTrue && whenFalse?.kind === 'classes' ? whenTrue : undefined;
  }

  private fromBooleanLike(arg: TS.Expression, at: TS.Node): TargetEvidence | undefined {
    const ts = this.ts;
    const x = unwrapExpression(ts, arg);
    return isComparison(ts, x) || ts.isPrefixUnaryExpression(x) || this.writtenBooleans(x) ? { kind: 'classes', because: `the targets are booleans made numbers (${this.at(at)})` } : undefined;
  }

  /** A field every row writes as a boolean (`Number(d.spam)` over `[{ …, spam: true }, …]`). */
  private writtenBooleans(x: TS.Expression): boolean {
    const ts = this.ts;
    const values = ts.isPropertyAccessExpression(x) ? rowsOf(this.tree, unwrapExpression(ts, x.expression))?.map((r) => propertyOf(ts, r, x.name.text)) : undefined;
    return !!values?.length && values.every((v) => v !== undefined && ([ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword].includes(unwrapExpression(ts, v).kind) || isComparison(ts, v)));
  }

  /** `rows.map((r) => r.label === 'spam' ? 1 : 0)`, `.map((r) => [r.a ? 1 : 0])`, `.map((r) => r.price / max)`. */
  private fromMapper(fnExpr: TS.Expression, depth: number): TargetEvidence | undefined {
    // `rows.map(toY)` of `const toY = (r) => [r.survived === '1' ? 1 : 0]`: the function named.
    const fn = functionValue(this.tree, fnExpr);
    return fn?.body ? this.firstDecisive(returnedExpressions(this.tree, fn), depth) : undefined;
  }

  private fromKnownDataset(n: TS.PropertyAccessExpression | TS.BindingElement): TargetEvidence | undefined {
    const known = knownDatasetLabels(this.tree, n);
    return known ? { kind: 'classes', because: `${known} (${this.at(n)})` } : undefined;
  }

  /** A name or field whose declared type names its numbers (`train_labels: [0 | 1][]`, typedRows.ts). */
  private fromDeclaredType(n: TS.Expression): TargetEvidence | undefined {
    const typed = declaredTargetNumbers(this.tree, n);
    return typed && this.fromNumbers(typed.numbers, typed.at);
  }
}
