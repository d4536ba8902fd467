/**
 * What a function of loss code is called (its own name, the variable or property holding it, or the factory that
 * returns it) and whether its name or its callers say it is not a loss: a metric, a gradient, a plot.
 */
import type * as TS from 'typescript';
import { isPredictionName, isTargetName } from '../../../core';
import { referencesTo, resolveIdentifier } from './scope';
import { callsByName, hookHolder, propertyOf, returnedExpressions } from './functionValues';
import { isReadBack, numericValue } from './translationEnv';
import { wordsAt } from './wordSearch';
import { isFunctionNode, propertyName, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** Functions with a loss's parameters that say they are something else: metrics, gradients (`derivadaHuber`, `deriveeErreur`), predictions. */
const NOT_A_LOSS = /grad|deriv|d[eé]riv|ableitung|slope|accuracy|precision|recall|metric|score|f1|auc|iou|evaluat|validat|cross_?val|leave_?one_?out|loocv|backtest|predict|sample|plot|render|draw|print|format|sensitivity|specificity|confusion|kappa|(?:^|[a-z_])rate(?![a-z])/i;
const ENGLISH_LOSS = /loss|entropy|objective|cost|criterion|penalty/i;
/**
 * A loss as Portuguese, Spanish, French, Italian and German code names it (`perdaTripleto`, `huberPerda`,
 * `entropiaCruzada`, `funcionPerdida`, `perte`, `Verlust`, `funcaoCusto`), a word of its own in the name: `custom`
 * and `costumbre` are not `custo`, `coste`.
 */
const FOREIGN_LOSS = /(?:^|_|(?<=[a-z\d])(?=[A-Z]))(?:[pP]erdas?|[pP][eé]rdidas?|[pP]ertes?|[vV]erlust(?:e|es|funktion)?|[pP]erdit[ae]|[cC]ustos?|[cC]ostes?|[cC]ostos?|[eE]ntrop[ií]a|[eE]ntropie)(?=$|_|[A-Z\d])/;
export const SAYS_LOSS = { test: (name: string): boolean => ENGLISH_LOSS.test(name) || FOREIGN_LOSS.test(name) };

/** Accuracy shortened to a word of its own: `acc`, `trainAcc`, `acc_fn`, `ACC` (not `accumulate`). */
const ACCURACY_WORD = /(?:^|_)(?:acc|ACC)(?=$|_|[A-Z\d])|[a-z\d](?:Acc|ACC)(?=$|_|[A-Z\d])/;

/** A function that computes a loss and its gradient together: `computeLossAndGradient`, `loss_and_grad`, `costAndGrad`. */
const LOSS_AND_GRADIENT = /(?:loss|cost|objective)_?(?:and|with)_?(?:grad|deriv)/i;

export function isNotALoss(name: string): boolean {
  if (LOSS_AND_GRADIENT.test(name)) return false;
  return LEIBNIZ.test(name) || OF_A_LOSS.test(name) || ((NOT_A_LOSS.test(name) || DERIVATIVE.test(name) || ACCURACY_WORD.test(name)) && !SAYS_LOSS.test(name));
}

/**
 * A name that ends by saying it is a setting of a loss, a number that weighs or schedules it: `adaptiveEntropyCoefficient`,
 * `lossWeight`, `kl_scale`, `entropyBonusFactor`.
 */
const SETTING_WORD = /[a-z\d](?:Coefficient|Coeff|Coef|Weight|Scale|Factor|Multiplier|Schedule)$|_(?:coefficient|coeff|coef|weight|scale|factor|multiplier|schedule)$/;
/** A loss that says it takes a setting: `lossWithWeight`, `bceWithPosWeight`, `weightedByClassWeight`. */
const TAKES_SETTING = /with|_by_|[a-z\d]By[A-Z]/i;
const A_LOSS_SETTING = (name: string): boolean => SETTING_WORD.test(name) && !TAKES_SETTING.test(name);

/**
 * A function named as a setting of a loss that takes no target and prediction (`adaptiveEntropyCoefficient({ entropy })`):
 * a number that weighs the loss. One that takes them (`bceWeight(yTrue, yPred)`) computes a loss, whatever its name.
 */
export function settingOfALoss(tree: SyntaxTree, fn: TS.Node, name: string): boolean {
  if (!A_LOSS_SETTING(name) || !isFunctionNode(tree.ts, fn)) return false;
  const names = fn.parameters.map((p) => (tree.ts.isIdentifier(p.name) ? p.name.text : ''));
  return !(names.some((n) => isTargetName(n)) && names.some((n) => isPredictionName(n)));
}

/** A name that ends by saying it is a loss's derivative: `lossGradient`, `costDerivative`, `loss_grad`, `dloss`. */
export const OF_A_LOSS = /[a-z\d](?:Gradient|Grad|Derivative|Deriv)s?$|_(?:gradient|grad|derivative|deriv)s?$|^d_?(?:loss|cost|err|error)$/;

/** A derivative named as Leibniz writes it, whatever it is of: `dLoss_dOutput`, `dL_dy`, `d_loss_d_out`, `dEdY`. */
const LEIBNIZ = /^d(?:_|(?=[A-Z]))[A-Za-z\d]*_d_?[A-Za-z]|^d[A-Z][a-z\d]*d[A-Z]/;
/** A loss's derivative named as Leibniz writes it (`dLoss_dMean`, `dL_dy`, `dJ_dw`, `dE_dOut`), not any derivative (`dI_dx`). */
export const LEIBNIZ_OF_LOSS = /^d_?(?:L|J|E|Loss|loss|Cost|cost|Err|err|Error|error)_?d_?[A-Za-z]/;

/** A module of metrics by its file's name (`metrics.ts`, `evaluation.js`, `forecastEvaluation.ts`). */
const METRICS_MODULE = /(?:^|[^a-z])(?:metrics?|evaluations?|eval)$|[a-z](?:Metrics?|Evaluation)$/i;

/**
 * A function found by its loss-like shape that says it is not a loss: by its name (a metric, a gradient), as the
 * derivative kept beside its loss, or as a function of a metrics module not named for a loss (`mae` in `metrics.ts`).
 */
export function notALoss(tree: SyntaxTree, fn: FunctionNode): boolean {
  const name = functionName(tree, fn).name ?? '';
  if (isNotALoss(name) || settingOfALoss(tree, fn, name) || derivativeBesideLoss(tree, fn) || returnsNumbers(tree, fn) || returnsText(tree, fn) || reducesLosses(tree, fn)) return true;
  const file = tree.file.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return METRICS_MODULE.test(file) && !SAYS_LOSS.test(name);
}

/**
 * A function handed losses already computed (`computeWeightedLoss(losses, weights, reduction)`): it reduces them, and
 * is read inside the losses that call it, not as a loss of its own (its `weights` are no prediction).
 */
function reducesLosses(tree: SyntaxTree, fn: FunctionNode): boolean {
  const first = fn.parameters[0]?.name;
  return !!first && tree.ts.isIdentifier(first) && /^(?:losses|per_?(?:example|element|sample)_?loss(?:es)?|unreduced_?loss(?:es)?)$/i.test(first.text);
}

/**
 * A function whose every value is a tensor read back into JavaScript (`return yTrue.sub(yPred).abs().mean().arraySync()`,
 * `(await mse.data())[0]`): it hands out numbers, which no TF.js gradient goes through, so it reports a metric. A number
 * written out on an early path (`if (denominator === 0) return 1.0;` before `return dice.dataSync()[0]`) is one too.
 */
export function returnsNumbers(tree: SyntaxTree, fn: FunctionNode): boolean {
  const returned = returnedExpressions(tree, fn);
  const read = returned.filter((e) => readBackValue(tree, e));
  return read.length > 0 && returned.every((e) => read.includes(e) || numericValue(tree.ts, e) !== undefined);
}

/**
 * A function whose every value is text (`lossColor(value, min, max)` returning `` `hsl(${hue} 88% ${light}%)` ``, a
 * `formatCost` returning `'…' + v.toFixed(3)`): it shows a loss, it is not one.
 */
export function returnsText(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const isText = (e: TS.Expression): boolean => {
    const x = unwrapExpression(ts, e);
    if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x) || ts.isTemplateExpression(x)) return true;
    return ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken && (isText(x.left) || isText(x.right));
  };
  const returned = returnedExpressions(tree, fn);
  return returned.length > 0 && returned.every(isText);
}

