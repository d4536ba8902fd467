/**
 * Translates Python loss code into a per-element loss expression in mathjs syntax: operators, conditional
 * expressions, library calls (torch, torch.nn.functional, numpy, jax.numpy, jax.nn, tensorflow, keras.backend,
 * keras.ops), tensor methods (`p.clamp(min=eps).log()`), local assignments, helpers and lambdas of the same file,
 * `self.<attr>` values of a module class. Anything it cannot read throws `Unreadable` with the node responsible.
 * Statements are read by translateStatements.ts, calls by translateCalls.ts; library calls vote for the framework,
 * which decides the precision the loss runs in.
 */
import { isTargetName, MAX_EXPRESSION_LENGTH } from '../../../core';
import { binary, call, compare, conditional, logic, mapped, neg, not, num, symbol, type CompareOp, type Expr } from '../../engine/expression';
import type { EagerBranch, Framework } from '../../engine/frontEnd';
import type { PyBindings } from './bindings';
import { CONSTANTS } from './ops';
import type { PyScope } from './scope';
import { translateCall } from './translateCalls';
import { translateBody } from './translateStatements';
import { Env, isSymbolName, RESERVED, Unreadable, type Binding } from './translationEnv';
import { ancestors, callArgs, dottedPath, numberValue, unparen, type PyNode, type PySource } from './syntax';

/** The log-of-probability calls of a translation, whose stable forms the library names (`F.log_softmax`). */
export interface ActivationLog {
  /** The log call and the activation call inside it. */
  log: PyNode;
  activation: PyNode;
  kind: 'softmax' | 'sigmoid';
  /** The activation's input and its extra arguments (`dim=1`), as written. */
  input: PyNode;
  rest: string;
  /** Canonical path of the activation (torch.softmax, jax.nn.sigmoid …). */
  path: string;
}

const MAX_STEPS = 20_000;
const MAX_DEPTH = 200;

export class PyTranslator {
  readonly reductions: ('mean' | 'sum' | 'other')[] = [];
  readonly parameters: Record<string, number> = {};
  readonly frameworks = new Set<Framework>();
  readonly activationLogs: ActivationLog[] = [];
  /** Names that became free symbols (model outputs in free mode), in order. */
  readonly freeSymbols: string[] = [];
  /** The symbols of the prediction and the other model outputs: what a call must not use for its result to be data. */
  readonly predictions = new Set<string>();
  private readonly taken = new Set<string>();
  private readonly owners = new Map<PyNode | string, string>();
  /** Helpers being inlined, against recursion. */
  readonly inlining = new Set<PyNode>();
  private steps = 0;
  private depth = 0;

  constructor(
    readonly src: PySource,
    readonly bindings: PyBindings,
    readonly scope: PyScope,
    /**
     * Training code: a name the loss does not bind is looked up by this callback (the symbol it stands for, or the
     * node its value comes from), else becomes a symbol of its own, instead of being unreadable.
     */
    readonly freeName?: (name: string, at: PyNode) => string | { node: PyNode } | undefined,
  ) {}

  get free(): boolean {
    return this.freeName !== undefined;
  }

  numberOf(node: PyNode): number | undefined {
    return numberValue(this.src, node);
  }

  private readonly freeValues = new Map<PyNode, Expr>();
  /** Definitions of free names being read, so a definition that uses its own name does not recurse. */
  private readonly reading = new Set<PyNode>();

  claimSymbol(preferred: string, owner: PyNode | string): string {
    const known = this.owners.get(owner);
    if (known) return known;
    let base = isSymbolName(preferred) ? preferred : 'v';
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    this.owners.set(owner, name);
    return name;
  }

  /** The framework that decides precision: NumPy only when nothing else computes. */
  framework(fallback: Framework): Framework {
    for (const f of ['pytorch', 'jax', 'tensorflow', 'keras'] as const) if (this.frameworks.has(f)) return f;
    return this.frameworks.has('numpy') ? 'numpy' : fallback;
  }

