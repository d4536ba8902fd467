/**
 * What a model's output is: the activation it ends in and its units. Follows a tensor back to where it is made:
 * `out = model(x)` to `model = Net()`, a class's `forward` (or Keras `call`) to its last op (`F.softmax(x, dim=1)`,
 * `self.sigmoid(x)`, `self.fc(x)` with `self.fc = nn.Linear(64, 10)`), `nn.Sequential(…)` and Keras
 * `Sequential([…])` / `model.add(…)` to their last layer, the functional API (`Dense(1, activation='sigmoid')(x)`,
 * `Model(inputs, outputs)`), builder functions, and classes imported from other files of the project.
 */
import type { Activation } from '../../../core';
import type { PyFile } from './pyFile';
import { ancestors, argument, callArgs, child, definedName, dottedPath, numberValue, parameters, returnsThroughTanh, statements, stringValue, unparen, type PyNode } from './syntax';

export interface ModelOutput {
  activation: Activation | null;
  /** As the code names it: `softmax`, `log_softmax`, `hard_sigmoid` … */
  activationName: string | null;
  units: number | null;
  /** The file and node that decide the activation (the output layer, the activation call). */
  file: PyFile;
  layer?: PyNode;
  /** How the activation is written, for fixes that change or remove it. */
  form?: ActivationForm;
  /** Exactly 0 within the logits a model gives, whatever the format: a sigmoid helper computed through tanh. */
  zeroReachable?: boolean;
}

export type ActivationForm =
  /** A Keras layer's `activation=` argument (the value node), or none given (`call`: the layer constructor). */
  | { kind: 'keras-argument'; value?: PyNode; call: PyNode }
  /** An activation function applied to `input` (`F.softmax(x, dim=1)`, `x.softmax(1)`, `self.softmax(x)`). */
  | { kind: 'call'; call: PyNode; input: PyNode; path: string }
  /** An activation module or layer in a sequence (`nn.Softmax(dim=1)` in nn.Sequential, `Activation('softmax')`). */
  | { kind: 'sequence-item'; item: PyNode; list: PyNode };

const NAMES: Readonly<Record<string, { activation: Activation; name: string }>> = {
  softmax: { activation: 'softmax', name: 'softmax' }, Softmax: { activation: 'softmax', name: 'softmax' },
  sigmoid: { activation: 'sigmoid', name: 'sigmoid' }, Sigmoid: { activation: 'sigmoid', name: 'sigmoid' }, expit: { activation: 'sigmoid', name: 'sigmoid' },
  hard_sigmoid: { activation: 'sigmoid', name: 'hard_sigmoid' }, Hardsigmoid: { activation: 'sigmoid', name: 'hard_sigmoid' },
  log_softmax: { activation: 'linear', name: 'log_softmax' }, LogSoftmax: { activation: 'linear', name: 'log_softmax' },
  logsigmoid: { activation: 'linear', name: 'logsigmoid' }, LogSigmoid: { activation: 'linear', name: 'logsigmoid' }, log_sigmoid: { activation: 'linear', name: 'logsigmoid' },
  linear: { activation: 'linear', name: 'linear' }, Identity: { activation: 'linear', name: 'linear' },
  relu: { activation: 'relu', name: 'relu' }, ReLU: { activation: 'relu', name: 'relu' }, relu6: { activation: 'relu', name: 'relu6' },
  tanh: { activation: 'tanh', name: 'tanh' }, Tanh: { activation: 'tanh', name: 'tanh' },
  softplus: { activation: 'softplus', name: 'softplus' }, Softplus: { activation: 'softplus', name: 'softplus' },
  elu: { activation: 'elu', name: 'elu' }, ELU: { activation: 'elu', name: 'elu' },
  selu: { activation: 'linear', name: 'selu' }, gelu: { activation: 'linear', name: 'gelu' }, GELU: { activation: 'linear', name: 'gelu' },
  swish: { activation: 'linear', name: 'swish' }, silu: { activation: 'linear', name: 'silu' }, leaky_relu: { activation: 'linear', name: 'leaky_relu' },
  LeakyReLU: { activation: 'linear', name: 'leaky_relu' }, exponential: { activation: 'relu', name: 'exponential' },
};

