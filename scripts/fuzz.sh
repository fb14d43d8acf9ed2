#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (once) and runs one of them with a seed corpus from fixtures/.
#   scripts/fuzz.sh TARGET SECONDS     e.g. scripts/fuzz.sh csv 60
# TARGET: csv linkedin facebook twitter contacts graphml gexf nodelink gml pajek zip config mail
# Linux only (libFuzzer ships with the Swift toolchain there). Crash, timeout and out-of-memory
# inputs go to /tmp/warmpath-fuzz/TARGET/; the corpus is a temporary folder, deleted at the end.
# FUZZ_ARGS adds libFuzzer flags, e.g. FUZZ_ARGS="-fork=1 -ignore_timeouts=1" to go on past a hang.
# Leak detection is off by default (FUZZ_DETECT_LEAKS=1 turns it on): Data(contentsOf:) of an empty
# file leaks 4 KB inside FoundationEssentials (Swift 6.3.1), reported when the process exits.
set -euo pipefail

targets="csv linkedin facebook twitter contacts graphml gexf nodelink gml pajek zip config mail"
if [[ $# -ne 2 || ! " $targets " == *" $1 "* || ! "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh TARGET SECONDS (TARGET one of: $targets)" >&2
    exit 64
fi
target=$1
seconds=$2
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$root/fixtures
seeds=$root/Fuzz/seeds
scratch=$root/Fuzz/.build-fuzz
binary=$scratch/debug/fuzz-$target

# Build once (SwiftPM rebuilds only what changed).
if [[ ! -x $binary || -n ${FUZZ_REBUILD:-} ]]; then
    (cd "$root/Fuzz" && swift build -c debug --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 |
        grep -v -e "Cannot export local symbol" -e "^\[" || true)
fi
[[ -x $binary ]] || { echo "fuzz.sh: build of fuzz-$target failed" >&2; exit 1; }

corpus=$(mktemp -d "${TMPDIR:-/tmp}/warmpath-fuzz-corpus-$target.XXXXXX")
trap 'rm -rf "$corpus"' EXIT

# Copies files into the corpus under names made from their paths (so equal names do not collide).
seed() {
    local f
    for f in "$@"; do
        [[ -f $f ]] && cp "$f" "$corpus/$(echo "${f#"$root"/}" | tr '/ ' '__')"
    done
    return 0
}

shopt -s nullglob globstar
case $target in
csv) seed "$fixtures"/*.csv "$fixtures"/linkedin/*.csv "$fixtures"/contacts/*.csv "$fixtures"/graphs/edgelist/* \
    "$fixtures"/hostile/*.csv ;;
linkedin) seed "$fixtures"/linkedin/*.csv "$fixtures"/team/*/*.csv "$fixtures"/hostile/*.csv ;;
facebook) seed "$fixtures"/facebook/**/*.json "$fixtures"/hostile/facebook-*/**/*.json ;;
twitter) seed "$fixtures"/twitter/data/*.js ;;
contacts) seed "$fixtures"/contacts/*.vcf "$fixtures"/contacts/*.xml "$fixtures"/contacts/*.json "$fixtures"/hostile/*.xcard.xml ;;
graphml) seed "$seeds"/graphml/* "$fixtures"/hostile/*.graphml ;;
gexf) seed "$seeds"/gexf/* "$fixtures"/hostile/*.gexf ;;
nodelink) seed "$fixtures"/graphs/json/*.json "$fixtures"/hostile/*.json ;;
gml) seed "$fixtures"/graphs/text/*.gml ;;
pajek) seed "$fixtures"/graphs/text/*.net "$fixtures"/hostile/*.net "$fixtures"/hostile/fuzz/*.net ;;
config) seed "$seeds"/config/* ;;
mail) seed "$fixtures"/mail/*.mbox "$fixtures"/mail/eml/*.eml "$fixtures"/takeout/Takeout/Mail/*.mbox ;;
zip)
    # Small archives of the fixture exports, built in the corpus folder.
    for dir in linkedin twitter facebook contacts team/ana; do
        (cd "$fixtures/$dir" && zip -qr "$corpus/$(echo "$dir" | tr '/' '_').zip" .)
    done
    ;;
esac
echo "fuzz.sh: fuzz-$target for ${seconds}s, $(ls "$corpus" | wc -l | tr -d ' ') seed files"

artifacts=/tmp/warmpath-fuzz/$target
mkdir -p "$artifacts"
log=$artifacts/last-run.log
status=0
# libFuzzer's -detect_leaks covers each input; ASAN_OPTIONS covers LeakSanitizer's check at exit.
ASAN_OPTIONS="detect_leaks=${FUZZ_DETECT_LEAKS:-0}${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$binary" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -detect_leaks="${FUZZ_DETECT_LEAKS:-0}" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1 || status=$?

execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
[[ -n $execs ]] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
echo "fuzz.sh: fuzz-$target executions: ${execs:-unknown}"
found=$(grep -o -E '(crash|timeout|oom|leak|slow-unit)-[0-9a-f]+' "$log" | sort -u || true)
if [[ $status -ne 0 || -n $found ]]; then
    echo "fuzz.sh: fuzz-$target FOUND A PROBLEM (exit $status): $(grep -m1 -E 'ERROR|==[0-9]+==|Fatal error|deadly signal' "$log" || echo see log)"
    for f in $found; do echo "fuzz.sh:   input $artifacts/$f"; done
    echo "fuzz.sh:   log $log"
    exit 1
fi
echo "fuzz.sh: fuzz-$target no crash found (log $log)"
