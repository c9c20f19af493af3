"""Plausible wrong implementations (must lose points) and other correct ones (must get full marks)."""

from course.submissions import Alternative, Mutant


def _sqlite_store(doc, version_id):
    """A DataVersionStore kept in one SQLite file; `version_id` is the code that sets `vid` from `df` and `blob`."""
    return _SQLITE_STORE.replace("__DOC__", f'    """{doc}"""\n').replace("__VERSION_ID__", version_id)


_SQLITE_STORE = '''import pickle
import sqlite3


class DataVersionStore:
__DOC__
    def __init__(self, root):
        os.makedirs(root, exist_ok=True)
        self.db = os.path.join(root, "store.sqlite")
        con = sqlite3.connect(self.db)
        con.execute("CREATE TABLE IF NOT EXISTS objects (id TEXT PRIMARY KEY, blob BLOB)")
        con.execute("CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT, msg TEXT, t REAL)")
        con.commit()
        con.close()

    def commit(self, df, message):
        if not isinstance(df, pd.DataFrame):
            raise TypeError("expected a DataFrame")
        blob = pickle.dumps(df, protocol=5)
__VERSION_ID__        con = sqlite3.connect(self.db)
        con.execute("INSERT OR IGNORE INTO objects VALUES (?, ?)", (vid, blob))
        con.execute("INSERT INTO log (id, msg, t) VALUES (?, ?, ?)", (vid, str(message), time.time()))
        con.commit()
        con.close()
        return vid

    def checkout(self, version_id):
        con = sqlite3.connect(self.db)
        row = con.execute("SELECT blob FROM objects WHERE id = ?", (version_id,)).fetchone()
        con.close()
        if row is None:
            raise KeyError(version_id)
        return pickle.loads(row[0])

    def log(self):
        con = sqlite3.connect(self.db)
        rows = con.execute("SELECT id, msg, t FROM log ORDER BY seq").fetchall()
        con.close()
        return [tuple(r) for r in rows]
'''


