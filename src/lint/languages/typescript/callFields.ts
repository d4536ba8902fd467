/**
 * Fields destructured from a call in loss code, read one by one: a model call's fields are outputs of their own
 * (`const { probs, value } = agent.forward(s)`), a helper's are read from the object literal it returns
 * (`const { loss_pi, pi_info } = computeLossPi(data)`) or the array it returns (`const [logits, actions] =
 * this.getLogitsAndActions(x)`), and a loss's outputs from its prediction (`const [zMean, zLogVar, y] = yPred`).
 * Function bodies and loop bodies both read them.
 */
import type * as TS from 'typescript';
import { symbol, type Expr } from '../../engine/expression';
import { enclosingClass, functionValue, propertyOf, returnedExpressions, tidyReturned } from './functionValues';
import { assignmentsTo, isIdentifierName, referencesTo, resolveIdentifier } from './scope';
import { modelCall, modelField, modelOutput } from './modelOutputs';
import { undefinedHelperCall, unseenHelperField, unseenOutput } from './predictionArguments';
import { isFunctionNode, propertyName, unwrapExpression, type FunctionNode } from './syntaxTree';
import type { Translator } from './translate';
import { predictionPart, targetSlice } from './tensorParts';
import { fieldKey, Unreadable, type Env } from './translationEnv';

/**
 * `const { actionLogits, value } = this.predict(s)`: each field of what a model call returns is an output of its own
 * (of no known layer); `const { loss_pi, pi_info } = computeLossPi(data)`: each field of what a helper of the file
 * returns (an object literal) is read from that helper.
 */
export function fieldsOfCall(t: Translator, pattern: TS.ObjectBindingPattern, init: TS.Expression, env: Env, out: Env): Env {
  const ts = t.tree.ts;
  const call = unwrapExpression(ts, init);
  if (!ts.isCallExpression(call)) return out;
  const model = modelCall(t, call) ?? policyEvaluation(t, call);
  const written = functionValue(t.tree, call.expression);
  const helper = written && returnsObjectLiteral(t, written) ? written : undefined;
  // `const { policyLoss, valueLoss } = tf.tidy(() => { …; return { policyLoss, valueLoss }; })`: the fields of the object
  // the tidied function returns, read in the scope it closes over.
  const tidied = !model && !helper && tidiesObject(t, call);
  // `const { logProbs, entropy } = evaluate(logits, actions)` of a function from a file the lint does not have.
  const unseen = !model && !helper && !tidied && undefinedHelperCall(t, call, env);
  if (!model && !helper && !unseen && !tidied) return out;
  let scope = out;
  for (const el of pattern.elements) {
    if (!ts.isIdentifier(el.name) || el.dotDotDotToken || scope.lookup(el.name.text) !== env.lookup(el.name.text)) continue;
    const name = el.name.text;
    const field = el.propertyName ? propertyName(ts, el.propertyName) : name;
    if (field === undefined) continue;
    scope = scope.with(name, {
      kind: 'lazy',
      compute: () => {
        if (unseen && typeof field === 'string') return unseenHelperField(t, call, name, field);
        // A network's forward written in the file (`this.actor.forward(s)` returning `{ mean, std }` with
        // `std = tf.exp(tf.clipByValue(this.logStd, -20, 2))`): a field no layer computes is read from it; the
        // fields its layers compute are outputs of their own.
        if (model && !(helper && typeof field === 'string' && !fieldFromLayers(t, helper, field))) return modelField(t, model, field, name);
        return returnedField(t, call, field, env);
      },
    });
  }
  return scope;
}

/** Whether a call is `tf.tidy(fn)` with a function that returns an object written out (read field by field). */
function tidiesObject(t: Translator, call: TS.CallExpression): boolean {
  if (t.tf.path(call.expression) !== 'tidy' || call.arguments.length === 0) return false;
  const fn = functionValue(t.tree, call.arguments[call.arguments.length - 1]);
  return !!fn && fn.parameters.length === 0 && returnsObjectLiteral(t, fn);
}

/**
 * `const { logProb, value, entropy } = this.policy.evaluate(obs, act)`: an RL policy's evaluation of the actions taken,
 * in a class the file does not define, destructured into fields (a layers model's own `evaluate` returns losses, a
 * scalar or a list, never an object of fields): its fields are the policy's outputs.
 */
