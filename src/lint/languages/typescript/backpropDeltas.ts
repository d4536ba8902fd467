/**
 * A loss that no line of the code writes down: the output layer's delta of a network trained by hand-written
 * backpropagation, as from-scratch code (the Coding Train's Toy-Neural-Network and its many copies) computes it:
 *
 *     let output_errors = Matrix.subtract(targets, outputs);
 *     let gradients = Matrix.map(outputs, dsigmoid);      // σ'(z) = y·(1 − y)
 *     gradients.multiply(output_errors);
 *
 * The error (target − output) times the sigmoid's derivative at the output is the gradient of a squared error on a
 * sigmoid output; (target − output) alone would be binary cross-entropy's. Found here: an error between a target and
 * an output (`t - o`, `subtract(t, o)`) that a function multiplies, directly or through the variables it is kept in,
 * by a sigmoid's derivative (`dsigmoid(o)`, `o.map(dsigmoid)`, `o * (1 - o)`, `sigmoid.dfunc`, `sigmoidPrime(z)`).
 */
import type * as TS from 'typescript';
import { activationTableEntry, heldActivationFunctions } from './activationTables';
import { AMBIGUOUS_PRODUCT, DERIVATIVE_MEMBER, ELEMENTWISE_PRODUCT, MATRIX_PRODUCT_FUNCTION, HIDDEN_NAME, OUTPUT_NAME, SAME_VALUES, SIGMOID_DERIVATIVE, SUBTRACTION, TARGET_NAME, WORDS } from './backpropNames';
import { returnedForCall } from './decidedReturns';
import { functionValue, propertyOf, returnedExpressions } from './functionValues';
import { isPlaceholder } from './objectValues';
import { outputLayerBranches } from './outputLayerTests';
import { plainActivation } from './plainActivations';
import { derivativeWrittenOut } from './relevance';
import { escapeRegExp } from './scope';
import { computesSigmoidDerivative, flaggedSigmoids, isOne, isSigmoidDerivativeOf, isTrue, scalarValue, sigmoidCallee, expandedDerivativeOf } from './sigmoidDerivatives';
import { wordsAt } from './wordSearch';
import { BUILT_IN_METHODS, ERROR_PARAMETER, errorHelper, helperName, inHiddenLayerBranch, isLibrary, methodsNamed, oneMinus, PARAMETER_DERIVATIVES } from './backpropHelpers';
import { isCallback, isFunctionNode, rootName, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

export interface BackpropDelta {
  /** The function that trains (its name says where the loss is), or the script itself when it trains at the top level. */
  fn: FunctionNode | TS.SourceFile;
  /** The error: `targets - outputs`, `Matrix.subtract(targets, outputs)`. */
  error: TS.Expression;
  target: TS.Expression;
  output: TS.Expression;
  /** The sigmoid derivative it is multiplied by. */
  derivative: TS.Expression;
}

/** The name a statement's piece of a line assigns (`l1[j] = nonlin(`, after the line's last `;`). */
const ASSIGNED_BEFORE = /(?<![\w$.])(?:this\s*\.\s*)?([A-Za-z_$][\w$]*)(?:\s*\[[^\]\n]{0,60}\])*\s*(?<![=!<>+\-*/])=(?![=>])/;
/** `1 / (1 + Math.exp(-…))`, `1/(1+exp(-…))`, `1 / (1 + Math.pow(Math.E, -…))`: a sigmoid written out, by its text. */
const WRITTEN_SIGMOID = String.raw`(?<![\w$.])1(?:\.0*)?\s*\/\s*\(\s*1(?:\.0*)?\s*\+\s*(?:Math\s*\.\s*)?(?:exp\s*\(\s*-|pow\s*\(\s*Math\s*\.\s*E\s*,\s*-|E\s*\*\*\s*\(?\s*-)`;
const MAX_DEPTH = 4;
const MAX_FUNCTIONS = 40;
/** Nodes a factor is followed back to, at most. */
const MAX_ORIGINS = 200;
/** How deep a function's syntax is walked (generated code can nest thousands of operators). */
const MAX_VISIT_DEPTH = 400;
/** Calls of a function the error is handed to that are followed into the function called, at most. */
const MAX_HANDED_CALLS = 8;

