/**
 * Translates TF.js and plain JavaScript code into a per-element loss expression in mathjs syntax: tf.*
 * calls, Tensor method chains, Math.* code with ternaries, local consts, helpers and tf.tidy in the same
 * file. Anything it cannot read throws `Unreadable` with a reason and the node responsible.
 */
import type * as TS from 'typescript';
import { isTargetName, MAX_EXPRESSION_LENGTH } from '../../../core';
import { binary, compare, conditional, logic, mapped, neg, not, num, symbol, type Expr } from '../../engine/expression';
import { decidedByCall } from './inlineHelpers';
import { isIdentifierName, lastAssignmentBefore, resolveIdentifier, type Declaration } from './scope';
import { isOptimisedInput } from './optimisedInputs';
import { handedToTfjs, wholeLossField } from './returnedLoss';
import { filledElementValue, isMappedArray, isTrainedNumber, readHeld, wrappedScalar } from './plainValues';
import { propertyOf } from './functionValues';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { isSettingField, readProperty } from './propertyReads';
import { onlyNumberGiven, valueAssignedBefore } from './branchAssignments';
import { sumOperands } from './unreadTerms';
import { withoutMask } from './actionMasks';
import { isPolicyWeightName, isSettingName } from '../../engine/roleNames';
import { indexedModelOutput } from './modelOutputs';
import { computedBeforeStep, literalDataBeforeStep, runsModel } from './stepBoundary';
import { falseAsTheLossRuns, termAt, termsOf } from './termLists';
import type { TfBindings } from './tfBindings';
import { translateCall } from './translateCalls';
import { literalPathValue, localObjectField } from './callFields';
import { destructuredValue, translateStatements } from './translateStatements';
import { fromSettings, outerFlag, testKey, testsReassignedName } from './configurationTests';
import { constantTest, describeCode, Env, GUARDED, isReadBack, isSettingDefault, isSymbolName, numericValue, once, RESERVED, Unreadable } from './translationEnv';
import type { ChoicePoint, ReadLogits, TranslatorOptions } from './translatorOptions';
import { offsetElement, predictionPart } from './tensorParts';
import { comparisonOf } from './targetShapes';
export type { ChoicePoint, ReadLogits, TranslatorOptions } from './translatorOptions';

const MAX_STEPS = 20_000;
/** The value a batch or class count (`x.shape[0]`, `arr.length`) takes: any positive count; 1 would make `n - 1` vanish. */
const TYPICAL_COUNT = 8;
const MAX_DEPTH = 400;

