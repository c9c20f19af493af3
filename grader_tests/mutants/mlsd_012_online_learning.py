"""Plausible wrong implementations (must lose points) and other correct ones (must get full marks)
for mlsd_012_online_learning."""

from course.submissions import Alternative, Mutant

MUTANTS = [
    # OnlineLogisticRegression
    Mutant("olr_gradient_sign", cell="online_logreg",
           replace={"g = self.predict_proba_one(x)[True] - float(y)": "g = float(y) - self.predict_proba_one(x)[True]"},
           loses=["online_logreg_visible", "online_logreg_matches_river"], why="gradient ascent: y - p instead of p - y"),
    Mutant("olr_regularises_intercept", cell="online_logreg",
           replace={"self.intercept -= self.lr * g": "self.intercept -= self.lr * (g + self.l2 * self.intercept)"},
           loses=["online_logreg_matches_river"], why="applies the L2 penalty to the intercept too"),
    Mutant("olr_gradient_per_feature", cell="online_logreg",
           replace={"        g = self.predict_proba_one(x)[True] - float(y)\n        w = self.weights\n        for i, v in x.items():\n":
                    "        w = self.weights\n        for i, v in x.items():\n            g = self.predict_proba_one(x)[True] - float(y)\n"},
           loses=["online_logreg_visible", "online_logreg_matches_river"],
           why="recomputes p after each coordinate update (uses partially updated weights)"),
    # FTRLProximal
    Mutant("ftrl_no_l1_threshold", cell="ftrl",
           replace={"if abs(z) <= self.l1:\n            return 0.0": "if z == 0.0:\n            return 0.0"},
           loses=["ftrl_visible", "ftrl_exact_weights", "ftrl_sparsity"],
           why="shrinks z by l1 but never truncates to zero when |z| <= l1"),
    Mutant("ftrl_gradient_not_scaled", cell="ftrl",
           replace={"gi = g * v": "gi = g"},
           loses=["ftrl_exact_weights"], why="per-coordinate gradient forgets the feature value x_i"),
    Mutant("ftrl_sigma_new_n_only", cell="ftrl",
           replace={"sigma = (math.sqrt(ni + gi * gi) - math.sqrt(ni)) / alpha": "sigma = math.sqrt(ni + gi * gi) / alpha"},
           loses=["ftrl_exact_weights", "ftrl_sparsity", "ftrl_vs_river_logloss"],
           why="sigma = sqrt(n_new)/alpha instead of the increment of the learning-rate denominator"),
    Mutant("ftrl_dense_weights_each_step", cell="ftrl",
           replace={"w = {i: self._weight(i) for i in x}":
                    "dense = {i: self._weight(i) for i in set(self.z) | set(x)}\n        w = {i: dense[i] for i in x}"},
           loses=["ftrl_throughput"], why="materialises every weight on every update: O(#features) instead of O(len(x))"),
    # progressive_validation
    Mutant("pv_train_then_test", cell="progressive_validation",
           replace={"        y_pred = model.predict_proba_one(x) if use_proba else model.predict_one(x)\n":
                    "        model.learn_one(x, y)\n        y_pred = model.predict_proba_one(x) if use_proba else model.predict_one(x)\n",
                    "            metric.update(y, y_pred)\n        model.learn_one(x, y)\n": "            metric.update(y, y_pred)\n"},
           loses=["progressive_validation_visible", "progressive_validation_matches_river"],
           why="learns before predicting: leakage, optimistic metric"),
    Mutant("pv_always_labels", cell="progressive_validation",
           replace={"use_proba = not metric.requires_labels": "use_proba = False"},
           loses=["progressive_validation_matches_river"], why="feeds hard labels to probabilistic metrics (log-loss, AUC)"),
    Mutant("pv_scores_empty_predictions", cell="progressive_validation",
           replace={"if y_pred is not None and y_pred != {}:": "if True:"},
           loses=["progressive_validation_matches_river"], why="scores the 'no prediction yet' steps"),
    Mutant("pv_returns_metric_object", cell="progressive_validation",
           replace={"return metric.get()": "return metric"},
           loses=["progressive_validation_visible", "progressive_validation_matches_river"], why="returns the metric, not its value"),
    # PageHinkley
    Mutant("ph_mean_before_update", cell="page_hinkley",
           replace={"self.mean += (x - self.mean) / self.n\n        dev = x - self.mean":
                    "dev = x - self.mean\n        self.mean += (x - self.mean) / self.n"},
           loses=["page_hinkley_matches_river"], why="deviation from the mean of the previous values only"),
    Mutant("ph_one_sided", cell="page_hinkley",
           replace={" or self.max_down - self.sum_down > self.threshold)": ")"},
           loses=["page_hinkley_matches_river"], why="only detects increases of the mean"),
    Mutant("ph_no_reset", cell="page_hinkley",
           replace={"        if self.drift_detected:\n            self._reset()\n": ""},
           loses=["page_hinkley_matches_river", "page_hinkley_delay"], why="keeps its state after a detection: alarms forever"),
    Mutant("ph_no_fading", cell="page_hinkley",
           replace={"self.sum_up = self.alpha * self.sum_up": "self.sum_up = self.sum_up",
                    "self.sum_down = self.alpha * self.sum_down": "self.sum_down = self.sum_down"},
           loses=["page_hinkley_matches_river"], why="ignores the fading factor alpha"),
    # DDM
    Mutant("ddm_warm_start_off_by_one", cell="ddm",
           replace={"if self.n > self.warm_start:": "if self.n >= self.warm_start:"},
           loses=["ddm_matches_river"], why="starts testing one example early"),
    Mutant("ddm_threshold_with_current_s", cell="ddm",
           replace={"self.p_min + self.drift_threshold * self.s_min": "self.p_min + self.drift_threshold * s"},
           loses=["ddm_matches_river", "ddm_delay"], why="scales the threshold by the current s instead of s_min"),
    Mutant("ddm_no_reset", cell="ddm",
           replace={"        if self.drift_detected:\n            self._reset()\n": ""},
           loses=["ddm_matches_river", "ddm_delay"], why="keeps its statistics after a detection"),
    Mutant("ddm_std_without_n", cell="ddm",
           replace={"s = math.sqrt(self.p * (1.0 - self.p) / self.n)": "s = math.sqrt(self.p * (1.0 - self.p))"},
           loses=["ddm_visible", "ddm_matches_river", "ddm_delay"], why="Bernoulli std of one trial, not of the mean"),
    # ADWIN
    Mutant("adwin_plain_harmonic_m", cell="adwin",
           replace={"m = 1.0 / (n0 - k + 1) + 1.0 / (n1 - k + 1)": "m = 1.0 / n0 + 1.0 / n1"},
           loses=["adwin_exact"], why="drops the min_window_length correction of m"),
    Mutant("adwin_checks_every_update", cell="adwin",
           replace={" or n % self.clock != 0": ""},
           loses=["adwin_visible", "adwin_exact"], why="ignores the clock"),
    Mutant("adwin_no_reset", cell="adwin",
           replace={"        if self.drift_detected:\n            self.window = []\n            self.drift_detected = False\n": ""},
           loses=["adwin_exact", "adwin_delay"], why="keeps the obsolete window after a detection"),
    Mutant("adwin_std_for_variance", cell="adwin",
           replace={"w.var()": "w.std()"},
           loses=["adwin_exact", "adwin_delay"], why="uses the standard deviation where the bound needs the variance"),
    # Hoeffding bound and split rule
    Mutant("hoeffding_ln_delta", cell="hoeffding",
           replace={"math.log(1.0 / delta)": "abs(math.log(delta)) / 2"},
           loses=["hoeffding_visible", "hoeffding_hidden"], why="halves ln(1/delta)"),
    Mutant("hoeffding_range_not_squared", cell="hoeffding",
           replace={"value_range ** 2": "value_range"},
           loses=["hoeffding_visible", "hoeffding_hidden"], why="R instead of R^2 under the square root"),
    Mutant("hoeffding_non_strict_split", cell="hoeffding",
           replace={"best_gain - second_gain > eps or eps < tau": "best_gain - second_gain >= eps or eps <= tau"},
           loses=["hoeffding_hidden"], why="non-strict comparisons"),
    Mutant("hoeffding_no_validation", cell="hoeffding",
           replace={"    if n < 1:\n        raise ValueError(\"n must be at least 1\")\n": ""},
           loses=["hoeffding_hidden"], why="no error for n < 1 (division by zero or a meaningless bound)"),
    # DriftAwareLearner
    Mutant("dal_never_replaces", cell="drift_aware",
           replace={"            self.model = self.model_factory()\n": ""},
           loses=["drift_aware_visible", "drift_aware_contract", "drift_aware_accuracy"], why="counts alarms but keeps the old model"),
    Mutant("dal_learn_before_predict", cell="drift_aware",
           replace={"        error = 1 if self.model.predict_one(x) != y else 0\n":
                    "        self.model.learn_one(x, y)\n        error = 1 if self.model.predict_one(x) != y else 0\n",
                    "            self.n_drifts += 1\n        self.model.learn_one(x, y)": "            self.n_drifts += 1"},
           loses=["drift_aware_visible", "drift_aware_contract"], why="measures the error after learning the example (leakage)"),
    Mutant("dal_feeds_correctness", cell="drift_aware",
           replace={"        error = 1 if self.model.predict_one(x) != y else 0\n": "        error = 1 if self.model.predict_one(x) == y else 0\n"},
           loses=["drift_aware_visible", "drift_aware_contract", "drift_aware_accuracy"], why="feeds 1 for a correct prediction"),
    Mutant("dal_fresh_model_skips_example", cell="drift_aware",
           replace={"            self.n_drifts += 1\n        self.model.learn_one(x, y)":
                    "            self.n_drifts += 1\n            return\n        self.model.learn_one(x, y)"},
           loses=["drift_aware_visible", "drift_aware_contract"], why="the fresh model does not learn the example that triggered the alarm"),
]

