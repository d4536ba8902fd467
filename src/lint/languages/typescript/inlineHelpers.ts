/**
 * Helpers of the file a loss calls, read in place: the function a name holds (a declaration, a const arrow, the one a
 * factory returns), and its body read with its parameters bound to the call's arguments (lists of terms, options
 * objects written out, defaults).
 */
import type * as TS from 'typescript';
import { functionValue, returnedExpressions } from './functionValues';
import { helperCallOfField } from './callFields';
import { isLoopNetwork } from './loopNetworks';
import { opaquePrediction } from './modelOutputs';
import { listBinding } from './termLists';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode } from './syntaxTree';
import type { Translator } from './translate';
import { Env, Unreadable, type Binding } from './translationEnv';
import type { Expr } from '../../engine/expression';

const MAX_INLINE_DEPTH = 8;

export function functionOf(t: Translator, callee: TS.Identifier, env: Env): { fn: FunctionNode; closure?: Env } | undefined {
  // A parameter or value bound by the caller shadows any function of that name; a local const is bound lazily and
  // may hold a function (`const ce = makeLoss(0.1); ce(yTrue, yPred)`).
  const bound = env.lookup(callee.text);
  if (bound?.kind === 'function') return { fn: bound.fn, closure: bound.env };
  if (bound && bound.kind !== 'lazy') return undefined;
  const ts = t.tree.ts;
  const decl = resolveIdentifier(t.tree, callee);
  if (decl?.kind === 'function') return bound ? undefined : { fn: decl.node };
  if (decl?.kind === 'variable' && decl.initializer) {
    const init = unwrapExpression(ts, decl.initializer);
    if (isFunctionNode(ts, init)) return { fn: init };
    if (ts.isCallExpression(init)) return factoryResult(t, init, env);
  }
  // `loss = (input, output) => …` in a script that never declares `loss`: the one function it is given.
  const fn = decl ? undefined : functionValue(t.tree, callee);
  return fn ? { fn } : undefined;
}

/**
 * `const ce = smoothedCrossEntropy(0.1)`: the one function a factory returns, with the factory's parameters bound
 * to the arguments of the call (a parameter without one stays a symbol, as when the factory is read on its own).
 */
function factoryResult(t: Translator, call: TS.CallExpression, env: Env): { fn: FunctionNode; closure: Env } | undefined {
  const ts = t.tree.ts;
  const factory = functionValue(t.tree, call.expression);
  if (!factory) return undefined;
  const returns = returnedExpressions(t.tree, factory).map((r) => unwrapExpression(ts, r));
  const [only] = returns;
  if (returns.length !== 1 || !only || !isFunctionNode(ts, only)) return undefined;
  let closure = Env.empty;
  factory.parameters.forEach((p, i) => {
    const arg = call.arguments[i];
    if (ts.isIdentifier(p.name) && arg && !p.dotDotDotToken) closure = closure.with(p.name.text, { kind: 'lazy', compute: () => t.expression(arg, env) });
  });
  return { fn: only, closure };
}

export function inline(t: Translator, fn: FunctionNode, node: TS.CallExpression, env: Env, closure: Env = Env.empty): Expr {
  const ts = t.tree.ts;
  if (t.inlining.has(fn)) throw new Unreadable('a recursive helper cannot be read', node);
  if (t.inlining.size >= MAX_INLINE_DEPTH) throw new Unreadable('helpers are nested too deeply', node);
  // A forward pass written as a loop over layers: in a training step, the model's output (loopNetworks.ts).
  if (t.options.mode === 'minimize' && isLoopNetwork(t.tree, t.tf, fn)) return opaquePrediction(t, node);
  // The field wanted of this helper's returned object, taken before its arguments (helpers too) are read whole.
  const field = t.nextReturnField;
  t.nextReturnField = undefined;
  // A list of terms written out (`sumTensors([recon, kl])`) is kept as its elements.
  const lists = node.arguments.map((a) => listBinding(ts, a, env));
  // An object written out as the argument (`f({ state: s.state, y: s.y })`) is read where the helper reads its fields.
  const objects = node.arguments.map((a) => ts.isObjectLiteralExpression(unwrapExpression(ts, a)));
  // A function written out as the argument (`surrogate((x) => this.model(x, true), xs)`) is read where it is called.
  const functions = node.arguments.map((a) => unwrapExpression(ts, a)).map((a) => (isFunctionNode(ts, a) ? a : undefined));
  // A setting passed as a string (`applyReduction(loss, 'mean')`, `reduce(x, this.reduction)`) is read where the helper
  // tests it, never as a value of the loss.
  const settings = node.arguments.map((a) => ts.isStringLiteralLike(unwrapExpression(ts, a)));
  // A position computed from loop indices (`sample(rendered, p * channels + c)`) stays an index in the helper.
  const indexes = node.arguments.map((a) => t.isIndex(a, env));
  // The object another helper returns (`nll(rep, y)` with `const rep = embed(x)`), read where this one reads its fields.
  const returned = node.arguments.map((a, i) => (lists[i] || objects[i] || functions[i] || settings[i] || indexes[i] ? undefined : returnedObject(t, a, env)));
  const args = node.arguments.map((a, i) => (lists[i] || objects[i] || functions[i] || settings[i] || indexes[i] || returned[i] ? undefined : t.expression(a, env)));
  let fnEnv = closure;
  fn.parameters.forEach((p, i) => {
    const arg = node.arguments[i];
    if (ts.isObjectBindingPattern(p.name)) {
      fnEnv = bindOptions(t, p.name, arg, env, fnEnv);
      return;
    }
    if (!ts.isIdentifier(p.name)) throw new Unreadable('destructured parameters are not supported', p);
    if (p.dotDotDotToken) throw new Unreadable('rest parameters are not supported', p);
    const init = p.initializer;
    const binding: Binding = lists[i]
      ? lists[i]!
      : indexes[i]
        ? { kind: 'index' }
      : functions[i]
        ? { kind: 'function', fn: functions[i]!, env }
      : returned[i]
        ? returned[i]!
      : (objects[i] || settings[i]) && arg
        ? { kind: 'lazy', compute: () => t.expression(arg, env) }
      : args[i]
      ? { kind: 'value', expr: args[i]! }
      : init
        ? { kind: 'lazy', compute: () => t.expression(init, Env.empty) }
        : { kind: 'unreadable', reason: 'no value passed' };
    fnEnv = fnEnv.with(p.name.text, binding);
  });
  t.inlining.add(fn);
  t.inlineCalls.push(t.tree.compactSource(node));
  // The flags this call sets (`this.forward(x, false)` for `forward(x, useSoftmax)`): a test of them goes their way.
  const frames = callFlags.get(t) ?? [];
  callFlags.set(t, frames);
  frames.push(new Map(fn.parameters.flatMap((p, i) => {
    const a = node.arguments[i] && unwrapExpression(ts, node.arguments[i]!);
    return a && (a.kind === ts.SyntaxKind.TrueKeyword || a.kind === ts.SyntaxKind.FalseKeyword) ? [[p as TS.Node, a.kind === ts.SyntaxKind.TrueKeyword] as const] : [];
  })));
  // A helper read for one field of the object it returns; the helpers it calls are read whole.
  const outerField = t.returnField;
  t.returnField = field;
  try {
    return t.functionBody(fn, fnEnv);
  } finally {
    t.inlining.delete(fn);
    t.inlineCalls.pop();
    callFlags.get(t)?.pop();
    t.returnField = outerField;
  }
}

