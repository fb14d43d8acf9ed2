#!/usr/bin/env python3
"""The peer of `warmpath distances FILE --from 0 --weight weight --transform neglog --out OUT`,
as a whole process: pandas (pyarrow engine) reads the CSV, scipy.sparse.csgraph.dijkstra runs
from node 0 on cost 0 - ln(w), and the reached nodes are written as node,cost sorted by cost
then node (warmpath also writes hops, which scipy does not give).

    /usr/bin/time -v python3 Benchmarks/scipy_distances.py /tmp/bench-data/trust-L.csv /tmp/scipy-out.csv
"""
import sys

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph


def main(path, out):
    df = pd.read_csv(path, engine="pyarrow")
    s = df["source"].to_numpy(np.int32)
    t = df["target"].to_numpy(np.int32)
    w = df["weight"].to_numpy(np.float64)
    n = int(max(s.max(), t.max())) + 1
    g = sp.csr_matrix((0.0 - np.log(w), (s, t)), shape=(n, n))  # weight 1.0 -> explicit 0.0, kept as an edge
    dist = csgraph.dijkstra(g, directed=True, indices=0)
    reached = np.flatnonzero(np.isfinite(dist))
    order = np.lexsort((reached, dist[reached]))
    nodes = reached[order]
    pd.DataFrame({"node": nodes, "cost": dist[nodes]}).to_csv(out, index=False)
    print(f"{len(nodes)} nodes reached from 0", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