function policyEvaluation(t: Translator, call: TS.CallExpression): TS.CallExpression | undefined {
  const ts = t.tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  if (t.options.mode === 'loss' || !ts.isPropertyAccessExpression(callee) || !/^evaluate(Actions?)?$/.test(callee.name.text)) return undefined;
  if (functionValue(t.tree, callee)) return undefined;
  return /policy|actor|agent|model|net/i.test(t.tree.compactSource(callee.expression)) ? call : undefined;
}

/**
 * `const [logits, actions] = this.getLogitsAndActions(x)`: each element of the array literal a helper of the file
 * returns; `const [zMean, zLogVar, y] = yPred` in a loss: each output of a multi-output model's prediction.
 */
export function elementsOfCall(t: Translator, pattern: TS.ArrayBindingPattern, init: TS.Expression, env: Env, out: Env): Env {
  const ts = t.tree.ts;
  const source = unwrapExpression(ts, init);
  const split = splitTensor(t, source);
  if (split) return splitParts(t, pattern, source, split, env, out);
  const helper = ts.isCallExpression(source) ? functionValue(t.tree, source.expression) : undefined;
  const fromHelper = helper !== undefined && returnsArrayLiteral(t, helper);
  const fromPrediction = !fromHelper && t.options.mode === 'loss' && t.lossPrediction !== undefined && ts.isIdentifier(source);
  // `const [mean, logStd, phi] = prediction` in a training step, of a model call's value: that call's outputs.
  const fromOutput = !fromHelper && t.options.mode === 'minimize' && ts.isIdentifier(source);
  // `const [mean, std, action] = this.exec(input)`, `const [mu, logVar] = this.vae.encode(x)`: a network's forward
  // defined in another file (a base class, an imported model class).
  const network = !fromHelper && ts.isCallExpression(source) ? networkCall(t, source) : undefined;
  if (network) {
    // Its range is the unseen network's: a hazard of its value alone is not reported, its kinks are.
    return eachElement(t, pattern, env, out, (name, index) => unseenOutput(t, modelOutput(t, network, index, name)));
  }
  if (!fromHelper && !fromPrediction && !fromOutput) return out;
  return eachElement(t, pattern, env, out, (name, index, el) => {
    if (fromOutput) {
      const output = t.modelOutputs.get(t.expression(source, env).text);
      if (!output || output.index !== undefined || output.field !== undefined) throw new Unreadable(`${name}: destructuring is not followed`, el);
      return modelOutput(t, output.call, index, name);
    }
    if (fromPrediction) {
      // The prediction's outputs, the target's matching parts (`const [onTrue, velTrue] = yTrue`), or the outputs
      // of one of the prediction's outputs (`const [on, vel] = y` with `const [zMean, zLogVar, y] = yPred`).
      const whole = t.expression(source, env).text;
      if (whole === t.lossPrediction) return predictionPart(t, `${index}`, index);
      if (whole === t.lossTarget) return targetSlice(t, `element:${index}`)!;
      const part = [...t.predictionElements].find(([, n]) => n === whole)?.[0];
      if (part !== undefined) return predictionPart(t, `${part}/${index}`, `${part.replace(/\W/g, '_')}_${index}`);
      throw new Unreadable(`${name}: destructuring is not followed`, el);
    }
    return returnedField(t, source, index, env);
  });
}

/** Each plain name of an array pattern bound to its element, read lazily by `element(name, index, el)`. */
function eachElement(t: Translator, pattern: TS.ArrayBindingPattern, env: Env, out: Env, element: (name: string, index: number, el: TS.BindingElement) => Expr): Env {
  const ts = t.tree.ts;
  let scope = out;
  pattern.elements.forEach((el, index) => {
    if (ts.isOmittedExpression(el) || !ts.isIdentifier(el.name) || el.dotDotDotToken || scope.lookup(el.name.text) !== env.lookup(el.name.text)) return;
    const name = el.name.text;
    scope = scope.with(name, { kind: 'lazy', compute: () => element(name, index, el) });
  });
  return scope;
}