/** Layers that pass their input's activation through. */
const TRANSPARENT = /^(Dropout\w*|Flatten|Reshape|Identity|SpatialDropout\w+|AlphaDropout|GaussianNoise|Unflatten|Permute|Squeeze)$/;
const KERAS_WITH_ACTIVATION = /^(Dense|Conv[123]D|Conv[123]DTranspose|SeparableConv[12]D|DepthwiseConv[12]D|LocallyConnected[12]D|EinsumDense)$/;
const RECURRENT = /^(LSTM|GRU|SimpleRNN|Bidirectional|CuDNNLSTM|CuDNNGRU|ConvLSTM[123]D)$/;
const MAX_DEPTH = 24;
/** Tensor methods that change shape, type or device, not values: the output passes through. */
const SHAPE_ONLY = /^(squeeze|unsqueeze|view|view_as|reshape|flatten|float|double|half|contiguous|to|cpu|cuda|detach|clone|permute|transpose|type|type_as|expand|expand_as|repeat|narrow|select)$/;

export class ModelResolver {
  private depth = 0;
  private readonly seen = new Set<PyNode>();

  /** The output of a tensor expression at `expr` in `file`. */
  output(file: PyFile, expr: PyNode): ModelOutput | undefined {
    if (this.depth > MAX_DEPTH || this.seen.has(expr)) return undefined;
    this.depth++;
    this.seen.add(expr);
    try {
      return this.outputOf(file, unparen(expr));
    } finally {
      this.depth--;
      this.seen.delete(expr);
    }
  }

  private outputOf(file: PyFile, e: PyNode): ModelOutput | undefined {
    const src = file.src;
    if (e.type === 'VariableName' || (e.type === 'MemberExpression' && dottedPath(src, e)?.[0] === 'self')) {
      const value = this.valueOf(file, e);
      if (value?.partial && value.index !== undefined && unparen(value.node).type === 'CallExpression') return this.tupleElement(value.file, unparen(value.node), value.index);
      return value && !value.partial ? this.output(value.file, value.node) : undefined;
    }
    if (e.type === 'MemberExpression' && e.children[1]?.type !== 'PropertyName') return this.output(file, e.children[0]);
    if (e.type !== 'CallExpression') return undefined;
    const callee = unparen(e.children[0]);
    const args = callArgs(src, e);
    const path = file.bindings.resolve(callee);
    if (path) {
      const last = path.slice(path.lastIndexOf('.') + 1);
      if (/^(torch|numpy\.random|jax\.random)\.(randn|normal|standard_normal|randn_like)$/.test(path)) return { activation: 'linear', activationName: `${last} values`, units: null, file, layer: e };
      const known = Object.hasOwn(NAMES, last) && /^(torch|numpy|jax|tensorflow|keras|scipy)/.test(path) && !/^[A-Z]/.test(last) ? NAMES[last] : undefined;
      const input = argument(args, 0, 'input', 'x', 'logits', 'features');
      if (known && input) return { ...known, activationName: known.name, units: this.output(file, input)?.units ?? null, file, layer: e, form: { kind: 'call', call: e, input, path } };
      return undefined;
    }
    if (callee.type === 'CallExpression') return this.layerOutput(file, callee, e);
    if (callee.type === 'VariableName' && /^(sigmoid|softmax|log_softmax|expit)$/.test(src.source(callee)) && file.scope.function(src.source(callee), e)) {
      const known = NAMES[src.source(callee)];
      const input = args.positional[0];
      // `def sigmoid(z): return 0.5 * (1 + np.tanh(0.5 * z))` saturates as tanh does: exactly 0 from z = -38 in float64.
      const throughTanh = known.activation === 'sigmoid' && returnsThroughTanh(src, file.scope.function(src.source(callee), e)!);
      if (input) return { ...known, activationName: known.name, units: null, file, layer: e, form: { kind: 'call', call: e, input, path: src.source(callee) }, ...(throughTanh ? { zeroReachable: true } : {}) };
    }
    if (callee.type === 'MemberExpression' && callee.children[1]?.type === 'PropertyName') {
      const method = src.source(callee.children[1]);
      const receiver = callee.children[0];
      if (Object.hasOwn(NAMES, method) && /^[a-z]/.test(method)) {
        const known = NAMES[method];
        return { ...known, activationName: known.name, units: this.output(file, receiver)?.units ?? null, file, layer: e, form: { kind: 'call', call: e, input: receiver, path: `.${method}` } };
      }
      if (method === 'forward' || method === 'predict' || method === 'call' || method === '__call__') return this.objectOutput(file, receiver, e);
      if (SHAPE_ONLY.test(method)) return this.output(file, receiver);
      if (dottedPath(src, callee)?.[0] !== 'self') return undefined;
    }
    return this.objectOutput(file, callee, e);
  }

