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
import math
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
from mathjs_to_sympy import parse  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "test", "fixtures", "fuzz-oracle.json")
GENERATOR = "test/oracle/kink_fuzz.py"
mp = mpmath.mp
mp.dps = 60

PERIODIC_WINDOW = 60
GRID = 2000
SAMPLES = 6
TIE = mpmath.mpf("1e-40")
#: Values past this overflow a double; treating them as not finite also keeps mpmath from reducing sin(10^10^6).
BEYOND_DOUBLE = 1e300
CASE_SECONDS = 60
CASE_MEMORY = 3 * 1024 ** 3
P = sp.Symbol("p", real=True)


class Undefined(Exception):
    """The expression is not a finite real number here."""


# ---------------------------------------------------------------------------
# Evaluation of the parsed tree, in floats (grids) or mpmath (everything else)
# ---------------------------------------------------------------------------

def real(v):
    if isinstance(v, mpmath.mpc) or isinstance(v, complex):
        raise Undefined()
    if v != v or v in (mpmath.inf, -mpmath.inf) or (isinstance(v, float) and math.isinf(v)):
        raise Undefined()
    return v


class Evaluator:
    """Evaluates a tuple AST at p = x; switching functions within `tie` of zero count as ties."""

    def __init__(self, values, use_mp=True, tie=0):
        self.values = values
        self.mp = use_mp
        self.tie = tie
        m = mpmath if use_mp else math
        self.f = {
            "exp": m.exp, "sin": m.sin, "cos": m.cos, "tan": m.tan, "atan": m.atan, "sinh": m.sinh,
            "cosh": m.cosh, "tanh": m.tanh,
        }

    def num(self, text):
        """Literals and symbol values are the doubles the core computes with, exactly."""
        return mpmath.mpf(float(text)) if self.mp else float(text)

    def sign(self, w):
        if abs(w) <= self.tie:
            return 0
        return 1 if w > 0 else -1

    def ev(self, n, x):
        v = self.node(n, x)
        if isinstance(v, bool) or v is None:
            return v
        if abs(v) > BEYOND_DOUBLE:
            raise Undefined()
        return v

    def node(self, n, x):
        t = n[0]
        if t == "num":
            return self.num(n[1])
        if t == "sym":
            if n[1] == "p":
                return x
            if n[1] in ("pi", "e"):
                return self.num(math.pi if n[1] == "pi" else math.e)
            return self.num(self.values[n[1]])
        if t == "neg":
            return -self.ev(n[1], x)
        if t == "not":
            return 0 if self.truth(n[1], x) else 1
        if t in ("rel", "and", "or"):
            return 1 if self.truth(n, x) else 0
        if t == "cond":
            return self.ev(n[2], x) if self.truth(n[1], x) else self.ev(n[3], x)
        if t == "bin":
            a = self.ev(n[2], x)
            b = self.ev(n[3], x)
            op = n[1]
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "/":
                if b == 0:
                    raise Undefined()
                return a / b
            if op == "^":
                return self.power(a, b)
        if t == "call":
            return self.call(n[1], [lambda a=a: self.ev(a, x) for a in n[2]])
        raise ValueError(f"cannot evaluate {n!r}")

    def power(self, a, b):
        if a < 0 and b != int(b):
            raise Undefined()
        if a == 0 and b < 0:
            raise Undefined()
        try:
            return real(a ** b)
        except (OverflowError, ZeroDivisionError):
            raise Undefined()

    def truth(self, n, x):
        t = n[0]
        if t == "rel":
            vals = [self.ev(o, x) for o in n[2]]
            for op, l, r in zip(n[1], vals, vals[1:]):
                s = self.sign(l - r)
                ok = {"<": s < 0, "<=": s <= 0, ">": s > 0, ">=": s >= 0, "==": s == 0, "!=": s != 0}[op]
                if not ok:
                    return False
            return True
        if t == "and":
            return self.truth(n[1], x) and self.truth(n[2], x)
        if t == "or":
            return self.truth(n[1], x) or self.truth(n[2], x)
        if t == "not":
            return not self.truth(n[1], x)
        return self.sign(self.ev(n, x)) != 0

    def call(self, name, args):
        a = [f() for f in args]
        u = a[0]
        m = mpmath if self.mp else math
        try:
            if name == "abs":
                return -u if self.sign(u) < 0 else (u if self.sign(u) > 0 else 0 * u)
            if name == "sign":
                return self.sign(u)
            if name == "relu":
                return u if self.sign(u) > 0 else 0 * u
            if name in ("max", "min"):
                best = a[0]
                for v in a[1:]:
                    s = self.sign(v - best)
                    if (name == "max" and s > 0) or (name == "min" and s < 0):
                        best = v
                return best
            if name == "clip":
                low = u if self.sign(u - a[1]) >= 0 else a[1]
                return low if self.sign(low - a[2]) <= 0 else a[2]
            if name in ("log", "log2", "log10"):
                if u <= 0:
                    raise Undefined()
                base = {"log": None, "log2": 2, "log10": 10}[name]
                if name == "log" and len(a) == 2:
                    return m.log(u) / m.log(a[1])
                return m.log(u) if base is None else m.log(u) / m.log(base)
            if name == "log1p":
                if u <= -1:
                    raise Undefined()
                return m.log(1 + u) if self.mp else math.log1p(u)
            if name == "expm1":
                return m.exp(u) - 1 if self.mp else math.expm1(u)
            if name == "sqrt":
                if u < 0:
                    raise Undefined()
                return m.sqrt(u)
            if name == "cbrt":
                return (mpmath.cbrt(abs(u)) if u >= 0 else -mpmath.cbrt(-u)) if self.mp else math.copysign(abs(u) ** (1 / 3), u)
            if name == "square":
                return u * u
            if name == "pow":
                return self.power(u, a[1])
            if name == "sigmoid":
                return 1 / (1 + m.exp(-u)) if u >= 0 else m.exp(u) / (1 + m.exp(u))
            if name == "softplus":
                return (u + m.log(1 + m.exp(-u))) if u > 0 else m.log(1 + m.exp(u))
            return real(self.f[name](u))
        except (OverflowError, ValueError, ZeroDivisionError):
            raise Undefined()


