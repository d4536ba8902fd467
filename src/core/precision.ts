/**
 * The floating-point formats a loss runs in, and what each one means for the analysis: how a value rounds,
 * where exp overflows, the next representable number, and the ε a fix writes. TF.js, PyTorch, Keras and JAX
 * default to float32, NumPy to float64, and TF.js on WebGL phones computes in float16 (its epsilon there is
 * 1e-4). float16 rounding is exact round-to-nearest-even from a double; Node 20 has no Math.f16round.
 */
export const PRECISIONS = ['float16', 'float32', 'float64'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const DEFAULT_PRECISION: Precision = 'float32';

export function isPrecision(name: string): name is Precision {
  return (PRECISIONS as readonly string[]).includes(name);
}

export interface NumberFormat {
  name: Precision;
  /** Rounds a double to the nearest value of the format (ties to even), overflowing to ±Infinity. */
  round: (x: number) => number;
  /** Largest finite value. */
  max: number;
  /** Smallest positive (subnormal) value. */
  minPositive: number;
  /** exp(x) is Infinity past this (ln of the largest finite value). */
  expOverflow: number;
  /** sinh(x) and cosh(x) are Infinity past this in magnitude (ln of twice the largest finite value). */
  hyperbolicOverflow: number;
  /** The ε quick fixes write by default (the frameworks' own: 1e-7 for float32 and float64, 1e-4 for float16). */
  fixEpsilon: number;
  /** An exponent cap that keeps exp finite with room to spare, for the exp-overflow fix. */
  expCap: number;
}

const FLOAT16_MAX = 65504;
/** 2^-14: the smallest normal float16. */
const FLOAT16_MIN_NORMAL = 2 ** -14;
/** 2^-24: the smallest subnormal float16, the spacing of every value below 2^-14. */
const FLOAT16_MIN_POSITIVE = 2 ** -24;

/** x rounded to an integer, ties to even; x must be below 2^53 so that x - floor(x) is exact. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const frac = x - f;
  if (frac > 0.5) return f + 1;
  if (frac < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The exponent e with 2^e <= a < 2^(e+1), for a finite a > 0. */
function binaryExponent(a: number): number {
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return e;
}

/** The spacing of float16 values in the binade of a (a >= 0, finite). */
function float16Quantum(a: number): number {
  return a < FLOAT16_MIN_NORMAL ? FLOAT16_MIN_POSITIVE : 2 ** (binaryExponent(a) - 10);
}

/**
 * Rounds a double to the nearest float16 (IEEE 754 binary16), ties to even. Scaling by a power of two is
 * exact in double, so the only rounding is the one to the format's quantum in the value's binade.
 */
export function f16round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  const q = float16Quantum(a);
  const r = roundHalfEven(a / q) * q;
  const out = r > FLOAT16_MAX ? Infinity : r;
  return x < 0 ? -out : out;
}

const identity = (x: number): number => x;

export const FORMATS: Readonly<Record<Precision, NumberFormat>> = {
  float16: {
    name: 'float16',
    round: f16round,
    max: FLOAT16_MAX,
    minPositive: FLOAT16_MIN_POSITIVE,
    expOverflow: Math.log(FLOAT16_MAX),
    hyperbolicOverflow: Math.log(2 * FLOAT16_MAX),
    fixEpsilon: 1e-4,
    expCap: 10,
  },
  float32: {
    name: 'float32',
    round: Math.fround,
    max: 3.4028234663852886e38,
    minPositive: 1.401298464324817e-45,
    expOverflow: Math.log(3.4028234663852886e38),
    hyperbolicOverflow: Math.log(2 * 3.4028234663852886e38),
    fixEpsilon: 1e-7,
    expCap: 80,
  },
  float64: {
    name: 'float64',
    round: identity,
    max: Number.MAX_VALUE,
    minPositive: Number.MIN_VALUE,
    expOverflow: Math.log(Number.MAX_VALUE),
    hyperbolicOverflow: Math.log(Number.MAX_VALUE) + Math.LN2,
    fixEpsilon: 1e-7,
    expCap: 700,
  },
};

export function formatOf(precision: Precision = DEFAULT_PRECISION): NumberFormat {
  return FORMATS[precision];
}

/** The smallest value of the format above x (x itself a value of the format); -Infinity goes to -max. */
export function nextUp(x: number, format: NumberFormat): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return -format.max;
  if (x === 0) return format.minPositive;
  if (x < 0) return -nextDown(-x, format);
  switch (format.name) {
    case 'float64':
      return stepBits64(x, 1);
    case 'float32':
      return stepBits32(x, 1);
    case 'float16': {
      const up = x + float16Quantum(x);
      return up > FLOAT16_MAX ? Infinity : up;
    }
  }
}

/** The largest value of the format below x (x itself a value of the format). */
export function nextDown(x: number, format: NumberFormat): number {
  if (Number.isNaN(x) || x === -Infinity) return x;
  if (x === Infinity) return format.max;
  if (x === 0) return -format.minPositive;
  if (x < 0) return -nextUp(-x, format);
  switch (format.name) {
    case 'float64':
      return stepBits64(x, -1);
    case 'float32':
      return stepBits32(x, -1);
    case 'float16':
      return x - float16Quantum(x - float16Quantum(x) / 2);
  }
}

const bits64 = new DataView(new ArrayBuffer(8));

/** Moves a positive finite double one unit in the last place (step ±1) through its bit pattern. */
function stepBits64(x: number, step: 1 | -1): number {
  bits64.setFloat64(0, x);
  bits64.setBigUint64(0, bits64.getBigUint64(0) + BigInt(step));
  return bits64.getFloat64(0);
}

function stepBits32(x: number, step: 1 | -1): number {
  bits64.setFloat32(0, x);
  bits64.setUint32(0, bits64.getUint32(0) + step);
  return bits64.getFloat32(0);
}
