"""Synthetic recommender data for `mlsd_011_multi_stage_recsys` (seeded, offline, a second or less).

- `make_interactions`: users and items with latent factors, a Zipf-like popularity skew, noisy user and item
  features, and a time-ordered train/test split of implicit-feedback interactions (the retrieval stage);
- `make_ranking_candidates`: per-user candidate lists as a retrieval stage would hand them to a ranker, with
  features a two-tower model cannot use (popularity, user activity, freshness) and click labels;
- `clustered_vectors`: a large catalogue of embedding-like vectors (clusters, varying norms) and queries, for ANN.

The generative model of `make_interactions` (kept in the returned dict as ground truth, for analysis only):

    utility(u, i) = sharpness * <p_u, q_i> + alpha * b_i,    b_i = -log(popularity rank of i)
    each user u draws n_u distinct items with probability proportional to exp(utility) (Gumbel top-k),
    every interaction gets a time stamp ~ U(0, 1); interactions after the `1 - test_fraction` time quantile
    form the test set (so a user's test items are never among their train items).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def make_interactions(n_users: int = 2000, n_items: int = 1000, dim: int = 16, user_feat_dim: int = 8,
                      item_feat_dim: int = 8, n_categories: int = 20, mean_per_user: float = 20.0,
                      sharpness: float = 5.0, alpha: float = 0.5, test_fraction: float = 0.2,
                      feature_noise: float = 0.5, seed: int = 0) -> dict:
    """Implicit-feedback interactions with latent structure and a popularity skew.

    Returns a dict:

    - ``train``, ``test``: DataFrames with columns ``user_id`` (int64), ``item_id`` (int64), ``timestamp``
      (float in [0, 1]), sorted by time; every test interaction is later than every train interaction;
    - ``user_feats`` (n_users, user_feat_dim) and ``item_feats`` (n_items, item_feat_dim), float32: noisy
      linear views of the latent factors (items also carry their category), standardised per column;
    - ``item_category`` (n_items,) int64;
    - ground truth, for analysis only: ``user_factors`` (n_users, dim), ``item_factors`` (n_items, dim),
      ``item_bias`` (n_items,) = alpha * b_i.
    """
    rng = np.random.default_rng(seed)
    centroids = rng.normal(size=(n_categories, dim))
    category = rng.integers(n_categories, size=n_items)
    item_factors = centroids[category] + 0.7 * rng.normal(size=(n_items, dim))
    item_factors /= np.linalg.norm(item_factors, axis=1, keepdims=True)
    user_factors = centroids[rng.integers(n_categories, size=n_users)] + 1.0 * rng.normal(size=(n_users, dim))
    user_factors /= np.linalg.norm(user_factors, axis=1, keepdims=True)
    popularity_rank = rng.permutation(n_items) + 1
    item_bias = -alpha * np.log(popularity_rank)

    utility = sharpness * user_factors @ item_factors.T + item_bias
    n_per_user = np.clip(np.round(rng.lognormal(np.log(mean_per_user), 0.5, size=n_users)), 5, n_items // 4)
    n_per_user = n_per_user.astype(int)
    gumbel = utility + rng.gumbel(size=utility.shape)
    order = np.argsort(-gumbel, axis=1)
    users = np.repeat(np.arange(n_users), n_per_user)
    items = np.concatenate([order[u, :n] for u, n in enumerate(n_per_user)])
    timestamps = rng.random(len(users))
    cutoff = np.quantile(timestamps, 1.0 - test_fraction)
    frame = pd.DataFrame({"user_id": users.astype(np.int64), "item_id": items.astype(np.int64),
                          "timestamp": timestamps})
    frame = frame.sort_values("timestamp", kind="stable").reset_index(drop=True)
    train = frame[frame.timestamp <= cutoff].reset_index(drop=True)
    test = frame[frame.timestamp > cutoff].reset_index(drop=True)

    def view(factors, out_dim, extra=None):
        projection = rng.normal(size=(factors.shape[1], out_dim)) / np.sqrt(factors.shape[1])
        feats = factors @ projection + feature_noise * rng.normal(size=(len(factors), out_dim)) / np.sqrt(out_dim)
        if extra is not None:
            feats = np.hstack([feats, extra])
        return ((feats - feats.mean(0)) / (feats.std(0) + 1e-9)).astype(np.float32)

    user_feats = view(user_factors, user_feat_dim)
    n_dense = max(item_feat_dim - 4, 1)
    category_code = centroids[category] @ rng.normal(size=(dim, item_feat_dim - n_dense))  # category embedding
    item_feats = view(item_factors, n_dense, extra=category_code)
    return {
        "train": train,
        "test": test,
        "user_feats": user_feats,
        "item_feats": item_feats,
        "item_category": category.astype(np.int64),
        "user_factors": user_factors,
        "item_factors": item_factors,
        "item_bias": item_bias,
    }


RANKING_FEATURES = ["retrieval_score", "item_log_pop", "user_log_activity", "item_freshness"]


def make_ranking_candidates(n_users: int = 1000, n_candidates: int = 50, n_items: int = 3000,
                            test_fraction: float = 0.3, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Candidate lists of a retrieval stage, with click labels, split by user into train and test.

    Each user has exactly `n_candidates` rows (distinct items). Columns: ``user_id``, ``item_id``,
    ``retrieval_score`` (the retrieval model's dot product: a noisy view of the true affinity),
    ``item_log_pop`` (log of the item's past impressions), ``user_log_activity`` (log of the user's past
    sessions), ``item_freshness`` (1 for a brand-new item, decaying to 0 with age), ``label`` (1 = clicked).

    The click model (ground truth, not returned) is logistic in the true affinity, the item's popularity,
    its freshness and a user-activity x popularity cross (heavy users click niche items), so a model that
    sees only `retrieval_score` ranks worse than one that also uses the other features.
    Rows are grouped by user, in generation order; users in `test` do not appear in `train`.
    """
    rng = np.random.default_rng(seed)
    item_log_pop = rng.normal(0.0, 1.0, size=n_items)
    item_freshness = np.exp(-rng.exponential(2.0, size=n_items))
    user_log_activity = rng.normal(0.0, 1.0, size=n_users)
    users = np.repeat(np.arange(n_users), n_candidates)
    items = np.concatenate([rng.choice(n_items, size=n_candidates, replace=False) for _ in range(n_users)])
    affinity = rng.normal(size=len(users))
    retrieval_score = affinity + 0.7 * rng.normal(size=len(users))
    pop, act, fresh = item_log_pop[items], user_log_activity[users], item_freshness[items]
    logit = 1.0 * affinity + 0.8 * pop - 1.2 * act * pop + 1.5 * fresh - 2.5
    label = (rng.random(len(users)) < 1.0 / (1.0 + np.exp(-logit))).astype(np.int64)
    frame = pd.DataFrame({
        "user_id": users.astype(np.int64), "item_id": items.astype(np.int64),
        "retrieval_score": retrieval_score, "item_log_pop": pop, "user_log_activity": act,
        "item_freshness": fresh, "label": label,
    })
    test_users = rng.permutation(n_users)[: int(round(test_fraction * n_users))]
    is_test = frame.user_id.isin(test_users)
    return frame[~is_test].reset_index(drop=True), frame[is_test].reset_index(drop=True)


def clustered_vectors(n: int = 50_000, dim: int = 32, n_queries: int = 1000, n_clusters: int = 200,
                      spread: float = 0.6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """An embedding-like catalogue for ANN experiments: `n` float32 vectors around `n_clusters` centres with
    norms varying in [0.5, 1.5] (maximum inner product search is not cosine search), and `n_queries` queries
    drawn from the same clusters. Returns (items (n, dim), queries (n_queries, dim)), both C-contiguous float32."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_clusters, dim))
    items = centres[rng.integers(n_clusters, size=n)] + spread * rng.normal(size=(n, dim))
    items *= rng.uniform(0.5, 1.5, size=(n, 1))
    queries = centres[rng.integers(n_clusters, size=n_queries)] + spread * rng.normal(size=(n_queries, dim))
    return np.ascontiguousarray(items, dtype=np.float32), np.ascontiguousarray(queries, dtype=np.float32)