/** A forward pass's name: `exec`, `run`, `forward`, `encode`, `decode`, `infer`, `predict…`, `apply…`, `call…`. */
const FORWARD_METHOD = /^(?:exec(?:ute)?|run|forward|encode|decode|infer|predict|apply|call)(?:[A-Z_0-9]|$)/;

/**
 * A call in a training step that runs a network the file does not define (`this.exec(input)` in a class whose forward is
 * inherited from another file, `this.vae.encode(x)` of an imported model class): a forward's name, on something named
 * as a network (for `this`, the class's name says it).
 */
function networkCall(t: Translator, call: TS.CallExpression): TS.CallExpression | undefined {
  const ts = t.tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  if (t.options.mode !== 'minimize' || !ts.isPropertyAccessExpression(callee) || !FORWARD_METHOD.test(callee.name.text)) return undefined;
  if (functionValue(t.tree, callee)) return undefined;
  const receiver = unwrapExpression(ts, callee.expression);
  const owner = receiver.kind === ts.SyntaxKind.ThisKeyword ? enclosingClass(t.tree, call) : undefined;
  const named = owner ? owner.name?.text ?? '' : t.tree.compactSource(receiver);
  return NETWORK_NAME.test(named) ? call : undefined;
}

/** The tensor `tf.split(x, …)`, `x.split(…)`, `tf.unstack(x)` or `x.unstack()` cuts into parts, or undefined. */
function splitTensor(t: Translator, source: TS.Expression): TS.Expression | undefined {
  const ts = t.tree.ts;
  if (!ts.isCallExpression(source)) return undefined;
  const path = t.tf.path(source.expression);
  if (path === 'split' || path === 'unstack') return source.arguments[0];
  const callee = unwrapExpression(ts, source.expression);
  return path === undefined && ts.isPropertyAccessExpression(callee) && (callee.name.text === 'split' || callee.name.text === 'unstack') ? callee.expression : undefined;
}

/**
 * `const [mu, logVar] = tf.split(yPred, 2, -1)`, `const [x1, y1, w1, h1] = tf.split(yTrue, 4, 1)`: parts of the
 * prediction are different outputs, named as the code names them; parts of the target other data (the first is the
 * target, as its first slice is); parts of data are data of their own. A part of a value computed from the prediction is not followed.
 */
function splitParts(t: Translator, pattern: TS.ArrayBindingPattern, source: TS.Expression, whole: TS.Expression, env: Env, out: Env): Env {
  const key = t.tree.compactSource(source);
  return eachElement(t, pattern, env, out, (name, index, el) => {
    const value = t.expression(whole, env);
    // Keyed by what is split too: a helper that splits its argument (`parseBox(out)`) is called on both roles.
    const part = `split:${value.text}:${key}:${index}`;
    // Named as the code names them (`exp(logVar)`): no part is the whole prediction.
    if (value.text === t.predictionSymbol) return predictionPart(t, part, index, name);
    if (value.text === t.targetSymbol) return targetSlice(t, part, name)!;
    if (t.dependsOnPrediction(value)) throw new Unreadable(`${name}: a part of a value computed from the prediction is not followed`, el);
    return symbol(t.claimData(name, `${part}@${source.pos}`), false);
  });
}

/** A helper call read for one field (or element) of the object (or array) it returns. */
export function returnedField(t: Translator, call: TS.Expression, field: string | number, env: Env): Expr {
  t.nextReturnField = field;
  try {
    return t.expression(call, env);
  } finally {
    t.nextReturnField = undefined;
  }
}

