/**
 * Calls in Python loss code: library functions (torch, torch.nn.functional, numpy, jax.numpy, jax.nn, tensorflow,
 * keras.backend, keras.ops …) and the losses they name, tensor methods, builtins, helpers and lambdas of the file and
 * `self.` methods of a module class (inlined with their arguments), and calls on data alone. Library calls vote for the
 * framework; `log(softmax(x))` and `where` calls are recorded for the rules.
 */
import { binary, call, num, symbol, type Expr } from '../../engine/expression';
import { frameworkOf } from './bindings';
import { ELEMENTWISE, LOSS_FUNCTIONS, MAX_MIN, CONSTANT_CALLS, ROOT_NORM, type PyOpSpec } from './ops';
import { describe, type PyTranslator } from './translate';
import { Env, Unreadable, type Binding } from './translationEnv';
import { argument, callArgs, child, dottedPath, numberValue, parameters, returnsThroughTanh, stringValue, unparen, type CallArgs, type PyNode } from './syntax';

/** Module paths whose functions are element-wise math in one of the libraries. */
const MATH_MODULES = new Set([
  'torch', 'torch.nn.functional', 'torch.special', 'numpy', 'jax.numpy', 'jax.nn', 'jax.scipy.special', 'jax.lax', 'scipy.special', 'tensorflow',
  'tensorflow.math', 'tensorflow.nn', 'keras.backend', 'keras.ops', 'keras.activations', 'math', 'numpy.ma',
  'numpy.linalg', 'jax.numpy.linalg', 'torch.linalg', 'tensorflow.linalg',
]);


export function translateCall(tr: PyTranslator, node: PyNode, env: Env): Expr {
  const src = tr.src;
  const callee = unparen(node.children[0]);
  const args = callArgs(src, node);
  const path = tr.bindings.resolve(callee);
  if (path) return libraryCall(tr, node, path, args, env);
  if (callee.type === 'MemberExpression' && callee.children[1]?.type === 'PropertyName') {
    const dotted = dottedPath(src, callee);
    if (dotted?.[0] === 'self' && dotted.length === 2) {
      const method = tr.scope.selfMethod(callee, dotted[1]);
      if (method) return inline(tr, method, args, env, node, true);
    }
    const method = src.source(callee.children[1]);
    return methodCall(tr, node, method, callee.children[0], args, env);
  }
  if (callee.type === 'VariableName') {
    const name = src.source(callee);
    const local = env.lookup(name);
    if (local?.kind === 'lazy' && unparen(local.node).type === 'LambdaExpression') return inline(tr, unparen(local.node), args, local.env, node, false);
    const def = local ? undefined : tr.scope.function(name, node);
    // A helper named for an activation is that activation, unless it is a sigmoid computed through tanh
    // (`0.5 * (1 + np.tanh(0.5 * z))`), which saturates as tanh does (exactly 0 from z = -38 in float64): read as written.
    if (def && /^(sigmoid|softmax|log_softmax|expit|relu|softplus|tanh)$/.test(name) && args.positional.length === 1 && !(/^(sigmoid|expit)$/.test(name) && returnsThroughTanh(src, def))) {
      return apply(tr, node, ELEMENTWISE[name === 'expit' ? 'sigmoid' : name], args, env, undefined, name);
    }
    if (def) return inline(tr, def, args, env, node, false);
    if (name === 'len') return tr.count(node, 'n');
    if (name === 'abs' || name === 'max' || name === 'min' || name === 'pow' || name === 'float' || name === 'sum') return builtin(tr, node, name, args, env);
  }
  return dataOnly(tr, node, args, env, undefined) ?? unreadable(`cannot read the call ${describe(src, callee)}`, node);
}

function builtin(tr: PyTranslator, node: PyNode, name: string, args: CallArgs, env: Env): Expr {
  const a = args.positional.map((p) => tr.expression(p, env));
  if (name === 'float' && a.length === 1) return a[0];
  if (name === 'sum' && a.length === 1) {
    tr.reductions.push('sum');
    tr.lastReduction = node;
    return a[0];
  }
  if (name === 'abs' && a.length === 1) return call('abs', a);
  if (name === 'pow' && a.length === 2) return binary('^', a[0], a[1]);
  if ((name === 'max' || name === 'min') && a.length >= 2) return call(name, a);
  throw new Unreadable(`cannot read ${name}() here`, node);
}

