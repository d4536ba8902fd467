/**
 * The statements of a Python loss, read in order: assignments (lazy, so a name is translated where it is used),
 * augmented and in-place updates (`x += …`, `p.clamp_(…)`), lists built by `append`, the branches of an `if` and
 * `with`, `for` loops over quantiles or classes (one pass per element), and the return, whose loss-named companions
 * (`return real_loss, fake_loss`) are summed with it. Expressions are the translator's.
 */
import { binary, symbol, type Expr } from '../../engine/expression';
import type { PyTranslator } from './translate';
import { Env, Unreadable, type Binding } from './translationEnv';
import { argument, callArgs, child, statements, unparen, type CallArgs, type PyNode } from './syntax';

/** A returned variable that names a loss term: `real_loss`, `d_loss_fake`, `kl`, `cost`. */
const LOSS_VARIABLE = /loss|cost|entropy|^kl|_kl\b|kld|penalty|divergence/i;

/** Binds the statements of a function body in order and returns the translation of its (first) return value. */
export function translateBody(tr: PyTranslator, body: PyNode, env: Env): Expr {
  const vars = new Map<string, Binding>();
  const scopeEnv = new Env(vars, env);
  const ret = statementsOf(tr, statements(body), vars, scopeEnv);
  if (!ret) throw new Unreadable('the function returns no value the lint can read', body);
  let e = tr.expression(ret.value, ret.env);
  // `return real_loss, fake_loss`: every loss the function hands back is trained on (a GAN's two terms), so each
  // is read, as their sum. Other values returned beside the loss (logits, updated state) are not losses.
  for (const other of ret.others) {
    if (other.type !== 'VariableName' || !LOSS_VARIABLE.test(tr.src.source(other))) continue;
    try {
      e = binary('+', e, tr.expression(other, ret.env));
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
    }
  }
  return e;
}

function statementsOf(tr: PyTranslator, list: PyNode[], vars: Map<string, Binding>, env: Env): { value: PyNode; others: PyNode[]; env: Env } | undefined {
  for (const st of list) {
    switch (st.type) {
      case 'AssignStatement':
        assign(tr, st, vars, env);
        break;
      case 'UpdateStatement': {
        const target = st.children[0];
        const op = st.children[1];
        const value = st.children[2];
        if (target?.type === 'VariableName' && op && value) {
          const name = tr.src.source(target);
          const prev = vars.get(name) ?? env.lookup(name);
          vars.set(name, { kind: 'lazy', node: st, env: new Env(new Map(prev ? [[name, prev]] : []), env) });
        }
        break;
      }
      case 'ExpressionStatement':
        inPlace(tr, st, vars, env);
        break;
      case 'ReturnStatement': {
        const [value, ...others] = st.children.filter((c) => c.type !== 'return' && c.type !== ',');
        if (value) return { value, others, env: new Env(new Map(vars), env) };
        return undefined;
      }
      case 'IfStatement': {
        const before = new Map(vars);
        for (const b of st.children.filter((c) => c.type === 'Body')) {
          const r = statementsOf(tr, statements(b), vars, env);
          if (r) return r;
        }
        // A branch that makes a name unreadable (`target, lengths = unpack(target)` for packed input) is read
        // as not taken, when the name was readable before it.
        for (const [name, b] of vars) {
          const prev = before.get(name) ?? env.parent?.lookup(name);
          if (b.kind === 'unreadable' && prev && prev.kind !== 'unreadable') vars.set(name, prev);
        }
        break;
      }
      case 'WithStatement': {
        const r = statementsOf(tr, statements(child(st, 'Body')), vars, env);
        if (r) return r;
        break;
      }
      case 'ForStatement': {
        const r = loop(tr, st, vars, env);
        if (r) return r;
        break;
      }
      case 'WhileStatement':
        for (const a of [...st.children].flatMap((c) => (c.type === 'Body' ? statements(c) : []))) {
          if (a.type === 'AssignStatement') for (const t of assignedNames(tr, a)) vars.set(t, { kind: 'unreadable', reason: `${t} is computed in a loop`, node: a });
        }
        break;
      default:
        break;
    }
  }
  return undefined;
}

/**
 * A `for` loop over quantiles, classes or terms (`for i, q in enumerate(self.quantiles): errors = …;
 * losses.append(torch.max((q - 1) * errors, q * errors))`): per element, the loss is what one pass computes, with
 * each loop variable one of the values iterated over (a value it cannot read becomes a symbol of its own).
 */
function loop(tr: PyTranslator, st: PyNode, vars: Map<string, Binding>, env: Env): { value: PyNode; others: PyNode[]; env: Env } | undefined {
  const kids = st.children;
  const inAt = kids.findIndex((k) => k.type === 'in');
  const body = child(st, 'Body');
  const loopVariables = kids.slice(1, Math.max(1, inAt)).flatMap((k) => (k.type === 'TupleExpression' ? k.children : [k]));
  const iterable = inAt > 0 ? kids[inAt + 1] : undefined;
  const sources = iterable && body && loopVariables.every((t) => t.type === 'VariableName') ? iterated(tr, unparen(iterable), loopVariables.length) : undefined;
  if (!sources) {
    for (const a of statements(body)) if (a.type === 'AssignStatement') for (const t of assignedNames(tr, a)) vars.set(t, { kind: 'unreadable', reason: `${t} is computed in a loop`, node: a });
    return undefined;
  }
  const loopEnv = new Env(new Map(vars), env);
  loopVariables.forEach((t, i) => {
    const name = tr.src.source(t);
    const from = sources[i];
    if (from === 'index') {
      vars.set(name, { kind: 'unreadable', reason: `${name} is a loop index`, node: t });
      return;
    }
    try {
      vars.set(name, { kind: 'expr', expr: tr.expression(from, loopEnv) });
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      vars.set(name, { kind: 'expr', expr: symbol(tr.claimSymbol(name, t), false) });
    }
  });
  return statementsOf(tr, statements(body), vars, env);
}