/** Calls that run a network: its layers' outputs. */
const RUNS_NETWORK = /\.\s*(?:predict|predictOnBatch|apply|call|execute|forward)\s*\(|\bthis\s*\.\s*[\w$]+\s*\(/;

/**
 * Whether the field a forward method returns (`return { mean, std }`) may come from its layers: its value, followed
 * through the method's consts, runs a network or calls another method. True when the field cannot be followed.
 */
function fieldFromLayers(t: Translator, fn: FunctionNode, field: string): boolean {
  const ts = t.tree.ts;
  const values: TS.Expression[] = [];
  const collect = (f: FunctionNode, depth: number): boolean => {
    for (const r of returnedExpressions(t.tree, f).map((x) => unwrapExpression(ts, x))) {
      if (ts.isObjectLiteralExpression(r)) {
        const p = r.properties.find((q) => q.name && propertyName(ts, q.name) === field);
        if (!p || !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) return false;
        values.push(ts.isPropertyAssignment(p) ? p.initializer : p.name);
      } else if (ts.isCallExpression(r) && t.tf.path(r.expression) === 'tidy' && r.arguments[0] && depth < 2) {
        const inner = functionValue(t.tree, r.arguments[0]);
        if (!inner || !collect(inner, depth + 1)) return false;
      } else return false;
    }
    return values.length > 0;
  };
  if (!collect(fn, 0)) return true;
  const seen = new Set<TS.Node>();
  const fromLayers = (e: TS.Expression, depth: number): boolean => {
    if (depth > 6 || seen.size > 30) return true;
    if (RUNS_NETWORK.test(t.tree.source(e))) return true;
    let found = false;
    const visit = (n: TS.Node): void => {
      if (found) return;
      // `this.logStd.broadcastTo(mean.shape)`: a tensor's shape is not its values.
      if (ts.isPropertyAccessExpression(n) && SHAPE_FIELDS.has(n.name.text)) return;
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(t.tree.parent(n)!) && (t.tree.parent(n) as TS.PropertyAccessExpression).name === n)) {
        const d = resolveIdentifier(t.tree, n);
        if (d?.kind === 'variable' && d.initializer && !seen.has(d.node)) {
          seen.add(d.node);
          if (fromLayers(d.initializer, depth + 1)) found = true;
        } else if (d?.kind === 'parameter' || d?.kind === 'binding' || (d?.kind === 'variable' && !d.initializer)) found = true;
      }
      ts.forEachChild(n, visit);
    };
    visit(e);
    return found;
  };
  return values.some((v) => fromLayers(v, 0));
}

/** A tensor's fields that describe it, not its values. */
const SHAPE_FIELDS = new Set(['shape', 'rank', 'size', 'dtype']);

/** Whether every value a function returns is an array written out, directly, from `tf.tidy` or from another helper. */
function returnsArrayLiteral(t: Translator, fn: FunctionNode): boolean {
  const ts = t.tree.ts;
  return returnsWrittenOut(t, fn, (r) => ts.isArrayLiteralExpression(r) && !r.elements.some((e) => ts.isSpreadElement(e)), 0);
}

/** Whether every value a function returns is an object written out, directly, from `tf.tidy` or from another helper. */
export function returnsObjectLiteral(t: Translator, fn: FunctionNode): boolean {
  return returnsWrittenOut(t, fn, (r) => t.tree.ts.isObjectLiteralExpression(r) || localObject(t, r, true) !== undefined, 0);
}

/**
 * `result` of `const result = { loss: tf.scalar(0) }`: the object literal a local name is declared with, when the
 * name is never given another value (a reassigned name's fields are those the reading bound, see objectFields.ts).
 */
function localObject(t: Translator, e: TS.Expression, orReassignedOne = false): TS.ObjectLiteralExpression | undefined {
  const ts = t.tree.ts;
  const decl = ts.isIdentifier(e) ? resolveIdentifier(t.tree, e) : undefined;
  const init = decl?.kind === 'variable' && decl.initializer ? unwrapExpression(ts, decl.initializer) : undefined;
  if (!init || !ts.isObjectLiteralExpression(init) || decl?.kind !== 'variable') return undefined;
  const later = decl.isConst ? [] : assignmentsTo(t.tree, (e as TS.Identifier).text, decl);
  // Given another object literal later (`result = { loss: … }`): still an object, its fields those bound then.
  return later.length === 0 || (orReassignedOne && later.every((a) => ts.isObjectLiteralExpression(unwrapExpression(ts, a.right)))) ? init : undefined;
}

/** A field of a local object the code gave a value (`result.loss = pgLoss`) before this read of it. */
export function assignedField(t: Translator, object: TS.Expression, field: string, env: Env): Expr | undefined {
  const ts = t.tree.ts;
  const assigned = ts.isIdentifier(object) ? env.lookup(fieldKey(object.text, field)) : undefined;
  if (assigned?.kind === 'unreadable') throw new Unreadable(`${t.tree.compactSource(object)}.${field}: ${assigned.reason}`, object);
  return assigned?.kind === 'lazy' ? (assigned.cached ??= assigned.compute()) : undefined;
}

