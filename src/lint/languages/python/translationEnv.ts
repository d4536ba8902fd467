/**
 * What the Python translation reads names in: the bindings of a function's locals (an expression, a value computed
 * on first use, or the reason it cannot be read), the enclosing scopes, and which names can be symbols of the
 * loss expression. `Unreadable` carries the node that stopped the reading.
 */
import { FUNCTIONS } from '../../../core';
import type { Expr } from '../../engine/expression';
import type { PyNode } from './syntax';

export class Unreadable extends Error {
  constructor(
    message: string,
    readonly node?: PyNode,
  ) {
    super(message);
    this.name = 'Unreadable';
  }
}

export type Binding = { kind: 'expr'; expr: Expr } | { kind: 'lazy'; node: PyNode; env: Env; cached?: Expr; busy?: boolean } | { kind: 'unreadable'; reason: string; node?: PyNode };

export class Env {
  static readonly empty: Env = new Env(new Map());

  constructor(
    private readonly vars: ReadonlyMap<string, Binding>,
    readonly parent?: Env,
  ) {}

  lookup(name: string): Binding | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const b = e.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

/** Names mathjs reads as something else, or that the catalog uses. */
export const RESERVED = new Set(['e', 'E', 'pi', 'PI', 'i', 'Infinity', 'NaN', 'true', 'false', 'null', 'undefined', 'and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'c']);

export function isSymbolName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name) && !Object.hasOwn(FUNCTIONS, name);
}
