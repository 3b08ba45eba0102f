#!/usr/bin/env bash
# The browser's view and `iceprobe gather`'s view of the same client, side by side (root).
#   Benchmarks/browser/side-by-side.sh [ICEPROBE_BINARY] [RUNS]
# Brings up the lab of Scenarios/browser-home-nat.yaml (a client behind a home router, jp1 5 ms
# and us1 80 ms one way), then RUNS times (default 3) on the same client: `iceprobe browser lab`
# (headless Chromium on the collector's check page) and `iceprobe gather` (libnice) with jp1's
# STUN and TURN UDP/TCP servers. Prints one table per run: candidates per type, how host
# addresses look, relay transports, first srflx/relay time, gathering complete, TURN errors seen.
# Bounded: each browser run by its 90 s --timeout, each gather by its 5 s deadline. Removes the
# lab on every path.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$(readlink -f "${1:-$(swift build --show-bin-path)/iceprobe}")"
RUNS="${2:-3}"
[ "$(id -u)" -eq 0 ] || { echo "side-by-side: run as root (the lab builds namespaces)" >&2; exit 2; }
work="$(mktemp -d /tmp/iceprobe-side-by-side.XXXXXX)"
prefix=""
cleanup() {
  if [ -n "$prefix" ]; then "$BIN" lab down "$prefix" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
up="$("$BIN" lab up Scenarios/browser-home-nat.yaml)"
prefix="$(echo "$up" | awk '/^lab /{print $2; exit}')"
ca="$(echo "$up" | awk '/lab CA:/{print $3}')"
printf 'lab-turn-password\n' >"$work/password"
chmod 600 "$work/password"
for run in $(seq "$RUNS"); do
  "$BIN" lab exec --prefix "$prefix" web1 -- "$BIN" browser lab --ca-file "$ca" --site home --agent web1 \
    --timeout 90 --format json >"$work/browser.json" 2>"$work/browser.err" || true
  "$BIN" lab exec --prefix "$prefix" web1 -- "$BIN" gather "stun:jp1.iceprobe.test:3478" \
    --turn "turn:jp1.iceprobe.test:3478?transport=udp" --turn "turn:jp1.iceprobe.test:3478?transport=tcp" \
    --user agent --credential-file "$work/password" --format json >"$work/gather.json" 2>"$work/gather.err" || true
  python3 - "$run" "$work/browser.json" "$work/gather.json" <<'PY'
import json, sys
run, browser_file, gather_file = sys.argv[1:4]
try:
    b = json.load(open(browser_file))["report"]["browser"]
except Exception as error:
    print(f"run {run}: no browser report ({error})"); sys.exit(0)
try:
    g = json.load(open(gather_file))
except Exception as error:
    print(f"run {run}: no gather report ({error})"); sys.exit(0)
# The browser's trickle gathering with jp1's servers (same servers as gather, plus turns:).
t = next(x for x in b["gathering"] if x["mode"] == "trickle" and x["region"] == "jp1")
v = next(x for x in b["gathering"] if x["mode"] == "vanilla" and x["region"] == "jp1")
cands = t["candidates"]
def count(kind, items, key="type"): return sum(1 for c in items if c[key] == kind)
def first(kind, items, ms):
    times = [c[ms] for c in items if c["type"] == kind and c[ms] is not None]
    return f"{min(times):.0f} ms" if times else "-"
host_b = sorted({("mDNS name" if c["address"].endswith(".local") else "IP") + "/" + c["protocol"] for c in cands if c["type"] == "host"})
host_g = sorted({"IP/" + c["transport"] for c in g["candidates"] if c["type"] == "host"})
relay_b = sorted({c["relayProtocol"] or "?" for c in cands if c["type"] == "relay"})
relay_g = [k for k, n in (("udp", g["counts"]["relayViaUDP"]), ("tcp", g["counts"]["relayViaTCP"]), ("tls", g["counts"]["relayViaTLS"])) if n]
errors_b = sorted({f'{e["code"]} {e["text"]}' for e in t["errors"]})
rows = [
    ("host candidates", f'{count("host", cands)} ({", ".join(host_b)})', f'{g["counts"]["host"]} ({", ".join(host_g)})'),
    ("srflx candidates", str(count("srflx", cands)), f'{g["counts"]["srflx"]} ({g["counts"]["srflxUDP"]} UDP)'),
    ("relay candidates", f'{count("relay", cands)} (via {", ".join(relay_b)})', f'{g["counts"]["relay"]} (via {", ".join(relay_g)})'),
    ("first srflx", first("srflx", cands, "ms"), f'{g["firstCandidateMs"]["srflx"]:.0f} ms' if g["firstCandidateMs"]["srflx"] else "-"),
    ("first relay", first("relay", cands, "ms"), f'{g["firstCandidateMs"]["relay"]:.0f} ms' if g["firstCandidateMs"]["relay"] else "-"),
    ("gathering complete", f'{t["completeMs"]:.0f} ms trickle, {v["completeMs"]:.0f} ms vanilla' if t["completeMs"] and v["completeMs"] else "not complete",
     f'{g["gatheringCompleteMs"]:.0f} ms'),
    ("TURN/STUN errors seen", "; ".join(errors_b) or "none", "none (libnice reports no error codes)"),
]
print(f"run {run}")
print(f'  {"":24} {"browser (Chromium)":44} gather (libnice)')
for name, left, right in rows:
    print(f"  {name:24} {left:44} {right}")
PY
done
