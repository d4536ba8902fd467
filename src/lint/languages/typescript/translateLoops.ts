/**
 * Plain JavaScript losses over arrays, read per element: a `for` / `for…of` loop or a `forEach` that adds a term
 * per example into an accumulator (`total += y[i] * Math.log(p[i])`, with `if`/`else` terms too) or pushes it into a
 * list (`logProbs.push(tf.log(p))`, then stacked), and
 * `.map(…)` / `.reduce(…)` chains. Inside the loop `arr[i]` is the array's element; the accumulator becomes the
 * per-element term, and the loop is recorded as a sum over the batch.
 */
import type * as TS from 'typescript';
import { binary, conditional, mapped, neg, num, type Expr } from '../../engine/expression';
import { bindingIdentifiers, resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode } from './syntaxTree';
import type { Translator } from './translate';
import { fieldsOfCall, isDataMethodCall } from './callFields';
import { elementOfOutsideData, fromOutside, loopTest } from './loopReads';
import { Unreadable, writtenNames, type Env } from './translationEnv';
import { countsUpByOne, destructuredOverwrite, isCounter, overwrite } from './loopAssignments';

type Loop = TS.ForStatement | TS.ForOfStatement | TS.ForInStatement | TS.WhileStatement | TS.DoStatement;

/**
 * One update of an outer variable inside the loop: `acc += term`, `acc -= term`, `acc = acc + term`, or an element
 * pushed into a list (`logProbs.push(term)`), which per element is the term too.
 */
interface Update {
  sign: 1 | -1;
  term: () => Expr;
  push?: boolean;
}

export function isLoop(ts: typeof TS, st: TS.Statement): st is Loop {
  return ts.isForStatement(st) || ts.isForOfStatement(st) || ts.isForInStatement(st) || ts.isWhileStatement(st) || ts.isDoStatement(st);
}

/** The env after a loop: every outer variable it accumulates into is bound to its per-element term. */
export function translateLoop(t: Translator, loop: Loop, env: Env): Env {
  return accumulate(t, asList(t.tree.ts, loop.statement), loopVariables(t, loop, env), env, loop);
}

/**
 * A loop whose body returns on its first pass (`for (const batch of batches) { …; return totalLoss; }` in a PPO
 * closure): the env of that pass, whose body is the loss; undefined for any other loop.
 */
export function firstPassEnv(t: Translator, loop: Loop, env: Env): Env | undefined {
  const ts = t.tree.ts;
  const body = asList(ts, loop.statement);
  // A `continue` or `break` may skip the return on the first pass (`if (i < 5) continue;`): not a first pass then.
  let leaves = false;
  const visit = (n: TS.Node): void => {
    if (leaves || isFunctionNode(ts, n) || isLoop(ts, n as TS.Statement) || ts.isSwitchStatement(n)) return;
    if (ts.isContinueStatement(n) || ts.isBreakStatement(n)) leaves = true;
    else ts.forEachChild(n, visit);
  };
  body.forEach(visit);
  return !leaves && body.some((s) => ts.isReturnStatement(s)) ? loopVariables(t, loop, env) : undefined;
}

/** The loop's variables: an index (`arr[i]` is the element), or the element of the list iterated. */
function loopVariables(t: Translator, loop: Loop, env: Env): Env {
  const ts = t.tree.ts;
  let inner = env;
  if (ts.isForStatement(loop)) {
    const init = loop.initializer;
    if (init && ts.isVariableDeclarationList(init)) {
      for (const d of init.declarations) if (ts.isIdentifier(d.name)) inner = inner.with(d.name.text, { kind: 'index' });
    } else if (init && ts.isBinaryExpression(init) && ts.isIdentifier(init.left)) {
      inner = inner.with(init.left.text, { kind: 'index' });
    }
  } else if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
    inner = bindElement(t, loop, inner, env);
  }
  // `while (!done) { … }`: no loop variable; a rollout collecting one term per step.
  return inner;
}