  /** A list of layers a configuration builds into a Sequential model (`'model': [Dense(…), …, Dense(1, activation=…)]`). */
  layers(file: PyFile, list: PyNode): ModelOutput | undefined {
    return this.sequential(file, list, { positional: [list], keywords: new Map(), spread: false });
  }

  /** The output of the model object `ref` refers to (`model` in `model.compile(…)`). */
  modelOf(file: PyFile, ref: PyNode): ModelOutput | undefined {
    return this.objectOutput(file, ref, ref);
  }

  /** Element `index` of what a model call returns, when its forward returns a tuple (`return realfake, classes`). */
  private tupleElement(file: PyFile, call: PyNode, index: number): ModelOutput | undefined {
    const callee = unparen(call.children[0]);
    const value = this.valueOf(file, callee);
    if (!value || value.partial) return undefined;
    const ctor = unparen(value.node);
    if (ctor.type !== 'CallExpression') return undefined;
    const name = dottedPath(value.file.src, unparen(ctor.children[0]))?.join('.');
    const local = name ? value.file.scope.classNamed(name) : undefined;
    const imported = !local && name ? value.file.importedDefinition(name) : undefined;
    const cls = local ? { file: value.file, def: local } : imported?.def.type === 'ClassDefinition' ? imported : undefined;
    return cls ? this.classOutput(cls.file, cls.def, index) : undefined;
  }

  /** What calling the object `ref` returns: a model instance, a layer, a module, a builder's result. */
  private objectOutput(file: PyFile, ref: PyNode, applied: PyNode): ModelOutput | undefined {
    if (ref.type === 'VariableName' && file.src.source(ref) === 'self') {
      // `self(x)`, `self.__call__(x)` in a model's own training method: what its forward returns.
      const cls = file.values.classOfNode(ref);
      const method = cls && [...ancestors(ref)].find((a) => a.type === 'FunctionDefinition');
      return cls && method && !/^(forward|call|__call__)$/.test(definedName(file.src, method) ?? '') ? this.classOutput(file, cls) : undefined;
    }
    const value = this.valueOf(file, ref);
    if (!value || value.partial) return undefined;
    const out = this.constructed(value.file, unparen(value.node), applied);
    return out;
  }

  /** The output of the object a constructor (or builder) call makes. */
  constructed(file: PyFile, ctor: PyNode, applied?: PyNode): ModelOutput | undefined {
    if (this.depth > MAX_DEPTH) return undefined;
    this.depth++;
    try {
      return this.constructedInner(file, ctor, applied);
    } finally {
      this.depth--;
    }
  }