  /** Binds the statements of a function body in order and returns the translation of its (first) return value. */
  body(body: PyNode, env: Env): Expr {
    return translateBody(this, body, env);
  }

  expression(node: PyNode | undefined, env: Env): Expr {
    // Half-typed code (`a if c else` with its last operand missing) leaves a hole in the tree.
    if (!node) throw new Unreadable('the code is incomplete here');
    if (++this.steps > MAX_STEPS) throw new Unreadable('the loss is too large to read', node);
    if (node.type === 'ParenthesizedExpression' && node.children.length === 1) return this.expression(node.children[0], env);
    if (this.depth >= MAX_DEPTH) throw new Unreadable('the loss is nested too deeply to read', node);
    const reductions = this.reductions.length;
    this.depth++;
    let e: Expr;
    try {
      e = this.translate(node, env);
    } finally {
      this.depth--;
    }
    if (e.text.length > MAX_EXPRESSION_LENGTH) throw new Unreadable('the loss expression is too long', node);
    return mapped(e, node.from, node.to, this.reductions.length > reductions && this.lastReduction === node);
  }

  /** The call that recorded the last reduction. */
  lastReduction?: PyNode;

  private translate(node: PyNode, env: Env): Expr {
    const src = this.src;
    switch (node.type) {
      case 'Number': {
        const v = numberValue(src, node);
        if (v === undefined) throw new Unreadable(`cannot read the number ${src.source(node)}`, node);
        return num(v, src.source(node));
      }
      case 'Boolean':
        return num(src.source(node) === 'True' ? 1 : 0);
      case 'VariableName':
        return this.name(node, env);
      case 'MemberExpression':
        return this.member(node, env);
      case 'UnaryExpression': {
        const [op, arg] = node.children;
        const a = this.expression(arg, env);
        const o = src.source(op);
        if (o === '-') return neg(a);
        if (o === '+') return a;
        if (o === 'not' || o === '~') return not(a);
        throw new Unreadable(`cannot read the operator ${o}`, node);
      }
      case 'BinaryExpression':
        return this.binaryExpression(node, env);
      case 'ConditionalExpression': {
        const [then, , test, , otherwise] = node.children;
        let t: Expr | undefined;
        try {
          t = this.expression(test, env);
        } catch (err) {
          if (!(err instanceof Unreadable)) throw err;
        }
        if (t?.tensor) return conditional(t, this.expression(then, env), this.expression(otherwise, env));
        // A setting chooses: when both choices are the same per element (`l.mean() if size_average else l.sum()`), that.
        const a = this.expression(then, env);
        if (this.expression(otherwise, env).text === a.text) return a;
        throw new Unreadable('a Python if-else over a setting, not over the tensors', node);
      }
      case 'CallExpression':
        return translateCall(this, node, env);
      case 'ArrayComprehensionExpression':
        return this.comprehension(node, env);
      case 'ArrayExpression':
        return this.list(node, env);
      default:
        throw new Unreadable(`cannot read ${describe(src, node)}`, node);
    }
  }

  /**
   * A list inside a loss: `[qs]` is its one element; a list of numbers (`[0.1, 0.5, 0.9]`, the quantiles of a
   * pinball loss) is, per element, one of its values: a setting held at the middle one. Data written out in
   * training code stays unread.
   */
  private list(node: PyNode, env: Env): Expr {
    if (node.children.length === 1) return this.expression(node.children[0], env);
    const values = node.children.map((c) => numberValue(this.src, c));
    if (this.free || values.length === 0 || values.some((v) => v === undefined)) throw new Unreadable(`cannot read ${describe(this.src, node)}`, node);
    const sorted = (values as number[]).sort((a, b) => a - b);
    const owner = node.parent?.type === 'AssignStatement' && node.parent.children[0].type === 'VariableName' ? this.src.source(node.parent.children[0]) : 'values';
    const sym = this.claimSymbol(owner, node);
    this.parameters[sym] = sorted[Math.floor((sorted.length - 1) / 2)];
    return symbol(sym, false);
  }