export function findBackpropDeltas(tree: SyntaxTree, outOfTime: () => boolean): BackpropDelta[] {
  if (!tree.mayHaveIdentifier((n) => WORDS.test(n)) && !derivativeWrittenOut(tree.text)) return [];
  const ts = tree.ts;
  const functions = new Set<FunctionNode | TS.SourceFile>();
  // Names the text assigns a sigmoid call to (`const y = sigmoid(o)`), asked once per name.
  // One pass over the text for every such name, not a regular expression per name asked (a file subtracts thousands).
  let sigmoidNames: Set<string> | undefined;
  const sigmoidValued = (name: string) => {
    if (!sigmoidNames) {
      sigmoidNames = new Set();
      // Any name holding `sigmoid` (`applySigmoid(o)`, `fastSigmoid(o)`), or a sigmoid of the file given its derivative by a flag.
      // A sigmoid written out where it is assigned (`predY = 1/(1+Math.exp(-func))`) counts as one called by name.
      const callees = new RegExp(`(?<![\\w$])(?:[\\w$]*sigmoid[\\w$]*${flaggedSigmoids(tree).map((n) => `|${escapeRegExp(n)}`).join('')})(?![\\w$])|${WRITTEN_SIGMOID}`, 'gi');
      // The sigmoid called or mapped anywhere in the value (`l1 = math.multiply(l0, syn0).map(sigmoid)`, `l1[j] =
      // nonlin(l1[j])`): from each mention, the assignment it ends on its line (the text is scanned once for mentions).
      for (const m of tree.text.matchAll(callees)) {
        const line = tree.text.lastIndexOf('\n', m.index!) + 1;
        const before = tree.text.slice(Math.max(line, m.index! - 160), m.index!);
        const assigned = ASSIGNED_BEFORE.exec(before.slice(before.lastIndexOf(';') + 1));
        if (assigned) sigmoidNames.add(assigned[1]!.toLowerCase());
      }
    }
    return sigmoidNames.has(name.toLowerCase());
  };
  // Only functions that subtract a target and an output (`targets - outputs`, `subtract(answer, output)`): the text is
  // searched for two such names around a minus or a comma, and the function around each is read (the search goes on
  // after its end).
  // A name may be a field of a row or of the object (`sample.target - output`, `this.a2 - target`, `this.cache.outputOut`).
  // (The first name may follow a dot; no optional prefix is tried before every word of the file.) A scalar made of the
  // target subtracts as the target does (`dl.scalar(label).sub(this.output)`).
  const pair = /(?<![\w$])(?:this\s*\.\s*)?([A-Za-z_$][\w$]*)(?:\s*\[[^\]\n]{0,60}\])*\s*(?:[-,]|\)?\s*\.\s*(?:sub|subtract|minus)\w*\s*\()\s*(?:[A-Za-z_$][\w$]*\s*\.\s*){0,2}([A-Za-z_$][\w$]*)/g;
  for (let m = pair.exec(tree.text); m; m = pair.exec(tree.text)) {
    const [a, b] = [m[1]!, m[2]!];
    // A target and an output by their names, or a target and a name the file gives a sigmoid's value (`y - t` with
    // `const y = sigmoid(o)`): the output known by its value only.
    // Ports of the minimal Python networks call the targets `output` (`output - l1`): a data name beside a sigmoid's.
    const byNames = (TARGET_NAME.test(a) && OUTPUT_NAME.test(b)) || (OUTPUT_NAME.test(a) && TARGET_NAME.test(b));
    const data = (n: string) => TARGET_NAME.test(n) || (OUTPUT_NAME.test(n) && !sigmoidValued(n));
    if (!byNames && !((data(a) && sigmoidValued(b)) || (data(b) && sigmoidValued(a)))) {
      pair.lastIndex = m.index + 1;
      continue;
    }
    if (functions.size >= MAX_FUNCTIONS || outOfTime()) break;
    const node = tree.nodeAt(m.index, m.index + 1);
    // Code, not a comment or a string that reads like it (`// function bce(output, expected)`).
    if (!ts.isIdentifier(node) && node.kind !== ts.SyntaxKind.ThisKeyword) continue;
    // The function around it, not a callback inside it (`errors.forEach((e, i) => …)`).
    // A script that trains at its top level (`for (…) { l1 = nonlin(dot(l0, syn0)); l1_error = y - l1; … }`): the script;
    // in a callback of the script (a timer's, a click handler's), the outermost callback, each read on its own.
    const ancestors = [...tree.ancestors(node)];
    const own = ancestors.find((x) => (isFunctionNode(ts, x) || ts.isConstructorDeclaration(x)) && !isCallback(tree, x)) as FunctionNode | undefined;
    const fn = own ?? (ancestors.filter((x) => isFunctionNode(ts, x)).pop() as FunctionNode | undefined) ?? tree.file;
    functions.add(fn);
    if (!ts.isSourceFile(fn)) pair.lastIndex = Math.max(pair.lastIndex, fn.end);
  }
  // A helper that only makes the error (Nielsen's `cost_derivative(output_activations, y)`) is read where it is called.
  for (const fn of [...functions]) {
    if (ts.isSourceFile(fn) || !errorHelper(tree, fn)) continue;
    const name = helperName(tree, fn);
    for (const at of name ? wordsAt(tree.text, name) : []) {
      if (functions.size >= MAX_FUNCTIONS || outOfTime()) break;
      const node = tree.nodeAt(at, at + name!.length);
      // The name as code, not in a comment or a string.
      if (!ts.isIdentifier(node) || node.text !== name) continue;
      const caller = [...tree.ancestors(node)].find((x) => (isFunctionNode(ts, x) || ts.isConstructorDeclaration(x)) && !isCallback(tree, x)) as FunctionNode | undefined;
      if (caller && caller !== fn) functions.add(caller);
    }
  }
  const out: BackpropDelta[] = [];
  for (const fn of functions) {
    if (outOfTime()) break;
    const found = new FunctionReading(tree, fn, sigmoidValued, outOfTime).delta();
    // A function read whole also reads the functions it nests: their delta is theirs, found once.
    if (found && !out.some((d) => d.error === found.error)) out.push(found);
  }
  return out;
}

