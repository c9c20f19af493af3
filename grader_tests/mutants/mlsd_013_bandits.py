"""Plausible wrong implementations (must lose points) and other correct ones (must get full marks)."""

from course.submissions import Alternative, Mutant

MUTANTS = [
    # simulate
    Mutant("simulate_regret_from_rewards", cell="simulate",
           replace={"regret = np.cumsum(arm_means.max() - arm_means[arms])": "regret = np.cumsum(arm_means.max() - rewards)"},
           loses=["simulate_visible", "simulate_contract"], why="realised regret (best mean - reward) instead of pseudo-regret"),
    Mutant("simulate_regret_not_cumulative", cell="simulate",
           replace={"regret = np.cumsum(arm_means.max() - arm_means[arms])": "regret = arm_means.max() - arm_means[arms]"},
           loses=["simulate_contract"], why="per-round regret instead of cumulative"),
    Mutant("simulate_unseeded", cell="simulate",
           replace={"rng = np.random.default_rng(seed)": "rng = np.random.default_rng()"},
           loses=["simulate_contract"], why="ignores the seed: runs are not reproducible"),
    # EpsilonGreedy
    Mutant("egreedy_explores_only_other_arms", cell="epsilon_greedy",
           replace={"return int(self.rng.integers(self.n_arms))":
                    "others = np.delete(np.arange(self.n_arms), np.argmax(self.values))\n"
                    "            return int(self.rng.choice(others))"},
           loses=["epsilon_greedy_exploration"], why="explores among non-greedy arms only (rate eps instead of eps(K-1)/K)"),
    Mutant("egreedy_mean_off_by_one", cell="epsilon_greedy",
           replace={"self.values[arm] += (reward - self.values[arm]) / self.counts[arm]":
                    "self.values[arm] += (reward - self.values[arm]) / (self.counts[arm] + 1)"},
           loses=["epsilon_greedy_visible", "epsilon_greedy_exploration"], why="incremental mean divides by n+1"),
    Mutant("egreedy_decaying_epsilon", cell="epsilon_greedy",
           replace={"if self.rng.random() < self.epsilon:": "if self.rng.random() < self.epsilon / (1 + self.counts.sum() / 100):"},
           loses=["epsilon_greedy_linear_regret"], why="decays epsilon although the contract fixes it"),
    # UCB1
    Mutant("ucb_log_t_plus_one", cell="ucb1",
           replace={"np.log(t)": "np.log(t + 1)"},
           loses=["ucb1_exact_choices"], why="bonus uses ln(t+1)"),
    Mutant("ucb_missing_sqrt", cell="ucb1",
           replace={"np.sqrt(self.c * np.log(t) / self.counts)": "self.c * np.log(t) / self.counts"},
           loses=["ucb1_exact_choices"], why="bonus without the square root"),
    Mutant("ucb_skips_warmup", cell="ucb1",
           replace={"        if untried.size:\n            return int(untried[0])\n": "",
                    "np.sqrt(self.c * np.log(t) / self.counts)": "np.sqrt(self.c * np.log(max(t, 1)) / np.maximum(self.counts, 1))"},
           loses=["ucb1_visible", "ucb1_exact_choices"], why="does not pull every arm once first"),
    Mutant("ucb_no_bonus", cell="ucb1",
           replace={"np.sqrt(self.c * np.log(t) / self.counts)": "0.0"},
           loses=["ucb1_exact_choices", "ucb1_log_regret"], why="greedy after warm-up: no optimism"),
    # Thompson
    Mutant("thompson_greedy_posterior_mean", cell="thompson",
           replace={"return int(np.argmax(self.rng.beta(self.alpha, self.beta)))":
                    "return int(np.argmax(self.alpha / (self.alpha + self.beta)))"},
           loses=["thompson_posterior"], why="plays the posterior mean instead of a posterior sample"),
    Mutant("thompson_swapped_beta", cell="thompson",
           replace={"self.rng.beta(self.alpha, self.beta)": "self.rng.beta(self.beta, self.alpha)"},
           loses=["thompson_posterior", "thompson_regret"], why="samples Beta(beta, alpha): prefers losing arms"),
    Mutant("thompson_failure_not_counted", cell="thompson",
           replace={"self.beta[arm] += 1.0 - reward": "self.beta[arm] += 0.0"},
           loses=["thompson_visible", "thompson_posterior", "thompson_regret"], why="never updates beta on failures"),
    # LinUCB
    Mutant("linucb_identity_init", cell="linucb",
           replace={"np.eye(self.dim) / self.lam": "np.eye(self.dim)"},
           loses=["linucb_visible", "linucb_ridge", "linucb_exact_choices"], why="A_inv starts at I, ignoring lambda"),
    Mutant("linucb_sherman_morrison_sign", cell="linucb",
           replace={"self.A_inv[arm] -= np.outer": "self.A_inv[arm] += np.outer"},
           loses=["linucb_visible", "linucb_ridge", "linucb_exact_choices", "linucb_speed"], why="wrong sign in the rank-one update"),
    Mutant("linucb_width_without_sqrt", cell="linucb",
           replace={"width = np.sqrt(np.maximum(np.einsum(\"ai,ai->a\", x, a_inv_x), 0.0))":
                    "width = np.einsum(\"ai,ai->a\", x, a_inv_x)"},
           loses=["linucb_exact_choices"], why="confidence width x^T A^-1 x without the square root"),
    Mutant("linucb_reinverts_every_round", cell="linucb",
           source='''class LinUCB:
    """Correct choices, but keeps A and re-inverts it for every arm in every round."""

    def __init__(self, n_arms, dim, alpha=1.0, lam=1.0):
        self.n_arms, self.dim, self.alpha, self.lam = int(n_arms), int(dim), float(alpha), float(lam)
        self.A = np.tile(np.eye(self.dim) * self.lam, (self.n_arms, 1, 1))
        self.A_inv = np.linalg.inv(self.A)
        self.b = np.zeros((self.n_arms, self.dim))

    def select(self, contexts):
        x = np.asarray(contexts, dtype=float)
        self.A_inv = np.linalg.inv(self.A)
        theta = np.einsum("aij,aj->ai", self.A_inv, self.b)
        width = np.sqrt(np.einsum("ai,aij,aj->a", x, self.A_inv, x))
        return int(np.argmax(np.einsum("ai,ai->a", theta, x) + self.alpha * width))

    def update(self, arm, x, reward):
        x = np.asarray(x, dtype=float)
        self.A[arm] += np.outer(x, x)
        self.b[arm] += reward * x
        self.A_inv = np.linalg.inv(self.A)
''', loses=["linucb_speed"], why="O(K d^3) re-inversion per round instead of Sherman-Morrison"),
    # SlidingWindowUCB
    Mutant("swucb_no_forgetting", cell="sliding_window_ucb",
           replace={"if len(self.history) > self.window:": "if False:"},
           loses=["sliding_window_ucb_visible", "sliding_window_ucb_exact", "sliding_window_ucb_nonstationary"],
           why="never drops old pulls: plain UCB1"),
    Mutant("swucb_window_off_by_one", cell="sliding_window_ucb",
           replace={"if len(self.history) > self.window:": "if len(self.history) > self.window + 1:"},
           loses=["sliding_window_ucb_visible", "sliding_window_ucb_exact"], why="keeps window + 1 pulls"),
    Mutant("swucb_log_total_t", cell="sliding_window_ucb",
           replace={"np.log(min(self.t, self.window))": "np.log(self.t)"},
           loses=["sliding_window_ucb_exact"], why="bonus uses ln(t) instead of ln(min(t, window))"),
    # IPS / SNIPS
    Mutant("ips_normalised_by_weights", cell="off_policy",
           replace={"return float(np.mean(p1 / p0 * r))": "w = p1 / p0\n    return float(w @ r / w.sum())"},
           loses=["off_policy_visible", "off_policy_exact", "off_policy_statistics"], why="IPS divided by the sum of weights (that is SNIPS)"),
    Mutant("ips_inverted_weights", cell="off_policy",
           replace={"return float(np.mean(p1 / p0 * r))": "return float(np.mean(p0 / p1 * r))"},
           loses=["off_policy_visible", "off_policy_exact", "off_policy_statistics"], why="weights logging/target instead of target/logging"),
    Mutant("snips_divides_by_n", cell="off_policy",
           replace={"return float(w @ r / w.sum()) if w.sum() > 0 else 0.0": "return float(w @ r / len(w))"},
           loses=["off_policy_visible", "off_policy_exact", "off_policy_statistics"], why="SNIPS divided by n (that is IPS)"),
    Mutant("ope_no_validation", cell="off_policy",
           replace={"    if np.any(p0 <= 0) or np.any(p0 > 1):\n        raise ValueError(\"logging propensities must lie in (0, 1]\")\n": ""},
           loses=["off_policy_exact"], why="accepts zero propensities (division by zero) and probabilities above 1"),
]

