import { countNodes, mapChildren, symbolsOf, walk, type Node, type Span } from '../ast';
import { ExpressionError } from '../expressionError';
import { isKnownFunction } from '../functions';
import { toLatex, type LatexOptions } from '../latex';
import { printMathjs } from '../print';
import type { Statement } from './statements';

/**
 * Named steps: `pt = y*p + (1-y)*(1-p); -alpha*(1-pt)^gamma*log(pt)`. Every statement but the last names
 * an intermediate; the last is the loss. The loss the analysis works on has each step written out, and a
 * step used several times is one shared subtree, so a hazard or a kink inside a step's definition is found
 * once, with its span in that definition: a fix edits the step's text. The steps themselves are kept, each
 * in terms of the steps before it, for the formula (`where p_t = …`).
 */
export interface ParsedStep {
  name: string;
  /** The definition as written, in terms of earlier steps' names. */
  definition: Node;
  /** The definition with earlier steps written out: what the name stands for in the loss. */
  value: Node;
  /** From the name to the end of the definition. */
  span: Span;
}

export interface ReadStatement {
  statement: Statement;
  tree: Node;
}

export interface ResolvedSteps {
  /** The loss with every step written out. */
  ast: Node;
  /** The loss as written, in terms of the steps' names. */
  loss: Node;
  steps: ParsedStep[];
  /** The name the loss was given (`L = …`, `MSE = …`). */
  lossName?: string;
  assumptions: string[];
}

/** A loss with its steps written out is analysed as a tree; past this many nodes that tree is too big to analyse. */
export const MAX_TREE_NODES = 20_000;

const RESERVED = new Set(['Infinity', 'NaN', 'true', 'false']);

export function resolveSteps(statements: readonly ReadStatement[], column: (offset: number) => number): ResolvedSteps {
  const defined = new Map<string, ParsedStep>();
  const steps: ParsedStep[] = [];
  const assumptions: string[] = [];
  const laterNames = new Map<string, number>();
  statements.forEach(({ statement }, i) => {
    if (statement.name && i < statements.length - 1 && !laterNames.has(statement.name.text)) laterNames.set(statement.name.text, statement.name.start);
  });
  const last = statements.length - 1;
  for (let i = 0; i < last; i++) {
    const { statement, tree } = statements[i];
    const name = statement.name;
    if (!name) {
      throw new ExpressionError(
        `only the last statement is the loss; name this one (name = …) so the loss can use it, or remove it (column ${column(statement.start)})`,
        column(statement.start),
      );
    }
    checkName(name.text, name.start, defined, column);
    checkUses(tree, laterNames, defined, name.start, column);
    laterNames.delete(name.text);
    const step: ParsedStep = { name: name.text, definition: tree, value: writeOut(tree, defined), span: { start: statement.start, end: statement.end } };
    bound(step.value, statement.start, column);
    defined.set(name.text, step);
    steps.push(step);
  }
  const final = statements[last];
  checkUses(final.tree, new Map(), defined, final.statement.start, column);
  const ast = writeOut(final.tree, defined);
  bound(ast, final.statement.start, column);
  const used = namesIn(final.tree);
  for (const step of [...steps].reverse()) {
    if (used.has(step.name)) for (const s of namesIn(step.definition)) used.add(s);
    else assumptions.unshift(`the step ${step.name} is not used by the loss`);
  }
  const lossName = final.statement.name?.text;
  if (lossName && defined.has(lossName)) {
    throw new ExpressionError(`'${lossName}' is already a step; give the loss another name`, column(final.statement.name?.start ?? 0));
  }
  return { ast, loss: final.tree, steps, lossName, assumptions };
}

/** Checks the names statements assign before their expressions are read, so the message is about the name. */
export function checkStatementNames(statements: readonly Statement[], column: (offset: number) => number): void {
  statements.forEach(({ name, parameters }, i) => {
    if (!name) return;
    const what = i === statements.length - 1 ? 'the loss' : 'a step';
    if (isKnownFunction(name.text)) throw new ExpressionError(`'${name.text}' is a function and cannot name ${what}`, column(name.start));
    if (RESERVED.has(name.text)) throw new ExpressionError(`'${name.text}' is a constant and cannot name ${what}`, column(name.start));
    if (parameters && i < statements.length - 1) {
      throw new ExpressionError(`defining a function is not supported: write the step as ${name.text} = …`, column(parameters.start));
    }
  });
}

function checkName(name: string, at: number, defined: ReadonlyMap<string, ParsedStep>, column: (offset: number) => number): void {
  if (defined.has(name)) throw new ExpressionError(`'${name}' is defined twice; give the second step its own name`, column(at));
}

/** A step used before the statement that defines it would silently become a free symbol: say so instead. */
function checkUses(tree: Node, later: ReadonlyMap<string, number>, defined: ReadonlyMap<string, ParsedStep>, at: number, column: (offset: number) => number): void {
  walk(tree, (n) => {
    if ((n.kind !== 'sym' && n.kind !== 'const') || defined.has(n.name)) return;
    const definedAt = later.get(n.name) ?? (n.kind === 'const' ? later.get(n.name.toUpperCase()) : undefined);
    if (definedAt !== undefined) {
      const where = n.span?.start ?? at;
      throw new ExpressionError(`'${n.name}' is used before the step that defines it (column ${column(definedAt)}); define steps before using them`, column(where));
    }
  });
}

/** The tree with every defined step's name replaced by its value (the same object each time). */
function writeOut(node: Node, defined: ReadonlyMap<string, ParsedStep>): Node {
  if (defined.size === 0) return node;
  const rec = (n: Node): Node => {
    switch (n.kind) {
      case 'sym':
        return defined.get(n.name)?.value ?? n;
      case 'const':
        return (defined.get(n.name) ?? defined.get(n.name.toUpperCase()))?.value ?? n;
      default:
        return mapChildren(n, rec);
    }
  };
  return rec(node);
}

/** Symbols, and the constants e and pi, which a step may rename (`e = y - p` is an error, not Euler's number). */
function namesIn(tree: Node): Set<string> {
  const out = symbolsOf(tree);
  walk(tree, (n) => {
    if (n.kind === 'const') out.add(n.name).add(n.name.toUpperCase());
  });
  return out;
}

function bound(tree: Node, at: number, column: (offset: number) => number): void {
  if (countNodes(tree, MAX_TREE_NODES) > MAX_TREE_NODES) {
    throw new ExpressionError(`with its steps written out, the loss has more than ${MAX_TREE_NODES} terms: too large to analyse`, column(at));
  }
}

/** A named step as the analysis reports it. */
export interface AnalysisStep {
  name: string;
  /** Its definition in mathjs syntax, in terms of earlier steps' names. */
  expression: string;
  /** TeX of the definition, with earlier steps by name. */
  latex: string;
  /** From the name to the end of the definition, in the input. */
  span: Span;
}

export function describeSteps(steps: readonly ParsedStep[], options: LatexOptions): AnalysisStep[] {
  return steps.map((s) => ({ name: s.name, expression: printMathjs(s.definition), latex: toLatex(s.definition, options), span: { ...s.span } }));
}

/** Each step's value by name, so that a formula computed from the written-out loss can show the names again. */
export function stepNames(steps: readonly ParsedStep[]): { name: string; node: Node }[] {
  return steps.map((s) => ({ name: s.name, node: s.value }));
}