class FunctionReading {
  private readonly ts: typeof TS;
  /** What each local name is given: its initializer, its assignments, what is pushed to it. */
  private readonly values = new Map<string, TS.Expression[]>();
  private readonly products: TS.Expression[][] = [];
  private readonly errors = new Map<TS.Node, { target: TS.Expression; output: TS.Expression }>();
  private readonly derivatives = new Map<TS.Node, TS.Expression>();
  private readonly dotLibraries = new Map<string, boolean>();
  private productHelper?: boolean; // the file defines a product helper (`produtoEscalar`): looked for once
  /** The calls of the function, in order: an error may be handed to one that multiplies it by the derivative. */
  private readonly calls: TS.CallExpression[] = [];

  constructor(
    private readonly tree: SyntaxTree,
    private readonly fn: FunctionNode | TS.SourceFile,
    /** Whether the file gives a name a sigmoid's value anywhere (`Oo[i] = this.sigmoid(Oo[i])` in the forward pass). */
    private readonly sigmoidValuedInFile: (name: string) => boolean,
    private readonly outOfTime: () => boolean,
  ) {
    this.ts = tree.ts;
    const body = this.ts.isSourceFile(fn) ? fn : fn.body;
    if (body) this.visit(body);
  }

  delta(): BackpropDelta | undefined {
    if (this.errors.size === 0) return undefined;
    if (this.derivatives.size > 0) for (const factors of this.products) {
      const origins = factors.map((f) => this.origins(f));
      for (let i = 0; i < factors.length; i++) {
        const error = [...origins[i]!].find((n) => this.errors.has(n));
        if (!error || inHiddenLayerBranch(this.tree, factors[i]!, this.fn)) continue;
        for (let j = 0; j < factors.length; j++) {
          if (j === i) continue;
          const derivative = [...origins[j]!].find((n) => this.derivatives.has(n));
          if (derivative) return { fn: this.fn, error: error as TS.Expression, ...this.errors.get(error)!, derivative: derivative as TS.Expression };
        }
      }
    }
    return this.handedOn();
  }