/** Methods that give a tensor's numbers once awaited (at once: `isReadBack`). */
const ASYNC_READ = /^(?:data|array)$/;
/** Conversions of a number that keep it a number. */
const TO_NUMBER = /^(?:Number|parseFloat)$/;

function readBackValue(tree: SyntaxTree, e: TS.Expression, awaited = false): boolean {
  const ts = tree.ts;
  const inner = unwrapExpression(ts, e);
  if (ts.isAwaitExpression(inner)) return readBackValue(tree, inner.expression, true);
  if (ts.isPrefixUnaryExpression(inner)) return readBackValue(tree, inner.operand, awaited);
  if (ts.isElementAccessExpression(inner)) return readBackValue(tree, inner.expression, awaited);
  if (!ts.isCallExpression(inner)) return false;
  if (isReadBack(ts, inner)) return true;
  const callee = unwrapExpression(ts, inner.expression);
  if (ts.isIdentifier(callee) && TO_NUMBER.test(callee.text) && inner.arguments.length >= 1) return readBackValue(tree, inner.arguments[0]!, awaited);
  // `tf.tidy(() => { …; return x.dataSync(); })`: the numbers its function reads back.
  const tidied = inner.arguments[0] && unwrapExpression(ts, inner.arguments[0]);
  if ((ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '') === 'tidy' && tidied && isFunctionNode(ts, tidied)) {
    return returnsNumbers(tree, tidied);
  }
  return awaited && ts.isPropertyAccessExpression(callee) && inner.arguments.length === 0 && ASYNC_READ.test(callee.name.text);
}

