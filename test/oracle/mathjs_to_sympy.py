"""Translate scalar mathjs expression strings into SymPy expressions.

Shared by test/oracle/generate_sympy_oracle.py and bench/sympy_bench.py.

A small recursive-descent parser that follows mathjs operator precedence
(lowest to highest):

    c ? a : b            conditional, right-associative
    or                   logical or
    xor                  logical xor
    and                  logical and
    == != < > <= >=      relational; chains like a < b < c mean (a < b) and (b < c)
    + -                  additive, left-associative
    * / mod %            multiplicative, left-associative
    - + not              unary prefix (binds LOOSER than ^, so -p^2 == -(p^2))
    ^                    power, right-associative; the exponent may be unary: 2^-p^2 == 2^(-(p^2))
    f(...)  ( )  numbers  identifiers

Every identifier becomes a real SymPy Symbol (real=True, so that d|x|/dx == sign(x)).
Identifiers pi/PI, e/E, Infinity, true/false are constants. NOTE: mathjs also defines
the constant `tau` (= 2*pi); here `tau` is always a plain symbol because in loss
expressions it is the quantile level. (mathjs itself lets scope variables shadow
constants, so `tau` given in the scope behaves the same way.)

Booleans follow mathjs rules: a comparison used in arithmetic counts as 1/0, and a
number used as a condition is true when it is non-zero.

Not supported (raises TranslationError): implicit multiplication (`2p`, `(a)(b)`),
matrices/ranges/indexing (`[..]`, `a:b`, `a[1]`), factorial `!`, transpose `'`,
bitwise operators, unit conversion (`to`/`in`), assignments and function
definitions, strings, and any function not in FUNCTIONS below.
"""

import re

import sympy as sp

__all__ = [
    "TranslationError",
    "parse",
    "translate",
    "FUNCTIONS",
    "CONSTANTS",
]


class TranslationError(ValueError):
    pass


# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"""
     (?P<ws>\s+)
    |(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
    |(?P<op>==|!=|<=|>=|\.\*|\./|\.\^|[-+*/^()<>,?:!%'\[\]=&|~;])
    """,
    re.X,
)

_KEYWORDS = {"and", "or", "xor", "not", "mod", "to", "in"}


def _tokenize(src):
    tokens = []
    pos = 0
    while pos < len(src):
        m = _TOKEN_RE.match(src, pos)
        if not m:
            raise TranslationError(f"unexpected character {src[pos]!r} at {pos}")
        kind = m.lastgroup
        text = m.group(kind)
        if kind != "ws":
            if kind == "id" and text in _KEYWORDS:
                kind = "op"
            tokens.append((kind, text, pos))
        pos = m.end()
    tokens.append(("end", "", len(src)))
    return tokens


# ---------------------------------------------------------------------------
# Parser -> tuple AST
# ---------------------------------------------------------------------------
# ('num', text) ('sym', name) ('call', name, [args]) ('neg', a) ('not', a)
# ('bin', op, a, b) ('rel', [ops], [operands]) ('and'|'or'|'xor', a, b)
# ('cond', c, a, b)

_UNSUPPORTED_OPS = {
    "!": "factorial '!'",
    "'": "transpose '''",
    "[": "matrices/indexing '[ ]'",
    "]": "matrices/indexing '[ ]'",
    "=": "assignment '='",
    "&": "bitwise '&'",
    "|": "bitwise '|'",
    "~": "bitwise '~'",
    ";": "multiple statements ';'",
    "to": "unit conversion 'to'",
    "in": "unit conversion 'in'",
    ".*": "element-wise '.*'",
    "./": "element-wise './'",
    ".^": "element-wise '.^'",
}


class _Parser:
    def __init__(self, src):
        self.src = src
        self.toks = _tokenize(src)
        self.i = 0

    # helpers
    def peek(self):
        return self.toks[self.i]

    def at(self, *texts):
        kind, text, _ = self.peek()
        return kind == "op" and text in texts

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text):
        kind, t, pos = self.take()
        if kind != "op" or t != text:
            raise TranslationError(f"expected {text!r} at {pos}, got {t or 'end of input'!r}")

    def fail_unsupported(self):
        kind, text, pos = self.peek()
        if kind == "op" and text in _UNSUPPORTED_OPS:
            raise TranslationError(f"unsupported syntax: {_UNSUPPORTED_OPS[text]} at {pos}")
        if kind in ("num", "id") or (kind == "op" and text == "("):
            raise TranslationError(f"implicit multiplication is not supported (at {pos}: {text!r})")
        raise TranslationError(f"unexpected token {text!r} at {pos}")

    # grammar
    def parse(self):
        node = self.conditional()
        if self.peek()[0] != "end":
            self.fail_unsupported()
        return node

    def conditional(self):
        node = self.logical_or()
        if self.at("?"):
            self.take()
            a = self.conditional()
            self.expect(":")
            b = self.conditional()
            node = ("cond", node, a, b)
        return node

    def logical_or(self):
        node = self.logical_xor()
        while self.at("or"):
            self.take()
            node = ("or", node, self.logical_xor())
        return node

    def logical_xor(self):
        node = self.logical_and()
        while self.at("xor"):
            self.take()
            node = ("xor", node, self.logical_and())
        return node

    def logical_and(self):
        node = self.relational()
        while self.at("and"):
            self.take()
            node = ("and", node, self.relational())
        return node

    def relational(self):
        operands = [self.additive()]
        ops = []
        while self.at("==", "!=", "<", ">", "<=", ">="):
            ops.append(self.take()[1])
            operands.append(self.additive())
        if not ops:
            return operands[0]
        return ("rel", ops, operands)

    def additive(self):
        node = self.multiplicative()
        while self.at("+", "-"):
            op = self.take()[1]
            node = ("bin", op, node, self.multiplicative())
        return node

    def multiplicative(self):
        node = self.unary()
        while self.at("*", "/", "mod", "%"):
            op = self.take()[1]
            if op == "%":
                op = "mod"
            node = ("bin", op, node, self.unary())
        return node

    def unary(self):
        if self.at("-"):
            self.take()
            return ("neg", self.unary())
        if self.at("+"):
            self.take()
            return self.unary()
        if self.at("not"):
            self.take()
            return ("not", self.unary())
        return self.power()

    def power(self):
        node = self.primary()
        if self.at("^"):
            self.take()
            node = ("bin", "^", node, self.unary())
        return node

    def primary(self):
        kind, text, pos = self.peek()
        if kind == "num":
            self.take()
            return ("num", text)
        if kind == "id":
            self.take()
            if self.at("("):
                self.take()
                args = []
                if not self.at(")"):
                    args.append(self.conditional())
                    while self.at(","):
                        self.take()
                        args.append(self.conditional())
                self.expect(")")
                return ("call", text, args)
            return ("sym", text)
        if kind == "op" and text == "(":
            self.take()
            node = self.conditional()
            self.expect(")")
            return node
        if kind == "end":
            raise TranslationError("unexpected end of input")
        self.fail_unsupported()


def parse(src):
    """Parse a mathjs expression string into a tuple AST."""
    return _Parser(src).parse()


# ---------------------------------------------------------------------------
# AST -> SymPy
# ---------------------------------------------------------------------------

_Boolean = sp.logic.boolalg.Boolean


def _is_bool(e):
    # sympy.Symbol is both an Expr and a Boolean; only non-Expr Booleans are truth values
    return isinstance(e, _Boolean) and not isinstance(e, sp.Expr)


def _num(e):
    """mathjs: booleans in arithmetic are 1/0."""
    if _is_bool(e):
        return sp.Piecewise((sp.Integer(1), e), (sp.Integer(0), True))
    return e


def _bool(e):
    """mathjs: a number used as a condition is true when non-zero."""
    if _is_bool(e):
        return e
    return sp.Ne(e, 0)


def _real_cbrt(x):
    return sp.sign(x) * sp.Abs(x) ** sp.Rational(1, 3)


def _nth_root(x, n):
    n = sp.sympify(n)
    if not n.is_Integer:
        raise TranslationError("nthRoot: root must be an integer literal")
    if n % 2 == 1:
        return sp.sign(x) * sp.Abs(x) ** (sp.Integer(1) / n)
    return x ** (sp.Integer(1) / n)


def _sigmoid(x):
    return 1 / (1 + sp.exp(-x))


def _relu(x):
    return sp.Max(x, 0)


def _softplus(x):
    return sp.log(1 + sp.exp(x))


def _clip(x, lo, hi):
    return sp.Min(sp.Max(x, lo), hi)


def _log(x, b=None):
    return sp.log(x) if b is None else sp.log(x) / sp.log(b)


def _log1p(x, b=None):
    return sp.log(1 + x) if b is None else sp.log(1 + x) / sp.log(b)


# name -> (callable, allowed arities); arity None = variadic (>= 1)
FUNCTIONS = {
    "log": (_log, (1, 2)),
    "log1p": (_log1p, (1, 2)),
    "log2": (lambda x: sp.log(x) / sp.log(2), (1,)),
    "log10": (lambda x: sp.log(x) / sp.log(10), (1,)),
    "exp": (sp.exp, (1,)),
    "expm1": (lambda x: sp.exp(x) - 1, (1,)),
    "sqrt": (sp.sqrt, (1,)),
    "cbrt": (_real_cbrt, (1,)),
    "nthRoot": (_nth_root, (2,)),
    "pow": (lambda a, b: a**b, (2,)),
    "square": (lambda x: x**2, (1,)),
    "cube": (lambda x: x**3, (1,)),
    "abs": (sp.Abs, (1,)),
    "sign": (sp.sign, (1,)),
    "max": (lambda *a: sp.Max(*a), None),
    "min": (lambda *a: sp.Min(*a), None),
    "hypot": (lambda *a: sp.sqrt(sum(x**2 for x in a)), None),
    "sin": (sp.sin, (1,)),
    "cos": (sp.cos, (1,)),
    "tan": (sp.tan, (1,)),
    "sec": (sp.sec, (1,)),
    "csc": (sp.csc, (1,)),
    "cot": (sp.cot, (1,)),
    "asin": (sp.asin, (1,)),
    "acos": (sp.acos, (1,)),
    "atan": (sp.atan, (1,)),
    "sinh": (sp.sinh, (1,)),
    "cosh": (sp.cosh, (1,)),
    "tanh": (sp.tanh, (1,)),
    "asinh": (sp.asinh, (1,)),
    "acosh": (sp.acosh, (1,)),
    "atanh": (sp.atanh, (1,)),
    "erf": (sp.erf, (1,)),
    # Loss Lens extensions (not mathjs built-ins)
    "sigmoid": (_sigmoid, (1,)),
    "relu": (_relu, (1,)),
    "softplus": (_softplus, (1,)),
    "clip": (_clip, (3,)),
}

CONSTANTS = {
    "pi": sp.pi,
    "PI": sp.pi,
    "e": sp.E,
    "E": sp.E,
    "Infinity": sp.oo,
    "true": sp.true,
    "false": sp.false,
}


class _Converter:
    def __init__(self, symbols):
        self.symbols = symbols

    def sym(self, name):
        s = self.symbols.get(name)
        if s is None:
            s = sp.Symbol(name, real=True)
            self.symbols[name] = s
        return s

    def conv(self, node):
        tag = node[0]
        if tag == "num":
            return sp.Rational(node[1])
        if tag == "sym":
            name = node[1]
            if name in self.symbols:
                return self.symbols[name]
            if name in CONSTANTS:
                return CONSTANTS[name]
            if name in FUNCTIONS:
                raise TranslationError(f"function {name!r} used without arguments")
            return self.sym(name)
        if tag == "call":
            name, args = node[1], node[2]
            if name not in FUNCTIONS:
                raise TranslationError(f"unsupported function {name!r}")
            fn, arities = FUNCTIONS[name]
            if arities is None:
                if len(args) < 1:
                    raise TranslationError(f"{name}() needs at least one argument")
            elif len(args) not in arities:
                raise TranslationError(f"{name}() takes {' or '.join(map(str, arities))} argument(s), got {len(args)}")
            return fn(*[_num(self.conv(a)) for a in args])
        if tag == "neg":
            return -_num(self.conv(node[1]))
        if tag == "not":
            return sp.Not(_bool(self.conv(node[1])))
        if tag == "bin":
            op = node[1]
            a = _num(self.conv(node[2]))
            b = _num(self.conv(node[3]))
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "/":
                return a / b
            if op == "^":
                return a**b
            if op == "mod":
                return sp.Mod(a, b)
            raise TranslationError(f"unknown operator {op}")
        if tag == "rel":
            ops, operands = node[1], [_num(self.conv(o)) for o in node[2]]
            rels = []
            for op, lhs, rhs in zip(ops, operands, operands[1:]):
                rels.append(
                    {
                        "==": sp.Eq,
                        "!=": sp.Ne,
                        "<": sp.Lt,
                        ">": sp.Gt,
                        "<=": sp.Le,
                        ">=": sp.Ge,
                    }[op](lhs, rhs)
                )
            return rels[0] if len(rels) == 1 else sp.And(*rels)
        if tag in ("and", "or", "xor"):
            f = {"and": sp.And, "or": sp.Or, "xor": sp.Xor}[tag]
            return f(_bool(self.conv(node[1])), _bool(self.conv(node[2])))
        if tag == "cond":
            c = _bool(self.conv(node[1]))
            a = _num(self.conv(node[2]))
            b = _num(self.conv(node[3]))
            return sp.Piecewise((a, c), (b, True))
        raise TranslationError(f"unknown node {tag}")


def translate(src, symbols=None):
    """Translate a mathjs expression string into a SymPy expression.

    `symbols` (optional dict name -> Symbol) is used and extended in place, so the
    caller can look up the Symbol of the prediction variable afterwards. Names
    present in `symbols` shadow constants (e.g. pass {'e': Symbol('e')} to use `e`
    as a variable). A top-level boolean is converted to 1/0.
    """
    if symbols is None:
        symbols = {}
    return _num(_Converter(symbols).conv(parse(src)))


def real_symbol(name):
    return sp.Symbol(name, real=True)
