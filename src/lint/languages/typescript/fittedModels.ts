/**
 * Which model a `fit` call trains, against the one a compile call configures: the same variable or field (`modelKey`),
 * or a value the functions and classes that compile it give out (`const model = build(4)`, `new Classifier().model`,
 * a function's parameter given the compiled model at its calls). Target evidence reads only the fits of that model.
 */
import type * as TS from 'typescript';
import { callsOf, constructionsOf, functionValue, returnedExpressions } from './functionValues';
import { objectPropertyAssignments, thisMemberReferences, thisMemberValues, thisOwner } from './objectValues';
import { assignmentsTo, constValueOf, resolveIdentifier } from './scope';
import { isFallback, isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { fieldAliasOf, thisAliasOf } from './thisBindings';

const MAX_BUILDER_DEPTH = 6;
/** Values one search for where a fitted model comes from may look at (assignments can fan out). */
const MAX_BUILDER_STEPS = 200;
const MAX_REFERENCES = 50;

/** One search for a fitted model's origin: the builders that give out the compiled model, its field name, the values seen. */
export interface Builders {
  nodes: ReadonlySet<TS.Node>;
  /** The calls that give a function's parameter the compiled model, by function (`train(model, xs, ys)`). */
  via: Map<TS.Node, TS.CallExpression[]>;
  /** The compiled model's own key: a function's parameter given it at a call is it. */
  model?: TS.Node | string;
  name?: string;
  seen: Set<TS.Node>;
  left: number;
}

/** A search for the model a compile call configures: its key, name and the builders around the call. */
export function modelSearch(tree: SyntaxTree, call: TS.Node, compiled: TS.Expression): Builders {
  const ts = tree.ts;
  const name = ts.isIdentifier(compiled) ? compiled.text : ts.isPropertyAccessExpression(compiled) ? compiled.name.text : undefined;
  return { nodes: buildersOf(tree, call, compiled), via: new Map(), model: modelKey(tree, compiled), name, seen: new Set(), left: MAX_BUILDER_STEPS };
}

/**
 * The functions and classes around a compile call that give out the model it compiles: a function that returns
 * the compiled variable (`return model`), a class whose field it is (`this.model.compile`).
 */
function buildersOf(tree: SyntaxTree, call: TS.Node, compiled: TS.Expression): Set<TS.Node> {
  const ts = tree.ts;
  const declaration = ts.isIdentifier(compiled) ? resolveIdentifier(tree, compiled)?.node : undefined;
  const field = ts.isPropertyAccessExpression(compiled) && compiled.expression.kind === ts.SyntaxKind.ThisKeyword;
  const returnsModel = (fn: FunctionNode) => declaration !== undefined && returnedExpressions(tree, fn).some((r) => {
    const e = unwrapExpression(ts, r);
    return ts.isIdentifier(e) && resolveIdentifier(tree, e)?.node === declaration;
  });
  const owner = field ? thisOwner(tree, compiled) : undefined;
  return new Set([...tree.ancestors(call)].filter((a) => (isFunctionNode(ts, a) && returnsModel(a)) || a === owner));
}

/**
 * Whether a fitted model comes from a function or class that compiles it, in this file: `const model = build(4)`,
 * `model = await createModel()`, `new Classifier().model`, `this.net = buildNet()`. A field must be the one
 * compiled (`trainer.critic` is not the `this.actor` the class compiles).
 */
export function builtBy(tree: SyntaxTree, expr: TS.Expression, builders: Builders, depth: number): boolean {
  const ts = tree.ts;
  if (depth > MAX_BUILDER_DEPTH || builders.seen.has(expr) || --builders.left < 0) return false;
  builders.seen.add(expr);
  const e = unwrapExpression(ts, expr);
  if (ts.isIdentifier(e)) {
    // `this.model = model` after `model.compile(…)`: the compiled variable itself.
    if (builders.model !== undefined && modelKey(tree, e) === builders.model) return true;
    const d = resolveIdentifier(tree, e);
    // `function optimize(model, batch) { model.fit(…) }` called with the compiled model (a DQN's replay step).
    if (d?.kind === 'parameter') {
      const fn = tree.parent(d.node);
      const gives = (a: TS.Expression | undefined): boolean => a !== undefined && ((builders.model !== undefined && modelKey(tree, a) === builders.model) || builtBy(tree, a, builders, depth + 1));
      // `constructor(m) { this.net = m; }` with `new Classifier(model)`: the model every construction gives it.
      if (fn && ts.isConstructorDeclaration(fn) && ts.isClassLike(fn.parent)) {
        // Constructions that pass nothing there (`new Classifier()`) hold no model to train.
        const index = fn.parameters.indexOf(d.node);
        const made = constructionsOf(tree, fn.parent).filter((c) => c.arguments?.[index] !== undefined);
        return index >= 0 && made.length > 0 && made.every((c) => gives(c.arguments?.[index]));
      }
      const index = fn && isFunctionNode(ts, fn) ? fn.parameters.indexOf(d.node) : -1;
      if (!fn || index < 0) return false;
      const giving = callsOf(tree, fn as FunctionNode).filter((c) => gives(c.arguments[index]));
      if (giving.length > 0) builders.via.set(fn, giving);
      return giving.length > 0;
    }
    if (d?.kind !== 'variable') return false;
    const values = [...(d.initializer ? [d.initializer] : []), ...assignmentsTo(tree, e.text, d).map((a) => a.right)];
    return values.slice(0, MAX_REFERENCES).some((v) => builtBy(tree, v, builders, depth + 1));
  }
  if (ts.isPropertyAccessExpression(e)) {
    const self = ts.isIdentifier(e.expression) ? thisAliasOf(tree, e.expression) : undefined;
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword || self) return thisMemberValues(tree, self ?? e, e.name.text).some((v) => builtBy(tree, v, builders, depth + 1));
    if (e.name.text === builders.name && builtBy(tree, e.expression, builders, depth + 1)) return true;
    // `this.neuralModel.model.fit(…)` after `this.neuralModel.model = model` in another method of the class.
    if (nestedFieldValues(tree, e).some((v) => (builders.model !== undefined && modelKey(tree, v) === builders.model) || builtBy(tree, v, builders, depth + 1))) return true;
    // `modelRef.current.fit(…)` after `modelRef.current = model`: what the file puts in that property.
    return objectPropertyAssignments(tree, e).some((v) => (builders.model !== undefined && modelKey(tree, v) === builders.model) || builtBy(tree, v, builders, depth + 1));
  }
  // `isEval ? tf.loadLayersModel(url) : this.build()`, `cached ?? build()`: either way may be the model trained.
  if (ts.isConditionalExpression(e)) return builtBy(tree, e.whenTrue, builders, depth + 1) || builtBy(tree, e.whenFalse, builders, depth + 1);
  if (isFallback(ts, e)) return builtBy(tree, e.left, builders, depth + 1) || builtBy(tree, e.right, builders, depth + 1);
  if (ts.isCallExpression(e)) {
    const fn = functionValue(tree, e.expression);
    return fn !== undefined && builders.nodes.has(fn);
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const d = resolveIdentifier(tree, e.expression);
    const cls = d?.kind === 'other' ? d.node : d?.kind === 'variable' ? d.initializer : undefined;
    return cls !== undefined && builders.nodes.has(cls);
  }
  return false;
}

