/**
 * Reads a function body: consts and lets (reassignments included), guard `if`s that throw, `if` / `else`
 * branches that return (as conditionals), the block of a `try`, and the final `return`. Variables assigned inside
 * loops or other statements the translation does not follow are marked unreadable, so a loss that uses them says why.
 */
import type * as TS from 'typescript';
import { binary, conditional, mapped, num, reducedCopy, type Expr } from '../../engine/expression';
import { bindingNames } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { elementsOfCall, fieldsOfCall, isDataMethodCall, isOutsideData } from './callFields';
import { modelCall, modelOutput } from './modelOutputs';
import { firstPassEnv, ifHead, isLoop, translateForEach, translateLoop } from './translateLoops';
import { listBinding, pushedTerms } from './termLists';
import { translateSwitch } from './switchStatements';
import { fieldAssignment, forgetFields } from './objectFields';
import { isTopk } from './propertyReads';
import { compoundOperator, Env, momentsInput, Unreadable, withUnreadable, writtenNames, type Binding } from './translationEnv';

export function translateStatements(t: Translator, statements: readonly TS.Statement[], env: Env): Expr {
  const ts = t.tree.ts;
  let scope = env;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    const rest = statements.slice(i + 1);
    if (ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) scope = bindDeclaration(t, decl, scope);
    } else if (isLoop(ts, st)) {
      const pass = firstPassOrUndefined(t, st, scope);
      if (pass) return translateStatements(t, asList(ts, st.statement), pass);
      scope = loopOrUnreadable(t, st, scope);
    } else if (ts.isExpressionStatement(st)) {
      const e = unwrapExpression(ts, st.expression);
      if (ts.isCallExpression(e) && discardsTensor(t, e)) t.discarded.push(e);
      const forEach = ts.isCallExpression(e) ? forEachOrUnreadable(t, e, scope) : undefined;
      scope = forEach ?? assignment(t, e, scope);
    } else if (ts.isReturnStatement(st)) {
      if (!st.expression) throw new Unreadable('the loss returns nothing', st);
      return t.returned(st.expression, scope);
    } else if (ts.isIfStatement(st)) {
      if (throwsOnly(ts, st.thenStatement) && !st.elseStatement) continue;
      const test = t.choice(st.expression, scope);
      if (typeof test === 'boolean') {
        const branch = test ? asList(ts, st.thenStatement) : st.elseStatement ? asList(ts, st.elseStatement) : [];
        return translateStatements(t, [...branch, ...rest], scope);
      }
      // A way that ends in a throw (`if (reduction === NONE) return l; …; throw Error('Unknown reduction')`) gives no
      // loss: the other way is the loss, as an `if` that only throws is read past.
      const then = wayOrThrow(() => translateStatements(t, [...asList(ts, st.thenStatement), ...rest], scope));
      const otherwise = wayOrThrow(() => translateStatements(t, [...(st.elseStatement ? asList(ts, st.elseStatement) : []), ...rest], scope));
      if (then === THROWS && otherwise === THROWS) throw new Throws(st);
      if (then === THROWS || otherwise === THROWS) return (then === THROWS ? otherwise : then) as Expr;
      // Where the loss switches is the `if (…)`: a kink there is reported at it, not at the function.
      return mapped(conditional(test, then, otherwise), ...ifHead(t, st));
    } else if (ts.isSwitchStatement(st)) {
      return translateSwitch(t, st, rest, scope, (statements, env) => translateStatements(t, statements, env));
    } else if (ts.isBlock(st)) {
      return translateStatements(t, [...st.statements, ...rest], scope);
    } else if (ts.isTryStatement(st)) {
      // `try { … return loss } catch (e) { log; throw e }`: the loss is what the try block computes; a `finally`
      // that returns would replace it.
      if (st.finallyBlock && returnedIn(ts, st.finallyBlock)) throw new Unreadable('the loss returns from a finally block', st.finallyBlock);
      return translateStatements(t, [...st.tryBlock.statements, ...rest], scope);
    } else if (ts.isThrowStatement(st)) {
      throw new Throws(st);
    } else if (!ts.isEmptyStatement(st) && !ts.isFunctionDeclaration(st) && !ts.isTypeAliasDeclaration(st) && !ts.isInterfaceDeclaration(st)) {
      scope = withUnreadable(scope, writtenNames(ts, st), 'it is assigned in a statement the lint does not follow (a loop …)');
    }
  }
  throw new Unreadable('the loss has no return statement');
}

