#!/usr/bin/env bash
# Times warmpath on a large synthetic mbox as whole processes (release build), next to a GMime 3
# header reader (Benchmarks/gmime/mbox-headers.c) in the same run: wall clock, MB/s and peak RSS
# from /usr/bin/time -v, median of REPS runs (default 3). The file is read once first, so every
# run reads it from the page cache (the figures are the reader's, not the disk's).
#
#   bash Benchmarks/mail.sh L        # S: 20,000 messages (about 220 MB), L: 200,000 (about 2.2 GB)
#
# Environment: DATA (/tmp/bench-mail), OUT (/tmp/bench-mail-results), REPS (3), SKIP_BUILD=1 to
# use the binary as built, CRLF=1 for a CRLF mbox. The mbox is written by scripts/generate-mail.py
# with --clean (no unescaped From lines: GMime ends the mailbox at the first one).
set -u
SIZE=${1:?usage: mail.sh S|L}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DATA=${DATA:-/tmp/bench-mail}
OUT=${OUT:-/tmp/bench-mail-results}
REPS=${REPS:-3}
mkdir -p "$DATA" "$OUT"
case $SIZE in S) N=20000 ;; L) N=200000 ;; *) echo "size must be S or L" >&2; exit 64 ;; esac
suffix=${CRLF:+-crlf}
mbox=$DATA/mail-$SIZE$suffix.mbox
if [ ! -s "$mbox" ]; then
  python3 "$ROOT/scripts/generate-mail.py" --out "$mbox.tmp.$$" --messages $N --clean ${CRLF:+--crlf} \
    && mv "$mbox.tmp.$$" "$mbox" || exit 1
fi
if [ -z "${SKIP_BUILD:-}" ]; then (cd "$ROOT" && swift build -c release 2>&1 | tail -1) >&2; fi
BIN=${BIN:-$ROOT/.build/release/warmpath}
GMIME=$OUT/mbox-headers
if pkg-config --exists gmime-3.0; then
  # shellcheck disable=SC2046
  cc -O2 -o "$GMIME" "$HERE/gmime/mbox-headers.c" $(pkg-config --cflags --libs gmime-3.0) || GMIME=
else
  echo "libgmime-3.0-dev not installed: the GMime peer is skipped" >&2
  GMIME=
fi
BYTES=$(stat -c %s "$mbox")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b / 1e6 }')
cat "$mbox" > /dev/null
RESULT=$OUT/mail-$SIZE$suffix.csv
echo "command,size,mb,median_s,mb_per_s,runs_s,peak_mb_median" > "$RESULT"

# run NAME CMD...: REPS runs; prints and records the median wall time, MB/s and median peak RSS.
. "$HERE/timing.sh"
run() {
  local name=$1; shift
  measure "$name" "$@" || return 1
  local rate
  rate=$(awk -v mb="$MB" -v t="$MEDIAN_S" 'BEGIN { printf "%.0f", mb / t }')
  printf '%-36s %s %5s MB  median %6.2f s  %5s MB/s  peak %5s MB  (runs: %s)\n' \
    "$name" "$SIZE" "$MB" "$MEDIAN_S" "$rate" "$MEDIAN_MB" "$RUNS_S"
  echo "$name,$SIZE,$MB,$MEDIAN_S,$rate,$RUNS_S,$MEDIAN_MB" >> "$RESULT"
}

echo "load: $(cut -d' ' -f1 /proc/loadavg) (1 min) on $(nproc) cores; $mbox" >&2
run "warmpath inspect" "$BIN" inspect "$mbox" --max-file-mb 8192
run "warmpath inspect (1 thread)" env WARMPATH_THREADS=1 "$BIN" inspect "$mbox" --max-file-mb 8192
run "warmpath report" "$BIN" report "$mbox" --max-file-mb 8192 --out "$OUT/report-$SIZE" --quiet
if [ -n "$GMIME" ]; then
  run "GMime 3 header reader" "$GMIME" "$mbox"
fi
echo "results: $RESULT" >&2
