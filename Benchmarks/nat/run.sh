#!/usr/bin/env bash
# Benchmark: `iceprobe nat` versus `turnutils_natdiscovery -m -f` on the lab, for every NAT type
# the lab can build, with the server 10 ms and 120 ms RTT away. Prints time and correctness side
# by side with the ratio. Root only (network namespaces). Not a test: run it by hand.
#
#   Benchmarks/nat/run.sh [RUNS]        RUNS per NAT type and RTT (default 5)
#
# Every lab is removed on exit, also on failure or Ctrl-C (trap), by its exact prefix.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 2; }
command -v turnutils_natdiscovery >/dev/null || { echo "needs coturn (turnutils_natdiscovery)" >&2; exit 2; }

swift build --scratch-path .build-nat-bench -c release 2>&1 | sed '/prohibited flag(s): -pthread/d' | tail -1
BIN="$(swift build --scratch-path .build-nat-bench -c release --show-bin-path)/iceprobe"

WORK="$(mktemp -d /tmp/iceprobe-nat-bench.XXXXXX)"
PREFIX=""
cleanup() {
  if [ -n "$PREFIX" ]; then timeout 120 "$BIN" lab down "$PREFIX" >/dev/null 2>&1 || true; fi
  PREFIX=""
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# NAT preset -> the classic type iceprobe must report.
declare -A EXPECT=(
  [none]=open-internet [full-cone]=full-cone [restricted-cone]=restricted-cone
  [port-restricted-cone]=port-restricted-cone [symmetric]=symmetric
)
# The words turnutils_natdiscovery prints for the right answer (mapping line, filtering line).
declare -A ANCHOR=(
  [none]="No NAT" [full-cone]="Endpoint Independent Filtering" [restricted-cone]="Address Dependent Filtering"
  [port-restricted-cone]="Address and Port Dependent Filtering" [symmetric]="Address and Port Dependent Mapping"
)

now_ms() { date +%s%3N; }

printf '%-22s %5s | %-28s %8s | %-10s %8s | %6s\n' NAT RTT "iceprobe (right/runs)" "median" "turnutils" "median" ratio
for rtt in 10 120; do
  for nat in none full-cone restricted-cone port-restricted-cone symmetric; do
    file="$WORK/$nat-$rtt.yaml"
    cat > "$file" <<YAML
name: natb-$rtt
description: iceprobe nat benchmark, $nat, server $rtt ms RTT away.
regions:
  - name: jp1
    impair: {delayMs: $((rtt / 2))}
sites:
  - name: office
    lan: 10.20.0.0/24
    nat: $nat
    clients: [agent1]
probes: []
YAML
    up="$(timeout 300 "$BIN" lab up "$file")" || { echo "lab up failed for $nat $rtt ms" >&2; continue; }
    PREFIX="$(sed -n 's/^lab \([^ ]*\) is up.*/\1/p' <<<"$up")"
    server="$(sed -n 's/.*region jp1: [^=]*= \([0-9.]*\),.*/\1/p' <<<"$up")"
    local_ip="$("$BIN" lab exec --prefix "$PREFIX" agent1 -- ip -4 route get "$server" | sed -n 's/.* src \([0-9.]*\).*/\1/p')"

    ours_ok=0; ours_times=(); theirs_ok=0; theirs_times=()
    for _ in $(seq "$RUNS"); do
      ip netns exec "$PREFIX-r-office" conntrack -F >/dev/null 2>&1 || true   # no NAT state left from the previous run
      t0=$(now_ms)
      json="$("$BIN" lab exec --prefix "$PREFIX" agent1 -- "$BIN" nat --server "stun:$server:3478" --format json || true)"
      t1=$(now_ms)
      ours_times+=($((t1 - t0)))
      got="$(sed -n 's/.*"classicType":"\([^"]*\)".*/\1/p' <<<"$json")"
      [ "$got" = "${EXPECT[$nat]}" ] && ours_ok=$((ours_ok + 1))

      t0=$(now_ms)
      out="$("$BIN" lab exec --prefix "$PREFIX" agent1 -- timeout 30 turnutils_natdiscovery -m -f -L "$local_ip" "$server" 2>&1 || true)"
      t1=$(now_ms)
      theirs_times+=($((t1 - t0)))
      grep -q "${ANCHOR[$nat]}" <<<"$out" && theirs_ok=$((theirs_ok + 1))
    done
    timeout 120 "$BIN" lab down "$PREFIX" >/dev/null 2>&1 || true
    PREFIX=""

    median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    m_ours=$(median "${ours_times[@]}"); m_theirs=$(median "${theirs_times[@]}")
    ratio=$(awk -v a="$m_theirs" -v b="$m_ours" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
    printf '%-22s %3sms | %-28s %6sms | %-10s %6sms | %6s\n' "$nat" "$rtt" "$ours_ok/$RUNS ${EXPECT[$nat]}" "$m_ours" \
      "$theirs_ok/$RUNS" "$m_theirs" "$ratio"
  done
done
echo "times include 'lab exec' start-up (the same for both tools); iceprobe's own figure is durationMs in its JSON"
