#!/usr/bin/env bash
# Prints how long a fresh clone takes to set up and to run `make test`, as CI does.
#   bash bench/make_test_time.sh [REPO]   (default: this repository's committed HEAD)
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/.." && pwd)}
work=$(mktemp -d)
git clone -q "$repo" "$work/clone"
cd "$work/clone"
s=$(date +%s); make setup >"$work/setup.log" 2>&1; e=$(date +%s)
echo "make setup (fresh clone): $((e - s)) s"
s=$(date +%s); make test >"$work/test.log" 2>&1 || true; e=$(date +%s)
echo "make test: $((e - s)) s"
tail -n 3 "$work/test.log"
echo "logs in $work"
