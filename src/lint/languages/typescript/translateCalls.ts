/**
 * Calls in loss code: tf.* ops and tf.losses / tf.metrics functions, Tensor methods, Math.*, tf.tidy, and
 * helper functions of the same file, which are inlined with their arguments. In a minimize closure a call
 * to the model (`model.predict(x)`, `predict(x)`) is the prediction; modelOutputs.ts decides which output is what.
 */
import type * as TS from 'typescript';
import { num, sigmoidByHand, symbol, type Expr } from '../../engine/expression';
import { functionValue, returnedExpressions } from './functionValues';
import { memoFunction } from './reactHooks';
import { isShapeList } from './propertyReads';
import { probabilityLossFix } from './logitsProbes';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode } from './syntaxTree';
import { CONSTANT_TENSORS, CONSTRUCTORS, MATH_FUNCTIONS, TENSOR_OPS, TF_LOSSES, TF_METRICS, type OpSpec } from './tensorOps';
import { OP_KERNELS } from './tfjsGradients';
import { isIndexChoice, ownExtremePick } from './argMaxMasks';
import { isComparison } from './targetShapes';
import { indexKey } from './perElement';
import { detachTarget } from './stepTargets';
import type { Translator } from './translate';
import { aliased, isForwardPass, OPAQUE_METHODS, opaquePrediction } from './modelOutputs';
import { perElement } from './perElement';
import { translateMap, translateReduce } from './translateLoops';
import { ELEMENTWISE_MAP, translateElementwise } from './elementwiseMaps';
import { vectorNorm } from './vectorNorm';
import { foldTerms, sumOfTerms, termsOf } from './termLists';
import { functionOf, inline } from './inlineHelpers';
import { javaScriptNonFiniteCheck, nonFiniteCheck } from './nonFiniteChecks';
import { classMethod, fieldInstanceMethod, namedClassMethod, namesAutogradClass } from './classMethods';
import { holdsWeight } from './trainableWeights';
import { describeCode, Env, isMissingOperand, numericValue, Unreadable } from './translationEnv';
import { ownEntry } from '../../../core';
import { closestName } from '../../engine/editDistance';
import { TFJS_NAMESPACE_FUNCTIONS } from './unknownTfCalls';
import { sumOperands } from './unreadTerms';
import { dataOnly, JS_CONVERSIONS, settingCall } from './dataCalls';
import { feedsOutput, givenPrediction, readJoinedModels, readsAsPrediction, unknownMethodOfOutput, unseenOutput } from './predictionArguments';
import { withoutMask } from './actionMasks';
import { isTfModule } from './tfBindings';
import { isMathGlobal, isOpsObject, moduleFunctionOp, namedImport, OP_ALIASES, REDUCTION_HELPER, wholeModule } from './moduleCalls';
import { STACK_REDUCTIONS, stackedReduction } from './stackedReductions';
import { offsetElement } from './tensorParts';

const OPAQUE_FUNCTION = /predict|forward|model|net|infer|apply/i;

