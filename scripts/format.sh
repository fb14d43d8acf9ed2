#!/usr/bin/env bash
# Formats the Swift sources with the repository's .swift-format (swift-format from the toolchain).
#
#   scripts/format.sh           format Sources, Tests, Benchmarks/Sources and Fuzz/Sources in place
#   scripts/format.sh --check   change nothing; list every difference and exit 1 if there is one
#                               (`swift format lint --strict`: formatting and the enabled rules)
set -euo pipefail
cd "$(dirname "$0")/.."

paths=(Sources Tests Benchmarks/Sources Fuzz/Sources)
config=.swift-format

if swift format --version >/dev/null 2>&1; then
  format=(swift format)
elif command -v swift-format >/dev/null 2>&1; then
  format=(swift-format)
else
  echo "format.sh: swift-format not found (it ships with Swift 6 toolchains as 'swift format')" >&2
  exit 2
fi

case "${1:-}" in
  "")
    "${format[@]}" format --in-place --parallel --recursive --configuration "$config" "${paths[@]}"
    ;;
  --check)
    if ! "${format[@]}" lint --strict --parallel --recursive --configuration "$config" "${paths[@]}"; then
      echo "format.sh: the files above are not formatted; run scripts/format.sh" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: scripts/format.sh [--check]" >&2
    exit 64
    ;;
esac
