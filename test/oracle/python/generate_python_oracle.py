#!/usr/bin/env python3
"""PyTorch/NumPy oracle for the Python lint (Debian python3-torch, python3-numpy; offline, deterministic).

Runs the losses the lint flags in test/fixtures/lint-python (the cases come from `node cases.mjs`, which lints the
fixtures and applies the lint's preferred fixes) and writes test/fixtures/python-oracle.json:

- a loss function flagged with a numerical hazard (log-of-zero, exp-overflow, sqrt-at-zero, division-by-zero) is
  called on predictions that really occur (sigmoid outputs of logits out to +-200, so float32 saturates to exactly 0
  and 1; raw logits out to +-200; predictions equal to their targets), and its loss and gradient (torch autograd;
  a central difference for NumPy) are checked for inf/NaN; the same is done for the source after the lint's fixes;
- a model flagged for applying softmax/sigmoid before a logits criterion (CrossEntropyLoss, BCEWithLogitsLoss) is
  built and its loss compared with the loss of the fixed model (same seed, same weights), which gets the logits.

Usage: python3 test/oracle/python/generate_python_oracle.py [--check-only]
"""
import ast
import hashlib
import inspect
import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'python-oracle.json')
torch.set_default_dtype(torch.float32)


def digest(*texts):
    return hashlib.sha256('\0'.join(t or '' for t in texts).encode()).hexdigest()[:16]


def load(source, name):
    """Runs each top-level statement of a fixture on its own; statements that need data the fixture does not have
    (a training loop over `loader`) are skipped."""
    ns = {'__name__': 'fixture'}
    tree = ast.parse(source, name)
    for node in tree.body:
        mod = ast.Module(body=[node], type_ignores=[])
        try:
            exec(compile(mod, name, 'exec'), ns)
        except Exception:
            pass
    return ns


def grid(activation, numpy):
    """Predictions (as logits z, and what the model outputs from them) crossed with 0/1 and equal targets."""
    if activation in ('sigmoid', 'softmax'):
        z = [-800.0, -200.0, -40.0, -5.0, 0.0, 5.0, 40.0, 200.0, 800.0] if numpy else [-200.0, -110.0, -30.0, -5.0, 0.0, 5.0, 30.0, 110.0, 200.0]
        targets = [0.0, 1.0]
    else:
        z = [-800.0, -200.0, -1.0, 0.0, 1.0, 200.0, 800.0] if numpy else [-200.0, -90.0, -1.0, 0.0, 1.0, 90.0, 200.0]
        targets = [-1.0, 0.0, 1.0] + z
    pz, py = [], []
    for a in z:
        for t in targets:
            pz.append(a)
            py.append(t)
    return pz, py


def np_sigmoid(z):
    """The model's sigmoid output, computed without overflow of its own (exactly 0 and 1 past +-37 in float64)."""
    return 0.5 * (1.0 + np.tanh(z / 2.0))


def finite(x):
    if isinstance(x, torch.Tensor):
        return bool(torch.isfinite(x).all().item())
    return bool(np.all(np.isfinite(np.asarray(x, dtype=np.float64))))


def run_hazard(case, source):
    """The grid batch, and for raw outputs also a batch fitted exactly (prediction == target), where sqrt and
    divisions of the error meet 0: finite only when both are."""
    ns = load(source, case['fixture'])
    fn = ns.get(case['function'])
    if fn is None:
        return {'error': 'function not defined'}
    numpy = case['framework'] == 'numpy'
    zs, ys = grid(case['activation'], numpy)
    batches = [(zs, ys)]
    if case['activation'] not in ('sigmoid', 'softmax') and case['target']:
        batches.append((zs, list(zs)))
    runs = [run_batch(case, fn, numpy, z, y) for z, y in batches]
    out = {'loss': runs[0]['loss'], 'finite': all(r['finite'] for r in runs)}
    errors = sorted({r['floatingPointError'] for r in runs if r.get('floatingPointError')})
    if errors:
        out['floatingPointError'] = errors[0]
    return out