  /** `[max(i, eps) for i in y_pred]`: the element expression with the loop variable bound to the iterated values. */
  private comprehension(node: PyNode, env: Env): Expr {
    const kids = node.children;
    const forAt = kids.findIndex((k) => k.type === 'for');
    const variable = kids[forAt + 1];
    const iterable = kids[forAt + 3];
    if (forAt !== 1 || variable?.type !== 'VariableName' || kids[forAt + 2]?.type !== 'in' || !iterable || kids.length > forAt + 4) {
      throw new Unreadable('cannot read this comprehension', node);
    }
    const values = this.expression(iterable, env);
    return this.expression(kids[0], new Env(new Map([[this.src.source(variable), { kind: 'expr', expr: values }]]), env));
  }

  /** `np.clip(p, lo, hi, p)`, `np.clip(p, lo, hi, out=p)`, `p.clamp_(lo, hi)`: an in-place clip rebinds its target. */
  /** The last name of a call's function or method: `np.sum(e)` and `e.sum()` are both `sum`; with the reduced operand. */
  private reduction(node: PyNode, names: RegExp): PyNode | undefined {
    const n = unparen(node);
    if (n.type !== 'CallExpression') return undefined;
    const callee = unparen(n.children[0]);
    const path = this.bindings.resolve(callee);
    if (path) return names.test(path.slice(path.lastIndexOf('.') + 1)) ? callArgs(this.src, n).positional[0] : undefined;
    if (callee.type === 'MemberExpression' && callee.children[1]?.type === 'PropertyName' && names.test(this.src.source(callee.children[1]))) return callee.children[0];
    return undefined;
  }

  /** The node a local name holds (`e` of `e = np.exp(x)`), or the node itself. */
  private valueNode(node: PyNode, env: Env): PyNode {
    const n = unparen(node);
    if (n.type !== 'VariableName') return n;
    const b = env.lookup(this.src.source(n));
    return b?.kind === 'lazy' && b.node.type !== 'UpdateStatement' ? unparen(b.node) : n;
  }

  /**
   * Softmax by hand, `e / e.sum()` with `e = exp(u)`: per element, the two-class view of a softmax. With the max
   * subtracted (`u = x - x.max()`) it is `sigmoid(x)`, which cannot overflow; without, `exp(u) / (1 + exp(u))`,
   * whose exp overflows as the real one does, while its denominator stays at least 1 as a sum of exponentials does.
   */
  private softmaxByHand(left: PyNode, right: PyNode, env: Env): Expr | undefined {
    const summed = this.reduction(this.reshaped(this.valueNode(right, env)), /^(sum|reduce_sum|nansum)$/);
    const exp = this.valueNode(left, env);
    if (!summed || (this.src.source(unparen(summed)) !== this.src.source(unparen(left)) && this.src.source(this.valueNode(summed, env)) !== this.src.source(exp))) return undefined;
    const u = this.reduction(exp, /^exp$/);
    if (!u) return undefined;
    const shifted = this.valueNode(u, env);
    if (shifted.type === 'BinaryExpression' && this.src.source(shifted.children[1]) === '-') {
      const max = this.reduction(this.reshaped(shifted.children[2]), /^(max|amax|reduce_max|nanmax)$/);
      if (max && this.src.source(unparen(max)) === this.src.source(unparen(shifted.children[0]))) {
        this.reductions.push('other');
        return call('sigmoid', [this.expression(shifted.children[0], env)]);
      }
    }
    const e = this.expression(left, env);
    // `np.exp(x) / np.sum(np.exp(x))` computes exp twice: each call is its own hazard.
    const denominator = unparen(summed).type === 'CallExpression' ? this.expression(summed, env) : e;
    this.reductions.push('other');
    return binary('/', e, binary('+', num(1), denominator));
  }

