#!/usr/bin/env python3
"""Generate test/fixtures/logit-oracle.json: for every catalog loss and each output activation with a
logit (sigmoid, tanh, softmax read as its two-class form p = sigmoid(z)), the loss L(activation(z)) and
dL/dz computed by SymPy at sample logits, for two target values.

Usage:  npm run build && python3 test/oracle/generate_logit_oracle.py [--out PATH] [--check-only]

The catalog is read from the built core (dist/core.cjs) through node, so the fixture follows the one
catalog the code uses; the unit test checks that every catalog loss is covered with its current
expression. SymPy differentiates L(activation(z)) itself (it never sees our chain-rule form); each point
is at least 1e-3 from every kink and singularity (the checks of generate_sympy_oracle.py), and each
derivative is cross-checked against a 50-digit central finite difference of an mpmath evaluation.
"""

import argparse
import json
import os
import subprocess
import sys

import mpmath
import sympy as sp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from mathjs_to_sympy import translate  # noqa: E402
from generate_sympy_oracle import check_point_safe, exact, to_float  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "test", "fixtures", "logit-oracle.json")
GENERATOR = "test/oracle/generate_logit_oracle.py"

ACTIVATIONS = ["sigmoid", "tanh", "softmax"]
LOGITS = [-4.0, -1.5, -0.3, 0.45, 1.2, 2.5, 5.0, -7.0, 3.7, -2.2]
POINTS_PER_CASE = 5
TARGETS = [1.0, 0.3]
FD_REL_TOL = 1e-8
FD_ABS_TOL = 1e-12


def catalog():
    script = "const c=require(process.argv[1]);process.stdout.write(JSON.stringify(c.CATALOG))"
    out = subprocess.run(["node", "-e", script, os.path.join(REPO, "dist", "core.cjs")], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def logit_name(expression_symbols):
    for name in ["z", "logit", "u", "v", "z_logit"]:
        if name not in expression_symbols:
            return name
    raise AssertionError("no free name for the logit")


def build_case(loss, activation, target):
    wrt = loss["prediction"]
    params = dict(loss["parameters"])
    names = [wrt, "y", *params.keys()]
    symbols = {n: sp.Symbol(n, real=True) for n in names}
    expr = translate(loss["expression"], symbols)
    free = {s.name for s in expr.free_symbols}
    zname = logit_name(free - {wrt})
    z = sp.Symbol(zname, real=True)
    activated = sp.tanh(z) if activation == "tanh" else 1 / (1 + sp.exp(-z))
    values = {symbols[k]: exact(v) for k, v in params.items()}
    if "y" in free:
        values[symbols["y"]] = exact(target)
    in_z = expr.subs(symbols[wrt], activated).subs(values)
    deriv = sp.diff(in_z, z)
    value_mp = sp.lambdify([z], in_z, "mpmath")
    points = []
    for x in LOGITS:
        if len(points) == POINTS_PER_CASE:
            break
        try:
            check_point_safe(loss["id"], z, in_z, x)
        except AssertionError:
            continue
        xs = {z: exact(x)}
        try:
            value = to_float(in_z.subs(xs).evalf(30), f"{loss['id']} value at {x}")
            derivative = to_float(deriv.subs(xs).evalf(30), f"{loss['id']} derivative at {x}")
        except AssertionError:
            continue
        with mpmath.workdps(50):
            xm = mpmath.mpf(x)
            h = mpmath.mpf("1e-12") * max(1, abs(xm))
            fd = float((value_mp(xm + h) - value_mp(xm - h)) / (2 * h))
        if abs(fd - derivative) > FD_REL_TOL * abs(derivative) + FD_ABS_TOL:
            raise AssertionError(f"{loss['id']}/{activation}: dL/dz {derivative} != finite difference {fd} at z={x}")
        points.append({"z": x, "value": value, "derivative": derivative})
    if len(points) < 3:
        raise AssertionError(f"{loss['id']}/{activation}, y={target}: only {len(points)} safe points")
    scope = {k: float(v) for k, v in params.items()}
    if "y" in free:
        scope["y"] = target
    return {
        "id": loss["id"],
        "expression": loss["expression"],
        "wrt": wrt,
        "activation": activation,
        "logitVariable": zname,
        "set": scope,
        "sympyDerivative": str(deriv),
        "points": points,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check-only", action="store_true")
    args = ap.parse_args()
    cases, failures = [], []
    for loss in catalog():
        for activation in ACTIVATIONS:
            for target in TARGETS:
                try:
                    cases.append(build_case(loss, activation, target))
                except Exception as e:  # collect all failures, then fail loudly
                    failures.append(f"{loss['id']}/{activation}/y={target}: {type(e).__name__}: {e}")
    if failures:
        sys.stderr.write("LOGIT ORACLE SELF-CHECK FAILED:\n  " + "\n  ".join(failures) + "\n")
        sys.exit(1)
    doc = {
        "generator": GENERATOR,
        "sympyVersion": sp.__version__,
        "description": "L(activation(z)) and dL/dz from SymPy for every catalog loss under sigmoid, tanh and softmax "
        "(two-class: p = sigmoid(z)), at logits away from kinks; derivatives cross-checked against finite differences.",
        "cases": cases,
    }
    npoints = sum(len(c["points"]) for c in cases)
    if args.check_only:
        print(f"ok: {len(cases)} cases, {npoints} points (not written)")
        return
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    print(f"wrote {os.path.relpath(args.out, REPO)}: {len(cases)} cases, {npoints} points")


if __name__ == "__main__":
    main()