/**
 * The field wanted of a local object a function returns (`const result = { loss: tf.scalar(0) }; … result.loss =
 * pgLoss; return result`): as last set, else as declared. Undefined when the name is not such an object.
 */
export function localObjectField(t: Translator, id: TS.Identifier, field: string, env: Env): Expr | undefined {
  const assigned = assignedField(t, id, field, env);
  if (assigned) return assigned;
  const object = localObject(t, id);
  if (!object) return undefined;
  const value = propertyOf(t.tree.ts, object, field);
  if (!value) throw new Unreadable(`the function returns no ${field}`, id);
  return t.expression(value, env);
}

function returnsWrittenOut(t: Translator, fn: FunctionNode, writtenOut: (r: TS.Expression) => boolean, depth: number): boolean {
  const ts = t.tree.ts;
  if (depth > 3) return false;
  const returned = returnedExpressions(t.tree, fn).map((r) => unwrapExpression(ts, r));
  return returned.length > 0 && returned.every((r) => {
    if (writtenOut(r)) return true;
    if (!ts.isCallExpression(r)) return false;
    const inner = t.tf.path(r.expression) === 'tidy' ? r.arguments[0] : t.tf.path(r.expression) === undefined ? r.expression : undefined;
    const next = inner && functionValue(t.tree, inner);
    return next !== undefined && returnsWrittenOut(t, next, writtenOut, depth + 1);
  });
}

/**
 * `cur.logProb` of `const cur = logProbAndEntropyTensors(step)`, or `policyTensors(state).mu`, where the helper of the
 * file returns an object literal: the call, to be read for that one field (as `const { logProb } = …` is).
 */
export function helperCallOfField(t: Translator, recv: TS.Expression): TS.CallExpression | undefined {
  const ts = t.tree.ts;
  const id = unwrapExpression(ts, recv);
  const decl = ts.isIdentifier(id) ? resolveIdentifier(t.tree, id) : undefined;
  // `policyTensors(state).mu` reads the call in place.
  const init = withoutTidy(t, ts.isCallExpression(id) ? id : decl?.kind === 'variable' && decl.initializer ? unwrapExpression(ts, decl.initializer) : undefined);
  if (!init || !ts.isCallExpression(init) || t.tf.path(init.expression) !== undefined) return undefined;
  const helper = functionValue(t.tree, init.expression);
  return helper && returnsObjectLiteral(t, helper) ? init : undefined;
}

/** `tf.tidy(() => loss({ … }))`: the call the tidy's function returns, else the expression itself. */
function withoutTidy(t: Translator, e: TS.Expression | undefined): TS.Expression | undefined {
  return (e && tidyReturned(t.tree, t.tf, e)) ?? e;
}

/** Receivers that hold a network, whose methods may return its outputs. */
const NETWORK_NAME = /model|net|policy|actor|critic|agent|brain|generator|discriminator|encoder|decoder|vae|layer/i;

/** `env.step(action)`, `this.env.processSample(s)`: a method of outside data that is not a network, nor TF.js. */
export function isDataMethodCall(t: Translator, init: TS.Expression, env: Env): boolean {
  const ts = t.tree.ts;
  const call = unwrapExpression(ts, init);
  if (!ts.isCallExpression(call) || t.tf.path(call.expression) !== undefined) return false;
  const callee = unwrapExpression(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || NETWORK_NAME.test(t.tree.compactSource(callee.expression))) return false;
  return callee.expression.kind !== ts.SyntaxKind.ThisKeyword && isOutsideData(t, callee.expression, env);
}

/**
 * Whether a destructured value comes from outside the loss (`const { actions, advantages } = batch`, `= this.config`):
 * a name or a property chain of one that the loss itself did not compute, so its fields are data, like the name's.
 */
