"""Plausible wrong implementations (must lose points) and other correct ones (must get full marks)
for `mlsd_014_causal_inference`."""

from course.submissions import Alternative, Mutant

_PSM_SEARCH = """    nearest = np.where(d_right < d_left, right, left)
    distance = np.minimum(d_left, d_right)
    match = controls[order[nearest]]"""

_PSM_LOOP = """    match = np.empty(len(treated), dtype=int)
    distance = np.empty(len(treated))
    for i, lt in enumerate(logit[treated]):
        gaps = np.abs(logit[controls] - lt)
        j = int(np.argmin(gaps))
        match[i], distance[i] = controls[j], gaps[j]"""

MUTANTS = [
    # estimate_propensity
    Mutant("propensity_of_control", cell="estimate_propensity",
           replace={"predict_proba(X)[:, 1]": "predict_proba(X)[:, 0]"},
           loses=["estimate_propensity_visible", "estimate_propensity_mle"], why="returns P(T=0|X)"),
    Mutant("propensity_no_intercept", cell="estimate_propensity",
           replace={"model = LogisticRegression(C=1e6, max_iter=1000)": "model = LogisticRegression(C=1e6, max_iter=1000, fit_intercept=False)"},
           loses=["estimate_propensity_visible", "estimate_propensity_mle"], why="logistic regression without intercept"),
    Mutant("propensity_heavily_regularised", cell="estimate_propensity",
           replace={"model = LogisticRegression(C=1e6, max_iter=1000)": "model = LogisticRegression(C=1e-3, max_iter=1000)"},
           loses=["estimate_propensity_mle"], why="strong L2 penalty shrinks the propensities toward the treated share"),
    # standardized_mean_differences
    Mutant("smd_control_sd_only", cell="smd",
           replace={"np.sqrt((var_t + var_c) / 2)": "np.sqrt(var_c)"},
           loses=["smd_visible", "smd_weighted"], why="standardises by the control group's sd only"),
    Mutant("smd_ignores_weights", cell="smd",
           replace={"w = np.ones(len(t)) if weights is None else np.asarray(weights, dtype=float)": "w = np.ones(len(t))"},
           loses=["smd_weighted"], why="ignores the matching weights"),
    Mutant("smd_unweighted_variance", cell="smd",
           replace={"var = ww @ (xx - mean) ** 2 / ww.sum()": "var = np.var(xx, axis=0)"},
           loses=["smd_weighted"], why="weights the means but not the variances"),
    Mutant("smd_absolute", cell="smd",
           replace={"return (mean_t - mean_c) /": "return np.abs(mean_t - mean_c) /"},
           loses=["smd_visible", "smd_weighted"], why="drops the sign (treated minus control)"),
    # psm_att
    Mutant("psm_caliper_not_in_sd", cell="psm_att",
           replace={"distance <= caliper * logit.std()": "distance <= caliper"},
           loses=["psm_att_caliper_balance"], why="caliper in raw logit units instead of standard deviations"),
    Mutant("psm_sign_flipped", cell="psm_att",
           replace={"np.mean(y[treated[keep]] - y[match[keep]])": "np.mean(y[match[keep]] - y[treated[keep]])"},
           loses=["psm_att_visible", "psm_att_truth", "psm_att_dowhy", "psm_att_caliper_balance", "psm_att_speed"],
           why="control minus treated"),
    Mutant("psm_quadratic_loop", cell="psm_att", replace={_PSM_SEARCH: _PSM_LOOP},
           loses=["psm_att_speed"], why="O(n_treated * n_control) nearest-neighbour search"),
    Mutant("psm_weights_ignore_reuse", cell="psm_att",
           replace={"np.add.at(weights, match[keep], 1.0)": "weights[match[keep]] = 1.0"},
           loses=["psm_att_caliper_balance"], why="a reused control counts once in the matched sample"),
    # did_estimate
    Mutant("did_cluster_ignored", cell="did",
           replace={"if cluster is None:": "if True:"},
           loses=["did_statsmodels"], why="classic OLS standard error even when clustering is asked for"),
    Mutant("did_no_small_sample_correction", cell="did",
           replace={"correction = n_groups / (n_groups - 1) * (n - 1) / (n - k)": "correction = 1.0"},
           loses=["did_statsmodels"], why="cluster-robust se without the G/(G-1)(N-1)/(N-K) correction"),
    Mutant("did_no_group_effect", cell="did",
           replace={"D = np.column_stack([np.ones_like(y), g, p, g * p])": "D = np.column_stack([np.ones_like(y), p, g * p])",
                    '"effect": float(beta[3]), "se": float(np.sqrt(cov[3, 3]))': '"effect": float(beta[2]), "se": float(np.sqrt(cov[2, 2]))'},
           loses=["did_visible", "did_statsmodels", "did_truth"], why="omits the treated-group main effect (compares post-period levels)"),
    # iv_2sls
    Mutant("iv_second_stage_uses_t", cell="iv_2sls",
           replace={"np.column_stack([W, t_hat])": "np.column_stack([W, t])"},
           loses=["iv_2sls_visible", "iv_2sls_closed_form", "iv_2sls_truth_weak"], why="plain OLS: the endogenous t in stage 2"),
    Mutant("iv_f_is_t_statistic", cell="iv_2sls",
           replace={'"first_stage_f": float(f_stat)': '"first_stage_f": float(np.sqrt(f_stat))'},
           loses=["iv_2sls_closed_form", "iv_2sls_truth_weak"], why="reports |t| of the instrument instead of F"),
    Mutant("iv_first_stage_without_X", cell="iv_2sls",
           replace={"F = np.column_stack([W, Z])": "F = np.column_stack([np.ones((n, 1)), Z])"},
           loses=["iv_2sls_closed_form"], why="first stage omits the controls X"),
    # meta-learners
    Mutant("s_learner_predicts_t1_twice", cell="s_learner",
           replace={"- model.predict(np.column_stack([X_test, zeros]))": "- model.predict(np.column_stack([X_test, ones]))"},
           loses=["s_learner_visible", "s_learner_hidden"], why="contrasts t=1 with t=1: CATE is always 0"),
    Mutant("s_learner_no_clone", cell="s_learner",
           replace={"model = clone(base_model).fit(": "model = base_model.fit("},
           loses=["s_learner_hidden"], why="fits the caller's model object in place"),
    Mutant("t_learner_mu1_on_all", cell="t_learner",
           replace={"mu1 = clone(base_model).fit(X[t == 1], y[t == 1])": "mu1 = clone(base_model).fit(X, y)"},
           loses=["t_learner_visible", "t_learner_hidden"], why="mu1 fit on all units instead of the treated"),
    Mutant("t_learner_sign_flipped", cell="t_learner",
           replace={"return mu1.predict(X_test) - mu0.predict(X_test)": "return mu0.predict(X_test) - mu1.predict(X_test)"},
           loses=["t_learner_visible", "t_learner_hidden"], why="mu0 - mu1"),
    Mutant("x_learner_swapped_weights", cell="x_learner",
           replace={"return g * tau0.predict(X_test) + (1 - g) * tau1.predict(X_test)":
                    "return (1 - g) * tau0.predict(X_test) + g * tau1.predict(X_test)"},
           loses=["x_learner_econml"], why="weights tau0 by 1-g and tau1 by g"),
    Mutant("x_learner_control_effect_sign", cell="x_learner",
           replace={"mu1.predict(X0) - y0": "y0 - mu1.predict(X0)"},
           loses=["x_learner_visible", "x_learner_econml", "x_learner_accuracy"], why="imputed effect of controls with the wrong sign"),
    Mutant("x_learner_no_propensity", cell="x_learner",
           replace={"g = LogisticRegression().fit(X, t).predict_proba(X_test)[:, 1]": "g = np.full(len(X_test), 0.5)"},
           loses=["x_learner_econml"], why="averages tau0 and tau1 equally instead of weighting by the propensity"),
    # qini_auc
    Mutant("qini_no_ratio", cell="qini",
           replace={"y_t - y_c * ratio": "y_t - y_c"},
           loses=["qini_brute_force"], why="does not rescale the control outcomes to the treated group size"),
    Mutant("qini_ascending", cell="qini",
           replace={"np.argsort(-uplift, kind=\"stable\")": "np.argsort(uplift, kind=\"stable\")"},
           loses=["qini_visible", "qini_brute_force"], why="ranks the lowest uplift first"),
    Mutant("qini_right_riemann_sum", cell="qini",
           replace={"np.sum((q[1:] + q[:-1]) / 2) / n": "np.sum(q[1:]) / n"},
           loses=["qini_brute_force"], why="right Riemann sum instead of trapezoids"),
    # rdd_estimate
    Mutant("rdd_sign_flipped", cell="rdd",
           replace={'"effect": float(beta[1])': '"effect": float(-beta[1])'},
           loses=["rdd_visible", "rdd_statsmodels", "rdd_truth"], why="left limit minus right limit"),
    Mutant("rdd_ignores_kernel", cell="rdd",
           replace={"w = 1 - np.abs(s) / bandwidth if kernel == \"triangular\" else np.ones_like(s)": "w = np.ones_like(s)"},
           loses=["rdd_statsmodels"], why="uniform weights whatever the kernel"),
    Mutant("rdd_common_slope", cell="rdd",
           replace={"D = np.column_stack([np.ones_like(s), d, s, d * s])": "D = np.column_stack([np.ones_like(s), d, s])"},
           loses=["rdd_statsmodels"], why="forces the same slope on both sides of the cutoff"),
    Mutant("rdd_nonrobust_se", cell="rdd",
           replace={"cov = n / (n - k) * bread @ (scores.T @ scores) @ bread":
                    "cov = bread * np.sum(w * (yy - D @ beta) ** 2) / (n - k)"},
           loses=["rdd_statsmodels"], why="homoskedastic WLS standard error instead of HC1"),
    # refutation
    Mutant("placebo_not_permuted", cell="refutation",
           replace={"estimate_fn(X, rng.permutation(t), y)": "estimate_fn(X, t, y)"},
           loses=["refutation_visible", "refutation_placebo"], why="re-estimates on the real treatment"),
    Mutant("placebo_bernoulli_half", cell="refutation",
           replace={"estimate_fn(X, rng.permutation(t), y)": "estimate_fn(X, rng.integers(0, 2, len(t)), y)"},
           loses=["refutation_placebo"], why="random 50/50 treatment instead of a permutation (changes the treated share)"),
    Mutant("placebo_p_value_without_plus_one", cell="refutation",
           replace={"(1 + np.sum(np.abs(new) >= abs(original))) / (n_sims + 1)": "np.sum(np.abs(new) >= abs(original)) / n_sims"},
           loses=["refutation_placebo"], why="p-value without the +1 correction"),
    Mutant("common_cause_replaces_column", cell="refutation",
           replace={"np.column_stack([X, rng.normal(size=len(X))])": "np.column_stack([X[:, :-1], rng.normal(size=len(X))])"},
           loses=["refutation_common_cause"], why="replaces the last covariate instead of adding one"),
]