/** What the class assigns to a field of one of its fields (`this.neuralModel.model = model`), in any of its methods. */
function nestedFieldValues(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.Expression[] {
  const ts = tree.ts;
  const holder = unwrapExpression(ts, access.expression);
  if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== ts.SyntaxKind.ThisKeyword) return [];
  const owner = thisOwner(tree, holder);
  return (owner ? thisMemberReferences(tree, owner, holder.name.text) : []).flatMap((ref) => {
    const field = tree.parent(ref);
    const assigned = field && ts.isPropertyAccessExpression(field) && field.expression === ref && field.name.text === access.name.text ? tree.parent(field) : undefined;
    return assigned && ts.isBinaryExpression(assigned) && assigned.left === field && assigned.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [assigned.right] : [];
  });
}

/** The same model: the same declaration, or the same `this.x` of the same class. */
export function modelKey(tree: SyntaxTree, expr: TS.Expression): TS.Node | string | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, expr);
  if (ts.isIdentifier(e)) {
    // `const model = this.model; model.compile(…)` in one method and `this.model.fit(…)` in another: the field.
    const field = fieldAliasOf(tree, e);
    return (field && modelKey(tree, field)) ?? resolveIdentifier(tree, e)?.node ?? `global:${e.text}`;
  }
  // `self.model` of `var self = this` is `this.model`.
  const self = ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) ? thisAliasOf(tree, e.expression) : undefined;
  if (ts.isPropertyAccessExpression(e) && (e.expression.kind === ts.SyntaxKind.ThisKeyword || self)) {
    // The same field of the same class, or of the same object of methods (a Vue component's `this.model`).
    const owner = thisOwner(tree, self ?? e);
    return owner ? `${owner.pos}:${e.name.text}` : undefined;
  }
  // `this.neuralModel.model`: a field of an object a field of the class holds (`this.neuralModel = { model: null, … }`).
  const inner = ts.isPropertyAccessExpression(e) ? unwrapExpression(ts, e.expression) : undefined;
  if (inner && ts.isPropertyAccessExpression(inner) && inner.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const held = modelKey(tree, inner);
    if (typeof held === 'string') return `${held}.${(e as TS.PropertyAccessExpression).name.text}`;
  }
  // A model kept in an entry of a const table (`const c = train_configs[id]; c.model.fit(…)` in one function and
  // `c.model.compile(…)` in another): the same field of the table's entries.
  const entry = ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) ? tableEntryKey(tree, e.expression) : undefined;
  if (entry) return `${entry}.${(e as TS.PropertyAccessExpression).name.text}`;
  // A model kept in a field of an object or a React ref (`modelRef.current`, `state.model`): the same field of it,
  // when the file gives that field one model (a field given a classifier here and a regressor there is two models).
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && objectPropertyAssignments(tree, e).length <= 1) {
    const owner = resolveIdentifier(tree, e.expression)?.node;
    return `${owner ? owner.pos : `global:${e.expression.text}`}.${e.name.text}`;
  }
  return undefined;
}

/** `const c = TABLE[id]` (or `TABLE.deep`) of a const table of the file: the table and the entry, as a key. */
function tableEntryKey(tree: SyntaxTree, id: TS.Identifier): string | undefined {
  const ts = tree.ts;
  const init = constValueOf(tree, id);
  if (!init || !(ts.isElementAccessExpression(init) || ts.isPropertyAccessExpression(init))) return undefined;
  const base = unwrapExpression(ts, init.expression);
  const value = ts.isIdentifier(base) ? constValueOf(tree, base) : undefined;
  if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
  // An entry by name, or any entry of a table of one (`train_configs[id]` of `{ deep: {…} }` is `train_configs.deep`).
  const named = ts.isPropertyAccessExpression(init) ? init.name.text : ts.isStringLiteralLike(init.argumentExpression) ? init.argumentExpression.text : undefined;
  const only = value.properties.length === 1 && value.properties[0]!.name && ts.isIdentifier(value.properties[0]!.name) ? value.properties[0]!.name.text : undefined;
  return `table@${value.pos}:${named ?? only ?? '*'}`;
}
