#!/usr/bin/env bash
# Cross-checks `iceprobe nat` against an independent RFC 5780 client, coturn's
# `turnutils_natdiscovery -m -f`, on every NAT type the lab builds (none, full cone, restricted
# cone, port-restricted cone, symmetric): one lab with a client behind each NAT and one coturn
# region 10 ms RTT away. For each client both tools classify mapping and filtering; any
# disagreement, or a tool that gives no verdict, fails the script (exit 1). Runs once per CI run
# (scripts/test.sh).
#
# Usage: sudo scripts/nat-crosscheck.sh [path/to/iceprobe]   (default: the debug build)
# Bounds: natdiscovery waits 3 s per unanswered test (about 6.5 s behind the filtering NATs) and
# is killed after 30 s; the five clients run in parallel, so the whole script takes about 15 s.
# Removes the lab on exit, also after a failure or Ctrl-C.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/.build/debug/iceprobe}
[ -x "$BIN" ] || { echo "nat-crosscheck: no iceprobe binary at $BIN" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "nat-crosscheck: the lab needs root" >&2; exit 2; }
command -v turnutils_natdiscovery >/dev/null || { echo "nat-crosscheck: turnutils_natdiscovery missing (coturn)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/iceprobe-natx.XXXXXX)
PREFIX=""
cleanup() {
  if [ -n "$PREFIX" ]; then "$BIN" lab down "$PREFIX" >/dev/null 2>&1 || echo "warning: lab down $PREFIX failed" >&2; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat > "$WORK/nat.yaml" <<'EOF'
name: nat-crosscheck
description: One client behind each lab NAT type, for turnutils_natdiscovery next to iceprobe nat.
regions:
  - name: jp1
    impair: {delayMs: 5}
sites:
  - {name: none, lan: 10.110.0.0/24, nat: none, clients: [cnone]}
  - {name: full, lan: 10.111.0.0/24, nat: full-cone, clients: [cfull]}
  - {name: rest, lan: 10.112.0.0/24, nat: restricted-cone, clients: [crest]}
  - {name: home, lan: 10.113.0.0/24, nat: port-restricted-cone, clients: [chome]}
  - {name: sym, lan: 10.114.0.0/24, nat: symmetric, clients: [csym]}
probes: []
EOF

"$BIN" lab up "$WORK/nat.yaml" > "$WORK/up.txt"
PREFIX=$(sed -n 's/^lab \([^ ]*\) is up.*/\1/p' "$WORK/up.txt")
SERVER=$(sed -n 's/^  region jp1: jp1.iceprobe.test = \([0-9.]*\),.*/\1/p' "$WORK/up.txt")
[ -n "$PREFIX" ] && [ -n "$SERVER" ] || { echo "nat-crosscheck: could not read the lab prefix or server" >&2; cat "$WORK/up.txt" >&2; exit 1; }

# natdiscovery's words -> RFC 4787 terms as iceprobe writes them.
behaviour() {  # $1 = Mapping | Filtering, stdin = natdiscovery output
  sed -n "s/^NAT with \(.*\) $1!$/\1/p" | head -1 | tr 'A-Z ' 'a-z-'
}

CLIENTS=(cnone cfull crest chome csym)
for client in "${CLIENTS[@]}"; do
  (
    local_ip=$("$BIN" lab exec --prefix "$PREFIX" "$client" -- ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | head -1)
    timeout 30 "$BIN" lab exec --prefix "$PREFIX" "$client" -- \
      turnutils_natdiscovery -m -f -L "$local_ip" "$SERVER" > "$WORK/$client.natdiscovery" 2>&1 || true
    timeout 30 "$BIN" lab exec --prefix "$PREFIX" "$client" -- \
      "$BIN" nat --server "stun:$SERVER:3478" --format json > "$WORK/$client.iceprobe" 2>/dev/null || true
  ) &
done
wait

failed=0
printf '%-6s  %-54s  %-54s  %s\n' client "natdiscovery mapping/filtering" "iceprobe mapping/filtering" result
for client in "${CLIENTS[@]}"; do
  their_mapping=$(behaviour Mapping < "$WORK/$client.natdiscovery")
  their_filtering=$(behaviour Filtering < "$WORK/$client.natdiscovery")
  # iceprobe writes sorted keys: the first "mapping"/"filtering" key is the top-level verdict
  # (per-run details come later, under runDetails), compact or pretty-printed alike.
  our_mapping=$(grep -o '"mapping" *: *"[a-z-]*"' "$WORK/$client.iceprobe" | head -1 | sed 's/.*"\([a-z-]*\)"$/\1/' || true)
  our_filtering=$(grep -o '"filtering" *: *"[a-z-]*"' "$WORK/$client.iceprobe" | head -1 | sed 's/.*"\([a-z-]*\)"$/\1/' || true)
  result=agree
  if [ -z "$their_mapping" ] || [ -z "$their_filtering" ] || [ -z "$our_mapping" ] || [ -z "$our_filtering" ]; then
    result="NO VERDICT"; failed=1
  elif [ "$their_mapping" != "$our_mapping" ] || [ "$their_filtering" != "$our_filtering" ]; then
    result=DISAGREE; failed=1
  fi
  printf '%-6s  %-54s  %-54s  %s\n' "$client" "$their_mapping/$their_filtering" "$our_mapping/$our_filtering" "$result"
  if [ "$result" != agree ]; then
    echo "--- natdiscovery ($client):" >&2; tail -20 "$WORK/$client.natdiscovery" >&2
    echo "--- iceprobe nat ($client):" >&2; head -c 2000 "$WORK/$client.iceprobe" >&2; echo >&2
  fi
done
[ "$failed" = 0 ] && echo "nat-crosscheck: iceprobe nat agrees with turnutils_natdiscovery on ${#CLIENTS[@]} NAT types"
exit "$failed"
