/** The diagnostics every part of Loss Lens reports, as CONTRACT.md names them. */

export const DIAGNOSTIC_CODES = [
  'log-of-zero',
  'division-by-zero',
  'sqrt-at-zero',
  'exp-overflow',
  'non-differentiable',
  'activation-mismatch',
  'unknown-loss',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  /** Offsets into the text the diagnostic refers to. */
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The whole expression after the fix, when the diagnostic is about an expression. */
  expression?: string;
  /** The one fix that is clearly right, offered first. */
  preferred?: boolean;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: { start: number; end: number };
  /** Hazards: the interval the argument (the log's, the divisor …) ranges over on the domain. */
  argument?: { lo: number; hi: number };
  /** Hazards: the span of that argument (the log's argument, the divisor …). */
  subject?: { start: number; end: number };
  fix?: Fix;
  /** Other fixes, after `fix`. */
  alternatives?: Fix[];
}

export const DEFAULT_SEVERITY: Record<DiagnosticCode, Severity> = {
  'log-of-zero': 'error',
  'division-by-zero': 'error',
  'sqrt-at-zero': 'warning',
  'exp-overflow': 'warning',
  'non-differentiable': 'info',
  'activation-mismatch': 'warning',
  'unknown-loss': 'error',
};

/** One paragraph per code, for hovers and the preview: the rule registry's (src/lint/rules) explanation as plain text (a test checks). */
export const EXPLANATIONS: Record<DiagnosticCode, string> = {
  'log-of-zero':
    'A log whose argument can reach 0 returns -Infinity, and its gradient 1/x becomes Infinity and then NaN in the weights. Sigmoid and softmax outputs do reach exactly 0 and 1 in float32 (tf.sigmoid(17.4) === 1), so log(p) and log(1 - p) are unsafe without a clip or the logits form.',
  'division-by-zero':
    'A divisor that can reach 0 makes the loss Infinity or NaN (0/0) and the gradient NaN.',
  'sqrt-at-zero':
    'sqrt(x) has the derivative 1/(2·sqrt(x)), which is Infinity at 0: the loss is finite but the gradient is not. A negative argument gives NaN.',
  'exp-overflow':
    'float32 exp overflows to Infinity past about 88.7 (float16 past 11.1); exp of something unbounded above makes the loss Infinity and the gradient NaN. Stable forms (softplus, logsumexp) avoid it.',
  'non-differentiable':
    'The loss has a kink or a jump here (abs, max/min, relu, clip, a conditional, a rounding to an integer): the gradient changes abruptly, which is often intended (MAE, hinge) but can stall or oscillate gradient descent; a rounding is flat between its jumps, so it gives no gradient at all.',
  'activation-mismatch':
    "The model's output activation does not suit its loss: for example a probability cross-entropy on an unbounded linear output, or a logits loss on a sigmoid output (the activation is applied twice).",
  'unknown-loss': 'The framework does not know this loss name: TF.js model.compile() throws "Unknown loss" at run time, Keras raises a ValueError. A tf.losses or tf.metrics function called with no tensors throws where the config is built; a list of several losses for a sequential model (one output) throws in compile.',
};
