#!/usr/bin/env python3
"""Generate test/fixtures/sympy-oracle.json: loss values and d(loss)/d(prediction)
computed by SymPy for a catalogue of loss expressions written in mathjs syntax.

Usage:  python3 test/oracle/generate_sympy_oracle.py [--out PATH] [--check-only]

Deterministic, offline, SymPy (+ its mpmath dependency) only.

For every case and sample point the script
  * translates the mathjs string with mathjs_to_sympy.translate (all symbols real),
  * differentiates symbolically (sympy.diff) w.r.t. the prediction variable,
  * evaluates value and derivative with .subs(...).evalf(30) (exact binary values of the
    double inputs are substituted, so the oracle is the true value at the JS double),
  * verifies the point is a safe sample: at least 1e-3 away from every kink /
    switching surface (abs, sign, max/min, relu, clip, conditional boundaries) and
    singularity (log / non-integer power of a non-positive base, division by zero,
    tan poles), with a real, finite value,
  * cross-checks the symbolic derivative against a central finite difference of an
    independent mpmath evaluation of the loss (lambdify, 50 digits),
and aborts with a non-zero exit code if anything disagrees.
"""

import argparse
import json
import math
import os
import sys

import mpmath
import sympy as sp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from mathjs_to_sympy import translate  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "test", "fixtures", "sympy-oracle.json")
GENERATOR = "test/oracle/generate_sympy_oracle.py"

KINK_CLEARANCE = 1e-3  # sample points must be at least this far from kinks/singularities
FD_REL_TOL = 1e-8  # finite difference vs symbolic derivative (brief asks for >= 1e-5)
FD_ABS_TOL = 1e-12
VALUE_REL_TOL = 1e-12  # evalf vs independent mpmath evaluation


def case(id, expression, wrt, set, points, tags):
    return {"id": id, "expression": expression, "wrt": wrt, "set": set, "points": points, "tags": tags}