ALTERNATIVES = [
    Alternative("olr_multiplicative_decay", cell="online_logreg", source='''
from collections import defaultdict


class OnlineLogisticRegression:
    """SGD with the L2 step written as a weight decay, tanh-based sigmoid, defaultdict weights."""

    def __init__(self, lr=0.1, l2=0.0):
        self.lr = lr
        self.l2 = l2
        self.weights = defaultdict(float)
        self.intercept = 0.0

    def _p(self, x):
        s = self.intercept
        for k in x:
            s += self.weights.get(k, 0.0) * x[k]
        return 0.5 * (1.0 + math.tanh(0.5 * s))

    def predict_proba_one(self, x):
        p = self._p(x)
        return {False: 1 - p, True: p}

    def predict_one(self, x):
        return bool(self._p(x) > 0.5)

    def learn_one(self, x, y):
        err = self._p(x) - (1.0 if y else 0.0)
        decay = 1.0 - self.lr * self.l2
        for k, v in x.items():
            self.weights[k] = self.weights[k] * decay - self.lr * err * v
        self.intercept = self.intercept - self.lr * err
'''),
    Alternative("ftrl_state_pairs", cell="ftrl", source='''
class FTRLProximal:
    """FTRL-Proximal keeping [z, n] per feature in one dict; weights computed with numpy helpers."""

    def __init__(self, alpha=0.1, beta=1.0, l1=1.0, l2=1.0):
        self.alpha, self.beta, self.l1, self.l2 = alpha, beta, l1, l2
        self.state = {}

    def _w(self, key):
        z, n = self.state.get(key, (0.0, 0.0))
        if abs(z) <= self.l1:
            return 0.0
        return float((np.sign(z) * self.l1 - z) / ((self.beta + n ** 0.5) / self.alpha + self.l2))

    @property
    def weights(self):
        return {k: w for k in self.state if (w := self._w(k)) != 0.0}

    def _p(self, ws, x):
        s = sum(ws[k] * v for k, v in x.items())
        s = max(-700.0, min(700.0, s))
        return 1.0 / (1.0 + math.exp(-s))

    def predict_proba_one(self, x):
        p = self._p({k: self._w(k) for k in x}, x)
        return {False: 1.0 - p, True: p}

    def predict_one(self, x):
        return self.predict_proba_one(x)[True] > 0.5

    def learn_one(self, x, y):
        ws = {k: self._w(k) for k in x}
        g = self._p(ws, x) - int(y)
        for k, v in x.items():
            z, n = self.state.get(k, (0.0, 0.0))
            gk = g * v
            n_new = n + gk * gk
            z += gk - (n_new ** 0.5 - n ** 0.5) / self.alpha * ws[k]
            self.state[k] = (z, n_new)
'''),
    Alternative("ftrl_numpy_per_example", cell="ftrl", source='''
class FTRLProximal:
    """Per-example numpy vectors over the active features (a 'vectorised' style)."""

    def __init__(self, alpha=0.1, beta=1.0, l1=1.0, l2=1.0):
        self.alpha, self.beta, self.l1, self.l2 = alpha, beta, l1, l2
        self.z, self.n = {}, {}

    def _active(self, x):
        keys = list(x)
        z = np.array([self.z.get(k, 0.0) for k in keys])
        n = np.array([self.n.get(k, 0.0) for k in keys])
        v = np.array([x[k] for k in keys], dtype=float)
        w = np.where(np.abs(z) <= self.l1, 0.0,
                     -(z - np.sign(z) * self.l1) / ((self.beta + np.sqrt(n)) / self.alpha + self.l2))
        return keys, z, n, v, w

    @property
    def weights(self):
        keys = list(self.z)
        if not keys:
            return {}
        _, _, _, _, w = self._active({k: 1.0 for k in keys})
        return {k: float(wk) for k, wk in zip(keys, w) if wk != 0.0}

    def predict_proba_one(self, x):
        _, _, _, v, w = self._active(x)
        p = float(0.5 * (1.0 + np.tanh(0.5 * np.dot(w, v))))
        return {False: 1.0 - p, True: p}

    def predict_one(self, x):
        return self.predict_proba_one(x)[True] > 0.5

    def learn_one(self, x, y):
        keys, z, n, v, w = self._active(x)
        p = 0.5 * (1.0 + np.tanh(0.5 * np.dot(w, v)))
        g = (p - float(y)) * v
        sigma = (np.sqrt(n + g * g) - np.sqrt(n)) / self.alpha
        z = z + g - sigma * w
        n = n + g * g
        for k, zk, nk in zip(keys, z.tolist(), n.tolist()):
            self.z[k] = zk
            self.n[k] = nk
'''),
    Alternative("pv_bound_methods", cell="progressive_validation", source='''
def progressive_validation(model, stream, metric):
    predict = model.predict_one if metric.requires_labels else model.predict_proba_one
    for x, y in iter(stream):
        y_pred = predict(x)
        if y_pred is None or (isinstance(y_pred, dict) and len(y_pred) == 0):
            model.learn_one(x, y)
            continue
        metric.update(y_true=y, y_pred=y_pred)
        model.learn_one(x, y)
    return float(metric.get())
'''),
    Alternative("ph_sums_and_property", cell="page_hinkley", source='''
class PageHinkley:
    """Mean as sum / n, state in a dict, drift_detected as a property."""

    def __init__(self, min_instances=30, delta=0.005, threshold=50.0, alpha=1 - 1e-4):
        self.min_instances, self.delta, self.threshold, self.alpha = min_instances, delta, threshold, alpha
        self._drift = False
        self._s = None

    @property
    def drift_detected(self):
        return self._drift

    def update(self, x):
        if self._s is None or self._drift:
            self._s = {"n": 0, "sum": 0.0, "U": 0.0, "L": 0.0, "Umin": float("inf"), "Lmax": float("-inf")}
            self._drift = False
        s = self._s
        s["n"] += 1
        s["sum"] += x
        dev = x - s["sum"] / s["n"]
        s["U"] = self.alpha * s["U"] + dev - self.delta
        s["L"] = self.alpha * s["L"] + dev + self.delta
        s["Umin"] = min(s["Umin"], s["U"])
        s["Lmax"] = max(s["Lmax"], s["L"])
        if s["n"] >= self.min_instances:
            self._drift = max(s["U"] - s["Umin"], s["Lmax"] - s["L"]) > self.threshold
'''),
    Alternative("ddm_counts", cell="ddm", source='''
class DDM:
    """Counts errors; p = errors / n."""

    def __init__(self, warm_start=30, drift_threshold=3.0):
        self.warm_start = warm_start
        self.drift_threshold = drift_threshold
        self.drift_detected = False
        self._fresh()

    def _fresh(self):
        self.n = 0
        self.errors = 0
        self.best = None  # (p_min, s_min)

    def update(self, x):
        if self.drift_detected:
            self._fresh()
            self.drift_detected = False
        self.n += 1
        self.errors += x
        p = self.errors / self.n
        s = (p * (1 - p) / self.n) ** 0.5
        if self.n <= self.warm_start:
            return
        if self.best is None or p + s <= self.best[0] + self.best[1]:
            self.best = (p, s)
        self.drift_detected = p + s > self.best[0] + self.drift_threshold * self.best[1]
'''),
    Alternative("adwin_python_loop", cell="adwin", source='''
import statistics


class ADWIN:
    """Explicit loop over split points with running sums; statistics.pvariance for the variance."""

    def __init__(self, delta=0.002, clock=32, min_window_length=5, grace_period=10):
        self.delta = delta
        self.clock = clock
        self.min_window_length = min_window_length
        self.grace_period = grace_period
        self._window = []
        self.drift_detected = False

    @property
    def width(self):
        return len(self._window)

    def update(self, x):
        if self.drift_detected:
            self._window.clear()
        self.drift_detected = False
        self._window.append(x)
        n = len(self._window)
        if n < self.grace_period or n % self.clock:
            return
        k = self.min_window_length
        var = statistics.pvariance([float(v) for v in self._window])
        total = float(sum(self._window))
        dp = math.log(2 * math.log(n) / self.delta)
        left = 0.0
        for n0 in range(1, n - k + 1):
            left += self._window[n0 - 1]
            if n0 < k:
                continue
            n1 = n - n0
            m = 1 / (n0 - k + 1) + 1 / (n1 - k + 1)
            if abs(left / n0 - (total - left) / n1) > math.sqrt(2 * m * var * dp) + 2 * dp * m / 3:
                self.drift_detected = True
                return
'''),
    Alternative("hoeffding_numpy", cell="hoeffding", source='''
def hoeffding_bound(value_range, delta, n):
    if not (n >= 1 and 0 < delta < 1):
        raise ValueError("invalid n or delta")
    return float(value_range * np.sqrt(-np.log(delta) / (2 * n)))


def should_split(best_gain, second_gain, value_range, delta, n, tau=0.05):
    epsilon = hoeffding_bound(value_range, delta, n)
    if epsilon < tau:
        return True
    return best_gain - second_gain > epsilon
'''),
    Alternative("dal_bool_errors", cell="drift_aware", source='''
class DriftAwareLearner:
    """Feeds bool errors; keeps a list of the steps at which it reset."""

    def __init__(self, model_factory, detector):
        self.model_factory = model_factory
        self.detector = detector
        self.model = self.model_factory()
        self.reset_steps = []
        self._t = 0

    @property
    def n_drifts(self):
        return len(self.reset_steps)

    def predict_one(self, x):
        return self.model.predict_one(x)

    def predict_proba_one(self, x):
        return self.model.predict_proba_one(x)

    def learn_one(self, x, y):
        wrong = self.model.predict_one(x) != y
        self.detector.update(wrong)
        if self.detector.drift_detected:
            self.reset_steps.append(self._t)
            self.model = self.model_factory()
        self.model.learn_one(x, y)
        self._t += 1
'''),
]
