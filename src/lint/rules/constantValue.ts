/** Numbers a loss's code fixes, read from its expression. */
import { compile, symbolsOf, type Node } from '../../core';

/** The value of a subexpression made of numbers and the site's parameters (`eps` of `eps=1e-7`). */
export function constantValue(n: Node, parameters: Readonly<Record<string, number>>): number | undefined {
  const names = [...symbolsOf(n)];
  if (!names.every((s) => Object.hasOwn(parameters, s))) return undefined;
  const v = compile(n, names)(names.map((s) => parameters[s]));
  return Number.isFinite(v) ? v : undefined;
}
