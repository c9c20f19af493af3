"""Synthetic causal-inference data with a known ground truth, for `mlsd_014_causal_inference`.

Every generator is seeded, offline and fast (milliseconds for the sizes the notebook uses):

- `confounded_observational`: a binary treatment whose propensity depends on covariates that also drive the
  outcome (so the naive difference in means is biased), with a heterogeneous effect: known ATE, ATT, ATC;
- `heterogeneous_effects`: an unbalanced experiment-like data set with a known CATE function (uplift modelling);
- `did_panel`: a unit x period panel with unit effects, a common trend and serially correlated noise, for
  difference-in-differences (optionally violating parallel trends);
- `iv_data`: a continuous treatment confounded by an unobserved variable, plus an instrument of chosen strength;
- `rdd_data`: a running variable with a sharp cutoff and a known jump of the outcome at the cutoff.

No estimator lives here: only the data and the truth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def confounded_observational(n: int = 2000, seed: int = 0, n_features: int = 4, confounding: float = 1.0):
    """Observational data where X drives both treatment and outcome.

    X ~ N(0, I) (n, n_features); propensity e(x) = sigmoid(-0.8 + confounding * (0.9 x0 + 0.6 x1 - 0.4 x2))
    (a logistic model, so a logistic regression is well specified); t ~ Bernoulli(e(x));
    tau(x) = 2 + x0 (the treated have larger x0, hence ATT > ATE > ATC);
    y = 1.5 x0 + 1.0 x1 + 0.5 x2 + 0.5 x3 + tau(x) t + N(0, 1).

    Returns a dict: X, t (int 0/1), y, propensity (the true e(x)), tau (per-unit effect), and the *sample*
    estimands ate = mean(tau), att = mean(tau[t == 1]), atc = mean(tau[t == 0]).
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features))
    logit = -0.8 + confounding * (0.9 * X[:, 0] + 0.6 * X[:, 1] - 0.4 * X[:, 2])
    e = _sigmoid(logit)
    t = (rng.random(n) < e).astype(int)
    tau = 2.0 + X[:, 0]
    y = 1.5 * X[:, 0] + 1.0 * X[:, 1] + 0.5 * X[:, 2] + 0.5 * X[:, 3] + tau * t + rng.normal(size=n)
    return {"X": X, "t": t, "y": y, "propensity": e, "tau": tau,
            "ate": float(tau.mean()), "att": float(tau[t == 1].mean()), "atc": float(tau[t == 0].mean())}


def true_cate(X: np.ndarray) -> np.ndarray:
    """The CATE function of `heterogeneous_effects`: tau(x) = 1 + 1.5 x0 + (x1 > 0)."""
    X = np.asarray(X, dtype=float)
    return 1.0 + 1.5 * X[:, 0] + (X[:, 1] > 0)


