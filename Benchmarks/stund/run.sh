#!/usr/bin/env bash
# Benchmark (issue 20): `iceprobe nat` against an RFC 5780 server (coturn) and an independent
# RFC 3489 server (Debian's stund) on the same region, for every NAT type the lab builds. Each
# region runs both (`servers: [coturn, stund]`: coturn on 3478, stund on 3480 of the same two
# addresses); the runs alternate between the two servers in one lab. Prints, per NAT type, how
# many classifications were right against each server, iceprobe's own durationMs (median/max),
# which standard iceprobe says each server speaks, and what coturn's own checker
# (`turnutils_natdiscovery -m -f`) makes of stund. Root only (network namespaces). Not a test.
#
#   Benchmarks/stund/run.sh [--runs N] [--rtt MS] [--loss PCT] [--anchor-runs M] [--bin PATH] [--log FILE]
#
#   --runs N         classifications per server and NAT type (default 10)
#   --rtt MS         round trip to the region, even, 2...2000 (default 10)
#   --loss PCT       random loss per direction on the region's link, 0...50 (default 0)
#   --anchor-runs M  turnutils_natdiscovery runs against stund per NAT type (default 1; 0 skips)
#   --bin PATH       this iceprobe binary (default: build a release one in .build-stund-bench)
#   --log FILE       append every iceprobe JSON report and turnutils output to FILE
#
# Right means classicType, mapping, filtering, natDetected and udpBlocked all as the lab built
# them. Exit status: 0 every run right against both servers, 1 not, 2 usage or setup error.
# Every lab is removed on exit, also on failure or Ctrl-C (trap), by its exact prefix.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=10; RTT=10; LOSS=0; ANCHOR_RUNS=1; BIN=""; LOG=""
usage() { sed -n '10,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="${2:-}"; shift 2 ;;
    --rtt) RTT="${2:-}"; shift 2 ;;
    --loss) LOSS="${2:-}"; shift 2 ;;
    --anchor-runs) ANCHOR_RUNS="${2:-}"; shift 2 ;;
    --bin) BIN="${2:-}"; shift 2 ;;
    --log) LOG="${2:-}"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$RUNS" =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 1 ] && [ "$RUNS" -le 1000 ] || { echo "--runs must be 1...1000" >&2; exit 2; }
[[ "$ANCHOR_RUNS" =~ ^[0-9]+$ ]] && [ "$ANCHOR_RUNS" -le 100 ] || { echo "--anchor-runs must be 0...100" >&2; exit 2; }
[[ "$RTT" =~ ^[0-9]+$ ]] && [ "$RTT" -ge 2 ] && [ "$RTT" -le 2000 ] && [ $((RTT % 2)) -eq 0 ] \
  || { echo "--rtt must be an even number of ms in 2...2000" >&2; exit 2; }
[[ "$LOSS" =~ ^[0-9]+$ ]] && [ "$LOSS" -le 50 ] || { echo "--loss must be 0...50" >&2; exit 2; }
# shellcheck source=../lib/nat-lab.sh
. Benchmarks/lib/nat-lab.sh
nat_lab_require stund turnutils_natdiscovery python3 ip timeout
nat_lab_binary .build-stund-bench

# NAT types, their lab sites and expected answers: NAT_SITE and NAT_EXPECT (Benchmarks/lib/nat-lab.sh).
TYPES="none full-cone restricted-cone port-restricted-cone symmetric udp-blocked"
nat_lab_init stund

# turnutils output -> "MAPPING/FILTERING" as it reports them (EI, AD, APD), "none" for its No NAT, "-" for nothing.
anchor() {
  python3 -c '
import re, sys
text = sys.stdin.read()
if "No NAT" in text: print("none"); sys.exit()
def kind(part, word):
    m = re.search(r"(Endpoint Independent|Address and Port Dependent|Address Dependent) " + word, part)
    return {"Endpoint Independent": "EI", "Address and Port Dependent": "APD", "Address Dependent": "AD"}[m.group(1)] if m else "-"
parts = text.split("Filtering Behavior", 1)
print(kind(parts[0], "Mapping") + "/" + kind(parts[1] if len(parts) > 1 else "", "Filtering"))
'
}

echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); RTT $RTT ms, loss $LOSS % per direction; $RUNS runs per server"
printf '%-21s | %-7s %-7s %5s %5s | %-7s %-7s %5s %5s | %s\n' NAT coturn standard durMs maxMs stund standard durMs maxMs "turnutils on stund"
FAILED=0; TOTAL=0; RIGHT=0
for nat in $TYPES; do
  impair="delayMs: $((RTT / 2))"
  [ "$LOSS" -gt 0 ] && impair="$impair, lossPercent: $LOSS"
  file="$WORK/$nat.yaml"
  nat_lab_scenario "$file" "$nat" "iceprobe nat against coturn and stund, $nat." "$impair" "servers: [coturn, stund]"
  if ! nat_lab_up "$file"; then
    echo "lab up failed for $nat: $UP_OUTPUT" >&2; FAILED=1; remove_labs; continue
  fi
  server="$SERVER"; ns="$NS"
  declare -A ok=() durs=() std=()
  for _ in $(seq "$RUNS"); do
    for port in 3478 3480; do
      json="$(ip netns exec "$ns" timeout 30 "$BIN" nat --server "stun:$server:$port" --format json 2>/dev/null || true)"
      read -r right dur standard got <<<"$(nat_lab_judge "${NAT_EXPECT[$nat]}" <<<"$json")"
      [ -n "$LOG" ] && printf '== iceprobe %s port %s right=%s\n%s\n' "$nat" "$port" "$right" "$json" >> "$LOG"
      ok[$port]=$(( ${ok[$port]:-0} + right )); TOTAL=$((TOTAL + 1)); RIGHT=$((RIGHT + right))
      [ "$dur" != "-" ] && durs[$port]="${durs[$port]:-} $dur"
      std[$port]="$standard"
      [ "$right" = 1 ] || echo "  wrong against port $port: $got" >&2
    done
  done
  theirs=""
  if [ "$ANCHOR_RUNS" -gt 0 ]; then
    local_ip="$(ip netns exec "$ns" ip -4 route get "$server" | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
    for _ in $(seq "$ANCHOR_RUNS"); do
      out="$(ip netns exec "$ns" timeout 30 turnutils_natdiscovery -m -f -L "$local_ip" -p 3480 "$server" 2>&1 || true)"
      theirs="$theirs $(anchor <<<"$out")"
      [ -n "$LOG" ] && printf '== turnutils %s against stund\n%s\n' "$nat" "$out" >> "$LOG"
    done
  fi
  remove_labs
  # shellcheck disable=SC2086
  printf '%-21s | %3s/%-3s %-7s %5s %5s | %3s/%-3s %-7s %5s %5s |%s\n' "$nat" \
    "${ok[3478]:-0}" "$RUNS" "${std[3478]}" "$(median ${durs[3478]:-})" "$(maximum ${durs[3478]:-0})" \
    "${ok[3480]:-0}" "$RUNS" "${std[3480]}" "$(median ${durs[3480]:-})" "$(maximum ${durs[3480]:-0})" "${theirs:- (skipped)}"
  unset ok durs std
done
echo "right: $RIGHT/$TOTAL; durMs/maxMs: iceprobe's own durationMs (median/max); turnutils: its mapping/filtering verdict against stund ('-': none)"
[ "$RIGHT" -eq "$TOTAL" ] || FAILED=1
exit "$FAILED"
