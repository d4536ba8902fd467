#!/usr/bin/env python3
"""The derivative and kink fuzzer's oracle: SymPy derivatives and 60-digit mpmath arithmetic.

Usage:
  python3 test/oracle/kink_fuzz.py [--seed 1] [--count 1200] [--out test/fixtures/fuzz-oracle.json]
      writes the fixture that test/unit/core-fuzz-oracle.test.mjs compares the core against;
  python3 test/oracle/kink_fuzz.py --live [--seed 2] [--count 10000] [--workers 2] [--holdout]
      computes the truth for a fresh set (holdout families included with --holdout) and runs the core on
      it through test/oracle/fuzz_compare.mjs, printing the derivative error rate and kink recall/precision.

For each expression (fuzz_expressions.py) over its domain (the real line for periodic ones, searched on
[-60, 60]) the oracle records
  * sample points: value and derivative where the loss is finite, from SymPy's derivative of the smooth
    piece active at the point (every abs/max/relu/clip/conditional replaced by its branch there, so a
    derivative is exact on flat pieces too) evaluated with mpmath at 60 digits;
  * switch points: every root of every switching function (the argument of abs/relu/sign, max/min pairs,
    clip ends, conditional comparisons, the bases of roots and fractional powers, and denominators and
    tan's poles, where a bounded loss can jump), found on a grid and
    refined at 60 digits (sign changes by bisection, touching zeros by minimising |w|). Each is classified
    from the one-sided pieces: a jump, a kink (one-sided derivatives differ or are infinite), or smooth
    with its derivative; one-sided derivatives are limits of SymPy's derivative of the one-sided piece,
    taken at x0 +- 1e-12 ... 1e-30 and extrapolated; where the loss is undefined at x0 alone (0/0 with a
    limit) its continuous extension is judged. Points where the loss is not finite on both sides, or where
    a limit cannot be settled, are recorded as 'excluded' and count neither way.
"""

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from multiprocessing import Pool

import mpmath
import sympy as sp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fuzz_expressions import cases  # noqa: E402
from fuzz_pieces import Evaluator, Pieces, Undefined, finite, localize  # noqa: E402
from fuzz_switches import GRID, roots_of, switching_functions  # noqa: E402
from mathjs_to_sympy import parse  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "test", "fixtures", "fuzz-oracle.json")
GENERATOR = "test/oracle/kink_fuzz.py"

PERIODIC_WINDOW = 60
SAMPLES = 6
TIE = mpmath.mpf("1e-40")
CASE_SECONDS = 60
CASE_MEMORY = 3 * 1024 ** 3


# ---------------------------------------------------------------------------
# Switching functions and their roots
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# One-sided limits and classification
# ---------------------------------------------------------------------------

STEPS = [mpmath.mpf(10) ** -k for k in (12, 18, 24, 30)]


def one_sided(fn, x0, s):
    """lim fn(x0 + s h), h -> 0+: ('value', v), ('infinite', sign) or None when it does not settle.

    fn is sampled at h = 1e-12, 1e-18, 1e-24, 1e-30; a limit c + a h^g (g > 0: analytic, |h|^1.5, ...)
    makes the successive differences geometric, and Aitken's extrapolation removes the h^g term exactly.
    """
    vals = []
    for h in STEPS:
        v = finite(safe_call(fn, x0 + s * h))
        if v is None:
            return None
        vals.append(v)
    diffs = [vals[i + 1] - vals[i] for i in range(3)]
    scale = max(abs(v) for v in vals)
    if abs(diffs[2]) <= mpmath.mpf("1e-45") * (1 + scale):
        return ("value", vals[3])
    if abs(vals[3]) > 10 * abs(vals[2]) and abs(vals[2]) > 10 * abs(vals[1]):
        return ("infinite", 1 if vals[3] > 0 else -1)
    if diffs[0] != 0 and diffs[1] != 0:
        r1 = diffs[1] / diffs[0]
        r2 = diffs[2] / diffs[1]
        if 0 < r2 < mpmath.mpf("0.9") and abs(r2 - r1) <= mpmath.mpf("0.05") * abs(r1):
            return ("value", vals[3] + diffs[2] * r2 / (1 - r2))
    return None


