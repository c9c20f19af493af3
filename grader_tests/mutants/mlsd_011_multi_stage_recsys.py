"""Plausible wrong implementations (must lose points) and other correct ones (must get full marks)
for mlsd_011_multi_stage_recsys."""

from course.submissions import Alternative, Mutant

MUTANTS = [
    # recall_at_k
    Mutant("recall_divides_by_min_k", cell="recall_at_k",
           replace={"total += len(top & relevant) / len(relevant)": "total += len(top & relevant) / min(k, len(relevant))"},
           loses=["recall_at_k_bruteforce"], why="divides by min(k, |relevant|) (a different metric) instead of |relevant|"),
    Mutant("recall_counts_users_without_relevant", cell="recall_at_k",
           replace={"        if not relevant:\n            continue\n": ""},
           loses=["recall_at_k_visible", "recall_at_k_bruteforce"], why="users with no relevant item count as recall 0"),
    Mutant("recall_ignores_k", cell="recall_at_k",
           replace={"top = set(np.asarray(retrieved)[:k].tolist())": "top = set(np.asarray(retrieved).tolist())"},
           loses=["recall_at_k_visible", "recall_at_k_bruteforce"], why="counts every retrieved item, not the first k"),
    # ndcg_at_k
    Mutant("ndcg_exponential_gain", cell="ndcg_at_k",
           replace={"dcg = (np.take_along_axis(relevance, order, axis=1) * discounts).sum(axis=1)":
                    "dcg = ((2 ** np.take_along_axis(relevance, order, axis=1) - 1) * discounts).sum(axis=1)",
                    "idcg = (ideal * discounts).sum(axis=1)": "idcg = ((2 ** ideal - 1) * discounts).sum(axis=1)"},
           loses=["ndcg_at_k_sklearn"], why="gain 2^rel - 1 instead of the linear gain of the contract"),
    Mutant("ndcg_discount_off_by_one", cell="ndcg_at_k",
           replace={"discounts = 1.0 / np.log2(np.arange(2, k + 2))": "discounts = 1.0 / np.log2(np.arange(3, k + 3))"},
           loses=["ndcg_at_k_visible", "ndcg_at_k_sklearn"], why="discount 1/log2(position + 2)"),
    Mutant("ndcg_ideal_not_truncated", cell="ndcg_at_k",
           replace={"idcg = (ideal * discounts).sum(axis=1)":
                    "idcg = (-np.sort(-relevance, axis=1) / np.log2(np.arange(2, relevance.shape[1] + 2))).sum(axis=1)"},
           loses=["ndcg_at_k_sklearn"], why="IDCG over all items instead of the top k"),
    Mutant("ndcg_skips_all_zero_rows", cell="ndcg_at_k",
           replace={"return float(ndcg.mean())": "return float(ndcg[idcg > 0].mean())"},
           loses=["ndcg_at_k_sklearn"], why="drops queries without relevant items from the mean"),
    # in_batch_softmax_loss
    Mutant("loss_adds_log_q", cell="in_batch_softmax_loss",
           replace={"logits = logits - torch.as_tensor(item_log_q": "logits = logits + torch.as_tensor(item_log_q"},
           loses=["in_batch_softmax_loss_per_row", "in_batch_softmax_loss_gradient",
                  "in_batch_softmax_loss_logq_popularity"], why="wrong sign of the logQ correction"),
    Mutant("loss_naive_logsumexp", cell="in_batch_softmax_loss",
           replace={"return F.cross_entropy(logits, labels)":
                    "return (-logits.diagonal() + logits.exp().sum(dim=1).log()).mean()"},
           loses=["in_batch_softmax_loss_per_row"], why="log(sum(exp)) without the max shift overflows for large logits"),
    Mutant("loss_detached", cell="in_batch_softmax_loss",
           replace={"logits = user_emb @ item_emb.T / temperature": "logits = (user_emb @ item_emb.T / temperature).detach()"},
           loses=["in_batch_softmax_loss_gradient", "in_batch_softmax_loss_logq_popularity", "two_tower_visible"],
           why="detaches the logits: nothing can be trained (the visible two-tower test trains with your loss)"),
    Mutant("loss_softmax_over_users", cell="in_batch_softmax_loss",
           replace={"return F.cross_entropy(logits, labels)": "return F.cross_entropy(logits.T, labels)"},
           loses=["in_batch_softmax_loss_visible", "in_batch_softmax_loss_per_row", "in_batch_softmax_loss_gradient",
                  "in_batch_softmax_loss_logq_popularity"],
           why="softmax over the users of each item (columns): the per-column logQ correction then cancels"),
    # TwoTower / train_two_tower
    Mutant("tower_ignores_item_features", cell="two_tower",
           replace={"torch.cat([self.item_ids(ids), feats], dim=1)": "torch.cat([self.item_ids(ids), 0 * feats], dim=1)"},
           loses=["two_tower_contract"], why="ID-only item tower: no cold-start path"),
    Mutant("train_ignores_log_q", cell="two_tower",
           replace={'log_q = interactions.get("item_log_q")': "log_q = None"},
           loses=["two_tower_recall"], why="drops the logQ correction given in the interactions"),
    Mutant("train_unseeded_shuffle", cell="two_tower",
           replace={"perm = torch.randperm(len(users), generator=generator)":
                    "perm = torch.as_tensor(np.random.permutation(len(users)))"},
           loses=["two_tower_contract"], why="shuffles with the unseeded global numpy RNG: not reproducible"),
    Mutant("train_one_batch_per_epoch", cell="two_tower",
           replace={"for start in range(0, len(users), batch_size):": "for start in range(0, batch_size, batch_size):"},
           loses=["two_tower_recall"], why="takes a single batch per epoch instead of a pass over the data"),
    # build_ann_index / retrieve
    Mutant("ann_hnsw_l2_metric", cell="ann_index",
           replace={'index = faiss.IndexHNSWFlat(d, int(params.get("M", 32)), faiss.METRIC_INNER_PRODUCT)':
                    'index = faiss.IndexHNSWFlat(d, int(params.get("M", 32)))'},
           loses=["ann_index_recall", "ann_index_speed"], why="HNSW with the default L2 metric: wrong neighbours for MIPS"),
    Mutant("ann_ivf_ignores_nprobe", cell="ann_index",
           replace={'        index.nprobe = int(params.get("nprobe", 16))\n': ""},
           loses=["ann_index_recall"], why="never sets nprobe: IVF scans a single cell"),
    Mutant("ann_hnsw_ignores_params", cell="ann_index",
           replace={'int(params.get("M", 32))': "32", 'int(params.get("ef_construction", 64))': "64",
                    'int(params.get("ef_search", 64))': "64"},
           loses=["ann_index_recall"], why="hard-codes M / efConstruction / efSearch"),
    Mutant("ann_hnsw_is_exact", cell="ann_index",
           replace={'index = faiss.IndexHNSWFlat(d, int(params.get("M", 32)), faiss.METRIC_INNER_PRODUCT)\n'
                    '        index.hnsw.efConstruction = int(params.get("ef_construction", 64))\n'
                    '        index.hnsw.efSearch = int(params.get("ef_search", 64))':
                    "index = faiss.IndexFlatIP(d)"},
           loses=["ann_index_recall", "ann_index_speed"], why="'hnsw' silently builds an exact index: no speed-up"),
    # train_ranker / rank
    Mutant("rank_hard_labels", cell="ranker",
           replace={"return model.predict_proba(candidates[RANKING_FEATURES].to_numpy())[:, 1].astype(np.float64)":
                    "return model.predict(candidates[RANKING_FEATURES].to_numpy()).astype(np.float64)"},
           loses=["ranker_visible", "ranker_ndcg_gain", "ranker_cross"], why="ranks by 0/1 predictions: ties everywhere"),
    Mutant("ranker_retrieval_score_only", cell="ranker",
           replace={'model.fit(train_candidates[RANKING_FEATURES].to_numpy(), train_candidates["label"].to_numpy())':
                    'model.fit(train_candidates[["retrieval_score"]].to_numpy(), train_candidates["label"].to_numpy())',
                    "model.predict_proba(candidates[RANKING_FEATURES].to_numpy())":
                    'model.predict_proba(candidates[["retrieval_score"]].to_numpy())'},
           loses=["ranker_ndcg_gain", "ranker_cross"], why="re-learns the retrieval score: nothing new for the second stage"),
    Mutant("ranker_linear_without_crosses", cell="ranker",
           replace={"from sklearn.ensemble import HistGradientBoostingClassifier":
                    "from sklearn.linear_model import LogisticRegression",
                    "model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, random_state=0)":
                    "model = LogisticRegression(max_iter=1000)"},
           loses=["ranker_ndcg_gain", "ranker_cross"], why="a linear model on raw features cannot learn the activity x popularity cross"),
    Mutant("rank_reorders_rows", cell="ranker",
           replace={"return model.predict_proba(candidates[RANKING_FEATURES].to_numpy())[:, 1].astype(np.float64)":
                    "return np.sort(model.predict_proba(candidates[RANKING_FEATURES].to_numpy())[:, 1])[::-1]"},
           loses=["ranker_ndcg_gain", "ranker_cross"], why="returns sorted scores, no longer aligned with the rows"),
    # mmr_rerank
    Mutant("mmr_mean_similarity", cell="mmr_rerank",
           replace={"max_sim = sim[best].copy() if len(selected) == 1 else np.maximum(max_sim, sim[best])":
                    "max_sim = sim[selected].mean(axis=0)"},
           loses=["mmr_rerank_bruteforce"], why="penalises the mean similarity to the selected set instead of the max"),
    Mutant("mmr_dot_not_cosine", cell="mmr_rerank",
           replace={"sim = unit @ unit.T": "sim = cand @ cand.T"},
           loses=["mmr_rerank_bruteforce", "mmr_rerank_tradeoff"], why="raw dot products instead of cosine similarity"),
    Mutant("mmr_max_starts_at_zero", cell="mmr_rerank",
           replace={"max_sim = sim[best].copy() if len(selected) == 1 else np.maximum(max_sim, sim[best])":
                    "max_sim = np.maximum(max_sim, sim[best])"},
           loses=["mmr_rerank_bruteforce"], why="max over the selected set clipped at 0: negative similarities are lost"),
    Mutant("mmr_ignores_query", cell="mmr_rerank",
           replace={"rel = unit @ (q / max(np.linalg.norm(q), 1e-12))": "rel = np.zeros(n)"},
           loses=["mmr_rerank_bruteforce"], why="without cand_scores the relevance to the query is not used"),
    # lightgcn_propagate
    Mutant("lgcn_row_normalised", cell="lightgcn_propagate",
           replace={"A_hat = (D @ A @ D).tocsr()": "A_hat = (sp.diags(inv_sqrt ** 2) @ A).tocsr()"},
           loses=["lightgcn_propagate_visible", "lightgcn_propagate_dense", "lightgcn_propagate_edges"],
           why="random-walk normalisation D^-1 A instead of D^-1/2 A D^-1/2"),
    Mutant("lgcn_without_layer_zero", cell="lightgcn_propagate",
           replace={"total = layer.copy()": "total = np.zeros_like(layer)",
                    "return total / (int(n_layers) + 1)": "return total / max(int(n_layers), 1) if n_layers else layer"},
           loses=["lightgcn_propagate_visible", "lightgcn_propagate_dense", "lightgcn_propagate_edges"],
           why="averages layers 1..L and forgets E0"),
    Mutant("lgcn_self_loops", cell="lightgcn_propagate",
           replace={"A = sp.csr_matrix(adjacency, dtype=np.float64)":
                    "A = sp.csr_matrix(adjacency, dtype=np.float64) + sp.eye(adjacency.shape[0])"},
           loses=["lightgcn_propagate_visible", "lightgcn_propagate_dense", "lightgcn_propagate_edges"],
           why="adds self-loops as in GCN (LightGCN has none)"),
    Mutant("lgcn_degree_counts_edges", cell="lightgcn_propagate",
           replace={"deg = np.asarray(A.sum(axis=1)).ravel()": "deg = np.diff(A.indptr).astype(np.float64)"},
           loses=["lightgcn_propagate_edges"], why="degree = number of neighbours, ignoring edge weights"),
]