  private constructedInner(file: PyFile, ctor: PyNode, applied?: PyNode): ModelOutput | undefined {
    const src = file.src;
    if (ctor.type !== 'CallExpression') {
      if (ctor.type === 'VariableName' || ctor.type === 'MemberExpression') {
        const v = this.valueOf(file, ctor);
        return v && !v.partial ? this.constructed(v.file, unparen(v.node), applied) : undefined;
      }
      return undefined;
    }
    const callee = unparen(ctor.children[0]);
    if (callee.type === 'MemberExpression' && callee.children[1]?.type === 'PropertyName' && /^(cuda|cpu|to|eval|train|double|float|half)$/.test(src.source(callee.children[1]))) {
      return this.constructed(file, unparen(callee.children[0]), applied);
    }
    const path = file.bindings.resolve(callee);
    const name = path ? path.slice(path.lastIndexOf('.') + 1) : callee.type === 'VariableName' ? src.source(callee) : undefined;
    const args = callArgs(src, ctor);
    const ownClass = !path && callee.type === 'VariableName' && name ? (file.scope.classNamed(name) ?? (file.importedDefinition(name)?.def.type === 'ClassDefinition' ? file.importedDefinition(name) : undefined)) : undefined;
    if (ownClass) return 'def' in ownClass ? this.classOutput(ownClass.file, ownClass.def) : this.classOutput(file, ownClass);
    if (name === 'Sequential' && (path === undefined || /^(torch\.nn|keras)/.test(path))) return this.sequential(file, ctor, args);
    if ((name === 'Model' || name === 'Functional') && (path === undefined || path.startsWith('keras'))) {
      const outputs = argument(args, 1, 'outputs');
      const list = outputs && unparen(outputs);
      if (list && (list.type === 'ArrayExpression' || list.type === 'TupleExpression')) return list.children.length === 1 ? this.output(file, list.children[0]) : undefined;
      return outputs ? this.output(file, outputs) : undefined;
    }
    if (path?.startsWith('torch.nn.') || path?.startsWith('keras.layers.') || (path === undefined && name && (KERAS_WITH_ACTIVATION.test(name) || name === 'Activation' || name === 'Softmax' || name === 'TimeDistributed'))) {
      return this.layerOutput(file, ctor, applied);
    }
    if (!path && callee.type === 'MemberExpression') {
      const dotted = dottedPath(src, callee);
      const imported = dotted?.length === 2 ? file.importedDefinition(dotted.join('.')) : undefined;
      if (imported?.def.type === 'ClassDefinition') return this.classOutput(imported.file, imported.def);
      if (imported?.def.type === 'FunctionDefinition') return this.builderOutput(imported.file, imported.def);
    }
    if (path) return undefined;
    if (callee.type === 'VariableName' && name) {
      const local = file.scope.classNamed(name);
      if (local) return this.classOutput(file, local);
      const fn = file.scope.function(name, ctor);
      if (fn && fn.type === 'FunctionDefinition') return this.builderOutput(file, fn);
      const imported = file.importedDefinition(name);
      if (imported?.def.type === 'ClassDefinition') return this.classOutput(imported.file, imported.def);
      if (imported?.def.type === 'FunctionDefinition') return this.builderOutput(imported.file, imported.def);
    }
    return undefined;
  }

  /** A builder function's returned model (`def build_model(): … return model`). */
  private builderOutput(file: PyFile, fn: PyNode): ModelOutput | undefined {
    const rets = returns(child(fn, 'Body'));
    const last = rets[rets.length - 1];
    const value = last?.children.find((c) => c.type !== 'return');
    return value ? this.constructed(file, unparen(value)) : undefined;
  }

  /** An nn.Module's `forward` or a Keras Model subclass's `call`: what its last return statement returns. */
  private classOutput(file: PyFile, cls: PyNode, index?: number): ModelOutput | undefined {
    const method = file.scope.method(cls, 'forward') ?? file.scope.method(cls, 'call');
    if (!method) return undefined;
    const rets = returns(child(method, 'Body'));
    const last = rets[rets.length - 1];
    const value = last?.children.find((c) => c.type !== 'return');
    if (!value) return undefined;
    const v = unparen(value);
    const tuple = v.type === 'TupleExpression' ? v.children : last.children.filter((c) => c.type !== 'return').length > 1 ? last.children.filter((c) => c.type !== 'return') : undefined;
    if (tuple) return index !== undefined && tuple[index] ? this.output(file, tuple[index]) : undefined;
    return index === undefined ? this.output(file, value) : undefined;
  }

