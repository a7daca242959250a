#!/usr/bin/env bash
# The examples' suite with Surefire's forkCount=2 against forkCount=1, in the same run: each measured run is a Maven
# build of the kit (its own tests skipped) and the examples, timed from start to end; the two are interleaved, after
# one unmeasured build of each. Prints each build's time, the medians and their ratio.
#
#   benchmark/forks.sh            # 3 builds of each kind, the examples that run on the embedded provider
#   benchmark/forks.sh 5          # 5 of each
#   RLSTESTKIT_FORKS_MODULES=examples/evf-platform,examples/github-app benchmark/forks.sh
#
# Run it from anywhere; it works in the repository root. It builds offline (-o): build once online first.
set -euo pipefail

cd "$(dirname "$0")/.."
repeats=${1:-3}
modules=${RLSTESTKIT_FORKS_MODULES:-examples/evf-platform,examples/github-app,examples/wellness-services,examples/skills-marketplace,examples/supabase-patterns}

build() {
    ./mvnw -B -o -q -pl "rls-testkit,$modules" test -DskipKitTests -DskipTwoForks=true -DforkCount="$1" >/dev/null
}

millis() {
    local start end
    start=$(date +%s%N)
    build "$1"
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 == 1) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "forks benchmark: $modules; $repeats builds of each kind, interleaved, after one unmeasured build of each"
build 1
build 2
one=()
two=()
for ((i = 1; i <= repeats; i++)); do
    one+=("$(millis 1)")
    two+=("$(millis 2)")
    echo "build $i: forkCount=1 ${one[-1]} ms, forkCount=2 ${two[-1]} ms"
done
m1=$(printf '%s\n' "${one[@]}" | median)
m2=$(printf '%s\n' "${two[@]}" | median)
echo "median: forkCount=1 $m1 ms, forkCount=2 $m2 ms, ratio (2 over 1) $(awk -v a="$m2" -v b="$m1" 'BEGIN { printf "%.2f", a / b }')x"