# ---------------------------------------------------------------------------
# The catalogue. Points are chosen away from kinks and inside the real domain;
# the script verifies both properties.
# ---------------------------------------------------------------------------
CASES = [
    # ---------------- regression ----------------
    case("mse", "(p - y)^2", "p", {"y": 0.7}, [-1.5, -0.2, 0.3, 1.1, 2.4], ["regression", "smooth"]),
    case("mse_half", "0.5 * (y_pred - y_true)^2", "y_pred", {"y_true": -0.4}, [-2.0, -0.9, 0.0, 0.35, 1.75, 3.0], ["regression", "smooth"]),
    case("mse_pow", "pow(yhat - target, 2)", "yhat", {"target": 1.3}, [-1.0, 0.2, 1.0, 1.6, 2.9], ["regression", "smooth", "pow"]),
    case("mse_squared_neg", "-(-(yPred - yTrue))^2 * -1", "yPred", {"yTrue": 0.25}, [-1.2, 0.0, 0.5, 1.0, 2.2], ["regression", "smooth", "precedence"]),
    case("mae", "abs(p - y)", "p", {"y": 0.5}, [-1.0, 0.0, 0.2, 0.9, 2.0], ["regression", "kink", "abs"]),
    # ---------------- angles (inverse trigonometric) ----------------
    case("geodesic_acos", "2 * acos(clip(p * y, -1 + 1e-7, 1 - 1e-7))^2", "p", {"y": 0.8}, [-0.9, -0.3, 0.2, 0.6, 1.1], ["angular", "clip"]),
    case("asin_of_tanh", "asin(tanh(z)) * y", "z", {"y": 0.5}, [-2.0, -0.5, 0.3, 1.5, 2.5], ["angular", "smooth"]),
    case("mae_ytrue_first", "abs(yTrue - yPred)", "yPred", {"yTrue": -1.2}, [-3.0, -1.5, -1.19, 0.0, 1.4], ["regression", "kink", "abs"]),
    case("mape", "abs((y - p) / y)", "p", {"y": 2.5}, [0.5, 1.7, 2.2, 3.1, 4.0], ["regression", "kink", "abs"]),
    case("mape_percent_eps", "100 * abs(y_true - y_pred) / max(abs(y_true), eps)", "y_pred", {"y_true": 0.8, "eps": 1e-7}, [-0.5, 0.3, 0.79, 0.85, 2.0], ["regression", "kink", "max"]),
    case("smape", "2 * abs(p - y) / (abs(p) + abs(y))", "p", {"y": 2.0}, [-1.5, -0.3, 0.4, 1.5, 2.6, 5.0], ["regression", "kink", "abs"]),
    case("msle", "(log(1 + p) - log(1 + y))^2", "p", {"y": 1.5}, [-0.5, 0.0, 0.7, 2.0, 5.0], ["regression", "log"]),
    case("msle_log1p", "(log1p(y_pred) - log1p(y_true))^2", "y_pred", {"y_true": 3.0}, [-0.9, 0.1, 1.0, 2.5, 4.0, 10.0], ["regression", "log1p"]),
    case("rmsle_smoothed", "sqrt((log1p(yhat) - log1p(target))^2 + 1e-12)", "yhat", {"target": 0.5}, [-0.5, 0.0, 0.3, 0.8, 3.0], ["regression", "sqrt", "log1p"]),
    case("huber_cond", "abs(p - y) <= delta ? 0.5 * (p - y)^2 : delta * (abs(p - y) - 0.5 * delta)", "p", {"y": 0.3, "delta": 1.0}, [-2.0, -0.5, 0.1, 0.8, 1.25, 3.0], ["regression", "conditional", "huber"]),
    case("huber_cond_lt", "abs(y_true - y_pred) < delta ? 0.5 * (y_true - y_pred)^2 : delta * abs(y_true - y_pred) - 0.5 * delta^2", "y_pred", {"y_true": -1.0, "delta": 0.5}, [-2.5, -1.3, -0.9, -0.6, 0.0, 1.0], ["regression", "conditional", "huber"]),
    case("huber_bool_arith", "(abs(p - y) <= delta) * 0.5 * (p - y)^2 + (abs(p - y) > delta) * delta * (abs(p - y) - delta / 2)", "p", {"y": 0.0, "delta": 1.35}, [-3.0, -1.0, 0.2, 1.0, 2.0], ["regression", "boolean-arithmetic", "huber"]),
    case("huber_reversed_cond", "abs(yPred - yTrue) > delta ? delta * (abs(yPred - yTrue) - delta / 2) : (yPred - yTrue)^2 / 2", "yPred", {"yTrue": 2.0, "delta": 0.75}, [0.0, 1.5, 1.9, 2.5, 2.9, 4.0], ["regression", "conditional", "huber"]),
    case("pseudo_huber", "delta^2 * (sqrt(1 + ((p - y) / delta)^2) - 1)", "p", {"y": 0.4, "delta": 1.5}, [-3.0, -0.5, 0.4001, 1.0, 4.0], ["regression", "smooth", "sqrt"]),
    case("log_cosh", "log(cosh(p - y))", "p", {"y": 0.2}, [-3.0, -0.7, 0.2, 0.9, 5.0], ["regression", "smooth", "hyperbolic"]),
    case("log_cosh_pred_label", "log(cosh(pred - label))", "pred", {"label": 2.0}, [-1.0, 1.0, 2.5, 3.3, 8.0], ["regression", "smooth", "hyperbolic"]),
    case("quantile_max", "max(tau * (y - p), (tau - 1) * (y - p))", "p", {"tau": 0.9, "y": 1.0}, [-1.0, 0.5, 0.99, 1.01, 2.5], ["regression", "kink", "max", "quantile"]),
    case("quantile_cond", "y - p >= 0 ? tau * (y - p) : (tau - 1) * (y - p)", "p", {"tau": 0.25, "y": -0.5}, [-2.0, -0.8, -0.3, 0.6, 1.5], ["regression", "conditional", "quantile"]),
    case("pinball_q", "max(q * (target - yhat), (q - 1) * (target - yhat))", "yhat", {"q": 0.5, "target": 3.0}, [0.0, 2.0, 2.9, 3.2, 6.0], ["regression", "kink", "max", "quantile"]),
    case("epsilon_insensitive", "max(0, abs(p - y) - eps)", "p", {"eps": 0.1, "y": 0.5}, [-1.0, 0.3, 0.45, 0.55, 0.7, 1.5], ["regression", "kink", "max", "abs"]),
    case("epsilon_insensitive_sq", "max(0, abs(y_pred - y_true) - eps)^2", "y_pred", {"eps": 0.25, "y_true": -0.5}, [-2.0, -0.8, -0.6, -0.3, 0.0, 1.0], ["regression", "kink", "max", "abs"]),
    case("truncated_quadratic_min", "min((p - y)^2, delta^2)", "p", {"y": 0.0, "delta": 1.0}, [-2.0, -0.6, 0.3, 0.95, 1.5], ["regression", "robust", "min"]),
    case("asymmetric_relu", "relu(p - y) + 0.1 * relu(y - p)", "p", {"y": 1.0}, [-1.0, 0.5, 0.998, 1.2, 3.0], ["regression", "kink", "relu"]),
    case("sign_times_square", "sign(p - y) * (p - y)^2", "p", {"y": -0.3}, [-2.0, -0.5, -0.2, 0.4, 1.8], ["regression", "sign"]),
    case("charbonnier", "sqrt((p - y)^2 + eps^2)", "p", {"y": 1.0, "eps": 1e-3}, [-1.0, 0.5, 0.995, 1.0, 1.004, 2.0], ["regression", "sqrt", "smooth"]),
    case("smooth_abs_const", "sqrt(p^2 + 1e-6)", "p", {}, [-2.0, -0.01, 0.0, 0.002, 0.5, 3.0], ["regression", "sqrt", "smooth"]),
    case("linex", "2 / alpha^2 * (exp(alpha * (p - y)) - alpha * (p - y) - 1)", "p", {"alpha": 0.5, "y": 0.0}, [-4.0, -1.0, 0.3, 1.0, 5.0], ["regression", "exp", "smooth"]),
    case("gaussian_nll_fixed_var", "0.5 * log(2 * pi * beta) + (p - y)^2 / (2 * beta)", "p", {"beta": 0.3, "y": 1.0}, [-1.0, 0.2, 1.0, 1.7, 3.0], ["regression", "pi", "log"]),
    case("gaussian_nll_var_pred", "0.5 * (log(max(p, eps)) + (y - 1)^2 / max(p, eps))", "p", {"eps": 1e-6, "y": 2.0}, [0.01, 0.2, 0.9, 1.5, 4.0], ["regression", "max", "log"]),
    case("hellinger", "(sqrt(p) - sqrt(y))^2", "p", {"y": 0.4}, [0.01, 0.1, 0.39, 0.8, 2.0], ["regression", "sqrt"]),
    case("squared_log", "log(p)^2", "p", {}, [0.05, 0.5, 1.0, 2.0, 20.0], ["regression", "log"]),
    # ---------------- robust regression ----------------
    case("cauchy", "log(1 + (p - y)^2 / 2)", "p", {"y": 0.5}, [-3.0, -0.5, 0.5, 1.2, 4.0], ["robust", "log", "smooth"]),
    case("cauchy_scaled", "0.5 * delta^2 * log(1 + ((y_pred - y_true) / delta)^2)", "y_pred", {"delta": 2.0, "y_true": -1.0}, [-6.0, -2.0, -1.0, 0.5, 3.0], ["robust", "log", "smooth"]),
    case("welsch", "1 - exp(-0.5 * ((p - y) / delta)^2)", "p", {"delta": 0.8, "y": 0.0}, [-2.5, -0.6, 0.1, 0.8, 2.0], ["robust", "exp", "smooth"]),
    case("geman_mcclure", "2 * ((p - y) / delta)^2 / (((p - y) / delta)^2 + 4)", "p", {"delta": 1.0, "y": 0.3}, [-3.0, -0.4, 0.3, 1.1, 2.5], ["robust", "rational", "smooth"]),
    case("tukey_biweight", "abs(p - y) <= delta ? delta^2 / 6 * (1 - (1 - ((p - y) / delta)^2)^3) : delta^2 / 6", "p", {"delta": 1.5, "y": 0.0}, [-3.0, -1.2, -0.3, 0.7, 1.49, 2.0], ["robust", "conditional"]),
    case("barron_general", "abs(alpha - 2) / alpha * (pow(((p - y) / delta)^2 / abs(alpha - 2) + 1, alpha / 2) - 1)", "p", {"alpha": 0.5, "delta": 1.0, "y": 0.0}, [-3.0, -0.7, 0.05, 1.0, 2.5], ["robust", "pow"]),
    # ---------------- classification: margin losses ----------------
    case("hinge", "max(0, 1 - y * p)", "p", {"y": 1.0}, [-2.0, 0.0, 0.5, 0.998, 1.5, 3.0], ["classification", "kink", "max", "hinge"]),
    case("hinge_negative_label", "max(0, 1 - label * yhat)", "yhat", {"label": -1.0}, [-3.0, -1.5, -0.9, 0.0, 2.0], ["classification", "kink", "max", "hinge"]),
    case("squared_hinge", "max(0, 1 - y * p)^2", "p", {"y": 1.0}, [-2.0, 0.0, 0.8, 1.1, 2.0], ["classification", "max", "hinge"]),
    case("smooth_hinge", "y * p >= 1 ? 0 : (y * p <= 0 ? 0.5 - y * p : 0.5 * (1 - y * p)^2)", "p", {"y": 1.0}, [-1.5, -0.2, 0.3, 0.9, 1.5], ["classification", "conditional", "nested-conditional", "hinge"]),
    case("modified_huber", "y * p >= -1 ? max(0, 1 - y * p)^2 : -4 * y * p", "p", {"y": 1.0}, [-3.0, -1.1, -0.5, 0.5, 2.0], ["classification", "conditional", "max"]),
    case("margin_ranking", "max(0, margin - y * p)", "p", {"margin": 0.5, "y": -1.0}, [-2.0, -0.6, -0.4, 0.0, 1.0], ["classification", "kink", "max"]),
    case("triplet_like", "max(p - beta + margin, 0)", "p", {"beta": 0.8, "margin": 0.2}, [0.0, 0.5, 0.59, 0.61, 1.5], ["metric", "kink", "max"]),
    case("exponential", "exp(-y * p)", "p", {"y": -1.0}, [-3.0, -0.5, 0.0, 1.0, 2.0], ["classification", "exp", "smooth"]),
    case("logistic", "log(1 + exp(-y * p))", "p", {"y": 1.0}, [-5.0, -1.0, 0.0, 0.7, 4.0], ["classification", "log", "smooth"]),
    case("logistic_softplus", "softplus(-label * pred)", "pred", {"label": -1.0}, [-4.0, -0.3, 0.0, 1.0, 6.0], ["classification", "softplus", "smooth"]),
    case("contrastive_dissimilar", "y * p^2 + (1 - y) * max(margin - p, 0)^2", "p", {"y": 0.0, "margin": 1.0}, [0.1, 0.5, 0.9, 1.3, 2.0], ["metric", "max"]),
    case("contrastive_similar", "y * p^2 + (1 - y) * max(margin - p, 0)^2", "p", {"y": 1.0, "margin": 2.0}, [0.0, 0.4, 1.0, 2.5, 3.0], ["metric", "max", "smooth"]),
    case("cosine_like", "-y * p", "p", {"y": 0.6}, [-1.0, -0.2, 0.0, 0.5, 1.0], ["classification", "linear"]),
    # ---------------- classification: cross-entropy ----------------
    case("bce", "-(y * log(p) + (1 - y) * log(1 - p))", "p", {"y": 0.8}, [0.05, 0.3, 0.5, 0.8, 0.97], ["classification", "log", "bce"]),
    case("bce_split", "-y_true * log(y_pred) - (1 - y_true) * log(1 - y_pred)", "y_pred", {"y_true": 1.0}, [0.01, 0.2, 0.5, 0.75, 0.999], ["classification", "log", "bce"]),
    case("bce_clip", "-(y * log(clip(p, eps, 1 - eps)) + (1 - y) * log(1 - clip(p, eps, 1 - eps)))", "p", {"y": 0.0, "eps": 1e-7}, [-0.3, 0.002, 0.2, 0.6, 0.95, 1.2], ["classification", "log", "bce", "clip"]),
    case("bce_clip_ytrue", "-yTrue * log(clip(yPred, eps, 1 - eps)) - (1 - yTrue) * log(1 - clip(yPred, eps, 1 - eps))", "yPred", {"yTrue": 1.0, "eps": 1e-3}, [-1.0, 0.0025, 0.01, 0.4, 0.9, 1.5], ["classification", "log", "bce", "clip"]),
    case("bce_max_eps", "-y * log(max(p, eps)) - (1 - y) * log(max(1 - p, eps))", "p", {"y": 0.3, "eps": 1e-7}, [0.01, 0.2, 0.5, 0.9, 0.99], ["classification", "log", "bce", "max"]),
    case("bce_eps_added", "-(y * log(p + eps) + (1 - y) * log(1 - p + eps))", "p", {"y": 1.0, "eps": 1e-7}, [0.001, 0.1, 0.5, 0.9, 0.9999], ["classification", "log", "bce"]),
    case("bce_log10", "-y * log(p, 10) - (1 - y) * log(1 - p, 10)", "p", {"y": 0.5}, [0.1, 0.3, 0.5, 0.7, 0.95], ["classification", "log-base", "bce"]),
    case("bce_label_smoothing", "-((1 - alpha) * y + alpha / 2) * log(sigmoid(z)) - (1 - ((1 - alpha) * y + alpha / 2)) * log(1 - sigmoid(z))", "z", {"alpha": 0.1, "y": 1.0}, [-4.0, -1.0, 0.0, 1.5, 5.0], ["classification", "sigmoid", "bce", "logits"]),
    case("bce_logits_stable", "max(z, 0) - z * y + log(1 + exp(-abs(z)))", "z", {"y": 1.0}, [-4.0, -1.0, -0.3, 0.5, 2.0, 6.0], ["classification", "logits", "max", "abs", "bce"]),
    case("bce_logits_stable_relu", "relu(logits) - logits * label + log1p(exp(-abs(logits)))", "logits", {"label": 0.0}, [-5.0, -0.8, -0.01, 0.02, 1.0, 3.0], ["classification", "logits", "relu", "abs", "bce"]),
    case("bce_logits_sigmoid", "-y * log(sigmoid(z)) - (1 - y) * log(1 - sigmoid(z))", "z", {"y": 0.3}, [-5.0, -1.0, 0.0, 0.8, 4.0], ["classification", "logits", "sigmoid", "bce"]),
    case("bce_logits_softplus", "softplus(logits) - y_true * logits", "logits", {"y_true": 1.0}, [-6.0, -1.0, 0.0, 2.0, 7.0], ["classification", "logits", "softplus", "bce"]),
    case("bce_logits_softplus_neg", "(1 - y) * z + softplus(-z)", "z", {"y": 0.0}, [-3.0, -0.4, 0.0, 1.2, 5.0], ["classification", "logits", "softplus", "bce"]),
    case("focal_positive", "-alpha * y * (1 - p)^gamma * log(p) - (1 - alpha) * (1 - y) * p^gamma * log(1 - p)", "p", {"alpha": 0.25, "gamma": 2.0, "y": 1.0}, [0.02, 0.2, 0.5, 0.8, 0.98], ["classification", "focal", "log", "pow"]),
    case("focal_negative_frac_gamma", "-alpha * y * (1 - p)^gamma * log(p) - (1 - alpha) * (1 - y) * p^gamma * log(1 - p)", "p", {"alpha": 0.25, "gamma": 1.5, "y": 0.0}, [0.02, 0.2, 0.5, 0.8, 0.98], ["classification", "focal", "log", "pow"]),
    case("focal_logits", "-alpha * y * (1 - sigmoid(z))^gamma * log(sigmoid(z))", "z", {"alpha": 0.25, "gamma": 2.0, "y": 1.0}, [-4.0, -1.0, 0.0, 1.0, 4.0], ["classification", "focal", "sigmoid", "logits"]),
    case("categorical_ce_term", "-y * log(p)", "p", {"y": 1.0}, [0.002, 0.1, 0.5, 0.9, 1.0, 2.0], ["classification", "log"]),
    case("categorical_ce_term_log2", "-y * log(p, 2)", "p", {"y": 0.7}, [0.01, 0.25, 0.5, 1.0, 3.0], ["classification", "log-base"]),
    case("ce_log2_func", "-target * log2(yhat)", "yhat", {"target": 0.4}, [0.05, 0.3, 0.6, 1.0, 4.0], ["classification", "log2"]),
    case("kl_term", "y * log(y / p)", "p", {"y": 0.3}, [0.01, 0.1, 0.3, 0.7, 2.0], ["divergence", "log"]),
    case("kl_binary", "y * log(y / p) + (1 - y) * log((1 - y) / (1 - p))", "p", {"y": 0.2}, [0.01, 0.15, 0.5, 0.8, 0.99], ["divergence", "log"]),
    case("poisson", "p - y * log(p + eps)", "p", {"y": 3.0, "eps": 1e-7}, [0.001, 0.5, 2.0, 3.0, 10.0], ["count", "log"]),
    case("poisson_log_link", "exp(z) - y * z", "z", {"y": 2.0}, [-3.0, -0.5, 0.0, 0.69, 2.0], ["count", "exp", "smooth"]),
    # ---------------- segmentation / overlap ----------------
    case("dice_smooth", "1 - (2 * p * y + 1) / (p + y + 1)", "p", {"y": 1.0}, [0.0, 0.2, 0.5, 0.9, 1.5], ["segmentation", "rational"]),
    case("tversky", "1 - (p * y + 1) / (p * y + alpha * p * (1 - y) + beta * (1 - p) * y + 1)", "p", {"alpha": 0.3, "beta": 0.7, "y": 1.0}, [0.0, 0.25, 0.5, 0.75, 1.0], ["segmentation", "rational"]),
    case("tversky_negative_pixel", "1 - (p * y + 1) / (p * y + alpha * p * (1 - y) + beta * (1 - p) * y + 1)", "p", {"alpha": 0.3, "beta": 0.7, "y": 0.0}, [0.0, 0.25, 0.5, 0.75, 1.0], ["segmentation", "rational"]),
    case("soft_jaccard", "1 - (p * y + eps) / (p + y - p * y + eps)", "p", {"eps": 1e-6, "y": 1.0}, [0.0, 0.1, 0.5, 0.9, 1.0], ["segmentation", "rational"]),
    # ---------------- misc functions / syntax ----------------
    case("hard_sigmoid_clip", "clip(0.2 * z + 0.5, 0, 1)", "z", {}, [-4.0, -2.4, 0.0, 1.3, 2.6, 5.0], ["clip", "kink"]),
    case("clipped_mse", "(clip(p, -1, 1) - y)^2", "p", {"y": 0.5}, [-2.0, -0.9, 0.0, 0.5, 0.99, 1.5], ["regression", "clip"]),
    case("sinc_eq", "p == 0 ? 1 : sin(p) / p", "p", {}, [-3.0, -0.5, 0.01, 1.0, 4.0], ["conditional", "equality", "trig"]),
    case("abs_via_ne", "p != y ? abs(p - y) : 0", "p", {"y": 0.1}, [-1.0, 0.0, 0.2, 1.0, 2.0], ["conditional", "inequality", "abs"]),
    case("log_base_b", "log(p^2 + 1, 3)", "p", {}, [-2.0, -0.5, 0.0, 0.7, 3.0], ["log-base", "smooth"]),
    case("log10_cauchy", "log10(1 + (p - y)^2)", "p", {"y": -0.5}, [-3.0, -0.5, 0.0, 1.0, 2.0], ["log10", "smooth"]),
    case("cbrt_signed", "cbrt(p - y)", "p", {"y": 0.5}, [-2.0, -0.5, 0.3, 0.7, 1.5, 9.0], ["cbrt"]),
    case("cbrt_cubic", "cbrt(p^3 + 2 * p + 1)", "p", {}, [-2.0, -1.0, 0.0, 0.5, 2.0], ["cbrt", "composition"]),
    case("tanh_regression", "(tanh(z) - y)^2", "z", {"y": 0.5}, [-2.0, -0.3, 0.55, 1.0, 3.0], ["hyperbolic", "smooth"]),
    case("sinh_log", "log(1 + sinh(p - y)^2)", "p", {"y": 0.0}, [-2.0, -0.4, 0.0, 0.6, 2.5], ["hyperbolic", "smooth"]),
    case("pow_cubed", "pow(p - y, 3)", "p", {"y": 1.0}, [-1.0, 0.0, 1.0, 1.5, 3.0], ["pow", "smooth"]),
    case("abs_pow_cubed", "abs(pow(p - y, 3))", "p", {"y": 1.0}, [-1.0, 0.0, 0.9, 1.5, 3.0], ["pow", "abs"]),
    case("von_mises", "1 - cos(p - y)", "p", {"y": 0.3}, [-3.0, -1.0, 0.3, 1.5, 6.0], ["trig", "smooth"]),
    case("cos_pi", "1 - cos(pi * (p - y))", "p", {"y": 0.25}, [-1.0, 0.0, 0.3, 0.9, 2.0], ["trig", "pi"]),
    case("tan_quarter", "tan(p / 4)^2", "p", {}, [-5.0, -1.0, 0.0, 2.0, 6.0], ["trig"]),
    case("precedence_unary_pow", "-p^2 + 2^-p + 2^3^0.5 * p - (-p)^2 / 4", "p", {}, [-2.0, -0.5, 0.0, 1.0, 2.5], ["precedence", "smooth"]),
    case("number_literals", "log(p + 1e-7) * .5 + 2.5e-1 * p + 1E+1 * p^2", "p", {}, [0.001, 0.2, 1.0, 3.0, 10.0], ["numbers", "log"]),
    case("chained_comparison", "0 < p < 1 ? p * (1 - p) : 0", "p", {}, [-0.5, 0.1, 0.5, 0.95, 1.5], ["conditional", "chained-comparison"]),
    case("logical_and", "p > 0 and p < y ? log(p) : p - y", "p", {"y": 2.0}, [-1.0, 0.2, 1.0, 1.9, 3.0], ["conditional", "logical-operators"]),
    case("relu_sign_mix", "relu(p) * sign(p - 0.5) + min(p, 0)^2", "p", {}, [-2.0, -0.3, 0.2, 0.8, 2.0], ["relu", "sign", "min"]),
    # ---------------- nested / random-ish smooth compositions ----------------
    case("comp_softplus_sigmoid", "softplus(sigmoid(z) - y)", "z", {"y": 1.0}, [-3.0, -1.0, 0.0, 1.0, 3.0], ["composition", "smooth"]),
    case("comp_sigmoid_tanh_logcosh", "sigmoid(tanh(z)) * log(cosh(z))", "z", {}, [-3.0, -0.5, 0.0, 1.0, 2.5], ["composition", "smooth"]),
    case("comp_sin_gauss", "sin(p) * exp(-p^2 / 4) + log(2 + cos(3 * p))", "p", {}, [-2.0, -0.5, 0.0, 1.0, 2.0], ["composition", "smooth", "trig"]),
    case("comp_tanh_sqrt", "tanh(p - y)^2 + 0.1 * sqrt(1 + p^2)", "p", {"y": 0.5}, [-2.0, 0.0, 0.5, 1.0, 3.0], ["composition", "smooth"]),
    case("comp_exp_sin_rational", "exp(sin(p)) / (1 + p^2)", "p", {}, [-2.0, -0.5, 0.0, 1.0, 2.0], ["composition", "smooth"]),
    case("comp_cosh_sinh", "cosh(p / 2) - 1 + sinh(p / 3)^2", "p", {}, [-3.0, -1.0, 0.0, 1.0, 3.0], ["composition", "smooth", "hyperbolic"]),
    case("comp_pow_log10", "pow(1 + p^2, 0.25) * log10(2 + p^2)", "p", {}, [-2.0, -0.5, 0.0, 1.0, 2.0], ["composition", "smooth"]),
    case("comp_sqrt_exp", "sqrt(exp(p) + exp(-p)) - sqrt(2)", "p", {}, [-2.0, -0.5, 0.0, 1.0, 2.0], ["composition", "smooth"]),
    case("comp_rational_abs", "(p^3 - 2 * p * y + y^2) / (1 + abs(p))", "p", {"y": 0.5}, [-2.0, -0.5, 0.3, 1.0, 2.0], ["composition", "abs"]),
    case("comp_logcosh_sigmoid", "log(cosh(p)) * sigmoid(2 * p - y)", "p", {"y": 1.0}, [-2.0, -0.5, 0.0, 0.5, 2.0], ["composition", "smooth"]),
    case("comp_gauss_cos_pi", "exp(-gamma * (p - y)^2) * cos(pi * p)", "p", {"gamma": 0.5, "y": 0.2}, [-1.0, 0.0, 0.2, 0.7, 1.5], ["composition", "smooth", "pi"]),
    case("comp_softplus_tanh", "softplus(p^2 - y) / (1 + tanh(p)^2)", "p", {"y": 1.0}, [-2.0, -0.5, 0.0, 1.0, 2.0], ["composition", "smooth"]),
    case("comp_log2_sin", "log2(1 + p^2) * sin(p)^2 + 1 / (2 + sin(p))", "p", {}, [-2.0, -0.5, 0.0, 1.0, 2.0], ["composition", "smooth"]),
    case("comp_sigmoid_sq_log1p", "pow(sigmoid(p), 2) - log1p(p^2)", "p", {}, [-3.0, -0.5, 0.0, 1.0, 3.0], ["composition", "smooth"]),
    case("comp_sinh_tanh_cosh_sigmoid", "sinh(tanh(p)) + cosh(sigmoid(p))", "p", {}, [-3.0, -0.5, 0.0, 1.0, 3.0], ["composition", "smooth"]),
    case("comp_exp_rational_tan", "exp(p / (1 + p^2)) - tan(p / 3)", "p", {}, [-3.0, -0.5, 0.0, 1.0, 3.0], ["composition", "smooth", "trig"]),
    case("comp_nested_log_exp", "log(1 + exp(log(1 + exp(-z)) - y))", "z", {"y": 0.5}, [-3.0, -0.5, 0.0, 1.0, 3.0], ["composition", "smooth"]),
]


