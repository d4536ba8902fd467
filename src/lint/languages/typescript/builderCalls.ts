/**
 * A model a builder function returns, read for one call of it: `makeNet('cls')` of a builder that adds a sigmoid head
 * when `kind === 'cls'` and a linear one otherwise is the sigmoid model. The ways the builder may build (branches that
 * add the output layer, an activation chosen by a ternary) that the call's literal arguments, or the parameters'
 * literal defaults, decide against are dropped; one way left is the model.
 */
import type * as TS from 'typescript';
import { subjectKey, TRUTHY, type Condition } from './configurationChoices';
import { activationDomain } from './layers';
import type { ModelInfo } from './modelInfo';
import { functionValue } from './functionValues';
import { readMember } from './objectValues';
import { isParameterWritten, resolveIdentifier } from './scope';
import { stringValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { numericValue } from './translationEnv';

/** A literal argument, with what JavaScript makes of it: its text as the conditions compare it, and its truthiness. */
interface Given {
  text: string;
  truthy: boolean;
  /** A string that reads like another type ('1', 'true', 'null'): `=== 1` and `=== '1'` cannot be told apart. */
  ambiguous: boolean;
}

/**
 * The model `fn` returns (`model`, read in `tree`) for this call (in `callTree`, the caller's file). A model whose
 * layers another file builds (`model.file`: a builder handing its parameter on to an imported one) is left as it is:
 * its conditions name settings of that file, not this function's parameters.
 */
export function modelForCall(tree: SyntaxTree, fn: FunctionNode, call: TS.CallExpression | TS.NewExpression, model: ModelInfo | undefined, callTree = tree): ModelInfo | undefined {
  const layer = model?.alternatives ? undefined : model?.decidingLayer;
  if (!model || model.file !== undefined || (!model.alternatives && !layer?.activationChoices)) return model;
  const { given, named } = parameterValues(tree, fn, call, callTree);
  if (given.size === 0 && named.size === 0) return model;
  // A parameter given the caller's own setting (`create(kind)`) is that setting: the ways pair with the caller's tests.
  const renamed = (when: Condition[] | undefined) => when?.map((c) => (named.has(c.subject) ? { ...c, subject: named.get(c.subject)! } : c));
  if (given.size === 0) {
    return model.alternatives
      ? { ...model, alternatives: model.alternatives.map((w) => ({ ...w, ...(w.when ? { when: renamed(w.when) } : {}) })) }
      : { ...model, decidingLayer: { ...layer!, activationChoices: layer!.activationChoices!.map((c) => ({ ...c, when: renamed(c.when)! })) } };
  }
  const possible = (when: readonly Condition[] | undefined) => !when?.some((c) => given.has(c.subject) && !decides(given.get(c.subject)!, c));
  if (model.alternatives) {
    const ways = model.alternatives.filter((w) => possible(w.when));
    if (ways.length === 0 || ways.length === model.alternatives.length) return model;
    if (ways.length > 1) return { ...model, alternatives: ways };
    // The way left may choose its activation by the same parameters (`else dense({ activation: kind === 'cls' ? … })`).
    const { when: _when, ...only } = ways[0]!;
    return { ...(modelForCall(tree, fn, call, only, callTree) ?? only), chosenByCall: true };
  }
  const choices = layer!.activationChoices!.filter((c) => possible(c.when));
  if (choices.length === 0 || choices.length === layer!.activationChoices!.length) return model;
  const one = choices.length === 1 ? choices[0]! : undefined;
  if (!one) return { ...model, decidingLayer: { ...layer!, activationChoices: choices } };
  // The layer still chooses for other calls: it is not edited for this one.
  const { activationChoices: _choices, ...rest } = layer!;
  const units = one.units ?? layer!.units;
  return { ...model, activation: activationDomain(one.name), activationName: one.name, units: units ?? model.units, decidingLayer: { ...rest, activation: one.name, ...(units !== undefined ? { units } : {}) }, chosenByCall: true };
}

/**
 * Each parameter of `fn` the call gives a literal (or leaves to a literal default) and the body never writes, by its
 * setting's key (the parameter's position in `tree`). A TypeScript `this` parameter takes no argument.
 */
function parameterValues(tree: SyntaxTree, fn: FunctionNode, call: TS.CallExpression | TS.NewExpression, callTree: SyntaxTree): { given: Map<string, Given>; named: Map<string, string> } {
  const ts = tree.ts;
  const given = new Map<string, Given>();
  const named = new Map<string, string>();
  const args = call.arguments ?? [];
  const parameters = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  parameters.forEach((p, i) => {
    const arg = args[i];
    if (!ts.isIdentifier(p.name) || p.dotDotDotToken || args.slice(0, i + 1).some((a) => ts.isSpreadElement(a))) return;
    if (isParameterWritten(tree, p)) return;
    const key = `@${tree.start(p)}`;
    // No argument and no default: the parameter is undefined.
    const value = arg ? literal(callTree, arg) : p.initializer ? literal(tree, p.initializer) : NOT_GIVEN;
    if (value !== undefined) given.set(key, value);
    else if (arg && (ts.isIdentifier(unwrapExpression(ts, arg)) || ts.isPropertyAccessExpression(unwrapExpression(ts, arg)))) named.set(key, subjectKey(callTree, arg));
  });
  return { given, named };
}

const NOT_GIVEN: Given = { text: 'undefined', truthy: false, ambiguous: false };

/** A literal's text and truthiness (a const holding one too); undefined for anything else. */
function literal(tree: SyntaxTree, node: TS.Expression, depth = 0): Given | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  const s = stringValue(ts, n);
  if (s !== undefined) return { text: s, truthy: s !== '', ambiguous: /^(?:-?\d+(?:\.\d+)?|true|false|null|undefined|NaN)$/.test(s) };
  const v = numericValue(ts, n);
  if (v !== undefined) return { text: String(v), truthy: v !== 0 && !Number.isNaN(v), ambiguous: false };
  if (n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword) return { text: String(n.kind === ts.SyntaxKind.TrueKeyword), truthy: n.kind === ts.SyntaxKind.TrueKeyword, ambiguous: false };
  if (n.kind === ts.SyntaxKind.NullKeyword) return { text: 'null', truthy: false, ambiguous: false };
  if (ts.isIdentifier(n) && depth < 4) {
    const d = resolveIdentifier(tree, n);
    if (d?.kind === 'variable' && d.isConst && d.initializer) return literal(tree, d.initializer, depth + 1);
  }
  // `opts.kind` of `const opts = { kind: 'cls' }`: the one value the code shows for it.
  if (ts.isPropertyAccessExpression(n) && depth < 4) {
    const member = readMember(tree, n);
    if (member && member.tree === tree) return literal(tree, member.node as TS.Expression, depth + 1);
  }
  return undefined;
}