/** A hand-written derivative in a from-scratch network (`sigmoid_prime`, `hingePrime`, `mse_prime`): the gradient, not a loss. */
const DERIVATIVE = /(?:_p|P)rime(?![a-z])/;

/**
 * The hand-written derivative kept beside its loss (`{ loss: (p, y) => …, dloss: (p, y) => … }`, `function cost(…)`
 * next to `function dCost(…)`): the steps and jumps of a gradient written out are not a loss's. Only when the loss it
 * is the `d` of sits beside it: a GAN's `dLoss` alone is the discriminator's loss.
 */
export function derivativeBesideLoss(tree: SyntaxTree, fn: FunctionNode): boolean {
  const { name } = functionName(tree, fn);
  const base = name && /^d_?([A-Za-z]\w*)$/.exec(name)?.[1];
  if (!base || !SAYS_LOSS.test(base)) return false;
  return hasSibling(tree, fn, name, base);
}

/** Whether the object, class, block or file holding `fn` (named `name`) has a function named `base` beside it. */
function hasSibling(tree: SyntaxTree, fn: FunctionNode, name: string, base: string): boolean {
  const ts = tree.ts;
  const same = (other: string | undefined) => !!other && other !== name && other.toLowerCase() === base.toLowerCase();
  const parent = tree.parent(fn);
  const literal = parent && ts.isPropertyAssignment(parent) ? tree.parent(parent) : undefined;
  if (literal && ts.isObjectLiteralExpression(literal)) {
    return literal.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && !!p.name && ts.isIdentifier(p.name) && same(p.name.text));
  }
  const holder = [...tree.ancestors(fn)].find((a) => ts.isSourceFile(a) || ts.isBlock(a) || ts.isClassLike(a));
  if (!holder) return false;
  const members: readonly TS.Node[] = ts.isClassLike(holder) ? holder.members : (holder as TS.SourceFile | TS.Block).statements;
  return members.some((m) => {
    if ((ts.isFunctionDeclaration(m) || ts.isMethodDeclaration(m)) && m.name && ts.isIdentifier(m.name)) return same(m.name.text);
    return ts.isVariableStatement(m) && m.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && same(d.name.text) && !!d.initializer && isFunctionNode(ts, unwrapExpression(ts, d.initializer)));
  });
}

const DERIVATIVE_MEMBER = /^(?:der|deriv|derivative|d|backward|dError|dLoss)$/i;
/** A table of derivatives by its name: `lossFunctions_D`, `lossDerivatives`, `costPrimes`, `derivatives`, `dLosses`. */
const DERIVATIVE_TABLE = /[a-z\d](?:_[dD]|_?(?:Derivatives?|Derivs?|Primes?|Gradients?|Grads?))$|^(?:derivatives|derivs|primes|gradients|d_?(?:loss|cost|error)(?:es|s)?)$/i;