# ---------------------------------------------------------------------------
# Safety checks for sample points
# ---------------------------------------------------------------------------


def _switching_functions(expr):
    """Return (switch, positive) lists of functions of the prediction only:
    switch: must not change sign / vanish near a sample point (kinks, poles);
    positive: must stay > 0 near a sample point (log / non-integer power bases).
    `expr` must be Piecewise-free (see _active_branches)."""
    switch, positive = [], []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
            switch.append(node.args[0])
        elif isinstance(node, (sp.Max, sp.Min)):
            a = node.args
            for i in range(len(a)):
                for j in range(i + 1, len(a)):
                    switch.append(a[i] - a[j])
        elif isinstance(node, sp.log):
            positive.append(node.args[0])
        elif isinstance(node, sp.Pow):
            base, ex = node.args
            if ex.is_Integer:
                if ex < 0:
                    switch.append(base)
            else:
                positive.append(base)
        elif isinstance(node, sp.tan):
            switch.append(sp.cos(node.args[0]))
    return switch, positive


def _condition_switches(expr):
    """Boundaries of every conditional (all branches, conservatively)."""
    out = []
    for pw in expr.atoms(sp.Piecewise):
        for _, cond in pw.args:
            for rel in cond.atoms(sp.core.relational.Relational):
                out.append(rel.lhs - rel.rhs)
    return out