# ---------------------------------------------------------------------------
# The smooth piece active at a point, as SymPy
# ---------------------------------------------------------------------------

def localize(n, ev, x):
    """The tree with every piecewise function replaced by the branch ev takes at p = x."""
    t = n[0]
    if t in ("num", "sym"):
        return n
    if t == "neg":
        return ("neg", localize(n[1], ev, x))
    if t in ("rel", "and", "or", "not"):
        return ("num", "1" if ev.truth(n if t != "not" else n[1], x) != (t == "not") else "0")
    if t == "cond":
        return localize(n[2] if ev.truth(n[1], x) else n[3], ev, x)
    if t == "bin":
        return ("bin", n[1], localize(n[2], ev, x), localize(n[3], ev, x))
    name, args = n[1], n[2]
    if name in ("abs", "relu", "sign", "cbrt"):
        s = ev.sign(ev.ev(args[0], x))
        u = localize(args[0], ev, x)
        if name == "abs":
            return u if s >= 0 else ("neg", u)
        if name == "relu":
            return u if s > 0 else ("num", "0")
        if name == "sign":
            return ("num", str(s))
        return ("call", "__cbrt", [u, s])
    if name in ("max", "min"):
        vals = [ev.ev(a, x) for a in args]
        best = 0
        for i in range(1, len(args)):
            s = ev.sign(vals[i] - vals[best])
            if (name == "max" and s > 0) or (name == "min" and s < 0):
                best = i
        return localize(args[best], ev, x)
    if name == "clip":
        u, lo, hi = (ev.ev(a, x) for a in args)
        low = 0 if ev.sign(u - lo) >= 0 else 1
        low_value = u if low == 0 else lo
        pick = low if ev.sign(low_value - hi) <= 0 else 2
        return localize(args[pick], ev, x)
    return ("call", name, [localize(a, ev, x) for a in args])


