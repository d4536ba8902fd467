#!/usr/bin/env python3
"""Generate test/fixtures/precision-oracle.json: how float16, float32 and float64 round and saturate,
measured with NumPy, for test/unit/core-precision.test.mjs.

Usage:  python3 test/oracle/generate_precision_oracle.py [--out PATH] [--check-only]

Deterministic and offline; NumPy only (Debian: apt-get install python3-numpy). It records
  * float16 rounding: NumPy's float64 -> float16 cast (round to nearest, ties to even) of doubles spread
    over every binade float16 has (subnormals, normals, the overflow edge), ties and their neighbours;
  * clip facts: for each precision and eps, whether log(clip(p, eps, 1 - eps)) at p = 0 and
    log(1 - clip(p, eps, 1 - eps)) at p = 1 stay finite, with 1 - eps computed in double and then cast
    to the format, as a framework does with a Python or JavaScript constant;
  * exp overflow: the largest value of each format whose exp is finite in that format.
"""

import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "test", "fixtures", "precision-oracle.json")
GENERATOR = "test/oracle/generate_precision_oracle.py"

DTYPES = {"float16": np.float16, "float32": np.float32, "float64": np.float64}
EPSILONS = [1e-15, 1e-8, 1e-7, 1e-4, 1e-3]


def float16_samples(rng):
    xs = [0.0, 65504.0, 65519.99, 65520.0, 70000.0, 2.0 ** -24, 2.0 ** -25, 2.0 ** -25 * 1.0000001, 3 * 2.0 ** -25,
          2.0 ** -14, 2.0 ** -14 - 2.0 ** -25, 1 - 1e-4, 1 - 1e-3, 1 + 2.0 ** -11, 1 + 3 * 2.0 ** -11, 0.1, 1e-7, 1e-8,
          1e-15, 2048.5, 2049.0, 2051.0, 4097.0, 1 - 2.0 ** -12, 1 - 2.0 ** -12 - 2.0 ** -40]
    for e in range(-26, 17):
        for _ in range(24):
            xs.append(float(rng.uniform(1, 2)) * 2.0 ** e)
        # exact ties between two float16 values of the binade (and between subnormals below 2^-14)
        q = 2.0 ** max(e - 10, -24)
        for _ in range(4):
            k = int(rng.integers(0, 2 ** 11))
            xs.append((2.0 ** e if e >= -14 else 0.0) + (k + 0.5) * q)
    xs += [-x for x in xs[: len(xs) // 3]]
    with np.errstate(over="ignore"):
        return [[x, encode(float(np.float64(x).astype(np.float16)))] for x in xs]


def encode(v):
    """JSON has no infinities: they are written as the strings "Infinity" and "-Infinity"."""
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def clip_facts():
    out = []
    for name, dt in DTYPES.items():
        one = dt(1)
        zero = dt(0)
        for eps in EPSILONS:
            lo = dt(eps)
            hi = dt(1 - eps)
            with np.errstate(divide="ignore", invalid="ignore"):
                lower = np.log(np.clip(zero, lo, hi))
                upper = np.log(one - np.clip(one, lo, hi))
            out.append({"precision": name, "eps": eps, "lowerSafe": bool(np.isfinite(lower)), "upperSafe": bool(np.isfinite(upper))})
    return out


def exp_limits():
    out = {}
    for name, dt in DTYPES.items():
        x = dt(np.log(np.finfo(dt).max))
        with np.errstate(over="ignore"):
            while np.isfinite(np.exp(x)):
                x = np.nextafter(x, dt(np.inf))
            while not np.isfinite(np.exp(x)):
                x = np.nextafter(x, dt(-np.inf))
        out[name] = {"largestFinite": float(x), "firstOverflowing": float(np.nextafter(x, dt(np.inf)))}
    return out


def build():
    rng = np.random.default_rng(20240613)
    return {
        "generator": GENERATOR,
        "numpy": np.__version__,
        "float16": float16_samples(rng),
        "clip": clip_facts(),
        "exp": exp_limits(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--check-only", action="store_true", help="compare with the committed fixture instead of writing it")
    args = parser.parse_args()
    data = build()
    text = json.dumps(data, indent=1) + "\n"
    if args.check_only:
        with open(args.out) as f:
            committed = json.load(f)
        committed.pop("numpy", None)
        fresh = json.loads(text)
        fresh.pop("numpy", None)
        if committed != fresh:
            print(f"{args.out} differs from what NumPy {np.__version__} gives now", file=sys.stderr)
            sys.exit(1)
        print(f"{args.out} agrees with NumPy {np.__version__}")
        return
    with open(args.out, "w") as f:
        f.write(text)
    print(f"wrote {args.out}: {len(data['float16'])} float16 samples, {len(data['clip'])} clip facts")


if __name__ == "__main__":
    main()
