# Sourced by the benchmark scripts: one way to time a whole process.
# measure NAME CMD...: runs CMD $REPS times (stdout discarded) under /usr/bin/time -v and sets
# MEDIAN_S (median wall seconds), MEDIAN_MB (median peak RSS in MB) and RUNS_S (every run's
# seconds, space-separated). Returns 1, after printing the command's last stderr lines, when a
# run fails.
measure() {
  local name=$1; shift
  local times=() peaks=() i log rc
  for ((i = 0; i < REPS; i++)); do
    log=$(mktemp)
    /usr/bin/time -v "$@" > /dev/null 2> "$log"
    rc=$?
    if [ $rc -ne 0 ]; then echo "$name: exit $rc" >&2; tail -3 "$log" >&2; rm -f "$log"; return 1; fi
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")")
    peaks+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")")
    rm -f "$log"
  done
  MEDIAN_S=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  MEDIAN_MB=$(printf '%s\n' "${peaks[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  RUNS_S="${times[*]}"
}