  private sequential(file: PyFile, ctor: PyNode, args: ReturnType<typeof callArgs>): ModelOutput | undefined {
    const src = file.src;
    let items: PyNode[] = [];
    let list: PyNode | undefined;
    const first = args.positional[0] ? unparen(args.positional[0]) : undefined;
    if (first && (first.type === 'ArrayExpression' || first.type === 'TupleExpression')) {
      list = first;
      items = first.children;
    } else if (args.positional.length > 0 && !args.spread) {
      list = child(ctor, 'ArgList');
      items = args.positional;
    }
    const assigned = ctor.parent?.type === 'AssignStatement' ? ctor.parent.children[0] : undefined;
    if (assigned) {
      const target = src.source(assigned);
      const next = file.assignmentsTo(target).find((a) => a.from > ctor.to);
      for (const call of file.callsTo(`${target}.add`)) {
        if (call.from <= ctor.to || (next && call.from >= next.from)) continue;
        if (call.children[0].type !== 'MemberExpression') continue;
        const layer = callArgs(src, call).positional[0];
        if (layer) {
          items = [...items, layer];
          list = undefined;
        }
      }
    }
    for (let i = items.length - 1; i >= 0; i--) {
      const item = unparen(items[i]);
      const name = this.layerName(file, item);
      if (name && TRANSPARENT.test(name)) continue;
      // A block built before the sequence and listed by name (`linear3 = nn.Sequential(…, nn.Softmax())`).
      if (item.type === 'VariableName') return this.constructed(file, item);
      const out = this.layerOutput(file, item, undefined);
      if (!out) return undefined;
      if (out.units === null && out.form?.kind === 'sequence-item') out.units = this.unitsBefore(file, items, i);
      if (list && (out.form?.kind === 'sequence-item' || (out.form === undefined && out.activation !== null))) {
        if (out.form?.kind === 'sequence-item') out.form = { kind: 'sequence-item', item, list };
      }
      return out;
    }
    return undefined;
  }

  private unitsBefore(file: PyFile, items: PyNode[], i: number): number | null {
    for (let j = i - 1; j >= 0; j--) {
      const name = this.layerName(file, unparen(items[j]));
      if (name && TRANSPARENT.test(name)) continue;
      return this.layerOutput(file, unparen(items[j]), undefined)?.units ?? null;
    }
    return null;
  }

  private layerName(file: PyFile, ctor: PyNode): string | undefined {
    if (ctor.type !== 'CallExpression') return undefined;
    const callee = unparen(ctor.children[0]);
    const path = file.bindings.resolve(callee);
    if (path) return path.slice(path.lastIndexOf('.') + 1);
    const d = dottedPath(file.src, callee);
    return d?.[d.length - 1];
  }

  /** A layer or module constructor (`Dense(1, activation='sigmoid')`, `nn.Linear(64, 10)`, `nn.Softmax(dim=1)`), possibly applied to an input. */
  private layerOutput(file: PyFile, ctor: PyNode, applied: PyNode | undefined): ModelOutput | undefined {
    const src = file.src;
    const name = this.layerName(file, ctor);
    if (!name) return undefined;
    const args = callArgs(src, ctor);
    const input = applied ? callArgs(src, applied).positional[0] : undefined;
    if (name === 'TimeDistributed' || name === 'Bidirectional') {
      const inner = args.positional[0] && unparen(args.positional[0]);
      return inner ? this.layerOutput(file, inner, undefined) : undefined;
    }
    if (name === 'Linear' || name === 'LazyLinear' || name === 'Bilinear') {
      const units = unitCount(numberValue(src, argument(args, name === 'LazyLinear' ? 0 : name === 'Bilinear' ? 2 : 1, 'out_features') ?? ctor));
      return { activation: 'linear', activationName: 'linear', units, file, layer: ctor };
    }
    if (KERAS_WITH_ACTIVATION.test(name)) {
      const units = unitCount(numberValue(src, argument(args, 0, 'units', 'filters') ?? ctor));
      const value = argument(args, name === 'Dense' ? 1 : 99, 'activation');
      const known = value ? this.activationValue(file, value) : NAMES.linear;
      if (!known) return undefined;
      return { ...known, activationName: known.name, units: name === 'Dense' ? units : null, file, layer: ctor, form: { kind: 'keras-argument', value, call: ctor } };
    }
    if (name === 'Activation') {
      const value = argument(args, 0, 'activation');
      const known = value ? this.activationValue(file, value) : undefined;
      if (!known) return undefined;
      const units = input ? (this.output(file, input)?.units ?? null) : null;
      return { ...known, activationName: known.name, units, file, layer: ctor, form: { kind: 'sequence-item', item: ctor, list: ctor } };
    }
    if (RECURRENT.test(name)) return { activation: 'tanh', activationName: 'tanh', units: null, file, layer: ctor };
    if (Object.hasOwn(NAMES, name) && /^[A-Z]/.test(name)) {
      const known = NAMES[name];
      const units = input ? (this.output(file, input)?.units ?? null) : null;
      if (applied && input) return { ...known, activationName: known.name, units, file, layer: applied, form: { kind: 'call', call: applied, input, path: name } };
      return { ...known, activationName: known.name, units, file, layer: ctor, form: { kind: 'sequence-item', item: ctor, list: ctor } };
    }
    if (name === 'Sequential') return this.sequential(file, ctor, args);
    return undefined;
  }