/** `arr.forEach((v, i) => { acc += … })` as a statement: the same as a for…of loop. */
export function translateForEach(t: Translator, call: TS.CallExpression, env: Env): Env | undefined {
  const ts = t.tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'forEach') return undefined;
  const fn = call.arguments[0] && unwrapExpression(ts, call.arguments[0]);
  if (!fn || !isFunctionNode(ts, fn) || !fn.body) return undefined;
  const inner = bindCallback(t, fn, callee.expression, env, env);
  return accumulate(t, ts.isBlock(fn.body) ? fn.body.statements : [ts.factory.createExpressionStatement(fn.body as TS.Expression)], inner, env, call);
}

/** `arr.map((v, i) => term)`: the per-element term. */
export function translateMap(t: Translator, receiver: TS.Expression, fn: FunctionNode, env: Env): Expr {
  if (!fn.body) throw new Unreadable('the mapped function has no body', fn);
  const inner = bindCallback(t, fn, receiver, env, env);
  return t.functionBody(fn, inner);
}

/** `arr.reduce((acc, v, i) => acc + term, 0)`: the per-element term, recorded as a sum. */
export function translateReduce(t: Translator, receiver: TS.Expression, fn: FunctionNode, node: TS.Node, env: Env): Expr {
  const ts = t.tree.ts;
  const [acc, ...rest] = fn.parameters;
  if (!acc || !ts.isIdentifier(acc.name) || !fn.body) throw new Unreadable('.reduce() with a callback the lint cannot read', node);
  const elementFn = { ...fn, parameters: rest } as unknown as FunctionNode;
  let inner = bindCallback(t, elementFn, receiver, env, env);
  inner = inner.with(acc.name.text, { kind: 'accumulator' });
  t.recordReduction('sum', node);
  return t.functionBody(fn, inner);
}

/** Binds a callback's (element, index) parameters. */
function bindCallback(t: Translator, fn: FunctionNode, receiver: TS.Expression, env: Env, outer: Env): Env {
  const ts = t.tree.ts;
  const [element, index] = fn.parameters;
  let inner = env;
  if (element && ts.isIdentifier(element.name)) inner = inner.with(element.name.text, { kind: 'lazy', compute: () => t.expression(receiver, outer) });
  if (index && ts.isIdentifier(index.name)) inner = inner.with(index.name.text, { kind: 'index' });
  return inner;
}

/** `for (const p of preds)`, `for (const [i, p] of preds.entries())`. */
function bindElement(t: Translator, loop: TS.ForOfStatement | TS.ForInStatement, inner: Env, outer: Env): Env {
  const ts = t.tree.ts;
  const init = loop.initializer;
  const decl = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : undefined;
  const source = unwrapExpression(ts, loop.expression);
  if (ts.isForInStatement(loop)) return decl && ts.isIdentifier(decl) ? inner.with(decl.text, { kind: 'index' }) : inner;
  const entries = ts.isCallExpression(source) && ts.isPropertyAccessExpression(source.expression) && source.expression.name.text === 'entries' ? source.expression.expression : undefined;
  if (decl && ts.isIdentifier(decl)) return inner.with(decl.text, { kind: 'lazy', compute: () => t.expression(loop.expression, outer) });
  if (decl && ts.isArrayBindingPattern(decl) && entries) {
    const [i, v] = decl.elements;
    let out = inner;
    if (i && ts.isBindingElement(i) && ts.isIdentifier(i.name)) out = out.with(i.name.text, { kind: 'index' });
    if (v && ts.isBindingElement(v) && ts.isIdentifier(v.name)) out = out.with(v.name.text, { kind: 'lazy', compute: () => t.expression(entries, outer) });
    return out;
  }
  // `for (const [column, head] of Object.entries(HEADS).map(…))`: the parts of an element the lint cannot pair with
  // anything. Used as sizes and offsets (`logits.slice([0, head.offset], [-1, head.size])`) they ask nothing of the
  // loss; used as a value of it, that term cannot be read.
  if (decl) {
    let out = inner;
    for (const id of bindingIdentifiers(ts, decl)) out = out.with(id.text, { kind: 'unreadable', reason: 'a part of an element the loop destructures' });
    return out;
  }
  throw new Unreadable('a loop variable the lint cannot read', loop.initializer);
}