export class Translator {
  readonly reductions: ('mean' | 'sum' | 'other')[] = [];
  readonly parameters: Record<string, number> = {};
  /** How many NaN / Infinity checks were read (see nonFiniteCheck): a test made of them is a guard, not a setting. */
  nonFiniteChecks = 0;
  /** Properties whose value the code was searched for (`memberNumber`), once per symbol. */
  readonly membersLookedUp = new Set<string>();
  usedTensorOps = false;
  /** The call that recorded the last reduction. */
  lastReductionNode?: TS.Node;
  prediction?: string;
  /** The symbol of the loss's prediction, in every mode: the `yPred` parameter, or the model output of a closure. */
  get predictionSymbol(): string | undefined {
    return this.prediction ?? this.lossPrediction;
  }
  /** A loss function's prediction parameter (set by the loss-function reader). */
  lossPrediction?: string;
  /** A loss function's target parameter (set by the loss-function reader). */
  lossTarget?: string;
  /** The symbol of the loss's target, in every mode: the `yTrue` parameter, or a minimize closure's first data. */
  get targetSymbol(): string | undefined {
    return this.target ?? this.lossTarget;
  }
  /** A `tf.oneHot` of the loss's target: the loss encodes class numbers itself. */
  targetOneHot?: TS.CallExpression;
  /** Outputs of other models in the same closure (a critic beside the actor): each is checked as the prediction too. */
  readonly otherPredictions: string[] = [];
  /** The inputs a training step optimises, read as predictions of their own (optimisedInputs.ts). */
  readonly optimisedInputs = new Set<string>();
  /** Parts of the prediction, each a prediction of its own, by key in the order met: elements of a list of outputs (a VAE's
   * `outputs[2]` of [decoded, zMean, zLogVar]), slices that start at different rows (a triplet's anchors, positives, negatives). */
  readonly predictionElements = new Map<string, string>();
  /** The call that gives the model's output in a minimize closure (`model.predict(xs)`). */
  predictionCall?: TS.CallExpression;
  /** Each model output's symbol (the prediction and the others), with its call and, for a destructured one, its index. */
  readonly modelOutputs = new Map<string, { call: TS.CallExpression; index?: number; field?: string; unseen?: boolean }>();
  /** Operations: the calls whose results are data symbols (`actor.predict(s)` → a symbol). */
  readonly opaqueCalls = new Map<string, TS.CallExpression>();
  target?: string;
  /** A minimize closure: the declaration its target comes from (`const ys = tf.tensor2d(labels)` outside it). */
  targetOwner?: TS.Node;
  readonly owners = new Map<TS.Node | string, string>();
  private readonly taken = new Set<string>();
  /** Ranges of data symbols that the op making them fixes (a one-hot mask is in [0, 1]). */
  readonly knownRanges = new Map<string, [number, number]>();
  /** Symbols of random draws (`tf.randomUniform(…)`): a log of nothing else is part of a sampler (Gumbel-max, inverse CDF). */
  readonly randomSymbols = new Set<string>();
  /** Symbols that stand for data (the loss's parameters, tensors from the closure); tests on them are not configuration. */
  readonly dataSymbols = new Set<string>();
  readonly choicePoints: ChoicePoint[] = [];
  private readonly declarations = new Map<TS.Node, Expr>();
  /** Calls whose tensor result is thrown away (an expression statement `tf.clipByValue(p, …);`). */
  readonly discarded: TS.CallExpression[] = [];
  /** Terms of sums left out because they could not be read (unreadTerms.ts), each a symbol of its own. */
  readonly unreadTerms: { name: string; code: string; reason: string; node: TS.Node; at: TS.Node; kept?: true }[] = [];
  /** Ops met that run a kernel the gradient check knows (`tf.lessEqual(error, delta)`, `tf.gatherND`), with their operands. */
  readonly kernelCalls: { call: TS.CallExpression; op: string; operands: Expr[] }[] = [];
  /** `tf.where(condition, a, b)` calls by their condition node. */
  readonly wheres = new Map<TS.Node, { call: TS.CallExpression; then: TS.Expression; otherwise: TS.Expression }>();
  /** Logits losses given an activation's output: the activation applied twice. */
  readonly activatedLogits: ReadLogits[] = [];
  /** Calls of the framework's own loss functions, whose kinks are not the user's. */
  readonly builtinCalls = new Set<TS.Node>();
  readonly inlining = new Set<TS.Node>(); // helpers being inlined, against recursion
  /** Their calls as written, outermost first: a model call in a helper is one value per call (`embed(a)`, `embed(p)`). */
  readonly inlineCalls: string[] = [];
  /** The field of the object the function read returns this reading wants (`loss_pi` of `const { loss_pi } = f(d)`), and the next helper's. */
  returnField?: string | number;
  nextReturnField?: string | number;
  private steps = 0;
  private depth = 0;
  /** While a JavaScript test (`if`, `?:`) is read: a free name met there does not become the target. */
  private readingTest = false;

  constructor(readonly tree: SyntaxTree, readonly tf: TfBindings, readonly options: TranslatorOptions) {}

  /** A symbol for data whose range the op making it fixes. */
  rangedData(preferred: string, owner: TS.Node, range: [number, number]): Expr {
    const name = this.claimData(preferred, owner);
    this.knownRanges.set(name, range);
    return symbol(name, false);
  }

