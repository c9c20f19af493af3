"""Plausible wrong implementations (MUTANTS) and other correct ones (ALTERNATIVES) of mlsd_009_feature_stores."""

from course.submissions import Alternative, Mutant

PIT_PYTHON_LOOP = '''def point_in_time_join(entity_df, view):
    """Correct results, but a Python loop over entity rows (a dict of per-entity histories + searchsorted)."""
    keys, ts, created, feats = list(view.entities), view.timestamp_field, view.created_timestamp_column, list(view.features)
    src = view.source.sort_values([ts] + ([created] if created else []), kind="stable")
    history = {}
    for key, group in src.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        history[tuple(int(k) for k in key)] = (group[ts].to_numpy(), group[feats].to_numpy(dtype=float))
    ttl = None if view.ttl is None else view.ttl.to_timedelta64()
    out_values = np.full((len(entity_df), len(feats)), np.nan)
    key_rows = entity_df[keys].to_numpy()
    times = entity_df[ENTITY_TS].to_numpy()
    for i in range(len(entity_df)):
        found = history.get(tuple(int(k) for k in key_rows[i]))
        if found is None:
            continue
        j = np.searchsorted(found[0], times[i], side="right") - 1
        if j < 0 or (ttl is not None and not found[0][j] > times[i] - ttl):
            continue
        out_values[i] = found[1][j]
    out = entity_df.copy()
    for c, f in enumerate(feats):
        out[f] = out_values[:, c]
    return out
'''

IN_MEMORY_STORE = '''class SQLiteOnlineStore:
    """Serves correct values, but keeps them in a dict: nothing reaches the SQLite file."""

    def __init__(self, path):
        self.path = str(path)
        self.rows = {}

    def materialize(self, view, start, end):
        keys, ts, created = list(view.entities), view.timestamp_field, view.created_timestamp_column
        src = view.source
        window = src[(src[ts] >= pd.Timestamp(start)) & (src[ts] < pd.Timestamp(end))]
        latest = window.sort_values([ts] + ([created] if created else []), kind="stable").drop_duplicates(keys, keep="last")
        table = self.rows.setdefault(view.name, {})
        for _, row in latest.iterrows():
            key = tuple(int(row[k]) for k in keys)
            version = (row[ts], row[created] if created else row[ts])
            if key not in table or table[key][0] < version:
                table[key] = (version, [float(row[f]) for f in view.features])

    def get_online_features(self, view, entity_ids, now):
        keys, feats = list(view.entities), list(view.features)
        table = self.rows.get(view.name, {})
        values = np.full((len(entity_ids), len(feats)), np.nan)
        for i, key in enumerate(entity_ids[keys].to_numpy()):
            found = table.get(tuple(int(k) for k in key))
            if found is None or (view.ttl is not None and found[0][0] <= pd.Timestamp(now) - view.ttl):
                continue
            values[i] = found[1]
        out = entity_ids[keys].copy()
        for j, f in enumerate(feats):
            out[f] = values[:, j]
        return out
'''

