"""Binary cross-entropy from scratch in NumPy, as the articles write it.

NumPy computes in float64, where 1 - 1e-15 is still below 1: the clip keeps both logs finite. (The same clip in
PyTorch or TensorFlow, float32, rounds 1 - 1e-15 to exactly 1 and log(1 - p) reaches log(0).)
"""
import numpy as np


def binary_cross_entropy(y_true, y_pred):
    y_pred = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return -np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))