  /** A symbol that stands for data, claimed like `claimSymbol`. */
  claimData(preferred: string, owner: TS.Node | string, fallback = 'v'): string {
    const name = this.claimSymbol(preferred, owner, fallback);
    this.dataSymbols.add(name);
    return name;
  }

  /**
   * The test of an `if` or a `?:`: an expression when it depends on the data, or `true`/`false` when it is
   * configuration (`this.lossType === 'bce'`, `config.discrete`): the loss is then read once per way the
   * configuration can go (`choices`), so every branch is checked. A flag the helper's call sets goes that way.
   */
  choice(test: TS.Expression, env: Env): Expr | boolean {
    const byCall = decidedByCall(this, test);
    if (byCall !== undefined) return byCall;
    const { key, negated } = testKey(this.tree, test);
    const forced = this.options.choices?.get(test);
    if (forced !== undefined) {
      this.choicePoints.push({ node: test, value: forced, key, negated });
      return forced;
    }
    // The same setting tested again in the same function (`fromLogits ? … : …` twice) goes the way it went the first time;
    // a test of a name the code reassigns (`if (p === 1) p = 0.999`) goes the way its value here says. Asked only then.
    const local = once(() => testsReassignedName(this.tree, test));
    const met = this.choicePoints.find((p) => p.key === key);
    if (met && !local()) return met.value !== met.negated !== negated;
    if (outerFlag(this.tree, this.owners, test, env)) {
      this.choicePoints.push({ node: test, value: true, key, negated });
      return true;
    }
    if (falseAsTheLossRuns(this, test, env)) return false;
    let e: Expr | undefined;
    const checksBefore = this.nonFiniteChecks;
    // A name first met in a test (`if (step === 0)` logging the loss) is a counter or a flag, never the target.
    const readingTest = this.readingTest;
    this.readingTest = true;
    try {
      e = this.expression(test, env);
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
    } finally {
      this.readingTest = readingTest;
    }
    // A test of a list's length (`values.length === 1` of a list of two terms) goes the way it goes, and so does a
    // NaN guard (`if (tf.any(tf.isNaN(p)).dataSync()[0]) return tf.scalar(0)`, false as training normally goes); other
    // constant tests (`if (normalize)` of a default `true`) stay settings, each way read.
    const constant = e ? constantTest(e.text) : undefined;
    if (constant !== undefined && (/\.length\b/.test(this.tree.source(test)) || this.nonFiniteChecks > checksBefore || local())) return constant;
    if (e && this.mentionsData(e)) return e;
    this.choicePoints.push({ node: test, value: true, key, negated });
    return true;
  }