MUTANTS = [
    # Exercise 1: point_in_time_join
    Mutant("pit_ignores_created_timestamp", cell="point_in_time_join",
           replace={"""    if created is not None:
        order = np.lexsort((src[created].to_numpy(), src[ts].to_numpy()))
    else:
        order = np.argsort(src[ts].to_numpy(), kind="stable")""": """    order = np.argsort(src[ts].to_numpy(), kind="stable")"""},
           loses=["point_in_time_join_visible", "point_in_time_join_bruteforce", "point_in_time_join_edge_cases"],
           why="duplicate event times resolved by source order instead of the latest created timestamp"),
    Mutant("pit_ttl_boundary_inclusive", cell="point_in_time_join",
           replace={'merged["__feature_ts"] > merged["__on"] - view.ttl': 'merged["__feature_ts"] >= merged["__on"] - view.ttl'},
           loses=["point_in_time_join_edge_cases"], why="keeps a value that is exactly ttl old (>= instead of >)"),
    Mutant("pit_strictly_before", cell="point_in_time_join",
           replace={"allow_exact_matches=True": "allow_exact_matches=False"},
           loses=["point_in_time_join_visible", "point_in_time_join_bruteforce", "point_in_time_join_edge_cases"],
           why="feature_ts < event_timestamp: drops values written at the same instant"),
    Mutant("pit_nearest_leaks_future", cell="point_in_time_join",
           replace={'by=keys, direction="backward"': 'by=keys, direction="nearest"'},
           loses=["point_in_time_join_visible", "point_in_time_join_bruteforce", "point_in_time_join_edge_cases"],
           why="nearest row in time: leaks values from the future"),
    Mutant("pit_first_key_only", cell="point_in_time_join",
           replace={"on=\"__on\", by=keys,": "on=\"__on\", by=keys[:1],"},
           loses=["point_in_time_join_bruteforce", "point_in_time_join_edge_cases"],
           why="joins on the first entity key only when a view has several"),
    Mutant("pit_sorted_order_returned", cell="point_in_time_join",
           replace={"result[left_order] = values": "result[:] = values"},
           loses=["point_in_time_join_visible", "point_in_time_join_bruteforce", "point_in_time_join_edge_cases"],
           why="returns the values in merge_asof's time order, not the caller's row order"),
    Mutant("pit_python_loop", cell="point_in_time_join", source=PIT_PYTHON_LOOP,
           loses=["point_in_time_join_speed"], why="correct, but a per-row Python loop"),
    # Exercise 2: get_historical_features
    Mutant("ghf_single_underscore", cell="get_historical_features",
           replace={'f"{view.name}__{f}" if full_feature_names': 'f"{view.name}_{f}" if full_feature_names'},
           loses=["get_historical_features_visible", "get_historical_features_multi_view"],
           why="names columns view_feature instead of Feast's view__feature"),
    Mutant("ghf_ignores_full_feature_names", cell="get_historical_features",
           replace={'column = f"{view.name}__{f}" if full_feature_names else f': 'column = f"{view.name}__{f}"'},
           loses=["get_historical_features_multi_view"], why="always prefixes, even with full_feature_names=False"),
    Mutant("ghf_no_collision_check", cell="get_historical_features",
           replace={"""    if not full_feature_names and len(set(names)) != len(names):
        raise ValueError("two views share a feature name; use full_feature_names=True")
""": ""},
           loses=["get_historical_features_visible", "get_historical_features_multi_view"],
           why="silently overwrites a feature when two views share its name"),
    Mutant("ghf_first_views_ttl_for_all", cell="get_historical_features",
           replace={"joined = point_in_time_join(entity_df, view)":
                    "joined = point_in_time_join(entity_df, __import__('dataclasses').replace(view, ttl=views[0].ttl))"},
           loses=["get_historical_features_visible", "get_historical_features_multi_view"],
           why="applies one TTL to every view"),
    # Exercise 3: leakage_experiment
    Mutant("leak_naive_is_point_in_time", cell="leakage_experiment",
           replace={'naive = labels[keys].merge(latest[keys + feats], on=keys, how="left")':
                    "naive = point_in_time_join(labels, view)"},
           loses=["leakage_experiment_visible", "leakage_experiment_auc"], why="the naive arm does not reproduce the leak"),
    Mutant("leak_holdout_with_training_join", cell="leakage_experiment",
           replace={"model.predict_proba(x_serving[hold])": "model.predict_proba(x[hold])"},
           loses=["leakage_experiment_auc"], why="scores the future holdout with the leaky join instead of serving features"),
    Mutant("leak_naive_latest_overall", cell="leakage_experiment",
           replace={'known = view.source[view.source[ts] <= data["build_time"]]': "known = view.source"},
           loses=["leakage_experiment_auc"], why="the naive join ignores when the training set is built"),
    Mutant("leak_offline_auc_on_train_rows", cell="leakage_experiment",
           replace={"roc_auc_score(y[valid], model.predict_proba(x[valid])[:, 1])":
                    "roc_auc_score(y[train], model.predict_proba(x[train])[:, 1])"},
           loses=["leakage_experiment_auc"], why="reports training AUC as offline validation"),
    # Exercise 4: SQLiteOnlineStore
    Mutant("store_never_commits", cell="online_store",
           replace={"        self.conn.commit()\n": ""},
           loses=["online_store_incremental"], why="forgets to commit: a restarted server sees nothing"),
    Mutant("store_overwrites_newer", cell="online_store",
           replace={'f"WHERE (excluded.event_ts, excluded.created_ts) > ({table}.event_ts, {table}.created_ts)"': '""'},
           loses=["online_store_incremental"], why="an old window replaces newer values (not monotone)"),
    Mutant("store_ignores_ttl", cell="online_store",
           replace={"if row is None or (oldest is not None and row[0] <= oldest):": "if row is None:"},
           loses=["online_store_visible", "online_store_consistency"], why="serves stale values past the TTL"),
    Mutant("store_window_includes_end", cell="online_store",
           replace={"(src[ts] < pd.Timestamp(end))": "(src[ts] <= pd.Timestamp(end))"},
           loses=["online_store_incremental"], why="materializes [start, end] instead of [start, end)"),
    Mutant("store_ignores_created_timestamp", cell="online_store",
           replace={'window.sort_values([ts] + ([created] if created else []), kind="stable")':
                    'window.sort_values([ts], kind="stable")'},
           loses=["online_store_consistency", "online_store_incremental"],
           why="latest row per entity chosen by event time only (source order on ties)"),
    Mutant("store_in_memory_dict", cell="online_store", source=IN_MEMORY_STORE,
           loses=["online_store_visible", "online_store_incremental"], why="a dict instead of the SQLite file"),
    # Exercise 5: StreamingWindowAggregator
    Mutant("stream_per_entity_watermark", cell="streaming_aggregator",
           replace={"        self._values = {}   # entity -> values, aligned with _times\n":
                    "        self._values = {}   # entity -> values, aligned with _times\n        self._wm = {}\n",
                    "if ts < self.watermark - self.allowed_lateness:":
                    "if ts < self._wm.get(entity, float('-inf')) - self.allowed_lateness:",
                    "        self.watermark = max(self.watermark, ts)\n":
                    "        self.watermark = max(self.watermark, ts)\n        self._wm[entity] = max(self._wm.get(entity, float('-inf')), ts)\n"},
           loses=["streaming_aggregator_batch", "streaming_aggregator_watermark"], why="one watermark per entity instead of per stream"),
    Mutant("stream_drops_at_the_limit", cell="streaming_aggregator",
           replace={"if ts < self.watermark - self.allowed_lateness:": "if ts <= self.watermark - self.allowed_lateness:"},
           loses=["streaming_aggregator_batch", "streaming_aggregator_watermark"], why="drops events exactly at watermark - lateness"),
    Mutant("stream_window_closed_left", cell="streaming_aggregator",
           replace={"lo = bisect.bisect_right(times, at - self.window)": "lo = bisect.bisect_left(times, at - self.window)"},
           loses=["streaming_aggregator_visible", "streaming_aggregator_batch", "streaming_aggregator_watermark"],
           why="window [at - w, at] instead of (at - w, at]"),
    Mutant("stream_never_drops", cell="streaming_aggregator",
           replace={"if ts < self.watermark - self.allowed_lateness:": "if False:"},
           loses=["streaming_aggregator_visible", "streaming_aggregator_batch", "streaming_aggregator_watermark"],
           why="accepts every late event"),
    Mutant("stream_watermark_last_seen", cell="streaming_aggregator",
           replace={"self.watermark = max(self.watermark, ts)": "self.watermark = ts"},
           loses=["streaming_aggregator_visible", "streaming_aggregator_batch", "streaming_aggregator_watermark"],
           why="watermark = last event time instead of the maximum: late events move it back"),
    # Exercise 6: training_serving_skew
    Mutant("skew_nan_comparisons_match", cell="training_serving_skew",
           replace={"match = (on_nan & off_nan) | (~on_nan & ~off_nan & close)":
                    "match = ~(np.abs(online - offline) > rtol * np.abs(offline))"},
           loses=["training_serving_skew_exact"], why="NaN compares False, so a missing online value counts as a match"),
    Mutant("skew_both_nan_mismatch", cell="training_serving_skew",
           replace={"match = (on_nan & off_nan) | (~on_nan & ~off_nan & close)": "match = close"},
           loses=["training_serving_skew_visible", "training_serving_skew_exact"], why="NaN on both sides counted as a mismatch"),
    Mutant("skew_positional", cell="training_serving_skew",
           replace={"""    both = online_log[keys + features].merge(offline_df[keys + features], on=keys, how="inner",
                                             suffixes=("__online", "__offline"))""":
                    """    both = online_log[keys + features].reset_index(drop=True).join(
        offline_df[features].reset_index(drop=True), how="inner", lsuffix="__online", rsuffix="__offline")"""},
           loses=["training_serving_skew_visible", "training_serving_skew_exact"], why="compares rows by position, not by key"),
    Mutant("skew_absolute_tolerance", cell="training_serving_skew",
           replace={"close = np.abs(online - offline) <= rtol * np.abs(offline)": "close = np.abs(online - offline) <= rtol"},
           loses=["training_serving_skew_exact"], why="absolute instead of relative tolerance"),
    Mutant("skew_rate_over_all_logged", cell="training_serving_skew",
           replace={"bad / n if n else": "bad / len(online_log) if n else"},
           loses=["training_serving_skew_exact"], why="divides by every logged request, not the matched ones"),
]