def to_sympy(n, values):
    t = n[0]
    if t == "num":
        return sp.Rational(float(n[1]))
    if t == "sym":
        if n[1] == "p":
            return P
        if n[1] == "pi":
            return sp.Rational(math.pi)
        if n[1] == "e":
            return sp.Rational(math.e)
        return sp.Rational(float(values[n[1]]))
    if t == "neg":
        return -to_sympy(n[1], values)
    if t == "bin":
        a = to_sympy(n[2], values)
        b = to_sympy(n[3], values)
        return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b, "^": lambda: a ** b}[n[1]]()
    name, args = n[1], n[2]
    if name == "__cbrt":
        u = to_sympy(args[0], values)
        s = args[1]
        return sp.Integer(0) * u if s == 0 else s * (s * u) ** sp.Rational(1, 3)
    a = [to_sympy(x, values) for x in args]
    u = a[0]
    table = {
        "exp": lambda: sp.exp(u), "log": lambda: sp.log(u) if len(a) == 1 else sp.log(u) / sp.log(a[1]),
        "log1p": lambda: sp.log(1 + u), "log2": lambda: sp.log(u) / sp.log(2), "log10": lambda: sp.log(u) / sp.log(10),
        "expm1": lambda: sp.exp(u) - 1, "sqrt": lambda: sp.sqrt(u), "square": lambda: u ** 2,
        "pow": lambda: u ** a[1], "sin": lambda: sp.sin(u), "cos": lambda: sp.cos(u), "tan": lambda: sp.tan(u),
        "atan": lambda: sp.atan(u), "sinh": lambda: sp.sinh(u), "cosh": lambda: sp.cosh(u), "tanh": lambda: sp.tanh(u),
        "sigmoid": lambda: 1 / (1 + sp.exp(-u)), "softplus": lambda: sp.log(1 + sp.exp(u)),
    }
    return table[name]()


class Pieces:
    """SymPy derivatives of smooth pieces, cached by the piece's tree, evaluated with mpmath."""

    def __init__(self, values):
        self.values = values
        self.cache = {}

    def derivative(self, piece):
        key = repr(piece)
        if key not in self.cache:
            expr = to_sympy(piece, self.values)
            d = sp.diff(expr, P)
            self.cache[key] = (sp.lambdify(P, expr, "mpmath"), sp.lambdify(P, d, "mpmath"))
        return self.cache[key]


def finite(v):
    try:
        v = mpmath.mpmathify(v)
    except (TypeError, ValueError):
        return None
    if isinstance(v, mpmath.mpc):
        if abs(v.imag) > mpmath.mpf("1e-40") * (1 + abs(v.real)):
            return None
        v = v.real
    if not mpmath.isfinite(v):
        return None
    return v


# ---------------------------------------------------------------------------
# Switching functions and their roots
# ---------------------------------------------------------------------------

def switching_functions(n, out):
    t = n[0]
    if t == "call":
        name, args = n[1], n[2]
        if name in ("abs", "relu", "sign", "sqrt", "cbrt"):
            out.append(args[0])
        elif name in ("max", "min"):
            for i in range(len(args)):
                for j in range(i + 1, len(args)):
                    out.append(("bin", "-", args[i], args[j]))
        elif name == "clip":
            out.append(("bin", "-", args[0], args[1]))
            out.append(("bin", "-", args[0], args[2]))
        elif name == "pow" and not integer_constant(args[1]):
            out.append(args[0])
        elif name == "tan":
            out.append(("call", "cos", [args[0]]))
        for a in args:
            switching_functions(a, out)
    elif t == "bin":
        if n[1] == "^" and not integer_constant(n[3]):
            out.append(n[2])
        if n[1] == "/":
            out.append(n[3])
        switching_functions(n[2], out)
        switching_functions(n[3], out)
    elif t == "rel":
        for l, r in zip(n[2], n[2][1:]):
            out.append(("bin", "-", l, r))
        for o in n[2]:
            switching_functions(o, out)
    elif t in ("and", "or"):
        switching_functions(n[1], out)
        switching_functions(n[2], out)
    elif t in ("neg", "not"):
        switching_functions(n[1], out)
    elif t == "cond":
        for c in n[1:]:
            switching_functions(c, out)
    return out


def integer_constant(n):
    """A non-negative integer literal: u^2 is smooth where u is; u^0.5, u^-1 are not at u = 0."""
    if n[0] != "num":
        return False
    v = float(n[1])
    return v == int(v)


def safe(f, x):
    try:
        return f(x)
    except Undefined:
        return None


