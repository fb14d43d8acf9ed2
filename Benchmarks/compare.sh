#!/usr/bin/env bash
# Runs warmpath's W1–W7 and the peers (peers.py) on one standard size and prints, per workload,
# our median next to each peer's and the ratio peer/ours (> 1 = we are faster). Also checks our
# W4/W5/W6 dumps against NetworkX's with `peers.py compare`.
#
#   bash Benchmarks/compare.sh S        # S, M or L (L: W1, W4, W5, W6 only)
#
# Environment: PY (python for the peers; default python3 — NetworkX is enough, missing peers are
# reported as unavailable), PEERS (default "networkx igraph networkit rustworkx scipy"),
# DATA (/tmp/bench-data), DUMP (/tmp/bench-dumps), OUT (/tmp/bench-results), SHARED (../shared),
# SKIP_PEERS=1 to reuse earlier peer lines, WORKLOADS to override ours.
set -u
SIZE=${1:?usage: compare.sh S|M|L}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$(cd "$HERE/../../shared" 2>/dev/null && pwd)}
BENCH=$SHARED/bench
PY=${PY:-python3}
PEERS=${PEERS:-"networkx igraph networkit rustworkx scipy"}
DATA=${DATA:-/tmp/bench-data}
DUMP=${DUMP:-/tmp/bench-dumps}
OUT=${OUT:-/tmp/bench-results}
mkdir -p "$DATA" "$DUMP" "$OUT"

case $SIZE in S) N=10000 ;; M) N=100000 ;; L) N=1000000 ;; *) echo "size must be S, M or L" >&2; exit 64 ;; esac
csv=$DATA/trust-$SIZE.csv; gml=$DATA/trust-$SIZE.graphml; js=$DATA/trust-$SIZE.json; tg=$DATA/targets-$SIZE.txt
gen() { # format file
  [ -s "$2" ] && return 0
  python3 "$BENCH/gen_graph.py" --nodes $N --avg-degree 10 --seed 42 --format "$1" --out "$2.tmp.$$" && mv "$2.tmp.$$" "$2"
}
gen csv "$csv" || exit 1
if [ "$SIZE" != L ]; then gen graphml "$gml"; gen json "$js"; fi
if [ ! -s "$tg" ]; then
  # peers.py targets needs pandas + scipy; the recorded lists were made the same way
  "$PY" "$BENCH/peers.py" targets --csv "$csv" --out "$tg" 2>/dev/null || cp "$BENCH/results/targets-$SIZE.txt" "$tg"
fi

# ---- ours
(cd "$HERE" && swift build -c release --scratch-path .build-bench 2>&1 | tail -1) >&2
BIN=$HERE/.build-bench/release/warmpath-bench
WL=${WORKLOADS:-W1,W2,W3,W4,W5,W6}
[ "$SIZE" = S ] && [ -z "${WORKLOADS:-}" ] && WL=$WL,W7
[ "$SIZE" = L ] && [ -z "${WORKLOADS:-}" ] && WL=W1,W4,W5,W6
OURS=$OUT/warmpath-$SIZE.csv
rm -f "$OURS"
ARGS=(graph --size "$SIZE" --csv "$csv" --targets "$tg" --dump "$DUMP" --out "$OURS" --workloads "$WL")
[ -f "$gml" ] && ARGS+=(--graphml "$gml")
[ -f "$js" ] && ARGS+=(--json "$js")
"$BIN" "${ARGS[@]}"

# ---- peers (one process per loader, as run_peers.sh)
PEERCSV=$OUT/peers-$SIZE.csv
if [ -z "${SKIP_PEERS:-}" ]; then
  rm -f "$PEERCSV"
  for p in $PEERS; do
    wl=W1,W4,W5,W6; [ "$SIZE" = S ] && wl=$wl,W7
    "$PY" "$BENCH/peers.py" run --peer "$p" --size "$SIZE" --csv "$csv" --targets "$tg" --workloads "$wl" \
      --nx-bc-sample 500 --dump "$DUMP" --out "$PEERCSV" | grep -E "^$p," >&2
    if [ "$SIZE" != L ] && [ "$p" != scipy ]; then
      "$PY" "$BENCH/peers.py" run --peer "$p" --size "$SIZE" --graphml "$gml" --workloads W2 --out "$PEERCSV" | grep -E "^$p," >&2
      "$PY" "$BENCH/peers.py" run --peer "$p" --size "$SIZE" --json "$js" --workloads W3 --out "$PEERCSV" | grep -E "^$p," >&2
    fi
  done
fi

# ---- correctness against NetworkX
for w in W4 W5 W6; do
  ref=$DUMP/networkx-$SIZE-$w.csv; mine=$DUMP/warmpath-$SIZE-$w.csv
  if [ -f "$ref" ] && [ -f "$mine" ]; then
    printf '%s vs networkx: ' "$w"; "$PY" "$BENCH/peers.py" compare "$ref" "$mine" | head -3
  fi
done

# ---- table: ours next to the peers (this run, or the recorded peer figures when a peer is missing)
python3 - "$SIZE" "$OURS" "$PEERCSV" "$BENCH/results/peers-synthetic.csv" <<'PYEOF'
import csv, sys
size, ours_f, peers_f, recorded_f = sys.argv[1:5]
def rows(path):
    try:
        with open(path) as f:
            return [r for r in csv.DictReader(f) if r["size"] == size]
    except OSError:
        return []
ours = {r["workload"]: r for r in rows(ours_f) if r["median_s"]}
live = {}
for r in rows(peers_f):
    if r["median_s"] and r["workload"].startswith("W"):
        live.setdefault(r["workload"], {})[r["peer"]] = float(r["median_s"])
rec = {}
for r in rows(recorded_f):
    if r["median_s"] and r["workload"].startswith("W"):
        rec.setdefault(r["workload"], {}).setdefault(r["peer"], float(r["median_s"]))
peers = ["networkx", "igraph", "networkit", "rustworkx", "scipy"]
print(f"\nsize {size}: median seconds; ratio = peer / warmpath (> 1: warmpath faster); * = recorded figure (results/), not this run")
print("| workload | warmpath | peak MB | " + " | ".join(peers) + " |")
print("|---|---|---|" + "---|" * len(peers))
for w in sorted(set(ours) | set(live) | set(rec)):
    if w not in ours:
        continue
    o = float(ours[w]["median_s"])
    cells = []
    for p in peers:
        v, star = (live.get(w, {}).get(p), "")
        if v is None:
            v, star = rec.get(w, {}).get(p), "*"
        cells.append("-" if v is None else f"{v:.4f}{star} (x{v / o:.1f})" if o > 0 else f"{v:.4f}{star}")
    print(f"| {w} | {o:.4f} | {ours[w]['peak_rss_mb']} | " + " | ".join(cells) + " |")
PYEOF
