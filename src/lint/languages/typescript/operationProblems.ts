/**
 * The file's problems found outside the loss sites, each by its own reader: logits losses given probabilities
 * (logitsProbes.ts), JavaScript's operators on tensors (tensorOperators.ts), least-squares GAN losses on a sigmoid
 * discriminator (leastSquaresGan.ts) and unbounded `exp` (expProbes.ts).
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import type { Precision } from '../../engine/types';
import { modelGivenToParameter } from './argumentOutputs';
import { expOverflowProblems } from './expProbes';
import { discriminatorOutput } from './ganLosses';
import { discriminatorResolver, leastSquaresGanProblems } from './leastSquaresGan';
import { logitsLossProblems } from './logitsProbes';
import type { ImportContext, ModelInfo } from './modelResolution';
import type { SyntaxTree } from './syntaxTree';
import { tensorOperatorProblems } from './tensorOperators';
import type { TfBindings } from './tfBindings';

export function operationProblems(
  tree: SyntaxTree,
  tf: TfBindings,
  imports: ImportContext | undefined,
  covered: (node: TS.Node) => boolean,
  modelOf: (call: TS.CallExpression, output?: number) => ModelInfo | undefined,
  precision: Precision,
  expired: () => boolean,
): FrontEndProblem[] {
  const discriminator = discriminatorResolver(tree, tf, imports);
  return [
    ...logitsLossProblems(tree, tf, covered, modelOf, (p) => discriminatorOutput(tree, p, discriminator), expired, (p) => modelGivenToParameter(tree, p, modelOf)),
    ...tensorOperatorProblems(tree, tf, expired),
    ...leastSquaresGanProblems(tree, tf, discriminator, expired),
    ...expOverflowProblems(tree, tf, covered, precision, expired),
  ];
}