  /**
   * The error handed to a function that multiplies its parameter by the sigmoid's derivative at the output: a network
   * of neuron objects (`const error = neuron.output - target; neuron.backpropagate(error)`, with `backpropagate(error)
   * { this.delta = error * sigmoidDerivative(this.output); }`).
   */
  private handedOn(): BackpropDelta | undefined {
    const ts = this.ts;
    let asked = 0;
    for (const call of this.calls) {
      if (asked >= MAX_HANDED_CALLS || this.outOfTime()) break;
      const callee = unwrapExpression(ts, call.expression);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      // Arrays', strings' and the console's methods (`errors.push(error)`, `console.log(error)`) keep or show the error.
      if (name === undefined || BUILT_IN_METHODS.has(name) || call.arguments.length === 0) continue;
      const errors = call.arguments.map((a) => [...this.origins(a)].find((n) => this.errors.has(n)));
      const k = errors.findIndex((e) => e !== undefined);
      if (k < 0) continue;
      asked++;
      // The function called, or every method of the file by that name whose parameter there takes an error by name (not
      // a Layer's `backpropagate(nextLayer)`), when some do: each must multiply it by σ′, the object's class unknown.
      const own = functionValue(this.tree, callee);
      const named = (own ? [own] : ts.isPropertyAccessExpression(callee) ? methodsNamed(this.tree, name) : []).filter((fn) => fn !== this.fn);
      const takesError = named.filter((fn) => ERROR_PARAMETER.test(fn.parameters[k]?.name.getText(this.tree.file) ?? ''));
      const candidates = takesError.length > 0 ? takesError : named;
      const derivatives = candidates.map((fn) => this.derivativeOfParameter(fn, k));
      if (derivatives.length > 0 && derivatives.every((d) => d !== undefined)) return { fn: this.fn, error: errors[k] as TS.Expression, ...this.errors.get(errors[k]!)!, derivative: derivatives[0]! };
    }
    return undefined;
  }

  /** The sigmoid derivative a function multiplies its `k`th parameter by, read once per function and parameter. */
  private derivativeOfParameter(fn: FunctionNode, k: number): TS.Expression | undefined {
    const parameter = fn.parameters[k]?.name;
    if (!parameter || !this.ts.isIdentifier(parameter)) return undefined;
    let known = PARAMETER_DERIVATIVES.get(fn);
    if (!known) PARAMETER_DERIVATIVES.set(fn, (known = new Map()));
    if (!known.has(k)) known.set(k, new FunctionReading(this.tree, fn, this.sigmoidValuedInFile, this.outOfTime).derivativeTimes(parameter.text) ?? null);
    return known.get(k) ?? undefined;
  }

  /** The sigmoid derivative a parameter of this function is multiplied by, when it is: `error * sigmoidDerivative(this.output)`. */
  private derivativeTimes(parameter: string): TS.Expression | undefined {
    const ts = this.ts;
    const isParameter = (n: TS.Node) => ts.isIdentifier(n) && n.text === parameter && !this.values.has(parameter);
    for (const factors of this.products) {
      const origins = factors.map((f) => this.origins(f));
      const i = origins.findIndex((o) => [...o].some(isParameter));
      if (i < 0 || inHiddenLayerBranch(this.tree, factors[i]!, this.fn)) continue; // `isOutput ? error : error * σ′(o)`
      for (const o of origins.filter((_, j) => j !== i)) {
        const derivative = [...o].find((n) => this.derivatives.has(n));
        if (derivative) return derivative as TS.Expression;
      }
    }
    return undefined;
  }

