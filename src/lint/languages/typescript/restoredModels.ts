/**
 * A model restored from storage is the model the same file saved there. Apps that train in the browser save their
 * model (`await this.actor.save('file://./actor')`, `model.save(\`localstorage://${id}\`)`) and restore it later
 * (`this.actor = await tf.loadLayersModel(path)`), then compile it again: its output layer is the one the file built.
 * A load is paired with a save when both hold the model in the same place (`this.actor`) or name the same storage key
 * (the same text, or a constant holding it); a pretrained model fetched from a URL pairs with nothing.
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** TF.js's loaders of a saved layers model. */
const LOADERS = new Set(['loadLayersModel', 'loadModel', 'models.loadModel']);
const SAVE = /\.\s*save\s*\(/g;
const MAX_SAVES = 20;

/** Whether `call` loads a layers model (`tf.loadLayersModel(…)`, TF.js 0.x's `tf.loadModel(…)`). */
export function isModelLoad(tf: TfBindings, call: TS.CallExpression): boolean {
  return LOADERS.has(tf.path(call.expression) ?? '');
}

/** Loads being followed to their save: a save of the loaded value itself is not followed again. */
const following = new Set<TS.CallExpression>();

/** What `resolve` makes of the model the file saves where `load` restores it from. */
export function restoredModel<T>(tree: SyntaxTree, load: TS.CallExpression, resolve: (saved: TS.Expression) => T | undefined): T | undefined {
  if (following.has(load)) return undefined;
  const saved = savedCounterpart(tree, load);
  if (!saved) return undefined;
  following.add(load);
  try {
    return resolve(saved);
  } finally {
    following.delete(load);
  }
}

/** The model the file saves where `load` restores it from: the receiver of the matching `.save(…)` call. */
function savedCounterpart(tree: SyntaxTree, load: TS.CallExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const key = load.arguments[0];
  if (!key) return undefined;
  const holder = holderOf(tree, load);
  const keyText = storageKey(tree, key);
  let found: TS.Expression | undefined;
  let saves = 0;
  for (const m of tree.text.matchAll(SAVE)) {
    if (++saves > MAX_SAVES) break;
    const at = m.index! + m[0].indexOf('save');
    const name = tree.nodeAt(at, at + 4);
    const access = tree.parent(name);
    const call = access && tree.parent(access);
    if (!access || !call || !ts.isPropertyAccessExpression(access) || access.name !== name || !ts.isCallExpression(call) || call.expression !== access || !call.arguments[0]) continue;
    const saved = access.expression;
    const sameHolder = holder !== undefined && sameReference(tree, holder, saved);
    const sameKey = keyText !== undefined && storageKey(tree, call.arguments[0]) === keyText;
    if (!sameHolder && !sameKey) continue;
    // Two different models saved where this one is restored from: which one comes back is not the file's to say.
    if (found && tree.compactSource(found) !== tree.compactSource(saved)) return undefined;
    found = saved;
  }
  return found;
}

/** What a load's result is assigned to: `this.actor = await load(…)`, `const model = await load(…)`. */
function holderOf(tree: SyntaxTree, load: TS.CallExpression): TS.Expression | TS.Identifier | undefined {
  const ts = tree.ts;
  let node: TS.Node = load;
  let parent = tree.parent(node);
  while (parent && (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))) {
    node = parent;
    parent = tree.parent(node);
  }
  if (!parent) return undefined;
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parent.left;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return parent.name;
  return undefined;
}

/** The same place: `this.actor` in the same class, or names of one declaration. */
function sameReference(tree: SyntaxTree, a: TS.Expression | TS.Identifier, b: TS.Expression): boolean {
  const ts = tree.ts;
  const x = unwrapExpression(ts, a);
  const y = unwrapExpression(ts, b);
  if (ts.isPropertyAccessExpression(x) && ts.isPropertyAccessExpression(y)) {
    if (x.expression.kind !== ts.SyntaxKind.ThisKeyword || y.expression.kind !== ts.SyntaxKind.ThisKeyword || x.name.text !== y.name.text) return false;
    const classOf = (n: TS.Node) => [...tree.ancestors(n)].find((p) => ts.isClassLike(p));
    return classOf(x) === classOf(y);
  }
  if (ts.isIdentifier(x) && ts.isIdentifier(y) && x.text === y.text) {
    const dx = ts.isVariableDeclaration(tree.parent(x) ?? x) ? tree.parent(x) : resolveIdentifier(tree, x)?.node;
    const dy = resolveIdentifier(tree, y)?.node;
    return dx !== undefined && dx === dy;
  }
  return false;
}

/** A storage key as written: a string or template's text, through a constant that holds it. Pretrained URLs are no key. */
function storageKey(tree: SyntaxTree, key: TS.Expression): string | undefined {
  const ts = tree.ts;
  let k = unwrapExpression(ts, key);
  if (ts.isIdentifier(k)) {
    const d = resolveIdentifier(tree, k);
    if (d?.kind !== 'variable' || !d.initializer) return undefined;
    k = unwrapExpression(ts, d.initializer);
  }
  if (!ts.isStringLiteral(k) && !ts.isNoSubstitutionTemplateLiteral(k) && !ts.isTemplateExpression(k)) return undefined;
  const text = tree.compactSource(k).slice(1, -1);
  return /^https?:/i.test(text) ? undefined : text;
}

/**
 * `exists ? await tf.loadLayersModel(path) : tf.sequential({…})`: the model built, when the other way loads a saved
 * model the file cannot see into (resuming training from a checkpoint of the same network); both when they agree.
 */
export function loadedOrBuilt<T extends { activation: unknown; units: unknown }>(tree: SyntaxTree, tf: TfBindings, choice: TS.ConditionalExpression, resolve: (way: TS.Expression) => T | undefined): T | undefined {
  const [a, b] = [choice.whenTrue, choice.whenFalse];
  const [ma, mb] = [resolve(a), resolve(b)];
  const loads = (e: TS.Expression) => { const c = unwrapExpression(tree.ts, e); return tree.ts.isCallExpression(c) && isModelLoad(tf, c); };
  if (ma && mb) return ma.activation === mb.activation && ma.units === mb.units ? ma : undefined;
  return (ma && loads(b) ? ma : undefined) ?? (mb && loads(a) ? mb : undefined);
}

/**
 * The promise a callback's first parameter is the value of: `tf.loadLayersModel(key).then((m) => { this.model = m; … })`
 * hands the loaded model to `m`.
 */
export function promisedBy(tree: SyntaxTree, parameter: TS.ParameterDeclaration): TS.Expression | undefined {
  const ts = tree.ts;
  const callback = tree.parent(parameter);
  if (!callback || !isFunctionNode(ts, callback) || callback.parameters[0] !== parameter) return undefined;
  const call = tree.parent(callback);
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== callback) return undefined;
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' ? callee.expression : undefined;
}