  /** The tensor under shape-only calls: `np.max(x, axis=1).reshape(n, 1)`, `m.unsqueeze(1)`, `np.expand_dims(m, 1)` → the max. */
  private reshaped(node: PyNode): PyNode {
    let n = unparen(node);
    for (;;) {
      if (n.type !== 'CallExpression') return n;
      const callee = unparen(n.children[0]);
      const path = this.bindings.resolve(callee);
      if (path && /\.(expand_dims|reshape|unsqueeze)$/.test(path) && callArgs(this.src, n).positional[0]) n = unparen(callArgs(this.src, n).positional[0]);
      else if (!path && callee.type === 'MemberExpression' && /^(reshape|unsqueeze|view|expand_dims|squeeze)$/.test(this.src.source(callee.children[1] ?? callee))) n = unparen(callee.children[0]);
      else return n;
    }
  }

  private binaryExpression(node: PyNode, env: Env): Expr {
    const [left, op, right] = node.children;
    const o = op.type === 'ArithOp' || op.type === 'CompareOp' || op.type === 'BitOp' ? this.src.source(op) : op.type;
    if (o === '/') {
      const softmax = this.softmaxByHand(left, right, env);
      if (softmax) return softmax;
    }
    const a = this.expression(left, env);
    const b = this.expression(right, env);
    switch (o) {
      case '+':
      case '-':
      case '*':
      case '/':
        return binary(o, a, b);
      case '**':
        return binary('^', a, b);
      case '@':
        // A matrix product sums products of elements: per element, the product, reduced by a sum.
        this.reductions.push('sum');
        return binary('*', a, b);
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=':
        return compare(o as CompareOp, a, b);
      case 'and':
      case '&':
        return logic('and', a, b);
      case 'or':
      case '|':
        return logic('or', a, b);
      default:
        throw new Unreadable(`cannot read the operator ${o}`, node);
    }
  }

  private name(node: PyNode, env: Env): Expr {
    const name = this.src.source(node);
    const b = env.lookup(name);
    if (b) return this.binding(name, b, node);
    const constant = this.scope.constant(name);
    if (constant !== undefined) return num(constant);
    const list = this.free ? undefined : this.scope.constantList(name);
    if (list) return this.expression(list, env);
    if (this.freeName && isSymbolName(name) && !this.bindings.resolveName(name)) {
      const found = this.freeName(name, node);
      if (typeof found === 'string') {
        if (!this.freeSymbols.includes(found)) this.freeSymbols.push(found);
        return symbol(found, true);
      }
      if (found) {
        const cached = this.freeValues.get(found.node);
        if (cached) return cached;
        // `y = clip(y, …)` where y has no earlier value: inside its own definition, y is the free symbol.
        if (this.reading.has(found.node)) return this.freeSymbol(name, found.node);
        let v: Expr;
        this.reading.add(found.node);
        try {
          v = this.expression(found.node, Env.empty);
        } catch (err) {
          if (!(err instanceof Unreadable)) throw err;
          v = this.freeSymbol(name, found.node);
        } finally {
          this.reading.delete(found.node);
        }
        this.freeValues.set(found.node, v);
        return v;
      }
      return this.freeSymbol(name, name);
    }
    throw new Unreadable(`${name} is not defined in the loss`, node);
  }

  private binding(name: string, b: Binding, node: PyNode): Expr {
    if (b.kind === 'expr') return b.expr;
    if (b.kind === 'unreadable') {
      if (this.free && isSymbolName(name)) return this.freeSymbol(name, b.node ?? node);
      throw new Unreadable(b.reason, b.node ?? node);
    }
    if (b.cached) return b.cached;
    if (b.busy) throw new Unreadable(`${name} refers to itself`, node);
    b.busy = true;
    try {
      const v = b.node.type === 'UpdateStatement' ? this.update(b.node, b.env) : this.expression(b.node, b.env);
      b.cached = v;
      return v;
    } catch (err) {
      if (!(err instanceof Unreadable) || !this.free || !isSymbolName(name)) throw err;
      return (b.cached = this.freeSymbol(name, b.node));
    } finally {
      b.busy = false;
    }
  }