/** Whether a table declared beside `table` (in the same statements) holds a function under `key`: the losses it derives. */
function lossTableBeside(tree: SyntaxTree, table: TS.VariableDeclaration, key: string | undefined): boolean {
  const ts = tree.ts;
  const list = tree.parent(table);
  const statement = list && tree.parent(list);
  const scope = statement && tree.parent(statement);
  const statements = scope && (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) ? scope.statements : undefined;
  if (!key || !statements) return false;
  return statements.some((st) => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => {
    const init = d !== table && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
    const entry = init && ts.isObjectLiteralExpression(init) ? propertyOf(ts, init, key) : undefined;
    return !!entry && isFunctionNode(ts, unwrapExpression(ts, entry));
  }));
}
const DERIVATIVE_NAME = /^([A-Za-z]\w*?)_?(?:Derivative|Deriv|Prime|Gradient|Grad|derivative|deriv|prime|gradient|grad)$/;

/** Whether a top-level statement of the file assigns a function to `target` (`Neuron.error.MAE = function (…) { … }`). */
function assignedFunction(tree: SyntaxTree, target: string): boolean {
  const ts = tree.ts;
  return tree.file.statements.some((st) => {
    const e = ts.isExpressionStatement(st) ? unwrapExpression(ts, st.expression) : undefined;
    return !!e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && isFunctionNode(ts, unwrapExpression(ts, e.right)) && tree.compactSource(e.left) === target;
  });
}

/**
 * `ret.evaluate = function (y, yhat) {…}` in the statements around `ret.derivative = function …` (a loss table's case
 * filling one object): another function of the same object, the loss the derivative goes with.
 */
function memberFunctionBeside(tree: SyntaxTree, assignment: TS.BinaryExpression, holder: string): boolean {
  const ts = tree.ts;
  const statement = tree.parent(assignment);
  const list = statement && ts.isExpressionStatement(statement) ? tree.parent(statement) : undefined;
  const statements = list && (ts.isBlock(list) || ts.isCaseClause(list) || ts.isDefaultClause(list) || ts.isSourceFile(list)) ? list.statements : [];
  return statements.some((st) => {
    const e = st !== statement && ts.isExpressionStatement(st) ? unwrapExpression(ts, st.expression) : undefined;
    return !!e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(e.left) && isFunctionNode(ts, unwrapExpression(ts, e.right)) && tree.compactSource(e.left.expression) === holder && !DERIVATIVE_MEMBER.test(e.left.name.text);
  });
}

/**
 * The derivative member of an error table (`{ error: (o, t) => Math.abs(o - t), der: (o, t) => (o > t ? 1 : -1) }`, the
 * TF.js playground's shape): the gradient a from-scratch network trains with. Its jumps are the kinks of the loss
 * beside it, reported there; its logs and divisions still blow up training, so those are checked.
 */
export function derivativeMember(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const parent = tree.parent(fn);
  // `Neuron.error.MAE.d = function (output, target) { … }`: the derivative hung on the error function itself.
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === fn && ts.isPropertyAccessExpression(parent.left) && DERIVATIVE_MEMBER.test(parent.left.name.text)) {
    const holder = tree.compactSource(parent.left.expression);
    return assignedFunction(tree, holder) || memberFunctionBeside(tree, parent, holder);
  }
  // `huberLossDerivative(predictions, targets)` beside `huberLoss`, `crossEntropyGrad` beside `crossEntropy`: the loss's
  // hand-written gradient (a name that says gradient and not loss, `mseGrad`, is no loss at all: isNotALoss).
  const { name } = functionName(tree, fn);
  const base = name && DERIVATIVE_NAME.exec(name)?.[1];
  if (name && base && hasSibling(tree, fn, name, base)) return true;
  if (!parent || !ts.isPropertyAssignment(parent)) return false;
  // `export const lossFunctions_D = { mae: (o, t) => (o > t ? 1 : -1) }` beside `lossFunctions`: a table of derivatives.
  const table = tree.parent(parent);
  const holder = table && ts.isObjectLiteralExpression(table) ? tree.parent(table) : undefined;
  if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && DERIVATIVE_TABLE.test(holder.name.text) && lossTableBeside(tree, holder, propertyName(ts, parent.name))) return true;
  if (!DERIVATIVE_MEMBER.test(propertyName(ts, parent.name) ?? '')) return false;
  const literal = tree.parent(parent);
  return !!literal && ts.isObjectLiteralExpression(literal) && literal.properties.some((p) => p !== parent && (ts.isMethodDeclaration(p) || (ts.isPropertyAssignment(p) && isFunctionNode(ts, unwrapExpression(ts, p.initializer)))));
}

