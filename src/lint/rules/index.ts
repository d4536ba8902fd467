/**
 * The registry of diagnostic codes: one module per code, each with its metadata (default severity,
 * documentation) and its check. The extension's settings, the README's table and the language server's
 * capabilities are generated from it or checked against it by a test.
 */
import { activationMismatch } from './activationMismatch';
import { divisionByZero } from './divisionByZero';
import { expOverflow } from './expOverflow';
import { invalidAnnotation } from './invalidAnnotation';
import { logOfZero } from './logOfZero';
import { noGradient } from './noGradient';
import { nonDifferentiable } from './nonDifferentiable';
import type { Rule, RuleMeta } from './rule';
import { sqrtAtZero } from './sqrtAtZero';
import { unknownLoss } from './unknownLoss';

export type { Rule, RuleContext, RuleDocs, RuleFinding, RuleMeta, FixRequest } from './rule';
export { ACTIVATION_RULES, lossFamily } from './activationTable';

/** In the order the README lists them. */
export const RULES: readonly Rule[] = [logOfZero, divisionByZero, sqrtAtZero, expOverflow, nonDifferentiable, activationMismatch, unknownLoss, noGradient, invalidAnnotation];

const BY_CODE = new Map(RULES.map((r) => [r.meta.code, r]));

export function ruleFor(code: string): Rule | undefined {
  return BY_CODE.get(code);
}

export const RULE_META: readonly RuleMeta[] = RULES.map((r) => r.meta);