  /** A local whose value the lint cannot read (a model's output): a tensor symbol of its own. */
  private freeSymbol(name: string, owner: PyNode | string): Expr {
    const sym = this.claimSymbol(name, owner);
    if (!this.freeSymbols.includes(sym)) this.freeSymbols.push(sym);
    return symbol(sym, true);
  }

  private update(st: PyNode, env: Env): Expr {
    const [target, op, value] = st.children;
    const a = this.expression(target, env);
    const b = this.expression(value, env);
    const o = this.src.source(op).replace('=', '');
    if (o === '+' || o === '-' || o === '*' || o === '/') return binary(o, a, b);
    if (o === '**') return binary('^', a, b);
    throw new Unreadable(`cannot read ${this.src.source(op)}`, st);
  }

  /** A batch size or count (`Y.shape[1]`, `len(y)`, `x.size(0)`): a positive parameter, 1 per element. */
  count(node: PyNode, preferred: string): Expr {
    const assigned = node.parent?.type === 'AssignStatement' && node.parent.children[0].type === 'VariableName' ? this.src.source(node.parent.children[0]) : preferred;
    const sym = this.claimSymbol(assigned, node);
    this.parameters[sym] = 1;
    return symbol(sym, false);
  }

  private member(node: PyNode, env: Env): Expr {
    const src = this.src;
    const [object, prop] = node.children;
    if (prop?.type !== 'PropertyName') {
      const base = unparen(object);
      if (base.type === 'MemberExpression' && base.children[1]?.type === 'PropertyName' && src.source(base.children[1]) === 'shape') return this.count(node, 'n');
      const component = this.component(node, base, env);
      if (component) return component;
      return this.expression(object, env);
    }
    const path = this.bindings.resolve(node);
    if (path) {
      const last = path.slice(path.lastIndexOf('.') + 1);
      if (Object.hasOwn(CONSTANTS, last)) return num(CONSTANTS[last]);
      throw new Unreadable(`cannot read ${path}`, node);
    }
    const dotted = dottedPath(src, node);
    if (dotted && dotted.length === 2 && dotted[0] === 'self') {
      const v = this.scope.selfAttribute(node, dotted[1]);
      if (v !== undefined && Number.isFinite(v)) {
        const sym = this.claimSymbol(dotted[1], `self.${dotted[1]}`);
        this.parameters[sym] = v;
        return symbol(sym, false);
      }
      // A setting the constructor is given (`self.margin = margin`): a symbol the analysis holds at a typical value.
      if (this.scope.selfSetting(node, dotted[1])) return symbol(this.claimSymbol(dotted[1], `self.${dotted[1]}`), false);
    }
    const name = src.source(prop);
    if (name === 'T' || name === 'data' || name === 'real') return this.expression(object, env);
    const finfo = unparen(object).type === 'CallExpression' ? this.bindings.callee(unparen(object)) : undefined;
    if (finfo && /^(numpy|torch|jax\.numpy)\.finfo$/.test(finfo) && name === 'eps') {
      const type = this.src.source(unparen(object));
      return num(/16/.test(type) ? 0.0009765625 : /32/.test(type) ? 1.1920929e-7 : 2.220446049250313e-16);
    }
    if (name === 'shape' || name === 'size' || name === 'ndim') return this.count(node, 'n');
    throw new Unreadable(`cannot read ${describe(src, node)}`, node);
  }

  private readonly components = new Map<string, string[]>();