/** A way of the code that ends in a throw (every way of an `if`, when each throws). */
class Throws extends Unreadable {
  constructor(st: TS.Statement) {
    super('the loss throws here', st);
  }
}

const THROWS = Symbol('throws');

function wayOrThrow(read: () => Expr): Expr | typeof THROWS {
  try {
    return read();
  } catch (err) {
    if (err instanceof Throws) return THROWS;
    throw err;
  }
}

/** Whether a block returns somewhere outside the functions it defines. */
function returnedIn(ts: typeof TS, block: TS.Node): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(block, visit);
  return found;
}

function firstPassOrUndefined(t: Translator, st: Parameters<typeof firstPassEnv>[1], env: Env): Env | undefined {
  try {
    return firstPassEnv(t, st, env);
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
}

/** A loop that sums per-example terms is read; any other loop leaves what it assigns unreadable. */
function loopOrUnreadable(t: Translator, st: TS.Statement & { statement: TS.Statement }, env: Env): Env {
  try {
    return translateLoop(t, st as Parameters<typeof translateLoop>[1], env);
  } catch (err) {
    if (!(err instanceof Unreadable)) throw err;
    return withUnreadable(env, writtenNames(t.tree.ts, st), err.message);
  }
}

function forEachOrUnreadable(t: Translator, call: TS.CallExpression, env: Env): Env | undefined {
  try {
    return translateForEach(t, call, env);
  } catch (err) {
    if (!(err instanceof Unreadable)) throw err;
    const fn = call.arguments[0] && unwrapExpression(t.tree.ts, call.arguments[0]);
    const body = fn && t.tree.ts.isArrowFunction(fn) || (fn && t.tree.ts.isFunctionExpression(fn)) ? (fn as TS.ArrowFunction).body : undefined;
    return withUnreadable(env, body ? writtenNames(t.tree.ts, body) : [], err.message);
  }
}

/** Ops that return a new tensor and change nothing: calling one as a statement throws its result away. */
const PURE_GUARDS = new Set(['clipByValue', 'maximum', 'minimum', 'add', 'clip', 'abs', 'relu']);

function discardsTensor(t: Translator, call: TS.CallExpression): boolean {
  const ts = t.tree.ts;
  const path = t.tf.path(call.expression);
  const callee = unwrapExpression(ts, call.expression);
  const name = path ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined);
  return name !== undefined && PURE_GUARDS.has(name);
}

function asList(ts: typeof TS, st: TS.Statement): readonly TS.Statement[] {
  return ts.isBlock(st) ? st.statements : [st];
}