export function translateCall(t: Translator, node: TS.CallExpression, env: Env): Expr {
  const ts = t.tree.ts;
  const path = t.tf.path(node.expression);
  if (path !== undefined) return tfCall(t, path, node, env);
  const callee = unwrapExpression(ts, node.expression);
  const jsCheck = javaScriptNonFiniteCheck(t, node, callee, env);
  if (jsCheck) return jsCheck;
  if (ts.isPropertyAccessExpression(callee)) {
    const recv = unwrapExpression(ts, callee.expression);
    const method = callee.name.text;
    // `Math.abs(x)`, and mathjs's `math.abs(x)` of a page that loads it as a global (same names, same meaning on numbers).
    if (isMathGlobal(t.tree, recv)) {
      const f = ownEntry(MATH_FUNCTIONS, method);
      // mathjs's own functions on matrices (`math.dotMultiply(y, math.log(h))`), as the module imported whole.
      if (!f && recv.text === 'math') return moduleCall(t, recv, method, 'mathjs', node, env);
      if (!f) throw new Unreadable(`${recv.text}.${method}() is not supported in a loss`, node);
      if (node.arguments.length < f.min || node.arguments.length > f.max) throw new Unreadable(`${recv.text}.${method}() with ${node.arguments.length} arguments`, node);
      return f.build(node.arguments.map((a) => t.expression(a, env)));
    }
    if (method === 'epsilon' && node.arguments.length === 0) return num(1e-7);
    if ((method === 'reduce' || method === 'reduceRight') && isShapeList(t, recv)) return t.count();
    const callback = node.arguments[0] && unwrapExpression(ts, node.arguments[0]);
    const terms = method === 'reduce' && callback && isFunctionNode(ts, callback) ? termsOf(t, callee.expression, env) : undefined;
    if (terms) return foldTerms(t, terms, callback!, node.arguments[1], env, node);
    if ((method === 'map' || method === 'reduce') && callback && isFunctionNode(ts, callback)) {
      return method === 'map' ? translateMap(t, callee.expression, callback, env) : translateReduce(t, callee.expression, callback, node, env);
    }
    // A matrix class's element-wise map by its other names (`yPred.apply((x) => x.log())`), or given a function by name
    // (`predictions.applyFunction(Math.log)`, `outputs.map(sigmoid)`).
    const elementwise = ELEMENTWISE_MAP.test(method) && node.arguments.length === 1 && callback ? translateElementwise(t, callee.expression, callback, env) : undefined;
    if (elementwise) return elementwise;
    // `lps.concat(lp)` returned by a reduce callback: one element more per element, read as the element (like `acc + term`).
    if (method === 'concat' && ts.isIdentifier(recv) && env.lookup(recv.text)?.kind === 'accumulator' && node.arguments.length === 1) return t.expression(node.arguments[0]!, env);
    if (recv.kind === ts.SyntaxKind.ThisKeyword) {
      const fn = classMethod(t, callee, method);
      if (fn && !(t.options.mode !== 'loss' && OPAQUE_METHODS.has(method))) return inline(t, fn, node, env);
      // In a minimize closure a method the file does not define (set on the prototype elsewhere, `this.criticWithActor(s)`)
      // is read as an output of its own, as an undefined function is, so the rest of the objective is still read.
      if (!fn && t.options.mode === 'minimize') return opaquePrediction(t, node);
    }
    const module = ts.isIdentifier(recv) ? wholeModule(t.tree, recv) : undefined;
    if (module !== undefined) return moduleCall(t, recv as TS.Identifier, method, module, node, env);
    // `vectorTs.log(x)` of `import { vectorTs } from '../vectorTs'`: an object of ops a module exports, named as TF.js's.
    // (The import is looked up first: most receivers are local names, and the test of the object's uses scans the text.)
    const imported = ts.isIdentifier(recv) ? namedImport(t.tree, recv) : undefined;
    if (imported && !isTfModule(imported.module) && isOpsObject(t.tree, recv as TS.Identifier, method, (n) => Object.hasOwn(TENSOR_OPS, n))) return moduleCall(t, recv as TS.Identifier, method, imported.module, node, env);
    const declaredFn = ts.isIdentifier(recv) ? namedClassMethod(t, recv, method) : ts.isPropertyAccessExpression(recv) ? fieldInstanceMethod(t, recv, method) : undefined;
    if (declaredFn) return inline(t, declaredFn, node, env);
    if (t.options.mode !== 'loss' && isForwardPass(t, callee)) {
      // A model run on what another made in the step (a decoder given the top-k of the encoder's code): the step
      // differentiates through what joins them, so its ops are read for their gradients.
      if (t.options.mode === 'minimize' && t.options.step) readJoinedModels(t, node.arguments, env);
      return opaquePrediction(t, node, undefined, undefined, undefined, () => feedsOutput(t, node.arguments, env));
    }
    if (t.options.mode === 'minimize' && LINEAR_LAYER_OPS.has(method) && [recv, ...node.arguments].some((a) => holdsWeight(t.tree, t.tf, a))) return opaquePrediction(t, node);
    if (method === 'norm') return vectorNorm(t, recv, node.arguments[0], node, env);
    // Read back into JavaScript (`eps.dataSync()[0]`): the same numbers, constants of the step. A value of the
    // prediction read back carries no gradient, so inside a loss it is a value of its own; the loss itself read back
    // and returned (`return -loss.dataSync()`, an objective computed to report) is still that loss, and so is one a
    // test reads (`absDiff.dataSync()[0] < 1 ? … : …`): the test picks a branch by the value, not by its gradient.
    if (method === 'dataSync' || method === 'arraySync') {
      const value = t.expression(recv, env);
      return t.dependsOnPrediction(value) && !isReturned(t, node) && !inTest(t, node) ? t.outsideValue('readBack', node) : value;
    }
    const stacked = STACK_REDUCTIONS.has(method) ? stackedReduction(t, method, recv, node.arguments[0], env) : undefined;
    if (stacked) return stacked;
    // deeplearn.js's own loss ops, compiled and vendored (`LossOps.computeWeightedLoss(losses, weights, reduction)`),
    // reduce the losses as tf.losses.computeWeightedLoss does.
    if (method === 'computeWeightedLoss' && node.arguments[0] && TF_LOSSES.computeWeightedLoss) return apply(t, TF_LOSSES.computeWeightedLoss, [...node.arguments], env, '.computeWeightedLoss()', node);
    // Other tensor and matrix libraries' names of the same ops (onegrad's `negative()`, `elementWiseMultiplication(m)`).
    const op = Object.hasOwn(TENSOR_OPS, method) ? method : (ownEntry(OP_ALIASES, method) ?? method);
    const spec = Object.hasOwn(TENSOR_OPS, op) ? TENSOR_OPS[op] : undefined;
    if (spec && LAYER_ACTIVATIONS.has(method) && onLinearLayer(t, callee.expression, 0)) t.builtinCalls.add(node);
    // A scalar autograd's static helpers (`Value.mean(diffs)`, `Value.sum(terms)`): the op on the values it is given.
    if (spec && node.arguments.length > 0 && namesAutogradClass(t, recv)) return apply(t, spec, [...node.arguments], env, `.${method}()`, node);
    const picked = method === 'mul' ? ownExtremePick(t, [recv, ...node.arguments], node, env) : undefined;
    if (picked) return picked;
    if (spec) {
      t.usedTensorOps = true;
      // `x.where(cond, other)` is `tf.where(cond, x, other)`: the tensor is the value where the condition holds.
      const args = method === 'where' && node.arguments.length >= 1 ? [node.arguments[0]!, recv, ...node.arguments.slice(1)] : [recv, ...node.arguments];
      noteWhere(t, method, node, args);
      return apply(t, spec, args, env, `.${method}()`, node, Object.hasOwn(OP_KERNELS, method) ? (values) => noteKernelCall(t, method, node, values) : undefined);
    }
    // In a training step, a method of an object given the model's output (`this.model.computeLogProb(mean, actions)`,
    // `dist.logProb(out)`, `nn.ssim2d(batch, out)`) is a function of the output the lint cannot see into: an output of
    // its own, as a function the file does not define is, so the rest of the objective (a PPO clip of the ratio it
    // makes) is still read; its range is unknown, so a hazard of its value alone (the log of an SSIM) is not reported.
    if (t.options.mode === 'minimize' && !readsAsPrediction(t, recv, env) && readsAsPrediction(t, node.arguments, env)) return unseenOutput(t, opaquePrediction(t, node));
    // A method TF.js does not have, or one added to the prototype elsewhere, on the output (`gathered.diagonal()`): a
    // function of it the lint cannot see into, read as an output of its own so the clip and min of a PPO ratio made from
    // it are still read.
    if (t.options.mode === 'minimize' && readsAsPrediction(t, recv, env)) return unknownMethodOfOutput(t, node, method);
    // A vector or matrix class's copy into an array (`y.toArray()`, `m.to1DArray()`): the same values.
    if (/^(?:toArray|to1DArray)$/.test(method) && node.arguments.length === 0) return t.expression(recv, env);
    // A vector class's element read with the loop's index (`pred.get(i)` in `y.toArray().reduce((s, v, i) => …)`): the
    // element, as `pred[i]` is.
    if (method === 'get' && node.arguments.length === 1 && t.isIndex(node.arguments[0]!, env)) return offsetElement(t, node.arguments[0]!, t.expression(recv, env));
    return dataOnly(t, [recv, ...node.arguments], node, env) ?? unsupported(`.${method}() is not supported in a loss`, callee.name);
  }
  // React's `useMemo(() => tf.tensor2d(rows), [rows])` is what its function returns (data a component keeps), never a
  // model's output.
  const memo = memoFunction(t.tree, node);
  const memoValue = memo && returnedExpressions(t.tree, memo);
  if (memoValue?.length === 1) return t.expression(memoValue[0]!, env);
  if (ts.isIdentifier(callee)) {
    const found = functionOf(t, callee, env);
    // `abs(y - yHat)`, `log(p)` with no declaration in the file: p5.js's globals, or a build that joins a
    // `const { abs, log } = Math` from another file: Math's functions.
    const global = found ? undefined : ownEntry(MATH_FUNCTIONS, callee.text);
    if (global && !resolveIdentifier(t.tree, callee) && node.arguments.length >= global.min && node.arguments.length <= global.max) return global.build(node.arguments.map((a) => t.expression(a, env)));
    // JavaScript's own conversions (`parseFloat(s)`, `Number(x)`) make numbers of data, never a model's output.
    // `Number(a !== b)`: a comparison counted as 1 or 0 (a cost table's rounded misses), the comparison's own value.
    const counted = callee.text === 'Number' && !found && node.arguments.length === 1 ? unwrapExpression(ts, node.arguments[0]!) : undefined;
    if (counted && ts.isBinaryExpression(counted) && isComparison(ts, counted) && !resolveIdentifier(t.tree, callee)) return t.expression(counted, env);
    if (!found && JS_CONVERSIONS.has(callee.text) && !resolveIdentifier(t.tree, callee)) return settingCall(t, node, env) ?? dataOnly(t, node.arguments, node, env) ?? unsupported(`${callee.text}() of a value the lint cannot read is not supported in a loss`, callee);
    // `import { abs, sub, clamp } from './tensor'`: a function named as a TF.js op, read as the module imported whole would
    // be, in every mode (an imported `clamp` of a PPO ratio is the clip, not the model's output).
    const imported = found ? undefined : namedImport(t.tree, callee);
    // A project's `clamp(value, lo, hi)` too, but not Ramda's `clamp(lo, hi, value)`: the value first, not a number.
    const valueFirst = imported?.name === 'clamp' && !/^ramda|^rambda/.test(imported.module) && node.arguments.length === 3 && numericValue(ts, node.arguments[0]!) === undefined;
    const op = imported && !/tensorflow|deeplearn/.test(imported.module) ? moduleFunctionOp(imported.name, (n) => Object.hasOwn(TENSOR_OPS, n)) ?? (valueFirst ? 'clipByValue' : undefined) : undefined;
    if (op !== undefined) {
      // It computes as the op does, but says nothing of tensors: `clip` of './MathUtils' over arrays is float64 numbers.
      const tensors = t.usedTensorOps;
      const value = tfCall(t, op, node, env);
      t.usedTensorOps = tensors;
      return value;
    }
    // A helper named as a forward pass runs the model, unless it is given the model's output already (`parsePredict(out)`
    // splits and clips it): that one is read.
    const runsModel = found !== undefined && OPAQUE_FUNCTION.test(callee.text) && !givenPrediction(t, node.arguments, env);
    if (t.options.mode === 'minimize' && (!found || runsModel)) return (found ? undefined : settingCall(t, node, env)) ?? opaquePrediction(t, node);
    if (t.options.mode === 'operation' && !found) return opaquePrediction(t, node);
    if (found && t.options.mode === 'minimize' && node.arguments.some((a) => holdsWeight(t.tree, t.tf, a))) {
      // A function of the trainable weights (`computeOscillator(params, xs)`) is the model's forward pass: read when it
      // can be, else its result is the model's output.
      try {
        return inline(t, found.fn, node, env, found.closure);
      } catch (err) {
        if (!(err instanceof Unreadable)) throw err;
        return opaquePrediction(t, node);
      }
    }
    if (found) return inline(t, found.fn, node, env, found.closure);
    // Keras's fuzz factor imported from a backend module (`import { epsilon } from './backend/common'`), like `K.epsilon()`.
    if (callee.text === 'epsilon' && node.arguments.length === 0) return num(1e-7);
    // A loss library's own `reduce(loss, reduction)`: the per-element loss, averaged (as its default is).
    if (imported && REDUCTION_HELPER.test(imported.name) && node.arguments[0]) return t.recordReduction('mean', node), t.expression(node.arguments[0], env);
    return dataOnly(t, node.arguments, node, env) ?? unsupported(`${callee.text}() is not defined in this file`, callee);
  }
  if (isFunctionNode(ts, callee)) return inline(t, callee, node, env);
  throw new Unreadable(`${describeCode(t.tree, callee)} cannot be called in a loss`, node);
}