def roots_of(w, values, lo, hi, grid=GRID):
    """Where w changes sign or vanishes on [lo, hi]: sign changes (roots, or jumps of w across 0 such as
    tan at pi/2, where a switch flips all the same), touching zeros and root pairs inside one grid step
    (found at the extremum of w between two grid points), and sign changes against the edge of w's domain."""
    fe = Evaluator(values, use_mp=False)
    me = Evaluator(values)
    xs = [lo + (hi - lo) * i / grid for i in range(grid + 1)]
    ys = [safe(lambda x: fe.ev(w, x), x) for x in xs]
    g = lambda x: safe(lambda t: me.ev(w, t), x)
    found = []

    def add(r):
        if r is not None:
            found.append(snap(g, r))

    for i in range(1, grid + 1):
        a, b = ys[i - 1], ys[i]
        if (a is None) != (b is None):
            inside, outside = (xs[i], xs[i - 1]) if a is None else (xs[i - 1], xs[i])
            edge = domain_edge(g, mpmath.mpf(inside), mpmath.mpf(outside))
            ge, gi = g(edge), g(mpmath.mpf(inside))
            if ge is not None and gi is not None:
                if abs(ge) < mpmath.mpf("1e-40"):
                    add(edge)
                elif (ge > 0) != (gi > 0):
                    add(bisect(g, min(edge, mpmath.mpf(inside)), max(edge, mpmath.mpf(inside))))
        if a is None or b is None or (a == 0 and b == 0):
            continue
        if b == 0 and (i == grid or ys[i + 1] != 0) and a != 0:
            add(refine_exact(g, mpmath.mpf(xs[i])))
            continue
        if a != 0 and b != 0 and (a > 0) != (b > 0):
            add(bisect(g, mpmath.mpf(xs[i - 1]), mpmath.mpf(xs[i])))
        c = ys[i + 1] if i < grid else None
        if i < grid and a != 0 and b != 0 and c not in (None, 0) and (a > 0) == (b > 0) == (c > 0) and abs(b) <= abs(a) and abs(b) < abs(c):
            for r in dip(g, mpmath.mpf(xs[i - 1]), mpmath.mpf(xs[i]), mpmath.mpf(xs[i + 1]), b > 0):
                add(r)
    return found


def domain_edge(g, inside, outside):
    a, b = inside, outside
    for _ in range(200):
        m = (a + b) / 2
        if g(m) is None:
            b = m
        else:
            a = m
    return a


def refine_exact(g, x):
    v = g(x)
    return x if v is not None and abs(v) < mpmath.mpf("1e-30") else None


def bisect(g, a, b):
    ga = g(a)
    gb = g(b)
    if ga is None or gb is None:
        return None
    for _ in range(220):
        m = (a + b) / 2
        gm = g(m)
        if gm is None:
            return m
        if gm == 0:
            a = b = m
            break
        if (gm > 0) == (ga > 0):
            a, ga = m, gm
        else:
            b = m
    return (a + b) / 2


def snap(g, x):
    """A root found numerically is off by rounding (a touching zero by half the digits): where 0 or the double
    next to it is an exact zero of w, that is the root."""
    for d in ((mpmath.mpf(0),) if abs(x) < mpmath.mpf("1e-20") else ()) + (mpmath.mpf(float(x)),):
        v = g(d)
        if v is not None and v == 0:
            return d
    return x


def dip(g, a, m, b, positive):
    """The extremum of w between a and b (a minimum of a positive w, a maximum of a negative one): a touching
    zero when w vanishes there, two roots when it changes sign there."""
    sign = 1 if positive else -1
    phi = (mpmath.sqrt(5) - 1) / 2
    lo, hi = a, b
    c = hi - phi * (hi - lo)
    d = lo + phi * (hi - lo)
    fc, fd = g(c), g(d)
    if fc is None or fd is None:
        return []
    for _ in range(260):
        if sign * fc <= sign * fd:
            hi, d, fd = d, c, fc
            c = hi - phi * (hi - lo)
            fc = g(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + phi * (hi - lo)
            fd = g(d)
        if fc is None or fd is None:
            return []
    x = c if sign * fc <= sign * fd else d
    v = g(x)
    if v is None:
        return []
    if abs(v) < mpmath.mpf("1e-40"):
        return [x]
    if (v > 0) == positive:
        return []
    outer = a if x < m else b
    return [bisect(g, min(x, outer), max(x, outer)), bisect(g, min(x, m), max(x, m))]


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