ALTERNATIVES = [
    Alternative("pit_numpy_searchsorted", cell="point_in_time_join", source='''def point_in_time_join(entity_df, view):
    keys, ts, created, feats = list(view.entities), view.timestamp_field, view.created_timestamp_column, list(view.features)
    src = view.source
    n_src = len(src)
    # one integer code per entity (over both frames), then search within (code, time) order
    both_keys = pd.concat([src[keys], entity_df[keys]], ignore_index=True)
    codes = both_keys.groupby(keys, sort=False).ngroup().to_numpy()
    src_code, ent_code = codes[:n_src], codes[n_src:]
    src_t = src[ts].to_numpy().astype("datetime64[ns]").astype(np.int64)
    ent_t = entity_df[ENTITY_TS].to_numpy().astype("datetime64[ns]").astype(np.int64)
    tie = src[created].to_numpy().astype("datetime64[ns]").astype(np.int64) if created else np.zeros(n_src, np.int64)
    order = np.lexsort((tie, src_t, src_code))
    s_code, s_t = src_code[order], src_t[order]
    s_vals = src[feats].to_numpy(dtype=float)[order]
    # dense time ranks shared by both frames keep the composite key inside int64
    all_t = np.unique(np.concatenate([src_t, ent_t]))
    span = len(all_t) + 1
    s_comp = s_code.astype(np.int64) * span + np.searchsorted(all_t, s_t)
    e_comp = ent_code.astype(np.int64) * span + np.searchsorted(all_t, ent_t)
    pos = np.searchsorted(s_comp, e_comp, side="right") - 1
    ok = pos >= 0
    safe = np.where(ok, pos, 0)
    ok &= s_code[safe] == ent_code
    if view.ttl is not None:
        ok &= s_t[safe] > ent_t - view.ttl.value
    values = np.where(ok[:, None], s_vals[safe], np.nan) if n_src else np.full((len(entity_df), len(feats)), np.nan)
    out = entity_df.copy()
    for j, f in enumerate(feats):
        out[f] = values[:, j]
    return out
'''),
    Alternative("pit_dedupe_then_merge_asof", cell="point_in_time_join", source='''def point_in_time_join(entity_df, view):
    keys, ts, created, feats = list(view.entities), view.timestamp_field, view.created_timestamp_column, list(view.features)
    right = view.source[keys + [ts] + ([created] if created else []) + feats]
    if created:
        right = right.sort_values([ts, created]).drop_duplicates(keys + [ts], keep="last")
    right = right.rename(columns={ts: "_fts"}).sort_values("_fts")
    right["_fts"] = right["_fts"].astype(entity_df[ENTITY_TS].dtype)
    left = entity_df[keys + [ENTITY_TS]].reset_index(drop=True)
    left["_pos"] = np.arange(len(left))
    left = left.sort_values(ENTITY_TS)
    merged = pd.merge_asof(left, right[keys + ["_fts"] + feats], left_on=ENTITY_TS, right_on="_fts", by=keys)
    if view.ttl is not None:
        expired = merged["_fts"] <= merged[ENTITY_TS] - view.ttl
        merged.loc[expired, feats] = np.nan
    merged = merged.sort_values("_pos")
    out = entity_df.copy()
    for f in feats:
        out[f] = merged[f].to_numpy(dtype=float)
    return out
'''),
    Alternative("ghf_concat_frames", cell="get_historical_features", source='''def get_historical_features(entity_df, views, full_feature_names=True):
    parts, seen = [], set()
    for view in views:
        joined = point_in_time_join(entity_df, view)[list(view.features)]
        if not full_feature_names:
            if seen & set(view.features):
                raise ValueError("duplicate feature names across views")
            seen |= set(view.features)
        else:
            joined = joined.rename(columns=lambda f, v=view: f"{v.name}__{f}")
        parts.append(joined)
    return pd.concat([entity_df] + parts, axis=1)
'''),
    Alternative("leak_merge_asof_and_manual_scaling", cell="leakage_experiment", source='''from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def leakage_experiment(data):
    view, labels, feats = data["view"], data["labels"], list(data["features"])
    # naive: every row looks up the feature table as of build_time, via an as-of join at a constant time
    asof = labels[["customer_id"]].copy()
    asof["t"] = pd.Timestamp(data["build_time"]).as_unit("ns")
    right = view.source.sort_values([view.timestamp_field, view.created_timestamp_column])
    right = right[["customer_id", view.timestamp_field] + feats].rename(columns={view.timestamp_field: "t"})
    naive = pd.merge_asof(asof.reset_index().sort_values("t"), right.sort_values("t", kind="stable"),
                          on="t", by="customer_id").set_index("index").sort_index()
    pit = point_in_time_join(labels, view)
    y = labels["churned"].to_numpy()
    masks = {s: (labels["split"] == s).to_numpy() for s in ("train", "valid", "holdout")}
    serving = pit[feats].fillna(0.0).to_numpy(dtype=float)
    result = {}
    for name, frame in (("naive", naive), ("pit", pit)):
        x = frame[feats].fillna(0.0).to_numpy(dtype=float)
        mu, sd = x[masks["train"]].mean(axis=0), x[masks["train"]].std(axis=0)
        sd = np.where(sd > 0, sd, 1.0)
        clf = LogisticRegression(max_iter=1000).fit((x[masks["train"]] - mu) / sd, y[masks["train"]])
        result[name + "_offline_auc"] = float(roc_auc_score(y[masks["valid"]], clf.decision_function((x[masks["valid"]] - mu) / sd)))
        result[name + "_holdout_auc"] = float(roc_auc_score(y[masks["holdout"]], clf.decision_function((serving[masks["holdout"]] - mu) / sd)))
    return result
'''),
    Alternative("store_iso_strings_read_modify_write", cell="online_store", source='''class SQLiteOnlineStore:
    def __init__(self, path):
        self.path = str(path)

    def _connect(self):
        return sqlite3.connect(self.path)

    def materialize(self, view, start, end):
        keys, ts, created = list(view.entities), view.timestamp_field, view.created_timestamp_column
        src = view.source
        rows = src[(src[ts] >= start) & (src[ts] < end)]
        with self._connect() as con:
            con.execute(f"CREATE TABLE IF NOT EXISTS store_{view.name} (entity TEXT PRIMARY KEY, version TEXT, payload TEXT)")
            for _, r in rows.iterrows():
                entity = "|".join(str(int(r[k])) for k in keys)
                c = r[created] if created else r[ts]
                version = pd.Timestamp(r[ts]).isoformat() + "/" + pd.Timestamp(c).isoformat()
                stored = con.execute(f"SELECT version FROM store_{view.name} WHERE entity = ?", (entity,)).fetchone()
                if stored is None or (pd.Timestamp(stored[0].split("/")[0]), pd.Timestamp(stored[0].split("/")[1])) < (pd.Timestamp(r[ts]), pd.Timestamp(c)):
                    payload = ",".join(repr(float(r[f])) for f in view.features)
                    con.execute(f"INSERT OR REPLACE INTO store_{view.name} VALUES (?, ?, ?)", (entity, version, payload))

    def get_online_features(self, view, entity_ids, now):
        keys, feats = list(view.entities), list(view.features)
        wanted = ["|".join(str(int(v)) for v in row) for row in entity_ids[keys].to_numpy()]
        with self._connect() as con:
            con.execute(f"CREATE TABLE IF NOT EXISTS store_{view.name} (entity TEXT PRIMARY KEY, version TEXT, payload TEXT)")
            marks = ",".join("?" * len(set(wanted))) or "NULL"
            found = dict((e, (v, p)) for e, v, p in con.execute(
                f"SELECT entity, version, payload FROM store_{view.name} WHERE entity IN ({marks})", sorted(set(wanted))))
        out = entity_ids[keys].copy()
        table = []
        for e in wanted:
            hit = found.get(e)
            fresh = hit is not None and (view.ttl is None or pd.Timestamp(hit[0].split("/")[0]) > pd.Timestamp(now) - view.ttl)
            table.append([float(x) for x in hit[1].split(",")] if fresh else [np.nan] * len(feats))
        table = np.array(table, dtype=float).reshape(len(wanted), len(feats))
        for j, f in enumerate(feats):
            out[f] = table[:, j]
        return out
'''),
    Alternative("stream_event_lists_numpy", cell="streaming_aggregator", source='''class StreamingWindowAggregator:
    def __init__(self, window, allowed_lateness):
        self.window, self.allowed_lateness = window, allowed_lateness
        self.watermark = -np.inf
        self.dropped = 0
        self.events = {}

    def process(self, entity, ts, value):
        if ts + self.allowed_lateness < self.watermark:
            self.dropped += 1
            return False
        self.events.setdefault(entity, []).append((ts, value))
        if ts > self.watermark:
            self.watermark = ts
        return True

    def aggregate(self, entity, at):
        ev = np.array(self.events.get(entity, []), dtype=float).reshape(-1, 2)
        inside = (ev[:, 0] > at - self.window) & (ev[:, 0] <= at)
        n = int(inside.sum())
        s = float(ev[inside, 1].sum())
        return {"count": n, "sum": s, "mean": s / n if n > 0 else np.nan}
'''),
    Alternative("skew_indexed_align", cell="training_serving_skew", source='''def training_serving_skew(online_log, offline_df, keys, features, rtol):
    on = online_log.set_index(list(keys))[list(features)]
    off = offline_df.set_index(list(keys))[list(features)]
    common = on.index.intersection(off.index)
    on, off = on.loc[common], off.loc[common]
    result = {}
    for f in features:
        a, b = on[f].astype(float), off[f].astype(float)
        same = (a.isna() & b.isna()) | ((a - b).abs() <= rtol * b.abs())
        result[f] = {"n": len(common), "mismatches": int((~same).sum())}
    out = pd.DataFrame.from_dict(result, orient="index")
    out.index.name = "feature"
    out["mismatch_rate"] = out["mismatches"] / out["n"].where(out["n"] > 0)
    return out.astype({"n": int, "mismatches": int, "mismatch_rate": float})
'''),
]