function tfCall(t: Translator, path: string, node: TS.CallExpression, env: Env): Expr {
  const ts = t.tree.ts;
  t.usedTensorOps = true;
  if (path === 'tidy') {
    // `tf.tidy(() => …)`, `tf.tidy('name', fn)` with a function declared beside it (`function tidy() { … }`).
    const fn = node.arguments.map((a) => unwrapExpression(ts, a)).map((a) => (isFunctionNode(ts, a) ? a : ts.isIdentifier(a) ? functionValue(t.tree, a) : undefined)).find((f) => f !== undefined);
    if (!fn) throw new Unreadable('tf.tidy() without a function', node);
    // The field wanted of what it returns (`const { policyLoss } = tf.tidy(() => ({ policyLoss, … }))`), as of a helper.
    const field = t.nextReturnField;
    t.nextReturnField = undefined;
    if (field === undefined) return t.functionBody(fn, env);
    const outer = t.returnField;
    t.returnField = field;
    try {
      return t.functionBody(fn, env);
    } finally {
      t.returnField = outer;
    }
  }
  const dot = path.indexOf('.');
  const name = dot < 0 ? path : path.slice(dot + 1);
  // `tf.losses.binaryCrossentropy` is tf.metrics's (the unknown-loss fix says so): read as that one.
  const group = dot < 0 ? '' : path.slice(0, dot) === 'losses' && !ownEntry(TF_LOSSES, name) && TFJS_NAMESPACE_FUNCTIONS.metrics.includes(name) ? 'metrics' : path.slice(0, dot);
  const check = group === '' ? nonFiniteCheck(t, name, node, env) : undefined;
  if (check) return check;
  // tfjs-core's own ops import computeWeightedLoss from its file, bare; it is tf.losses.computeWeightedLoss.
  const table = group === 'losses' || (group === '' && name === 'computeWeightedLoss') ? TF_LOSSES : group === 'metrics' ? TF_METRICS : group === '' ? TENSOR_OPS : undefined;
  // A loss TF.js does not have (`tf.losses.meanSquareError`) is reported as unknown-loss with the closest name as
  // its fix; the rest of the loss is read as if that fix were applied, so one misspelling does not hide the rest.
  const known = group === 'losses' || group === 'metrics' ? (ownEntry(table!, name) ? name : closestName(name, TFJS_NAMESPACE_FUNCTIONS[group])) : name;
  const spec = table && known !== undefined && Object.prototype.hasOwnProperty.call(table, known) ? table[known] : undefined;
  if (t.options.mode === 'minimize' && group === '' && LINEAR_LAYER_OPS.has(name) && node.arguments.some((a) => holdsWeight(t.tree, t.tf, a))) return opaquePrediction(t, node);
  if (spec && group !== '') t.builtinCalls.add(node);
  if (spec && group === '' && LAYER_ACTIVATIONS.has(name) && node.arguments[0] && onLinearLayer(t, node.arguments[0], 0)) t.builtinCalls.add(node);
  if (spec && group === 'losses' && (known === 'sigmoidCrossEntropy' || known === 'softmaxCrossEntropy')) return logitsLoss(t, spec, known, node, env);
  if (spec && ((group === 'metrics' && (known === 'binaryCrossentropy' || known === 'categoricalCrossentropy')) || (group === 'losses' && known === 'logLoss'))) return probabilityLoss(t, spec, `tf.${group}.${known}`, node, env);
  if ((group === '' || group === 'linalg') && name === 'norm') return vectorNorm(t, node.arguments[0], node.arguments[1], node, env);
  const stacked = group === '' && STACK_REDUCTIONS.has(name) && node.arguments[0] ? stackedReduction(t, name, node.arguments[0], node.arguments[1], env) : undefined;
  if (stacked) return stacked;
  if (spec && group === '') noteWhere(t, name, node, node.arguments);
  const picked = group === '' && name === 'mul' ? ownExtremePick(t, node.arguments, node, env) : undefined;
  if (picked) return picked;
  // An op read on its own: a one-hot mask is 0 or 1 whatever the indices it was made from.
  if (spec && group === '' && name === 'oneHot' && t.options.mode === 'operation') return t.rangedData('oneHot', node, [0, 1]);
  // `tf.oneHot(tf.argMax(iou, -1), k)`: a mask of the best-scoring entry (the responsible box). It carries no gradient;
  // the loss is read with it as a 0/1 selection, the rest of the loss still checked.
  if (spec && group === '' && name === 'oneHot' && node.arguments[0] && isIndexChoice(t, node.arguments[0])) return t.rangedData('selected', node, [0, 1]);
  // `tf.oneHot(yTrue, k)`: the loss's targets are class numbers it encodes itself, whatever its callers show.
  if (spec && group === '' && name === 'oneHot') return apply(t, spec, node.arguments, env, `tf.${path}()`, node, (values) => {
    if (values[0] !== undefined && values[0].text === t.targetSymbol) t.targetOneHot ??= node;
  });
  if (spec && group === '' && Object.hasOwn(OP_KERNELS, name)) return apply(t, spec, node.arguments, env, `tf.${path}()`, node, (values) => noteKernelCall(t, name, node, values));
  if (spec && group === 'metrics' && Object.hasOwn(OP_KERNELS, `metrics.${name}`)) return apply(t, spec, node.arguments, env, `tf.${path}()`, node, (values) => noteKernelCall(t, `metrics.${name}`, node, values));
  if (spec && (group === 'losses' || group === 'metrics') && t.options.mode === 'minimize') return apply(t, spec, node.arguments, env, `tf.${path}()`, node, (values) => detachTarget(t, values, node));
  if (spec) return apply(t, spec, node.arguments, env, `tf.${path}()`, node);
  if (group === '' && Object.hasOwn(CONSTRUCTORS, name)) {
    const arg = node.arguments[CONSTRUCTORS[name]];
    if (!arg) throw new Unreadable(`tf.${name}() without a value`, node);
    try {
      return valueOfArray(t, arg, env);
    } catch (err) {
      // `tf.tensor1d(batchIdx.map((i) => oldLogProbs[i]))`: JavaScript values the lint cannot read are data.
      if (!(err instanceof Unreadable)) throw err;
      const data = madeFromValues(t, name, node);
      if (!data) throw err;
      return data;
    }
  }
  // A list a loop filled with push (`tf.stack(logProbs)`, `tf.addN(losses)`): per element, the element pushed.
  const listArg = node.arguments[0] && unwrapExpression(ts, node.arguments[0]);
  const terms = group === '' && name === 'addN' && listArg ? termsOf(t, listArg, env) : undefined;
  if (terms) return sumOfTerms(t, terms, node);
  if (group === '' && LIST_OPS.has(name) && listArg && ts.isIdentifier(listArg) && env.lookup(listArg.text)) {
    if (name === 'addN') t.recordReduction('sum', node);
    return t.expression(listArg, env);
  }
  if (group === '' && name === 'addN') throw new Unreadable('tf.addN() of a list the lint cannot read', node);
  if (group === '' && Object.hasOwn(CONSTANT_TENSORS, name)) return num(CONSTANT_TENSORS[name]);
  // Sampled noise (a reparameterised policy's ε): data the loss does not differentiate, one symbol per call.
  if (group === '' && RANDOM_TENSORS.has(name)) {
    const noise = t.outsideValue('noise', node);
    t.randomSymbols.add(noise.text);
    return noise;
  }
  if (group === '' || group === 'util') return dataOnly(t, node.arguments, node, env) ?? madeFromValues(t, name, node) ?? unsupported(`tf.${path}() is not supported in a loss`, node);
  throw new Unreadable(`tf.${path}() is not supported in a loss`, node);
}

