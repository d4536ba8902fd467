/**
 * A compile that a helper of another file does with what this file gives it: `compileModel(build(3),
 * 'categoricalCrossentropy')` of `export function compileModel(model, lossName) { model.compile({ optimizer: 'adam',
 * loss: lossName }); }` in `./train`. The helper cannot know the model or the loss; this file says both, so the compile
 * is read here, as if written at the call: its model is the argument given for the parameter the helper compiles, its
 * loss the argument given for the loss (a parameter, or the `loss` of an options object the helper is given), and the
 * finding and its fix are where this file writes them. An imported class is read the same way: `new Trainer(model,
 * { loss })` then `t.compile()`, whose method compiles `this.model` with options its constructor or a setter took.
 * Only the project's own modules that call `.compile(` are read (imports.ts), each helper with one compile of a
 * parameter (or field) it does not give another value.
 */
import type * as TS from 'typescript';
import { objectLiteralOf, stringOf } from './layers';
import { isPlaceholder } from './objectValues';
import { readLossList, type CompileCall } from './compileSite';
import { callsByName } from './functionValues';
import { resolveModel } from './modelResolution';
import type { ImportContext } from './modelInfo';
import type { ModuleFile } from './parsedFiles';
import { isParameterWritten, resolveIdentifier } from './scope';
import { isFunctionNode, objectProperty, propertyValue, stringValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const MAX_HELPER_CALLS = 40;
/** Names of compiling modules looked for (each a search of the text): a file importing hundreds stays bounded. */
const MAX_HELPER_NAMES = 40;

/** The compiles imported helpers do with what this file's calls give them. */
export function importedCompileCalls(tree: SyntaxTree, tf: TfBindings, imports: ImportContext, outOfTime: () => boolean): CompileCall[] {
  const ts = tree.ts;
  const out: CompileCall[] = [];
  // A file that hands a model and its loss on speaks of a model or of training (a look-up in the parser's names).
  if (!tree.mayHaveName('model', 'sequential', 'loss', 'fit', 'fitDataset', 'trainOnBatch', 'loadLayersModel', 'compile')) return out;
  // Only the names of modules that compile something are followed: each module is read as text, once.
  const imported = importedNames(tree);
  const compiling = new Set([...new Set(imported.map((i) => i.spec))].filter((spec) => imports.resolver.callsCompile(spec, imports.fileName)));
  for (const { name, whole } of imported.filter((i) => compiling.has(i.spec)).slice(0, MAX_HELPER_NAMES)) {
    if (outOfTime()) return out;
    const direct = [...callsByName(tree, name, 'call', MAX_HELPER_CALLS)].filter((c): c is TS.CallExpression => ts.isCallExpression(c) && unwrapExpression(ts, c.expression).kind === ts.SyntaxKind.Identifier && givesLoss(tree, c.arguments));
    const members = whole ? memberCalls(tree, name).filter((c) => givesLoss(tree, c.arguments)) : [];
    const made = [...callsByName(tree, name, 'new', MAX_HELPER_CALLS)].filter((c): c is TS.NewExpression => ts.isNewExpression(c) && instanceGivesLoss(tree, c));
    if (direct.length + members.length + made.length === 0) continue;
    for (const call of [...direct, ...members]) {
      if (outOfTime()) return out;
      const callee = unwrapExpression(ts, call.expression);
      const imported = ts.isIdentifier(callee)
        ? imports.resolver.valueOf(tree, imports.fileName, callee)
        : ts.isPropertyAccessExpression(callee)
          ? imports.resolver.memberOf(tree, imports.fileName, unwrapExpression(ts, callee.expression) as TS.Identifier, callee.name.text)
          : undefined;
      const fn = imported && helperFunction(imported.file.tree, imported.value);
      const cc = fn && compileAtCall(tree, tf, imports, imported.file, fn, call);
      if (cc) out.push(cc);
    }
    for (const instance of made) {
      if (outOfTime()) return out;
      const imported = imports.resolver.valueOf(tree, imports.fileName, unwrapExpression(ts, instance.expression) as TS.Identifier);
      const declared = imported && declarationOf(imported.file.tree, imported.value);
      const cls = declared && ts.isClassDeclaration(declared) ? declared : undefined;
      const cc = cls && imported && compileOfInstance(tree, tf, imports, imported.file.tree, cls, instance);
      if (cc) out.push(cc);
    }
  }
  return out;
}

/**
 * `const t = new Trainer(build(3), { loss: 'categoricalCrossentropy' }); t.compile();` of an imported class whose
 * `compile()` does `this.model.compile({ loss: this.options.loss })`: the fields are what the constructor (or a setter
 * this file calls once, `t.setCompileOptions({ … })`) is given for them here.
 */
function compileOfInstance(tree: SyntaxTree, tf: TfBindings, imports: ImportContext, helper: SyntaxTree, cls: TS.ClassDeclaration, made: TS.NewExpression): CompileCall | undefined {
  const ts = tree.ts;
  const hts = helper.ts;
  const holder = tree.parent(made);
  const instance = holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder : undefined;
  const found = instance ? onlyFieldCompile(helper, cls) : undefined;
  if (!instance || !found) return undefined;
  // Calls of the instance's methods in this file, by method name.
  const methodCalls = (method: string) => [...callsByName(tree, method, 'call', MAX_HELPER_CALLS)].filter((c): c is TS.CallExpression => {
    const callee = unwrapExpression(ts, c.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? unwrapExpression(ts, callee.expression) : undefined;
    return !!receiver && ts.isIdentifier(receiver) && resolveIdentifier(tree, receiver)?.node === instance;
  });
  const method = found.method;
  const runs = hts.isConstructorDeclaration(method) || (method.name && hts.isIdentifier(method.name) && (methodCalls(method.name.text).length > 0 || calledInConstructor(helper, cls, method.name.text)));
  if (!runs) return undefined;
  // What the code of this file gives a parameter of one of the class's methods (the constructor: the `new` here).
  const argumentFor = (param: TS.ParameterDeclaration): TS.Expression | undefined => {
    const fn = helper.parent(param);
    if (!fn || param.dotDotDotToken || isParameterWritten(helper, param)) return undefined;
    const index = (fn as TS.SignatureDeclaration).parameters.indexOf(param);
    if (hts.isConstructorDeclaration(fn)) return made.arguments?.[index];
    const name = hts.isMethodDeclaration(fn) && hts.isIdentifier(fn.name) ? fn.name.text : undefined;
    const calls = name ? methodCalls(name) : [];
    return calls.length === 1 ? calls[0]!.arguments[index] : undefined;
  };
  const field = (key: string) => fieldArgument(helper, cls, key, argumentFor);
  const valueOf = (e: TS.Expression): TS.Expression | undefined => {
    const u = unwrapExpression(hts, e);
    const key = thisField(hts, u);
    if (key !== undefined) return field(key);
    if (hts.isIdentifier(u)) {
      const d = resolveIdentifier(helper, u);
      return d?.kind === 'parameter' && d.fn === method ? argumentFor(d.node) : undefined;
    }
    return undefined;
  };
  const modelArg = field(found.field);
  const loss = modelArg && givenLoss(tree, helper, found.call, valueOf);
  if (!modelArg || !loss) return undefined;
  const { lossProperty, lossValue, metrics } = loss;
  const losses = readLossList(tree, tf, lossValue);
  if (losses.length === 0) return undefined;
  // `train(xs, ys) { return this.model.fit(xs, ys); }` called here as `t.train(xs, ys)`: the targets given.
  const fitted = fitTargets(helper, cls, (e) => thisField(hts, e) === found.field, (id) => {
    const d = resolveIdentifier(helper, id);
    return d?.kind === 'parameter' ? argumentFor(d.node) : undefined;
  });
  return { call: made, lossProperty, losses, metrics, model: resolveModel(tree, tf, modelArg, imports), receiver: modelArg, ...(fitted ? { targets: fitted } : {}) };
}

/** `this.name`: the name of the field, else undefined. */
function thisField(ts: typeof TS, e: TS.Expression): string | undefined {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(e.name) ? e.name.text : undefined;
}

/** The one `this.field.compile(…)` of a class's methods, with the method it is in. */
function onlyFieldCompile(tree: SyntaxTree, cls: TS.ClassDeclaration): { call: TS.CallExpression; field: string; method: TS.MethodDeclaration | TS.ConstructorDeclaration } | undefined {
  const ts = tree.ts;
  const found = methodCallsIn(tree, cls, 'compile').flatMap((call) => {
    const method = cls.members.find((m) => m.pos <= call.pos && call.end <= m.end);
    return method && (ts.isMethodDeclaration(method) || ts.isConstructorDeclaration(method)) && method.body ? [{ call, method }] : [];
  });
  const field = found.length === 1 ? thisField(ts, receiverOf(ts, found[0]!.call)) : undefined;
  return field ? { ...found[0]!, field } : undefined;
}

/** `x` of a call `x.method(…)` (as methodCallsIn finds them). */
function receiverOf(ts: typeof TS, call: TS.CallExpression): TS.Expression {
  return unwrapExpression(ts, (unwrapExpression(ts, call.expression) as TS.PropertyAccessExpression).expression);
}

/** The calls `x.method(…)` within a node, from the file's index of calls by name. */
function methodCallsIn(tree: SyntaxTree, scope: TS.Node, method: string): TS.CallExpression[] {
  const ts = tree.ts;
  return [...callsByName(tree, method, 'call')].filter((c): c is TS.CallExpression => ts.isCallExpression(c) && scope.pos <= c.pos && c.end <= scope.end && ts.isPropertyAccessExpression(unwrapExpression(ts, c.expression)));
}

function calledInConstructor(tree: SyntaxTree, cls: TS.ClassDeclaration, method: string): boolean {
  const ts = tree.ts;
  const ctor = cls.members.find((m) => ts.isConstructorDeclaration(m));
  return !!ctor && new RegExp(`\\bthis\\s*\\.\\s*${method.replace(/\$/g, '\\$')}\\s*\\(`).test(tree.source(ctor));
}

/**
 * What this file gives a field of the class: the argument given for the parameter every assignment of the field
 * writes, not counting a placeholder (`this.options = null`); undefined where the class gives it a value of its own.
 */
export function fieldArgument(tree: SyntaxTree, cls: TS.ClassDeclaration, key: string, argumentFor: (p: TS.ParameterDeclaration) => TS.Expression | undefined): TS.Expression | undefined {
  const ts = tree.ts;
  const given: TS.Expression[] = [];
  let other = false;
  const visit = (n: TS.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrapExpression(ts, n.left);
      if (thisField(ts, left) === key) {
        const right = unwrapExpression(ts, n.right);
        const d = ts.isIdentifier(right) ? resolveIdentifier(tree, right) : undefined;
        if (d?.kind === 'parameter') {
          const a = argumentFor(d.node);
          if (a) given.push(a);
          else other = true;
        } else if (!isPlaceholder(ts, right)) other = true;
      }
    }
    ts.forEachChild(n, visit);
  };
  for (const m of cls.members) {
    // `constructor(private model: tf.LayersModel)`: a parameter property is its field.
    if (ts.isConstructorDeclaration(m)) for (const p of m.parameters) if (ts.isParameterPropertyDeclaration(p, m) && ts.isIdentifier(p.name) && p.name.text === key) {
      const a = argumentFor(p);
      if (a) given.push(a);
      else other = true;
    }
    visit(m);
  }
  return !other && given.length === 1 ? given[0] : undefined;
}

/** Words of a loss as code gives one (`loss: …`, `'categoricalCrossentropy'`, `tf.losses.meanSquaredError`, `lossName`). */
const LOSS_WORDS = /loss|entropy|squared|absolute|hinge|huber|logcosh|poisson|kullback|cosine|\bms[el]\b|\bmae\b|\bmape\b/i;

/**
 * Whether a call's arguments may give a loss: one says a loss word, or names a const that does. Calls of imported
 * helpers that give none (most of a project's calls) are not followed into their files.
 */
function givesLoss(tree: SyntaxTree, args: readonly TS.Expression[] | undefined): boolean {
  const ts = tree.ts;
  return !!args?.some((a) => {
    if (LOSS_WORDS.test(tree.source(a))) return true;
    const u = unwrapExpression(ts, a);
    const d = ts.isIdentifier(u) ? resolveIdentifier(tree, u) : undefined;
    return d?.kind === 'variable' && !!d.initializer && LOSS_WORDS.test(tree.source(d.initializer));
  });
}

/** Whether an instance is given a loss: at its `new`, or by a call of one of its methods (a setter). */
function instanceGivesLoss(tree: SyntaxTree, made: TS.NewExpression): boolean {
  const ts = tree.ts;
  if (givesLoss(tree, made.arguments)) return true;
  const holder = tree.parent(made);
  if (!holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return false;
  const name = holder.name.text;
  return [...tree.text.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*\\(`, 'g'))].some((m) => {
    const n = tree.nodeAt(m.index, m.index + name.length);
    const call = n && tree.parent(tree.parent(n) ?? n);
    return !!call && ts.isCallExpression(call) && givesLoss(tree, call.arguments);
  });
}

/** `lib.fn(…)` calls of a whole module's name. */
function memberCalls(tree: SyntaxTree, name: string): TS.CallExpression[] {
  const ts = tree.ts;
  const out: TS.CallExpression[] = [];
  for (const m of tree.text.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*\\(`, 'g'))) {
    if (out.length >= MAX_HELPER_CALLS) break;
    const id = tree.nodeAt(m.index, m.index + name.length);
    const access = id && tree.parent(id);
    const call = access && ts.isPropertyAccessExpression(access) ? tree.parent(access) : undefined;
    if (call && ts.isCallExpression(call) && unwrapExpression(ts, call.expression) === access) out.push(call);
  }
  return out;
}

/** The local names this file imports from its own project's modules (`import { a } from './m'`, `const m = require('./m')`). */
function importedNames(tree: SyntaxTree): { name: string; spec: string; whole?: true }[] {
  const ts = tree.ts;
  const names: { name: string; spec: string; whole?: true }[] = [];
  const local = (spec: TS.Expression | undefined) => {
    const s = spec && stringValue(ts, unwrapExpression(ts, spec));
    return s !== undefined && s.startsWith('.') ? s : undefined;
  };
  for (const st of tree.file.statements) {
    const from = ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly ? local(st.moduleSpecifier) : undefined;
    if (from && ts.isImportDeclaration(st)) {
      const c = st.importClause!;
      if (c.name) names.push({ name: c.name.text, spec: from });
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) names.push({ name: c.namedBindings.name.text, spec: from, whole: true });
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) for (const el of c.namedBindings.elements) if (!el.isTypeOnly) names.push({ name: el.name.text, spec: from });
    }
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && unwrapExpression(ts, d.initializer);
        const spec = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' ? local(init.arguments[0]) : undefined;
        if (!spec) continue;
        // `const Trainer = require('./trainer')`: a module's single export (called, or made with `new`) or all of them (`lib.fn(…)`).
        if (ts.isIdentifier(d.name)) names.push({ name: d.name.text, spec, whole: true });
        if (ts.isObjectBindingPattern(d.name)) for (const el of d.name.elements) if (ts.isIdentifier(el.name)) names.push({ name: el.name.text, spec });
      }
    }
  }
  return names;
}

