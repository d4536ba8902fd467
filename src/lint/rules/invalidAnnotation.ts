/**
 * `invalid-annotation`: a `@loss` (or `@activation`) annotation that cannot be read. It is reported at its own
 * position, like a syntax error, and does not hide the diagnostics of the code it annotates. The front end finds
 * these while reading comments; this module holds the code's metadata.
 */
import type { Rule } from './rule';

export const invalidAnnotation: Rule = {
  meta: {
    code: 'invalid-annotation',
    defaultSeverity: 'error',
    docs: {
      summary: 'a `@loss` or `@activation` annotation that cannot be read (a syntax error in the expression, an unknown activation)',
      explanation:
        'Loss Lens reads `@loss <expression>` comments for losses the code cannot say. This one cannot be parsed, so the loss it describes is not checked; the message says where and how to write it.',
    },
  },
  check: () => [],
};
