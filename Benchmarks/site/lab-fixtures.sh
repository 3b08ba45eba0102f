#!/usr/bin/env bash
# Real lab runs for the `iceprobe site` fixtures (issue 8): brings up the lab of
# Scenarios/site-tokyo-office.yaml (three desk PCs behind one office NAT, one laptop on a lossy
# Wi-Fi uplink), runs `iceprobe check lab --site tokyo --agent NAME --format json --out FILE` in
# every client's namespace, one after the other, then renders the site report from those
# reports in every format. Removes the lab on exit, also after a failure or Ctrl-C.
#
# Usage: sudo Benchmarks/site/lab-fixtures.sh [OUT_DIR]
#   OUT_DIR defaults to Tests/DiagnosisTests/Fixtures/site/lab (the checked-in fixtures; the
#   site golden test then needs ICEPROBE_UPDATE_GOLDEN=1 and a review of the diff).
#   BIN=path/to/iceprobe to use a built binary (default: a debug build in .build-sitelab);
#   RENDER_DIR=DIR keeps the rendered site reports (site.text, .json, .markdown, .html).
# Bound: each check runs with its default 5 s budget and is killed after 30 s; the whole run
# takes about 30 s.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCENARIO="$ROOT/Scenarios/site-tokyo-office.yaml"
OUT=${1:-$ROOT/Tests/DiagnosisTests/Fixtures/site/lab}
CLIENTS=(desk1 desk2 desk3 laptop1)

if [ -z "${BIN:-}" ]; then
  swift build --scratch-path "$ROOT/.build-sitelab" --product iceprobe 2>&1 | grep -E "error|Build complete" || true
  BIN="$ROOT/.build-sitelab/debug/iceprobe"
fi
[ -x "$BIN" ] || { echo "no iceprobe binary at $BIN" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "the lab needs root (network namespaces)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/iceprobe-site-lab.XXXXXX)
PREFIX=""
cleanup() {
  if [ -n "$PREFIX" ]; then "$BIN" lab down "$PREFIX" >/dev/null 2>&1 || echo "warning: lab down $PREFIX failed" >&2; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN" lab up "$SCENARIO" --format json | tee "$WORK/up.json"
PREFIX=$(jq -r '.prefix // empty' "$WORK/up.json")
CA=$(jq -r '.caCertificate // empty' "$WORK/up.json")
[ -n "$PREFIX" ] || { echo "could not read the lab prefix" >&2; exit 1; }

mkdir -p "$WORK/reports"
for client in "${CLIENTS[@]}"; do
  extra=()
  [ "$client" = laptop1 ] && extra=(--samples 40)   # more samples on the lossy link
  set +e
  timeout 30 "$BIN" lab exec --prefix "$PREFIX" "$client" -- "$BIN" check lab --ca-file "$CA" \
    --site tokyo --agent "$client" "${extra[@]}" --format json --out "$WORK/reports/$client.json" >/dev/null
  rc=$?
  set -e
  # 0 ready / ready-with-warnings, 1 not ready: both are reports; anything else is a failure.
  if [ "$rc" -gt 1 ] || [ ! -s "$WORK/reports/$client.json" ]; then echo "check on $client failed ($rc)" >&2; exit 1; fi
  printf '%-8s %s\n' "$client" "$(grep -m1 '^  "verdict"' "$WORK/reports/$client.json" | tr -d ' ,')"
done

mkdir -p "$OUT"
cp "$WORK/reports/"*.json "$OUT/"
for format in text json markdown html; do
  set +e
  "$BIN" site "$OUT" --format "$format" --out "$WORK/site.$format"
  rc=$?
  set -e
  [ "$rc" -le 1 ] || { echo "iceprobe site --format $format failed ($rc)" >&2; exit 1; }
done
cat "$WORK/site.text"
if [ -n "${RENDER_DIR:-}" ]; then mkdir -p "$RENDER_DIR" && cp "$WORK"/site.* "$RENDER_DIR/"; fi
echo "reports written to $OUT"
