/**
 * Tests that tell the output layer from the hidden ones in a hand-written network's backward pass
 * (`isOutputLayer ? y * (1 - y) : reluDerivative(y)`, `l < layers.length - 1 ? … : …`): which branch holds at the
 * output layer, read from the test's form, never guessed.
 */
import type * as TS from 'typescript';
import { unwrapExpression } from './syntaxTree';

/**
 * The branch of a choice a derivative comes from at the output layer: the first when the test holds there
 * (`isOutputLayer`, `l === layers.length - 1`), the second when it fails there (`!isOutputLayer`, `l < n - 1`,
 * `isHidden`), none when the test says neither (`l === 0`): no guess at which layer is the output.
 */
export function outputLayerBranches(ts: typeof TS, c: TS.ConditionalExpression): TS.Expression[] {
  const holds = atOutputLayer(ts, c.condition);
  return holds === undefined ? [] : [holds ? c.whenTrue : c.whenFalse];
}

const OUTPUT_LAYER_NAME = /^(?:is_?)?(?:output|last)(?:_?layer)?$/i;
const HIDDEN_LAYER_NAME = /^(?:is_?)?hidden(?:_?layer)?$/i;
/** The output layer's index: `layers.length - 1`, `this.weights.length - 1`, `lastLayer`, `outputIndex`. */
const LAST_INDEX = /(?:\.length\s*-\s*1|^(?:last|output)(?:_?(?:layer|index|idx))?)$/i;

/** Whether a test holds at the output layer: true, false, or undefined when it does not say. */
function atOutputLayer(ts: typeof TS, test: TS.Expression): boolean | undefined {
  const t = unwrapExpression(ts, test);
  if (ts.isPrefixUnaryExpression(t) && t.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = atOutputLayer(ts, t.operand);
    return inner === undefined ? undefined : !inner;
  }
  const name = ts.isIdentifier(t) ? t.text : ts.isPropertyAccessExpression(t) ? t.name.text : undefined;
  if (name !== undefined) return OUTPUT_LAYER_NAME.test(name) ? true : HIDDEN_LAYER_NAME.test(name) ? false : undefined;
  if (!ts.isBinaryExpression(t)) return undefined;
  const op = t.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  // `isOutputLayer === false`
  const flag = [t.left, t.right].map((x) => unwrapExpression(ts, x).kind);
  const bool = flag.findIndex((k) => k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword);
  if (bool >= 0 && (equal || unequal)) {
    const of = atOutputLayer(ts, bool === 0 ? t.right : t.left);
    const isTrue = flag[bool] === ts.SyntaxKind.TrueKeyword;
    return of === undefined ? undefined : (of === isTrue) === equal;
  }
  // `l === layers.length - 1`, `l !== lastLayer`, `l < n - 1` (a hidden layer), `l >= n - 1`.
  const lastOnRight = LAST_INDEX.test(t.right.getText().replace(/\s+/g, ' ').replace(/^this\./, ''));
  const lastOnLeft = LAST_INDEX.test(t.left.getText().replace(/\s+/g, ' ').replace(/^this\./, ''));
  if (lastOnRight === lastOnLeft) return undefined;
  if (equal) return true;
  if (unequal) return false;
  // At the output layer the index equals the last one: `l < last` and `l > last` fail, `l <= last` and `l >= last`
  // hold, on whichever side the last index is.
  if (op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.GreaterThanToken) return false;
  if (op === ts.SyntaxKind.LessThanEqualsToken || op === ts.SyntaxKind.GreaterThanEqualsToken) return true;
  return undefined;
}
