/**
 * A linear SVM trained by hand-written SGD, as from-scratch code writes it: no loss is ever computed, only the hinge's
 * subgradient step, chosen by a test of the margin against 1.
 *
 *     const margin = y[i] * (dot(w, x[i]) + b);
 *     if (margin >= 1) { w[j] -= lr * lambda * w[j]; }
 *     else { w[j] += lr * (y[i] * x[i][j] - lambda * w[j]); }
 *
 *     return y * decision < 1 ? -y : 0;          // the hinge's gradient in a loss catalogue
 *
 * The step is the (sub)gradient of max(0, 1 − y·score): it jumps where the margin crosses 1, a kink of the loss the
 * descent follows. Read as that hinge, at the test. A squared hinge's step (`2 * (1 - margin) * y`) vanishes at the
 * margin, C1: it reads the margin, and is left alone; so is a test whose branches change no value with the label.
 *
 * So is a quantile regression's pinball loss, written as its slope: `residual >= 0 ? tau : tau - 1`, two slopes a unit
 * apart, is the derivative of max(τ·r, (τ − 1)·r), kinked at r = 0.
 */
import type * as TS from 'typescript';
import { binary, call, mapped, num, symbol } from '../../engine/expression';
import { comparisonOf } from './targetShapes';
import { isSymbolName, numericValue } from './translationEnv';
import { resolveIdentifier } from './scope';
import { functionName, isNotALoss, SAYS_LOSS } from './functionNames';
import { isCallback, isFunctionNode, rootName, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { HingeProbe } from './hingeProbes';

/** A comparison with the number 1, either way round. */
const AGAINST_ONE = /[<>]=?\s*1(?![\w.$])|(?<![\w.$])1(?:\.0*)?\s*[<>]/g;
/** A label the margin multiplies: `y`, `yi`, `y_[i]`, `label`, `l`, `t`, `yTrainAdj[i]`. */
const LABEL_NAME = /^(?:y|y_?[A-Za-z0-9]{0,2}|y_?(?:true|train\w*|adj\w*|label\w*|sign\w*)|labels?|lbl|l|t|targets?|truth|sign)$/i;
const MAX_PROBES = 20;

export function findSubgradientSteps(tree: SyntaxTree, covered: (node: TS.Node) => boolean, expired: () => boolean): HingeProbe[] {
  const out: HingeProbe[] = [];
  const seen = new Set<TS.Node>();
  const read = (pattern: RegExp, digit: string, reader: (tree: SyntaxTree, test: TS.BinaryExpression) => HingeProbe | undefined) => {
    for (const test of comparisons(tree, pattern, digit, seen)) {
      if (out.length >= MAX_PROBES || expired()) return;
      const probe = covered(test) || !inTrainingCode(tree, test) ? undefined : reader(tree, test);
      if (probe) out.push(probe);
    }
  };
  read(AGAINST_ONE, '1', readStep);
  // A pinball loss's slope: a conditional on the sign of a residual between two values of a quantile a unit apart.
  if (tree.mayHaveIdentifier((n) => QUANTILE_NAME.test(n))) read(AGAINST_ZERO, '0', readPinballStep);
  return out;
}

/** Names of the functions and classes a descent is written in: `trainSVM`, `fit`, `lossGradient`, `class LinearSVM`. */
const TRAINING_FUNCTION = /train|fit|learn|update|step|sgd|epoch|optimi|descent|svm|hinge|grad|backward|minimi|quantile|pinball/i;
const TRAINING_CLASS = /svm|hinge|perceptron|classifier|regress|sgd|linear|quantile/i;

/** Whether a test sits in code that trains by name: a function named for training, or a method of a class named for a model. */
function inTrainingCode(tree: SyntaxTree, test: TS.Node): boolean {
  const ts = tree.ts;
  for (const a of tree.ancestors(test)) {
    if (isFunctionNode(ts, a) && !isCallback(tree, a)) {
      const name = functionName(tree, a).name;
      if (name && TRAINING_FUNCTION.test(name)) return true;
    }
    if (ts.isClassLike(a) && a.name && TRAINING_CLASS.test(a.name.text)) return true;
  }
  return false;
}

/** The comparisons a pattern finds by text (`y * s < 1`, `r >= 0`), each once: the node around the number it matched. */
function* comparisons(tree: SyntaxTree, pattern: RegExp, digit: string, seen: Set<TS.Node>): Generator<TS.BinaryExpression> {
  const ts = tree.ts;
  for (const m of tree.text.matchAll(pattern)) {
    const at = m.index! + m[0].indexOf(digit);
    let node: TS.Node | undefined = tree.nodeAt(at, at + 1);
    while (node && !(ts.isBinaryExpression(node) && comparisonOf(ts, node.operatorToken.kind))) node = tree.parent(node);
    if (!node || seen.has(node)) continue;
    seen.add(node);
    yield node as TS.BinaryExpression;
  }
}

/** A comparison with 0, either way round. */
const AGAINST_ZERO = /[<>]=?\s*0(?![\w.$])|(?<![\w.$])0(?:\.0*)?\s*[<>]/g;
/** A quantile level by its name: `tau`, `quantile`, `q`, `alpha`, `percentile`. */
const QUANTILE_NAME = /^(?:tau|τ|quantile\w*|q|alpha|percentile|level)$/i;

/** `residual >= 0 ? tau : tau - 1`, `r >= 0 ? 1 - tau : -tau`: read as max(τ·r, (τ − 1)·r) at the test. */
function readPinballStep(tree: SyntaxTree, test: TS.BinaryExpression): HingeProbe | undefined {
  const ts = tree.ts;
  const op = comparisonOf(ts, test.operatorToken.kind);
  if (!op || op === '==' || op === '!=') return undefined;
  const tested = numericValue(ts, test.right) === 0 ? test.left : numericValue(ts, test.left) === 0 ? test.right : undefined;
  const r = tested && unwrapExpression(ts, tested);
  if (!r || !ts.isIdentifier(r) || !isSymbolName(r.text)) return undefined;
  let at: TS.Node = test;
  let p = tree.parent(at);
  while (p && ts.isParenthesizedExpression(p)) [at, p] = [p, tree.parent(p)];
  if (!p || !ts.isConditionalExpression(p) || p.condition !== at) return undefined;
  // Both branches of the quantile, and a unit apart whatever it is.
  const names = new Set<string>();
  const value = (e: TS.Expression, q: number): number | undefined => {
    const u = unwrapExpression(ts, e);
    if (ts.isIdentifier(u) && QUANTILE_NAME.test(u.text)) {
      names.add(u.text);
      return q;
    }
    const n = numericValue(ts, u);
    if (n !== undefined) return n;
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.MinusToken) {
      const v = value(u.operand, q);
      return v === undefined ? undefined : -v;
    }
    if (!ts.isBinaryExpression(u) || ![ts.SyntaxKind.MinusToken, ts.SyntaxKind.PlusToken].includes(u.operatorToken.kind)) return undefined;
    const [a, b] = [value(u.left, q), value(u.right, q)];
    if (a === undefined || b === undefined) return undefined;
    return u.operatorToken.kind === ts.SyntaxKind.MinusToken ? a - b : a + b;
  };
  const gaps = [0.25, 0.6].map((q) => {
    const [a, b] = [value(p.whenTrue, q), value(p.whenFalse, q)];
    return a === undefined || b === undefined ? undefined : a - b;
  });
  if (names.size !== 1 || gaps.some((g) => g === undefined || Math.abs(Math.abs(g) - 1) > 1e-9)) return undefined;
  const [tau, residual] = [[...names][0]!, r.text];
  if (tau === residual) return undefined;
  const rs = symbol(residual, false);
  const expr = mapped(call('max', [binary('*', symbol(tau, false), rs), binary('*', binary('-', symbol(tau, false), num(1)), rs)]), tree.start(test), test.end);
  return { node: test, expr, wrt: residual, ranges: { [residual]: [null, null] }, parameters: { [tau]: 0.5 } };
}

