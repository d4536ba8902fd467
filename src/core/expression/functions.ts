/** The functions a loss expression may call, with their arity and what they mean. */

export interface FunctionInfo {
  minArgs: number;
  maxArgs: number;
  /** Piecewise: not differentiable somewhere (abs, max …). */
  piecewise?: boolean;
  /** A step: constant between jumps (sign, rounding to an integer). */
  step?: boolean;
  /** ML functions that plain mathjs does not know; expanded into mathjs built-ins where output must evaluate. */
  ml?: boolean;
  /** One-line meaning, used in error messages and docs. */
  doc: string;
}

export const FUNCTIONS: Readonly<Record<string, FunctionInfo>> = {
  abs: { minArgs: 1, maxArgs: 1, piecewise: true, doc: '|x|' },
  sign: { minArgs: 1, maxArgs: 1, piecewise: true, step: true, doc: 'sign of x (-1, 0, 1)' },
  round: { minArgs: 1, maxArgs: 1, piecewise: true, step: true, doc: 'nearest integer: a step at every half-integer, flat between' },
  floor: { minArgs: 1, maxArgs: 1, piecewise: true, step: true, doc: 'largest integer not above x: a step at every integer' },
  ceil: { minArgs: 1, maxArgs: 1, piecewise: true, step: true, doc: 'smallest integer not below x: a step at every integer' },
  max: { minArgs: 2, maxArgs: 16, piecewise: true, doc: 'largest argument' },
  min: { minArgs: 2, maxArgs: 16, piecewise: true, doc: 'smallest argument' },
  exp: { minArgs: 1, maxArgs: 1, doc: 'e^x' },
  expm1: { minArgs: 1, maxArgs: 1, doc: 'e^x - 1' },
  log: { minArgs: 1, maxArgs: 2, doc: 'natural logarithm, or log(x, base)' },
  log1p: { minArgs: 1, maxArgs: 1, doc: 'log(1 + x)' },
  log2: { minArgs: 1, maxArgs: 1, doc: 'base-2 logarithm' },
  log10: { minArgs: 1, maxArgs: 1, doc: 'base-10 logarithm' },
  sqrt: { minArgs: 1, maxArgs: 1, doc: 'square root' },
  cbrt: { minArgs: 1, maxArgs: 1, doc: 'real cube root' },
  square: { minArgs: 1, maxArgs: 1, doc: 'x^2' },
  pow: { minArgs: 2, maxArgs: 2, doc: 'x^y' },
  sin: { minArgs: 1, maxArgs: 1, doc: 'sine' },
  cos: { minArgs: 1, maxArgs: 1, doc: 'cosine' },
  tan: { minArgs: 1, maxArgs: 1, doc: 'tangent' },
  atan: { minArgs: 1, maxArgs: 1, doc: 'arc tangent' },
  asin: { minArgs: 1, maxArgs: 1, doc: 'arc sine, on [-1, 1]' },
  acos: { minArgs: 1, maxArgs: 1, doc: 'arc cosine, on [-1, 1]' },
  sinh: { minArgs: 1, maxArgs: 1, doc: 'hyperbolic sine' },
  cosh: { minArgs: 1, maxArgs: 1, doc: 'hyperbolic cosine' },
  tanh: { minArgs: 1, maxArgs: 1, doc: 'hyperbolic tangent' },
  sigmoid: { minArgs: 1, maxArgs: 1, ml: true, doc: '1 / (1 + exp(-x))' },
  relu: { minArgs: 1, maxArgs: 1, ml: true, piecewise: true, doc: 'max(x, 0)' },
  softplus: { minArgs: 1, maxArgs: 1, ml: true, doc: 'log(1 + exp(x))' },
  softmax: { minArgs: 1, maxArgs: 1, ml: true, doc: 'a class probability from its logit x, in its two-class form sigmoid(x)' },
  logSoftmax: { minArgs: 1, maxArgs: 1, ml: true, doc: 'log(softmax(x)) computed stably: -softplus(-x) in its two-class form' },
  clip: { minArgs: 3, maxArgs: 3, ml: true, piecewise: true, doc: 'min(max(x, lo), hi)' },
};

export function isKnownFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/** Whether a function is piecewise (see FunctionInfo.piecewise). */
export function isPiecewise(name: string): boolean {
  return isKnownFunction(name) && FUNCTIONS[name].piecewise === true;
}

/** Whether a function is a step, flat between its jumps (see FunctionInfo.step). */
export function isStep(name: string): boolean {
  return isKnownFunction(name) && FUNCTIONS[name].step === true;
}

/** Numeric implementations, shared by the evaluator and the interval analysis. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function logSoftmax(x: number): number {
  return -softplus(-x);
}

export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