/** Reads a loop body: local consts, and updates of outer variables (in if/else branches too). */
function accumulate(t: Translator, body: readonly TS.Statement[], inner: Env, outer: Env, node: TS.Node): Env {
  const pass: Pass = { updates: new Map(), overwritten: new Set(), counted: new Set(), skips: new Set(), locals: new Map(), unknown: new Map(), pushed: new Set() };
  collect(t, body, inner, pass, undefined);
  const { updates, overwritten, locals } = pass;
  if (updates.size === 0) throw new Unreadable('a loop that adds nothing up', node);
  let out = outer;
  // A variable the loop sets anew each pass (`observation = nextObservation`, `done = nextDone`) holds its last
  // pass's value after it, which the lint does not know.
  for (const name of overwritten) if (!locals.has(name) && !updates.has(name)) out = out.with(name, { kind: 'unreadable', reason: `${name} is set anew on each pass of a loop` });
  // `count++` on every pass of a count that starts at 0: after the loop, the number of passes (`sum / count`, a mean).
  for (const name of pass.counted) {
    if (locals.has(name) || updates.has(name) || overwritten.has(name)) continue;
    const before = outer.lookup(name);
    out = out.with(name, before && startsAtZero(before) ? { kind: 'lazy', compute: () => t.count() } : { kind: 'unreadable', reason: `${name} is set anew on each pass of a loop` });
  }
  for (const [name, list] of updates) {
    if (locals.has(name)) continue;
    // A list filled with push starts empty: its elements are the terms.
    const before = list.every((u) => u.push) ? undefined : outer.lookup(name);
    out = out.with(name, {
      kind: 'lazy',
      compute: () => {
        const start = before ? startValue(before, name, node) : undefined;
        const sum = list.map((u) => (u.sign === 1 ? u.term() : neg(u.term()))).reduce((a, b) => binary('+', a, b));
        return start ? binary('+', start, sum) : sum;
      },
    });
  }
  // What a statement the lint cannot read set is unknown after the loop, whatever else the loop added to it.
  for (const [name, reason] of pass.unknown) out = out.with(name, { kind: 'unreadable', reason });
  t.recordReduction('sum', node);
  return out;
}

/** The value an accumulator starts from, or undefined when it starts at 0. */
function startValue(b: NonNullable<ReturnType<Env['lookup']>>, name: string, node: TS.Node): Expr | undefined {
  if (b.kind === 'unreadable') throw new Unreadable(`${name}: ${b.reason}`, node);
  const e = b.kind === 'value' ? b.expr : b.kind === 'lazy' ? (b.cached ??= b.compute()) : undefined;
  if (!e) return undefined;
  return e.shape?.kind === 'num' && e.shape.value === 0 ? undefined : e;
}

/** A test that makes the statements under it conditional; `outer` is the test of an enclosing `if`. */
interface Guard {
  test: () => Expr;
  then: boolean;
  /** Where the `if (…)` is written: a break of the loss where the test switches is reported there. */
  at?: readonly [number, number];
  outer?: Guard;
}

/** What one pass of a loop collects, across the blocks nested in its body. */
interface Pass {
  updates: Map<string, Update[]>;
  overwritten: Set<string>;
  /** Outer names counted up by one on every pass that goes on, outside any `if` (`count++`): after `if (!x) continue;` too. */
  counted: Set<string>;
  /** The guards of the passes that go on past an `if (…) continue;` at the pass's own level, outside any other `if`. */
  skips: Set<Guard>;
  /** Names declared inside the pass, with the identifier each was declared by. */
  locals: Map<string, TS.Identifier>;
  /** Outer names a statement the lint cannot read sets, with why: unknown after the loop. */
  unknown: Map<string, string>;
  /** Locals that hold a list a push has added to: a later push adds to what they hold. */
  pushed: Set<string>;
}

/** The guard of a branch of an `if` inside the guard `g`. */
function within(g: Guard | undefined, test: () => Expr, then: boolean, at?: readonly [number, number]): Guard {
  return { test, then, ...(at ? { at } : {}), ...(g ? { outer: g } : {}) };
}