function readStep(tree: SyntaxTree, test: TS.BinaryExpression): HingeProbe | undefined {
  const ts = tree.ts;
  const op = comparisonOf(ts, test.operatorToken.kind);
  if (!op || op === '==' || op === '!=') return undefined;
  const tested = numericValue(ts, test.right) === 1 ? test.left : numericValue(ts, test.left) === 1 ? test.right : undefined;
  if (!tested) return undefined;
  // The margin, written in the test or kept in a const (`const margin = y[i] * (sum + b)`).
  const u = unwrapExpression(ts, tested);
  const d = ts.isIdentifier(u) ? resolveIdentifier(tree, u) : undefined;
  const margin = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : u;
  if (!ts.isBinaryExpression(margin) || margin.operatorToken.kind !== ts.SyntaxKind.AsteriskToken) return undefined;
  const factors = [margin.left, margin.right];
  const label = factors.find((f) => LABEL_NAME.test(rootName(ts, f) ?? ''));
  const score = factors.find((f) => f !== label);
  if (!label || !score || numericValue(ts, score) !== undefined || LABEL_NAME.test(rootName(ts, score) ?? '')) return undefined;
  // Names a squared hinge's step reads (the margin, a named score): a step reading them vanishes at the margin.
  const marginNames = new Set([...(ts.isIdentifier(u) ? [u.text] : []), ...(ts.isIdentifier(unwrapExpression(ts, score)) ? [(unwrapExpression(ts, score) as TS.Identifier).text] : [])]);
  const labelName = rootName(ts, label)!;
  if (!takesHingeStep(tree, test, labelName, marginNames) || hingeWrittenBeside(tree, test)) return undefined;
  // Said by the names the code gives: the margin's (`max(0, 1 - margin)`), else the label's and the score's
  // (`max(0, 1 - yi * score)`), `score` where the score is written out.
  const scoreName = rootName(ts, score);
  const name = (n: string | undefined, fallback: string) => (n !== undefined && isSymbolName(n) && !/^(?:max|min|exp|log|abs|sqrt|e|pi)$/.test(n) ? n : fallback);
  const named = ts.isIdentifier(u) ? name(u.text, 'margin') : undefined;
  const [y, s] = [name(labelName, 'y'), name(ts.isIdentifier(unwrapExpression(ts, score)) ? scoreName : undefined, 'score')];
  const value = named !== undefined ? symbol(named, false) : binary('*', symbol(y, false), symbol(s === y ? 'score' : s, false));
  const expr = mapped(call('max', [num(0), binary('-', num(1), value)]), tree.start(test), test.end);
  const wrt = named ?? (s === y ? 'score' : s);
  const ranges = Object.fromEntries((named !== undefined ? [named] : [y, wrt]).map((n) => [n, [null, null] as [null, null]]));
  return { node: test, expr, wrt, ranges, parameters: {} };
}