  private visit(node: TS.Node, depth = 0): void {
    const ts = this.ts;
    if (depth > MAX_VISIT_DEPTH) return;
    // A script read at its top level: its functions, callbacks and classes are read on their own.
    if (ts.isSourceFile(this.fn) && (isFunctionNode(ts, node) || ts.isClassLike(node))) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) this.give(node.name.text, node.initializer);
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.AsteriskEqualsToken) {
        // `errors[i] = target[i] - output[i]`: an element written in a loop is one of the array's values.
        const name = this.localName(node.left) ?? this.elementOf(node.left);
        if (name) this.give(name, node.right);
        if (op === ts.SyntaxKind.AsteriskEqualsToken) this.products.push([node.left, node.right]);
      }
      if (op === ts.SyntaxKind.MinusToken) this.error(node, node.left, node.right);
      this.inlineDerivative(node);
    }
    if (ts.isCallExpression(node)) this.call(node);
    // A product chain is read once, whole: `(out - t) * out * (1 - out)`, `dotMultiply(dotMultiply(e, o), subtract(1, o))`.
    const factors = ts.isExpression(node) ? this.factorsOf(node) : undefined;
    if (factors && !this.inProduct(node)) this.product(this.flatten(factors));
    ts.forEachChild(node, (child) => {
      (child as { parent?: TS.Node }).parent = node;
      this.visit(child, depth + 1);
    });
  }

  /**
   * The two factors of an element-wise product: `a * b`, `gradients.multiply(errors)` (in place), `dotMultiply(a, b)`,
   * `Matrix.hadamard(a, b)`. A two-argument `multiply(a, b)` is a matrix product in the same code (weights times
   * errors), so only its receiver form counts.
   */
  private factorsOf(e: TS.Expression): TS.Expression[] | undefined {
    const ts = this.ts;
    if (ts.isBinaryExpression(e)) return e.operatorToken.kind === ts.SyntaxKind.AsteriskToken ? [e.left, e.right] : undefined;
    if (!ts.isCallExpression(e)) return undefined;
    const callee = unwrapExpression(ts, e.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    if (!ELEMENTWISE_PRODUCT.test(name) && !(AMBIGUOUS_PRODUCT.test(name) && (this.productHelper ??= MATRIX_PRODUCT_FUNCTION.test(this.tree.text)))) return undefined;
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    const [a, b] = e.arguments;
    if (receiver && a && !b && !isLibrary(ts, receiver)) return [receiver, a];
    // A library that also has a `dot` (`Matrix.dot(a, w)`, `Matrix.multiply(e, d)`) keeps `multiply` for elements.
    return a && b && (!/^multiply$/i.test(name) || (!!receiver && this.hasDot(receiver))) ? [a, b] : undefined;
  }

  /** Whether the file calls a two-argument `dot` (or `matmul`) on this library: its `multiply` is then element-wise. */
  private hasDot(receiver: TS.Expression): boolean {
    const lib = this.ts.isIdentifier(receiver) && isLibrary(this.ts, receiver) ? receiver.text : undefined;
    if (!lib) return false;
    let has = this.dotLibraries.get(lib);
    if (has === undefined) this.dotLibraries.set(lib, (has = new RegExp(`(?<![\\w$.])${escapeRegExp(lib)}\\s*\\.\\s*(?:dot|matmul|matMul|mmul)\\s*\\(`).test(this.tree.text)));
    return has;
  }

  private flatten(factors: TS.Expression[]): TS.Expression[] {
    return factors.flatMap((f) => {
      const inner = this.factorsOf(unwrapExpression(this.ts, f));
      return inner ? this.flatten(inner) : [f];
    });
  }

  /** Whether a product is a factor of a larger one. */
  private inProduct(node: TS.Node): boolean {
    let p = this.tree.parent(node);
    while (p && this.ts.isParenthesizedExpression(p)) p = this.tree.parent(p);
    return !!p && this.ts.isExpression(p) && !!this.factorsOf(p)?.some((f) => unwrapExpression(this.ts, f) === node || f === node);
  }

  /** A product chain; `(out - t) * out * (1 - out)` holds the derivative as two of its factors. */
  private product(factors: TS.Expression[]): void {
    this.products.push(factors);
    const ts = this.ts;
    for (const f of factors) {
      const of = oneMinus(ts, f);
      if (!of) continue;
      const value = factors.find((g) => g !== f && this.tree.compactSource(unwrapExpression(ts, g)) === this.tree.compactSource(of));
      // The output by its name, or by the sigmoid this reading gives it (`predY = 1/(1+Math.exp(-func))`).
      if (value && this.ofOutput(value) && (OUTPUT_NAME.test(rootName(ts, value) ?? '') || this.sigmoidValue(value))) this.derivatives.set(unwrapExpression(ts, f), value);
    }
  }

  private call(call: TS.CallExpression): void {
    const ts = this.ts;
    this.calls.push(call);
    const callee = unwrapExpression(ts, call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    const [a, b] = call.arguments;
    // `errors.push(err)`: what the array holds.
    if (name === 'push' && receiver && a) {
      const held = this.localName(receiver);
      if (held) this.give(held, a);
    }
    // `errors.map((e, i) => e * dsigmoid(outputs[i]))`: the callback's element is one of the array's.
    const element = (name === 'map' || name === 'forEach') && receiver && a && isFunctionNode(ts, a) ? a.parameters[0]?.name : undefined;
    if (element && ts.isIdentifier(element)) this.give(element.text, receiver!);
    // `this.cost_derivative(activations[n], y)`: the error a helper of the file makes of its arguments.
    const helper = a && b ? functionValue(this.tree, call.expression) : undefined;
    const made = helper && helper !== this.fn ? errorHelper(this.tree, helper) : undefined;
    if (made && call.arguments[made.target] && call.arguments[made.output]) this.errors.set(call, { target: call.arguments[made.target]!, output: call.arguments[made.output]! });
    if (SUBTRACTION.test(name)) {
      if (receiver && a && !b && !isLibrary(ts, receiver)) this.error(call, receiver, a);
      else if (a && b) this.error(call, a, b);
    }
    const derivativeOf = this.derivativeCall(call, callee, name, receiver);
    if (derivativeOf) this.derivatives.set(call, derivativeOf);
    // `gradients = outputs.copy(); gradients.dsigmoid();`: a matrix's own method that turns its values into the
    // derivative, in place; the name holds the derivative from there.
    const held = !a && receiver && SIGMOID_DERIVATIVE.test(name) ? this.localName(receiver) : undefined;
    if (held && this.ofOutput(receiver!)) {
      this.derivatives.set(call, receiver!);
      this.give(held, call);
    }
  }

  /** The value a sigmoid derivative is taken of, when `call` takes one: `dsigmoid(o)`, `o.map(dsigmoid)`, `Matrix.map(o, f.dfunc)`. */
  private derivativeCall(call: TS.CallExpression, callee: TS.Expression, name: string, receiver: TS.Expression | undefined): TS.Expression | undefined {
    const ts = this.ts;
    const [a, b] = call.arguments;
    if (name === 'map' || name === 'apply') {
      // `o.map(f)`, `Matrix.map(o, f)`, or a library's `matrix.apply(f, o)` with the function first.
      const orders: [TS.Expression | undefined, TS.Expression | undefined][] = receiver && !isLibrary(ts, receiver) && !b ? [[receiver, a]] : [[a, b], [b, a]];
      const found = orders.find(([of, f]) => of && f && this.isSigmoidDerivative(f) && this.ofOutput(of));
      return found?.[0];
    }
    // `sigmoid(o, true)`: the activation's derivative asked for by a flag.
    if (a && call.arguments.length === 2 && isTrue(ts, call.arguments[1]!) && sigmoidCallee(this.tree, callee)) return this.ofOutput(a) ? a : undefined;
    if (a && call.arguments.length === 1 && this.isSigmoidDerivative(callee)) return this.ofOutput(a) ? a : undefined;
    // `activationDerivative(y, 'sigmoid')`: a derivative helper whose switch on its own parameter the call decides.
    const helper = a && call.arguments.length >= 2 ? functionValue(this.tree, callee) : undefined;
    const chosen = helper ? returnedForCall(this.tree, helper, call) : undefined;
    return chosen && isSigmoidDerivativeOf(this.tree, helper!, chosen) && this.ofOutput(a!) ? a : undefined;
  }

  /** `o * (1 - o)`, `(1 - o) * o`, `sigmoid(z) * (1 - sigmoid(z))`, or expanded, `o - o * o`: the derivative written out. */
  private inlineDerivative(node: TS.BinaryExpression): void {
    const ts = this.ts;
    const expanded = expandedDerivativeOf(this.tree, node);
    if (expanded && this.ofOutput(expanded)) this.derivatives.set(node, expanded);
    if (node.operatorToken.kind !== ts.SyntaxKind.AsteriskToken) return;
    const one = (e: TS.Expression) => {
      const u = unwrapExpression(ts, e);
      return ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.MinusToken && isOne(ts, u.left) ? u.right : undefined;
    };
    for (const [value, rest] of [[node.left, node.right], [node.right, node.left]] as const) {
      const other = one(rest);
      if (!other || this.tree.compactSource(other) !== this.tree.compactSource(value)) continue;
      const v = unwrapExpression(ts, value);
      const sigmoidCall = ts.isCallExpression(v) && /sigmoid|logistic/i.test(this.tree.compactSource(v.expression));
      if (sigmoidCall || this.ofOutput(v)) this.derivatives.set(node, v);
      return;
    }
  }

  private error(node: TS.Node, leftSide: TS.Expression, rightSide: TS.Expression): void {
    // `dl.scalar(label).sub(this.output)`: the numbers the scalars hold.
    const [left, right] = [scalarValue(this.ts, leftSide), scalarValue(this.ts, rightSide)];
    const [l, r] = [rootName(this.ts, left), rootName(this.ts, right)];
    if (!l || !r) return;
    if (TARGET_NAME.test(l) && OUTPUT_NAME.test(r)) this.errors.set(node, { target: left, output: right });
    else if (OUTPUT_NAME.test(l) && TARGET_NAME.test(r)) this.errors.set(node, { target: right, output: left });
    // `const y = sigmoid(o); … y - t`: the output by its value, whatever its name (`y` names a target as often); beside
    // it, the targets may be called `output` (`output - l1`, as ports of the minimal Python networks name them).
    else if (this.dataName(r) && this.sigmoidValue(left) && !this.sigmoidValue(right)) this.errors.set(node, { target: right, output: left });
    else if (this.dataName(l) && this.sigmoidValue(right) && !this.sigmoidValue(left)) this.errors.set(node, { target: left, output: right });
    // `Oo[i] - labelArr[i]` in a backward pass handed the outputs the forward pass wrote (`Oo[i] = this.sigmoid(Oo[i])`):
    // a target by its name beside a name the file gives a sigmoid's value.
    else if (TARGET_NAME.test(r) && this.sigmoidValuedInFile(l) && !this.sigmoidValuedInFile(r)) this.errors.set(node, { target: right, output: left });
    else if (TARGET_NAME.test(l) && this.sigmoidValuedInFile(r) && !this.sigmoidValuedInFile(l)) this.errors.set(node, { target: left, output: right });
  }

  private dataName(name: string): boolean {
    return TARGET_NAME.test(name) || OUTPUT_NAME.test(name);
  }

  /** A sigmoid's value: by its declaration, or by what this reading last gave the name (`l1 = nonlin(dot(l0, syn0))`). */
  private sigmoidValue(e: TS.Expression): boolean {
    if (plainActivation(this.tree, e) === 'sigmoid') return true;
    const name = this.localName(e) ?? this.elementOf(e);
    // A start before the loop (`var l1 = undefined`, `let l1 = null`, `var l1 = []` filled element by element) is a
    // placeholder the loop overwrites.
    const start = (v: TS.Expression) => isPlaceholder(this.ts, v) || (this.ts.isArrayLiteralExpression(unwrapExpression(this.ts, v)) && (unwrapExpression(this.ts, v) as TS.ArrayLiteralExpression).elements.length === 0);
    const given = (name ? (this.values.get(name) ?? []) : []).filter((v) => !start(v));
    // The value it was last given before the error is read (`l1[j] = sum(…)` then `l1[j] = nonlin(l1[j])`).
    const last = given[given.length - 1];
    return !!last && plainActivation(this.tree, last) === 'sigmoid';
  }

  /** Whether a function, a name or a member is the sigmoid's derivative. */
  private isSigmoidDerivative(e: TS.Expression): boolean {
    const ts = this.ts;
    const u = unwrapExpression(ts, e);
    const name = ts.isIdentifier(u) ? u.text : ts.isPropertyAccessExpression(u) ? u.name.text : undefined;
    if (name && SIGMOID_DERIVATIVE.test(name)) return true;
    // `sigmoid.dfunc`, `Activations.sigmoid.dfn`; `this.activation_function.dfunc` with the function set to a sigmoid.
    if (ts.isPropertyAccessExpression(u) && DERIVATIVE_MEMBER.test(u.name.text) && /sigmoid|logistic/i.test(this.tree.compactSource(u.expression))) return true;
    // `this.act.df` of `this.act = ACTIVATIONS[activation]`, `activation = 'sigmoid'`: the sigmoid entry's derivative.
    const picked = ts.isPropertyAccessExpression(u) && DERIVATIVE_MEMBER.test(u.name.text) ? activationTableEntry(this.tree, u.expression) : undefined;
    if (picked && /^(?:sigmoid|logistic)$/i.test(picked.key)) return true;
    // `this.activation_function.dfunc` of `new ActivationFunction(f, y => y * (1 - y))`: every one the holder may keep.
    const kept = !picked && ts.isPropertyAccessExpression(u) && DERIVATIVE_MEMBER.test(u.name.text) ? heldActivationFunctions(this.tree, u) : undefined;
    if (kept?.length) return kept.every((f) => { const k = unwrapExpression(ts, f); const fn = isFunctionNode(ts, k) ? k : functionValue(this.tree, k); return !!fn && computesSigmoidDerivative(this.tree, fn); });
    const held = picked && name ? propertyOf(ts, picked.entry, name) : undefined;
    const v = held ? unwrapExpression(ts, held) : u;
    const fn = isFunctionNode(ts, v) ? v : held ? undefined : functionValue(this.tree, v);
    return !!fn && computesSigmoidDerivative(this.tree, fn);
  }

  /** Whether a derivative is taken at the output layer, not a hidden one (whose derivative every loss has). */
  private ofOutput(e: TS.Expression): boolean {
    const name = rootName(this.ts, e);
    return !name || !HIDDEN_NAME.test(name);
  }

  /** The nodes a factor may be: itself, and what the local names it reads are given, a few steps back. */
  private origins(e: TS.Expression): Set<TS.Node> {
    // Breadth first, each node once, a few steps back and a bounded number of nodes: a name assigned in a loop many
    // times must not multiply the search.
    const ts = this.ts;
    const out = new Set<TS.Node>();
    let frontier: TS.Expression[] = [e];
    for (let depth = 0; frontier.length > 0 && depth <= MAX_DEPTH && out.size < MAX_ORIGINS; depth++) {
      const next: TS.Expression[] = [];
      for (const f of frontier) {
        const u = unwrapExpression(ts, f);
        if (out.has(u)) continue;
        out.add(u);
        const factors = this.factorsOf(u);
        if (factors) next.push(...this.flatten(factors));
        // `[2 * (output - expected)]`: an array of the error its elements are read back from (`errorSignal[j]`).
        if (ts.isArrayLiteralExpression(u)) next.push(...u.elements.filter((x) => !ts.isSpreadElement(x) && !ts.isOmittedExpression(x)));
        // `isOutputLayer ? y * (1 - y) : reluDerivative(y)`: the output layer's way.
        if (ts.isConditionalExpression(u)) next.push(...outputLayerBranches(ts, u));
        // `alpha * -error * y * (1 - y)`: the error negated is the same error (the step's sign).
        if (ts.isPrefixUnaryExpression(u) && (u.operator === ts.SyntaxKind.MinusToken || u.operator === ts.SyntaxKind.PlusToken)) next.push(u.operand);
        // `matrix(subtract(t, o))`, `Matrix.fromArray(e)`, `e.copy()`: the same values.
        if (ts.isCallExpression(u)) {
          const callee = unwrapExpression(ts, u.expression);
          const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
          const inner = u.arguments.length === 1 ? u.arguments[0] : u.arguments.length === 0 && ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
          if (inner && SAME_VALUES.test(name)) next.push(inner);
          // `outputs.map((o, i) => targets[i] - o)`: what the callback makes of each element.
          const mapper = name === 'map' && u.arguments[0] && isFunctionNode(ts, u.arguments[0]) ? u.arguments[0] : undefined;
          if (mapper) next.push(...returnedExpressions(this.tree, mapper));
        }
        const name = this.localName(u) ?? this.elementOf(u);
        next.push(...((name && this.values.get(name)) || []));
      }
      frontier = next;
    }
    return out;
  }

  /** `errors[i]`, `errors[i][j]`: the local array an element belongs to. */
  private elementOf(e: TS.Expression): string | undefined {
    let u = unwrapExpression(this.ts, e);
    if (!this.ts.isElementAccessExpression(u)) return undefined;
    while (this.ts.isElementAccessExpression(u)) u = unwrapExpression(this.ts, u.expression);
    return this.localName(u);
  }

  private localName(e: TS.Expression): string | undefined {
    const u = unwrapExpression(this.ts, e);
    return this.ts.isIdentifier(u) ? u.text : undefined;
  }

  private give(name: string, value: TS.Expression): void {
    const list = this.values.get(name);
    if (list) list.push(value);
    else this.values.set(name, [value]);
  }
}