def safe_call(fn, x):
    try:
        return fn(x)
    except (ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None


def classify(ast, values, pieces, x0):
    point = Evaluator(values, tie=TIE)
    near = Evaluator(values)
    try:
        right_piece = localize(ast, near, x0 + mpmath.mpf("1e-32"))
        left_piece = localize(ast, near, x0 - mpmath.mpf("1e-32"))
        fr, dr = pieces.derivative(right_piece)
        fl, dl = pieces.derivative(left_piece)
    except (Undefined, TypeError, ValueError, ZeroDivisionError):
        return {"kind": "excluded"}
    for h in (mpmath.mpf("1e-20"), mpmath.mpf("1e-30")):
        for side in (-1, 1):
            try:
                near.ev(ast, x0 + side * h)
            except Undefined:
                return {"kind": "excluded"}
    try:
        f0 = point.ev(ast, x0)
    except Undefined:
        f0 = None
    vr = one_sided(fr, x0, 1)
    vl = one_sided(fl, x0, -1)
    if not vr or not vl or vr[0] != "value" or vl[0] != "value":
        return {"kind": "excluded"}
    scale = 1 + abs(vr[1]) + abs(vl[1])
    if abs(vr[1] - vl[1]) > mpmath.mpf("1e-25") * scale or (f0 is not None and abs(f0 - vr[1]) > mpmath.mpf("1e-25") * scale):
        return {"kind": "jump"}
    sr = one_sided(dr, x0, 1)
    sl = one_sided(dl, x0, -1)
    if not sr or not sl:
        return {"kind": "excluded"}
    if sr[0] == "infinite" or sl[0] == "infinite":
        return {"kind": "kink"}
    if abs(sr[1] - sl[1]) > mpmath.mpf("1e-12") * (abs(sr[1]) + abs(sl[1])) + mpmath.mpf("1e-25"):
        return {"kind": "kink"}
    return {"kind": "smooth", "derivative": float(sr[1])}


def truth_for(case):
    ast = parse(case["expression"])
    values = case["set"]
    domain = case["domain"]
    lo, hi = (domain if domain else (-PERIODIC_WINDOW, PERIODIC_WINDOW))
    pieces = Pieces(values)
    switches = []
    for w in switching_functions(ast, []):
        for x in roots_of(w, values, lo, hi, GRID * 2 if domain is None else GRID):
            if x < lo or x > hi or any(abs(x - s) <= mpmath.mpf("1e-25") * (1 + abs(x)) for s in switches):
                continue
            switches.append(x)
    switches.sort()
    points = []
    for x0 in switches:
        verdict = classify(ast, values, pieces, x0)
        entry = {"x": float(x0), "kind": verdict["kind"]}
        if verdict["kind"] == "smooth":
            entry["derivative"] = verdict["derivative"]
            x0d = mpmath.mpf(float(x0))
            exact = abs(x0d - x0) <= mpmath.mpf("1e-40") * (1 + abs(x0))
            entry["derivativeAtDouble"] = verdict["derivative"] if exact else derivative_at(ast, values, pieces, x0d, verdict["derivative"])
            entry["spread"] = spread(ast, values, pieces, x0d, entry["derivativeAtDouble"])
        points.append(entry)
    samples = []
    rng_lo, rng_hi = (lo, hi) if domain else (-8, 8)
    k = 0
    while len(samples) < SAMPLES and k < SAMPLES * 4:
        k += 1
        t = (k * 0.6180339887498949 + len(case["id"]) * 0.1) % 1
        x = rng_lo + (rng_hi - rng_lo) * t
        if any(abs(x - float(s)) < 1e-4 * (1 + abs(x)) for s in switches):
            continue
        ev = Evaluator(values)
        try:
            value = ev.ev(ast, mpmath.mpf(x))
            piece = localize(ast, ev, mpmath.mpf(x))
            _, dfun = pieces.derivative(piece)
        except (Undefined, TypeError, ValueError, ZeroDivisionError):
            continue
        d = finite(safe_call(dfun, mpmath.mpf(x)))
        if d is None or abs(d) > 1e300:
            continue
        samples.append({"x": x, "value": float(value), "derivative": float(d)})
    return {**case, "samples": samples, "switches": points}


def derivative_at(ast, values, pieces, x, fallback):
    """The derivative at the double nearest a smooth switch point: of the piece active there."""
    ev = Evaluator(values)
    try:
        piece = localize(ast, ev, x)
        _, dfun = pieces.derivative(piece)
        d = finite(safe_call(dfun, x))
    except (Undefined, TypeError, ValueError, ZeroDivisionError):
        d = None
    return float(d) if d is not None else fallback


class CaseTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise CaseTimeout()


def limit_worker():
    resource.setrlimit(resource.RLIMIT_AS, (CASE_MEMORY, CASE_MEMORY))
    signal.signal(signal.SIGALRM, on_alarm)


def spread(ast, values, pieces, x, at):
    """How much the derivative moves within a rounding of x (1e-15 relative): a double evaluation near a
    switch point is only as good as that (|p|^1.5 moves by 1e-8 there)."""
    worst = 0
    for k in (-1, 1):
        t = x + k * mpmath.mpf("1e-15") * (1 + abs(x))
        d = derivative_at(ast, values, pieces, t, at)
        worst = max(worst, abs(d - at))
    return float(worst)


def safe_truth(case):
    signal.alarm(CASE_SECONDS)
    try:
        return truth_for(case)
    except (Exception, CaseTimeout) as err:  # noqa: BLE001 - a case the oracle cannot settle is dropped, and counted
        return {**case, "error": f"{type(err).__name__}: {err}"}
    finally:
        signal.alarm(0)


def build(seed, count, workers, holdout):
    items = cases(seed, count, holdout)
    if workers > 1:
        with Pool(workers, initializer=limit_worker) as pool:
            return pool.map(safe_truth, items, chunksize=8)
    limit_worker()
    return [safe_truth(c) for c in items]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--holdout", action="store_true", help="draw from the holdout families too")
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--live", action="store_true", help="run the core on a fresh set and print its figures")
    args = parser.parse_args()
    results = build(args.seed, args.count, args.workers, args.holdout)
    dropped = [r for r in results if "error" in r]
    kept = [r for r in results if "error" not in r]
    data = {"generator": GENERATOR, "seed": args.seed, "holdout": args.holdout, "sympy": sp.__version__, "cases": kept}
    if args.live:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(data, f)
            path = f.name
        try:
            run = subprocess.run(["node", os.path.join(HERE, "fuzz_compare.mjs"), path], check=False)
        finally:
            os.unlink(path)
        print(f"oracle: {len(kept)} cases, {len(dropped)} dropped (the oracle could not settle them)")
        sys.exit(run.returncode)
    with open(args.out, "w") as f:
        head = json.dumps({k: v for k, v in data.items() if k != "cases"}, separators=(",", ":"))
        f.write(head[:-1] + ',"cases":[\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in kept))
        f.write("\n]}\n")
    switch_count = sum(len(c["switches"]) for c in kept)
    print(f"wrote {args.out}: {len(kept)} cases ({len(dropped)} dropped), {switch_count} switch points")


if __name__ == "__main__":
    main()
