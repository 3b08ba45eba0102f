#!/usr/bin/env bash
# The main job on a fresh machine, with no internet needed: installs what iceprobe needs, builds
# it, builds the built-in lab "check-japan-regions" (a Tokyo site behind a home-router NAT; media
# regions jp1 10 ms and us1 160 ms RTT away, each a real coturn), runs `iceprobe check` on the
# lab's agent PC and prints its readiness report. The lab is removed afterwards, also on failure
# or Ctrl-C. Extra arguments go to `iceprobe check` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "demo.sh: run as root (the lab builds network namespaces): sudo $0" >&2
  exit 2
fi
scripts/install-deps.sh
echo "building iceprobe (first build: about 2 minutes)..." >&2
swift build -q 2>&1 | sed -u '/prohibited flag(s): -pthread/d'
BIN="$(swift build --show-bin-path)/iceprobe"

SCENARIO=Scenarios/check-japan-regions.yaml
up="$("$BIN" lab up "$SCENARIO" --format json)"
prefix="$(jq -r '.prefix // empty' <<<"$up")"
[ -n "$prefix" ] || { printf '%s\n' "$up" >&2; echo "demo.sh: lab did not come up" >&2; exit 1; }
trap '"$BIN" lab down "$prefix" >/dev/null' EXIT INT TERM
ca="$(jq -r '.caCertificate // empty' <<<"$up")"
jq . <<<"$up"
echo

set +e
"$BIN" lab exec --prefix "$prefix" agent1 -- "$BIN" check lab --ca-file "$ca" \
  --site tokyo --agent agent1 "$@"
status=$?
set -e
echo
echo "iceprobe check exited with $status (0 ready / ready-with-warnings, 1 not ready)"
exit "$status"
