#!/usr/bin/env python3
"""Time SymPy on the same loss expressions Loss Lens differentiates.

stdin : JSON array of {"id", "expression" (mathjs syntax), "wrt"}
argv  : [N] [--timeout SECONDS] [--warm-cache] [--emit-derivative]
          N          repetitions per expression (default 5)
          --timeout  wall-clock cap per expression for all N repetitions (default 10)
stdout: {"sympyVersion", "repeats", "timeoutSec", "cacheCleared",
         "results": [{"id", "medianMs", "p95Ms", "ok", "error"?, "derivative"?}]}

Each repetition times translate(mathjs -> SymPy) + sympy.simplify(sympy.diff(expr, wrt)).
SymPy's global cache is cleared before every repetition (cold timing, comparable to a fresh
run of our tool) unless --warm-cache is given. When an expression fails or exceeds the
cap, ok is false and medianMs/p95Ms are null. Exit status is 0 unless the input is invalid.
"""

import json
import math
import os
import signal
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "test", "oracle"))

import sympy  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402

from mathjs_to_sympy import translate  # noqa: E402


class Timeout(BaseException):
    """BaseException so that SymPy's internal `except Exception` cannot swallow it."""


def _on_alarm(signum, frame):
    raise Timeout()


def parse_args(argv):
    opts = {"n": 5, "timeout": 10.0, "warm": False, "emit": False}
    it = iter(argv)
    for a in it:
        if a == "--timeout":
            opts["timeout"] = float(next(it))
        elif a.startswith("--timeout="):
            opts["timeout"] = float(a.split("=", 1)[1])
        elif a == "--warm-cache":
            opts["warm"] = True
        elif a == "--emit-derivative":
            opts["emit"] = True
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            sys.exit(0)
        else:
            opts["n"] = int(a)
    if opts["n"] < 1 or opts["timeout"] <= 0:
        raise SystemExit("N must be >= 1 and --timeout > 0")
    return opts


def percentile(sorted_vals, q):
    """Nearest-rank percentile."""
    k = max(1, math.ceil(q * len(sorted_vals)))
    return sorted_vals[k - 1]


def run_one(item, opts):
    res = {"id": item.get("id")}
    derivative = None
    times = []
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, opts["timeout"])
    try:
        for _ in range(opts["n"]):
            if not opts["warm"]:
                clear_cache()
            t0 = time.perf_counter()
            wrt = sympy.Symbol(item["wrt"], real=True)
            expr = translate(item["expression"], {item["wrt"]: wrt})
            derivative = sympy.simplify(sympy.diff(expr, wrt))
            times.append((time.perf_counter() - t0) * 1000.0)
    except Timeout:
        res["error"] = f"timeout: exceeded {opts['timeout']:g}s ({len(times)}/{opts['n']} repetitions finished)"
    except (Exception, RecursionError) as e:
        res["error"] = f"{type(e).__name__}: {e}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if "error" in res:
        res.update(medianMs=None, p95Ms=None, ok=False)
    else:
        s = sorted(times)
        res.update(medianMs=round(statistics.median(s), 4), p95Ms=round(percentile(s, 0.95), 4), ok=True)
        if opts["emit"]:
            res["derivative"] = str(derivative)
    # stable key order
    order = ["id", "medianMs", "p95Ms", "ok", "error", "derivative"]
    return {k: res[k] for k in order if k in res}


def main():
    opts = parse_args(sys.argv[1:])
    try:
        items = json.load(sys.stdin)
    except json.JSONDecodeError as e:
        raise SystemExit(f"stdin is not valid JSON: {e}")
    if not isinstance(items, list):
        raise SystemExit("stdin must be a JSON array of {id, expression, wrt}")
    # Warm-up (not reported): the first simplify() call pays for lazy imports.
    _w = sympy.Symbol("w", real=True)
    sympy.simplify(sympy.diff(translate("w > 0 ? log(1 + exp(-w)) : max(w, 0)^2 + abs(w)", {"w": _w}), _w))
    results = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("expression"), str) or not isinstance(item.get("wrt"), str):
            results.append({"id": item.get("id", i) if isinstance(item, dict) else i, "medianMs": None, "p95Ms": None,
                            "ok": False, "error": "item needs string fields 'expression' and 'wrt'"})
            continue
        results.append(run_one(item, opts))
    out = {
        "sympyVersion": sympy.__version__,
        "repeats": opts["n"],
        "timeoutSec": opts["timeout"],
        "cacheCleared": not opts["warm"],
        "results": results,
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