/**
 * Whether the test chooses a hinge's step: an `if` whose branch changes a value by the label (`w[j] += lr * y[i] *
 * x[j]`) without reading the margin, or a conditional that is 0 on one side and reads the label on the other.
 */
function takesHingeStep(tree: SyntaxTree, test: TS.Expression, label: string, marginNames: ReadonlySet<string>): boolean {
  const ts = tree.ts;
  let at: TS.Node = test;
  let p = tree.parent(at);
  while (p && ts.isParenthesizedExpression(p)) [at, p] = [p, tree.parent(p)];
  // `const condition = yi * (…) >= 1; if (condition) …`: the if that reads it.
  if (p && ts.isVariableDeclaration(p) && p.initializer === at && ts.isIdentifier(p.name)) {
    const name = p.name.text;
    const statement = tree.parent(tree.parent(p) ?? p);
    const next = statement && tree.parent(statement);
    const sibling = next && 'statements' in next ? (next as TS.Block).statements.find((s) => s.pos >= statement!.end && ts.isIfStatement(s) && tree.compactSource(s.expression) === name) : undefined;
    if (!sibling) return false;
    [at, p] = [(sibling as TS.IfStatement).expression, sibling];
  }
  if (p && ts.isConditionalExpression(p) && p.condition === at) {
    const zero = [p.whenTrue, p.whenFalse].find((b) => numericValue(ts, b) === 0);
    const step = [p.whenTrue, p.whenFalse].find((b) => b !== zero);
    return !!zero && !!step && reads(tree, step, label) && ![...marginNames].some((n) => reads(tree, step, n));
  }
  if (!p || !ts.isIfStatement(p) || p.expression !== at) return false;
  return [p.thenStatement, p.elseStatement].some((branch) => !!branch && updatesByLabel(tree, branch, label, marginNames));
}