def heterogeneous_effects(n: int = 2000, n_test: int = 1000, seed: int = 0, treated_share: float = 0.2):
    """Uplift data with a known CATE and unbalanced arms (about `treated_share` treated).

    X ~ U(-1, 1)^5; e(x) = sigmoid(logit(treated_share) + 0.5 x0); mu0(x) = 2 x2 + x3^2 + sin(3 x4);
    tau(x) = `true_cate(x)`; y = mu0(x) + tau(x) t + N(0, 0.5^2).

    Returns a dict: X, t, y (training), X_test and tau_test = tau(X_test) (the truth to compare CATE to),
    and tau = tau(X) on the training rows.
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 5))
    base = np.log(treated_share / (1 - treated_share))
    e = _sigmoid(base + 0.5 * X[:, 0])
    t = (rng.random(n) < e).astype(int)
    mu0 = 2 * X[:, 2] + X[:, 3] ** 2 + np.sin(3 * X[:, 4])
    tau = true_cate(X)
    y = mu0 + tau * t + rng.normal(scale=0.5, size=n)
    X_test = rng.uniform(-1, 1, size=(n_test, 5))
    return {"X": X, "t": t, "y": y, "tau": tau, "X_test": X_test, "tau_test": true_cate(X_test)}


def did_panel(n_units: int = 200, n_periods: int = 8, seed: int = 0, effect: float = 2.0,
              treated_share: float = 0.4, differential_trend: float = 0.0, rho: float = 0.7) -> tuple[pd.DataFrame, float]:
    """A balanced panel for difference-in-differences; treatment starts at period n_periods // 2.

    Treated units have higher levels (unit effect + 1.5: a level difference DiD removes); all units share the
    time trend 0.3 * period; AR(1) noise with correlation `rho` within a unit (so per-unit clustering matters);
    `differential_trend` adds that much per period to treated units only (breaks parallel trends).

    Returns (df, effect) with df columns: unit, period, treated (0/1 group), post (0/1), y.
    """
    rng = np.random.default_rng(seed)
    treated = (rng.random(n_units) < treated_share).astype(int)
    alpha = rng.normal(size=n_units) + 1.5 * treated
    periods = np.arange(n_periods)
    start = n_periods // 2
    noise = np.empty((n_units, n_periods))
    noise[:, 0] = rng.normal(size=n_units)
    for p in range(1, n_periods):
        noise[:, p] = rho * noise[:, p - 1] + np.sqrt(1 - rho**2) * rng.normal(size=n_units)
    post = (periods >= start).astype(int)
    y = (alpha[:, None] + 0.3 * periods[None, :] + differential_trend * treated[:, None] * periods[None, :]
         + effect * treated[:, None] * post[None, :] + noise)
    df = pd.DataFrame({
        "unit": np.repeat(np.arange(n_units), n_periods),
        "period": np.tile(periods, n_units),
        "treated": np.repeat(treated, n_periods),
        "post": np.tile(post, n_units),
        "y": y.ravel(),
    })
    return df, float(effect)


def iv_data(n: int = 2000, seed: int = 0, strength: float = 1.0, effect: float = 1.5, n_covariates: int = 2):
    """A continuous treatment confounded by an unobserved u, with an instrument z.

    u ~ N(0, 1) (unobserved); X ~ N(0, I) (n, n_covariates); z ~ N(0, 1);
    t = strength * z + 0.5 X.sum(1) + u + N(0, 1);  y = effect * t + X @ (1, -1, ...) + 2 u + N(0, 1).
    OLS of y on t is biased upward (u raises both); z moves t but affects y only through t.

    Returns a dict: y, t, z, X, effect.
    """
    rng = np.random.default_rng(seed)
    u = rng.normal(size=n)
    X = rng.normal(size=(n, n_covariates))
    z = rng.normal(size=n)
    t = strength * z + 0.5 * X.sum(axis=1) + u + rng.normal(size=n)
    coef = np.where(np.arange(n_covariates) % 2 == 0, 1.0, -1.0)
    y = effect * t + X @ coef + 2.0 * u + rng.normal(size=n)
    return {"y": y, "t": t, "z": z, "X": X, "effect": float(effect)}


def rdd_data(n: int = 3000, seed: int = 0, cutoff: float = 0.0, jump: float = 1.0, noise: float = 0.5):
    """A sharp regression discontinuity: treated iff x >= cutoff; the outcome jumps by `jump` there.

    x ~ U(cutoff - 1, cutoff + 1); y = 0.5 + 1.2 s + 0.8 s^2 + 0.6 s * (x >= cutoff) + jump * (x >= cutoff)
    + N(0, noise^2 * (1 + |s|)) with s = x - cutoff (different slopes on each side, heteroskedastic noise).

    Returns a dict: x, y, cutoff, jump.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(cutoff - 1, cutoff + 1, size=n)
    s = x - cutoff
    d = (x >= cutoff).astype(float)
    y = 0.5 + 1.2 * s + 0.8 * s**2 + 0.6 * s * d + jump * d + rng.normal(size=n) * noise * np.sqrt(1 + np.abs(s))
    return {"x": x, "y": y, "cutoff": float(cutoff), "jump": float(jump)}
