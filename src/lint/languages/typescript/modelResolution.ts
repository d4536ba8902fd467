/**
 * Finds the model a `compile` call is made on and reads its output layer: `tf.sequential({layers})`, `model.add(…)`
 * calls, functional `layer.apply(x)` chains into `tf.model({inputs, outputs})`, builders' models, `this.model`.
 */
import type * as TS from 'typescript';
import { branchedAdds, branchedModelWays, branchValues } from './branchedLayers';
import { lastIterationBindings } from './layerLoops';
import { addCalls, addsBefore, addsInHelpers, changedAt } from './modelAdds';
import { headAddedHere } from './parameterHeads';
import { requiredModule } from './moduleCalls';
import { isModelLoad, loadedOrBuilt, promisedBy, restoredModel } from './restoredModels';
import { layerMakingFunctions, modelForCall, returnedWays, returnsOf } from './builderCalls';
import { enclosingConditions, withConfiguredActivation } from './configurationChoices';
import { isSequentialBuild, layerInfo, objectLiteralOf, oneLayerModel, outputOf, type LayerInfo } from './layers';
import { arrayLiteralOf, callerConfigurations, givenLayerLists, lastMappedLayer } from './layerLists';
import { fieldAliasOf, thisAliasOf } from './thisBindings';
import { extendsSequential, ownAdds, sequentialSubclass } from './sequentialClasses';
import { registeredBuilder } from './modelRegistries';
import { declaredClassMember, destructuredHere, destructuredValues, handedOn, isPlaceholder, objectPropertyReferences, readMemberValues, thisMemberReferences, thisOwner, type Located } from './objectValues';
import { componentData } from './componentState';
import { assignmentsOfDeclaredEmpty, assignmentsTo, implicitGlobalReferences, isAssignedTo, isParameterWritten, isWrittenTo, lastAssignmentBefore, referencesTo, resolveIdentifier, type Declaration } from './scope';
import { promisedValues } from './promisedValues';
import { argumentsOf, enclosingClass, functionValue, instanceClass, instanceOf, objectLiteral, propertyOf, returnedExpressions } from './functionValues';
import type { ImportedValue } from './imports';
import { agreedModel, fromFile, mayHaveMoreOutputs, modelName, withLayersAdded, type ImportContext, type ModelInfo } from './modelInfo';
import { sharedHeadOutput } from './sharedHeads';
import { isFallback, isFunctionNode, objectProperty, propertyValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { concatenatedHeads } from './outputColumns';

export type { ImportContext, ModelInfo } from './modelInfo';
const MAX_DEPTH = 8;
const MAX_ALTERNATIVES = 4; // ways a model's output may be built, each checked on its own
/** The model `receiver` holds; `output` picks one output of a functional model with several (`tf.model({outputs: [mean, logStd]})`). */
export function resolveModel(tree: SyntaxTree, tf: TfBindings, receiver: TS.Expression, imports?: ImportContext, output?: number): ModelInfo | undefined {
  return withConfiguredActivation(new ModelResolver(tree, tf, imports, output).fromExpression(receiver, 0), MAX_ALTERNATIVES);
}
/** The functions of each file that build a model, found once per parse (for onlyModelBuilt). */
const buildersByTree = new WeakMap<SyntaxTree, Map<number | undefined, { fn: TS.Node; model: ModelInfo }[]>>();
/** A parameter named for a model (`model`, `net`, `classifier`, `trainedModel`). */
const MODEL_PARAMETER = /^(model|net|network|classifier|\w*Model)$/i;

class ModelResolver {
  constructor(
    private readonly tree: SyntaxTree,
    private readonly tf: TfBindings,
    private readonly imports?: ImportContext,
    private readonly output?: number,
  ) {}

  /** An imported builder function, class or model (`build`, or `lib.build` of a whole module): read in its own file. */
  private fromImport(ref: TS.Expression, depth: number, call?: TS.CallExpression | TS.NewExpression): ModelInfo | undefined {
    const ts = this.tree.ts;
    const [resolver, file] = [this.imports?.resolver, this.imports?.fileName ?? ''];
    const member = ts.isPropertyAccessExpression(ref) && ts.isIdentifier(ref.expression) ? ref : undefined;
    const imported = ts.isIdentifier(ref) ? resolver?.valueOf(this.tree, file, ref) : member && resolver?.memberOf(this.tree, file, member.expression as TS.Identifier, member.name.text);
    return imported ? this.fromImported(imported, depth, call) : undefined;
  }

  /** The model an imported value is or builds, read in its own file. */
  private fromImported(imported: ImportedValue, depth: number, call?: TS.CallExpression | TS.NewExpression): ModelInfo | undefined {
    const ts = this.tree.ts;
    if (!this.imports) return undefined;
    const { file, value } = imported;
    const there = new ModelResolver(file.tree, file.tf, { resolver: this.imports.resolver, fileName: file.path }, this.output);
    let model: ModelInfo | undefined;
    if (ts.isClassDeclaration(value)) model = call && ts.isNewExpression(call) ? there.fromSequentialClass(value) : undefined;
    else if (ts.isFunctionDeclaration(value) || isFunctionNode(ts, value)) model = call ? modelForCall(file.tree, value as FunctionNode, call, there.fromReturns(value as TS.FunctionLikeDeclaration, depth + 1), this.tree) : undefined;
    // `export const model = tf.sequential()` with `model.add(…)` after it: the variable there, whose adds build it.
    else if (!call) model = there.fromExpression(imported.variable ?? value, depth + 1);
    return fromFile(model, file);
  }

  fromExpression(node: TS.Expression, depth: number): ModelInfo | undefined {
    const ts = this.tree.ts;
    if (depth > MAX_DEPTH) return undefined;
    const n = unwrapExpression(ts, node);
    if (ts.isIdentifier(n)) return this.fromIdentifier(n, depth);
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) return this.fromThisProperty(n, n.expression, depth);
    // `self.model` of `var self = this`: the field of the object `this` is there.
    const self = ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) ? thisAliasOf(this.tree, n.expression) : undefined;
    if (self) return this.fromThisProperty(n as TS.PropertyAccessExpression, self, depth);
    if (ts.isPropertyAccessExpression(n)) return (ts.isIdentifier(n.expression) ? this.fromObjectProperty(n, depth) : undefined) ?? this.fromInstance(n, depth) ?? this.fromMember(n, depth);
    if (n.kind === ts.SyntaxKind.ThisKeyword) return this.fromThisClass(n);
    if (ts.isNewExpression(n)) return isSequentialBuild(ts, this.tf, n) ? this.sequential(n, []) : this.fromClass(n);
    // `model ?? this.createModel()`, `model || build()`: a model given, else the one built here.
    if (isFallback(ts, n)) return this.fromExpression(n.left, depth + 1) ?? this.fromExpression(n.right, depth + 1);
    if (ts.isConditionalExpression(n)) return loadedOrBuilt(this.tree, this.tf, n, (e) => this.fromExpression(e, depth + 1));
    if (!ts.isCallExpression(n)) return undefined;
    const path = this.tf.path(n.expression);
    if (path === 'sequential') return this.sequential(n, []);
    if (path?.startsWith('layers.')) return oneLayerModel(this.tree, this.tf, n); // `lmHead.apply(x)` of a layer: its output
    if (path === 'model') return this.functional(n);
    if (isModelLoad(this.tf, n)) return restoredModel(this.tree, n, (saved) => this.fromExpression(saved, depth + 1));
    const fn = functionValue(this.tree, n.expression);
    if (fn) return modelForCall(this.tree, fn, n, this.fromReturns(fn, depth));
    const callee = unwrapExpression(ts, n.expression);
    // `this.registerModel('m', () => build())`, `useMemo(() => build(), [])`: a helper given the builder, the model it builds.
    const builder = n.arguments.map((a) => unwrapExpression(ts, a)).find((a) => isFunctionNode(ts, a)) as TS.FunctionLikeDeclaration | undefined;
    const registered = builder ? undefined : registeredBuilder(this.tree, n);
    return this.fromImport(callee, depth, n) ?? (builder ?? registered ? this.fromReturns((builder ?? registered)!, depth + 1) : undefined);
  }

  /** `new Net()` where `class Net extends tf.Sequential` adds its layers with `this.add(…)`. */
  private fromClass(node: TS.NewExpression): ModelInfo | undefined {
    const ts = this.tree.ts;
    const callee = unwrapExpression(ts, node.expression);
    if (!ts.isIdentifier(callee)) return undefined;
    const d = resolveIdentifier(this.tree, callee);
    if (d?.kind === 'other' && ts.isClassDeclaration(d.node)) return this.fromSequentialClass(d.node);
    return d?.kind === 'other' ? this.fromImport(callee, 0, node) : undefined;
  }

  private fromSequentialClass(cls: TS.ClassLikeDeclaration): ModelInfo | undefined {
    if (!extendsSequential(this.tree, this.tf, cls)) return undefined;
    const layers = ownAdds(this.tree, cls).map((a) => this.addedLayer(a));
    return { ...outputOf(layers), layers };
  }

  private sequential(call: TS.CallExpression | TS.NewExpression, added: TS.CallExpression[], use?: TS.Node, placeOf?: (a: TS.CallExpression) => TS.Node): ModelInfo {
    const ts = this.tree.ts;
    const layers: (LayerInfo | undefined)[] = [];
    const config = call.arguments?.[0] && objectLiteralOf(this.tree, call.arguments[0]);
    const list = config ? propertyValue(ts, objectProperty(ts, config, 'layers')) : undefined;
    if (list) {
      const arr = arrayLiteralOf(this.tree, list);
      if (arr) {
        const last = arr.elements[arr.elements.length - 1];
        for (const el of arr.elements) layers.push(ts.isSpreadElement(el) ? undefined : (layerInfo(this.tree, this.tf, el) ?? (el === last ? this.nestedIn(call, el) : undefined)));
      } else {
        const given = added.length ? undefined : givenLayerLists(this.tree, this.tf, list, call, use, MAX_ALTERNATIVES);
        if (given) return given;
        layers.push(lastMappedLayer(this.tree, this.tf, list));
      }
    }
    // The output layer added one way or another (`if (numClasses === 2) model.add(sigmoid) else model.add(softmax)`): each way.
    const ways = branchedAdds(this.tree, added, use, placeOf)?.flatMap((w) => {
      const chain = [...layers, ...w.adds.map((add) => this.addedLayer(add, call))];
      const way = { ...outputOf(chain), layers: chain, when: w.when };
      // A way whose output activation is itself chosen (`activation: isClassifier ? 'softmax' : 'linear'`): each choice.
      return withConfiguredActivation(way, MAX_ALTERNATIVES)?.alternatives?.map((c) => ({ ...c, when: [...w.when, ...(c.when ?? [])] })) ?? [way];
    });
    if (ways && ways.length <= MAX_ALTERNATIVES && new Set(ways.map((a) => `${a.activationName}:${a.units}`)).size > 1) return { activation: null, activationName: null, units: null, layers: [], alternatives: ways, oneOutput: true };
    const chain = [...layers, ...added.map((add) => this.addedLayer(add, call))];
    return callerConfigurations(this.tree, this.tf, layers, added, call, use, MAX_ALTERNATIVES) ?? { ...outputOf(chain), layers: chain, oneOutput: true };
  }

  private readonly addedWhole = new Set<TS.CallExpression>();
  private readonly listsRead = new Set<TS.Node>();
  /**
   * A model placed whole at the end of a `layers:` list (`[this.featureExtractor, this.head]`): its output layer, read
   * one list at a time, so a list that holds the model it builds (`model = tf.sequential({ layers: [model, head] })`)
   * is not read round.
   */
  private nestedIn(list: TS.Node, el: TS.Expression): LayerInfo | undefined {
    if (this.listsRead.has(list)) return undefined;
    this.listsRead.add(list);
    const layer = this.nestedModelLayer(el, 0);
    this.listsRead.delete(list);
    return layer;
  }

  /** The layer `model.add(…)` adds (in a loop over a configuration array, the one its last iteration adds). */
  private addedLayer(add: TS.CallExpression, created?: TS.Node): LayerInfo | undefined {
    const arg = add.arguments[0];
    if (!arg) return undefined;
    const layer = layerInfo(this.tree, this.tf, arg, 0, lastIterationBindings(this.tree, add, created));
    if (layer || this.addedWhole.has(add)) return layer;
    // A model of the file added whole (`combined.add(head)`): its output layer; once (`a.add(b)`, `b.add(a)` go round).
    this.addedWhole.add(add);
    const whole = this.nestedModelLayer(arg, 0);
    this.addedWhole.delete(add);
    return whole;
  }

  private functional(call: TS.CallExpression): ModelInfo | undefined {
    const ts = this.tree.ts;
    const config = objectLiteralOf(this.tree, call.arguments[0]);
    let outputs = config ? propertyValue(ts, objectProperty(ts, config, 'outputs')) : undefined;
    if (!outputs) return undefined;
    const arr = unwrapExpression(ts, outputs);
    // One loss for every output: the activation every head shares (sharedHeads.ts).
    const shared = this.output === undefined ? sharedHeadOutput(this.tree, arr, (h) => this.layerChain(h)) : undefined;
    if (shared) return shared;
    if (ts.isArrayLiteralExpression(arr)) {
      const index = arr.elements.length === 1 ? 0 : this.output;
      if (index === undefined || index >= arr.elements.length || ts.isSpreadElement(arr.elements[index])) return undefined;
      outputs = arr.elements[index];
    }
    const chain = this.layerChain(outputs);
    if (chain.length > 0) return { ...outputOf(chain), layers: chain };
    // An output assigned one way or another (`policyOutput = dense(tanh)…` or `dense(softmax)…`): each way.
    const ways = branchValues(this.tree, outputs).map((v) => ({ chain: this.layerChain(v.value), when: v.when })).filter((w) => w.chain.length > 0);
    const alternatives = ways.map((w) => ({ ...outputOf(w.chain), layers: w.chain, when: w.when }));
    const distinct = new Set(alternatives.map((a) => `${a.activationName}:${a.units}`));
    return distinct.size > 1 && alternatives.length <= MAX_ALTERNATIVES ? { activation: null, activationName: null, units: null, layers: [], alternatives } : undefined;
  }

  /** The layers applied in order to make an output, followed back from it. */
  private layerChain(output: TS.Expression): LayerInfo[] {
    const chain: LayerInfo[] = [];
    let current: TS.Expression | undefined = output;
    for (let i = 0; current && i < 200; i++) {
      const applied = this.appliedLayer(current);
      if (!applied) break;
      chain.unshift(applied.layer);
      current = applied.input;
    }
    return chain;
  }

  /** `layer.apply(input)` (possibly through variables): the layer and its input. A variable assigned in branches (`output = this.buildConv(x)`
   * or `this.buildRnn(x)`) is read when every assignment gives the same layer; a helper (`return dense.apply(h)`) by what it returns. */
  private appliedLayer(node: TS.Expression, depth = 0): { layer: LayerInfo; input?: TS.Expression } | undefined {
    const ts = this.tree.ts;
    if (depth > MAX_DEPTH) return undefined;
    let n = unwrapExpression(ts, node);
    for (let i = 0; i < 5 && ts.isIdentifier(n); i++) {
      const d = resolveIdentifier(this.tree, n);
      // A head helper's parameter given layer after layer (`x = dense.apply(x); return x;`): its last value before this
      // use, when no assignment in a loop or branch comes after it.
      const given = d?.kind === 'parameter' ? lastAssignmentBefore(this.tree, n, d) : undefined;
      const use = n;
      if (given && d?.kind === 'parameter' && assignmentsTo(this.tree, n.text, d).every((a) => a.end > use.pos || a.right.pos <= given.pos)) { n = unwrapExpression(ts, given); continue; }
      if (d?.kind !== 'variable') return undefined;
      const assigned = assignmentsOfDeclaredEmpty(this.tree, n);
      // Reassigned by destructuring (`[fake, aux] = discriminator.apply(fake)`): not its first value, and not followed.
      if (referencesTo(this.tree, d.container, n.text, d).some((r) => ts.isIdentifier(r) && isWrittenTo(ts, this.tree, r) && !isAssignedTo(ts, this.tree, r))) return undefined;
      if (assigned || !d.initializer) return this.agreeing((assigned ?? []).map((a) => a.right), depth);
      // `let x = lstm.apply(input); x = dense.apply(x);`: the value the use follows, the initializer when none.
      n = unwrapExpression(ts, lastAssignmentBefore(this.tree, n, d as Declaration & { kind: 'variable' }) ?? d.initializer);
    }
    if (!ts.isCallExpression(n)) return undefined;
    const helper = functionValue(this.tree, n.expression);
    if (helper) return this.agreeing(returnedExpressions(this.tree, helper), depth);
    const callee = unwrapExpression(ts, n.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'apply') return undefined;
    // A model of the file applied like a layer (`this.decoder.apply(z)` in a VAE): its output layer.
    const layer = layerInfo(this.tree, this.tf, callee.expression) ?? this.nestedModelLayer(callee.expression, depth);
    if (!layer) return undefined;
    const arg = n.arguments[0] && unwrapExpression(ts, n.arguments[0]);
    // `concatenate().apply([features, reconstruction])`: each head's output (outputColumns.ts).
    if (arg && ts.isArrayLiteralExpression(arg)) return { layer: layer.kind === 'concatenate' ? { ...layer, parts: concatenatedHeads(this.tree, arg, (e) => this.layerChain(e)) } : layer };
    return { layer, input: arg };
  }

  /** The layer that decides the output of a model of this file used as a layer of another. */
  private nestedModelLayer(expr: TS.Expression, depth: number): LayerInfo | undefined {
    const model = this.fromExpression(expr, depth + 1);
    const layer = model && !model.file && !model.alternatives ? model.decidingLayer : undefined;
    // `tf.sequential({ name: 'policyHead', … }).apply(x)`: the output a loss per output names is the model's.
    const name = layer && modelName(this.tree, this.tf, expr);
    return layer && name ? { ...layer, modelName: name } : layer;
  }

  /** The output layer several values lead to, when they all lead to one of the same activation and units. */
  private agreeing(values: readonly TS.Expression[], depth: number): { layer: LayerInfo; input?: TS.Expression } | undefined {
    let found: { layer: LayerInfo; input?: TS.Expression } | undefined;
    for (const v of values) {
      const a = this.appliedLayer(v, depth + 1);
      if (!a) return undefined;
      if (found && (found.layer.activation !== a.layer.activation || found.layer.units !== a.layer.units || found.layer.kind !== a.layer.kind)) return undefined;
      found ??= a;
    }
    return found;
  }

  private fromReturns(fn: TS.FunctionLikeDeclaration, depth: number): ModelInfo | undefined {
    const ts = this.tree.ts;
    if (!fn.body) return undefined;
    if (!ts.isBlock(fn.body)) return this.fromExpression(fn.body, depth + 1);
    // Each return's model, under the tests that lead to it (`if (binary) { …; return model; } …; return model;`).
    // A promise's value is what it hands `await` (`return Promise.resolve(model)`); `Promise.reject(err)` hands none.
    const returns = returnsOf(ts, fn.body).flatMap((r) => (promisedValues(this.tree, r.expression) ?? [r.expression]).map((value) => ({ r, value })));
    const ways = returns.flatMap(({ r, value }) => {
      const m = this.fromExpression(value, depth + 1);
      return m ? [{ ...m, when: enclosingConditions(this.tree, r) }] : [];
    });
    // A return the lint cannot read (a tf.model with two outputs) may have more outputs than a sequential one.
    return mayHaveMoreOutputs(returnedWays(ways, MAX_ALTERNATIVES), ways.length < returns.length);
  }

  /** `this.compile(…)` inside a class that extends tf.Sequential. */
  private fromThisClass(node: TS.Node): ModelInfo | undefined {
    const cls = enclosingClass(this.tree, node);
    return cls ? this.fromSequentialClass(cls) : undefined;
  }

  private fromIdentifier(id: TS.Identifier, depth: number): ModelInfo | undefined {
    const decl = resolveIdentifier(this.tree, id);
    if (!decl) return this.fromBinding(undefined, implicitGlobalReferences(this.tree, id.text), depth);
    // A parameter the function gives a model itself (`model = tf.sequential()` in `initNetwork(model, …)`): that model.
    const own = decl.kind === 'parameter' && isParameterWritten(this.tree, decl.node) ? this.fromBinding(undefined, referencesTo(this.tree, decl.fn, id.text, decl), depth, id) : undefined;
    const head = decl.kind === 'parameter' && !own ? headAddedHere(this.tree, decl, id.text, id)?.map((add) => add && this.addedLayer(add)) : undefined;
    if (own || head) return own ?? { ...outputOf(head!), layers: head! };
    // `load(key).then((m) => …)`: the value the promise gives.
    const promised = decl.kind === 'parameter' ? promisedBy(this.tree, decl.node) : undefined;
    if (decl.kind === 'parameter') return promised ? this.fromExpression(promised, depth + 1) : this.fromArguments(decl.node, depth);
    if (decl.kind !== 'variable' && decl.kind !== 'binding' && decl.kind !== 'other') return undefined;
    const refs = referencesTo(this.tree, decl.kind === 'other' ? this.tree.file : decl.container, id.text, decl);
    const init = decl.kind === 'variable' && decl.initializer ? unwrapExpression(this.tree.ts, decl.initializer) : undefined;
    const required = init && (this.tree.ts.isPropertyAccessExpression(init) ? init.expression : init);
    // Imported (`import { model }`, `require('./net').model`) or destructured (`const { generator } = defineGan()`), and
    // not given another value or layers here (`net = …`, `net.add(…)`): the one value the code shows.
    if (!refs.some((r) => changedAt(this.tree, r)) && (decl.kind !== 'variable' || (required && requiredModule(this.tree.ts, required) !== undefined))) {
      return this.fromImport(id, depth) ?? this.fromOnly(decl.kind === 'binding' && destructuredHere(this.tree, decl.node) ? destructuredValues(this.tree, decl.node) : [], depth);
    }
    // `const model = this.model; model.add(…); model.compile(…)`: the field, as it is where the alias is used.
    const field = fieldAliasOf(this.tree, id);
    if (field) return this.fromThisProperty(field, (this.tree.ts.isIdentifier(field.expression) && thisAliasOf(this.tree, field.expression)) || field.expression, depth, id);
    return this.fromBinding(decl.kind === 'variable' ? decl.initializer : undefined, refs, depth, id);
  }

  /** `agent.actor`, `this.net.actor`, `new Net().actor`: the field of the class (of this file or another) the object is an instance of. */
  private fromInstance(access: TS.PropertyAccessExpression, depth: number): ModelInfo | undefined {
    const cls = instanceClass(this.tree, access.expression);
    const made = cls ? undefined : instanceOf(this.tree, access.expression);
    return cls ? this.classMember(cls, access.name.text, depth + 1) : made && this.importedClassMember(made, access.name.text, depth);
  }

  /** `net.model` of a builder's returned object or an object literal: the one value the code shows (not of a reassigned `let`). */
  private fromMember(access: TS.PropertyAccessExpression, depth: number): ModelInfo | undefined {
    return this.objectKept(access) ? this.fromOnly(readMemberValues(this.tree, access), depth) : undefined;
  }

  /** Whether the object a member is read from is never changed or handed on where the code holds it (`o.m`'s literal holds). */
  private objectKept(access: TS.PropertyAccessExpression): boolean {
    const o = unwrapExpression(this.tree.ts, access.expression);
    const d = this.tree.ts.isIdentifier(o) ? resolveIdentifier(this.tree, o) : undefined;
    return !(d?.kind === 'variable' && referencesTo(this.tree, d.container, (o as TS.Identifier).text, d).some((r) => changedAt(this.tree, r) || handedOn(this.tree, r)));
  }

  private fromOnly(values: Located[], depth: number): ModelInfo | undefined {
    return values.length === 1 && values[0].tree === this.tree ? this.fromExpression(values[0].node as TS.Expression, depth + 1) : undefined;
  }

  private fromThisProperty(access: TS.PropertyAccessExpression, self: TS.Expression, depth: number, use: TS.Node = access): ModelInfo | undefined {
    // `this` of a class, of a constructor function and its prototype, or of an object literal of methods.
    const owner = thisOwner(this.tree, self);
    const key = access.name.text;
    return owner ? this.fromBinding(this.declaredMember(owner, key), thisMemberReferences(this.tree, owner, key), depth, use) ?? this.fromSuperclass(owner, key, depth) : undefined;
  }

  /** The model a class's field holds, set by the class itself or by a class it extends. */
  private classMember(cls: TS.ClassLikeDeclaration, key: string, depth: number): ModelInfo | undefined {
    return this.fromBinding(this.declaredMember(cls, key), thisMemberReferences(this.tree, cls, key), depth) ?? this.fromSuperclass(cls, key, depth);
  }

  /** A field set by the class a class extends, here or imported: `this.model` built in `BaseNet`'s constructor. */
  private fromSuperclass(owner: TS.Node, key: string, depth: number): ModelInfo | undefined {
    const ts = this.tree.ts;
    if (!ts.isClassLike(owner) || depth > MAX_DEPTH) return undefined;
    const base = owner.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const id = base && unwrapExpression(ts, base);
    if (!id || !ts.isIdentifier(id)) return undefined;
    const d = resolveIdentifier(this.tree, id);
    if (d?.kind !== 'other') return undefined;
    return ts.isClassLike(d.node) ? this.classMember(d.node, key, depth + 1) : this.importedClassMember(id, key, depth);
  }

  /** The field `key` of a class another file of the project declares (`import { TransformerModel } from './model'`). */
  private importedClassMember(id: TS.Identifier, key: string, depth: number): ModelInfo | undefined {
    const imported = this.imports?.resolver.valueOf(this.tree, this.imports.fileName, id);
    if (!imported || !this.imports || !this.tree.ts.isClassDeclaration(imported.value)) return undefined;
    const there = new ModelResolver(imported.file.tree, imported.file.tf, { resolver: this.imports.resolver, fileName: imported.file.path }, this.output);
    return fromFile(there.classMember(imported.value, key, depth + 1), imported.file);
  }

  /** The value a class field (`discriminator = tf.sequential()`) or an object literal's property (`discriminator,`) is given where it is declared. */
  private declaredMember(owner: TS.Node, key: string): TS.Expression | undefined {
    const ts = this.tree.ts;
    if (ts.isObjectLiteralExpression(owner)) {
      const value = propertyOf(ts, owner, key) ?? componentData(this.tree, owner, key)[0];
      return value && !isFunctionNode(ts, value) ? value : undefined;
    }
    if (!ts.isClassLike(owner)) return undefined;
    return declaredClassMember(ts, owner, key);
  }

  /**
   * `modelRef.current`, `app.model`, `state.net`: a model kept in a property of an object the file names (a React
   * ref, a module's state), from what the file assigns to that property (`modelRef.current = model`).
   */
  private fromObjectProperty(access: TS.PropertyAccessExpression, depth: number): ModelInfo | undefined {
    // The value the object literal gives the field (`const d = { model: tf.sequential() }`), with the layers added to it,
    // unless the object is handed on or changed (`fromMember` asks the same).
    const literal = this.objectKept(access) ? objectLiteral(this.tree, access.expression) : undefined;
    return this.fromBinding(literal && propertyOf(this.tree.ts, literal, access.name.text), objectPropertyReferences(this.tree, access), depth) ?? this.fromImport(access, depth);
  }

  /** A model passed in as a parameter: what the calls of its function pass, when they all agree. */
  private fromArguments(parameter: TS.ParameterDeclaration, depth: number): ModelInfo | undefined {
    const given = argumentsOf(this.tree, parameter);
    // `export function compileModel(model) { model.compile(…) }` that no code of the file calls, beside the one
    // function of the file that builds a model (`createModel()`): that model, the one the file has to give.
    if (given.length === 0) return this.onlyModelBuilt(parameter, depth);
    const models = given.map((arg) => this.fromExpression(arg, depth + 1));
    const agreed = agreedModel(models.map((m) => () => m));
    // Calls that give different models (`train(classifier, …)`, `train(transferModel, …)`), each read: each a way the
    // function runs, whose findings name the model they are about.
    const ways = models.filter((m): m is ModelInfo => m !== undefined && !m.alternatives && m.file === undefined);
    if (agreed || ways.length < models.length || ways.length > MAX_ALTERNATIVES) return agreed;
    return { activation: null, activationName: null, units: null, layers: [], alternatives: ways.map((w) => ({ ...w, when: [] })) };
  }

  /** The model a parameter named for one stands for when the file builds exactly one, in a top-level function. */
  private onlyModelBuilt(parameter: TS.ParameterDeclaration, depth: number): ModelInfo | undefined {
    const ts = this.tree.ts;
    if (!ts.isIdentifier(parameter.name) || !MODEL_PARAMETER.test(parameter.name.text)) return undefined;
    const own = this.tree.parent(parameter);
    const byOutput = buildersByTree.get(this.tree) ?? new Map<number | undefined, { fn: TS.Node; model: ModelInfo }[]>();
    buildersByTree.set(this.tree, byOutput);
    let builders = byOutput.get(this.output);
    if (!builders) {
      builders = [];
      byOutput.set(this.output, builders);
      for (const fn of layerMakingFunctions(this.tree)) {
        const model = this.fromReturns(fn, depth + 1) ?? this.returnedModelField(fn, depth + 1);
        if (model) builders.push({ fn, model });
        if (builders.length > 2) break;
      }
    }
    const others = builders.filter((b) => b.fn !== own);
    return others.length === 1 ? others[0]!.model : undefined;
  }

  /** `return { model, data }` (or a promise resolved with it): the model the builder hands out in that field. */
  private returnedModelField(fn: FunctionNode, depth: number): ModelInfo | undefined {
    const ts = this.tree.ts;
    const fields = returnedExpressions(this.tree, fn).map((r) => unwrapExpression(ts, r)).map((r) => (ts.isObjectLiteralExpression(r) ? propertyOf(ts, r, 'model') : undefined));
    return fields.length === 1 && fields[0] ? this.fromExpression(fields[0], depth + 1) : undefined;
  }

  /**
   * A model variable: what its initializer and assignments build, plus every `.add(layer)` made on it. Values the file
   * cannot see into (a model loaded from a URL it never saves to) do not count; the others decide when they agree.
   */
  private fromBinding(initializer: TS.Expression | undefined, refs: readonly TS.Node[], depth: number, use?: TS.Node): ModelInfo | undefined {
    const ts = this.tree.ts;
    let sources: TS.Expression[] = initializer ? [initializer] : [];
    const adds: TS.CallExpression[] = [];
    // Layers a helper adds (`addHead(net)`) run, and sit in the model, where the helper is called.
    const helperAdds: { add: TS.CallExpression; call: TS.CallExpression }[] = [];
    for (const ref of refs) {
      const parent = this.tree.parent(ref);
      if (!parent) continue;
      if (ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) sources.push(parent.right);
      adds.push(...addCalls(this.tree, ref));
      helperAdds.push(...addsInHelpers(this.tree, ref));
    }
    const values = sources.filter((x) => !isPlaceholder(ts, x)).length; // `let model = null` holds no model
    // Only the layers added on the way to the use (not in the other branch, not after it, not before a return).
    if (use) adds.splice(0, adds.length, ...addsBefore(this.tree, adds, use, initializer));
    const helperCalls = new Set(use ? addsBefore(this.tree, [...new Set(helperAdds.map((h) => h.call))], use, initializer) : helperAdds.map((h) => h.call));
    const place = new Map<TS.CallExpression, number>();
    const calledAt = new Map<TS.CallExpression, TS.CallExpression>();
    helperAdds.filter((h) => helperCalls.has(h.call)).forEach((h, i, all) => {
      adds.push(h.add);
      place.set(h.add, h.call.pos + (i + 1) / (all.length + 1));
      calledAt.set(h.add, h.call);
    });
    const at = (a: TS.CallExpression) => place.get(a) ?? a.pos;
    // A method that builds the model before compiling it (`this.model = tf.sequential(); … .compile(…)`): that model.
    const functionOf = (n: TS.Node) => [...this.tree.ancestors(n)].find((a) => isFunctionNode(ts, a));
    const home = use && functionOf(use);
    // Only one such assignment, on the method's own path: one in each branch of an `if` leaves it open.
    const local = home ? sources.filter((x) => functionOf(x) === home && x.end <= use!.pos) : [];
    const branched = local.some((x) => [...this.tree.ancestors(x)].some((a) => a !== home && (ts.isIfStatement(a) || ts.isConditionalExpression(a)) && (functionOf(a) === home)));
    const builtHere = local.length === 1 && !branched;
    // `this.model = await tf.loadModel(path); this.model.compile(…)` in one block: that value, whatever else the field holds.
    const enclosing = use ? new Set(this.tree.ancestors(use)) : undefined;
    const inLine = local.filter((x) => { const st = this.tree.parent(this.tree.parent(x) ?? x); return !!st && ts.isExpressionStatement(st) && enclosing!.has(this.tree.parent(st)!); });
    const assigned = [...sources];
    if (builtHere) sources = local;
    else if (inLine.length && inLine[inLine.length - 1] === local[local.length - 1]) sources = [inLine[inLine.length - 1]!];
    const read = (source: TS.Expression) => {
      const s = unwrapExpression(ts, source);
      // `new Net()` of a class extending tf.Sequential, with layers added to it here: the class's own layers first.
      const subclass = adds.length ? sequentialSubclass(this.tree, this.tf, s) : undefined;
      if (!isSequentialBuild(ts, this.tf, s) && !subclass) {
        // The name's only value, made elsewhere (`const model = base()`, or `config.CLASSIFIER` of a module not read), that
        // gets layers here: only a Sequential model has `add`, and the last layer added is its output.
        const made = this.fromExpression(s, depth + 1);
        if (made || adds.length === 0 || values > 1) return made && adds.length && values === 1 ? withLayersAdded(made, adds.sort((a, b) => at(a) - at(b)).map((a) => this.addedLayer(a, s))) : made;
      }
      // Built in the method that compiles it: the layers that method adds, when it adds any. A shared model that each
      // builder function fills and compiles (`let model = tf.sequential()` at the top): the top's layers and its own.
      const functions = new Map(adds.map((a) => [a, functionOf(calledAt.get(a) ?? a)]));
      const where = (a: TS.CallExpression) => functions.get(a);
      const own = home ? adds.filter((a) => where(a) === home) : [];
      const shared = !builtHere && own.length > 0 && adds.some((a) => where(a) !== undefined && where(a) !== home);
      // Built here, the layers another method adds after building its own model first (`this.model = tf.sequential()`
      // then `this.model.add(…)` in `loadFromWeights`) are that model's, not this one's.
      const rebuilt = (a: TS.CallExpression) => where(a) !== home && assigned.some((x) => functionOf(x) === where(a) && x.end <= a.pos);
      const chosen = builtHere && own.length ? own : shared ? adds.filter((a) => where(a) === undefined || where(a) === home) : builtHere ? adds.filter((a) => !rebuilt(a)) : adds;
      return this.sequential(s as TS.CallExpression | TS.NewExpression, [...(subclass ? ownAdds(this.tree, subclass) : []), ...chosen.sort((a, b) => at(a) - at(b))], use, (a) => calledAt.get(a) ?? a);
    };
    return branchedModelWays(this.tree, sources, initializer, refs[0], read, MAX_ALTERNATIVES) ?? agreedModel(sources.reverse().map((source) => () => read(source)));
  }
}