function libraryCall(tr: PyTranslator, node: PyNode, path: string, args: CallArgs, env: Env): Expr {
  const fw = frameworkOf(path);
  const dot = path.lastIndexOf('.');
  const module = dot < 0 ? '' : path.slice(0, dot);
  const last = path.slice(dot + 1);
  if (Object.hasOwn(LOSS_FUNCTIONS, path)) {
    if (fw) tr.frameworks.add(fw);
    return apply(tr, node, LOSS_FUNCTIONS[path], args, env, undefined);
  }
  if (!MATH_MODULES.has(module)) return dataOnly(tr, node, args, env, undefined) ?? unreadable(`cannot read ${path}`, node);
  if (fw) tr.frameworks.add(fw);
  if (Object.hasOwn(CONSTANT_CALLS, last) && args.positional.length === 0) return num(CONSTANT_CALLS[last]);
  if (MAX_MIN.has(last)) return maxMin(tr, node, last, args, env, undefined);
  if ((last === 'norm' || last === 'vector_norm') && /^(jax|tensorflow|keras)\b/.test(module)) return apply(tr, node, ROOT_NORM, args, env, undefined, path);
  if (Object.hasOwn(ELEMENTWISE, last)) return apply(tr, node, ELEMENTWISE[last], args, env, undefined, path);
  return dataOnly(tr, node, args, env, undefined) ?? unreadable(`cannot read ${path}`, node);
}

/**
 * A call the lint does not model, made on data alone (`F.one_hot(target, n)`, `np.argmax(y, 1)`, `mask.fill_(1)`):
 * its result is data too, a symbol of its own, since nothing of the prediction flows through it. Undefined when an
 * argument uses a model output or cannot be read, when there is no prediction to tell data from, or when the
 * arguments are constants alone (their result could be any number).
 */