/** The `if (…)` of a statement, as the file spells it: where a switch of the loss there is reported. */
export function ifHead(t: Translator, st: TS.IfStatement): readonly [number, number] {
  const close = t.tree.text.indexOf(')', st.expression.end);
  return [t.tree.start(st), close < 0 ? st.expression.end : close + 1];
}

/** A conditional of the pass, placed at its `if (…)` when known. */
function placed(e: Expr, at: readonly [number, number] | undefined): Expr {
  return at ? mapped(e, at[0], at[1]) : e;
}

/** A term under the tests of the `if`s around it: 0 when one of them sends the pass elsewhere. */
function guarded(g: Guard | undefined, term: () => Expr): () => Expr {
  if (!g) return term;
  const inner = () => placed(g.then ? conditional(g.test(), term(), num(0)) : conditional(g.test(), num(0), term()), g.at);
  return guarded(g.outer, inner);
}

/**
 * Walks loop statements and returns the scope after them. Updates of outer variables are collected (conditional under
 * `guard`); a local updated in the pass (`stepLoss = stepLoss.add(entropy)`, `scores.push(s)` in an inner loop) is
 * bound anew for the statements after it. A statement the lint cannot read leaves unknown only what it writes (for
 * the rest of the pass, and after the loop), so what the rest of the pass adds up is still read.
 */