/** `K.square(x)` of `import * as K from './backend'`: the TF.js op the module's function is named as, else unread. */
function moduleCall(t: Translator, recv: TS.Identifier, name: string, module: string, node: TS.CallExpression, env: Env): Expr {
  const op = moduleFunctionOp(name, (n) => Object.hasOwn(TENSOR_OPS, n));
  if (op !== undefined) return tfCall(t, op, node, env);
  // `K.categoricalCrossentropy(yTrue, yPred)`: the backend's form of the TF.js metric of that name.
  if (Object.hasOwn(TF_METRICS, name)) return tfCall(t, `metrics.${name}`, node, env);
  // A function of the output from a module not read (`nn.ssim2d(batch, out)`): an output of unknown range, as a method is.
  if (t.options.mode === 'minimize' && readsAsPrediction(t, node.arguments, env)) return unseenOutput(t, opaquePrediction(t, node));
  return dataOnly(t, node.arguments, node, env) ?? unsupported(`${recv.text}.${name}() of '${module}' is not read (the lint reads this file only)`, node);
}

function unsupported(message: string, node: TS.Node): never {
  throw new Unreadable(message, node);
}

/** A tensor's value written as an array: `[-1]`, `[[0.5], [0.5]]` (the same number throughout), or a value. */
function valueOfArray(t: Translator, node: TS.Expression, env: Env): Expr {
  const ts = t.tree.ts;
  const n = unwrapExpression(ts, node);
  if (!ts.isArrayLiteralExpression(n)) return t.expression(node, env);
  const leaves: TS.Expression[] = [];
  const walk = (e: TS.Expression): void => {
    const x = unwrapExpression(ts, e);
    if (ts.isArrayLiteralExpression(x)) x.elements.forEach(walk);
    else leaves.push(x);
  };
  walk(n);
  if (leaves.length === 0) throw new Unreadable('an empty tensor', node);
  const values = leaves.map((l) => t.expression(l, env));
  if (values.every((v) => v.text === values[0].text)) return values[0];
  // Bounds per output column (`tf.tensor1d([0.7, 0.01, 100])`): data, read as the first column's value, which is what
  // the loss of the prediction's first column meets.
  const numbers = leaves.map((l) => numericValue(ts, l));
  if (numbers.some((v) => v === undefined)) throw new Unreadable('a tensor of different values is not one per-element value', node);
  const holder = [...t.tree.ancestors(n)].find((a) => ts.isVariableDeclaration(a));
  const name = t.claimData(holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : 'values', n);
  if (!Object.hasOwn(t.parameters, name)) t.parameters[name] = numbers[0]!;
  return symbol(name, true);
}

