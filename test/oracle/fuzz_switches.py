"""Switch points for the fuzzer's oracle (kink_fuzz.py): the switching functions of a parsed tree, and where
each changes sign or vanishes on an interval, found on a float grid and refined at 60 digits.
"""

import mpmath

from fuzz_pieces import Evaluator, Undefined

GRID = 2000

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