function collect(t: Translator, statements: readonly TS.Statement[], env: Env, pass: Pass, guard: Guard | undefined): Env {
  const ts = t.tree.ts;
  let scope = env;
  let g = guard;
  // The scope each local's value was made in, by its initializer.
  const declaredAt = new Map<TS.Node, Env>();
  const add = (name: string, u: Update) => {
    const signed = () => (u.sign === 1 ? u.term() : neg(u.term()));
    const list = pass.updates.get(name) ?? [];
    list.push({ sign: 1, term: guarded(g, signed), ...(u.push ? { push: true } : {}) });
    pass.updates.set(name, list);
  };
  // A local updated in this pass: its value so far plus the term (a list filled by push: the terms pushed).
  const { pushed } = pass;
  const updateLocal = (name: string, u: Update, node: TS.Node) => {
    const before = scope.lookup(name);
    const keep = !u.push || pushed.has(name);
    if (u.push) pushed.add(name);
    scope = scope.with(name, {
      kind: 'lazy',
      compute: () => {
        const term = u.sign === 1 ? u.term() : neg(u.term());
        const start = keep && before ? startValue(before, name, node) : undefined;
        return start ? binary('+', start, term) : term;
      },
    });
  };
  const declare = (id: TS.Identifier) => pass.locals.set(id.text, id);
  // The rest of the pass reads the name as the value a statement gives it, computed where the statement stands.
  const setAnew = (name: string, value: TS.Expression) => {
    const at = scope;
    scope = scope.with(name, { kind: 'lazy', compute: () => t.expression(value, at) });
  };
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (ts.isContinueStatement(st) || ts.isBreakStatement(st)) return scope;
    try {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          // `const { task, value } = agent.forward(s)`: the fields of a model call (or of a helper's object) per step.
          if (ts.isObjectBindingPattern(d.name) && d.initializer) {
            const before = scope;
            // `const { reward } = sample` of `const sample = this.getSample(s)`: that call, read where it was made.
            const held = localCall(t, d.initializer);
            const madeIn = (held && declaredAt.get(held)) ?? scope;
            scope = fieldsOfCall(t, d.name, held ?? d.initializer, madeIn, scope);
            const read = new Set<string>();
            for (const el of d.name.elements) if (ts.isIdentifier(el.name) && scope.lookup(el.name.text) !== before.lookup(el.name.text)) (read.add(el.name.text), declare(el.name));
            if (d.name.elements.every((el) => ts.isIdentifier(el.name) && read.has(el.name.text))) continue;
            // The other fields: data when a method of outside data returns them (`env.step(action)`), else unknown (a
            // term that uses one is unreadable).
            if (d.name.elements.every((el) => ts.isIdentifier(el.name))) {
              // … or of a loop's element of outside data (`const { action, value } = entry` of `history.entries()`).
              const dataCall = isDataMethodCall(t, held ?? d.initializer, madeIn) || (!held && elementOfOutsideData(t, d.initializer, madeIn));
              for (const el of d.name.elements) {
                const id = el.name as TS.Identifier;
                if (read.has(id.text)) continue;
                declare(id);
                const owner = `field:${d.pos}:${id.text}`;
                scope = scope.with(id.text, dataCall ? { kind: 'lazy', compute: () => t.outsideValue(id.text, owner) } : { kind: 'unreadable', reason: `${id.text}: a field the lint cannot read` });
              }
              continue;
            }
          }
          // `const [w, b] = this.headWeights.get(name)!`: parts of outside data (a head's weights), data of their own.
          if (ts.isArrayBindingPattern(d.name) && d.initializer && fromOutside(t, d.initializer, scope)) {
            for (const id of bindingIdentifiers(ts, d.name)) {
              declare(id);
              scope = scope.with(id.text, { kind: 'lazy', compute: () => t.outsideValue(id.text, `part:${d.pos}:${id.text}`) });
            }
            continue;
          }
          if (!ts.isIdentifier(d.name)) throw new Unreadable('destructuring in a loop is not followed', d);
          declare(d.name);
          const init = d.initializer;
          if (init) declaredAt.set(unwrapExpression(ts, init), scope);
          if (init) setAnew(d.name.text, init);
          else scope = scope.with(d.name.text, { kind: 'unreadable', reason: 'declared without a value' });
        }
      } else if (ts.isExpressionStatement(st)) {
        const e = unwrapExpression(ts, st.expression);
        if (sideEffectOnly(t, e)) continue;
        // A step counter: after the loop its value is its last pass's (`loss / steps` must not read the start value).
        const counter = isCounter(ts, e);
        if (counter !== undefined) {
          if (counter) (countsUpByOne(ts, e) && (!g || pass.skips.has(g)) ? pass.counted : pass.overwritten).add(counter);
          continue;
        }
        // `observation = nextObservation`: the rest of the pass reads the new value; after the loop it is unknown. In an
        // `if`, the rest of the pass could read either value: not followed.
        const set = g ? undefined : overwrite(ts, e);
        if (set !== undefined) {
          pass.overwritten.add(set);
          setAnew(set, (e as TS.BinaryExpression).right);
          continue;
        }
        // `({ observation, done } = sample)`: each name set anew, to a value not followed.
        const fields = g ? undefined : destructuredOverwrite(ts, e);
        if (fields) {
          for (const name of fields) {
            pass.overwritten.add(name);
            scope = scope.with(name, { kind: 'unreadable', reason: `${name} is set anew on each pass of a loop` });
          }
          continue;
        }
        const u = update(t, e, scope);
        // `advantage = advantage.sub(mean).div(std)` of a name this pass declared: read in order, like the pass's statements.
        const own = !u && !g && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(e.left) ? e.left.text : undefined;
        if (own !== undefined && pass.locals.has(own)) {
          setAnew(own, (e as TS.BinaryExpression).right);
          continue;
        }
        if (!u) throw new Unreadable(`${t.tree.source(st.expression).slice(0, 40)} is not a sum the lint can read`, st.expression);
        // A name the pass declared or set anew (`aT = 0`, then `aT += term` in an inner loop) is the pass's own.
        if (pass.locals.has(u.name) || pass.overwritten.has(u.name)) updateLocal(u.name, u, st);
        else add(u.name, u);
      } else if (ts.isIfStatement(st)) {
        const at = scope;
        const test = () => loopTest(t, st.expression, at);
        const then = asList(ts, st.thenStatement);
        // `if (scores.length === 0) continue;`, `if (done) { …; break; }`: the rest of the pass runs only otherwise.
        const leaves = then.length > 0 && (ts.isContinueStatement(then[then.length - 1]!) || ts.isBreakStatement(then[then.length - 1]!));
        const head = ifHead(t, st);
        const thenScope = collect(t, then, scope, pass, within(g, test, true, head));
        const elseScope = st.elseStatement ? collect(t, asList(ts, st.elseStatement), scope, pass, within(g, test, false, head)) : scope;
        if (leaves && !st.elseStatement) {
          const goesOn = within(g, test, false, head);
          if (!g || pass.skips.has(g)) pass.skips.add(goesOn);
          g = goesOn;
          continue;
        }
        scope = merged(t, pass, at, leaves ? at : thenScope, elseScope, test, head);
      } else if (ts.isBlock(st)) {
        scope = collect(t, st.statements, scope, pass, g);
      } else if (isLoop(ts, st)) {
        // A loop inside the pass (over a sample's actions): its terms are more terms of the same sums.
        scope = collect(t, asList(ts, st.statement), loopVariables(t, st, scope), pass, g);
      } else if (!ts.isEmptyStatement(st)) {
        throw new Unreadable('a loop body the lint cannot read', st);
      }
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) for (const id of bindingIdentifiers(ts, d.name)) declare(id);
      for (const name of writtenNames(ts, st)) {
        if (name.includes('.') && scope.lookup(name) === undefined) continue;
        scope = scope.with(name, { kind: 'unreadable', reason: err.message });
        if (!pass.locals.has(name)) pass.unknown.set(name, err.message);
      }
    }
  }
  return scope;
}