/** A function's name and the node that says it; a factory's result is named after the factory. */
export function functionName(tree: SyntaxTree, fn: FunctionNode): { name?: string; node?: TS.Node } {
  const ts = tree.ts;
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name) return { name: propertyName(ts, fn.name), node: fn.name };
  const parent = tree.parent(fn);
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return { name: parent.name.text, node: parent.name };
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && parent.name.text !== 'loss') return { name: parent.name.text, node: parent.name };
  // A class field holding an arrow function (`private quantumCoherenceMetric = (yTrue, yPred) => …`).
  if (parent && ts.isPropertyDeclaration(parent) && parent.initializer === fn && (ts.isIdentifier(parent.name) || ts.isPrivateIdentifier(parent.name))) return { name: parent.name.text, node: parent.name };
  // `const train = useCallback((model) => { … }, [])`: React hands back the function itself.
  const hooked = hookHolder(tree, fn);
  if (hooked && ts.isIdentifier(hooked.name)) return { name: hooked.name.text, node: hooked.name };
  const factory = parent && (ts.isReturnStatement(parent) ? [...tree.ancestors(parent)].find((a) => isFunctionNode(ts, a)) : isFunctionNode(ts, parent) ? parent : undefined);
  if (factory && isFunctionNode(ts, factory)) {
    const outer = functionName(tree, factory);
    return outer.name ? { name: outer.name } : {};
  }
  return {};
}

/**
 * A private method that runs a model and is named like a loss, in a file whose training steps (its gradient calls, as
 * site discovery found them) are none (a PPO loss built, logged and disposed while the network is trained with `fit`):
 * nothing can differentiate it, so it is no step.
 */
export function neverDifferentiated(tree: SyntaxTree, fn: FunctionNode, steps: readonly unknown[]): boolean {
  const ts = tree.ts;
  const isPrivate = ts.isMethodDeclaration(fn) && (ts.isPrivateIdentifier(fn.name) || !!ts.getModifiers?.(fn)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword));
  return isPrivate && steps.length === 0;
}

/**
 * A function with a loss's shape that the file only calls from evaluation code (`evaluateModel`, `computeMetrics`)
 * and never hands to training: a metric, whose kinks and NaNs do not reach a gradient.
 */
export function onlyEvaluated(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const { node } = functionName(tree, fn);
  if (!node || !ts.isIdentifier(node)) return false;
  const name = node.text;
  const decl = resolveIdentifier(tree, node);
  const container = decl && 'container' in decl ? decl.container : tree.file;
  // A method is called by its name on an object (`this.policyEntropy(s).dataSync()`).
  const method = ts.isMethodDeclaration(fn) ? [...callsByName(tree, name, 'call', 20)].map((c) => unwrapExpression(ts, c.expression)) : [];
  const uses = decl ? referencesTo(tree, container, name, decl).filter((id) => id !== node) : method;
  if (uses.length === 0) return false;
  return uses.every((id) => {
    const call = tree.parent(id);
    if (!call || !ts.isCallExpression(call) || unwrapExpression(ts, call.expression) !== id) return false;
    if (readBackOnly(tree, call)) return true;
    const caller = [...tree.ancestors(call)].find((a) => isFunctionNode(ts, a));
    const callerName = caller && isFunctionNode(ts, caller) ? functionName(tree, caller).name : undefined;
    // Or one whose caller hands out numbers (`rnm` returning `tf.tidy(() => rmse(y, p).div(mse).dataSync())`).
    return (callerName !== undefined && isNotALoss(callerName)) || (!!caller && isFunctionNode(ts, caller) && returnsNumbers(tree, caller));
  });
}

/** Methods that only read a tensor's numbers back or free it: a value used so is reported, never differentiated. */
const READ_BACK = new Set(['dataSync', 'arraySync', 'data', 'array', 'print', 'dispose']);

/**
 * A call whose value is only read back (`mae(preds, ys).dataSync()`, or `const m = mae(preds, ys); batchMae =
 * m.dataSync()[0]; m.dispose()` inside a training step that returns another loss): a metric computed beside the loss.
 */
