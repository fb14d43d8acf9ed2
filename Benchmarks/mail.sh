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
run() {
  local name=$1; shift
  local times=() peaks=() i log
  for ((i = 0; i < REPS; i++)); do
    log=$(mktemp)
    /usr/bin/time -v "$@" > /dev/null 2> "$log"
    local rc=$?
    if [ $rc -ne 0 ]; then echo "$name: exit $rc" >&2; tail -3 "$log" >&2; rm -f "$log"; return 1; fi
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")")
    peaks+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")")
    rm -f "$log"
  done
  local mt mp rate
  mt=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  mp=$(printf '%s\n' "${peaks[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  rate=$(awk -v mb="$MB" -v t="$mt" 'BEGIN { printf "%.0f", mb / t }')
  printf '%-36s %s %5s MB  median %6.2f s  %5s MB/s  peak %5s MB  (runs: %s)\n' \
    "$name" "$SIZE" "$MB" "$mt" "$rate" "$mp" "${times[*]}"
  echo "$name,$SIZE,$MB,$mt,$rate,${times[*]},$mp" >> "$RESULT"
}

echo "load: $(cut -d' ' -f1 /proc/loadavg) (1 min) on $(nproc) cores; $mbox" >&2
run "warmpath inspect" "$BIN" inspect "$mbox" --max-file-mb 8192
run "warmpath inspect (1 thread)" env WARMPATH_THREADS=1 "$BIN" inspect "$mbox" --max-file-mb 8192
run "warmpath report" "$BIN" report "$mbox" --max-file-mb 8192 --out "$OUT/report-$SIZE" --quiet
if [ -n "$GMIME" ]; then
  run "GMime 3 header reader" "$GMIME" "$mbox"
fi
echo "results: $RESULT" >&2
