"""Synthetic bandit environments for `mlsd_013_bandits` (seeded, offline, instant).

- `piecewise_means`: a (horizon, n_arms) schedule of means whose best arm changes abruptly;
- `linear_contexts`: per-round contexts and true arm parameters of a linear contextual bandit;
- `logged_feedback`: logs of a known logging policy plus a target policy, for off-policy evaluation.
"""

from __future__ import annotations

import numpy as np


def piecewise_means(segments) -> np.ndarray:
    """Means per round for a non-stationary bandit, shape (horizon, n_arms).

    `segments` is a sequence of (length, arm_means): e.g. ((5000, (0.9, 0.1, 0.1)), (3000, (0.1, 0.5, 0.1)))
    is a champion arm that collapses after 5,000 rounds while a former loser becomes the best arm.
    """
    return np.concatenate([np.tile(np.asarray(m, dtype=float), (int(n), 1)) for n, m in segments])


CHAMPION_COLLAPSE = ((5000, (0.9, 0.1, 0.1)), (3000, (0.1, 0.5, 0.1)))


def linear_contexts(horizon: int, n_arms: int = 5, dim: int = 10, seed: int = 0, noise: float = 0.1):
    """A disjoint linear contextual bandit: reward = theta[a] . x[t, a] + N(0, noise^2).

    Returns `contexts` (horizon, n_arms, dim) with unit-norm rows, `theta` (n_arms, dim) with unit-norm
    rows, and `expected` (horizon, n_arms) = the mean reward of each arm in each round.
    """
    rng = np.random.default_rng(seed)
    theta = rng.normal(size=(n_arms, dim))
    theta /= np.linalg.norm(theta, axis=1, keepdims=True)
    contexts = rng.normal(size=(horizon, n_arms, dim))
    contexts /= np.linalg.norm(contexts, axis=2, keepdims=True)
    expected = np.einsum("tad,ad->ta", contexts, theta)
    return contexts, theta, expected


def logged_feedback(n: int, n_arms: int = 5, seed: int = 0, temperature: float = 0.5):
    """Logs of a softmax logging policy over Bernoulli arms, and a different (greedier) target policy.

    Returns a dict with `actions` (n,), `rewards` (n,), `logging_propensities` (n,) = probability the
    logging policy gave the logged action, `target_probs` (n,) = probability the target policy gives the
    logged action, and `true_value` = the target policy's expected reward (known from the arm means).
    """
    rng = np.random.default_rng(seed)
    means = np.linspace(0.1, 0.5, n_arms)
    logging = np.exp(-means / temperature)  # the logging policy prefers the *worse* arms
    logging /= logging.sum()
    target = np.exp(means / (temperature / 4))
    target /= target.sum()
    actions = rng.choice(n_arms, size=n, p=logging)
    rewards = (rng.random(n) < means[actions]).astype(float)
    return {
        "actions": actions,
        "rewards": rewards,
        "logging_propensities": logging[actions],
        "target_probs": target[actions],
        "true_value": float(target @ means),
    }