export function isOutsideData(t: Translator, init: TS.Expression, env: Env): boolean {
  const ts = t.tree.ts;
  let e = unwrapExpression(ts, init);
  while (ts.isPropertyAccessExpression(e)) e = unwrapExpression(ts, e.expression);
  if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(e)) return false;
  const bound = env.lookup(e.text);
  // A helper's parameter given data from outside (`computeLossPi(data)` in a minimize closure): its fields are data too.
  if (bound?.kind === 'value') return isIdentifierName(bound.expr.text) && !t.dependsOnPrediction(bound.expr);
  // The loss's target object (`const { width, height, data } = target` of an image loss): its fields are data.
  if (bound?.kind === 'symbol') return bound.name === t.lossTarget;
  return bound === undefined && t.isOutsideName(e);
}

/** `a.b.c`: the root `a` and the names after it, `['b', 'c']`. */
export function memberPath(ts: typeof TS, node: TS.Expression): { root: TS.Expression; names: string[] } {
  const names: string[] = [];
  let e = unwrapExpression(ts, node);
  while (ts.isPropertyAccessExpression(e)) {
    names.unshift(e.name.text);
    e = unwrapExpression(ts, e.expression);
  }
  return { root: e, names };
}

/**
 * The value at `names` in nested object literals (`{ b: { c: value } }`, or `{ corners }` with `const corners = { … }`),
 * or undefined where a step is not one.
 */
export function literalPathValue(t: Translator, object: TS.ObjectLiteralExpression, names: readonly string[]): TS.Expression | undefined {
  const ts = t.tree.ts;
  let value: TS.Expression | undefined = object;
  for (const name of names) {
    let o: TS.Expression | undefined = value && unwrapExpression(ts, value);
    if (o && ts.isIdentifier(o) && !fieldsWritten(t, o)) o = localObject(t, o);
    if (!o || !ts.isObjectLiteralExpression(o) || o.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
    value = propertyOf(ts, o, name);
  }
  return value;
}

/**
 * `parts.b.hi` of `const parts = { b: { hi: tf.maximum(p, t) } }` built in the same function, whose fields the code
 * never sets: the value written there. A number or a string keeps its reading as a setting (a parameter with a slider in the preview).
 */
export function localLiteralField(t: Translator, node: TS.PropertyAccessExpression | TS.ElementAccessExpression): TS.Expression | undefined {
  const ts = t.tree.ts;
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const { root, names } = memberPath(ts, node);
  const object = ts.isIdentifier(root) ? localObject(t, root) : undefined;
  if (!object || fieldsWritten(t, root as TS.Identifier)) return undefined;
  // Built by the function that reads it (the loss's own parts); an object of outside data (`t.adv` of a batch made
  // before a minimize closure) is data whatever it holds, named by its field.
  const home = (n: TS.Node) => [...t.tree.ancestors(n)].find((a) => isFunctionNode(ts, a));
  if (home(object) !== home(node)) return undefined;
  const value = literalPathValue(t, object, names);
  const v = value && unwrapExpression(ts, value);
  return v && !ts.isNumericLiteral(v) && !ts.isStringLiteralLike(v) && !(ts.isPrefixUnaryExpression(v) && ts.isNumericLiteral(v.operand)) && !isFunctionNode(ts, v) ? value : undefined;
}

/**
 * Whether code may change a field of the object a name holds: sets one (`parts.a = …`, `parts.b.c += …`,
 * `parts['a'] = …`), or hands the object itself anywhere (`Object.assign(parts, …)`, `smooth(parts)`), where it may be
 * changed. Only reads of its fields (`parts.a`) leave it as written.
 */
function fieldsWritten(t: Translator, id: TS.Identifier): boolean {
  const ts = t.tree.ts;
  const decl = resolveIdentifier(t.tree, id);
  if (decl?.kind !== 'variable') return true;
  return referencesTo(t.tree, decl.container, id.text, decl).some((ref) => {
    if (ref === decl.node.name) return false;
    let e: TS.Node = ref;
    let parent = t.tree.parent(e);
    // Placed in another object (`return { box, corners }`) or returned: the same object, read further along.
    if (parent && (ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === e) || ts.isReturnStatement(parent))) return false;
    if (!parent || !ts.isPropertyAccessExpression(parent) || parent.expression !== e) return true;
    while (parent && ts.isPropertyAccessExpression(parent) && parent.expression === e) [e, parent] = [parent, t.tree.parent(parent)];
    if (parent && (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent))) return true;
    return !!parent && ts.isBinaryExpression(parent) && parent.left === e && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  });
}
