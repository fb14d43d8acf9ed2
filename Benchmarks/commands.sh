#!/usr/bin/env bash
# Times warmpath's graph commands as whole processes (release build of the warmpath binary),
# next to the scipy + pandas(pyarrow) script (Benchmarks/scipy_distances.py) in the same run:
# wall clock and peak RSS from /usr/bin/time -v, median of REPS runs (default 3).
#
#   bash Benchmarks/commands.sh L        # S, M or L (generated like compare.sh)
#
# Environment: PY (python with pandas, pyarrow and scipy; default python3), DATA (/tmp/bench-data),
# OUT (/tmp/bench-results), REPS (3), SHARED (../shared), SKIP_BUILD=1 to use the binary as built.
set -u
SIZE=${1:?usage: commands.sh S|M|L}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/../shared" 2>/dev/null && pwd)}
PY=${PY:-python3}
DATA=${DATA:-/tmp/bench-data}
OUT=${OUT:-/tmp/bench-results}
REPS=${REPS:-3}
mkdir -p "$DATA" "$OUT"
case $SIZE in S) N=10000 ;; M) N=100000 ;; L) N=1000000 ;; *) echo "size must be S, M or L" >&2; exit 64 ;; esac
csv=$DATA/trust-$SIZE.csv
if [ ! -s "$csv" ]; then
  python3 "$SHARED/bench/gen_graph.py" --nodes $N --avg-degree 10 --seed 42 --format csv --out "$csv.tmp.$$" && mv "$csv.tmp.$$" "$csv" || exit 1
fi
if [ -z "${SKIP_BUILD:-}" ]; then (cd "$ROOT" && swift build -c release 2>&1 | tail -1) >&2; fi
BIN=$ROOT/.build/release/warmpath
RESULT=$OUT/commands-$SIZE.csv
echo "command,size,median_s,runs_s,peak_mb_median" > "$RESULT"

# run NAME CMD...: REPS runs; prints and records the median wall time and median peak RSS.
. "$HERE/timing.sh"
run() {
  local name=$1; shift
  measure "$name" "$@" || return 1
  printf '%-28s %s  median %6.2f s  peak %5s MB  (runs: %s)\n' "$name" "$SIZE" "$MEDIAN_S" "$MEDIAN_MB" "$RUNS_S"
  echo "$name,$SIZE,$MEDIAN_S,$RUNS_S,$MEDIAN_MB" >> "$RESULT"
}

echo "load: $(cut -d' ' -f1 /proc/loadavg) (1 min) on $(nproc) cores" >&2
run "warmpath distances" "$BIN" distances "$csv" --from 0 --weight weight --transform neglog --output "$OUT/distances-$SIZE.csv"
run "warmpath distances (hops)" "$BIN" distances "$csv" --from 0 --output "$OUT/hops-$SIZE.csv"
run "warmpath inspect" "$BIN" inspect "$csv"
if "$PY" -c "import scipy, pandas, pyarrow" 2>/dev/null; then
  run "scipy+pandas(pyarrow)" "$PY" "$HERE/scipy_distances.py" "$csv" "$OUT/scipy-distances-$SIZE.csv"
else
  echo "scipy + pandas + pyarrow not installed for $PY: peer skipped" >&2
fi
if [ "$SIZE" != L ]; then
  run "warmpath export (graphml)" "$BIN" export "$csv" --format graphml --output "$OUT/export-$SIZE.graphml"
fi
echo "results: $RESULT" >&2
