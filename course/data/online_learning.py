"""Synthetic streams for `mlsd_012_online_learning` (seeded, offline, well under a second each).

- `click_stream`: an ad click log as an online CTR model sees it: categorical fields (user, ad, site, device,
  hour, an ad x device cross) turned into sparse binary features with the *hashing trick*, labels drawn from a
  known sparse logistic model; optionally the click behaviour changes abruptly at `drift_at`;
- `error_stream`: a 0/1 stream (a classifier's mistakes) whose error rate changes at known change points;
- `gaussian_stream`: a real-valued stream whose mean changes at known change points (latency, a score ...).

Hashing uses `zlib.crc32` (stable across processes, unlike Python's salted `hash` of strings).
"""

from __future__ import annotations

import zlib

import numpy as np

# field name -> (number of distinct values, std of the true log-odds effect of a value)
CLICK_FIELDS = {
    "user": (20000, 0.15),   # many rare values, almost no signal: L1 should zero most of them
    "ad": (400, 0.9),
    "site": (150, 0.6),
    "device": (4, 0.3),
    "hour": (24, 0.2),
}


def hashed_index(token: str, n_buckets: int) -> int:
    """The hashing trick: a stable bucket in [0, n_buckets) for a "field=value" token."""
    return zlib.crc32(token.encode("utf-8")) % n_buckets


def _zipf_choice(rng: np.random.Generator, n_values: int, size: int, exponent: float = 1.1) -> np.ndarray:
    """Draw value ids 0..n_values-1 with Zipf-like popularity (value 0 most frequent)."""
    p = 1.0 / np.arange(1, n_values + 1) ** exponent
    return rng.choice(n_values, size=size, p=p / p.sum())


def click_stream(n: int = 5000, seed: int = 0, n_buckets: int = 2**18, base_logit: float = -2.0,
                 drift_at: int | None = None, with_truth: bool = False):
    """A hashed click stream: a list of `(x, y)` with `x` a sparse dict and `y` a bool (clicked).

    `x` maps hashed bucket ids (ints in [0, n_buckets)) to 1.0 for the six active tokens of an impression
    (`user=...`, `ad=...`, `site=...`, `device=...`, `hour=...`, `ad_x_device=...`) plus the constant feature
    `"bias": 1.0`. Two tokens may collide in one bucket (then the value is 2.0), as with real hashing.

    Labels: P(click) = sigmoid(base_logit + sum of the true effects of the tokens). Effects are drawn once
    per token from N(0, std of its field) (`CLICK_FIELDS`; the cross feature has std 0.5). If `drift_at` is
    given, from that impression on the `ad` and `ad_x_device` effects are redrawn (the campaign mix changed).
    With `with_truth=True` also returns a dict with the true click probabilities (array of length n).
    """
    rng = np.random.default_rng(seed)
    ids = {f: _zipf_choice(rng, k, n) for f, (k, _) in CLICK_FIELDS.items()}
    effects = {f: rng.normal(0.0, sd, k) for f, (k, sd) in CLICK_FIELDS.items()}
    n_ads, n_dev = CLICK_FIELDS["ad"][0], CLICK_FIELDS["device"][0]
    cross = rng.normal(0.0, 0.5, n_ads * n_dev)
    logit = base_logit + sum(effects[f][ids[f]] for f in CLICK_FIELDS) + cross[ids["ad"] * n_dev + ids["device"]]
    if drift_at is not None:
        ad2 = rng.normal(0.0, CLICK_FIELDS["ad"][1], n_ads)
        cross2 = rng.normal(0.0, 0.5, n_ads * n_dev)
        late = np.arange(n) >= drift_at
        logit = np.where(late, logit - effects["ad"][ids["ad"]] - cross[ids["ad"] * n_dev + ids["device"]]
                         + ad2[ids["ad"]] + cross2[ids["ad"] * n_dev + ids["device"]], logit)
    prob = 1.0 / (1.0 + np.exp(-logit))
    clicks = rng.random(n) < prob
    cache: dict[str, int] = {}

    def bucket(token: str) -> int:
        if token not in cache:
            cache[token] = hashed_index(token, n_buckets)
        return cache[token]

    stream = []
    for t in range(n):
        x: dict = {"bias": 1.0}
        tokens = [f"{f}={ids[f][t]}" for f in CLICK_FIELDS] + [f"ad_x_device={ids['ad'][t]}_{ids['device'][t]}"]
        for token in tokens:
            b = bucket(token)
            x[b] = x.get(b, 0.0) + 1.0
        stream.append((x, bool(clicks[t])))
    if with_truth:
        return stream, {"prob": prob}
    return stream


def error_stream(n: int = 2000, change_points=(1000,), rates=(0.2, 0.5), seed: int = 0) -> np.ndarray:
    """0/1 int array of length n: Bernoulli(rates[k]) between consecutive change points.

    `rates` has one more entry than `change_points`; e.g. the defaults give an error rate of 0.2 for steps
    0..999 and 0.5 from step 1000 on (an abrupt concept drift at a known index).
    """
    rate = _piecewise(n, change_points, rates)
    return (np.random.default_rng(seed).random(n) < rate).astype(int)


def gaussian_stream(n: int = 2000, change_points=(1000,), means=(0.0, 1.0), std: float = 1.0, seed: int = 0) -> np.ndarray:
    """Float array of length n: N(means[k], std^2) between consecutive change points."""
    mean = _piecewise(n, change_points, means)
    return mean + std * np.random.default_rng(seed).standard_normal(n)


def _piecewise(n: int, change_points, values) -> np.ndarray:
    change_points = list(change_points)
    if len(values) != len(change_points) + 1:
        raise ValueError("need one value per segment: len(values) == len(change_points) + 1")
    edges = [0] + change_points + [n]
    return np.concatenate([np.full(max(b - a, 0), float(v)) for a, b, v in zip(edges[:-1], edges[1:], values)])