MUTANTS = [
    # dataset_fingerprint
    Mutant("fp_rows_not_sorted", cell="dataset_fingerprint",
           replace={"h.update(np.sort(row_hashes).tobytes())": "h.update(row_hashes.tobytes())"},
           loses=["dataset_fingerprint_visible", "dataset_fingerprint_properties", "dataset_fingerprint_multiset"],
           why="hashes rows in their current order: shuffling the rows changes the fingerprint"),
    Mutant("fp_ignores_dtypes", cell="dataset_fingerprint",
           replace={"h.update(json.dumps([[repr(c), str(frame[c].dtype)] for c in columns]).encode())":
                    "h.update(json.dumps([repr(c) for c in columns]).encode())"},
           loses=["dataset_fingerprint_properties", "dataset_fingerprint_multiset"],
           why="schema without dtypes: hash_pandas_object hashes int32 1 like int64 1 and str like category"),
    Mutant("fp_xor_of_rows", cell="dataset_fingerprint",
           replace={"h.update(np.sort(row_hashes).tobytes())":
                    "h.update(np.bitwise_xor.reduce(row_hashes, initial=np.uint64(0)).tobytes())"},
           loses=["dataset_fingerprint_multiset"],
           why="XOR of row hashes is order-free but cancels pairs of duplicate rows"),
    Mutant("fp_ignores_column_names", cell="dataset_fingerprint",
           replace={"h.update(json.dumps([[repr(c), str(frame[c].dtype)] for c in columns]).encode())":
                    "h.update(json.dumps([str(frame[c].dtype) for c in columns]).encode())"},
           loses=["dataset_fingerprint_properties"],
           why="forgets the column names: a renamed column keeps the fingerprint"),
    Mutant("fp_columns_hashed_separately", cell="dataset_fingerprint",
           replace={"    row_hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()\n"
                    "    h.update(np.sort(row_hashes).tobytes())\n":
                    "    for c in columns:\n"
                    "        h.update(np.sort(pd.util.hash_pandas_object(frame[c], index=False).to_numpy()).tobytes())\n"},
           loses=["dataset_fingerprint_multiset"],
           why="sorts each column on its own: values moving between rows go unnoticed"),
    # DataVersionStore
    Mutant("dvs_order_insensitive_id", cell="data_version_store",
           replace={"h.update(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())":
                    "h.update(np.sort(pd.util.hash_pandas_object(df, index=False).to_numpy()).tobytes())"},
           loses=["data_version_store_roundtrip"],
           why="addresses content by an order-insensitive fingerprint: a shuffled commit checks out the old order"),
    Mutant("dvs_in_memory", cell="data_version_store",
           source='''class DataVersionStore:
    """Keeps the committed frames (not copies) in a dict of this object: nothing on disk."""

    def __init__(self, root):
        self.root = root
        self.objects, self.entries = {}, []

    def commit(self, df, message):
        version = hashlib.sha256(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes()
                                 + str(list(df.dtypes.astype(str)) + list(map(repr, df.columns))).encode()).hexdigest()
        self.objects.setdefault(version, df)
        self.entries.append((version, str(message), time.time()))
        return version

    def checkout(self, version_id):
        return self.objects[version_id]

    def log(self):
        return list(self.entries)
'''
           , loses=["data_version_store_roundtrip", "data_version_store_dedup_persist"],
           why="stores references in memory: later edits by the caller leak in, and a reopened store is empty"),
    Mutant("dvs_random_ids", cell="data_version_store",
           replace={"        version = h.hexdigest()\n": "        version = __import__('uuid').uuid4().hex\n"},
           loses=["data_version_store_visible", "data_version_store_dedup_persist"],
           why="a fresh id per commit: no content addressing, the same data is stored again"),
    Mutant("dvs_csv_storage", cell="data_version_store",
           replace={"df.to_pickle(tmp)": "df.to_csv(tmp)",
                    "return pd.read_pickle(target)": "return pd.read_csv(target, index_col=0)"},
           loses=["data_version_store_visible", "data_version_store_roundtrip"],
           why="CSV loses dtypes (datetime, category, int32, bool) on the way back"),
    Mutant("dvs_pickle_bytes_id", cell="data_version_store", source=_sqlite_store(
               "Objects and log in SQLite; the id hashes pickle bytes, which differ between equal frames (df vs df.copy()).",
               version_id='''        vid = hashlib.sha256(blob).hexdigest()
'''), loses=["data_version_store_visible"],
           why="pickle bytes are not a canonical form: equal content gets different ids"),
    # train_and_log
    Mutant("tal_steps_from_one", cell="train_and_log",
           replace={"}, step=epoch)": "}, step=epoch + 1)"},
           loses=["train_and_log_readback"], why="per-epoch metrics logged at step 1..epochs"),
    Mutant("tal_run_not_ended", cell="train_and_log",
           replace={"    with mlflow.start_run() as run:\n": "    run = mlflow.start_run()\n    if True:\n"},
           loses=["train_and_log_visible", "train_and_log_readback"],
           why="starts a run without ending it: status stays RUNNING and the next run cannot start"),
    Mutant("tal_label_leaks_into_features", cell="train_and_log",
           replace={"features = [c for c in df.columns if c != \"label\"]": "features = list(df.columns)"},
           loses=["train_and_log_readback"], why="the target is among the features (leakage)"),
    Mutant("tal_val_metric_on_train_rows", cell="train_and_log",
           replace={"accuracy_score(y_val, model.predict(x_val))": "accuracy_score(y_train, model.predict(x_train))"},
           loses=["train_and_log_readback"], why="reports training accuracy as validation accuracy"),
    Mutant("tal_no_fingerprint_tag", cell="train_and_log",
           replace={"        mlflow.set_tag(\"data_fingerprint\", dataset_fingerprint(df))\n": ""},
           loses=["train_and_log_visible", "train_and_log_readback"], why="no data lineage on the run"),
    # best_run
    Mutant("br_ascending", cell="best_run",
           replace={"DESC": "ASC"}, loses=["best_run_visible", "best_run_rules"], why="returns the worst run"),
    Mutant("br_any_status", cell="best_run",
           replace={"filter_string=\"attributes.status = 'FINISHED'\",": ""},
           loses=["best_run_rules"], why="a FAILED run can win"),
    Mutant("br_max_over_history", cell="best_run",
           source='''def best_run(tracking_uri, experiment, metric):
    """Ranks runs by the best value they ever logged instead of their last one."""
    client = MlflowClient(tracking_uri=tracking_uri)
    exp = client.get_experiment_by_name(experiment)
    if exp is None:
        raise ValueError(experiment)
    best, best_value = None, -np.inf
    for r in client.search_runs([exp.experiment_id], filter_string="attributes.status = 'FINISHED'"):
        hist = client.get_metric_history(r.info.run_id, metric)
        if hist and max(m.value for m in hist) > best_value:
            best, best_value = r.info.run_id, max(m.value for m in hist)
    if best is None:
        raise ValueError(metric)
    return best
''', loses=["best_run_rules"], why="a run's metric is its last value, not its peak"),
    Mutant("br_all_experiments", cell="best_run",
           replace={"runs = client.search_runs([exp.experiment_id],":
                    "runs = client.search_runs([e.experiment_id for e in client.search_experiments()],"},
           loses=["best_run_rules"], why="searches every experiment"),
    # ModelRegistry
    Mutant("reg_gate_not_strict", cell="model_registry",
           replace={"if not metrics[self.metric] > held_metrics[self.metric] + min_delta:":
                    "if not metrics[self.metric] >= held_metrics[self.metric] + min_delta:"},
           loses=["model_registry_rules", "model_registry_stateful"],
           why="an equal candidate (even the champion itself) passes the gate"),
    Mutant("reg_ignores_data_version", cell="model_registry",
           replace={"if held_data != data_version:": "if False:"},
           loses=["model_registry_rules", "model_registry_stateful"],
           why="compares metrics measured on different data versions"),
    Mutant("reg_rollback_toggles", cell="model_registry",
           replace={"            con.execute(\"DELETE FROM alias_stack WHERE name = ? AND alias = ? AND seq = ?\",\n"
                    "                        (name, alias, len(stack) - 1))\n":
                    "            con.execute(\"INSERT INTO alias_stack VALUES (?, ?, ?, ?)\", (name, alias, len(stack), stack[-2]))\n"},
           loses=["model_registry_rules", "model_registry_stateful"],
           why="rollback re-promotes the previous version instead of undoing: a second rollback toggles back"),
    Mutant("reg_audit_before_gate_autocommit", cell="model_registry",
           replace={"con = sqlite3.connect(self.path)": "con = sqlite3.connect(self.path, isolation_level=None)",
                    "            current = stack[-1] if stack else None\n":
                    "            current = stack[-1] if stack else None\n"
                    "            self._event(con, name, \"promote\", version, alias, current)\n",
                    "            con.execute(\"INSERT INTO alias_stack VALUES (?, ?, ?, ?)\", (name, alias, len(stack), int(version)))\n"
                    "            self._event(con, name, \"promote\", version, alias, current)\n":
                    "            con.execute(\"INSERT INTO alias_stack VALUES (?, ?, ?, ?)\", (name, alias, len(stack), int(version)))\n"},
           loses=["model_registry_rules", "model_registry_stateful"],
           why="autocommit + writing the audit entry before the gate: rejected promotions leave a trace"),
    Mutant("reg_in_memory", cell="model_registry",
           source='''class ModelRegistry:
    """Right rules, but the state lives in this object's memory: nothing survives a reopen."""

    def __init__(self, path, metric="score"):
        self.path, self.metric = path, metric
        self.versions, self.stacks, self.events = {}, {}, {}

    def register(self, name, run_id, metrics, data_version):
        if self.metric not in metrics:
            raise ValueError(self.metric)
        self.versions.setdefault(name, []).append((dict(metrics), data_version))
        v = len(self.versions[name])
        self.events.setdefault(name, []).append(dict(action="register", version=v, alias=None, previous=None, time=time.time()))
        return v

    def promote(self, name, version, alias="champion", min_delta=0.0):
        if not 1 <= version <= len(self.versions.get(name, [])):
            raise KeyError(version)
        stack = self.stacks.setdefault((name, alias), [])
        m, d = self.versions[name][version - 1]
        if stack:
            hm, hd = self.versions[name][stack[-1] - 1]
            if hd != d or not m[self.metric] > hm[self.metric] + min_delta:
                raise ValueError("gate")
        self.events[name].append(dict(action="promote", version=version, alias=alias,
                                      previous=stack[-1] if stack else None, time=time.time()))
        stack.append(version)

    def rollback(self, name, alias="champion"):
        stack = self.stacks.get((name, alias), [])
        if len(stack) < 2:
            raise ValueError("no previous")
        undone = stack.pop()
        self.events[name].append(dict(action="rollback", version=stack[-1], alias=alias, previous=undone, time=time.time()))
        return stack[-1]

    def resolve(self, name, alias):
        stack = self.stacks.get((name, alias))
        if not stack:
            raise KeyError(alias)
        return stack[-1]

    def history(self, name):
        return list(self.events.get(name, []))
''', loses=["model_registry_stateful", "model_registry_sqlite"], why="state not persisted in SQLite"),
    # Pipeline
    Mutant("pipe_key_without_inputs", cell="pipeline",
           replace={"[keys[d] for d in deps]]).encode()).hexdigest()": "[]]).encode()).hexdigest()"},
           loses=["pipeline_cache"], why="descendants of an edited step are cache hits with stale inputs"),
    Mutant("pipe_bytecode_only", cell="pipeline",
           replace={"            return inspect.getsource(fn)\n": "            return fn.__code__.co_code.hex()\n"},
           loses=["pipeline_cache"], why="co_code alone misses edits of constants (x % 2 -> x % 3)"),
    Mutant("pipe_key_on_object_id", cell="pipeline",
           replace={"[name, self._code(fn),": "[name, str(id(fn)),"},
           loses=["pipeline_cache"], why="an identical function re-added is a miss"),
    Mutant("pipe_insertion_order", cell="pipeline",
           replace={"        order = self._order()\n": "        self._order()\n        order = list(self._steps)\n"},
           loses=["pipeline_visible", "pipeline_cache"], why="runs steps in the order they were added"),
    Mutant("pipe_no_cycle_detection", cell="pipeline",
           replace={"            if state.get(name) == \"active\":\n"
                    "                raise ValueError(\"dependency cycle: \" + \" -> \".join(path + [name]))\n": ""},
           loses=["pipeline_errors"], why="a cycle recurses forever (RecursionError) instead of a clear ValueError"),
    # should_promote
    Mutant("sp_unpaired_resampling", cell="should_promote",
           replace={"deltas[b] = metric(y[idx], cand[idx]) - metric(y[idx], champ[idx])":
                    "idx2 = rng.integers(0, n, n)\n"
                    "        deltas[b] = metric(y[idx], cand[idx]) - metric(y[idx2], champ[idx2])"},
           loses=["should_promote_decisions", "should_promote_interval"],
           why="resamples the two models independently: the interval is far too wide for correlated models"),
    Mutant("sp_alpha_not_halved", cell="should_promote",
           replace={"[alpha / 2, 1 - alpha / 2]": "[alpha, 1 - alpha]"},
           loses=["should_promote_interval"], why="a (1 - 2 alpha) interval"),
    Mutant("sp_point_estimate_decides", cell="should_promote",
           replace={"return bool(low > 0), (float(low), float(high))":
                    "return bool(np.mean(deltas) > 0), (float(low), float(high))"},
           loses=["should_promote_decisions"], why="promotes on the mean difference, ignoring the uncertainty"),
    Mutant("sp_without_replacement", cell="should_promote",
           replace={"idx = rng.integers(0, n, n)": "idx = rng.permutation(n)"},
           loses=["should_promote_decisions", "should_promote_interval"],
           why="permutes instead of resampling with replacement: every delta is the observed one"),
    Mutant("sp_hardcoded_accuracy", cell="should_promote",
           replace={"deltas[b] = metric(y[idx], cand[idx]) - metric(y[idx], champ[idx])":
                    "deltas[b] = np.mean(y[idx] == cand[idx]) - np.mean(y[idx] == champ[idx])"},
           loses=["should_promote_decisions"], why="ignores the metric argument"),
]

