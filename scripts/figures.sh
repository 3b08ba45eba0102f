#!/usr/bin/env bash
# Reprints every figure in README.md's "Measured figures" and Benchmarks/nat/RESULTS.md, at the
# checked-out commit, with modest run counts (the machine is small and shared):
#   1. lab scenarios that carry figures (ground truth delay, Japan regions, dropouts, trickle
#      timing, site office), with the release binary: the result tables show every measured value;
#   2. the loopback and lab tests that print figures ("figure:" and "LabTests:" lines);
#   3. Benchmarks/site/run.sh (10,000 reports, 3 runs per format);
#   4. Benchmarks/nat/run.sh --runs 5 --anchor-runs 1 --loss 0,2 (5 iceprobe runs and 1
#      turnutils_natdiscovery run per NAT type, RTT and loss).
# Usage: sudo scripts/figures.sh [SECTION...]   (sections: scenarios tests site nat; default all)
# Uses the release build `swift build -c release --static-swift-stdlib` (built if missing) and
# the debug test build. Takes about 8 minutes; every lab is removed on exit by the tools it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "figures: run as root (the lab builds network namespaces)" >&2; exit 2; }
SECTIONS=${*:-scenarios tests site nat}
quiet() { sed -u '/prohibited flag(s): -pthread/d'; }
swift build -c release --static-swift-stdlib 2>&1 | quiet | grep -E "error|Build complete" || true
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)/iceprobe"
[ -x "$BIN" ] || { echo "figures: no release binary at $BIN" >&2; exit 1; }
echo "figures at commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

for section in $SECTIONS; do
  case "$section" in
    scenarios)
      echo "== scenarios (release binary; one run each)"
      "$BIN" scenario run Scenarios/ground-truth-delay.yaml Scenarios/check-japan-regions.yaml \
        Scenarios/dropouts.yaml Scenarios/gather-trickle.yaml Scenarios/site-tokyo-office.yaml || true
      ;;
    tests)
      echo "== tests that print figures (debug build)"
      swift build --build-tests 2>&1 | quiet | grep -E "error|Build complete" || true
      ICEPROBE_REQUIRE_INTEGRATION=1 swift test --skip-build --no-parallel \
        --filter "LinkDirectionTests|StunProbeCoturnTests|TurnCoturnTests|NatCoturnTests" 2>&1 \
        | grep -E "^figure:|^LabTests:|✘" || true
      ;;
    site)
      echo "== Benchmarks/site/run.sh 10000 (release binary, median of 3)"
      BIN="$BIN" Benchmarks/site/run.sh 10000 || true
      ;;
    nat)
      echo "== Benchmarks/nat/run.sh --runs 5 --anchor-runs 1 --loss 0,2 (release binary)"
      Benchmarks/nat/run.sh --runs 5 --anchor-runs 1 --loss 0,2 --bin "$BIN" || true
      ;;
    *) echo "figures: unknown section $section" >&2; exit 2 ;;
  esac
done