ALTERNATIVES = [
    Alternative("recall_vectorised", cell="recall_at_k", source='''
def recall_at_k(retrieved_ids, relevant_ids, k):
    recalls = []
    for retrieved, relevant in zip(retrieved_ids, relevant_ids):
        relevant = np.unique(np.asarray(list(relevant), dtype=np.int64))
        if relevant.size == 0:
            continue
        hits = np.isin(np.asarray(retrieved, dtype=np.int64)[:k], relevant).sum()
        recalls.append(hits / relevant.size)
    return float(np.mean(recalls)) if recalls else 0.0
'''),
    Alternative("ndcg_python_loops", cell="ndcg_at_k", source='''
import math


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=float)
    sc = np.asarray(scores, dtype=float)
    if rel.ndim == 1:
        rel, sc = rel[None, :], sc[None, :]
    values = []
    for r, s in zip(rel, sc):
        ranked = [r[i] for i in sorted(range(len(r)), key=lambda i: -s[i])][:k]
        ideal = sorted(r, reverse=True)[:k]
        dcg = sum(g / math.log2(pos + 2) for pos, g in enumerate(ranked))
        idcg = sum(g / math.log2(pos + 2) for pos, g in enumerate(ideal))
        values.append(dcg / idcg if idcg > 0 else 0.0)
    return float(sum(values) / len(values))
'''),
    Alternative("loss_manual_logsumexp", cell="in_batch_softmax_loss", source='''
def in_batch_softmax_loss(user_emb, item_emb, item_log_q=None, temperature=1.0):
    z = torch.einsum("bd,cd->bc", user_emb, item_emb) / temperature
    if item_log_q is not None:
        z = z - item_log_q.to(z.dtype)[None, :]
    return (torch.logsumexp(z, dim=1) - torch.diagonal(z)).mean()
'''),
    Alternative("two_tower_linear_numpy_shuffle", cell="two_tower", source='''
class TwoTower(nn.Module):
    """Alternative: id embedding + linear projection of the features, summed, then normalised."""

    def __init__(self, n_users, n_items, user_feat_dim, item_feat_dim, dim):
        super().__init__()
        self.user_table = nn.Embedding(n_users, dim)
        self.item_table = nn.Embedding(n_items, dim)
        nn.init.normal_(self.user_table.weight, std=0.05)
        nn.init.normal_(self.item_table.weight, std=0.05)
        self.user_proj = nn.Linear(user_feat_dim, dim)
        self.item_proj = nn.Linear(item_feat_dim, dim)

    def user_embed(self, user_ids, user_feats):
        out = self.user_table(torch.as_tensor(user_ids).long()) + self.user_proj(torch.as_tensor(user_feats).float())
        return out / out.norm(dim=1, keepdim=True).clamp_min(1e-12)

    def item_embed(self, item_ids, item_feats):
        out = self.item_table(torch.as_tensor(item_ids).long()) + self.item_proj(torch.as_tensor(item_feats).float())
        return out / out.norm(dim=1, keepdim=True).clamp_min(1e-12)


def train_two_tower(model, interactions, epochs, batch_size, lr, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    user_ids = np.asarray(interactions["user_ids"])
    item_ids = np.asarray(interactions["item_ids"])
    user_feats = torch.tensor(np.asarray(interactions["user_feats"]), dtype=torch.float32)
    item_feats = torch.tensor(np.asarray(interactions["item_feats"]), dtype=torch.float32)
    log_q = interactions.get("item_log_q", None)
    log_q = torch.tensor(np.asarray(log_q), dtype=torch.float32) if log_q is not None else None
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(len(user_ids))
        batch_losses = []
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            if len(rows) < 2:
                break
            u = torch.tensor(user_ids[rows], dtype=torch.long)
            i = torch.tensor(item_ids[rows], dtype=torch.long)
            loss = in_batch_softmax_loss(model.user_embed(u, user_feats[u]), model.item_embed(i, item_feats[i]),
                                         item_log_q=None if log_q is None else log_q[i], temperature=0.1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            batch_losses.append(float(loss.detach()))
        history.append(float(np.mean(batch_losses)))
    model.eval()
    return history
'''),
    Alternative("ann_index_factory_batched_search", cell="ann_index", source='''
def build_ann_index(item_emb, kind="hnsw", **params):
    """Alternative: faiss.index_factory strings."""
    if hasattr(item_emb, "detach"):
        item_emb = item_emb.detach().numpy()
    x = np.array(item_emb, dtype="float32", order="C")
    n, d = x.shape
    if kind == "flat":
        spec = "Flat"
    elif kind == "hnsw":
        spec = f"HNSW{params.get('M', 32)},Flat"
    elif kind == "ivf":
        spec = f"IVF{params.get('nlist', 256)},Flat"
    else:
        raise ValueError("kind must be flat, hnsw or ivf")
    index = faiss.index_factory(d, spec, faiss.METRIC_INNER_PRODUCT)
    if kind == "hnsw":
        index.hnsw.efConstruction = params.get("ef_construction", 64)
    if not index.is_trained:
        index.train(x)
    index.add(x)
    if kind == "hnsw":
        index.hnsw.efSearch = params.get("ef_search", 64)
    if kind == "ivf":
        faiss.extract_index_ivf(index).nprobe = params.get("nprobe", 16)
    return index


def retrieve(index, user_emb, k):
    if hasattr(user_emb, "detach"):
        user_emb = user_emb.detach().numpy()
    q = np.array(user_emb, dtype="float32", order="C", ndmin=2)
    all_scores, all_ids = [], []
    for start in range(0, len(q), 256):  # bounded memory per call
        s, i = index.search(q[start:start + 256], k)
        all_scores.append(s)
        all_ids.append(i)
    return np.vstack(all_scores).astype(np.float32), np.vstack(all_ids).astype(np.int64)
'''),
    Alternative("ranker_logistic_with_crosses", cell="ranker", source='''
def _design(candidates):
    """Features plus all pairwise products (explicit crosses) for a linear model."""
    X = candidates[RANKING_FEATURES].to_numpy(dtype=float)
    pairs = [X[:, a] * X[:, b] for a in range(X.shape[1]) for b in range(a, X.shape[1])]
    return np.column_stack([X] + pairs)


def train_ranker(train_candidates):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    model.fit(_design(train_candidates), train_candidates["label"].to_numpy())
    return model


def rank(model, candidates):
    return model.decision_function(_design(candidates))
'''),
    Alternative("mmr_python_loops", cell="mmr_rerank", source='''
def mmr_rerank(query_emb, cand_emb, cand_scores, k, lambda_):
    E = [np.asarray(v, dtype=float) for v in cand_emb]
    units = [v / np.linalg.norm(v) for v in E]
    if cand_scores is None:
        q = np.asarray(query_emb, dtype=float)
        q = q / np.linalg.norm(q)
        relevance = [float(u @ q) for u in units]
    else:
        relevance = [float(s) for s in cand_scores]
    chosen = []
    remaining = list(range(len(E)))
    while remaining and len(chosen) < k:
        def value(i):
            penalty = max((float(units[i] @ units[j]) for j in chosen), default=0.0)
            return lambda_ * relevance[i] - (1 - lambda_) * penalty
        best = max(remaining, key=lambda i: (value(i), -i))
        chosen.append(best)
        remaining.remove(best)
    return chosen
'''),
    Alternative("lightgcn_multiply_normalisation", cell="lightgcn_propagate", source='''
def lightgcn_propagate(adjacency, embeddings, n_layers):
    A = sp.coo_matrix(adjacency).astype(np.float64)
    deg = np.bincount(A.row, weights=A.data, minlength=A.shape[0])
    scale = np.divide(1.0, np.sqrt(deg), out=np.zeros_like(deg), where=deg > 0)
    A_hat = sp.csr_matrix((A.data * scale[A.row] * scale[A.col], (A.row, A.col)), shape=A.shape)
    layers = [np.array(embeddings, dtype=np.float64)]
    for _ in range(n_layers):
        layers.append(A_hat @ layers[-1])
    return np.mean(layers, axis=0)
'''),
]