export function readBackOnly(tree: SyntaxTree, call: TS.CallExpression): boolean {
  const ts = tree.ts;
  const readBack = (n: TS.Node) => {
    const access = tree.parent(n);
    return !!access && ts.isPropertyAccessExpression(access) && access.expression === n && READ_BACK.has(access.name.text);
  };
  if (readBack(call)) return true;
  const holder = tree.parent(call);
  if (!holder || !ts.isVariableDeclaration(holder) || holder.initializer !== call || !ts.isIdentifier(holder.name)) return false;
  const decl = resolveIdentifier(tree, holder.name);
  const container = decl && 'container' in decl ? decl.container : tree.file;
  const refs = decl ? referencesTo(tree, container, holder.name.text, decl).filter((r) => r !== holder.name) : [];
  return refs.length > 0 && refs.every(readBack);
}

/**
 * A function written in a model's `metrics` list (`metrics: [(yTrue, yPred) => yTrue.sub(yPred).abs().mean()]`): a
 * metric, reported during training but never differentiated.
 */
export function writtenAsMetric(tree: SyntaxTree, fn: FunctionNode): boolean {
  return inMetricsList(tree, fn);
}

/** The identifiers written in the file's `metrics` lists (or as a `metrics` property's one value), found once per parse. */
function namesInMetricsLists(tree: SyntaxTree): ReadonlySet<string> {
  const known = metricNamesByFile.get(tree.file);
  if (known) return known;
  const ts = tree.ts;
  const names = new Set<string>();
  const collect = (e: TS.Node): void => {
    if (ts.isIdentifier(e)) names.add(e.text);
    else if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) collect(e.expression);
    else if (ts.isArrayLiteralExpression(e)) e.elements.forEach(collect);
  };
  for (const k of wordsAt(tree.text, 'metrics')) {
    const at = tree.nodeAt(k, k + 'metrics'.length);
    const assignment = tree.parent(at);
    if (assignment && ts.isPropertyAssignment(assignment) && assignment.name === at && propertyName(ts, assignment.name) === 'metrics') collect(assignment.initializer);
  }
  metricNamesByFile.set(tree.file, names);
  return names;
}

const metricNamesByFile = new WeakMap<TS.SourceFile, ReadonlySet<string>>();

/** Whether a node is an element of a `metrics` list (or the list's one value), through parentheses and `as`. */
function inMetricsList(tree: SyntaxTree, node: TS.Node): boolean {
  const ts = tree.ts;
  let at: TS.Node = node;
  let parent = tree.parent(at);
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isArrayLiteralExpression(parent))) {
    at = parent;
    parent = tree.parent(at);
  }
  if (parent !== undefined && ts.isPropertyAssignment(parent) && parent.initializer === at && propertyName(ts, parent.name) === 'metrics') return true;
  // An entry of a table of metrics (`this.metrics = { mse: …, rmse: (yTrue, yPred) => tf.sqrt(…) }`, `metrics: { … }`).
  const table = parent && ts.isPropertyAssignment(parent) && parent.initializer === at ? tree.parent(parent) : undefined;
  const holder = table && ts.isObjectLiteralExpression(table) ? tree.parent(table) : undefined;
  const held = !holder ? undefined
    : (ts.isPropertyAssignment(holder) || ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === table ? holder.name
    : ts.isBinaryExpression(holder) && holder.right === table && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken ? unwrapExpression(ts, holder.left)
    : undefined;
  const name = held && (ts.isIdentifier(held) || ts.isStringLiteral(held) ? held.text : ts.isPropertyAccessExpression(held) ? held.name.text : undefined);
  return name !== undefined && METRIC_TABLE.test(name);
}

/** A table of metrics by its name: `metrics`, `METRICS`, `evalMetrics`, `metric_fns`. */
const METRIC_TABLE = /^(?:metrics?|metric_?fns?|metric_?functions?)$|[a-z_]Metrics$|_metrics$/i;

/**
 * A named function every use of which is an element of a `metrics` array (`metrics: ['accuracy', topMargin]`): a
 * metric, never differentiated, like one written there in place.
 */
