"""Synthetic data and the `FeatureView` definition for `mlsd_009_feature_stores` (seeded, offline, fast).

- `FeatureView`: a Feast-style feature view (name, entity keys, timestamps, features, ttl, source frame);
  it is *given* to students (the notebook's read-only setup cell imports it from here);
- `make_feature_source` / `make_entity_df`: random feature tables and entity ("spine") frames with the awkward
  cases a point-in-time join must handle: duplicate event timestamps resolved by a created timestamp,
  entities without history, unsorted rows, several key columns;
- `churn_dataset`: a churn-like problem whose activity features keep being logged *after* a customer churns,
  so a naive "latest value" join leaks the label (the leakage experiment);
- `event_stream`: out-of-order events (random network delays, a few very late stragglers) for streaming
  window aggregation;
- `serving_log`: what an online service logged at prediction time, with a deliberately skewed feature.

Every generator takes a `seed` and returns new objects; none of them contains a solution.
Timestamps are `datetime64[ns]` (the feature tables) or float seconds (the event stream).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

EPOCH = pd.Timestamp("2024-01-01")
ENTITY_TS = "event_timestamp"  # the entity frame's timestamp column (Feast's convention)


@dataclass(frozen=True, eq=False)
class FeatureView:
    """A group of features of one entity, computed from one timestamped source (Feast's FeatureView).

    name                      view name; used as the prefix `name__feature` in training data
    entities                  tuple of entity key column names, e.g. ("customer_id",) or ("user_id", "item_id")
    timestamp_field           column of `source` with the event time of each feature row (datetime64[ns])
    created_timestamp_column  column with the time the row was written (breaks ties on the event time), or None
    features                  tuple of feature column names of `source`
    ttl                       pd.Timedelta: a row is usable for at most this long after its event time; None = forever
    source                    the offline store: a DataFrame holding all the columns above (any row order)
    """

    name: str
    entities: tuple
    timestamp_field: str
    created_timestamp_column: str | None
    features: tuple
    ttl: pd.Timedelta | None
    source: pd.DataFrame

    def __post_init__(self):
        object.__setattr__(self, "entities", tuple([self.entities] if isinstance(self.entities, str) else self.entities))
        object.__setattr__(self, "features", tuple([self.features] if isinstance(self.features, str) else self.features))
        if self.ttl is not None:
            object.__setattr__(self, "ttl", pd.Timedelta(self.ttl))
        needed = [*self.entities, self.timestamp_field, *self.features]
        if self.created_timestamp_column is not None:
            needed.append(self.created_timestamp_column)
        missing = [c for c in needed if c not in self.source.columns]
        if missing:
            raise ValueError(f"FeatureView {self.name!r}: source lacks column(s) {missing}")

    def __repr__(self):
        return (f"FeatureView(name={self.name!r}, entities={self.entities}, timestamp_field={self.timestamp_field!r}, "
                f"created_timestamp_column={self.created_timestamp_column!r}, features={self.features}, "
                f"ttl={self.ttl!r}, source=<{len(self.source)} rows>)")


def _ts(seconds) -> pd.Series | pd.DatetimeIndex:
    """Seconds after EPOCH -> datetime64[ns]."""
    return (EPOCH + pd.to_timedelta(np.asarray(seconds, dtype=np.int64), unit="s")).astype("datetime64[ns]")


def make_feature_source(n_rows: int = 1000, n_entities: int = 50, keys=("customer_id",), n_features: int = 2,
                        horizon_days: float = 30.0, duplicate_fraction: float = 0.1, with_created: bool = True,
                        seed: int = 0) -> pd.DataFrame:
    """A random offline feature table, rows in random order.

    Columns: the key columns (int64; with two keys the second takes values 0..4), `feature_ts` (event time,
    datetime64[ns], whole seconds within `horizon_days` after EPOCH), `created_ts` (when `with_created`:
    event time + a random write delay in seconds, unique per row), and `f0`, `f1`, ... (float64).

    A `duplicate_fraction` of the rows repeat the (entity, feature_ts) of another row with a different
    created_ts and different values: a correction written later. Without `with_created`, no duplicates.
    Entity ids are drawn from 0 .. n_entities-1 (so some ids may have no rows at all).
    """
    rng = np.random.default_rng(seed)
    keys = tuple(keys)
    n_dup = int(round(n_rows * duplicate_fraction)) if with_created else 0
    n_base = n_rows - n_dup
    cols = {keys[0]: rng.integers(0, n_entities, n_base)}
    for k in keys[1:]:
        cols[k] = rng.integers(0, 5, n_base)
    secs = rng.integers(0, int(horizon_days * 86400), n_base)
    frame = pd.DataFrame({k: v.astype(np.int64) for k, v in cols.items()})
    frame["_secs"] = secs
    if n_dup:
        dup = frame.iloc[rng.integers(0, n_base, n_dup)].copy()
        frame = pd.concat([frame, dup], ignore_index=True)
    frame["feature_ts"] = _ts(frame["_secs"])
    if with_created:
        delay = rng.choice(np.arange(1, max(3600, 4 * len(frame))), size=len(frame), replace=False)
        frame["created_ts"] = _ts(frame["_secs"].to_numpy() + delay)
    for j in range(n_features):
        frame[f"f{j}"] = np.round(rng.normal(size=len(frame)) * 10, 3)
    frame = frame.drop(columns="_secs")
    if not with_created:
        frame = frame.drop_duplicates(subset=[*keys, "feature_ts"])
    return frame.sample(frac=1.0, random_state=int(rng.integers(2**31))).reset_index(drop=True)


def make_entity_df(n_rows: int = 300, n_entities: int = 60, keys=("customer_id",), horizon_days: float = 32.0,
                   source: pd.DataFrame | None = None, exact_hit_fraction: float = 0.2, seed: int = 1) -> pd.DataFrame:
    """A random entity frame ("spine"): key columns (int64) and `event_timestamp` (datetime64[ns]).

    Rows are unsorted and may repeat; ids range over 0 .. n_entities-1, so some have no feature history.
    With a `source`, an `exact_hit_fraction` of the rows copy the keys and `feature_ts` of a source row
    exactly (the `feature_ts <= event_timestamp` boundary).
    The index is a shuffled, non-default integer index (so positional shortcuts show).
    """
    rng = np.random.default_rng(seed)
    keys = tuple(keys)
    frame = pd.DataFrame({keys[0]: rng.integers(0, n_entities, n_rows).astype(np.int64)})
    for k in keys[1:]:
        frame[k] = rng.integers(0, 5, n_rows).astype(np.int64)
    frame[ENTITY_TS] = _ts(rng.integers(0, int(horizon_days * 86400), n_rows))
    if source is not None and len(source):
        n_hit = int(round(n_rows * exact_hit_fraction))
        pick = source.iloc[rng.integers(0, len(source), n_hit)]
        rows = rng.choice(n_rows, n_hit, replace=False)
        for k in keys:
            frame.loc[rows, k] = pick[k].to_numpy()
        frame.loc[rows, ENTITY_TS] = pick["feature_ts"].to_numpy()
    frame.index = pd.Index(rng.permutation(n_rows) * 7 + 3)
    return frame


def churn_dataset(n_customers: int = 3000, n_weeks: int = 30, seed: int = 0) -> dict:
    """A churn-like problem whose activity snapshots keep being written after a customer churns.

    Customer c churns at the start of week `churn_week[c]` (a geometric hazard of 3 % a week; many never churn
    within the horizon). Each week ends with a snapshot row per customer (`snapshot_ts` = end of the week,
    `created_ts` = snapshot_ts + 1 hour): `logins_7d` (Poisson), `tickets_30d` (support tickets, Poisson) and
    `spend_30d` (gamma). Engagement slides during the six weeks before churn (a real but weak precursor
    signal); after churning a customer almost never logs in, spends nothing and files cancellation tickets.

    Labels (`event_timestamp` = prediction time, `churned` = 1 if the customer churns within the next 28 days):
    one row per customer still active at a random time in weeks 10-18 (matured: known by week 22), split by
    customer into "train" (75 %) and "valid" (25 %); and one "holdout" row per customer still active at a
    random time in weeks 22-26, the future the model will serve. `build_time` (the day before week 22 starts)
    is the day the training set is built: the feature table "as of today" holds each customer's latest
    snapshot up to then.

    Returns a dict: `view` (FeatureView "activity", ttl 14 days), `labels` (customer_id int64, event_timestamp
    datetime64[ns], churned int64, split str; sorted by customer), `features` (tuple of feature names),
    `build_time` (Timestamp).
    """
    rng = np.random.default_rng(seed)
    week = pd.Timedelta(days=7)
    churn_week = rng.geometric(0.03, n_customers) + 2
    weeks = np.arange(n_weeks)
    to_churn = churn_week[:, None] - weeks[None, :]
    decline = np.where((to_churn > 0) & (to_churn <= 6), (7 - to_churn) * 0.3, 0.0)
    eng = rng.normal(0.0, 0.6, n_customers)[:, None] - decline + rng.normal(0, 0.35, (n_customers, n_weeks))
    gone = to_churn <= 0
    logins = rng.poisson(np.exp(1.6 + 0.5 * eng) * np.where(gone, 0.05, 1.0))
    tickets = rng.poisson(np.where(gone, 2.5, 0.25 + 0.5 * (decline > 0)))
    spend = rng.gamma(2.0, np.exp(3.0 + 0.3 * eng) / 2.0) * np.where(gone, 0.02, 1.0)
    snaps = pd.DataFrame({
        "customer_id": np.repeat(np.arange(n_customers, dtype=np.int64), n_weeks),
        "snapshot_ts": (EPOCH + pd.to_timedelta(np.tile(weeks + 1, n_customers) * 7, unit="D")).astype("datetime64[ns]"),
        "logins_7d": logins.ravel().astype(float), "tickets_30d": tickets.ravel().astype(float),
        "spend_30d": np.round(spend.ravel(), 2)})
    snaps["created_ts"] = (snaps["snapshot_ts"] + pd.Timedelta(hours=1)).astype("datetime64[ns]")
    snaps = snaps.sample(frac=1.0, random_state=seed).reset_index(drop=True)

    churn_at = EPOCH + pd.to_timedelta(churn_week * 7, unit="D")
    valid_customer = rng.random(n_customers) < 0.25
    frames = []
    for first, last, split in [(10, 18, None), (22, 26, "holdout")]:
        at = EPOCH + pd.to_timedelta(rng.uniform(first * 7, last * 7, n_customers) * 86400, unit="s").round("s")
        active = np.asarray(at < churn_at)
        churned = np.asarray((churn_at > at) & (churn_at <= at + pd.Timedelta(days=28))).astype(np.int64)
        names = np.where(valid_customer, "valid", "train") if split is None else np.full(n_customers, split)
        frames.append(pd.DataFrame({"customer_id": np.arange(n_customers, dtype=np.int64)[active],
                                    ENTITY_TS: np.asarray(at)[active].astype("datetime64[ns]"),
                                    "churned": churned[active], "split": names[active]}))
    labels = pd.concat(frames, ignore_index=True).sort_values(["customer_id", ENTITY_TS], kind="stable")
    features = ("logins_7d", "tickets_30d", "spend_30d")
    view = FeatureView("activity", ("customer_id",), "snapshot_ts", "created_ts", features, pd.Timedelta(days=14), snaps)
    return {"view": view, "labels": labels.reset_index(drop=True), "features": features,
            "build_time": EPOCH + 22 * week - pd.Timedelta(days=1)}


def event_stream(n_events: int = 2000, n_entities: int = 5, rate: float = 1.0, mean_delay: float = 2.0,
                 straggler_fraction: float = 0.02, straggler_delay: float = 60.0, seed: int = 0) -> pd.DataFrame:
    """Events in *arrival* order, with event times that are out of order.

    Event times form a Poisson process of `rate` events per second; each event reaches the processor after an
    exponential network delay (mean `mean_delay` s); a `straggler_fraction` arrives `straggler_delay` s late or
    more (a phone that was offline). Columns: `entity` (int), `ts` (event time, float s), `arrival` (float s),
    `value` (float). Sorted by arrival.
    """
    rng = np.random.default_rng(seed)
    ts = np.cumsum(rng.exponential(1.0 / rate, n_events))
    delay = rng.exponential(mean_delay, n_events)
    late = rng.random(n_events) < straggler_fraction
    delay[late] += straggler_delay * (1 + rng.random(late.sum()))
    frame = pd.DataFrame({"entity": rng.integers(0, n_entities, n_events), "ts": np.round(ts, 3),
                          "arrival": ts + delay, "value": np.round(rng.gamma(2.0, 10.0, n_events), 2)})
    return frame.sort_values("arrival", kind="stable").reset_index(drop=True)


def serving_log(offline: pd.DataFrame, features, skewed: str, noise: float = 1e-9, skew_fraction: float = 0.15,
                skew_scale: float = 0.3, missing_fraction: float = 0.02, seed: int = 0) -> pd.DataFrame:
    """What an online service logged: the offline values with float noise, plus a bug in one feature.

    `skewed` is the feature whose online computation differs (on a `skew_fraction` of rows it is off by up to
    `skew_scale` relative); `missing_fraction` of every feature's values are missing online (a cache miss).
    Rows are shuffled (a log is in arrival order, not in the training frame's order).
    """
    rng = np.random.default_rng(seed)
    log = offline.copy()
    for f in features:
        vals = log[f].to_numpy(dtype=float)
        vals = vals * (1 + rng.normal(0, noise, len(vals)))
        if f == skewed:
            hit = rng.random(len(vals)) < skew_fraction
            vals[hit] *= 1 + skew_scale * rng.uniform(0.2, 1.0, hit.sum())
        vals[rng.random(len(vals)) < missing_fraction] = np.nan
        log[f] = vals
    return log.sample(frac=1.0, random_state=int(rng.integers(2**31))).reset_index(drop=True)
