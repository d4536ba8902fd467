/**
 * A least-squares GAN loss on a sigmoid discriminator, as GAN Lab and its many copies write it:
 *
 *     discriminator(x) { …; return net.matMul(w).add(b).sigmoid(); }
 *     dLoss(truePred, generatedPred) {
 *       if (this.lossType === 'LeastSq loss') return tf.add(truePred.sub(1).square().mean(), generatedPred.square().mean());
 *       …
 *
 * (D(x) − 1)² for real data and D(G(z))² for generated data is a squared error against the class targets 1 and 0. On a
 * sigmoid output its gradient carries σ′(z), which vanishes once the discriminator is confidently wrong: the saturation
 * LSGAN was proposed to avoid, which is why LSGAN's discriminator ends in a linear layer. Found here: a function named
 * as a GAN loss (`dLoss`, `generatorLoss`) that squares its discriminator-output parameter's distance from 0 or 1
 * (`p.sub(1).square()`, `tf.squaredDifference(p, tf.onesLike(p))`, `tf.losses.meanSquaredError(tf.onesLike(p), p)`),
 * in a file whose discriminator (a function, method, variable or field so named) ends in a sigmoid.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { GAN_LOSS_NAME } from '../../engine/roleNames';
import { shortText } from '../../rules/summaries';
import { DISCRIMINATOR_OUTPUT, fileDiscriminator, GAN_LOSS, type DiscriminatorResolver } from './ganLosses';
import { functionName } from './functionNames';
import { resolveModel, type ImportContext, type ModelInfo } from './modelResolution';
import { returnedActivationOutput } from './forwardPasses';
import { constantNumber } from './memberNumbers';
import { numericValue } from './translationEnv';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/**
 * What a discriminator's value is: a model the file builds, or a forward pass written by hand that ends in its
 * activation (GAN Lab's `net.matMul(w).add(b).sigmoid()`).
 */
export function discriminatorResolver(tree: SyntaxTree, tf: TfBindings, imports: ImportContext | undefined): DiscriminatorResolver {
  // A value a variable named `disc` holds (`const disc = x.sigmoid()`) is a tensor, not a discriminator: only what a
  // function so named returns is read as a forward pass.
  return (e, returned) => resolveModel(tree, tf, e, imports) ?? (returned ? returnedActivationOutput(tree, tf, e) : undefined);
}

/** Names a GAN loss function goes by, in the text: GAN_LOSS_NAME's, wherever they start (GAN_LOSS decides). */
const GAN_LOSS_TEXT = new RegExp(`(?<![\\w$])${GAN_LOSS_NAME.source.replace(/^\^/, '')}\\w*`, 'gi');
const MAX_FUNCTIONS = 20;
/** How deep a loss's body is walked. */
const MAX_DEPTH = 200;

export function leastSquaresGanProblems(tree: SyntaxTree, tf: TfBindings, resolve: DiscriminatorResolver, expired: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  if (!/discriminator|\bdisc\b|\bd_?model\b/i.test(tree.text)) return [];
  const out: FrontEndProblem[] = [];
  const seen = new Set<TS.Node>();
  let discriminator: ModelInfo | undefined | null = null;
  for (const m of tree.text.matchAll(GAN_LOSS_TEXT)) {
    if (seen.size >= MAX_FUNCTIONS || expired()) break;
    const id = tree.nodeAt(m.index!, m.index! + m[0].length);
    if (!ts.isIdentifier(id) || id.text !== m[0] || !GAN_LOSS.test(id.text)) continue;
    const fn = declaredFunction(tree, id);
    if (!fn || seen.has(fn) || !fn.body) continue;
    seen.add(fn);
    const outputs = new Set(fn.parameters.flatMap((p) => (ts.isIdentifier(p.name) && DISCRIMINATOR_OUTPUT.test(p.name.text) ? [p.name.text] : [])));
    if (outputs.size === 0) continue;
    // LSGAN's real or generator term, (D − 1)², is what says least squares: a square of D alone may be a penalty
    // (WGAN-GP's drift term, `realOut.square().mean().mul(0.001)`) beside a log loss.
    const term = firstSquaredClassError(tree, tf, fn.body, outputs, false);
    if (!term || !firstSquaredClassError(tree, tf, fn.body, outputs, true)) continue;
    if (discriminator === null) discriminator = fileDiscriminator(tree, resolve);
    if (discriminator?.activation !== 'sigmoid') return out;
    const name = functionName(tree, fn).name ?? 'this loss';
    out.push({
      code: 'activation-mismatch',
      message: `${name} is a least-squares GAN loss on a sigmoid discriminator: its gradient vanishes when the discriminator saturates.`,
      detail: `${shortText(tree.source(term.node).replace(/\s+/g, ' '), 80)} squares the distance of ${term.output}, the discriminator's output, from the class target ${term.target}, and the file's discriminator ends in a sigmoid. A least-squares GAN loss on a sigmoid output is a squared error on class targets: its gradient carries σ′(z), which vanishes when the discriminator is confidently right or wrong, the saturation the least-squares loss was meant to remove. LSGAN's discriminator ends in a linear layer: drop the sigmoid for this loss, or keep the sigmoid and use the log loss (binary cross-entropy).`,
      start: tree.start(term.node),
      end: term.node.end,
      fixes: [],
    });
  }
  return out;
}

