"""Seeded random loss expressions in mathjs syntax for the derivative and kink fuzzer (kink_fuzz.py).

Two sources, both deterministic for a seed:
  * random trees of depth 2-5 over every function the core supports and every piecewise form
    (abs, sign, max, min, relu, clip, conditionals), in the prediction p, a target y and a parameter a;
  * families of known-hard forms built around random inner expressions: C1 joins, cancelling kinks,
    cusps, periodic kinks, parameter-dependent kinks, vertical tangents, hidden kinks (roots and powers
    of squares), several roots of one switching function, underflow, and flat pieces (0 * inf).
HOLDOUT_FAMILIES are kept out of the committed fixture: only the larger live run draws from them, so
that it measures forms the core was not tuned on.
"""

import random
import re

UNARY = ["abs", "sign", "exp", "log", "log1p", "sqrt", "cbrt", "sin", "cos", "tanh", "atan", "sigmoid",
         "relu", "softplus", "sinh", "cosh", "expm1", "log2", "log10", "tan", "square"]
SMOOTH_UNARY = ["exp", "sin", "cos", "tanh", "atan", "sigmoid", "softplus", "square", "cbrt"]
DECIMALS = ["0.5", "1.5", "2.3", "0.7", "1.2", "3", "2", "0.25", "4"]
FRACTIONAL = ["0.5", "1.5", "0.3", "2.5", "1.8", "0.7", "1.2"]


class Gen:
    def __init__(self, rng):
        self.r = rng

    def pick(self, xs):
        return xs[self.r.randrange(len(xs))]

    def const(self):
        return self.pick(["1", "2", "3"] + DECIMALS)

    def coef(self):
        v = round(self.r.uniform(0.3, 2.5), 2) * self.pick([1, 1, -1])
        return f"({v})" if v < 0 else str(v)

    def shift(self):
        return str(round(self.r.uniform(-1.5, 1.5), 2))

    def linear(self):
        """c*p + d, never flat."""
        c = self.coef()
        d = round(self.r.uniform(-1.5, 1.5), 2)
        sign = "+" if d >= 0 else "-"
        return f"({c} * p {sign} {abs(d)})"

    def leaf(self):
        return self.pick(["p", "p", "p", "p", "y", "a", self.const()])

    def tree(self, depth):
        """A random expression of at most `depth` levels that depends on p."""
        if depth <= 1:
            return self.leaf()
        k = self.r.random()
        if k < 0.3:
            return f"{self.pick(UNARY)}({self.tree(depth - 1)})"
        if k < 0.55:
            op = self.pick(["+", "-", "*", "/", "+", "*"])
            return f"({self.tree(depth - 1)} {op} {self.tree(depth - 1)})"
        if k < 0.65:
            return f"({self.tree(depth - 1)}) ^ {self.pick(['2', '3', '0.5', '1.5', '0.3', '2.5', '(-1)'])}"
        if k < 0.77:
            return f"{self.pick(['max', 'min'])}({self.tree(depth - 1)}, {self.tree(depth - 1)})"
        if k < 0.84:
            lo = round(self.r.uniform(-1.5, 0.5), 2)
            hi = round(lo + self.r.uniform(0.2, 2.0), 2)
            return f"clip({self.tree(depth - 1)}, {lo}, {hi})"
        if k < 0.94:
            op = self.pick(["<", "<=", ">", ">="])
            return f"({self.tree(depth - 1)} {op} {self.tree(depth - 2)} ? {self.tree(depth - 1)} : {self.tree(depth - 1)})"
        return f"pow({self.tree(depth - 1)}, {self.pick(FRACTIONAL + ['2'])})"

    def inner(self):
        """A small expression in p for the families: linear, or smooth of a linear one."""
        k = self.r.random()
        if k < 0.45:
            return self.linear()
        if k < 0.75:
            return f"({self.pick(SMOOTH_UNARY)}({self.linear()}) - {self.shift()})"
        return f"({self.linear()} * {self.linear()} - {self.shift()})"


