"""Evaluation for the fuzzer's oracle (kink_fuzz.py): a parsed mathjs tree (mathjs_to_sympy.parse) evaluated
in floats or 60-digit mpmath with real semantics (sqrt of a negative is undefined, not complex), and the
smooth piece active at a point (every abs/max/relu/clip/conditional replaced by its branch there) as SymPy,
with its derivative evaluated by mpmath. Literals and symbol values are the doubles the core computes with.
"""

import math

import mpmath
import sympy as sp

mp = mpmath.mp
mp.dps = 60

P = sp.Symbol("p", real=True)
#: Values past this overflow a double; treating them as not finite also keeps mpmath from reducing sin(10^10^6).
BEYOND_DOUBLE = 1e300


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