/** The scope after an `if` in a pass: a local either branch set anew is the one its branch set, by the test. */
function merged(t: Translator, pass: Pass, before: Env, thenScope: Env, elseScope: Env, test: () => Expr, head: readonly [number, number]): Env {
  let out = before;
  for (const [name, id] of pass.locals) {
    const was = before.lookup(name);
    if (!was) continue;
    const a = thenScope.lookup(name);
    const b = elseScope.lookup(name);
    if (a === was && b === was) continue;
    out = out.with(name, { kind: 'lazy', compute: () => placed(conditional(test(), t.expression(id, thenScope), t.expression(id, elseScope)), head) });
  }
  return out;
}


/** `sample` of `const sample = this.getSample(s); const { reward } = sample`: the call it holds. */
function localCall(t: Translator, e: TS.Expression): TS.CallExpression | undefined {
  const ts = t.tree.ts;
  const id = unwrapExpression(ts, e);
  if (!ts.isIdentifier(id)) return undefined;
  const d = resolveIdentifier(t.tree, id);
  const init = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return init && ts.isCallExpression(init) ? init : undefined;
}

/** Whether a name's value before a loop is the number 0. */
function startsAtZero(b: NonNullable<ReturnType<Env['lookup']>>): boolean {
  if (b.kind === 'unreadable') return false;
  try {
    const e = b.kind === 'value' ? b.expr : b.kind === 'lazy' ? (b.cached ??= b.compute()) : undefined;
    return e?.shape?.kind === 'num' && e.shape.value === 0;
  } catch (err) {
    if (err instanceof Unreadable) return false;
    throw err;
  }
}