def _active_branches(expr, x_sym, x):
    """Replace every Piecewise by the branch active at x (valid in the whole
    neighbourhood once the condition boundaries are known to be far away), so that
    singularities of inactive branches (e.g. log(p) guarded by p > 0) are ignored."""
    xs = {x_sym: exact(x)}

    def pick(pw):
        for e, c in pw.args:
            cv = c.subs(xs) if hasattr(c, "subs") else c
            if cv == sp.true:
                return e
            if cv != sp.false:
                raise AssertionError(f"cannot decide condition {c} at {x}")
        raise AssertionError(f"no active branch in {pw} at {x}")

    return expr.replace(lambda e: isinstance(e, sp.Piecewise), pick)


def _check_functions(cid, x_sym, x, kind, funcs):
    grid = [x + KINK_CLEARANCE * (k / 10.0) for k in range(-10, 11)]
    for g in funcs:
        if not g.has(x_sym):
            ok = bool(g != 0) if kind == "switch" else bool(g > 0)
            if not ok:
                raise AssertionError(f"{cid}: constant {kind} function {g} fails")
            continue
        f = sp.lambdify([x_sym], g, "mpmath")
        vals = [f(mpmath.mpf(t)) for t in grid]
        for v in vals:
            if isinstance(v, mpmath.mpc) or not mpmath.isfinite(v):
                raise AssertionError(f"{cid}: x={x}: {g} not real/finite near point")
        signs = {mpmath.sign(v) for v in vals}
        if 0 in signs or len(signs) != 1 or (kind == "positive" and signs != {1}):
            raise AssertionError(f"{cid}: x={x} is within {KINK_CLEARANCE} of a kink/singularity ({kind}: {g})")


