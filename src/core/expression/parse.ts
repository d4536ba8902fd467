import type { Node } from './ast';
import { ExpressionError } from './expressionError';
import { splitStatements, type Statement } from './input/statements';
import { checkStatementNames, resolveSteps, type ParsedStep, type ReadStatement } from './input/steps';
import { MAX_DEPTH, readMathjs } from './mathjsReader';

/**
 * The entry for loss text: checks its size, splits it into statements (named steps, then the loss), reads
 * each in mathjs syntax with spans into the text as given, and writes the steps out into the loss.
 */
export { ExpressionError };

export const MAX_EXPRESSION_LENGTH = 20_000;

export interface ParsedExpression {
  source: string;
  /** The loss with every named step written out: what is differentiated, sampled and checked. */
  ast: Node;
  /** The loss as written, in terms of its steps' names (the same tree as `ast` when there are none). */
  loss: Node;
  steps: ParsedStep[];
  /** The name the input gave the loss (`L = …`). */
  lossName?: string;
  /** What was assumed to read the input, for people (`the step e is not used by the loss`). */
  assumptions: string[];
}

export type { ParsedStep };

/** Parses a loss. Throws `ExpressionError` (never anything else) on bad input. */
export function parseExpression(source: string): ParsedExpression {
  if (typeof source !== 'string') throw new ExpressionError('the expression must be a string', 1);
  if (source.trim() === '') throw new ExpressionError('the expression is empty', 1);
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`the expression is too long (${source.length} characters; at most ${MAX_EXPRESSION_LENGTH})`, MAX_EXPRESSION_LENGTH);
  }
  checkNesting(source);
  const statements = splitStatements(source);
  const column = (offset: number) => Math.max(1, Math.min(offset + 1, source.length + 1));
  if (statements.length === 1 && !statements[0].name) {
    const ast = readStatement(source, statements[0], column);
    return { source, ast, loss: ast, steps: [], assumptions: [] };
  }
  checkStatementNames(statements, column);
  const read: ReadStatement[] = statements.map((statement) => ({ statement, tree: readStatement(source, statement, column) }));
  const resolved = resolveSteps(read, column);
  return { source, ...resolved };
}

/** Reads one statement's expression in place: the text around it is blanked, so offsets stay those of the input. */
function readStatement(source: string, statement: Statement, column: (offset: number) => number): Node {
  const { body } = statement;
  if (body.start >= body.end) {
    const what = statement.name ? `'${statement.name.text} =' has no expression after it` : 'a statement is empty';
    throw new ExpressionError(what, column(statement.start));
  }
  const text = ' '.repeat(body.start) + source.slice(body.start, body.end).replace(/[\r\n]/g, ' ');
  return readMathjs(text);
}

function checkNesting(source: string): void {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > MAX_DEPTH) {
        throw new ExpressionError(`expression is nested too deeply (more than ${MAX_DEPTH} parentheses)`, i + 1);
      }
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    }
  }
}
