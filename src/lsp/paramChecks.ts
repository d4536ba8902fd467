/**
 * Checks of the params clients send against LSP's shapes. For the document synchronisation notifications each
 * check returns why the params are malformed (in words a client's author can act on), or undefined when they are
 * well-formed; positions past the end of a text are well-formed (clients do send them; the text document clamps
 * them). For requests, malformed params are answered with InvalidParams.
 */
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export type Params = Record<string, unknown> | null | undefined;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isPosition = (p: unknown): boolean => isObject(p) && isNumber(p.line) && isNumber(p.character);

/** `where` is a `{ uri }` (with an integer `version` and a string `text` and `languageId` when `needs` says). */
export function documentProblem(document: unknown, where: string, needs: { version?: boolean; item?: boolean } = {}): string | undefined {
  if (!isObject(document) || typeof document.uri !== 'string') return `${where}.uri is not a string`;
  if ((needs.version || needs.item) && !Number.isInteger(document.version)) return `the version of ${document.uri} is not an integer`;
  if (needs.item && typeof document.text !== 'string') return `the text of ${document.uri} is not a string`;
  if (needs.item && typeof document.languageId !== 'string') return `the languageId of ${document.uri} is not a string`;
  return undefined;
}

/** Every item of `list` passes `check`, which is given the item and its place (`where[i]`). */
export function listProblem(list: unknown, where: string, check: (item: unknown, where: string) => string | undefined): string | undefined {
  if (!Array.isArray(list)) return `${where} is not an array`;
  for (let i = 0; i < list.length; i++) {
    const problem = check(list[i], `${where}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** A content change: `{ text }` or `{ range, text }` with a range of two `{ line, character }` numbers. */
export function changeProblem(change: unknown, where: string): string | undefined {
  if (!isObject(change) || typeof change.text !== 'string') return `${where} has no text string`;
  if (change.range === undefined) return change.rangeLength === undefined ? undefined : `${where} has a rangeLength without a range`;
  if (!isObject(change.range) || !isPosition(change.range.start) || !isPosition(change.range.end)) return `${where}.range is not { start, end } of { line, character } numbers`;
  return undefined;
}

/**
 * A request handler that is given object params only; other params are answered with InvalidParams. It is
 * registered with `onRequest` rather than `onHover` and the like, whose wrappers read the params' progress tokens
 * first and would fail with a TypeError on `null`. The connection passes the cancellation token last, after no
 * params, one, or the items of an array.
 */
export function withObjectParams<P, R>(method: string, handler: (params: P, token: CancellationToken) => Promise<R>): (...args: unknown[]) => Promise<R> {
  return async (...args) => {
    const [params, token] = args;
    if (args.length !== 2 || !isObject(params)) throw new ResponseError(ErrorCodes.InvalidParams, `${method} needs its params as an object`);
    return handler(params as P, token as CancellationToken);
  };
}

/** The code action kinds a request asks for: absent, or an array of strings. */
export function onlyKinds(only: unknown): string[] | undefined {
  if (only === undefined || only === null) return undefined;
  if (!Array.isArray(only) || !only.every((k) => typeof k === 'string')) throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/codeAction needs params.context.only as an array of kinds');
  return only;
}