ALTERNATIVES = [
    Alternative("simulate_binomial_draws", cell="simulate", source='''def simulate(policy, arm_means, horizon, seed):
    rng = np.random.default_rng(seed)
    arms, rewards = [], []
    for _ in range(horizon):
        a = policy.select()
        r = float(rng.binomial(1, arm_means[a]))
        policy.update(a, r)
        arms.append(a)
        rewards.append(r)
    arms = np.array(arms, dtype=int)
    gaps = np.max(arm_means) - np.asarray(arm_means)[arms]
    return {"arms": arms, "rewards": np.array(rewards), "regret": np.cumsum(gaps)}
'''),
    Alternative("egreedy_sums_and_choice", cell="epsilon_greedy", source='''class EpsilonGreedy:
    def __init__(self, n_arms, epsilon, seed=None):
        self.k, self.eps = n_arms, epsilon
        self.rng = np.random.default_rng(seed)
        self.counts = np.zeros(n_arms, dtype=int)
        self.sums = np.zeros(n_arms)
        self.values = np.zeros(n_arms)

    def select(self):
        explore = self.rng.uniform() < self.eps
        if explore:
            return int(self.rng.choice(self.k))
        return int(np.flatnonzero(self.values == self.values.max())[0])

    def update(self, arm, reward):
        self.counts[arm] += 1
        self.sums[arm] += reward
        self.values[arm] = self.sums[arm] / self.counts[arm]
'''),
    Alternative("ucb_python_loop", cell="ucb1", source='''import math

class UCB1:
    def __init__(self, n_arms, c=2.0):
        self.c = c
        self.counts = np.zeros(n_arms, dtype=int)
        self.sums = [0.0] * n_arms
        self.values = np.zeros(n_arms)

    def select(self):
        for a, n in enumerate(self.counts):
            if n == 0:
                return a
        t = int(sum(self.counts))
        best, best_score = 0, -math.inf
        for a in range(len(self.counts)):
            score = self.sums[a] / self.counts[a] + math.sqrt(self.c * math.log(t) / self.counts[a])
            if score > best_score:
                best, best_score = a, score
        return best

    def update(self, arm, reward):
        self.counts[arm] += 1
        self.sums[arm] += reward
        self.values[arm] = self.sums[arm] / self.counts[arm]
'''),
    Alternative("thompson_scalar_draws", cell="thompson", source='''class BernoulliThompson:
    def __init__(self, n_arms, alpha0=1.0, beta0=1.0, seed=None):
        self.rng = np.random.default_rng(seed)
        self.alpha = np.ones(n_arms) * alpha0
        self.beta = np.ones(n_arms) * beta0
        self.counts = np.zeros(n_arms, dtype=int)
        self.values = np.zeros(n_arms)

    def select(self):
        draws = [self.rng.beta(a, b) for a, b in zip(self.alpha, self.beta)]
        return int(np.argmax(draws))

    def update(self, arm, reward):
        if reward:
            self.alpha[arm] += 1
        else:
            self.beta[arm] += 1
        self.counts[arm] += 1
        self.values[arm] = (self.values[arm] * (self.counts[arm] - 1) + reward) / self.counts[arm]
'''),
    Alternative("linucb_loops_cached_theta", cell="linucb", source='''class LinUCB:
    def __init__(self, n_arms, dim, alpha=1.0, lam=1.0):
        self.alpha = alpha
        self.A_inv = np.stack([np.identity(dim) / lam for _ in range(n_arms)])
        self.b = np.zeros((n_arms, dim))
        self.theta = np.zeros((n_arms, dim))

    def select(self, contexts):
        scores = []
        for a, x in enumerate(np.asarray(contexts, dtype=float)):
            scores.append(self.theta[a] @ x + self.alpha * np.sqrt(x @ self.A_inv[a] @ x))
        return int(np.argmax(scores))

    def update(self, arm, x, reward):
        x = np.asarray(x, dtype=float)
        u = self.A_inv[arm] @ x
        self.A_inv[arm] = self.A_inv[arm] - np.outer(u, u) / (1 + x @ u)
        self.b[arm] = self.b[arm] + reward * x
        self.theta[arm] = self.A_inv[arm] @ self.b[arm]
'''),
    Alternative("swucb_recount_window", cell="sliding_window_ucb", source='''import math

class SlidingWindowUCB:
    def __init__(self, n_arms, window, c=2.0):
        self.k, self.window, self.c = n_arms, window, c
        self.pulls = []
        self.counts = np.zeros(n_arms, dtype=int)
        self.values = np.zeros(n_arms)

    def select(self):
        for a in range(self.k):
            if self.counts[a] == 0:
                return a
        t = len(self.pulls)
        scores = self.values + np.sqrt(self.c * math.log(min(t, self.window)) / self.counts)
        return int(np.argmax(scores))

    def update(self, arm, reward):
        self.pulls.append((arm, reward))
        recent = self.pulls[-self.window:]
        self.counts = np.array([sum(1 for a, _ in recent if a == i) for i in range(self.k)])
        sums = np.array([sum(r for a, r in recent if a == i) for i in range(self.k)])
        self.values = np.where(self.counts > 0, sums / np.maximum(self.counts, 1), 0.0)
'''),
    Alternative("ope_explicit_loops", cell="off_policy", source='''def _check_logs(rewards, logging_propensities, target_probs):
    r, p0, p1 = (np.array(v, dtype=float) for v in (rewards, logging_propensities, target_probs))
    if len(r) != len(p0) or len(r) != len(p1):
        raise ValueError("lengths differ")
    if (p0 <= 0).any() or (p0 > 1).any() or (p1 < 0).any() or (p1 > 1).any():
        raise ValueError("probabilities out of range")
    return r, p0, p1


def ips_estimate(rewards, logging_propensities, target_probs):
    r, p0, p1 = _check_logs(rewards, logging_propensities, target_probs)
    total = 0.0
    for ri, a, b in zip(r, p0, p1):
        total += b / a * ri
    return total / len(r)


def snips_estimate(rewards, logging_propensities, target_probs):
    r, p0, p1 = _check_logs(rewards, logging_propensities, target_probs)
    w = p1 / p0
    return float(np.sum(w * r) / np.sum(w)) if np.sum(w) else 0.0
'''),
]
