/** `unknown-loss`: a loss name the framework does not know and throws on (TF.js `'mse'`, Keras typos). */
import type { Rule, RuleContext, RuleFinding } from './rule';

export const unknownLoss: Rule = {
  meta: {
    code: 'unknown-loss',
    defaultSeverity: 'error',
    docs: {
      summary: "a loss name the framework throws on (TF.js `'mse'`, `'mae'`, `'huberLoss'`, snake_case Keras names)",
      explanation: 'The framework does not know this loss name: TF.js model.compile() throws "Unknown loss" at run time, Keras raises a ValueError.',
      fix: 'the right name',
    },
  },
  check({ site }: RuleContext): RuleFinding[] {
    const fl = site.frameworkLoss;
    if (!fl || fl.known || !fl.unknown) return [];
    return [
      {
        at: { file: { start: fl.start, end: fl.end } },
        message: fl.unknown.message,
        fixes: fl.unknown.suggestions.map((s) => ({ plan: s.plan, title: s.title })),
      },
    ];
  },
};