/**
 * Whether the hinge itself is written where the step is: in its function (`totalHingeLoss += Math.max(0, 1 - margin)`
 * beside `if (margin < 1)`), or in a function beside it in one object (`f: (o, t) => Math.max(0, 1 - t * o)` beside
 * `grad`), or a function of the file the step's function is named as the derivative of. The kink is the hinge's, read
 * there; the step is its derivative.
 */
function hingeWrittenBeside(tree: SyntaxTree, test: TS.Node): boolean {
  const ts = tree.ts;
  const fn = [...tree.ancestors(test)].find((a) => isFunctionNode(ts, a));
  if (!fn || !isFunctionNode(ts, fn)) return false;
  const holder = tree.parent(fn);
  const around = holder && ts.isPropertyAssignment(holder) ? tree.parent(holder) : fn;
  if (HINGE_WRITTEN.test(tree.text.slice(tree.start(around ?? fn), (around ?? fn).end))) return true;
  // A derivative (`hinge_prime`, `dL_dy`, `dloss`) beside the loss it is of, a function of the file named for it; the
  // function around a callback (`output.map((o, i) => …)`) is the one named.
  const named = [...tree.ancestors(test)].find((a) => isFunctionNode(ts, a) && !isCallback(tree, a)) ?? fn;
  const name = isFunctionNode(ts, named) ? functionName(tree, named).name : undefined;
  if (name === undefined || !isNotALoss(name)) return false;
  const stem = name.replace(/_?(?:prime|gradient|grad|derivative|deriv)s?$/i, '').toLowerCase();
  let beside = false;
  const visit = (n: TS.Node): void => {
    if (beside) return;
    if (n !== named && isFunctionNode(ts, n)) {
      const other = functionName(tree, n).name;
      if (other !== undefined && (other.toLowerCase() === stem || (SAYS_LOSS.test(other) && !isNotALoss(other)))) beside = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(tree.file);
  return beside;
}

const HINGE_WRITTEN = /\bMath\s*\.\s*max\s*\(\s*0(?:\.0*)?\s*,/;

/** A `+=`, `-=` or `=` in the branch whose value reads the label, and none that reads the margin (a squared hinge's). */
function updatesByLabel(tree: SyntaxTree, branch: TS.Statement, label: string, marginNames: ReadonlySet<string>): boolean {
  const ts = tree.ts;
  let [byLabel, byMargin] = [false, false];
  const visit = (n: TS.Node): void => {
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.EqualsToken].includes(n.operatorToken.kind)) {
      byLabel ||= reads(tree, n.right, label);
      byMargin ||= [...marginNames].some((m) => reads(tree, n.right, m));
    }
    ts.forEachChild(n, visit);
  };
  visit(branch);
  return byLabel && !byMargin;
}

/** Whether an expression reads a name (as a variable or a member: `yi`, `this.y[i]`). */
function reads(tree: SyntaxTree, e: TS.Node, name: string): boolean {
  const ts = tree.ts;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