export function usedOnlyAsMetric(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const { node } = functionName(tree, fn);
  if (!node || !ts.isIdentifier(node)) return false;
  // A name no metrics list holds has no use there: its references need not be searched (a scan of the whole text).
  if (!namesInMetricsLists(tree).has(node.text)) return false;
  const decl = resolveIdentifier(tree, node);
  if (!decl || !('container' in decl)) return false;
  const uses = referencesTo(tree, decl.container, node.text, decl).filter((id) => id !== node);
  return uses.length > 0 && uses.every((id) => inMetricsList(tree, id));
}

/** What an agent or a search maximises, by its name: a reward (`reward`, `totalReward`, `stepReward`), a genetic algorithm's `fitness`, a `utility`. */
const REWARD_NAME = /reward|fitness|utility/i;
/** A ranking's score (`score`, `finalScore`, `match_score`): maximised only where a penalty or a cost is folded into it. */
const SCORE_NAME = /^[sS]core$|[a-z\d]Score$|_score$/;

/**
 * A returned value that is a reward: the name itself, a sum it is a term of (`reward + riskPenalty`), or an object with
 * a reward field and no loss (`{ reward, done }`); not a value made from rewards by a call (`tf.mul(logProbs, rewards)`).
 * A score counts where a penalty or a cost is folded into it (`{ id, score: s - yearPenalty }`, `return finalScore` of
 * `const finalScore = s - yearPenalty`); a validation or accuracy score returned by a training loop is none.
 */
function givesReward(tree: SyntaxTree, e: TS.Expression): boolean {
  const ts = tree.ts;
  const x = unwrapExpression(ts, e);
  if (ts.isIdentifier(x) || ts.isPropertyAccessExpression(x)) {
    const name = ts.isIdentifier(x) ? x.text : x.name.text;
    return REWARD_NAME.test(name) || (SCORE_NAME.test(name) && foldsPenalty(tree, x, 1));
  }
  if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.PlusToken || x.operatorToken.kind === ts.SyntaxKind.MinusToken)) return givesReward(tree, x.left) || givesReward(tree, x.right);
  // `{ reward, done }`; not a training step's report of both (`{ loss, reward }`), whose loss is one.
  if (!ts.isObjectLiteralExpression(x)) return false;
  const fields = x.properties.map((p) => ({ name: p.name !== undefined && ts.isIdentifier(p.name) ? p.name.text : '', p }));
  if (fields.some((f) => SAYS_LOSS.test(f.name))) return false;
  return fields.some((f) => REWARD_NAME.test(f.name) || (SCORE_NAME.test(f.name) && foldsPenalty(tree, ts.isPropertyAssignment(f.p) ? f.p.initializer : ts.isShorthandPropertyAssignment(f.p) ? f.p.name : undefined, 1)));
}

/** Whether a value mentions a penalty or a cost (`s - yearPenalty`), itself or, through `hops` names, in what a const is given. */
function foldsPenalty(tree: SyntaxTree, e: TS.Node | undefined, hops: number): boolean {
  const ts = tree.ts;
  if (!e) return false;
  let found = false;
  let seen = 0;
  const visit = (n: TS.Node): void => {
    if (found || ++seen > 200) return;
    if (ts.isIdentifier(n) && SAYS_LOSS.test(n.text)) found = true;
    else if (ts.isIdentifier(n) && hops > 0) {
      const d = resolveIdentifier(tree, n);
      if (d?.kind === 'variable' && d.initializer) found = foldsPenalty(tree, d.initializer, hops - 1);
    } else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/**
 * Whether a node is in a function that returns a reward (`return reward + riskPenalty` in an environment's
 * `executeAction`, `return { reward, done }`), a fitness or a ranking's score (`return { id, score: s - yearPenalty }`):
 * its costs and penalties (a transaction cost, a risk penalty, a recommender's penalty for an old film) shape what is
 * maximised, they are not a loss any model descends. A function named for a loss is one whatever it returns.
 */
export function inRewardFunction(tree: SyntaxTree, node: TS.Node): boolean {
  const ts = tree.ts;
  const fn = [...tree.ancestors(node)].find((a) => isFunctionNode(ts, a)) as FunctionNode | undefined;
  if (!fn?.body || !ts.isBlock(fn.body) || SAYS_LOSS.test(functionName(tree, fn).name ?? '')) return false;
  return returnedExpressions(tree, fn).some((e) => givesReward(tree, e));
}