/** Whether a setting given this literal meets the condition; a string that reads like a number or keyword is not decided by equality. */
function decides(value: Given, c: Condition): boolean {
  if (c.value === TRUTHY) return value.truthy === c.holds;
  if (value.ambiguous) return true;
  return (value.text === c.value) === c.holds;
}

/** The return statements of a function body that return a value, outside the functions and classes it defines. */
export function returnsOf(ts: typeof TS, body: TS.Block): (TS.ReturnStatement & { expression: TS.Expression })[] {
  const out: (TS.ReturnStatement & { expression: TS.Expression })[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n) || out.length > 16) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n as TS.ReturnStatement & { expression: TS.Expression });
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/**
 * The model a builder returns, from the model of each of its returns (those it can read) with the tests that lead
 * there: one model when they agree, else each a way of its own (narrowed later by a call's arguments, see
 * modelForCall); the first when the ways are too many or are themselves chosen by configuration.
 */
export function returnedWays(ways: readonly ModelInfo[], max: number): ModelInfo | undefined {
  const first = ways[0];
  if (!first) return undefined;
  const { when: _when, ...one } = first;
  const agree = ways.every((w) => !w.alternatives && w.activationName === first.activationName && w.units === first.units);
  if (agree || ways.length > max || ways.some((w) => w.alternatives || w.file !== undefined)) return one;
  return { activation: null, activationName: null, units: null, layers: [], alternatives: [...ways] };
}

const MAKES_LAYERS = /\b(sequential|layers\s*\.|model\s*\()/;

/**
 * The top-level functions of a file whose text makes layers or models (`function createModel() { … }`, `const build =
 * () => tf.sequential(…)`): the only ones worth asking what they return, so a file of thousands of helpers stays cheap.
 */
export function* layerMakingFunctions(tree: SyntaxTree): Generator<FunctionNode> {
  const ts = tree.ts;
  for (const statement of tree.file.statements) {
    const init = ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 ? statement.declarationList.declarations[0]!.initializer : undefined;
    const fn = ts.isFunctionDeclaration(statement) ? statement : init ? functionValue(tree, init) : undefined;
    if (fn?.body && MAKES_LAYERS.test(tree.source(fn))) yield fn;
    // The methods of a top-level class (`class ModelUtils { createModel() { return tf.sequential(…) } }`).
    if (ts.isClassDeclaration(statement)) for (const m of statement.members) if (ts.isMethodDeclaration(m) && m.body && MAKES_LAYERS.test(tree.source(m))) yield m;
    // … or of a module's object of helpers (`export default { getModel() { … }, compile(model) { … } }`, `module.exports
    // = { … }`, `const utils = { … }`).
    const assigned = ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken ? statement.expression.right : undefined;
    const holder = ts.isExportAssignment(statement) ? statement.expression : init ?? assigned;
    const held = holder && unwrapExpression(ts, holder);
    if (!held || !ts.isObjectLiteralExpression(held)) continue;
    for (const p of held.properties) {
      const method = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) ? functionValue(tree, p.initializer) : undefined;
      if (method?.body && MAKES_LAYERS.test(tree.source(method))) yield method;
    }
  }
}