  /** Whether `e` uses a model output: the prediction or another model's output in the same code. */
  dependsOnPrediction(e: Expr): boolean {
    const outputs = new Set([this.predictionSymbol, ...this.otherPredictions, ...this.predictionElements.values()]);
    for (const m of e.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (outputs.has(m[0])) return true;
    return false;
  }

  /** Whether `e` uses data the step reads (its inputs, targets, tensors made outside it). */
  mentionsData(e: Expr): boolean {
    for (const m of e.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (this.dataSymbols.has(m[0])) return true;
    return false;
  }

  recordReduction(kind: 'mean' | 'sum' | 'other', node: TS.Node): void {
    this.reductions.push(kind);
    this.lastReductionNode = node;
  }

  /** A symbol name for `owner`, the same on every call, `preferred` when free and valid. */
  claimSymbol(preferred: string, owner: TS.Node | string, fallback = 'v'): string {
    const known = this.owners.get(owner);
    if (known) return known;
    // A function's name (`this.clip`, `cfg.log`) keeps its meaning with a trailing underscore: `clip_`, not `v`; a
    // private field (`this.#clipRatio`) its name without the `#`, which says its typical value (a PPO clip's 0.2).
    const candidates = [preferred, preferred.replace(/\$/g, '_').replace(/^#/, ''), `${preferred}_`];
    let base = candidates.find(isSymbolName) ?? fallback;
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    this.owners.set(owner, name);
    return name;
  }

  expression(node: TS.Expression, env: Env): Expr {
    if (++this.steps > MAX_STEPS) throw new Unreadable('the loss is too large to read', node);
    const ts = this.tree.ts;
    // `await model.predict(x)`: awaiting a tensor (or a promise of one) gives the same values.
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node) || ts.isAwaitExpression(node)) {
      return this.expression(node.expression, env);
    }
    const reductions = this.reductions.length;
    if (this.depth >= MAX_DEPTH) throw new Unreadable('the loss is nested too deeply to read', node);
    this.depth++;
    let e: Expr;
    try {
      e = this.translateNode(node, env);
    } finally {
      this.depth--;
    }
    if (e.text.length > MAX_EXPRESSION_LENGTH) throw new Unreadable('the loss expression is too long', node);
    const reduced = this.reductions.length > reductions && this.lastReductionNode === node;
    return mapped(e, this.tree.start(node), node.end, reduced, this.builtinCalls.has(node));
  }

  private translateNode(node: TS.Expression, env: Env): Expr {
    const ts = this.tree.ts;
    if (ts.isNumericLiteral(node)) return num(Number(node.text), node.getText(this.tree.file));
    if (ts.isIdentifier(node)) return this.identifier(node, env);
    if (ts.isPrefixUnaryExpression(node)) {
      const arg = this.expression(node.operand, env);
      if (node.operator === ts.SyntaxKind.MinusToken) return neg(arg);
      if (node.operator === ts.SyntaxKind.PlusToken) return arg;
      if (node.operator === ts.SyntaxKind.ExclamationToken) return not(arg);
    }
    if (ts.isBinaryExpression(node)) return this.binaryExpression(node, env);
    if (ts.isConditionalExpression(node)) {
      const test = this.choice(node.condition, env);
      if (typeof test === 'boolean') return this.expression(test ? node.whenTrue : node.whenFalse, env);
      return conditional(test, this.expression(node.whenTrue, env), this.expression(node.whenFalse, env));
    }
    if (ts.isCallExpression(node)) return translateCall(this, node, env);
    const listLength = ts.isPropertyAccessExpression(node) && node.name.text === 'length' ? termsOf(this, node.expression, env) : undefined;
    if (listLength) return num(listLength.elements.length);
    if (ts.isPropertyAccessExpression(node)) return readProperty(this, node, node.name.text, env);
    const key = ts.isElementAccessExpression(node) ? unwrapExpression(ts, node.argumentExpression) : undefined;
    if (key && ts.isStringLiteralLike(key) && isIdentifierName(key.text)) return readProperty(this, node as TS.ElementAccessExpression, key.text, env);
    if (ts.isElementAccessExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'shape') {
      return this.count();
    }
    // An element of an array one loop fills (`probs[i] = …`), read in place: that value.
    const filled = ts.isElementAccessExpression(node) && this.options.mode === 'operation' ? filledElementValue(this.tree, node.expression) : undefined;
    if (filled && !this.inlining.has(filled)) return readHeld(this.inlining, filled, () => this.expression(filled, Env.empty));
    if (ts.isElementAccessExpression(node) && this.isIndex(node.argumentExpression, env)) return offsetElement(this, node.argumentExpression, this.expression(node.expression, env));
    const terms = ts.isElementAccessExpression(node) ? termsOf(this, node.expression, env) : undefined;
    const k = terms ? numericValue(ts, (node as TS.ElementAccessExpression).argumentExpression) : undefined;
    if (terms && k !== undefined) return termAt(this, terms, k, node);
    // `eps.dataSync()[0]`: an element of the numbers read back, per element the same value.
    if (ts.isElementAccessExpression(node) && isReadBack(ts, node.expression) && numericValue(ts, node.argumentExpression) !== undefined) return this.expression(node.expression, env);
    if (ts.isElementAccessExpression(node) && this.options.mode === 'loss' && this.lossPrediction !== undefined) {
      const k = numericValue(ts, node.argumentExpression);
      if (k !== undefined && Number.isInteger(k) && k >= 0 && this.expression(node.expression, env).text === this.lossPrediction) return predictionPart(this, `${k}`, k);
    }
    const output = ts.isElementAccessExpression(node) ? indexedModelOutput(this, node) : undefined;
    if (output) return output;
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return compare('==', num(1), num(node.kind === ts.SyntaxKind.TrueKeyword ? 1 : 0));
    // `tf.oneHot([action], n)`: an array of one value is that value, element by element.
    if (ts.isArrayLiteralExpression(node) && node.elements.length === 1 && !ts.isSpreadElement(node.elements[0]!)) return this.expression(node.elements[0]!, env);
    // A field of a row of outside data (`example[2]` of a replay buffer), a setting's element (`cfg.shape[1]`): own data.
    if (ts.isElementAccessExpression(node)) {
      const field = numericValue(ts, node.argumentExpression);
      const row = field !== undefined && Number.isInteger(field) && field >= 0 ? this.expression(node.expression, env) : undefined;
      const setting = isSettingField(this, node.expression) && row?.text !== this.targetSymbol;
      if (row && isSymbolName(row.text) && !this.dependsOnPrediction(row) && (this.options.mode !== 'loss' || setting)) return this.outsideValue(`${row.text}_${field}`, `field:${row.text}:${field}`);
      // An element of a step's outside data picked by a name (`batch.actionIndices[i]` in `indices.map((i) => …)`): that data.
      if (field === undefined && this.options.mode !== 'loss' && ts.isIdentifier(unwrapExpression(ts, node.argumentExpression))) {
        const data = this.expression(node.expression, env);
        if (isSymbolName(data.text) && !this.dependsOnPrediction(data)) return data;
        // `preds[i]` of `const preds = X.map((x) => sigmoid(dot(x, w)))`: the mapped value, element by element.
        if (isMappedArray(this.tree, this.tf, node.expression)) return data;
      }
    }
    const wrapped = ts.isNewExpression(node) ? wrappedScalar(this.tree, node) : undefined; // `new Value(1)`: the number it wraps
    if (wrapped) return this.expression(wrapped, env);
    throw new Unreadable(`${describeCode(this.tree, node)} is not supported in a loss`, node);
  }

  private binaryExpression(node: TS.BinaryExpression, env: Env): Expr {
    const ts = this.tree.ts;
    const k = node.operatorToken.kind;
    const arithmetic: Partial<Record<TS.SyntaxKind, '+' | '-' | '*' | '/' | '^'>> = {
      [ts.SyntaxKind.PlusToken]: '+', [ts.SyntaxKind.MinusToken]: '-', [ts.SyntaxKind.AsteriskToken]: '*',
      [ts.SyntaxKind.SlashToken]: '/', [ts.SyntaxKind.AsteriskAsteriskToken]: '^',
    };
    const a = arithmetic[k];
    if ((a === '+' || a === '-') && ts.isIdentifier(node.left) && env.lookup(node.left.text)?.kind === 'accumulator') {
      const term = this.expression(node.right, env);
      return a === '+' ? term : neg(term);
    }
    if (a === '+' || a === '-') return withoutMask(this, a, node.left, node.right, env) ?? binary(a, ...sumOperands(this, node.left, node.right, env));
    if (a) return binary(a, this.expression(node.left, env), this.expression(node.right, env));
    const c = comparisonOf(ts, k);
    if (c) return compare(c, this.expression(node.left, env), this.expression(node.right, env));
    // `x.shape[1] ?? -1`, `options.eps ?? 1e-7`, `CONFIG.WARMUP || 40` (never 0, and 40 when it is 0): the value, else its fallback.
    if (k === ts.SyntaxKind.QuestionQuestionToken || (k === ts.SyntaxKind.BarBarToken && !!numericValue(ts, node.right))) {
      try {
        const left = this.expression(node.left, env);
        if (k === ts.SyntaxKind.BarBarToken && ((left.shape?.kind === 'num' && left.shape.value === 0) || this.parameters[left.text] === 0)) return this.expression(node.right, env);
        // `options?.eps ?? 1e-7`: a value from outside whose default the code states takes that default; an element
        // of data (`y[i] ?? 0`, a guard strict TypeScript asks for) is the data.
        const fallback = ts.isElementAccessExpression(unwrapExpression(ts, node.left)) ? undefined : numericValue(ts, node.right);
        const roles = [this.predictionSymbol, this.targetSymbol, ...this.otherPredictions];
        if (fallback !== undefined && isSymbolName(left.text) && !roles.includes(left.text) && !Object.hasOwn(this.parameters, left.text)) this.parameters[left.text] = fallback;
        return left;
      } catch (err) {
        if (!(err instanceof Unreadable)) throw err;
        return this.expression(node.right, env);
      }
    }
    if (k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken) {
      return logic(k === ts.SyntaxKind.BarBarToken ? 'or' : 'and', this.expression(node.left, env), this.expression(node.right, env));
    }
    throw new Unreadable(`the operator ${node.operatorToken.getText(this.tree.file)} is not supported in a loss`, node.operatorToken);
  }

  /** An index expression made of loop indices (`i`, `i * k + j`): `arr[i]` is then the element. */
  /** Whether a value is a loop index, or arithmetic on one (`p * channels + c`): a position, not a value of the loss. */
  isIndex(node: TS.Expression, env: Env): boolean {
    const ts = this.tree.ts;
    const n = unwrapExpression(ts, node);
    if (ts.isIdentifier(n)) return env.lookup(n.text)?.kind === 'index';
    if (ts.isBinaryExpression(n)) return this.isIndex(n.left, env) || this.isIndex(n.right, env);
    return false;
  }

  /** `x.shape[0]`, `x.size`: a positive count, as the parameter n. */
  count(): Expr {
    const name = this.claimSymbol('n', 'count');
    if (!Object.hasOwn(this.parameters, name)) this.parameters[name] = TYPICAL_COUNT;
    return symbol(name, false);
  }

  private identifier(id: TS.Identifier, env: Env): Expr {
    const name = id.text;
    if (name === 'Infinity') return num(Infinity);
    const b = env.lookup(name);
    if (b) {
      switch (b.kind) {
        case 'symbol':
          return symbol(b.name, true);
        case 'value':
          return b.expr;
        case 'lazy':
          b.cached ??= b.compute();
          return b.cached;
        case 'unreadable':
          throw new Unreadable(`${name}: ${b.reason}`, id);
        case 'index':
          throw new Unreadable(`${name} is a loop index, not a value of the loss`, id);
        case 'accumulator':
          return num(0);
        case 'list':
          throw new Unreadable(`${name} is a list of terms, read only where it is reduced, added with tf.addN or indexed`, id);
        case 'function':
          throw new Unreadable(`${name} is a function, read only where it is called`, id);
        case 'returnedObject':
          throw new Unreadable(`${name} is the object a helper returns, read only field by field`, id);
      }
    }
    if (name === 'NaN' || name === 'undefined') throw new Unreadable(`${name} is not a value a loss can use`, id);
    const decl = resolveIdentifier(this.tree, id);
    return this.declaration(id, decl);
  }

  private declaration(id: TS.Identifier, decl: Declaration | undefined): Expr {
    const ts = this.tree.ts;
    const name = id.text;
    if (decl?.kind === 'parameter') {
      const closure = this.options.closureValues?.get(decl.node);
      if (closure) return closure;
      const d = decl.node.initializer ? numericValue(ts, decl.node.initializer) : undefined;
      if (isSettingDefault(ts, decl.node)) return symbol(this.claimSymbol(name, decl.node), false);
      if (this.options.mode !== 'loss' && d === undefined) return this.freeTensor(name, decl.node);
      const sym = this.claimData(name, decl.node);
      if (d !== undefined && Number.isFinite(d) && !Object.hasOwn(this.parameters, sym)) this.parameters[sym] = d;
      return symbol(sym, false);
    }
    // An image the step optimises (`tf.variable(content)` in its var list): a prediction of its own (optimisedInputs.ts).
    if (decl?.kind === 'variable' && this.options.mode === 'minimize' && isOptimisedInput(this.tree, this.tf, name, decl)) {
      const sym = this.claimData(name, decl.node);
      if (!this.optimisedInputs.has(sym)) this.otherPredictions.push(sym);
      this.optimisedInputs.add(sym);
      return symbol(sym, true);
    }
    if (decl?.kind === 'variable' && !decl.isConst) {
      const assigned = valueAssignedBefore(this, id, decl) ?? onlyNumberGiven(this, decl, name);
      if (assigned === 'changed') return this.freeTensor(name, decl.node);
      if (assigned) return assigned;
    }
    if (decl?.kind === 'variable' && this.options.mode === 'operation' && isTrainedNumber(this.tree, id, decl)) return this.freeTensor(name, decl.node);
    if (decl?.kind === 'variable' && decl.initializer) {
      const init = unwrapExpression(ts, decl.initializer);
      if (isFunctionNode(ts, init)) throw new Unreadable(`${name} is a function, not a value`, id);
      if ((computedBeforeStep(this, decl.node) && runsModel(this, init)) || literalDataBeforeStep(this, decl.node)) return this.freeTensor(name, decl.node);
      const cached = this.declarations.get(decl.node);
      if (cached) return cached;
      try {
        const e = this.expression(decl.initializer, Env.empty);
        this.declarations.set(decl.node, e);
        // `const ys = tf.oneHot(labels, 3)` is the target itself: its declaration says more of the targets than `labels`.
        if (e.text === this.target && this.targetOwner !== undefined) this.targetOwner = decl.node;
        return e;
      } catch (err) {
        if (!(err instanceof Unreadable)) throw err;
        if (this.options.mode === 'operation' && GUARDED.test(this.tree.source(decl.initializer))) throw err;
        return this.freeTensor(name, decl.node);
      }
    }
    if (decl?.kind === 'binding' && this.options.mode !== 'operation' && !computedBeforeStep(this, decl.node)) {
      const known = this.declarations.get(decl.node);
      if (known) return known;
      const value = destructuredValue(this, decl.node);
      if (value) {
        this.declarations.set(decl.node, value);
        return value;
      }
    }
    if (decl?.kind === 'variable' && !decl.initializer && this.options.mode === 'operation') {
      // `let action; … action = tf.tanh(raw);` read in place: the assignment the use follows in its own block.
      const assigned = lastAssignmentBefore(this.tree, id, decl);
      if (assigned) return this.expression(assigned, Env.empty);
    }
    // A name destructured outside the code being read (`const { actions, advantages } = batch` around a minimize closure)
    // is data, like an outer variable, unless it comes from a settings object (`const { clipEpsilon } = this.cfg`).
    if (decl?.kind === 'binding' && fromSettings(this.tree, decl.node)) return symbol(this.claimSymbol(name, decl.node), false);
    if (!decl || decl.kind === 'variable' || decl.kind === 'binding') return this.freeTensor(name, decl?.node ?? `global:${name}`);
    // A name imported from another module (`import { MAX_TODOS } from './config'`) is a setting of the loss.
    // An imported fuzz factor (`import { EPSILON } from '../constants'`) is Keras's, like an imported `epsilon()`.
    if (decl.kind === 'other' && ts.isImportDeclaration(decl.node)) return /^(eps|epsilon)$/i.test(name) ? num(1e-7) : symbol(this.claimSymbol(name, `import:${name}`), false);
    throw new Unreadable(`${name} cannot be read as a value`, id);
  }

  /** A field destructured from data outside the loss: data of that name, like the name itself would be. */
  outsideValue(name: string, owner: TS.Node | string): Expr {
    return this.freeTensor(name, owner);
  }

  /** Whether `id` names something outside the loss's computation: a parameter that is not a loss role here, or an outer variable. */
  isOutsideName(id: TS.Identifier): boolean {
    const decl = resolveIdentifier(this.tree, id);
    if (!decl) return true;
    if (decl.kind === 'parameter') return this.options.mode !== 'loss' || !this.options.closureValues?.has(decl.node);
    return decl.kind === 'variable' && (!decl.initializer || !isFunctionNode(this.tree.ts, unwrapExpression(this.tree.ts, decl.initializer)));
  }

  /** A tensor the code takes from elsewhere: in a minimize closure the first is the target, otherwise a parameter. */
  private freeTensor(name: string, owner: TS.Node | string): Expr {
    if (this.options.mode === 'minimize' && this.target === undefined && !this.readingTest && !this.owners.has(owner) && !isPolicyWeightName(name) && !isSettingName(name)) {
      this.target = this.claimData(isTargetName(name) ? name : 'yTrue', owner);
      if (typeof owner !== 'string') this.targetOwner = owner;
      return symbol(this.target, true);
    }
    return symbol(this.claimData(name, owner), false);
  }

  functionBody(fn: FunctionNode, env: Env): Expr {
    const ts = this.tree.ts;
    if (!fn.body) throw new Unreadable('the function has no body', fn);
    if (ts.isBlock(fn.body)) return translateStatements(this, fn.body.statements, env);
    return this.returned(fn.body as TS.Expression, env);
  }

  /** A function's returned value, or the field (or element) of it this reading wants (`returnField`) when it returns an object (or array) literal. */
  returned(value: TS.Expression, env: Env): Expr {
    const ts = this.tree.ts;
    const object = unwrapExpression(ts, value);
    // `return disReal(gen(xs))`: the element wanted is the one that helper returns.
    if (typeof this.returnField === 'number' && ts.isCallExpression(object) && this.tf.path(object.expression) === undefined) this.nextReturnField = this.returnField;
    if (typeof this.returnField === 'number' && ts.isArrayLiteralExpression(object)) {
      const element = object.elements[this.returnField];
      if (!element) throw new Unreadable(`the function returns no element ${this.returnField}`, value);
      return this.expression(element, env);
    }
    if (typeof this.returnField === 'string' && ts.isIdentifier(object)) return localObjectField(this, object, this.returnField, env) ?? this.expression(value, env);
    // A loss that returns its parts beside the whole (`return { total, box, cls }`, `{ loss, kl, recon }`): the whole.
    // Not for a function TF.js itself calls (given to compile or minimize): it throws on an object ("must be a tensor").
    const whole = this.returnField === undefined && ts.isObjectLiteralExpression(object) && !handedToTfjs(this.tree, value) ? wholeLossField(ts, object) : undefined;
    if (whole) return this.expression(whole, env);
    if (typeof this.returnField !== 'string' || !ts.isObjectLiteralExpression(object)) return this.expression(value, env);
    // `p.box.w` of `return { box: { w, h }, conf }`: the field along the path.
    const field = this.returnField.includes('.') ? literalPathValue(this, object, this.returnField.split('.')) : propertyOf(ts, object, this.returnField);
    if (!field) throw new Unreadable(`the function returns no ${this.returnField}`, value);
    return this.expression(field, env);
  }
}