/** What each loop variable takes from the iterable: `enumerate(qs)` → index, qs; `zip(a, b)` → a, b; `range(n)` → index. */
function iterated(tr: PyTranslator, iterable: PyNode, count: number): (PyNode | 'index')[] | undefined {
  const callee = iterable.type === 'CallExpression' ? unparen(iterable.children[0]) : undefined;
  const builtin = callee?.type === 'VariableName' ? tr.src.source(callee) : undefined;
  const args = callee ? callArgs(tr.src, iterable) : undefined;
  if (builtin === 'enumerate' && args?.positional.length === 1 && count === 2) return ['index', args.positional[0]];
  if (builtin === 'range' && count === 1) return ['index'];
  if (builtin === 'zip' && args && !args.spread && args.positional.length === count) return args.positional;
  if (builtin === 'enumerate' || builtin === 'range' || builtin === 'zip' || count !== 1) return undefined;
  return [iterable];
}

function assignedNames(tr: PyTranslator, st: PyNode): string[] {
  const out: string[] = [];
  for (const c of st.children) {
    if (c.type === 'AssignOp') break;
    if (c.type === 'VariableName') out.push(tr.src.source(c));
    if (c.type === 'TupleExpression' || c.type === 'ArrayExpression') for (const v of c.children) if (v.type === 'VariableName') out.push(tr.src.source(v));
  }
  return out;
}

function assign(tr: PyTranslator, st: PyNode, vars: Map<string, Binding>, env: Env): void {
  const ops = st.children.filter((c) => c.type === 'AssignOp');
  const value = st.children[st.children.length - 1];
  const first = st.children[0];
  if (ops.length === 1 && first.type === 'VariableName' && st.children.length === 3) {
    const name = tr.src.source(first);
    const prev = vars.get(name) ?? env.lookup(name);
    const inner = prev ? new Env(new Map([[name, prev]]), new Env(new Map(vars), env)) : new Env(new Map(vars), env);
    vars.set(name, { kind: 'lazy', node: value, env: inner });
    return;
  }
  for (const t of assignedNames(tr, st)) vars.set(t, { kind: 'unreadable', reason: `${t} is unpacked from a tuple`, node: st });
}


function inPlace(tr: PyTranslator, st: PyNode, vars: Map<string, Binding>, env: Env): void {
  const call = unparen(st.children[0] ?? st);
  if (call.type !== 'CallExpression') return;
  const callee = unparen(call.children[0]);
  const args = callArgs(tr.src, call);
  if (append(tr, callee, args, vars, env)) return;
  let target: PyNode | undefined;
  const path = tr.bindings.resolve(callee);
  if (path && /\.(clip|clamp)$/.test(path)) target = argument(args, 3, 'out');
  else if (callee.type === 'MemberExpression' && /^(clamp_|clip_|clamp_min_|clamp_max_)$/.test(tr.src.source(callee.children[1] ?? callee))) target = callee.children[0];
  if (target?.type !== 'VariableName') return;
  const name = tr.src.source(target);
  const prev = vars.get(name) ?? env.lookup(name);
  const inner = prev ? new Env(new Map([[name, prev]]), new Env(new Map(vars), env)) : new Env(new Map(vars), env);
  if (callee.type === 'MemberExpression' && !path) {
    vars.set(name, { kind: 'lazy', node: call, env: inner });
  } else {
    const first = args.positional[0];
    if (!first || tr.src.source(first) !== name) return;
    vars.set(name, { kind: 'lazy', node: call, env: inner });
  }
}

/**
 * `terms.append(x)` on a list started empty (`terms = []`): per element the list holds what is appended, so
 * `torch.cat(terms)`, `torch.stack(terms)` and `sum(terms)` read as `x`. Only the first kind of term is kept.
 */
function append(tr: PyTranslator, callee: PyNode, args: CallArgs, vars: Map<string, Binding>, env: Env): boolean {
  if (callee.type !== 'MemberExpression' || tr.src.source(callee.children[1] ?? callee) !== 'append' || args.positional.length !== 1) return false;
  const list = unparen(callee.children[0]);
  if (list.type !== 'VariableName') return false;
  const name = tr.src.source(list);
  const prev = vars.get(name) ?? env.lookup(name);
  if (!prev || accumulators.has(prev)) return prev !== undefined;
  if (prev.kind !== 'lazy' || unparen(prev.node).type !== 'ArrayExpression' || unparen(prev.node).children.length > 0) return false;
  const element: Binding = { kind: 'lazy', node: args.positional[0], env: new Env(new Map(vars), env) };
  accumulators.add(element);
  vars.set(name, element);
  return true;
}

const accumulators = new WeakSet<Binding>();