function throwsOnly(ts: typeof TS, st: TS.Statement): boolean {
  if (ts.isThrowStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && st.statements.every((s) => ts.isThrowStatement(s) || ts.isExpressionStatement(s)) && st.statements.some((s) => ts.isThrowStatement(s));
}

/**
 * The value of a name destructured outside the code being read (`const [policy, value] = model.predict(s)` above a
 * `variableGrads(() => loss)` whose loss was computed from it): its declaration read as where it stands.
 */
export function destructuredValue(t: Translator, element: TS.BindingElement): Expr | undefined {
  const ts = t.tree.ts;
  let decl: TS.Node | undefined = element;
  while (decl && !ts.isVariableDeclaration(decl)) decl = t.tree.parent(decl);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(element.name)) return undefined;
  const bound = bindDeclaration(t, decl, Env.empty).lookup(element.name.text);
  if (bound?.kind === 'value') return bound.expr;
  if (bound?.kind !== 'lazy') return undefined;
  try {
    return (bound.cached ??= bound.compute());
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
}

function bindDeclaration(t: Translator, decl: TS.VariableDeclaration, env: Env): Env {
  const ts = t.tree.ts;
  if (!ts.isIdentifier(decl.name)) {
    let out = env;
    const fromData = ts.isObjectBindingPattern(decl.name) && decl.initializer !== undefined && isOutsideData(t, decl.initializer, env);
    for (const el of ts.isObjectBindingPattern(decl.name) ? decl.name.elements : []) {
      if (!fromData || !ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
      const name = el.name.text;
      const owner = el;
      out = out.with(name, { kind: 'lazy', compute: () => t.outsideValue(name, owner) });
    }
    // `const { mean, variance } = tf.moments(x, 0)`: per element, the mean is x itself and the variance the square
    // of x's deviation from it (x - mean(x) reads as x, as everywhere), so a sqrt of it is |x|'s.
    const moments = ts.isObjectBindingPattern(decl.name) && decl.initializer ? momentsInput(t.tree, t.tf, decl.initializer) : undefined;
    if (moments && ts.isObjectBindingPattern(decl.name)) {
      for (const el of decl.name.elements) {
        if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
        const field = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        if (field !== 'mean' && field !== 'variance') continue;
        const input = moments;
        out = out.with(el.name.text, { kind: 'lazy', compute: () => (field === 'mean' ? reducedCopy(t.expression(input, env), t.tree.start(input), input.end) : binary('^', t.expression(input, env), num(2))) });
      }
    }
    // `const { values: sorted } = tf.topk(yPred, k)`: the values are the prediction's (the call notes the sort); its
    // indices are positions, not values.
    const topk = ts.isObjectBindingPattern(decl.name) && decl.initializer && isTopk(t, decl.initializer) ? decl.initializer : undefined;
    for (const el of topk && ts.isObjectBindingPattern(decl.name) ? decl.name.elements : []) {
      const field = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
      if (field === 'values' && ts.isIdentifier(el.name) && !el.dotDotDotToken) out = out.with(el.name.text, { kind: 'lazy', compute: () => t.expression(topk!, env) });
    }
    // `const [means, logStds] = policy.predict(states)`: the outputs of a multi-output model, each a model output.
    const outputs = ts.isArrayBindingPattern(decl.name) && decl.initializer ? modelCall(t, decl.initializer) : undefined;
    if (outputs && ts.isArrayBindingPattern(decl.name)) {
      decl.name.elements.forEach((el, i) => {
        if (ts.isOmittedExpression(el) || !ts.isIdentifier(el.name) || el.dotDotDotToken) return;
        const name = el.name.text;
        out = out.with(name, { kind: 'lazy', compute: () => modelOutput(t, outputs, i, name) });
      });
    }
    if (ts.isObjectBindingPattern(decl.name) && decl.initializer) out = fieldsOfCall(t, decl.name, decl.initializer, env, out);
    if (ts.isArrayBindingPattern(decl.name) && decl.initializer && !outputs) out = elementsOfCall(t, decl.name, decl.initializer, env, out);
    // `const { reward, done } = env.step(action)`: what a method of outside data (not a network) returns is data too.
    const dataCall = ts.isObjectBindingPattern(decl.name) && decl.initializer !== undefined && isDataMethodCall(t, decl.initializer, env);
    for (const name of bindingNames(ts, decl.name)) {
      if (out.lookup(name) && out.lookup(name) !== env.lookup(name)) continue;
      const owner = `field:${decl.pos}:${name}`;
      out = out.with(name, dataCall ? { kind: 'lazy', compute: () => t.outsideValue(name, owner) } : { kind: 'unreadable', reason: 'destructuring is not followed' });
    }
    return out;
  }
  const init = decl.initializer;
  const list = init ? listBinding(ts, init, env) : undefined;
  const binding: Binding = list
    ? list
    : init
    ? { kind: 'lazy', compute: () => t.expression(init, env) }
    : { kind: 'unreadable', reason: 'declared without a value' };
  return forgetFields(t, decl.name.text, env).with(decl.name.text, binding);
}

function assignment(t: Translator, e: TS.Expression, env: Env): Env {
  const ts = t.tree.ts;
  const fields = fieldAssignment(t, e, env);
  if (fields) return fields;
  const pushed = pushedTerms(ts, e, env);
  if (pushed) return env.with(pushed.name, pushed.binding);
  if (ts.isBinaryExpression(e) && ts.isIdentifier(e.left)) {
    const name = e.left.text;
    const right = e.right;
    if (e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return forgetFields(t, name, env).with(name, { kind: 'lazy', compute: () => t.expression(right, env) });
    const op = compoundOperator(ts, e.operatorToken.kind);
    if (op) {
      const left = e.left;
      return env.with(name, { kind: 'lazy', compute: () => binary(op, t.expression(left, env), t.expression(right, env)) });
    }
  }
  return withUnreadable(env, writtenNames(ts, e), 'it is changed in a way the lint does not follow');
}


