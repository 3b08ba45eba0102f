#!/usr/bin/env bash
# Configured versus measured: `iceprobe media` in the labs of Scenarios/media-ground-truth.yaml,
# media-bursts.yaml and media-jitter.yaml (one at a time), RUNS streams per configured link, and
# a Markdown table of what each link was configured to do beside what the stream measured
# (min-max over the runs). Every stream goes through two TURN allocations on the region's coturn
# and back, so it crosses the region link inbound and outbound once each leg. Removes each lab
# on exit, also after a failure or Ctrl-C.
#
# Usage: sudo Benchmarks/media/ground-truth.sh [RUNS] [SECONDS]      (defaults: 3 runs, 10 s)
#   BIN=path/to/iceprobe to use a built binary (default: the debug build in .build).
# Bound: each stream is killed after SECONDS + 30 s; the whole run takes about
# 8 x RUNS x (SECONDS + 3) s plus 3 lab builds (about 5 minutes with the defaults).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-3}
SECONDS_PER_STREAM=${2:-10}
BIN=${BIN:-$ROOT/.build/debug/iceprobe}
[ -x "$BIN" ] || { echo "no iceprobe binary at $BIN (swift build first, or BIN=...)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "the lab needs root (network namespaces)" >&2; exit 1; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }

WORK=$(mktemp -d /tmp/iceprobe-media-truth.XXXXXX)
PREFIX=""
cleanup() {
  if [ -n "$PREFIX" ]; then "$BIN" lab down "$PREFIX" >/dev/null 2>&1 || echo "warning: lab down $PREFIX failed" >&2; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

up() {
  "$BIN" lab up "$ROOT/Scenarios/$1" > "$WORK/up.txt"
  PREFIX=$(sed -n 's/^lab \([^ ]*\) is up.*/\1/p' "$WORK/up.txt")
  [ -n "$PREFIX" ] || { echo "could not read the lab prefix" >&2; cat "$WORK/up.txt" >&2; exit 1; }
}
down() { "$BIN" lab down "$PREFIX" >/dev/null; PREFIX=""; }

# stream REGION EXTRA-ARGS... -> one JSON report per run in $WORK/REGION.N.json
stream() {
  local region=$1; shift
  for run in $(seq 1 "$RUNS"); do
    timeout $((SECONDS_PER_STREAM + 30)) "$BIN" lab exec --prefix "$PREFIX" agent1 -- "$BIN" media "turn:$region.iceprobe.test:3478" \
      --user agent --credential-file "/run/iceprobe/$PREFIX/turn-$region.password" \
      --seconds "$SECONDS_PER_STREAM" --format json "$@" > "$WORK/$region.$run.json" || true
  done
}

# range REGION JQ-EXPRESSION -> "min-max" (or the one value) over the runs
range() {
  local region=$1 expr=$2
  jq -r "$expr" "$WORK/$region".*.json | sort -g | awk 'NR==1{lo=$1} {hi=$1} END{ if (lo==hi) print lo; else print lo "-" hi }'
}

up media-ground-truth.yaml
stream jp1
stream us1 --codec pcmu --no-datagrams
stream br1
stream in1
down
up media-bursts.yaml
stream de1 --no-datagrams
stream sg1 --no-datagrams
down
up media-jitter.yaml
stream au1 --no-datagrams
stream ie1 --no-datagrams
down

echo "| link (configured) | expected | measured ($RUNS runs of $SECONDS_PER_STREAM s) |"
echo "|---|---|---|"
echo "| jp1: no impairment | no loss, jitter < 1 ms, every size | loss $(range jp1 .stream.lossPercent) %, jitter $(range jp1 .stream.jitterMs) ms, RTT median $(range jp1 .stream.rttMs.median) ms, largest $(range jp1 .maxDatagramBytes) bytes, MOS $(range jp1 .stream.mos) |"
echo "| us1: 3 % random loss inbound | 3 % +/- 1.5 % | loss $(range us1 .stream.lossPercent) %, burst ratio $(range us1 .stream.burstRatio) |"
echo "| de1: Gilbert 2 % / 25 % inbound (slot 20 ms) | burst ratio 1/(0.04 + 0.25) = 3.4 | loss $(range de1 .stream.lossPercent) %, burst ratio $(range de1 .stream.burstRatio), longest run $(range de1 .stream.bursts.maxLength) |"
echo "| sg1: 12 % random loss inbound | 12 %, burst ratio about 1 | loss $(range sg1 .stream.lossPercent) %, burst ratio $(range sg1 .stream.burstRatio) |"
echo "| au1: 20 +/- 20 ms inbound, order kept | RFC 3550 jitter 7.8-15.6 ms (p0.5-p99.5 simulated), no reordering | jitter $(range au1 .stream.jitterMs) ms, delay variation p99 $(range au1 .stream.delayVariationMs.p99) ms, reordered $(range au1 .stream.reorderedPercent) % |"
echo "| ie1: 15 +/- 15 ms inbound, reordering allowed | reordered (10/30)^2/2 = 5.6 % | reordered $(range ie1 .stream.reorderedPercent) % |"
echo "| br1: IP packets over 1300 bytes dropped | largest 1200 (1280 is 1312 on the wire) | largest $(range br1 .maxDatagramBytes) bytes |"
echo "| in1: IP packets over 1100 bytes dropped | largest 576, mtu-black-hole | largest $(range in1 .maxDatagramBytes) bytes, findings $(jq -r '.findingIds | join(",")' "$WORK"/in1.*.json | sort -u | paste -sd';') |"
