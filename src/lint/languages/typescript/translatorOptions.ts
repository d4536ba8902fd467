/** How a Translator is asked to read code, and what it records of the configuration tests it meets. */
import type * as TS from 'typescript';
import type { Expr } from '../../engine/expression';
import type { ActivatedLogits } from '../../engine/frontEnd';
import type { FunctionNode } from './syntaxTree';

/** A logits loss's argument as translated: `prediction` names another model output the loss reads. */
export type ReadLogits = ActivatedLogits & { prediction?: string };

export interface TranslatorOptions {
  /**
   * 'minimize': a closure without parameters; the model's output is the prediction, free tensors the target.
   * 'operation': the input of one op outside any loss; everything it takes from elsewhere is data of its own.
   */
  mode: 'loss' | 'minimize' | 'operation';
  /** Values of enclosing functions' parameters (a loss factory called with arguments). */
  closureValues?: ReadonlyMap<TS.Node, Expr>;
  /** Which way each configuration test goes in this reading (see `Translator.choice`); true when absent. */
  choices?: ReadonlyMap<TS.Node, boolean>;
  /**
   * The model a minimize call trains when its var list says so (`minimize(f, true, actor.trainableWeights…)`), as
   * source text: other models' outputs in the closure are then fixed data for this step (a critic's Q for the actor).
   */
  trainedModel?: string;
  /**
   * The training step being read (a minimize closure): model outputs computed outside it, before the tape, are fixed
   * data of the step, unless the step only returns a loss computed outside (`variableGrads(() => totalLoss)`).
   */
  step?: FunctionNode;
}

/** A configuration test met while reading, and the way this reading took it. */
export interface ChoicePoint {
  node: TS.Node;
  value: boolean;
  /** The test's text without its negations, in its function: the same test met again goes the same way. */
  key: string;
  /** Whether the test is the key negated (`!fromLogits`). */
  negated: boolean;
}