function noteKernelCall(t: Translator, op: string, call: TS.CallExpression, values: (Expr | undefined)[]): void {
  t.kernelCalls.push({ call, op, operands: values.filter((v): v is Expr => v !== undefined) });
}

function noteWhere(t: Translator, op: string, call: TS.CallExpression, args: readonly TS.Expression[]): void {
  const ts = t.tree.ts;
  if (op !== 'where' || args.length < 3) return;
  t.wheres.set(unwrapExpression(ts, args[0]), { call, then: args[1], otherwise: args[2] });
}

/** Ops that make a layer from trainable weights: `xs.matMul(w)`, `tf.dot(x, w)`, an embedding lookup `tf.gather(table, ids)`. */
const LINEAR_LAYER_OPS = new Set(['matMul', 'dot', 'gather']);
/** Ops that take a list of tensors: stacked or concatenated, element by element the elements; added, their sum. */
const LIST_OPS = new Set(['stack', 'concat', 'addN']);

/** Activations with a kink, which a layer written by hand may end in. */
const LAYER_ACTIVATIONS = new Set(['relu', 'relu6', 'elu', 'leakyRelu', 'selu', 'prelu']);

/**
 * Whether a value is a layer written by hand in a minimize closure (`tf.matMul(x, w)`, `x.dot(w).add(b)` with
 * trainable weights): an activation applied to it is the model's output activation, whose kink is the model's, as a
 * relu output layer's is, not the loss's.
 */