/** Calls that only log or free memory (`console.log(…)`, `t.dispose()`, `tf.dispose(…)`, `loss.print()`): no value of the loss. */
function sideEffectOnly(t: Translator, e: TS.Expression): boolean {
  const ts = t.tree.ts;
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrapExpression(ts, e.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const recv = unwrapExpression(ts, callee.expression);
  if (ts.isIdentifier(recv) && recv.text === 'console') return true;
  return callee.name.text === 'dispose' || callee.name.text === 'print' || t.tf.path(e.expression) === 'dispose';
}

function update(t: Translator, e: TS.Expression, env: Env): (Update & { name: string }) | undefined {
  const ts = t.tree.ts;
  // `logProbs.push(term)`: one element per iteration, read per element as the term.
  if (ts.isCallExpression(e) && e.arguments.length === 1 && !ts.isSpreadElement(e.arguments[0])) {
    const callee = unwrapExpression(ts, e.expression);
    const list = ts.isPropertyAccessExpression(callee) && callee.name.text === 'push' ? unwrapExpression(ts, callee.expression) : undefined;
    const term = e.arguments[0];
    return list && ts.isIdentifier(list) ? { name: list.text, sign: 1, term: () => t.expression(term, env), push: true } : undefined;
  }
  // `buffer[m] = term` (a list made with `new Array(n)` and filled by index): one element per iteration, like a push.
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(e.left)) {
    const list = unwrapExpression(ts, e.left.expression);
    const index = unwrapExpression(ts, e.left.argumentExpression);
    const term = e.right;
    const byLoopIndex = ts.isIdentifier(index) && env.lookup(index.text)?.kind === 'index';
    return ts.isIdentifier(list) && byLoopIndex ? { name: list.text, sign: 1, term: () => t.expression(term, env), push: true } : undefined;
  }
  if (!ts.isBinaryExpression(e) || !ts.isIdentifier(e.left)) return undefined;
  const name = e.left.text;
  const right = e.right;
  const kind = e.operatorToken.kind;
  if (kind === ts.SyntaxKind.PlusEqualsToken) return { name, sign: 1, term: () => t.expression(right, env) };
  if (kind === ts.SyntaxKind.MinusEqualsToken) return { name, sign: -1, term: () => t.expression(right, env) };
  if (kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const r = unwrapExpression(ts, right);
  const isName = (x: TS.Expression | undefined) => x !== undefined && ts.isIdentifier(unwrapExpression(ts, x)) && (unwrapExpression(ts, x) as TS.Identifier).text === name;
  // `total = total.add(term)`, `total = tf.sub(total, term)`: the tensor forms of `total += term`.
  if (ts.isCallExpression(r)) {
    const callee = unwrapExpression(ts, r.expression);
    const path = t.tf.path(r.expression);
    const method = ts.isPropertyAccessExpression(callee) && isName(callee.expression) && r.arguments.length === 1 ? callee.name.text : undefined;
    const fn = (path === 'add' || path === 'sub') && r.arguments.length === 2 && isName(r.arguments[0]) ? path : undefined;
    const op = method ?? fn;
    const term = method ? r.arguments[0] : r.arguments[1];
    if ((op === 'add' || op === 'sub') && term) return { name, sign: op === 'add' ? 1 : -1, term: () => t.expression(term, env) };
    // `logProbs = logProbs.concat(lp)`, `logProbs = tf.concat([logProbs, lp])`: one element more per iteration, like a push.
    const joined = op === 'concat' ? term : path === 'concat' ? concatenatedAfter(ts, r.arguments[0], isName) : undefined;
    if (joined) return { name, sign: 1, term: () => t.expression(joined, env), push: true };
    return undefined;
  }
  // `logProbs = [...logProbs, lp]`: the same for a list.
  if (ts.isArrayLiteralExpression(r) && r.elements.length === 2 && ts.isSpreadElement(r.elements[0]) && isName(r.elements[0].expression) && !ts.isSpreadElement(r.elements[1])) {
    const item = r.elements[1];
    return { name, sign: 1, term: () => t.expression(item, env), push: true };
  }
  if (!ts.isBinaryExpression(r) || !ts.isIdentifier(r.left) || r.left.text !== name) return undefined;
  const rest = r.right;
  if (r.operatorToken.kind === ts.SyntaxKind.PlusToken) return { name, sign: 1, term: () => t.expression(rest, env) };
  if (r.operatorToken.kind === ts.SyntaxKind.MinusToken) return { name, sign: -1, term: () => t.expression(rest, env) };
  return undefined;
}

/** The tensor `tf.concat([list, x])` adds to `list`: `x`, when the list written is that one and one more. */
function concatenatedAfter(ts: typeof TS, list: TS.Expression | undefined, isName: (x: TS.Expression | undefined) => boolean): TS.Expression | undefined {
  const l = list && unwrapExpression(ts, list);
  return l && ts.isArrayLiteralExpression(l) && l.elements.length === 2 && isName(l.elements[0]) && !ts.isSpreadElement(l.elements[1]) ? l.elements[1] : undefined;
}

function asList(ts: typeof TS, st: TS.Statement): readonly TS.Statement[] {
  return ts.isBlock(st) ? st.statements : [st];
}