/** The function a name declares: `function dLoss(…)`, a method, `const gLoss = (…) => …`, `{ dLoss: function (…) … }`. */
function declaredFunction(tree: SyntaxTree, id: TS.Identifier): FunctionNode | undefined {
  const ts = tree.ts;
  const parent = tree.parent(id);
  if (!parent) return undefined;
  if ((ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === id) return parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === id && parent.initializer) {
    const value = unwrapExpression(ts, parent.initializer);
    return isFunctionNode(ts, value) ? value : undefined;
  }
  return undefined;
}

interface SquaredTerm {
  node: TS.Expression;
  output: string;
  target: 0 | 1;
}

/** The first squared error, in source order, of one of `outputs` against a constant 0 or 1 (against 1, when `toOne`). */
function firstSquaredClassError(tree: SyntaxTree, tf: TfBindings, body: TS.Node, outputs: Set<string>, toOne: boolean): SquaredTerm | undefined {
  const ts = tree.ts;
  let found: SquaredTerm | undefined;
  const visit = (n: TS.Node, depth: number): void => {
    if (found || depth > MAX_DEPTH) return;
    // A nested function is its own code (a callback's loss is not this one's).
    if (depth > 0 && isFunctionNode(ts, n)) return;
    if (ts.isExpression(n)) {
      const pair = squaredPair(tree, tf, n);
      const term = pair && (against(tree, tf, pair[0], pair[1], outputs) ?? against(tree, tf, pair[1], pair[0], outputs));
      if (term && (!toOne || term.target === 1)) {
        found = { node: n, ...term };
        return;
      }
    }
    ts.forEachChild(n, (c) => visit(c, depth + 1));
  };
  ts.forEachChild(body, (c) => visit(c, 1));
  return found;
}

/**
 * The two sides whose difference an expression squares: `(a − b)²` written `a.sub(b).square()`, `tf.square(tf.sub(a, b))`,
 * `(a - b) ** 2`, `tf.squaredDifference(a, b)`, `tf.losses.meanSquaredError(a, b)`; a square of one value (`p.square()`)
 * is its distance from 0.
 */
function squaredPair(tree: SyntaxTree, tf: TfBindings, e: TS.Expression): [TS.Expression, TS.Expression | 0] | undefined {
  const ts = tree.ts;
  let base: TS.Expression | undefined;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken && numericValue(ts, e.right) === 2) base = e.left;
  else if (ts.isCallExpression(e)) {
    const path = tf.path(e.expression);
    const callee = unwrapExpression(ts, e.expression);
    const method = path === undefined && ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const receiver = method !== undefined ? (callee as TS.PropertyAccessExpression).expression : undefined;
    const [a, b] = e.arguments;
    if (path === 'squaredDifference' || path === 'losses.meanSquaredError') return a && b ? [a, b] : undefined;
    if (method === 'squaredDifference' && receiver && a) return [receiver, a];
    if (path === 'square' && a) base = a;
    else if (method === 'square' && receiver && !a) base = receiver;
    else if ((path === 'pow' && a && b && numericValue(ts, b) === 2) || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math' && callee.name.text === 'pow' && a && b && numericValue(ts, b) === 2)) base = a;
    else if (method === 'pow' && receiver && a && numericValue(ts, a) === 2) base = receiver;
  }
  if (!base) return undefined;
  const inner = unwrapExpression(ts, base);
  const difference = differenceOf(tree, tf, inner);
  return difference ?? [inner, 0];
}

/** `a − b` as `a - b`, `a.sub(b)` or `tf.sub(a, b)`. */
function differenceOf(tree: SyntaxTree, tf: TfBindings, e: TS.Expression): [TS.Expression, TS.Expression] | undefined {
  const ts = tree.ts;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.MinusToken) return [e.left, e.right];
  if (!ts.isCallExpression(e)) return undefined;
  const [a, b] = e.arguments;
  if (tf.path(e.expression) === 'sub') return a && b ? [a, b] : undefined;
  const callee = unwrapExpression(ts, e.expression);
  return tf.path(e.expression) === undefined && ts.isPropertyAccessExpression(callee) && /^(?:sub|subtract)$/.test(callee.name.text) && a && !b ? [callee.expression, a] : undefined;
}

/** `output` is one of the discriminator's outputs and `other` a class target, 0 or 1. */
function against(tree: SyntaxTree, tf: TfBindings, output: TS.Expression | 0, other: TS.Expression | 0, outputs: Set<string>): Omit<SquaredTerm, 'node'> | undefined {
  if (output === 0) return undefined;
  const o = unwrapExpression(tree.ts, output);
  if (!tree.ts.isIdentifier(o) || !outputs.has(o.text)) return undefined;
  // The class target the other side stands for: 0 or 1 as a number, `tf.scalar(1)`, `tf.onesLike(x)`, a const holding one.
  const target = other === 0 ? 0 : constantNumber(tree, tf, other);
  return target === 0 || target === 1 ? { output: o.text, target } : undefined;
}