def run_batch(case, fn, numpy, zs, ys):
    probability = case['activation'] in ('sigmoid', 'softmax')
    # Other inputs the loss requires (a VAE's mu and logvar, a triplet's negative) are raw network outputs too: they
    # take the prediction's grid values.
    others = [p.name for p in inspect.signature(fn).parameters.values() if p.default is inspect.Parameter.empty and p.kind == p.POSITIONAL_OR_KEYWORD and p.name not in (case['prediction'], case['target'])]
    kwargs_of = lambda pred, target: {case['prediction']: pred, **({case['target']: target} if case['target'] else {}), **{o: pred for o in others}}
    if numpy:
        fp_error = None
        with np.errstate(over='raise', divide='raise', invalid='raise'):
            try:
                z = np.array([zs], dtype=np.float64)
                fn(**kwargs_of(np_sigmoid(z) if probability else z, np.array([ys], dtype=np.float64)))
            except FloatingPointError as e:
                fp_error = str(e)
        with np.errstate(all='ignore'), warnings.catch_warnings():
            warnings.simplefilter('ignore')
            z = np.array([zs], dtype=np.float64)
            y = np.array([ys], dtype=np.float64)
            out = lambda zz: np_sigmoid(zz) if probability else zz
            loss = float(np.sum(fn(**kwargs_of(out(z), y))))
            h = 1e-6
            grads = []
            for i in range(z.shape[1]):
                up, down = z.copy(), z.copy()
                up[0, i] += h
                down[0, i] -= h
                grads.append((float(np.sum(fn(**kwargs_of(out(up), y)))) - float(np.sum(fn(**kwargs_of(out(down), y))))) / (2 * h))
            result = {'loss': loss if math.isfinite(loss) else str(loss), 'finite': finite(loss) and finite(grads)}
            if fp_error:
                result['floatingPointError'] = fp_error
            return result
    z = torch.tensor([zs], requires_grad=True)
    y = torch.tensor([ys])
    pred = torch.sigmoid(z) if probability else z
    loss = fn(**kwargs_of(pred, y))
    loss = loss.sum() if loss.dim() > 0 else loss
    loss.backward()
    value = float(loss.item())
    return {'loss': value if math.isfinite(value) else str(value), 'finite': finite(loss) and finite(z.grad)}


def first_linear(model):
    for m in model.modules():
        if isinstance(m, torch.nn.Linear):
            return m
    return None


def run_double(case):
    results = []
    for source in (case['source'], case['fixed']):
        torch.manual_seed(0)
        ns = load(source, case['fixture'])
        crit = next((v for v in ns.values() if isinstance(v, torch.nn.modules.loss._Loss)), None)
        model = next((v for k, v in ns.items() if isinstance(v, torch.nn.Module) and not isinstance(v, torch.nn.modules.loss._Loss)), None)
        if crit is None and model is not None:
            # A criterion handed to the model (`model.use_criterion(nn.CrossEntropyLoss())`) is one of its submodules.
            crit = next((m for m in model.modules() if isinstance(m, torch.nn.modules.loss._Loss)), None)
        if crit is None or model is None:
            return {'error': 'no criterion or model'}
        torch.manual_seed(1)
        linear = first_linear(model)
        x = torch.randn(16, linear.in_features) * 3
        out = model(x)
        if isinstance(crit, torch.nn.CrossEntropyLoss):
            y = torch.randint(0, out.shape[1], (16,))
        else:
            y = torch.randint(0, 2, out.shape).float()
        results.append(float(crit(out, y).item()))
    original, fixed = results
    return {'loss': original, 'fixedLoss': fixed, 'differs': abs(original - fixed) > 1e-3 * max(1.0, abs(fixed))}


def main():
    check_only = '--check-only' in sys.argv
    raw = subprocess.run(['node', os.path.join(os.path.dirname(__file__), 'cases.mjs')], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    rows = []
    for case in json.loads(raw):
        row = {'kind': case['kind'], 'fixture': case['fixture'], 'code': case['code'], 'line': case['line'], 'digest': digest(case['source'], case['fixed'])}
        if case['kind'] == 'hazard':
            row['function'] = case['function']
            if case['framework'] not in ('pytorch', 'numpy'):
                row['skipped'] = f"{case['framework']} is not in Debian; the oracle runs PyTorch and NumPy"
            else:
                row['original'] = run_hazard(case, case['source'])
                row['fixed'] = run_hazard(case, case['fixed'])
        else:
            row.update(run_double(case))
        rows.append(row)
    text = json.dumps({'generator': 'test/oracle/python/generate_python_oracle.py', 'torch': torch.__version__, 'numpy': np.__version__, 'cases': rows}, indent=1) + '\n'
    if check_only:
        with open(OUT) as f:
            committed = json.load(f)
        if committed['cases'] != rows:
            print('python-oracle.json differs from what PyTorch/NumPy give now', file=sys.stderr)
            sys.exit(1)
        print(f'{len(rows)} cases agree')
        return
    with open(OUT, 'w') as f:
        f.write(text)
    print(f'wrote {len(rows)} cases to {os.path.relpath(OUT, ROOT)}')


if __name__ == '__main__':
    main()