  /**
   * `y_pred[0]`, `y_pred[1]`, `y_pred[2]` (a triplet stacked in one output), `emb[triplets[:, 0]]` and
   * `emb[triplets[:, 2]]`: different items of a tensor parameter are different tensors. The first one the function
   * indexes stays the parameter's own symbol; the others are inputs of their own. Slices (`y[:, 0]`) stay the tensor.
   */
  private component(node: PyNode, base: PyNode, env: Env): Expr | undefined {
    if (base.type !== 'VariableName') return undefined;
    const index = this.src.text.slice(base.to, node.to).trim();
    if (!/^\[\s*(\d+|[A-Za-z_]\w*\[[^\[\]]*\])\s*\]$/.test(index)) return undefined;
    const name = this.src.source(base);
    const b = env.lookup(name);
    if (b?.kind !== 'expr' || !b.expr.tensor || !/^[A-Za-z_]\w*$/.test(b.expr.text)) return undefined;
    const key = `${b.expr.text}`;
    let seen = this.components.get(key);
    if (!seen) {
      const def = [...ancestors(node)].find((a) => a.type === 'FunctionDefinition');
      seen = [];
      for (const m of def ? this.src.all('MemberExpression') : []) {
        if (m.from < def!.from || m.to > def!.to || m.children[0]?.type !== 'VariableName' || this.src.source(m.children[0]) !== name) continue;
        const text = this.src.text.slice(m.children[0].to, m.to).trim().replace(/\s+/g, '');
        if (/^\[\s*(\d+|[A-Za-z_]\w*\[[^\[\]]*\])\s*\]$/.test(text) && !seen.includes(text)) seen.push(text);
      }
      this.components.set(key, seen);
    }
    const at = seen.indexOf(index.replace(/\s+/g, ''));
    if (at <= 0 || seen.length < 2) return at === 0 ? b.expr : undefined;
    const sym = this.claimSymbol(`${name}_${at}`, `${key}${seen[at]}`);
    this.parameters[sym] = heldSample(at - 1);
    return symbol(sym, true);
  }

  /** The eager selects read (`np.where(c, a, b)`, `torch.where`, `tf.where`): both branches are computed everywhere. */
  readonly wheres: { call: PyNode; test: PyNode; then: PyNode; otherwise: PyNode; op: string }[] = [];

  /** Where each select's branches and condition sit in the translated loss (once per time it was inlined). */
  eagerBranches(expr: Expr): EagerBranch[] {
    const out: EagerBranch[] = [];
    const spansOf = (n: PyNode) => expr.segments.all.filter((s) => s.fileStart === n.from && s.fileEnd === n.to);
    const op = (path: string) => path.replace(/^numpy\./, 'np.').replace(/^jax\.numpy\./, 'jnp.').replace(/^tensorflow\./, 'tf.');
    for (const w of this.wheres) {
      for (const whole of spansOf(w.call)) {
        const inside = (n: PyNode) => spansOf(n).find((s) => s.start >= whole.start && s.end <= whole.end);
        const test = inside(w.test);
        if (!test) continue;
        for (const [branch, n] of [['then', w.then], ['else', w.otherwise]] as const) {
          const span = inside(n);
          if (span) out.push({ branch, span: { start: span.start, end: span.end }, test: { start: test.start, end: test.end }, op: op(w.op) });
        }
      }
    }
    return out;
  }

}

/**
 * The value another sample is held at (the k-th besides the prediction and the target, which is held at 1): distinct
 * samples differ, so a triplet's `max(d(a, p) - d(a, n) + margin, 0)` keeps its kink instead of collapsing to a constant.
 */
export function heldSample(k: number): number {
  return k === 0 ? 1 : k === 1 ? 0 : k;
}

/** Code quoted in a message, shortened. */
export function describe(src: PySource, node: PyNode): string {
  const text = src.source(node).replace(/\s+/g, ' ');
  return text.length <= 40 ? `'${text}'` : `'${text.slice(0, 37)}…'`;
}

export { isTargetName };
export { Env, isSymbolName, Unreadable, type Binding } from './translationEnv';
