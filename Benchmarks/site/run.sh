#!/usr/bin/env bash
# Benchmark of `iceprobe site` (issue 8, scale target: 10,000 agent reports in under 2 s with
# bounded memory). Builds iceprobe in release mode, generates N seeded synthetic check reports
# (hidden flag `iceprobe site --generate-samples N DIR`; reports built by the real evaluator),
# times the rollup in every format three times (wall time and peak RSS from /usr/bin/time),
# and removes the generated files on exit, also on failure.
#
# Usage: Benchmarks/site/run.sh [N] [SITES]      (defaults: 10000 reports, 20 sites)
# Exit status: 0 when the median JSON rollup took under 2 s, 1 otherwise.
#
# Its figures are in README.md ("Measured figures"), reprinted by `scripts/figures.sh site`.
set -euo pipefail
N=${1:-10000}
SITES=${2:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-site-release}

if [ -z "${BIN:-}" ]; then   # BIN=path/to/iceprobe uses a release binary you built
  echo "building iceprobe (release, scratch $SCRATCH) ..."
  swift build -c release --scratch-path "$SCRATCH" --product iceprobe 2>&1 | grep -E "error|Compiling iceprobe|Build complete" || true
  BIN="$SCRATCH/release/iceprobe"
fi
[ -x "$BIN" ] || { echo "no release binary at $BIN" >&2; exit 1; }

TMP=$(mktemp -d /tmp/iceprobe-site-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

start=$(date +%s%N)
"$BIN" site --generate-samples "$N" --seed 1 --sites "$SITES" "$TMP/reports"
end=$(date +%s%N)
files=$(find "$TMP/reports" -name '*.json' | wc -l)
bytes=$(du -sb "$TMP/reports" | cut -f1)
echo "generated $files reports ($((bytes / 1024 / 1024)) MiB) in $(( (end - start) / 1000000 )) ms"
echo "machine: $(nproc) cores; $(uname -r); load average: $(cut -d' ' -f1-3 /proc/loadavg) (wall times need an idle machine)"

median_json_ms=0
median_json_cpu=0
for format in json text markdown html; do
  runs=()
  cpu=()
  rss=0
  for attempt in 1 2 3; do
    start=$(date +%s%N)
    # Exit 1 only means a site is not ready; anything else is a failure.
    set +e
    /usr/bin/time -f "%U %S %M" -o "$TMP/rss" "$BIN" site "$TMP/reports" --format "$format" --out "$TMP/out.$format" --timings 2>"$TMP/stderr"
    rc=$?
    set -e
    end=$(date +%s%N)
    if [ "$rc" -gt 1 ]; then echo "iceprobe site failed ($rc):" >&2; cat "$TMP/stderr" >&2; exit 1; fi
    runs+=($(( (end - start) / 1000000 )))
    read -r user sys kb < <(tail -1 "$TMP/rss")
    cpu+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    [ "$kb" -gt "$rss" ] && rss=$kb
    phases=$(grep '^timings:' "$TMP/stderr" || true)
  done
  sorted=($(printf '%s\n' "${runs[@]}" | sort -n))
  median=${sorted[1]}
  if [ "$format" = json ]; then
    median_json_ms=$median
    median_json_cpu=$(printf '%s\n' "${cpu[@]}" | sort -n | sed -n 2p)
  fi
  printf '%-9s wall ms: %s (median %s)  CPU s: %s  peak RSS: %d MiB  output: %d KiB\n' "$format" "${runs[*]}" "$median" \
    "${cpu[*]}" $((rss / 1024)) $(( $(stat -c %s "$TMP/out.$format") / 1024 ))
  echo "          last run $phases"
done

# Memory grows with the number of agents (one small record each), not with report bytes:
# compare with a tenth of the reports.
mkdir -p "$TMP/tenth"
# (sed reads its whole input: `head` would end the pipe early and pipefail would stop the script)
find "$TMP/reports" -name '*.json' | sort | sed -n "1,$((N / 10))p" | xargs -I{} cp {} "$TMP/tenth/"
/usr/bin/time -f "%M" -o "$TMP/rss" "$BIN" site "$TMP/tenth" --format json --out "$TMP/out.tenth" 2>/dev/null || true
echo "json with $((N / 10)) reports: peak RSS $(( $(tail -1 "$TMP/rss") / 1024 )) MiB"

# CPU time (user + system, all threads) is what the load of other processes does not inflate;
# wall time is what the target is about.
if [ "$median_json_ms" -lt 2000 ]; then
  echo "PASS: $N reports rolled up in $median_json_ms ms wall, $median_json_cpu s CPU (median; target < 2000 ms)"
else
  echo "FAIL: $N reports took $median_json_ms ms wall, $median_json_cpu s CPU (median; target < 2000 ms; load average $(cut -d' ' -f1 /proc/loadavg))"
  exit 1
fi
