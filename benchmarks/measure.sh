#!/usr/bin/env bash
# Reproduces the numbers of docs/performance.md: builds the CLI and the benchmarks, generates the
# workloads, then measures whole-process replay against the floor, memory, decisions and compiles.
# Usage: benchmarks/measure.sh [WORKDIR]   (needs about 3 GB of disk for the workloads)
#        RUNS=N benchmarks/measure.sh ...   (interleaved floor/replay pairs for calls-2m; default 9)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/benchmarks/target/workloads}"
cli="$root/mcppolicy"   # the launcher, with the JVM options users get
bench="$root/benchmarks/target/benchmarks.jar"
export LC_ALL=C

(cd "$root" && mvn -B -q -Pbenchmarks -DskipTests package)
# the build made a new jar: the launcher's first run makes its class-data archive (a training
# run), which must not be inside the first measured run's time and peak memory
"$cli" --version > /dev/null
[[ -f "$work/calls-8m.trace.jsonl" ]] || java -cp "$bench" dev.mcppolicy.bench.Generate "$work"
# calls-2m with its first two records swapped: the replay must sort it
if [[ ! -f "$work/unsorted-2m.trace.jsonl" ]]; then
  { head -n 1 "$work/calls-2m.trace.jsonl"; sed -n 3p "$work/calls-2m.trace.jsonl"; sed -n 2p "$work/calls-2m.trace.jsonl"
    tail -n +4 "$work/calls-2m.trace.jsonl"; } > "$work/unsorted-2m.trace.jsonl"
fi

# runs a command once, its output discarded: sets t (wall-clock seconds) and m (peak RSS, MB)
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2>&1
  read -r t m < "$work/time.txt"
  m=$((m / 1024))
}

# median wall-clock seconds and peak RSS (MB) of three runs of a command
measure() {
  local label="$1"; shift
  local times=() rss=()
  for _ in 1 2 3; do
    timed "$@"; times+=("$t"); rss+=("$m")
  done
  printf '%-44s %8s s  %6s MB peak\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)" \
    "$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)"
}

# The floor and the replay of one trace, run in turn RUNS times (this machine's speed drifts
# within minutes, and runs far apart compare that drift more than the programs): medians of
# wall-clock seconds, the highest peak RSS, and the ratio of the medians.
ratio() {
  local trace="$1" runs="$2" of="$3"
  local floors=() replays=() frss=() rrss=()
  for _ in $(seq "$runs"); do
    timed java -cp "$bench" dev.mcppolicy.bench.Floor "$trace"; floors+=("$t"); frss+=("$m")
    timed "$cli" replay --policy "$work/policy-200.mcppolicy" "$trace"; replays+=("$t"); rrss+=("$m")
  done
  local mid=$(( (runs + 1) / 2 ))
  local f; f=$(printf '%s\n' "${floors[@]}" | sort -n | sed -n "${mid}p")
  local r; r=$(printf '%s\n' "${replays[@]}" | sort -n | sed -n "${mid}p")
  printf '%-44s %8s s  %6s MB peak\n' "floor: Jackson reads each timestamp, $of" "$f" "$(printf '%s\n' "${frss[@]}" | sort -n | tail -1)"
  printf '%-44s %8s s  %6s MB peak\n' "mcppolicy replay, $of" "$r" "$(printf '%s\n' "${rrss[@]}" | sort -n | tail -1)"
  echo "ratio replay / floor ($runs interleaved pairs, medians): $(printf "%.2f" "$(echo "scale=4; $r / $f" | bc)")"
}

echo "== whole-process replay of 2,000,000 calls against the floor"
ratio "$work/calls-2m.trace.jsonl" "${RUNS:-9}" "2M"
echo "== memory: a 4x longer trace (and the floor on it: a long trace weighs start-up less)"
ratio "$work/calls-8m.trace.jsonl" 3 "8M"
echo "== an unsorted trace: calls-2m with two lines swapped, sorted through temporary files"
measure "replay of unsorted calls-2m" "$cli" replay --policy "$work/policy-200.mcppolicy" "$work/unsorted-2m.trace.jsonl"
echo "== diff --traces on calls-2m: policy-200 against itself with a lower all-tools budget"
# 1,000 calls an hour per grant: about 10% of the calls flip (docs/performance.md, docs/diff.md)
sed 's/all tools limit 100000\/hour/all tools limit 1000\/hour/; s/policy "benchmark"/policy "benchmark-proposed"/' \
  "$work/policy-200.mcppolicy" > "$work/policy-200-proposed.mcppolicy"
measure "replay of calls-2m" "$cli" replay --policy "$work/policy-200.mcppolicy" "$work/calls-2m.trace.jsonl"
measure "diff of calls-2m, text" "$cli" diff "$work/policy-200.mcppolicy" "$work/policy-200-proposed.mcppolicy" \
  --traces "$work/calls-2m.trace.jsonl"
measure "diff of calls-2m, every flip in JSON lines" "$cli" diff "$work/policy-200.mcppolicy" \
  "$work/policy-200-proposed.mcppolicy" --traces "$work/calls-2m.trace.jsonl" --format jsonl
echo "== compile of the Odoo sample, whole process"
measure "mcppolicy compile samples/odoo" "$cli" compile "$root/samples/odoo/policy.mcppolicy"
echo "== JMH: one decision (p50 in the SampleTime table), compile of 5,000 tools"
java -jar "$bench" -f 1 DecisionBenchmark CompileBenchmark > "$work/jmh.txt" 2>&1
if grep -q "<failure>" "$work/jmh.txt"; then
  cat "$work/jmh.txt" >&2
  echo "measure.sh: a benchmark failed (its output is above)" >&2
  exit 1
fi
grep -E "^(Benchmark|DecisionBenchmark.decide:p0.50|CompileBenchmark)" "$work/jmh.txt"