function onLinearLayer(t: Translator, node: TS.Expression, depth: number): boolean {
  const ts = t.tree.ts;
  if (t.options.mode !== 'minimize' || depth > 4) return false;
  const n = aliased(t, node);
  if (!ts.isCallExpression(n)) return false;
  const callee = unwrapExpression(ts, n.expression);
  const path = t.tf.path(n.expression);
  const receiver = ts.isPropertyAccessExpression(callee) && path === undefined ? callee : undefined;
  const operands = receiver ? [receiver.expression, ...n.arguments] : [...n.arguments];
  const op = path ?? receiver?.name.text;
  if (op !== undefined && LINEAR_LAYER_OPS.has(op)) return operands.some((a) => holdsWeight(t.tree, t.tf, a));
  // The bias: `tf.add(tf.matMul(x, w), b)`, `x.matMul(w).add(b)`.
  return op === 'add' && operands.some((a) => onLinearLayer(t, a, depth + 1));
}

/**
 * `tf.losses.sigmoidCrossEntropy(labels, logits)` takes logits; given a sigmoid or softmax output it applies the
 * activation a second time. The translation records that as a fact for the activation-mismatch rule.
 */
function logitsLoss(t: Translator, spec: OpSpec, name: string, node: TS.CallExpression, env: Env): Expr {
  const logitsNode = node.arguments[1];
  const fix = probabilityLossFix(t.tree, node, name);
  return apply(t, spec, node.arguments, env, `tf.losses.${name}()`, node, (values) => {
    const activation = logitsNode && values[1] ? activationOf(values[1]) : undefined;
    if (activation) t.activatedLogits.push({ loss: `tf.losses.${name}`, activation: activation.name, start: t.tree.start(logitsNode), end: logitsNode.end, ...(fix ? { fix } : {}) });
    else if (logitsNode && values[1] && (values[1].text === t.predictionSymbol || values[1].text.startsWith(`clip(${t.predictionSymbol}, `))) {
      // The prediction, or the prediction clipped (a clip to [ε, 1 − ε] says probability: the rule weighs it).
      t.activatedLogits.push({ loss: `tf.losses.${name}`, start: t.tree.start(logitsNode), end: logitsNode.end, ...(fix ? { fix } : {}) });
    } else if (logitsNode && values[1] && t.otherPredictions.includes(values[1].text)) {
      // Another model output the loss reads: the file reader looks up which activation its model ends in.
      t.activatedLogits.push({ loss: `tf.losses.${name}`, start: t.tree.start(logitsNode), end: logitsNode.end, prediction: values[1].text, ...(fix ? { fix } : {}) });
    }
  });
}

