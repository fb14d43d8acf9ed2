#!/usr/bin/env python3
"""Validation of warmpath's trust model on public signed ratings (issue 20).

Protocol: Bitcoin-OTC and Bitcoin-Alpha (SNAP, ../shared/data/graphs), ratings scaled from
[-10, 10] to [-1, 1], 10 % of the edges held out (numpy default_rng(42) permutation, the first
10 % are the test set), every predictor fitted on the other 90 % only. Figures: RMSE of the
predicted rating and sign AUC (the predicted value ranking positive above negative ratings).

Predictors:
  global mean           mean training rating
  target mean           mean training rating the target received (global mean when none)
  fairness x goodness   Kumar et al. 2016 (ICDM), iterated to convergence; f(u) * g(v)
  warmpath paths        the model's path probability (MODEL.md; PathGraph.probability): the
                        best product of link strengths times attrition^(hops-1) over 2-3 hop
                        paths of positive ratings (a negative rating is never a hop), with a
                        graph file's explicit trust as the link strength: s = (r + 1) / 2;
                        predicted rating 2p - 1, the global mean when there is no path
  warmpath reputation + paths [+ reciprocity]
                        what the model offers, together: the target's Beta-smoothed received
                        trust (the smoothing the model uses for responsiveness, (x + 1)/(n + 2)),
                        the path probability and, in the second row, the rating the target gave
                        the rater (the scorer keeps a pair's evidence for both directions),
                        combined by least squares fitted on 8,000 training edges (features
                        computed without the edge itself)

The warmpath predictors are computed here from the model's formulas (MODEL.md, PathGraph), not by
the Swift binary; the scorer reads a graph weight as explicit trust only when it lies in (0, 1].

Run from the repository root:  python3 Benchmarks/validation/validate.py [--write docs/validation.md]
Needs numpy. Takes under a minute. WARMPATH_SHARED_DATA moves the data root, as for the tests.
"""
import argparse
import gzip
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("WARMPATH_SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))
DATASETS = [
    ("Bitcoin-OTC", "graphs/bitcoin-otc/soc-sign-bitcoinotc.csv.gz"),
    ("Bitcoin-Alpha", "graphs/bitcoin-alpha/soc-sign-bitcoinalpha.csv"),
]
SEED = 42
HOLDOUT = 0.10
ATTRITION = 0.8  # PathConfig.attrition default


def read_edges(path):
    opener = gzip.open if path.endswith(".gz") else open
    src, dst, rating = [], [], []
    with opener(path, "rt") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            a, b, r = line.split(",")[:3]
            src.append(int(a))
            dst.append(int(b))
            rating.append(float(r) / 10.0)
    return np.array(src), np.array(dst), np.array(rating)


def split(n):
    perm = np.random.default_rng(SEED).permutation(n)
    k = int(round(n * HOLDOUT))
    return perm[k:], perm[:k]


def rmse(pred, truth):
    return float(np.sqrt(np.mean((pred - truth) ** 2)))


def sign_auc(pred, truth):
    pos = truth > 0
    neg = truth < 0
    if pos.sum() == 0 or neg.sum() == 0:
        return float("nan")
    order = np.argsort(pred, kind="mergesort")
    ranks = np.empty(len(pred))
    sorted_pred = pred[order]
    i = 0
    while i < len(pred):
        j = i
        while j + 1 < len(pred) and sorted_pred[j + 1] == sorted_pred[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    keep = pos | neg
    r = ranks[keep]
    p = pos[keep]
    n_pos, n_neg = p.sum(), (~p).sum()
    return float((r[p].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def fairness_goodness(src, dst, w, iterations=200, tol=1e-9):
    """Kumar, Spezzano, Subrahmanian, Faloutsos 2016: mutual recursion of fairness and goodness."""
    nodes = int(max(src.max(), dst.max())) + 1
    f = np.ones(nodes)
    g = np.ones(nodes)
    indeg = np.bincount(dst, minlength=nodes).astype(float)
    outdeg = np.bincount(src, minlength=nodes).astype(float)
    for _ in range(iterations):
        g_new = np.bincount(dst, weights=f[src] * w, minlength=nodes)
        g_new = np.divide(g_new, indeg, out=np.zeros(nodes), where=indeg > 0)
        dev = np.bincount(src, weights=np.abs(w - g_new[dst]) / 2, minlength=nodes)
        f_new = 1 - np.divide(dev, outdeg, out=np.zeros(nodes), where=outdeg > 0)
        change = max(np.abs(f_new - f).max(), np.abs(g_new - g).max())
        f, g = f_new, g_new
        if change < tol:
            break
    return f, g, indeg > 0, outdeg > 0


def path_probability(out_pos, in_pos, u, v):
    """Best 2-3 hop path probability u -> v over positive links (the direct link excluded)."""
    best = 0.0
    ou = out_pos.get(u, {})
    iv = in_pos.get(v, {})
    for a, s1 in ou.items():
        if a == v:
            continue
        s2 = iv.get(a)
        if s2 is not None:
            best = max(best, s1 * s2 * ATTRITION)
    if ou and iv:
        for a, s1 in ou.items():
            if a == v:
                continue
            oa = out_pos.get(a, {})
            if len(oa) < len(iv):
                for b, s2 in oa.items():
                    if b == u or b == v:
                        continue
                    s3 = iv.get(b)
                    if s3 is not None:
                        best = max(best, s1 * s2 * s3 * ATTRITION**2)
            else:
                for b, s3 in iv.items():
                    if b == u or b == a:
                        continue
                    s2 = oa.get(b)
                    if s2 is not None:
                        best = max(best, s1 * s2 * s3 * ATTRITION**2)
    return best


def evaluate(name, path):
    src, dst, w = read_edges(path)
    train, test = split(len(w))
    ts, td, tw = src[train], dst[train], w[train]
    hs, hd, hw = src[test], dst[test], w[test]
    mu = float(tw.mean())
    rows = {}

    rows["global mean"] = np.full(len(hw), mu)

    nodes = int(max(src.max(), dst.max())) + 1
    recv_sum = np.bincount(td, weights=tw, minlength=nodes)
    recv_n = np.bincount(td, minlength=nodes).astype(float)
    target_mean = np.divide(recv_sum, recv_n, out=np.full(nodes, mu), where=recv_n > 0)
    rows["target's mean received rating"] = target_mean[hd]

    f, g, has_g, has_f = fairness_goodness(ts, td, tw)
    fu = np.where(has_f[hs], f[hs], 1.0)
    gv = np.where(has_g[hd], g[hd], mu)
    rows["fairness × goodness (Kumar et al. 2016)"] = fu * gv

    # Links of the training graph: strength s = (r + 1) / 2, positive ratings only are hops.
    out_pos, in_pos = {}, {}
    for a, b, r in zip(ts.tolist(), td.tolist(), tw.tolist()):
        if r > 0:
            s = (r + 1) / 2
            out_pos.setdefault(a, {})[b] = s
            in_pos.setdefault(b, {})[a] = s
    p_test = np.array([path_probability(out_pos, in_pos, u, v) for u, v in zip(hs.tolist(), hd.tolist())])
    rows["warmpath trust along 2–3 hop paths"] = np.where(p_test > 0, 2 * p_test - 1, mu)

    # Combined: Beta-smoothed received trust (leave the edge out for training rows) + paths.
    trust = (tw + 1) / 2
    trust_sum = np.bincount(td, weights=trust, minlength=nodes)

    rep_train = 2 * ((trust_sum[td] - trust) + 1) / ((recv_n[td] - 1) + 2) - 1
    rep_test = 2 * (trust_sum[hd] + 1) / (recv_n[hd] + 2) - 1
    # Path features of the training edges (the direct link is never on a 2-3 hop path).
    sample = np.random.default_rng(SEED).choice(len(tw), size=min(len(tw), 8000), replace=False)
    p_train = np.array([path_probability(out_pos, in_pos, u, v) for u, v in zip(ts[sample].tolist(), td[sample].tolist())])

    # Reciprocity: the rating the target gave the rater, when there is one (the model's strength
    # of a dyad reads evidence both ways).
    given = {(a, b): r for a, b, r in zip(ts.tolist(), td.tolist(), tw.tolist())}
    rev_train = np.array([given.get((b, a), np.nan) for a, b in zip(ts[sample].tolist(), td[sample].tolist())])
    rev_test = np.array([given.get((b, a), np.nan) for a, b in zip(hs.tolist(), hd.tolist())])

    def design(rep, p, rev, paths=True, reciprocity=True):
        cols = [np.ones(len(rep)), rep]
        if paths:
            has = (p > 0).astype(float)
            cols += [has, has * (2 * p - 1)]
        if reciprocity:
            known = ~np.isnan(rev)
            cols += [known.astype(float), np.where(known, rev, 0.0)]
        return np.column_stack(cols)

    for label, paths, recip in [
        ("warmpath reputation + paths", True, False),
        ("warmpath reputation + paths + reciprocity", True, True),
    ]:
        x = design(rep_train[sample], p_train, rev_train, paths, recip)
        coef, *_ = np.linalg.lstsq(x, tw[sample], rcond=None)
        rows[label] = np.clip(design(rep_test, p_test, rev_test, paths, recip) @ coef, -1, 1)

    covered = float((p_test > 0).mean())
    return {k: (rmse(v, hw), sign_auc(v, hw)) for k, v in rows.items()}, len(w), len(hw), covered


def table(results):
    names = list(next(iter(results.values()))[0].keys())
    sets = list(results.keys())
    out = "| predictor | " + " | ".join(f"RMSE {s}" for s in sets) + " | sign AUC " + " / ".join(sets) + " |\n"
    out += "|---" * (len(sets) + 2) + "|\n"
    for n in names:
        cells = [f"{results[s][0][n][0]:.3f}" for s in sets]
        aucs = [f"{results[s][0][n][1]:.2f}" for s in sets]
        out += f"| {n} | " + " | ".join(cells) + " | " + " / ".join(aucs) + " |\n"
    out += "\n" + "; ".join(
        f"{s}: {results[s][1]:,} ratings, {results[s][2]:,} held out, "
        f"{results[s][3] * 100:.0f} % of them with a 2–3 hop path" for s in sets) + ".\n"
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", help="replace the table between the markers in this Markdown file")
    args = ap.parse_args()
    results = {}
    for name, rel in DATASETS:
        path = os.path.join(SHARED, rel)
        if not os.path.exists(path):
            print(f"validate.py: {path} is absent; skipping {name}", file=sys.stderr)
            continue
        results[name.split("-")[1]] = evaluate(name, path)
    if not results:
        sys.exit("validate.py: no data set found under " + SHARED)
    text = table(results)
    print(text, end="")
    if args.write:
        begin, end = "<!-- validation-table:begin -->", "<!-- validation-table:end -->"
        doc = open(args.write, encoding="utf-8").read()
        if begin not in doc or end not in doc:
            sys.exit(f"validate.py: {args.write} has no {begin} ... {end} markers")
        head, rest = doc.split(begin, 1)
        _, tail = rest.split(end, 1)
        open(args.write, "w", encoding="utf-8").write(head + begin + "\n" + text + end + tail)


if __name__ == "__main__":
    main()