  /** `'softmax'`, `None`, `tf.nn.softmax`, `keras.activations.sigmoid`, `"log_softmax"`. */
  private activationValue(file: PyFile, value: PyNode): { activation: Activation; name: string } | undefined {
    const v = unparen(value);
    if (v.type === 'None') return NAMES.linear;
    const s = stringValue(file.src, v);
    const name = s ?? file.bindings.resolve(v)?.split('.').pop() ?? (v.type === 'VariableName' ? file.src.source(v) : undefined);
    return name !== undefined && Object.hasOwn(NAMES, name) ? NAMES[name] : undefined;
  }

  /** The node a name or `self.attr` was last given, in this file or the project file it is imported from. */
  private valueOf(file: PyFile, ref: PyNode): { file: PyFile; node: PyNode; partial?: boolean; index?: number } | undefined {
    const src = file.src;
    const dotted = dottedPath(src, ref);
    if (!dotted) return undefined;
    if (dotted[0] === 'self' && dotted.length === 2) {
      const cls = file.values.classOfNode(ref);
      const a = cls && file.values.selfValue(dotted[1], cls);
      return a && { file, node: a.value, partial: a.partial };
    }
    if (dotted.length !== 1) return undefined;
    const a = file.values.assigned(dotted[0], ref);
    if (a) return { file, node: a.value, partial: a.partial, index: a.index };
    return this.argumentOf(file, dotted[0], ref);
  }

  /** A parameter of the function around `ref` (`def train(model, loader)`): the argument its callers pass. */
  private argumentOf(file: PyFile, name: string, ref: PyNode): { file: PyFile; node: PyNode } | undefined {
    const def = [...ancestors(ref)].find((a) => a.type === 'FunctionDefinition');
    const fnName = def && definedName(file.src, def);
    if (!def || !fnName) return undefined;
    const params = parameters(file.src, def);
    const index = params.findIndex((p) => p.name === name);
    if (index < 0) return undefined;
    const offset = params[0]?.name === 'self' ? 1 : 0;
    for (const call of file.src.all('CallExpression')) {
      const callee = file.src.source(call.children[0]);
      if (callee !== fnName && callee !== `self.${fnName}`) continue;
      const arg = argument(callArgs(file.src, call), index - offset, name);
      if (arg) return { file, node: arg };
    }
    return undefined;
  }
}

function returns(body: PyNode | undefined): PyNode[] {
  const out: PyNode[] = [];
  for (const st of statements(body)) {
    if (st.type === 'ReturnStatement') out.push(st);
    for (const c of st.children) if (c.type === 'Body') out.push(...returns(c));
  }
  return out;
}

/** Units as written when they are a count; null for `float('inf')`, `0`, `2.5`, or when unreadable. */
function unitCount(n: number | undefined): number | null {
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : null;
}
