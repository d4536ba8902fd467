/**
 * Calls a loss makes on data or settings alone, whose results are data or settings too: a function the file does not
 * define given settings (`normalizeNumber(options.rate, 0.01)`), an op the lint does not model applied to data
 * (`tf.floor(labels)`), JavaScript's own conversions (`parseFloat(s)`).
 */
import type * as TS from 'typescript';
import { symbol, type Expr } from '../../engine/expression';
import { isFunctionNode, unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { isSymbolName, Unreadable, type Env } from './translationEnv';
import { attempt } from './unreadTerms';

/** JavaScript's global conversions of values: data in, data out. */
export const JS_CONVERSIONS: ReadonlySet<string> = new Set(['parseFloat', 'parseInt', 'Number', 'String', 'Boolean', 'BigInt', 'isNaN', 'isFinite']);

/**
 * A function the file does not define, given settings alone (`normalizeNumber(options.regularization, 0.01)`): a
 * setting too, not a model's output, which a network computes from data.
 */
export function settingCall(t: Translator, node: TS.CallExpression, env: Env): Expr | undefined {
  if (node.arguments.length === 0) return undefined;
  for (const a of node.arguments) {
    const v = attempt(t, a, env);
    if (v instanceof Unreadable || t.dependsOnPrediction(v) || t.mentionsData(v)) return undefined;
  }
  const callee = unwrapExpression(t.tree.ts, node.expression);
  return symbol(t.claimSymbol(t.tree.ts.isIdentifier(callee) ? callee.text : 'setting', node), false);
}

/**
 * A call the lint does not model, made on data alone (`tf.floor(labels)`, `tf.range(0, n)`, `encode(labels)`): its
 * result is data too, a symbol of its own, since nothing of the prediction flows through it. Undefined when an
 * argument uses the prediction or cannot be read (the call is then unreadable, as before).
 */
export function dataOnly(t: Translator, args: readonly TS.Expression[], node: TS.CallExpression, env: Env): Expr | undefined {
  const ts = t.tree.ts;
  const values: Expr[] = [];
  const read = (a: TS.Expression): boolean => {
    const x = unwrapExpression(ts, a);
    // Settings and shapes carry no tensor: a dtype ('int32'), a flag, an array of them.
    if (ts.isStringLiteralLike(x) || x.kind === ts.SyntaxKind.TrueKeyword || x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword) return true;
    if (ts.isArrayLiteralExpression(x)) return x.elements.every((e) => !ts.isSpreadElement(e) && !ts.isOmittedExpression(e) && read(e));
    if (isFunctionNode(ts, x) || ts.isObjectLiteralExpression(x)) return false;
    try {
      values.push(t.expression(a, env));
      return true;
    } catch (err) {
      if (err instanceof Unreadable) return false;
      throw err;
    }
  };
  // Of constants alone (`getScalar(epsilon())`) the result could be any number the call makes of them: not read.
  if (!args.every(read) || values.some((v) => t.dependsOnPrediction(v)) || !values.some((v) => /[A-Za-z_]/.test(v.text.replace(/\d[eE][+-]?\d/g, '')))) return undefined;
  if (t.options.mode === 'loss' && t.lossPrediction === undefined) return undefined;
  // `tf.tensor2d(LABELS)` of rows read as the target: the same values, the target itself.
  const path = t.tf.path(node.expression);
  if (path !== undefined && /^tensor[1-6]?d?$/.test(path) && values.length === 1 && values[0]!.text === t.target) return values[0];
  const callee = unwrapExpression(ts, node.expression);
  // A conversion of one value read as data (`Number(options.clip)`): that value, under the name it was read by.
  if (ts.isIdentifier(callee) && JS_CONVERSIONS.has(callee.text) && values.length === 1 && isSymbolName(values[0]!.text)) return values[0];
  // Named as the code names the value (`const oldLogProbs = tf.stack(…)`), which may say what it is; else after the call.
  const holder = t.tree.parent(node);
  const name = holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : elementName(ts, node) ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : 'v');
  return t.outsideValue(name, node);
}

/** Methods that read one element of a matrix or a list class: `m.get(i, j)`, `v.at(k)`. */
const ELEMENT_GETTER = /^(?:get|at|getValue|valueAt|getAt)$/;

/** `pred.get(i, j)` named as the element it reads, `pred_ij` (not `get`, which says nothing of whose element it is). */
function elementName(ts: typeof TS, node: TS.CallExpression): string | undefined {
  const callee = unwrapExpression(ts, node.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ELEMENT_GETTER.test(callee.name.text)) return undefined;
  const owner = unwrapExpression(ts, callee.expression);
  const at = node.arguments.map((a) => unwrapExpression(ts, a));
  if (!ts.isIdentifier(owner) || at.length === 0 || !at.every((a) => ts.isIdentifier(a) || ts.isNumericLiteral(a))) return undefined;
  const name = `${owner.text}_${at.map((a) => (a as TS.Identifier | TS.NumericLiteral).text).join('')}`;
  // `v_i` and `v_j` are read by the expression parser as one example of a batch (notation.ts drops the index).
  return /_[ij]$/.test(name) ? undefined : name;
}
