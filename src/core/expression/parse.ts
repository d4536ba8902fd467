import { mapChildren, type Node } from './ast';
import { ExpressionError } from './expressionError';
import { splitStatements, type Statement } from './input/statements';
import { rewriteNotation } from './input/notation';
import { checkStatementNames, resolveSteps, type ParsedStep } from './input/steps';
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

/** Recently parsed texts: the lint reads the same losses and subexpressions again on every keystroke. */
const MAX_REMEMBERED = 2_000;
const MAX_REMEMBERED_TEXT = 2_000_000;
const remembered = new Map<string, ParsedExpression | ExpressionError>();
let rememberedText = 0;

/**
 * Parses a loss. Throws `ExpressionError` (never anything else) on bad input. The result is shared with every
 * caller that parses the same text, so it (and its tree, which is immutable by design) is never modified.
 */
export function parseExpression(source: string): ParsedExpression {
  if (typeof source !== 'string') throw new ExpressionError('the expression must be a string', 1);
  const hit = remembered.get(source);
  if (hit) {
    remembered.delete(source);
    remembered.set(source, hit);
    if (hit instanceof ExpressionError) throw new ExpressionError(hit.message, hit.column);
    return hit;
  }
  let result: ParsedExpression | ExpressionError;
  try {
    const parsed = parseUncached(source);
    Object.freeze(parsed.steps);
    Object.freeze(parsed.assumptions);
    result = Object.freeze(parsed);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    result = err;
  }
  remember(source, result);
  if (result instanceof ExpressionError) throw result;
  return result;
}

/** Forgets the remembered parses (a benchmark's cold run, a host that wants the memory back). */
export function forgetParsedExpressions(): void {
  remembered.clear();
  rememberedText = 0;
}

function remember(source: string, result: ParsedExpression | ExpressionError): void {
  if (source.length > MAX_REMEMBERED_TEXT / 100) return;
  remembered.set(source, result);
  rememberedText += source.length;
  for (const [oldest] of remembered) {
    if (remembered.size <= MAX_REMEMBERED && rememberedText <= MAX_REMEMBERED_TEXT) break;
    remembered.delete(oldest);
    rememberedText -= oldest.length;
  }
}

function parseUncached(source: string): ParsedExpression {
  if (source.trim() === '') throw new ExpressionError('the expression is empty', 1);
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`the expression is too long (${source.length} characters; at most ${MAX_EXPRESSION_LENGTH})`, MAX_EXPRESSION_LENGTH);
  }
  checkNesting(source);
  const notation = rewriteNotation(source);
  const text = notation.text;
  const original = (offset: number) => (notation.changed ? notation.from[Math.max(0, Math.min(offset, text.length))] : offset);
  const originalEnd = (end: number) => (notation.changed ? (end > 0 ? notation.to[Math.min(end, text.length) - 1] : 0) : end);
  const column = (offset: number) => Math.max(1, Math.min(original(offset) + 1, source.length + 1));
  const statements = splitStatements(text);
  if (statements.length === 0) throw new ExpressionError('the expression is empty (only separators)', 1);
  const read = (statement: Statement): Node => {
    try {
      const tree = readStatement(text, statement, column);
      return notation.changed ? mapSpans(tree, original, originalEnd) : tree;
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      const at = notation.changed ? column(err.column - 1) : err.column;
      throw new ExpressionError(`${err.message.replace(/ at column \d+$/, '')} at column ${at}${hintFor(err.message)}`, at);
    }
  };
  if (statements.length === 1 && !statements[0].name) {
    const ast = read(statements[0]);
    return { source, ast, loss: ast, steps: [], assumptions: notation.assumptions };
  }
  checkStatementNames(statements, column);
  const inInput = (st: Statement): Statement => (notation.changed ? mapStatement(st, original, originalEnd) : st);
  const resolved = resolveSteps(
    statements.map((statement) => ({ statement: inInput(statement), tree: read(statement) })),
    (offset) => Math.max(1, Math.min(offset + 1, source.length + 1)),
  );
  return { source, ...resolved, assumptions: [...notation.assumptions, ...resolved.assumptions] };
}

/** How to write it instead, for the errors a pasted formula runs into. */
function hintFor(message: string): string {
  if (/^(syntax error|unexpected|parenthesis|value expected|unexpected end)/i.test(message)) {
    return '. Write the loss like -(y*log(p) + (1-y)*log(1-p)), |p - y| <= delta ? ½(p - y)² : …, error = y - p; error², or paste LaTeX such as -\\frac{1}{n}\\sum_i y_i \\log \\hat{y}_i';
  }
  if (/^unknown function/.test(message)) return '. The functions are abs, sign, max, min, exp, log, log1p, sqrt, pow, sigmoid, relu, softplus, clip, tanh … (a sum or mean over the batch is read per element)';
  return '';
}

/** The tree with every span moved from the rewritten text back into the input. */
function mapSpans(node: Node, start: (offset: number) => number, end: (offset: number) => number): Node {
  const rec = (n: Node): Node => {
    const span = n.span ? { start: start(n.span.start), end: end(n.span.end) } : undefined;
    const out: Node = { ...mapChildren(n, rec) };
    if (span) out.span = span;
    return out;
  };
  return rec(node);
}

function mapStatement(st: Statement, start: (offset: number) => number, end: (offset: number) => number): Statement {
  const range = (r: { start: number; end: number }) => ({ start: start(r.start), end: end(r.end) });
  return {
    ...st,
    name: st.name ? { ...range(st.name), text: st.name.text } : undefined,
    parameters: st.parameters ? range(st.parameters) : undefined,
    body: range(st.body),
    start: start(st.start),
    end: end(st.end),
  };
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