function dataOnly(tr: PyTranslator, node: PyNode, args: CallArgs, env: Env, receiver: PyNode | undefined): Expr | undefined {
  if (tr.predictions.size === 0 || args.spread) return undefined;
  const values: Expr[] = [];
  for (const a of [...(receiver ? [receiver] : []), ...args.positional, ...args.keywords.values()]) {
    const n = unparen(a);
    if (n.type === 'String' || n.type === 'FormatString' || n.type === 'Boolean' || n.type === 'None') continue;
    try {
      values.push(tr.expression(a, env));
    } catch (err) {
      if (err instanceof Unreadable) return undefined;
      throw err;
    }
  }
  const names = values.flatMap((v) => v.text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  if (names.some((n) => tr.predictions.has(n)) || !values.some((v) => /[A-Za-z_]/.test(v.text.replace(/\d[eE][+-]?\d/g, '')))) return undefined;
  // Named as the code names the value (`old_log_probs = torch.stack(…)`), which may say what it is; else after the call.
  const holder = node.parent?.type === 'AssignStatement' && node.parent.children[0]?.type === 'VariableName' ? tr.src.source(node.parent.children[0]) : undefined;
  const callee = unparen(node.children[0]);
  const last = callee.type === 'MemberExpression' ? callee.children[callee.children.length - 1] : callee;
  return symbol(tr.claimSymbol(holder ?? (last ? tr.src.source(last) : 'v'), node), false);
}

function methodCall(tr: PyTranslator, node: PyNode, method: string, receiver: PyNode, args: CallArgs, env: Env): Expr {
  if (MAX_MIN.has(method)) return maxMin(tr, node, method, args, env, receiver);
  if (method === 'item' || method === 'numpy' || method === 'tolist' || method === 'requires_grad_') return tr.expression(receiver, env);
  if (method === 'size' || method === 'numel' || method === 'dim') return tr.count(node, 'n');
  if (Object.hasOwn(ELEMENTWISE, method)) return apply(tr, node, ELEMENTWISE[method], args, env, receiver, `.${method}`);
  const name = method.endsWith('_') ? method.slice(0, -1) : '';
  if (name && Object.hasOwn(ELEMENTWISE, name)) return apply(tr, node, ELEMENTWISE[name], args, env, receiver, `.${name}`);
  return dataOnly(tr, node, args, env, receiver) ?? unreadable(`cannot read the method .${method}()`, node);
}

/** `torch.max(a, b)` is element-wise; `x.max()`, `torch.max(x, dim=1)` reduce. */
function maxMin(tr: PyTranslator, node: PyNode, fn: string, args: CallArgs, env: Env, receiver: PyNode | undefined): Expr {
  const values = receiver ? [receiver, ...args.positional] : args.positional;
  if (!values[0]) throw new Unreadable(`missing an argument of ${describe(tr.src, node)}`, node);
  const second = values[1];
  if (second && numberValue(tr.src, second) === undefined && !args.keywords.has('dim') && !args.keywords.has('axis')) {
    return call(fn, [tr.expression(values[0], env), tr.expression(second, env)]);
  }
  tr.reductions.push('other');
  tr.lastReduction = node;
  return tr.expression(values[0], env);
}

function apply(tr: PyTranslator, node: PyNode, op: PyOpSpec, args: CallArgs, env: Env, receiver: PyNode | undefined, path?: string): Expr {
  const values: (Expr | undefined)[] = [];
  const texts: (string | undefined)[] = [];
  const nodes: (PyNode | undefined)[] = [];
  op.args.forEach((spec, i) => {
    const [position, ...names] = spec;
    let arg: PyNode | undefined;
    if (receiver && position === 0) arg = receiver;
    else arg = argument(args, receiver ? position - 1 : position, ...names);
    if (arg && unparen(arg).type === 'None') arg = undefined;
    if (!arg && i < op.required) throw new Unreadable(`missing an argument of ${describe(tr.src, node)}`, node);
    const text = arg && op.textArgs?.includes(i) ? stringValue(tr.src, unparen(arg)) : undefined;
    values.push(arg && text === undefined ? tr.expression(arg, env) : undefined);
    texts.push(text);
    nodes.push(arg);
  });
  if (op === ELEMENTWISE.where && path && !receiver && nodes[0] && nodes[1] && nodes[2]) tr.wheres.push({ call: node, test: nodes[0], then: nodes[1], otherwise: nodes[2], op: path });
  if (op.activation && path) noteActivation(tr, node, op.activation, receiver, args, path);
  const e = op.build(values, texts);
  if (!e) throw new Unreadable(`cannot read ${describe(tr.src, node)}`, node);
  if (op.reduction) {
    tr.reductions.push(op.reduction);
    tr.lastReduction = node;
  }
  return e;
}


/** Records `log(softmax(x))` and `log(sigmoid(x))`, whose stable forms are library functions. */
function noteActivation(tr: PyTranslator, node: PyNode, kind: PyOpSpec['activation'], receiver: PyNode | undefined, args: CallArgs, path: string): void {
  if (kind !== 'softmax' && kind !== 'sigmoid') return;
  const parent = node.parent?.type === 'ArgList' ? node.parent.parent : node.parent?.type === 'MemberExpression' ? node.parent.parent : undefined;
  if (!parent || parent.type !== 'CallExpression') return;
  const outer = unparen(parent.children[0]);
  const outerPath = tr.bindings.resolve(outer);
  const isLog = outerPath ? outerPath.endsWith('.log') : outer.type === 'MemberExpression' && tr.src.source(outer.children[1] ?? outer) === 'log' && unparen(outer.children[0]) === node;
  if (!isLog) return;
  const input = receiver ?? args.positional[0];
  if (!input) return;
  const rest = receiver ? args.positional.map((a) => tr.src.source(a)) : args.positional.slice(1).map((a) => tr.src.source(a));
  for (const [k, v] of args.keywords) rest.push(`${k}=${tr.src.source(v)}`);
  tr.activationLogs.push({ log: parent, activation: node, kind, input, rest: rest.join(', '), path });
}

function inline(tr: PyTranslator, def: PyNode, args: CallArgs, env: Env, node: PyNode, method: boolean): Expr {
  if (tr.inlining.has(def)) throw new Unreadable('a recursive helper', node);
  const params = parameters(tr.src, def).filter((p, i) => !(method && i === 0 && p.name === 'self'));
  const vars = new Map<string, Binding>();
  params.forEach((p, i) => {
    const arg = args.keywords.get(p.name) ?? (args.spread ? undefined : args.positional[i]);
    if (arg) vars.set(p.name, { kind: 'expr', expr: tr.expression(arg, env) });
    else if (p.default) vars.set(p.name, { kind: 'lazy', node: p.default, env: Env.empty });
    else vars.set(p.name, { kind: 'unreadable', reason: `${p.name} is not passed`, node });
  });
  tr.inlining.add(def);
  try {
    const inner = new Env(vars, Env.empty);
    if (def.type === 'LambdaExpression') return tr.expression(def.children[def.children.length - 1], inner);
    return tr.body(child(def, 'Body')!, inner);
  } finally {
    tr.inlining.delete(def);
  }
}

function unreadable(message: string, node: PyNode): never {
  throw new Unreadable(message, node);
}
