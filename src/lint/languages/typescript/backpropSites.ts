/**
 * The loss a hand-written backpropagation implies (backpropDeltas.ts), as a site: the squared error on a sigmoid
 * output, at the error the code computes, whose targets are those the training function is given.
 */
import type * as TS from 'typescript';
import type { SiteFacts, TargetEvidence } from '../../engine/frontEnd';
import { binary, mapped, num, symbol } from '../../engine/expression';
import { findBackpropDeltas, type BackpropDelta } from './backpropDeltas';
import { firstClassReading } from './classReadings';
import { functionName } from './functionNames';
import { iteratedArray } from './iteratedArrays';
import { thisMemberValues } from './objectValues';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { declarationEvidence, type CrossFile } from './targetEvidence';
import type { TfBindings } from './tfBindings';
import { once } from './translationEnv';

export interface BackpropSite {
  site: Omit<SiteFacts, 'framework' | 'precision'>;
  targets: () => TargetEvidence | undefined;
}

export function backpropSites(tree: SyntaxTree, tf: TfBindings, outOfTime: () => boolean, crossFile: () => CrossFile | undefined): BackpropSite[] {
  return findBackpropDeltas(tree, outOfTime).map((d) => siteOf(tree, tf, d, crossFile));
}

function siteOf(tree: SyntaxTree, tf: TfBindings, d: BackpropDelta, crossFile: () => CrossFile | undefined): BackpropSite {
  const [start, end] = [tree.start(d.error), d.error.end];
  const symbolName = (e: TS.Expression, fallback: string) => {
    const u = unwrapExpression(tree.ts, e);
    return tree.ts.isIdentifier(u) && /^[A-Za-z_]\w*$/.test(u.text) ? u.text : fallback;
  };
  const target = symbolName(d.target, 'target');
  const output = symbolName(d.output, target === 'output' ? 'prediction' : 'output');
  const expr = mapped(binary('^', binary('-', symbol(target, false), symbol(output, false)), num(2)), start, end);
  const line = (n: TS.Node) => tree.file.getLineAndCharacterOfPosition(tree.start(n)).line + 1;
  const name = tree.ts.isSourceFile(d.fn) ? undefined : (functionName(tree, d.fn).name ?? assignedName(tree, d.fn));
  const derivative = tree.source(d.derivative).replace(/\s+/g, ' ');
  const site: BackpropSite['site'] = {
    kind: 'custom-function',
    name: `${name ?? 'backpropagation'}: error × σ′`,
    start,
    end,
    anchorStart: start,
    anchorEnd: end,
    loss: { expr, wrt: output, target, parameters: {}, reduction: 'mean', origin: 'code' },
    model: { activation: 'sigmoid', activationName: 'sigmoid', units: null },
    modelFromCalls: true,
    impliedBy: {
      text: `the backpropagation in ${name ? `${name}()` : 'this function'}`,
      derivative: { text: derivative.length > 40 ? `${derivative.slice(0, 39)}…` : derivative, line: line(d.derivative) },
    },
  };
  // Looked for when a rule asks, once.
  const targets = once(() => {
    const decl = targetDeclaration(tree, d.target);
    return (decl ? declarationEvidence(tree, tf, decl, crossFile()) : undefined) ?? fieldEvidence(tree, tf, d.target, crossFile) ?? outputsReadAsClasses(tree, tf, d.fn);
  });
  return { site, targets };
}

/**
 * Targets read as a field: `this.y` of a class that keeps its targets (`this.y = y` in the constructor), what it is
 * given; `sample.target`, `pt.label` of rows a loop or a callback runs over, what the rows hold in that field.
 */
function fieldEvidence(tree: SyntaxTree, tf: TfBindings, target: TS.Expression, crossFile: () => CrossFile | undefined): TargetEvidence | undefined {
  const ts = tree.ts;
  let e = unwrapExpression(ts, target);
  while (ts.isElementAccessExpression(e)) e = unwrapExpression(ts, e.expression);
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  if (e.expression.kind !== ts.SyntaxKind.ThisKeyword) return declarationEvidence(tree, tf, e, crossFile());
  for (const value of thisMemberValues(tree, e, e.name.text)) {
    const found = declarationEvidence(tree, tf, value, crossFile());
    if (found) return found;
  }
  return undefined;
}

/** `this.train = (data) => { … }`: the member it is assigned to. */
function assignedName(tree: SyntaxTree, fn: TS.Node): string | undefined {
  const ts = tree.ts;
  const p = tree.parent(fn);
  return p && ts.isBinaryExpression(p) && p.right === fn && ts.isPropertyAccessExpression(p.left) ? p.left.name.text : undefined;
}

/** Where the targets come from: the training function's parameter, through `Matrix.fromArray(target_array)`. */
function targetDeclaration(tree: SyntaxTree, target: TS.Expression): TS.Node | undefined {
  const ts = tree.ts;
  let e = unwrapExpression(ts, target);
  while (ts.isElementAccessExpression(e)) e = unwrapExpression(ts, e.expression);
  if (!ts.isIdentifier(e)) return undefined;
  const d = resolveIdentifier(tree, e);
  // `target.map((t, i) => t - output[i])`: an element of the array the callback is mapped over.
  const over = d?.kind === 'parameter' ? iteratedArray(tree, d.node) : undefined;
  if (over) return targetDeclaration(tree, over);
  if (d?.kind === 'parameter' || d?.kind === 'binding') return d.node;
  if (d?.kind !== 'variable' || !d.initializer) return undefined;
  const init = unwrapExpression(ts, d.initializer);
  // `let targets = Matrix.fromArray(target_array)`, `transpose(matrix([targetList]))`: the parameter it is made from.
  let given: TS.Node | undefined;
  const visit = (n: TS.Node): void => {
    if (given || isFunctionNode(ts, n)) return;
    const decl = ts.isIdentifier(n) ? resolveIdentifier(tree, n) : undefined;
    if (decl?.kind === 'parameter') given = decl.node;
    else ts.forEachChild(n, visit);
  };
  if (ts.isCallExpression(init) || ts.isNewExpression(init)) visit(init);
  return given ?? d.node;
}

/** Names of the method that runs a hand-written network forward. */
const FORWARD = /^(?:predict|feed_?forward|query|guess|forward|think|run|activate|classify|compute|evaluate|output)$/i;

/**
 * Whether the code reads the network's outputs as classes: an arg-max of what its forward method returns
 * (`nn.predict(x).indexOf(Math.max(...))`, `argmax(this.feedforward(x))`), in the class of the training function.
 */
function outputsReadAsClasses(tree: SyntaxTree, tf: TfBindings, fn: TS.Node): TargetEvidence | undefined {
  const ts = tree.ts;
  const cls = [...tree.ancestors(fn)].find((a) => ts.isClassLike(a)) as TS.ClassLikeDeclaration | undefined;
  const methods = new Set((cls?.members ?? []).flatMap((m) => (ts.isMethodDeclaration(m) || ts.isPropertyDeclaration(m)) && m.name && ts.isIdentifier(m.name) && FORWARD.test(m.name.text) ? [m.name.text] : []));
  if (cls && methods.size === 0) return undefined;
  return firstClassReading(tree, tf, (call) => {
    const callee = unwrapExpression(ts, call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) && !cls ? callee.text : undefined;
    return !!name && (cls ? methods.has(name) : FORWARD.test(name));
  });
}