function helperFunction(tree: SyntaxTree, value: TS.Node): FunctionNode | undefined {
  const ts = tree.ts;
  const v = declarationOf(tree, value);
  return v && isFunctionNode(ts, v) && v.body ? v : undefined;
}

/** What an exported value is: a declaration, or the function, class or const a name exported (`module.exports = Trainer`) stands for. */
function declarationOf(tree: SyntaxTree, value: TS.Node): TS.Node | undefined {
  const ts = tree.ts;
  if (ts.isFunctionDeclaration(value) || ts.isClassDeclaration(value)) return value;
  const v = unwrapExpression(ts, value as TS.Expression);
  if (!ts.isIdentifier(v)) return v;
  const d = resolveIdentifier(tree, v);
  if (d?.kind === 'function') return d.node;
  if (d?.kind === 'variable') return d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return d?.kind === 'other' && ts.isClassDeclaration(d.node) ? d.node : undefined;
}

/** The one `p.compile(…)` of a helper's body, `p` a parameter the helper does not reassign. */
function onlyCompile(tree: SyntaxTree, fn: FunctionNode): { call: TS.CallExpression; model: number; receiver: TS.Identifier } | undefined {
  const ts = tree.ts;
  const found = fn.body ? methodCallsIn(tree, fn.body, 'compile') : [];
  if (found.length !== 1) return undefined;
  const call = found[0]!;
  const receiver = receiverOf(ts, call);
  const index = ts.isIdentifier(receiver) ? parameterIndex(tree, fn, receiver) : -1;
  return index >= 0 && ts.isIdentifier(receiver) ? { call, model: index, receiver } : undefined;
}