def fam_c1_joins(g):
    L = g.linear()
    e = g.pick(["1.5", "1.8", "2.5", "3", "1.2"])
    return g.pick([
        f"abs({L}) ^ {e}",
        f"relu({L}) ^ {e}",
        f"({L} > 0 ? {L} ^ 2 : -({L} ^ 2))",
        f"(abs({L}) <= a ? 0.5 * {L} ^ 2 : a * (abs({L}) - 0.5 * a))",
        f"max({L}, 0) ^ 2 + {g.inner()}",
        f"({L} >= 1 ? 0 : ({L} <= 0 ? 0.5 - {L} : 0.5 * (1 - {L}) ^ 2))",
    ])


def fam_cancelling(g):
    u = g.inner()
    v = g.inner()
    L = g.linear()
    lo = round(g.r.uniform(-1.5, 0), 2)
    hi = round(lo + g.r.uniform(0.3, 2), 2)
    return g.pick([
        f"max({u}, 0) + min({u}, 0)",
        f"relu({u}) - relu(-{u})",
        f"abs({u}) - 2 * relu({u})",
        f"relu({u}) - {u} * y + log(1 + exp(-abs({u})))",
        f"0.5 * min(abs({L}), a) ^ 2 + a * max(abs({L}) - a, 0)",
        f"clip({u}, {lo}, {hi}) + relu({lo} - {u}) - relu({u} - {hi})",
        f"max({u}, {v}) + min({u}, {v}) - {u}",
        f"max({u}, 0) - {u} * y + log(1 + exp(-abs({u})))",
    ])


def fam_cusps(g):
    L = g.linear()
    u = g.inner()
    return g.pick([
        f"cbrt({L} ^ 2)",
        f"abs({L}) ^ {g.pick(['0.5', '0.3', '0.7'])}",
        f"sqrt(abs({L}))",
        f"cbrt({u}) ^ 2",
        f"cbrt({L} ^ 2) + {u}",
    ])


def fam_periodic(g):
    c = round(g.r.uniform(0.5, 3), 2)
    d = round(g.r.uniform(-1, 1), 2)
    t = round(g.r.uniform(-0.8, 0.8), 2)
    return g.pick([
        f"abs(sin({c} * p))",
        f"relu(cos({c} * p + {d}))",
        f"max(sin({c} * p), {t})",
        f"(sin({c} * p) > {t} ? {c} * p : 0)",
        f"abs(cos({c} * p + {d})) + 0.1 * p ^ 2",
        f"min(abs(sin(p)), {abs(t)})",
    ])


def fam_parameter(g):
    return g.pick([
        "abs(p - y * a)",
        "max(0, abs(p - y) - a)",
        "max(a * (y - p), (a - 1) * (y - p))",
        f"(p > y + a ? (p - y) ^ 2 : a * (p - y))",
        "max(1 - y * p, 0)",
        "relu(a * p - y) ^ 2 + abs(p + y)",
    ])


def fam_vertical(g):
    L = g.linear()
    return g.pick([
        f"cbrt({L})",
        f"sqrt(relu({L}))",
        f"relu({L}) ^ 0.3",
        f"cbrt({L}) * {g.inner()}",
        f"cbrt({L}) + {L}",
    ])


def fam_hidden(g):
    L = g.linear()
    c = round(g.r.uniform(0.5, 2), 2)
    return g.pick([
        f"sqrt({L} ^ 2)",
        f"sqrt({L} ^ 4)",
        f"cbrt({L} ^ 3)",
        f"sqrt(1 - cos({c} * p))",
        f"sqrt((p - y) ^ 2)",
        f"({L} ^ 2) ^ 0.5",
        f"sqrt({L} ^ 6) + {g.inner()}",
    ])