/**
 * A helper's options object destructured in its parameter list (`function focal({ yTrue, yPred, gamma = 2 })`), given
 * an object written out at the call (`focal({ yTrue: labels, yPred: preds })`): each name is bound to its property's
 * value, or to its default when the call leaves it out.
 */
function bindOptions(t: Translator, pattern: TS.ObjectBindingPattern, arg: TS.Expression | undefined, env: Env, fnEnv: Env): Env {
  const ts = t.tree.ts;
  const object = arg ? unwrapExpression(ts, arg) : undefined;
  // An object the call does not write out, or spreads into (`{ ...opts, yTrue }`), may set any option.
  if (object && (!ts.isObjectLiteralExpression(object) || object.properties.some((q) => ts.isSpreadAssignment(q)))) throw new Unreadable('an options object the lint cannot see is passed', arg!);
  let out = fnEnv;
  for (const element of pattern.elements) {
    if (!ts.isIdentifier(element.name) || element.dotDotDotToken) throw new Unreadable('destructured parameters are not supported', element);
    const key = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.propertyName ? undefined : element.name.text;
    if (key === undefined) throw new Unreadable('destructured parameters are not supported', element);
    const property = object?.properties.find((q) => (ts.isPropertyAssignment(q) || ts.isShorthandPropertyAssignment(q)) && (ts.isIdentifier(q.name) || ts.isStringLiteral(q.name)) && q.name.text === key);
    const value = property && (ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined);
    const init = element.initializer;
    const binding: Binding = value
      ? { kind: 'lazy', compute: () => t.expression(value, env) }
      : init
        ? { kind: 'lazy', compute: () => t.expression(init, Env.empty) }
        : { kind: 'unreadable', reason: `no ${key} passed` };
    out = out.with(element.name.text, binding);
  }
  return out;
}

/** `rep` of `const rep = embed(x)` (embed returning an object literal), or a parameter already holding such an object. */
function returnedObject(t: Translator, arg: TS.Expression, env: Env): Binding | undefined {
  const ts = t.tree.ts;
  const a = unwrapExpression(ts, arg);
  const bound = ts.isIdentifier(a) ? env.lookup(a.text) : undefined;
  if (bound?.kind === 'returnedObject') return bound;
  const call = helperCallOfField(t, a);
  return call ? { kind: 'returnedObject', call, env } : undefined;
}

/** The flags each helper being read was given by its call, innermost last, by translator. */
const callFlags = new WeakMap<Translator, Map<TS.Node, boolean>[]>();

/**
 * A test the call of the helper being read decides (`if (useSoftmax && this.softmaxLayer)` in `forward(x, useSoftmax)`
 * called with `false`): a parameter given `true` or `false` there, through `!`, `&&` and `||`. Undefined when the test
 * depends on anything else: a flag with a default, or a setting, is still read both ways.
 */
export function decidedByCall(t: Translator, test: TS.Expression): boolean | undefined {
  const flags = callFlags.get(t)?.at(-1);
  if (!flags || flags.size === 0) return undefined;
  const ts = t.tree.ts;
  const value = (e: TS.Expression): boolean | undefined => {
    const u = unwrapExpression(ts, e);
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.ExclamationToken) {
      const v = value(u.operand);
      return v === undefined ? undefined : !v;
    }
    if (ts.isBinaryExpression(u) && (u.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || u.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const and = u.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
      const [l, r] = [value(u.left), value(u.right)];
      if (l === !and || r === !and) return !and;
      return l !== undefined && r !== undefined ? and : undefined;
    }
    const d = ts.isIdentifier(u) ? resolveIdentifier(t.tree, u) : undefined;
    return d?.kind === 'parameter' ? flags.get(d.node) : undefined;
  };
  return value(test);
}