ALTERNATIVES = [
    Alternative("fp_sorted_row_reprs", cell="dataset_fingerprint", source='''def dataset_fingerprint(df):
    """Sorted sha256 digests of each row's repr, plus the schema."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError("expected a DataFrame")
    if df.columns.has_duplicates:
        raise ValueError("duplicate column names")
    cols = sorted(df.columns, key=str)
    schema = "|".join(f"{c!r}:{df[c].dtype}" for c in cols)
    rows = sorted(hashlib.sha256(repr(row).encode()).hexdigest()
                  for row in df[cols].itertuples(index=False, name=None))
    return hashlib.sha256((schema + "\\n" + "\\n".join(rows)).encode()).hexdigest()
'''),
    Alternative("dvs_sqlite_json_id", cell="data_version_store", source=_sqlite_store(
        "Objects and log in one SQLite file; the id hashes a canonical JSON text of the frame.",
        version_id='''        canonical = json.dumps([list(map(repr, df.columns)), list(map(str, df.dtypes)), str(df.index.dtype),
                                df.to_json(orient="split", date_format="iso", date_unit="ns", double_precision=15)])
        vid = hashlib.sha256(canonical.encode()).hexdigest()
''')),
    Alternative("tal_client_api", cell="train_and_log", source='''import mlflow.sklearn
from sklearn.linear_model import SGDClassifier


def train_and_log(params, df, tracking_uri, experiment):
    """MlflowClient for params/metrics/tags, the fluent API only to log the model; hand-written metrics."""
    client = MlflowClient(tracking_uri=tracking_uri)
    exp = client.get_experiment_by_name(experiment)
    exp_id = exp.experiment_id if exp is not None else client.create_experiment(experiment)
    run_id = client.create_run(exp_id).info.run_id
    for key, value in params.items():
        client.log_param(run_id, key, value)
    client.set_tag(run_id, "data_fingerprint", dataset_fingerprint(df))
    X = df.drop(columns=["label"])
    y = df["label"].to_numpy()
    cut = int(0.8 * len(df))
    model = SGDClassifier(loss="log_loss", learning_rate="constant", eta0=params["lr"],
                          alpha=params["alpha"], random_state=params["seed"])
    for epoch in range(params["epochs"]):
        model.partial_fit(X.iloc[:cut].to_numpy(), y[:cut], classes=[0, 1])
        p = np.clip(model.predict_proba(X.iloc[:cut].to_numpy())[:, 1], 1e-15, 1 - 1e-15)
        loss = -np.mean(y[:cut] * np.log(p) + (1 - y[:cut]) * np.log(1 - p))
        acc = np.mean(model.predict(X.iloc[cut:].to_numpy()) == y[cut:])
        client.log_metric(run_id, "train_loss", float(loss), step=epoch)
        client.log_metric(run_id, "val_accuracy", float(acc), step=epoch)
    mlflow.set_tracking_uri(tracking_uri)
    with mlflow.start_run(run_id=run_id):
        mlflow.sklearn.log_model(model, name="model", pip_requirements=["scikit-learn"])
    return run_id
'''),
    Alternative("br_python_filter", cell="best_run", source='''def best_run(tracking_uri, experiment, metric):
    """All runs of the experiment, filtered and ranked in Python."""
    client = MlflowClient(tracking_uri=tracking_uri)
    exp = client.get_experiment_by_name(experiment)
    if exp is None:
        raise ValueError(f"unknown experiment {experiment!r}")
    candidates = [(r.data.metrics[metric], r.info.run_id) for r in client.search_runs([exp.experiment_id])
                  if r.info.status == "FINISHED" and metric in r.data.metrics]
    if not candidates:
        raise ValueError("no qualifying run")
    return max(candidates)[1]
'''),
    Alternative("reg_event_sourced", cell="model_registry", source='''import sqlite3


class ModelRegistry:
    """Event sourcing: one versions table and one append-only events table; alias state is replayed."""

    def __init__(self, path, metric="score"):
        self.path, self.metric = path, metric
        with sqlite3.connect(self.path) as con:
            con.execute("CREATE TABLE IF NOT EXISTS v (name, version, run_id, metrics, data)")
            con.execute("CREATE TABLE IF NOT EXISTS ev (seq INTEGER PRIMARY KEY, name, action, version, alias, previous, t)")
        con.close()

    def _q(self, sql, args=()):
        con = sqlite3.connect(self.path)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def _stacks(self, name):
        stacks = {}
        for action, version, alias in self._q("SELECT action, version, alias FROM ev WHERE name = ? ORDER BY seq", (name,)):
            if action == "promote":
                stacks.setdefault(alias, []).append(version)
            elif action == "rollback":
                stacks[alias].pop()
        return stacks

    def _write(self, rows):
        con = sqlite3.connect(self.path)
        try:
            with con:
                for sql, args in rows:
                    con.execute(sql, args)
        finally:
            con.close()

    def register(self, name, run_id, metrics, data_version):
        if self.metric not in metrics:
            raise ValueError(f"missing {self.metric}")
        version = self._q("SELECT COUNT(*) FROM v WHERE name = ?", (name,))[0][0] + 1
        self._write([("INSERT INTO v VALUES (?, ?, ?, ?, ?)", (name, version, run_id, json.dumps(dict(metrics)), data_version)),
                     ("INSERT INTO ev (name, action, version, alias, previous, t) VALUES (?, 'register', ?, NULL, NULL, ?)",
                      (name, version, time.time()))])
        return version

    def _get(self, name, version):
        rows = self._q("SELECT metrics, data FROM v WHERE name = ? AND version = ?", (name, version))
        if not rows:
            raise KeyError((name, version))
        return json.loads(rows[0][0])[self.metric], rows[0][1]

    def promote(self, name, version, alias="champion", min_delta=0.0):
        score, data = self._get(name, version)
        stack = self._stacks(name).get(alias, [])
        if stack:
            held_score, held_data = self._get(name, stack[-1])
            if held_data != data:
                raise ValueError("different data versions")
            if score - held_score <= min_delta:
                raise ValueError("candidate does not beat the holder by min_delta")
        self._write([("INSERT INTO ev (name, action, version, alias, previous, t) VALUES (?, 'promote', ?, ?, ?, ?)",
                      (name, version, alias, stack[-1] if stack else None, time.time()))])

    def rollback(self, name, alias="champion"):
        stack = self._stacks(name).get(alias, [])
        if len(stack) < 2:
            raise ValueError("nothing to roll back to")
        self._write([("INSERT INTO ev (name, action, version, alias, previous, t) VALUES (?, 'rollback', ?, ?, ?, ?)",
                      (name, stack[-2], alias, stack[-1], time.time()))])
        return stack[-2]

    def resolve(self, name, alias):
        stack = self._stacks(name).get(alias)
        if not stack:
            raise KeyError(alias)
        return stack[-1]

    def history(self, name):
        rows = self._q("SELECT action, version, alias, previous, t FROM ev WHERE name = ? ORDER BY seq", (name,))
        return [dict(action=a, version=v, alias=al, previous=p, time=t) for a, v, al, p, t in rows]
'''),
    Alternative("pipe_kahn_value_hash", cell="pipeline", source='''import marshal
import pickle
from collections import deque


class Pipeline:
    """Kahn's algorithm; keys hash marshalled code, params and the pickled input values."""

    def __init__(self):
        self.steps = {}
        self.cache = {}

    def step(self, name, fn, deps=()):
        self.steps[name] = (fn, list(deps))
        return self

    def _topo(self):
        indeg = {n: 0 for n in self.steps}
        children = {n: [] for n in self.steps}
        for n, (_, deps) in self.steps.items():
            for d in deps:
                if d not in self.steps:
                    raise ValueError(f"{n} needs unknown step {d}")
                indeg[n] += 1
                children[d].append(n)
        ready = deque(n for n, k in indeg.items() if k == 0)
        order = []
        while ready:
            n = ready.popleft()
            order.append(n)
            for c in children[n]:
                indeg[c] -= 1
                if indeg[c] == 0:
                    ready.append(c)
        if len(order) != len(self.steps):
            raise ValueError("the steps contain a cycle")
        return order

    def run(self, params=None):
        params = params or {}
        outputs, report = {}, {}
        for n in self._topo():
            fn, deps = self.steps[n]
            p = params.get(n, {})
            inputs = [outputs[d] for d in deps]
            key = hashlib.sha256(n.encode() + marshal.dumps(fn.__code__) + repr(sorted(p.items())).encode()
                                 + pickle.dumps(inputs)).hexdigest()
            if key not in self.cache:
                self.cache[key] = fn(p, *inputs)
                report[n] = "miss"
            else:
                report[n] = "hit"
            outputs[n] = self.cache[key]
        return outputs, report
'''),
    Alternative("sp_index_matrix", cell="should_promote", source='''def should_promote(y_true, pred_candidate, pred_champion, metric, n_boot=1000, alpha=0.05, seed=0):
    """All bootstrap indices drawn at once; np.percentile."""
    y, a, b = (np.asarray(v) for v in (y_true, pred_candidate, pred_champion))
    if len(y) == 0 or len(y) != len(a) or len(y) != len(b):
        raise ValueError("need three non-empty arrays of one length")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be in (0, 1)")
    idx = np.random.default_rng(seed).choice(len(y), size=(n_boot, len(y)), replace=True)
    deltas = np.array([metric(y[i], a[i]) - metric(y[i], b[i]) for i in idx])
    low, high = np.percentile(deltas, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return bool(low > 0), (float(low), float(high))
'''),
]
