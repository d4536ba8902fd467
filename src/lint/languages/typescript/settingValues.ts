/**
 * The values a file compares each setting with (`task === 'regression'`, `case 'binary_classification':`), read as the
 * values the setting takes: a way of building a model and a loss whose tests together leave the setting none of them
 * (`task` neither 'regression', 'binary_classification' nor 'multiclass_classification') never run together.
 */
import type * as TS from 'typescript';
import { conditionsOfTest, literalText, subjectKey, TRUTHY, type Condition } from './configurationChoices';
import type { SyntaxTree } from './syntaxTree';
import type { ModelInfo } from './modelInfo';

const byTree = new WeakMap<SyntaxTree, Map<string, Set<string>>>();

/** Each setting's compared values, found once per parse. */
function comparedValues(tree: SyntaxTree): Map<string, Set<string>> {
  const known = byTree.get(tree);
  if (known) return known;
  const ts = tree.ts;
  const out = new Map<string, Set<string>>();
  const add = (c: Condition) => {
    if (c.value === TRUTHY) return;
    let values = out.get(c.subject);
    if (!values) out.set(c.subject, (values = new Set()));
    values.add(c.value);
  };
  const visit = (n: TS.Node): void => {
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      const compares = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (compares) conditionsOfTest(tree, n, true).forEach(add);
    } else if (ts.isSwitchStatement(n)) {
      const subject = subjectKey(tree, n.expression);
      for (const clause of n.caseBlock.clauses) {
        if (!ts.isCaseClause(clause)) continue;
        const value = literalText(tree, clause.expression);
        if (value !== undefined) add({ subject, value, holds: true });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(tree.file);
  byTree.set(tree, out);
  return out;
}

/** The values each setting is held away from (`task !== 'binary'`), for settings not held to one value. */
function excludedValues(conditions: readonly Condition[]): Map<string, Set<string>> {
  const held = new Set(conditions.filter((c) => c.value !== TRUTHY && c.holds).map((c) => c.subject));
  const out = new Map<string, Set<string>>();
  for (const c of conditions) {
    if (c.value === TRUTHY || c.holds || held.has(c.subject)) continue;
    let set = out.get(c.subject);
    if (!set) out.set(c.subject, (set = new Set()));
    set.add(c.value);
  }
  return out;
}

/**
 * Whether two ways (a model's and a loss's) can run together by the values their tests leave a setting: when the file
 * compares it with two or more values and each way leaves some of them (`task` neither 'regression' nor 'binary' for
 * the loss, neither 'binary' nor 'multiclass' for the model), but together they leave none, they never meet. A way that
 * alone leaves none is a chain's last `else`, for values the file does not name, and is left to `consistent`.
 */
export function meetOnSomeValue(tree: SyntaxTree, a: readonly Condition[], b: readonly Condition[]): boolean {
  const outA = excludedValues(a);
  const outB = excludedValues(b);
  if (outA.size === 0 || outB.size === 0) return true;
  const known = comparedValues(tree);
  for (const [subject, fromA] of outA) {
    const fromB = outB.get(subject);
    const values = fromB && known.get(subject);
    if (!fromB || !values || values.size < 2) continue;
    const all = (out: Set<string>) => [...values].every((v) => out.has(v));
    if (!all(fromA) && !all(fromB) && [...values].every((v) => fromA.has(v) || fromB.has(v))) return false;
  }
  return true;
}

/**
 * An output activation read from the very setting a loss's test reads (`activation: this.config.outputActivation`,
 * and `switch (this.config.outputActivation) { case 'sigmoid': return 'binaryCrossentropy'; … }`): the value the file
 * gives the setting (a default) goes only with the loss its test picks for that value. Under a test for another value
 * the activation is whatever the caller chooses, unknown (undefined), never the default; a test of another setting
 * leaves the model as it is. A fallback activation (`opts.activation || 'linear'`) meets no loss a test picks.
 */
export function modelUnderLossTest(tree: SyntaxTree, model: ModelInfo | undefined, when: readonly Condition[] | undefined): ModelInfo | undefined {
  const node = model && !model.alternatives && !model.file ? model.decidingLayer?.activationNode : undefined;
  if (!node || !when?.length || literalText(tree, node) !== undefined) return model;
  // `activation: config.outputActivation || 'linear'` beside a loss a test picks (`config.outputUnits === 1 ? … : …`):
  // the caller sets the activation with the loss's setting; the fallback is not the head that loss meets.
  if (model!.decidingLayer?.activationFallback) return undefined;
  const subject = subjectKey(tree, node);
  const tested = when.filter((c) => c.subject === subject && c.value !== TRUTHY);
  return tested.every((c) => (c.value === model!.activationName) === c.holds) ? model : undefined;
}