ALTERNATIVES = [
    Alternative("propensity_statsmodels", cell="estimate_propensity", source='''
import statsmodels.api as sm

def estimate_propensity(X, t):
    X = np.asarray(X, dtype=float)
    fit = sm.Logit(np.asarray(t, dtype=float), sm.add_constant(X, has_constant="add")).fit(disp=0)
    return np.asarray(fit.predict(sm.add_constant(X, has_constant="add")))
'''),
    Alternative("smd_pandas_ddof1", cell="smd", source='''
def standardized_mean_differences(X, t, weights=None):
    X = pd.DataFrame(np.asarray(X, dtype=float).reshape(len(t), -1))
    t = np.asarray(t) == 1
    if weights is None:
        mt, mc = X[t].mean(), X[~t].mean()
        vt, vc = X[t].var(ddof=1), X[~t].var(ddof=1)
    else:
        w = np.asarray(weights, dtype=float)
        mt = X[t].apply(lambda c: np.average(c, weights=w[t]))
        mc = X[~t].apply(lambda c: np.average(c, weights=w[~t]))
        vt = X[t].apply(lambda c: np.average((c - np.average(c, weights=w[t])) ** 2, weights=w[t]))
        vc = X[~t].apply(lambda c: np.average((c - np.average(c, weights=w[~t])) ** 2, weights=w[~t]))
    return ((mt - mc) / np.sqrt((vt + vc) / 2)).to_numpy()
'''),
    Alternative("psm_nearest_neighbors", cell="psm_att", source='''
from sklearn.neighbors import NearestNeighbors

def psm_att(X, t, y, caliper=0.2):
    t = np.asarray(t).astype(int)
    y = np.asarray(y, dtype=float)
    e = LogisticRegression(max_iter=1000).fit(X, t).predict_proba(X)[:, 1]   # default C=1: mild penalty
    logit = np.log(e / (1 - e))
    tr, co = np.where(t == 1)[0], np.where(t == 0)[0]
    nn = NearestNeighbors(n_neighbors=1).fit(logit[co, None])
    dist, idx = nn.kneighbors(logit[tr, None])
    dist, matched = dist[:, 0], co[idx[:, 0]]
    keep = dist <= (np.inf if caliper is None else caliper * np.std(logit))
    weights = np.zeros(len(t))
    weights[tr[keep]] = 1
    for j in matched[keep]:
        weights[j] += 1
    return {"att": float((y[tr[keep]] - y[matched[keep]]).mean()), "n_matched": int(keep.sum()),
            "n_dropped": int((~keep).sum()), "weights": weights}
'''),
    Alternative("did_statsmodels_formula", cell="did", source='''
import statsmodels.formula.api as smf

def did_estimate(df, outcome, treated, post, cluster=None):
    data = pd.DataFrame({"y": df[outcome].to_numpy(float), "g": df[treated].to_numpy(float), "p": df[post].to_numpy(float)})
    model = smf.ols("y ~ g + p + g:p", data)
    fit = model.fit() if cluster is None else model.fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(df[cluster])[0]})
    return {"effect": float(fit.params["g:p"]), "se": float(fit.bse["g:p"])}
'''),
    Alternative("iv_projection_statsmodels", cell="iv_2sls", source='''
import statsmodels.api as sm

def iv_2sls(y, t, z, X=None):
    n = len(y)
    W = np.ones((n, 1)) if X is None else np.hstack([np.ones((n, 1)), np.reshape(X, (n, -1))])
    Z = np.reshape(z, (n, -1))
    F = np.hstack([W, Z])
    D = np.hstack([W, np.reshape(t, (n, 1))])
    P = F @ np.linalg.pinv(F)
    beta = np.linalg.solve(D.T @ P @ D, D.T @ P @ y)
    unrestricted = sm.OLS(t, F).fit()
    restricted = sm.OLS(t, W).fit()
    f_value = unrestricted.compare_f_test(restricted)[0]
    return {"effect": float(beta[-1]), "first_stage_f": float(f_value)}
'''),
    Alternative("s_learner_hstack", cell="s_learner", source='''
def s_learner_cate(X, t, y, X_test, base_model):
    m = clone(base_model)
    m.fit(np.hstack([X, np.reshape(t, (-1, 1)).astype(float)]), y)
    X_test = np.asarray(X_test, dtype=float)
    both = np.vstack([np.hstack([X_test, np.ones((len(X_test), 1))]), np.hstack([X_test, np.zeros((len(X_test), 1))])])
    pred = m.predict(both)
    return pred[:len(X_test)] - pred[len(X_test):]
'''),
    Alternative("t_learner_dict", cell="t_learner", source='''
def t_learner_cate(X, t, y, X_test, base_model):
    t = np.asarray(t)
    models = {arm: clone(base_model).fit(np.asarray(X)[t == arm], np.asarray(y)[t == arm]) for arm in (0, 1)}
    return models[1].predict(X_test) - models[0].predict(X_test)
'''),
    Alternative("x_learner_econml", cell="x_learner", source='''
import warnings

def x_learner_cate(X, t, y, X_test, base_model):
    from econml.metalearners import XLearner
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est = XLearner(models=clone(base_model), propensity_model=LogisticRegression())
        est.fit(np.asarray(y, dtype=float), np.asarray(t).astype(int), X=np.asarray(X, dtype=float))
        return np.asarray(est.effect(np.asarray(X_test, dtype=float))).ravel()
'''),
    Alternative("qini_running_loop", cell="qini", source='''
def qini_auc(uplift, t, y):
    n = len(uplift)
    order = sorted(range(n), key=lambda i: -uplift[i])
    nt = nc = 0
    yt = yc = 0.0
    area, previous = 0.0, 0.0
    for i in order:
        if t[i] == 1:
            nt += 1
            yt += y[i]
        else:
            nc += 1
            yc += y[i]
        q = yt - (yc * nt / nc if nc else 0.0)
        area += (previous + q) / 2
        previous = q
    return area / n
'''),
    Alternative("rdd_two_sided_statsmodels", cell="rdd", source='''
import statsmodels.api as sm

def rdd_estimate(x, y, cutoff, bandwidth, kernel="triangular"):
    if kernel not in {"triangular", "uniform"}:
        raise ValueError(kernel)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    limits = []
    for side in (x >= cutoff, x < cutoff):
        m = side & (np.abs(x - cutoff) < bandwidth)
        s = x[m] - cutoff
        w = 1 - np.abs(s) / bandwidth if kernel == "triangular" else np.ones(m.sum())
        fit = sm.WLS(y[m], sm.add_constant(s, has_constant="add"), weights=w).fit(cov_type="HC1")
        limits.append((fit.params[0], fit.bse[0]))
    (right, se_r), (left, se_l) = limits
    return {"effect": float(right - left), "se": float(np.hypot(se_r, se_l))}
'''),
    Alternative("refutation_batched_draws", cell="refutation", source='''
def placebo_refute(estimate_fn, X, t, y, n_sims=20, seed=0):
    rng = np.random.default_rng(seed)
    placebos = rng.permuted(np.tile(np.asarray(t), (n_sims, 1)), axis=1)   # all permutations at once
    original = estimate_fn(X, t, y)
    new = np.array([estimate_fn(X, p, y) for p in placebos], dtype=float)
    p_value = (np.count_nonzero(np.abs(new) >= abs(original)) + 1) / (n_sims + 1)
    return {"original": float(original), "new_effects": new, "p_value": float(p_value), "passed": p_value <= 0.05}


def random_common_cause_refute(estimate_fn, X, t, y, n_sims=20, seed=0):
    X = np.asarray(X, dtype=float).reshape(len(y), -1)
    noise = np.random.default_rng(seed + 12345).standard_normal((len(y), n_sims))
    original = estimate_fn(X, t, y)
    new = np.array([estimate_fn(np.hstack([X, noise[:, [j]]]), t, y) for j in range(n_sims)], dtype=float)
    change = abs(new.mean() - original) / abs(original)
    return {"original": float(original), "new_effects": new, "relative_change": float(change), "passed": change <= 0.1}
'''),
]