/** The index of the helper's parameter a name is, when the helper never gives it another value; else -1. */
function parameterIndex(tree: SyntaxTree, fn: FunctionNode, id: TS.Identifier): number {
  const d = resolveIdentifier(tree, id);
  if (d?.kind !== 'parameter' || d.fn !== fn || d.node.dotDotDotToken || isParameterWritten(tree, d.node)) return -1;
  return fn.parameters.indexOf(d.node);
}

/** The helper's compile, as this call gives it its model and its loss; undefined when this file does not give the loss. */
function compileAtCall(tree: SyntaxTree, tf: TfBindings, imports: ImportContext, file: ModuleFile, fn: FunctionNode, call: TS.CallExpression): CompileCall | undefined {
  const ts = tree.ts;
  const helper = file.tree;
  const compile = onlyCompile(helper, fn);
  const modelArg = compile && call.arguments[compile.model];
  if (!compile || !modelArg || ts.isSpreadElement(modelArg) || call.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
  const given = (id: TS.Identifier) => {
    const i = parameterIndex(helper, fn, id);
    return i >= 0 ? call.arguments[i] : undefined;
  };
  // The helper's parameters are what this call gives them.
  const loss = givenLoss(tree, helper, compile.call, (e) => {
    const u = unwrapExpression(helper.ts, e);
    return helper.ts.isIdentifier(u) ? given(u) : undefined;
  });
  if (!loss) return undefined;
  const { lossProperty, lossValue, metrics } = loss;
  const losses = readLossList(tree, tf, lossValue);
  if (losses.length === 0) return undefined;
  // `trainModel(model, xs, ys, loss)` that also fits `model.fit(xs, ys)`: the targets this call gives.
  const fitted = fitTargets(helper, fn, (e) => helper.ts.isIdentifier(e) && e.text === compile.receiver.text, given);
  return { call, lossProperty, losses, metrics, model: resolveModel(tree, tf, modelArg, imports), receiver: modelArg, ...(fitted ? { targets: fitted } : {}) };
}

/**
 * The targets a helper fits the compiled model on, as the caller gives them: `model.fit(xs, ys)` in the helper, `ys` a
 * parameter (or field) whose argument this file writes. Undefined when the helper fits on anything else, or twice.
 */
function fitTargets(helper: SyntaxTree, scope: TS.Node, isModel: (e: TS.Expression) => boolean, given: (id: TS.Identifier) => TS.Expression | undefined): TS.Expression | undefined {
  const ts = helper.ts;
  const fits = methodCallsIn(helper, scope, 'fit').filter((c) => isModel(receiverOf(ts, c)));
  const ys = fits.length === 1 ? fits[0]!.arguments[1] : undefined;
  const u = ys && unwrapExpression(ts, ys);
  return u && ts.isIdentifier(u) ? given(u) : undefined;
}

/**
 * The loss a helper's `compile(config)` is given, as this file writes it: `valueOf` says what this file gives for an
 * expression of the helper (a parameter, a field). `model.compile(options)` and `loss: opts.loss` read the `loss` of
 * the object given; `loss: lossName` and `loss: this.lossName` read the value given. The metrics are the helper's
 * list where it writes the configuration, else the given object's.
 */
function givenLoss(tree: SyntaxTree, helper: SyntaxTree, compile: TS.CallExpression, valueOf: (e: TS.Expression) => TS.Expression | undefined): { lossProperty: TS.Node; lossValue: TS.Expression; metrics: string[] } | undefined {
  const ts = tree.ts;
  const hts = helper.ts;
  const config = compile.arguments[0] && unwrapExpression(hts, compile.arguments[0]);
  if (!config) return undefined;
  const fromOptions = (given: TS.Expression | undefined, key: string) => {
    const options = given && objectLiteralOf(tree, given);
    const lossProperty = options && objectProperty(ts, options, key);
    const lossValue = propertyValue(ts, lossProperty);
    return lossProperty && lossValue ? { lossProperty, lossValue, metrics: metricNames(tree, propertyValue(ts, objectProperty(ts, options, 'metrics'))) } : undefined;
  };
  if (!hts.isObjectLiteralExpression(config)) return fromOptions(valueOf(config), 'loss');
  const written = propertyValue(hts, objectProperty(hts, config, 'loss'));
  const w = written && unwrapExpression(hts, written);
  if (!w) return undefined;
  const ofOptions = hts.isPropertyAccessExpression(w) && thisField(hts, w) === undefined;
  const value = ofOptions ? undefined : valueOf(w);
  const found = ofOptions ? fromOptions(valueOf(w.expression), w.name.text) : value && { lossProperty: value, lossValue: value };
  return found && { ...found, metrics: metricNames(helper, propertyValue(hts, objectProperty(hts, config, 'metrics'))) };
}

/** The names of a metrics list written out as strings. */
function metricNames(tree: SyntaxTree, value: TS.Expression | undefined): string[] {
  const ts = tree.ts;
  const v = value && unwrapExpression(ts, value);
  if (!v || !ts.isArrayLiteralExpression(v)) return [];
  return v.elements.flatMap((e) => {
    const s = stringOf(tree, e);
    return s === undefined ? [] : [s];
  });
}
