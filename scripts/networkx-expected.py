#!/usr/bin/env python3
"""NetworkX's answers for the karate files in ../shared/data/graphs/karate-multiformat.

Writes one small JSON file per karate file into fixtures/graphs/expected/ (committed; the
tests read them, so CI does not need NetworkX):

  {"file", "networkx", "directed", "nodes", "edges", "from",
   "hops": {node: BFS hop distance from "from"},
   "weighted": {"transform": "inverse", "undirected": true,          (weighted file only)
                "cost": {node: least cost with cost 1/w},
                "hops": {node: fewest edges among the least-cost paths}}}

Each file is read the way warmpath reads it: direction from the file (edge lists directed),
node ids as written (GML labels, Pajek vertex labels).

  python3 scripts/networkx-expected.py [SHARED_DIR] [OUT_DIR]
"""
import json
import math
import os
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "fixtures", "graphs", "expected")
KARATE = os.path.join(SHARED, "data", "graphs", "karate-multiformat")


def read(name):
    path = os.path.join(KARATE, name)
    if name.endswith(".graphml"):
        return nx.read_graphml(path)
    if name.endswith(".gexf"):
        return nx.read_gexf(path)
    if name.endswith(".gml"):
        return nx.read_gml(path)
    if name.endswith(".net"):
        return nx.read_pajek(path)
    if name.endswith(".cytoscape.json"):
        with open(path) as f:
            return nx.cytoscape_graph(json.load(f))
    if name.endswith(".json"):
        with open(path) as f:
            data = json.load(f)
        return nx.node_link_graph(data, edges="links" if "links" in data else "edges")
    if name.endswith(".csv"):
        g = nx.DiGraph()
        with open(path) as f:
            next(f)
            for line in f:
                s, t, w = line.strip().split(",")
                g.add_edge(s, t, weight=float(w))
        return g
    raise ValueError(name)


def fewest_hops(g, source, cost, weight):
    """BFS over the edges that lie on least-cost paths (d[u] + w == d[v])."""
    hops = {source: 0}
    frontier = [source]
    while frontier:
        nxt = []
        for u in frontier:
            nbrs = g.successors(u) if g.is_directed() else g.neighbors(u)
            for v in nbrs:
                if v in hops or v not in cost:
                    continue
                if math.isclose(cost[u] + weight(u, v), cost[v], rel_tol=1e-12, abs_tol=1e-12):
                    hops[v] = hops[u] + 1
                    nxt.append(v)
        frontier = sorted(nxt, key=lambda x: (int(x) if x.isdigit() else x))
    return hops


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in sorted(os.listdir(KARATE)):
        g = read(name)
        g = nx.relabel_nodes(g, {n: str(n) for n in g.nodes})
        source = "0"
        out = {
            "file": name,
            "networkx": nx.__version__,
            "directed": g.is_directed(),
            "nodes": g.number_of_nodes(),
            "edges": g.number_of_edges(),
            "from": source,
            "hops": dict(sorted(nx.single_source_shortest_path_length(g, source).items(), key=lambda kv: int(kv[0]))),
        }
        if name.endswith("weighted.csv"):
            u = g.to_undirected()
            w = lambda a, b: 1.0 / u[a][b]["weight"]
            cost = nx.single_source_dijkstra_path_length(u, source, weight=lambda a, b, d: 1.0 / d["weight"])
            out["weighted"] = {
                "transform": "inverse",
                "undirected": True,
                "cost": dict(sorted(cost.items(), key=lambda kv: int(kv[0]))),
                "hops": dict(sorted(fewest_hops(u, source, cost, w).items(), key=lambda kv: int(kv[0]))),
            }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(out, f, indent=1, sort_keys=False)
            f.write("\n")
        print(f"{name}: {out['nodes']} nodes, {out['edges']} edges, directed={out['directed']}, {len(out['hops'])} reached")


if __name__ == "__main__":
    main()
