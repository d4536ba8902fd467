/** `unknown-loss`: a loss the framework throws on: a name it does not know (TF.js `'mse'`, Keras typos), a loss function called instead of passed. */
import type { Rule, RuleContext, RuleFinding } from './rule';

/** The message up to its first full stop that ends a sentence (not one inside quotes or a name). */
function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s+[A-Z]|$)/.exec(text);
  const sentence = m ? m[0] : text;
  if (sentence.length <= 100) return sentence;
  // The framework's own error text is the detail's; the summary keeps that it throws.
  const quoted = /^(.*? throws)\s+"[^"]*"\.?$/.exec(sentence);
  return quoted ? `${quoted[1]}.` : sentence;
}

export const unknownLoss: Rule = {
  meta: {
    code: 'unknown-loss',
    defaultSeverity: 'error',
    docs: {
      summary: "a loss name the framework throws on (TF.js `'mse'`, `'mae'`, `'huberLoss'`, snake_case Keras names; in TypeScript, a setting whose declared type allows only such names), a TF.js loss or metric function called where it should be passed (`loss: tf.losses.logLoss()`, `metrics: [tf.metrics.precision()]`), a metric name TF.js's compile rejects (`metrics: ['recall']`), a `tf.losses[name]` lookup of a name tf.losses does not have, a loss called by TensorFlow's Python name (`tf.sigmoidCrossEntropyWithLogits`, `tf.nn.…`), or a list of losses for a `tf.sequential` model's one output",
      explanation: 'The framework does not know this loss name: TF.js model.compile() throws "Unknown loss" at run time, Keras raises a ValueError. A tf.losses or tf.metrics function called with no tensors throws where the config is built; a list of several losses for a sequential model (one output) throws in compile.',
      fix: 'the right name, or the function itself',
    },
  },
  check({ site }: RuleContext): RuleFinding[] {
    const fl = site.frameworkLoss;
    if (!fl || fl.known || !fl.unknown) return [];
    return [
      {
        at: { file: { start: fl.start, end: fl.end } },
        message: firstSentence(fl.unknown.message),
        detail: fl.unknown.message,
        fixes: fl.unknown.suggestions.map((s) => ({ plan: s.plan, title: s.title })),
      },
    ];
  },
};