def check_point_safe(cid, x_sym, expr_num, x):
    with mpmath.workdps(40):
        _check_functions(cid, x_sym, x, "switch", _condition_switches(expr_num))
        active = _active_branches(expr_num, x_sym, x)
        switch, positive = _switching_functions(active)
        _check_functions(cid, x_sym, x, "switch", switch)
        _check_functions(cid, x_sym, x, "positive", positive)


def exact(v):
    """Exact rational value of a Python float (what a JS double really holds)."""
    return sp.Rational(float(v))


def to_float(v, what):
    v = sp.sympify(v)
    if not v.is_number:
        raise AssertionError(f"{what}: did not evaluate to a number: {v}")
    re_, im_ = v.as_real_imag()
    if im_ != 0 and abs(float(im_)) > 0:
        raise AssertionError(f"{what}: complex value {v}")
    f = float(re_)
    if not math.isfinite(f):
        raise AssertionError(f"{what}: non-finite value {v}")
    return f


def build_case(c):
    symbols = {}
    wrt = c["wrt"]
    x_sym = sp.Symbol(wrt, real=True)
    symbols[wrt] = x_sym
    for name in c["set"]:
        symbols[name] = sp.Symbol(name, real=True)
    expr = translate(c["expression"], symbols)
    free = {s.name for s in expr.free_symbols}
    missing = free - set(c["set"]) - {wrt}
    if missing:
        raise AssertionError(f"{c['id']}: symbols without values: {sorted(missing)}")
    if wrt not in free:
        raise AssertionError(f"{c['id']}: expression does not depend on {wrt}")
    unused = set(c["set"]) - free
    if unused:
        raise AssertionError(f"{c['id']}: unused set entries {sorted(unused)}")
    if not (5 <= len(c["points"]) <= 7):
        raise AssertionError(f"{c['id']}: needs 5-7 points")

    deriv = sp.diff(expr, x_sym)
    param_subs = {symbols[k]: exact(v) for k, v in c["set"].items()}
    expr_num = expr.subs(param_subs)
    deriv_num = deriv.subs(param_subs)

    value_mp = sp.lambdify([x_sym], expr_num, "mpmath")

    points = []
    for x in c["points"]:
        x = float(x)
        check_point_safe(c["id"], x_sym, expr_num, x)
        xs = {x_sym: exact(x)}
        value = to_float(expr_num.subs(xs).evalf(30), f"{c['id']} value at {x}")
        derivative = to_float(deriv_num.subs(xs).evalf(30), f"{c['id']} derivative at {x}")

        with mpmath.workdps(50):
            xm = mpmath.mpf(x)
            v_mp = value_mp(xm)
            if isinstance(v_mp, mpmath.mpc):
                raise AssertionError(f"{c['id']}: complex mpmath value at {x}")
            if abs(float(v_mp) - value) > VALUE_REL_TOL * max(1.0, abs(value)):
                raise AssertionError(f"{c['id']}: evalf value {value} != mpmath value {float(v_mp)} at {x}")
            h = mpmath.mpf("1e-12") * max(1, abs(xm))
            fd = float((value_mp(xm + h) - value_mp(xm - h)) / (2 * h))
        if abs(fd - derivative) > FD_REL_TOL * abs(derivative) + FD_ABS_TOL:
            raise AssertionError(
                f"{c['id']}: symbolic derivative {derivative} != finite difference {fd} at {wrt}={x}\n"
                f"  d/d{wrt} = {deriv}"
            )
        points.append({"x": x, "value": value, "derivative": derivative})

    return {
        "id": c["id"],
        "expression": c["expression"],
        "wrt": wrt,
        "set": {k: float(c["set"][k]) for k in sorted(c["set"])},
        "tags": list(c["tags"]),
        "sympyExpression": str(expr),
        "sympyDerivative": str(deriv),
        "points": points,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check-only", action="store_true", help="verify, do not write the fixture")
    args = ap.parse_args()

    ids = [c["id"] for c in CASES]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate case ids: {dupes}")

    failures = []
    out_cases = []
    for c in CASES:
        try:
            out_cases.append(build_case(c))
        except Exception as e:  # collect all failures, then fail loudly
            failures.append(f"{c['id']}: {type(e).__name__}: {e}")
    if failures:
        sys.stderr.write("ORACLE SELF-CHECK FAILED:\n  " + "\n  ".join(failures) + "\n")
        sys.exit(1)

    doc = {
        "generator": GENERATOR,
        "sympyVersion": sp.__version__,
        "mpmathVersion": mpmath.__version__,
        "description": "Loss values and d(loss)/d(wrt) from SymPy (evalf(30), rounded to double) at sample points "
        f"at least {KINK_CLEARANCE} away from kinks/singularities; derivatives cross-checked against "
        "50-digit central finite differences.",
        "cases": out_cases,
    }
    npoints = sum(len(c["points"]) for c in out_cases)
    if args.check_only:
        print(f"ok: {len(out_cases)} cases, {npoints} points (not written)")
        return
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    print(f"wrote {os.path.relpath(args.out, REPO)}: {len(out_cases)} cases, {npoints} points")


if __name__ == "__main__":
    main()
