/**
 * Finds where losses may be, without walking the whole tree: the text is searched for the few shapes a
 * loss site has (`.compile(`, `.minimize(`, names like `focalLoss`), and only the nodes at those places
 * are looked at. This keeps the lint within a fraction of the parse time on large files.
 */
import type * as TS from 'typescript';
import { isDistributionPair, isLossParameterPair, isTargetParameter } from '../../engine/roleNames';
import { functionName } from './functionNames';
import { callsOf, returnedExpressions } from './functionValues';
import { requiredModule } from './moduleCalls';
import { PARAMETER_PAIR } from './relevance';
import { escapeRegExp, resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

export interface Candidates {
  compileCalls: TS.CallExpression[];
  minimizeCalls: { call: TS.CallExpression; fn: TS.Expression }[];
  /** Functions named like a loss (any parameters), or whose first parameters are (target, prediction), with the node that says so. */
  namedFunctions: { fn: FunctionNode; name: TS.Identifier }[];
}

/** `model.compile(`, `optimizer.minimize(`, and TF.js's gradient functions (`tf.variableGrads(f)`, `tf.grads(f)(xs)`). */
const CALLS = /\.\s*(compile|minimize|computeGradients)\s*\(|\b(variableGrads|valueAndGrads?|grads?)\s*\(/g;
const LOSS_WORDS = /loss|entropy|huber|hinge|focal|tversky|surrogate|divergence|mse|mae|bce|dice|kl|perd|p[eé]rdid|perte|verlust|entrop/gi;
const WORD_CHAR = /[\w$]/;
const ENGLISH_LOSS_NAME = /loss|entropy|huber|hinge|focal|tversky|clipped_?surrogate|surrogate_?obj|divergence|^(mse|mae|bce|cce|dice|kld?|rmse|mape|msle|logcosh|nll)(?![a-z])/i;
/** A loss named in Portuguese, Spanish, French, Italian or German (`perdaTripleto`, `entropiaCruzada`, `perte`): functionNames' words. */
const FOREIGN_LOSS_NAME = /(?:^|_|(?<=[a-z\d])(?=[A-Z]))(?:[pP]erdas?|[pP][eé]rdidas?|[pP]ertes?|[vV]erlust(?:e|es|funktion)?|[pP]erdit[ae]|[eE]ntrop[ií]a|[eE]ntropie)(?=$|_|[A-Z\d])/;
const LOSS_NAME = { test: (name: string): boolean => ENGLISH_LOSS_NAME.test(name) || FOREIGN_LOSS_NAME.test(name) };

export function findCandidates(tree: SyntaxTree): Candidates {
  const ts = tree.ts;
  const text = tree.text;
  const compileCalls: TS.CallExpression[] = [];
  const minimizeCalls: Candidates['minimizeCalls'] = [];
  // The regular expressions below scan the whole text; each runs only when the parser saw a name it can match.
  if (tree.mayHaveName('compile', 'minimize', 'computeGradients', 'variableGrads', 'valueAndGrads', 'valueAndGrad', 'grads', 'grad')) for (let m = CALLS.exec(text); m; m = CALLS.exec(text)) {
    const word = m[1] ?? m[2];
    const at = m.index + m[0].indexOf(word);
    const id = tree.nodeAt(at, at + word.length);
    if (!ts.isIdentifier(id) || id.text !== word) continue;
    const parent = tree.parent(id);
    const call = parent && ts.isPropertyAccessExpression(parent) ? tree.parent(parent) : parent;
    if (!call || !ts.isCallExpression(call) || unwrapExpression(ts, call.expression) !== (parent && ts.isPropertyAccessExpression(parent) ? parent : id)) continue;
    if (word === 'compile') compileCalls.push(call);
    else if (call.arguments[0]) minimizeCalls.push({ call, fn: call.arguments[0] }, ...givenSteps(tree, call.arguments[0]));
  }
  minimizeCalls.push(...helperSteps(tree, minimizeCalls));
  minimizeCalls.push(...trainingMethodSteps(tree, minimizeCalls));
  const namedFunctions: Candidates['namedFunctions'] = [];
  const seen = new Set<TS.Node>();
  if (tree.mayHaveIdentifier((name) => LOSS_NAME.test(name))) for (let m = LOSS_WORDS.exec(text); m; m = LOSS_WORDS.exec(text)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
    while (end < text.length && WORD_CHAR.test(text[end])) end++;
    LOSS_WORDS.lastIndex = end;
    const word = text.slice(start, end);
    if (/^\d/.test(word) || !LOSS_NAME.test(word)) continue;
    const id = tree.nodeAt(start, end);
    if (!ts.isIdentifier(id) || id.text !== word) continue;
    // Any parameter count: a loss-named method of a training loop, `ppoLoss(batch)`, `computeLoss()`, is read like a
    // minimize closure (its prediction is a model's output), and dropped when it has none.
    const fn = declaredFunction(tree, id);
    if (fn && !seen.has(fn)) {
      seen.add(fn);
      namedFunctions.push({ fn, name: id });
    }
  }
  for (const m of text.matchAll(PARAMETER_PAIR)) {
    const distributions = /^p$/i.test(m[1]) && /^q$/i.test(m[2]);
    if (!isLossParameterPair(m[1], m[2]) && !distributions) continue;
    const at = m.index! + m[0].indexOf(m[1]);
    const id = tree.nodeAt(at, at + m[1].length);
    const param = tree.parent(id);
    const fn = param && ts.isParameter(param) ? tree.parent(param) : undefined;
    if (!ts.isIdentifier(id) || !fn || !isFunctionNode(ts, fn) || fn.parameters[0] !== param || fn.parameters.length < 2 || seen.has(fn)) continue;
    // `(p, q)` is a loss's pair only in a function named as a divergence or a loss: elsewhere it is as often two points.
    if (distributions && !isLossParameterPair(m[1], m[2]) && !isDistributionPair(m[1], m[2], functionName(tree, fn).name)) continue;
    seen.add(fn);
    namedFunctions.push({ fn, name: id });
  }
  return { compileCalls, minimizeCalls, namedFunctions };
}


/** An argument that names an optimizer: `optimizer`, `this.optimizador`, `opts.actorOptimiser`, `opt`. */
const OPTIMIZER_ARGUMENT = /^(?:[\w$]+\s*\.\s*)*(?:[\w$]*optim[\w$]*|opt)$/i;
const OPTIMIZER_WORD = /optim|\bopt\b/gi;
const OPTIMIZER_NAME = /optim|^opt$/i;

/**
 * A helper the file does not show that runs the step (`pasoGradiente(this.optimizador, () => loss, vars)` from
 * another module, `trainStep(opt, () => …)`): a call given an optimizer and a function of no parameters, which is
 * the loss it minimizes.
 */
function helperSteps(tree: SyntaxTree, known: Candidates['minimizeCalls']): Candidates['minimizeCalls'] {
  const ts = tree.ts;
  const out: Candidates['minimizeCalls'] = [];
  const seen = new Set<TS.Node>(known.map((k) => k.call));
  if (!tree.mayHaveIdentifier((name) => OPTIMIZER_NAME.test(name))) return out;
  for (const m of tree.text.matchAll(OPTIMIZER_WORD)) {
    const id = tree.nodeAt(m.index!, m.index! + m[0].length);
    let arg: TS.Node | undefined = id;
    while (arg && tree.parent(arg) && ts.isPropertyAccessExpression(tree.parent(arg)!)) arg = tree.parent(arg);
    const call = arg && tree.parent(arg);
    if (!arg || !call || !ts.isCallExpression(call) || seen.has(call) || !call.arguments.includes(arg as TS.Expression)) continue;
    if (!OPTIMIZER_ARGUMENT.test(tree.compactSource(arg))) continue;
    const callee = unwrapExpression(ts, call.expression);
    // The optimizer's own methods and TF.js's calls are read where they are (minimize, variableGrads …).
    if (ts.isPropertyAccessExpression(callee) && /^(minimize|computeGradients|applyGradients)$/.test(callee.name.text)) continue;
    // A helper of this file is read where it uses the function (givenSteps), or not at all.
    if (definedHere(tree, callee)) continue;
    seen.add(call);
    for (const a of call.arguments) {
      const fn = unwrapExpression(ts, a);
      if (isFunctionNode(ts, fn) && fn.parameters.length === 0) out.push({ call, fn: a });
    }
  }
  return out;
}

/** A method that trains on the loss it is given, on an object of another module: `network.trainPolicy(() => …)`. */
const TRAINING_METHOD = /\.\s*((?:train|optimi[sz]e|minimi[sz]e)[\w$]*)\s*\(/g;
export const TRAINING_METHOD_NAME = /^(?:train|optimi[sz]e|minimi[sz]e)/;

/**
 * A closure of no parameters given to a training method the file does not define (`network.trainPolicy(() => …)`, a
 * network class of another module that runs the optimizer): the loss it trains on, read as a minimize closure.
 */
function trainingMethodSteps(tree: SyntaxTree, known: Candidates['minimizeCalls']): Candidates['minimizeCalls'] {
  const ts = tree.ts;
  const out: Candidates['minimizeCalls'] = [];
  if (!tree.mayHaveIdentifier((name) => TRAINING_METHOD_NAME.test(name))) return out;
  const seen = new Set<TS.Node>(known.map((k) => k.call));
  for (const m of tree.text.matchAll(TRAINING_METHOD)) {
    const at = m.index! + m[0].indexOf(m[1]!);
    const id = tree.nodeAt(at, at + m[1]!.length);
    const callee = id && tree.parent(id);
    const call = callee && tree.parent(callee);
    if (!ts.isIdentifier(id) || !callee || !ts.isPropertyAccessExpression(callee) || callee.name !== id || !call || !ts.isCallExpression(call) || call.expression !== callee) continue;
    if (seen.has(call) || call.arguments.length !== 1 || definedHere(tree, callee)) continue;
    const fn = unwrapExpression(ts, call.arguments[0]!);
    // A loss is returned: a callback run when training ends returns nothing.
    if (isFunctionNode(ts, fn) && fn.parameters.length === 0 && returnedExpressions(tree, fn).length > 0) {
      seen.add(call);
      out.push({ call, fn: call.arguments[0]! });
    }
  }
  return out;
}

/** Whether a callee is a function or method this file defines (not an import, a global, or an inherited method). */
function definedHere(tree: SyntaxTree, callee: TS.Expression): boolean {
  const ts = tree.ts;
  if (ts.isIdentifier(callee)) {
    const d = resolveIdentifier(tree, callee);
    return !!d && !(d.kind === 'other' && ts.isImportDeclaration(d.node)) && !(d.kind === 'variable' && d.initializer && requiredModule(ts, d.initializer) !== undefined);
  }
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const cls = [...tree.ancestors(callee)].find((a) => ts.isClassLike(a)) as TS.ClassLikeDeclaration | undefined;
  return !!cls?.members.some((m) => m.name && ts.isIdentifier(m.name) && m.name.text === callee.name.text);
}

/** TF.js's functional gradients, whose function may take the tensors it differentiates by (`tf.grads((x) => …)(xs)`). */
export const GRADIENT_FUNCTIONS: ReadonlySet<string> = new Set(['grads', 'grad', 'valueAndGrads', 'valueAndGrad']);

/**
 * Whether a candidate call runs `fn` as a training step: a minimize closure or `variableGrads` function takes no
 * parameters; TF.js's `tf.grads((x) => loss)(weights)` may, when it does not use them; a user's own `grad(f)` (a
 * numerics helper) is not a step.
 */
export function takesStep(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (!GRADIENT_FUNCTIONS.has(name)) return fn.parameters.length === 0;
  if (!GRADIENT_FUNCTIONS.has(tf.path(call.expression) ?? '')) return false;
  // The gradient of a function of its own inputs (`tf.grad((x) => x.square())`, as TF.js's own tests and ops write)
  // is not a training step: one whose function ignores its inputs differentiates a loss of the model's weights.
  const body = fn.body ? tree.source(fn.body) : '';
  return fn.parameters.every((p) => !ts.isIdentifier(p.name) || !new RegExp(`(?<![\\w$.])${escapeRegExp(p.name.text)}(?![\\w$])`).test(body));
}

/** The function `id` names in its declaration: `function id(…)`, `const id = (…) => …`, `id(…) {…}`, `id: function …`. */
function declaredFunction(tree: SyntaxTree, id: TS.Identifier): FunctionNode | undefined {
  const ts = tree.ts;
  const parent = tree.parent(id);
  if (!parent) return undefined;
  if ((ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isFunctionExpression(parent)) && parent.name === id) return parent;
  // `class BCELoss { forward(input, target) { … } }`, PyTorch's way in a tensor library of its own: the loss is the
  // class's forward (or call) of two parameters.
  // A TF.js layer named for the loss it adds (`class KLLossLayer extends tf.layers.Layer { call(inputs, kwargs) }`) is
  // not one: its second parameter is no target.
  if (ts.isClassDeclaration(parent) && parent.name === id) {
    const saysTarget = (p: TS.ParameterDeclaration | undefined) => !!p && ts.isIdentifier(p.name) && isTargetParameter(p.name.text);
    const method = parent.members.find((m) => ts.isMethodDeclaration(m) && m.body && m.name && ts.isIdentifier(m.name) && /^(forward|call)$/.test(m.name.text) && m.parameters.length >= 2 && (saysTarget(m.parameters[0]) || saysTarget(m.parameters[1])));
    return method as TS.MethodDeclaration | undefined;
  }
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === id && parent.initializer) {
    const init = unwrapExpression(ts, parent.initializer);
    if (isFunctionNode(ts, init)) return init;
  }
  return undefined;
}

/**
 * `function optimize(optimizer, predict) { … tf.variableGrads(predict) … }`, or a class's own `private optimize(opt, vars,
 * loss)`: the training steps are the closures the file's calls give it in that place (`optimize(net.optimizer, () => {
 * … })`, `this.optimize(opt, vars, () => …)`), each read as a minimize closure.
 */
function givenSteps(tree: SyntaxTree, fn: TS.Expression): Candidates['minimizeCalls'] {
  const ts = tree.ts;
  const id = unwrapExpression(ts, fn);
  const decl = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
  if (decl?.kind !== 'parameter' || !isFunctionNode(ts, decl.fn)) return [];
  const index = decl.fn.parameters.indexOf(decl.node);
  return callsOf(tree, decl.fn, MAX_HELPER_CALLS)
    .filter((call) => call.arguments[index] && isFunctionNode(ts, unwrapExpression(ts, call.arguments[index])))
    .map((call) => ({ call, fn: call.arguments[index] }));
}

/** Calls of one step helper read as steps, at most. */
const MAX_HELPER_CALLS = 200;

/**
 * The training call a step's loss is given to, as a heading names it: `this.optimizer.minimize` is
 * `optimizer.minimize`, `tf.grads` stays `tf.grads`, a helper of the file (`optimize(opt, () => …)`) its own name.
 */
export function stepCallText(ts: typeof TS, call: TS.CallExpression): string {
  const parts: string[] = [];
  let e = unwrapExpression(ts, call.expression);
  while (ts.isPropertyAccessExpression(e)) {
    parts.unshift(e.name.text);
    e = unwrapExpression(ts, e.expression);
  }
  if (ts.isIdentifier(e)) parts.unshift(e.text);
  return parts.slice(-2).join('.') || 'optimizer.minimize';
}