/**
 * `tf.metrics.binaryCrossentropy(y, p)` and `tf.losses.logLoss(y, p)` take probabilities: given the prediction (or
 * another model output) as it is, the rule reports it when that output is linear (a GAN discriminator's logits).
 */
function probabilityLoss(t: Translator, spec: OpSpec, loss: string, node: TS.CallExpression, env: Env): Expr {
  const given = node.arguments[1];
  return apply(t, spec, node.arguments, env, `${loss}()`, node, (values) => {
    const text = values[1]?.text;
    if (!given || text === undefined) return;
    // The fix in place: the activation the probability loss expects, applied to what it is given.
    const activation = loss.includes('categorical') ? 'softmax' : 'sigmoid';
    const fix = { title: `Apply ${t.tf.namespace ?? 'tf'}.${activation} to the logits`, edits: [{ start: t.tree.start(given), end: given.end, text: `${t.tf.namespace ?? 'tf'}.${activation}(${t.tree.source(given)})` }] };
    const at = { loss, start: t.tree.start(given), end: given.end, expects: 'probabilities' as const, fix };
    if (text === t.predictionSymbol) t.activatedLogits.push(at);
    else if (t.otherPredictions.includes(text)) t.activatedLogits.push({ ...at, prediction: text });
  });
}

/** The activation an expression ends in: `sigmoid(z)`, `softmax(z)`, or a sigmoid written out. */
function activationOf(e: Expr): { name: 'sigmoid' | 'softmax' } | undefined {
  const shape = e.shape;
  if (shape?.kind === 'apply' && (shape.fn === 'sigmoid' || shape.fn === 'softmax')) return { name: shape.fn };
  return sigmoidByHand(e) ? { name: 'sigmoid' } : undefined;
}

