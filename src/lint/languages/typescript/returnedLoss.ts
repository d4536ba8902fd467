/**
 * What a loss function hands back when it returns an object: the one field named as the whole loss (`return { total,
 * box, cls }`), unless TF.js itself calls the function (compile, minimize), which throws on anything but a tensor.
 */
import type * as TS from 'typescript';
import { escapeRegExp } from './scope';
import { isFunctionNode, propertyName, type SyntaxTree } from './syntaxTree';

/** The one property of a returned object named as the whole loss (`total`, `loss`, `totalLoss`, `objective`, `cost`). */
export function wholeLossField(ts: typeof TS, object: TS.ObjectLiteralExpression): TS.Expression | undefined {
  const named = object.properties.filter((p) => p.name && WHOLE_LOSS.test(propertyName(ts, p.name) ?? ''));
  const only = named.length === 1 ? named[0]! : undefined;
  return only && ts.isPropertyAssignment(only) ? only.initializer : only && ts.isShorthandPropertyAssignment(only) ? only.name : undefined;
}

const WHOLE_LOSS = /^(?:total|loss|total_?loss|loss_?total|objective|cost)$/i;

/** Whether the function returning `value` is given to TF.js as a loss or objective (`loss: f`, `minimize(f)`, `variableGrads(f)`). */
export function handedToTfjs(tree: SyntaxTree, value: TS.Node): boolean {
  const ts = tree.ts;
  const fn = [...tree.ancestors(value)].find((a) => isFunctionNode(ts, a));
  const parent = fn && tree.parent(fn);
  if (!fn || !parent) return false;
  if (ts.isPropertyAssignment(parent) && propertyName(ts, parent.name) === 'loss') return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as TS.Expression) && TFJS_CALLERS.test(tree.compactSource(parent.expression))) return true;
  const name = (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name) ? fn.name.text : ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  return name !== undefined && new RegExp(`(?:\\bloss\\s*:|(?:minimize|variableGrads|valueAndGrads?|grads?)\\s*\\()\\s*(?:this\\s*\\.\\s*)?${escapeRegExp(name)}(?![\\w$])`).test(tree.text);
}

const TFJS_CALLERS = /(?:^|\.)(?:minimize|variableGrads|valueAndGrads?|grads?)$/;