def fam_multi_root(g):
    c = round(g.r.uniform(0.3, 3), 2)
    u = g.inner()
    return g.pick([
        f"abs(p ^ 2 - {c})",
        f"max(p ^ 2, {c})",
        f"(p ^ 2 > {c} ? {u} : p)",
        f"abs(p ^ 3 - {c} * p)",
        f"relu({c} - p ^ 2)",
        f"min(p ^ 2 - {c}, p)",
    ])


def fam_underflow(g):
    return g.pick([
        "sqrt(exp(p ^ 3))",
        "log(sigmoid(3 * p))",
        "log(1 - sigmoid(4 * p))",
        "sqrt(sigmoid(5 * p))",
        "exp(p ^ 2) ^ 0.5",
        "log(1 + exp(6 * p))",
        "cbrt(exp(-p ^ 2 * 8))",
    ])


def fam_flat(g):
    u = g.inner()
    return g.pick([
        f"sqrt(relu({u}))",
        f"relu({u}) ^ 0.5",
        f"sqrt(max({u}, 0))",
        f"sqrt(clip({u}, 0, 1))",
        f"log(1 + sqrt(relu({u})))",
        f"relu({u}) ^ 0.5 * {g.inner()}",
    ])


def fam_nested(g):
    L = g.linear()
    u = g.inner()
    c = round(g.r.uniform(0.2, 1.5), 2)
    return g.pick([
        f"abs(abs({L}) - {c})",
        f"max(min({u}, {c}), -{c})",
        f"relu(relu({L}) - {c})",
        f"abs(relu({L}) - relu(-{L}))",
        f"min(max({L}, -{c}), {c}) ^ 2",
    ])


def fam_discontinuous_factor(g):
    L = g.linear()
    u = g.inner()
    return g.pick([
        f"sign({L}) * {L} ^ 2",
        f"sign({L}) * {L} - abs({L})",
        f"({L} > 0 ? 1 : -1) * {L}",
        f"sign({u}) ^ 2 * {u}",
        f"({L} >= 0) * {L}",
    ])


def fam_products(g):
    L = g.linear()
    M = g.linear()
    return g.pick([
        f"relu({L}) * relu({M})",
        f"abs({L}) * abs({M})",
        f"abs({L} * {M})",
        f"max({L}, {M}) * {L}",
        f"abs({L}) * {L}",
    ])


FAMILIES = {
    "c1-joins": fam_c1_joins,
    "cancelling": fam_cancelling,
    "cusps": fam_cusps,
    "periodic": fam_periodic,
    "parameter": fam_parameter,
    "vertical": fam_vertical,
    "hidden": fam_hidden,
    "multi-root": fam_multi_root,
    "underflow": fam_underflow,
    "flat": fam_flat,
}
HOLDOUT_FAMILIES = {
    "nested": fam_nested,
    "discontinuous-factor": fam_discontinuous_factor,
    "products": fam_products,
}


def domain_for(g, family):
    if family == "periodic":
        return None
    if family == "underflow":
        return [-round(g.r.uniform(9, 14), 3), round(g.r.uniform(9, 14), 3)]
    return [-round(g.r.uniform(1.2, 4.5), 3), round(g.r.uniform(1.2, 4.5), 3)]


def cases(seed, count, holdout=False):
    """count cases: 60 % random trees (depth 2-5), 40 % families (with the holdout ones when asked)."""
    rng = random.Random(seed)
    g = Gen(rng)
    families = dict(FAMILIES)
    if holdout:
        families.update(HOLDOUT_FAMILIES)
    names = sorted(families)
    out = []
    for i in range(count):
        if rng.random() < 0.6:
            family = "random"
            expression = g.tree(rng.randint(2, 5))
            if not re.search(r"\bp\b", expression):
                expression = f"{expression} + {g.linear()}"
        else:
            family = names[rng.randrange(len(names))]
            expression = families[family](g)
        out.append({
            "id": f"s{seed}-{i}",
            "family": family,
            "expression": expression,
            "set": {"y": round(rng.uniform(-1.5, 1.5), 3), "a": round(rng.uniform(0.3, 2.2), 3)},
            "domain": domain_for(g, family),
        })
    return out