const SUM_OPS = new Set(['.add()', '.sub()', 'tf.add()', 'tf.sub()']);

function apply(t: Translator, spec: OpSpec, args: readonly TS.Expression[], env: Env, what: string, node: TS.Node, onValues?: (values: (Expr | undefined)[]) => void): Expr {
  const ts = t.tree.ts;
  if (args.length < spec.required) throw new Unreadable(`${what} needs ${spec.required} arguments`, node);
  const operands = spec.args.map((i) => args[i] && unwrapExpression(ts, args[i]));
  const unmasked = SUM_OPS.has(what) && operands.length === 2 && operands[0] && operands[1] ? withoutMask(t, what.includes('add') ? '+' : '-', operands[0], operands[1], env) : undefined;
  if (unmasked) return unmasked;
  // `a.add(b)`, `tf.sub(a, b)`: a term that cannot be read is left out of the sum (unreadTerms.ts).
  const sum = SUM_OPS.has(what) && operands.length === 2 && !operands.some((a) => isMissingOperand(ts, a)) ? sumOperands(t, operands[0]!, operands[1]!, env) : undefined;
  const values = sum ?? spec.args.map((i, k) => {
    const missing = isMissingOperand(ts, operands[k]);
    if (missing && k < spec.required) throw new Unreadable(`${what} without a value for argument ${i + 1}`, node);
    return missing ? undefined : t.expression(args[i], env);
  });
  onValues?.(values);
  if (spec.reduction) t.recordReduction(spec.reduction, node);
  return perElement(t, spec, args, values, spec.build(values), node, (a) => indexKey(t, a, env));
}

/**
 * A tensor made from JavaScript values the lint cannot read (`tf.tensor2d(batch.map(() => Array.from(…)))`, a mask):
 * a constant whatever they are, since no gradient reaches values, so in a loss it is data, named as the code names it.
 */
function madeFromValues(t: Translator, name: string, node: TS.CallExpression): Expr | undefined {
  const ts = t.tree.ts;
  if (!/^tensor[1-6]?d?$/.test(name) || t.options.mode === 'operation') return undefined;
  const holder = t.tree.parent(node);
  const declared = holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder : undefined;
  // Owned by its declaration, as a name read from outside is: the first in a training step is its target.
  return t.outsideValue(declared ? (declared.name as TS.Identifier).text : 'values', declared ?? node);
}

const RANDOM_TENSORS = new Set(['randomNormal', 'randomUniform', 'truncatedNormal', 'randomStandardNormal', 'randomGamma', 'multinomial']);

/** Whether a value is what its function returns, up to a sign, an index or parentheses (`return -loss.dataSync()[0]`). */
function isReturned(t: Translator, node: TS.Node): boolean {
  const ts = t.tree.ts;
  let child: TS.Node = node;
  for (const a of t.tree.ancestors(node)) {
    if (ts.isReturnStatement(a)) return true;
    if (isFunctionNode(ts, a)) return (a as FunctionNode).body === child;
    const passes = ts.isParenthesizedExpression(a) || ts.isAsExpression(a) || ts.isNonNullExpression(a) || (ts.isPrefixUnaryExpression(a) && a.operator === ts.SyntaxKind.MinusToken) || (ts.isElementAccessExpression(a) && a.expression === child);
    if (!passes) return false;
    child = a;
  }
  return false;
}

/** Whether a value is what a test compares (`x.dataSync()[0] < 1 ? … : …`, `if (v.dataSync()[0] > t)`), through comparisons and `&&`/`||`. */
function inTest(t: Translator, node: TS.Node): boolean {
  const ts = t.tree.ts;
  const k = ts.SyntaxKind;
  const joins = new Set([k.LessThanToken, k.LessThanEqualsToken, k.GreaterThanToken, k.GreaterThanEqualsToken, k.EqualsEqualsToken, k.EqualsEqualsEqualsToken, k.ExclamationEqualsToken, k.ExclamationEqualsEqualsToken, k.AmpersandAmpersandToken, k.BarBarToken]);
  let child: TS.Node = node;
  for (const a of t.tree.ancestors(node)) {
    if (ts.isConditionalExpression(a)) return a.condition === child;
    if (ts.isIfStatement(a)) return a.expression === child;
    const passes = ts.isParenthesizedExpression(a) || (ts.isElementAccessExpression(a) && a.expression === child) || (ts.isBinaryExpression(a) && joins.has(a.operatorToken.kind)) || (ts.isPrefixUnaryExpression(a) && a.operator === k.ExclamationToken);
    if (!passes) return false;
    child = a;
  }
  return false;
}
