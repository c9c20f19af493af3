"""Synthetic data and an offline MLflow store for `mlsd_010_ml_infrastructure` (seeded, no network, fast).

- `mixed_frame`: a small table with the common dtypes (int, float with NaN, string, bool, datetime, category);
- `churn_frame`: a binary classification table (features ``x0 .. x{d-1}``, ``label``) for training runs;
- `paired_predictions`: labels and the predictions of two models that agree on most rows (promotion gates);
- `mlflow_tracking_uri`: a fresh MLflow tracking + model-registry store (one SQLite file) inside a folder;
- `quiet_mlflow`: silence MLflow's INFO logs, progress bars and telemetry.

Importing this module turns MLflow's usage telemetry off (``MLFLOW_DISABLE_TELEMETRY``, ``DO_NOT_TRACK``):
the course runs offline.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile

import numpy as np
import pandas as pd

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ["MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR"] = "false"

_TEMPLATE: dict[str, str] = {}


def quiet_mlflow() -> None:
    """Keep MLflow (and alembic, which migrates its SQLite schema) from logging below ERROR or showing progress bars."""
    os.environ["MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR"] = "false"
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    for name in ("mlflow", "alembic", "sqlalchemy", "urllib3", "git"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _template_db() -> str:
    """Path of an empty, fully migrated MLflow SQLite database (built once per process: migrating takes seconds)."""
    if "path" not in _TEMPLATE:
        import warnings

        quiet_mlflow()
        from mlflow.tracking import MlflowClient

        folder = tempfile.mkdtemp(prefix="mlflow_template_")
        atexit.register(shutil.rmtree, folder, True)
        path = os.path.join(folder, "mlflow.db")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client = MlflowClient(tracking_uri=f"sqlite:///{path}", registry_uri=f"sqlite:///{path}")
            client.search_experiments()  # creates and migrates the tracking tables
            client.search_registered_models()  # and the registry's
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


def mlflow_tracking_uri(folder) -> str:
    """A fresh, empty MLflow store ``<folder>/mlflow.db``; returns its URI ``sqlite:///<folder>/mlflow.db``.

    The same URI serves as tracking and registry URI. No server and no network are involved. Create
    experiments with ``MlflowClient(uri).create_experiment(name, artifact_location=<a folder inside folder>)``
    so that artifacts, too, stay in `folder` (the default would be ``./mlruns`` in the working directory).
    """
    folder = os.fspath(folder)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "mlflow.db")
    shutil.copyfile(_template_db(), path)
    return f"sqlite:///{path}"


def mixed_frame(n_rows: int = 200, seed: int = 0) -> pd.DataFrame:
    """A table with one column per common dtype, like a slice of an events table.

    Columns: ``user_id`` (int64), ``amount`` (float64, ~5 % NaN), ``country`` (str), ``is_fraud`` (bool),
    ``ts`` (datetime64), ``channel`` (category). Values repeat, so duplicate rows are possible.
    """
    rng = np.random.default_rng(seed)
    amount = np.round(rng.gamma(2.0, 30.0, n_rows), 2)
    amount[rng.random(n_rows) < 0.05] = np.nan
    return pd.DataFrame({
        "user_id": rng.integers(1, 50, n_rows).astype("int64"),
        "amount": amount,
        "country": pd.Series(rng.choice(["DE", "FR", "US", "BR", "IN"], n_rows), dtype="str"),
        "is_fraud": rng.random(n_rows) < 0.1,
        "ts": pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 90 * 24 * 60, n_rows), unit="min"),
        "channel": pd.Categorical(rng.choice(["web", "app", "store"], n_rows)),
    })


def churn_frame(n_rows: int = 600, n_features: int = 5, seed: int = 0, noise: float = 1.0) -> pd.DataFrame:
    """Binary classification data: features ``x0 .. x{n_features-1}`` (float64) and ``label`` (int64, 0/1).

    label = 1[x . w + noise * N(0, 1) > 0] for a fixed random w; about balanced classes. Rows are in random order.
    """
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_rows, n_features))
    w = np.random.default_rng(1234).normal(size=n_features)
    label = (x @ w + noise * rng.normal(size=n_rows) > 0).astype("int64")
    frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(n_features)])
    frame["label"] = label
    return frame


def paired_predictions(n: int = 2000, champion_acc: float = 0.80, gain: float = 0.02, disagree: float = 0.10,
                       seed: int = 0):
    """Labels and hard predictions of a champion and a candidate classifier evaluated on the same rows.

    The two models disagree on a share `disagree` of the rows; on those, the candidate is right more often so
    that its accuracy exceeds the champion's by about `gain` (negative: worse). Elsewhere both are right with
    probability chosen so that the champion's accuracy is about `champion_acc`.
    Returns ``(y_true, pred_candidate, pred_champion)``, int arrays of shape (n,).
    """
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    differ = rng.random(n) < disagree
    # on disagreeing rows exactly one model is right; the candidate with probability q
    q = 0.5 + gain / (2 * disagree) if disagree > 0 else 0.5
    cand_right_on_diff = rng.random(n) < np.clip(q, 0.0, 1.0)
    p_same = (champion_acc - disagree * (1 - np.clip(q, 0, 1))) / max(1 - disagree, 1e-9)
    both_right = rng.random(n) < np.clip(p_same, 0.0, 1.0)
    champ_right = np.where(differ, ~cand_right_on_diff, both_right)
    cand_right = np.where(differ, cand_right_on_diff, both_right)
    pred_champion = np.where(champ_right, y, 1 - y)
    pred_candidate = np.where(cand_right, y, 1 - y)
    return y.astype(int), pred_candidate.astype(int), pred_champion.astype(int)
