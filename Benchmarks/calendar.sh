#!/usr/bin/env bash
# Times reading a large calendar as a whole process (release build of warmpath): a synthetic
# Google-style .ics of EVENTS events (scripts/generate-ics.py), read by `warmpath inspect`
# (parse, time zones, recurrence expansion, records) and by `warmpath report` (everything).
# Wall clock and peak RSS from /usr/bin/time -v, median of REPS runs (default 3).
#
#   bash Benchmarks/calendar.sh            # 50,000 events
#   EVENTS=200000 bash Benchmarks/calendar.sh
#
# Environment: EVENTS (50000), PEOPLE (2000), DATA (/tmp/bench-data), OUT (/tmp/bench-results),
# REPS (3), SKIP_BUILD=1 to use the binary as built, BIN (the binary; default .build/release/warmpath).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
EVENTS=${EVENTS:-50000}
PEOPLE=${PEOPLE:-2000}
DATA=${DATA:-/tmp/bench-data}
OUT=${OUT:-/tmp/bench-results}
REPS=${REPS:-3}
mkdir -p "$DATA" "$OUT"
ics=$DATA/calendar-$EVENTS.ics
if [ ! -s "$ics" ]; then
  python3 "$ROOT/scripts/generate-ics.py" --events "$EVENTS" --people "$PEOPLE" --seed 42 --out "$ics.tmp.$$" \
    && mv "$ics.tmp.$$" "$ics" || exit 1
fi
if [ -z "${SKIP_BUILD:-}" ]; then (cd "$ROOT" && swift build -c release 2>&1 | tail -1) >&2; fi
BIN=${BIN:-$ROOT/.build/release/warmpath}
RESULT=$OUT/calendar-$EVENTS.csv
echo "command,events,bytes,median_s,runs_s,peak_mb_median" > "$RESULT"
bytes=$(stat -c %s "$ics")

. "$HERE/timing.sh"
run() {
  local name=$1; shift
  measure "$name" "$@" || return 1
  printf '%-24s %s events (%s bytes)  median %6.2f s  peak %5s MB  (runs: %s)\n' "$name" "$EVENTS" "$bytes" "$MEDIAN_S" "$MEDIAN_MB" "$RUNS_S"
  echo "$name,$EVENTS,$bytes,$MEDIAN_S,$RUNS_S,$MEDIAN_MB" >> "$RESULT"
}

echo "load: $(cut -d' ' -f1 /proc/loadavg) (1 min) on $(nproc) cores" >&2
run "warmpath inspect" "$BIN" inspect "$ics"
run "warmpath report" "$BIN" report "$ics" --as-of 2024-06-30 --out "$OUT/calendar-report-$EVENTS" --quiet
echo "results in $RESULT" >&2
