#!/usr/bin/env bash
# Agents in the lab send their check reports to a collector in the lab (root; run by test.sh).
#   scripts/collector-lab.sh [ICEPROBE_BINARY]
# Builds Benchmarks/collector/lab-upload.yaml (two sites, three agents), starts `iceprobe serve`
# in region jp1's server namespace (plain HTTP on the lab network, --insecure-http), then:
#   1. every agent runs `iceprobe check lab --upload http://jp1.iceprobe.test:PORT`;
#   2. the collector lists the site with its three agents (JSON API and HTML pages);
#   3. `iceprobe site --db` and `iceprobe site --collector` give the same site verdict and agents;
#   4. a browser agent (web1, headless Chromium on desk1's PC) opens the collector's check page
#      (`iceprobe browser lab --collector URL`): its report rolls up with the CLI reports of site
#      tokyo, and the site report says which agent's report came from the CLI and which from a browser;
#   5. with the collector stopped an upload fails and the report stays in the spool; after a
#      restart the next check sends both (spool empty, one more report stored).
# Removes the lab and the collector on every path. Bounded: each check by its 5 s budget, each
# upload by 15 s, collector start by 30 s, the browser agent by its --timeout of 90 s.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-$(swift build --show-bin-path)/iceprobe}"
BIN="$(readlink -f "$BIN")"
[ "$(id -u)" -eq 0 ] || { echo "collector-lab: run as root (the lab builds namespaces)" >&2; exit 2; }

work="$(mktemp -d /tmp/iceprobe-collector-lab.XXXXXX)"
chmod 755 "$work"
prefix=""
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$prefix" ]; then "$BIN" lab down "$prefix" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/tokens"
echo >>"$work/tokens"
up="$("$BIN" lab up Benchmarks/collector/lab-upload.yaml)"
prefix="$(echo "$up" | awk '/^lab /{print $2; exit}')"
ca="$(echo "$up" | awk '/lab CA:/{print $3}')"
ip="$(echo "$up" | awk '/region jp1:/{print $5; exit}' | tr -d ,)"
port=8090
ns="$prefix-s-jp1"
url="http://$ip:$port"
fails=0
check() { if eval "$2"; then echo "collector-lab: PASS $1"; else echo "collector-lab: FAIL $1"; fails=1; fi; }
in_ns() { ip netns exec "$ns" "$@"; }
fetch() { in_ns python3 -c "import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())" "$1"; }

start_collector() {
  ip netns exec "$ns" "$BIN" serve --listen "$ip:$port" --insecure-http --db "$work/collector.sqlite" --token-file "$work/tokens" --profile lab \
    2>>"$work/collector.log" &
  server_pid=$!
  for _ in $(seq 60); do
    fetch "$url/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "collector-lab: the collector did not start" >&2; tail -5 "$work/collector.log" >&2; exit 1
}
stop_collector() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""; }

agent_check() {  # $1 agent; prints the upload lines of stderr
  "$BIN" lab exec --prefix "$prefix" "$1" -- "$BIN" check lab --ca-file "$ca" --site tokyo --agent "$1" \
    --format json --out "$work/$1.json" --upload "http://jp1.iceprobe.test:$port" --insecure-http \
    --token-file "$work/tokens" --spool-dir "$work/spool-$1" 2>&1 >/dev/null | grep "iceprobe check:" || true
}

start_collector
for agent in desk1 desk2 home1; do
  out="$(agent_check "$agent")"
  echo "  $agent: $out"
  check "$agent uploaded its report" '[[ "$out" == *"1 report(s) uploaded"* ]] && [ -z "$(ls "$work/spool-$agent")" ]'
done

sites="$(fetch "$url/api/v1/sites")"
check "the collector lists site tokyo with 3 agents" \
  'python3 -c "import json,sys; s=[x for x in json.loads(sys.argv[1])[\"sites\"] if x[\"site\"]==\"tokyo\"]; sys.exit(0 if s and s[0][\"agents\"]==3 else 1)" "$sites"'
page="$(fetch "$url/sites/tokyo")"
check "the site page lists desk1, desk2 and home1" '[[ "$page" == *desk1* && "$page" == *desk2* && "$page" == *home1* ]]'
index="$(fetch "$url/")"
check "the index page links the site" '[[ "$index" == *"/sites/tokyo"* ]]'
api="$(fetch "$url/api/v1/sites/tokyo")"
fromdb="$("$BIN" site --db "$work/collector.sqlite" --format json || true)"
fromurl="$(in_ns "$BIN" site --collector "$url" --insecure-http --format json || true)"
verdict() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); d=d if isinstance(d,list) else [d]; t=[x for x in d if x['site']=='tokyo'][0]; print(t['verdict'], t['agents'])" "$1"; }
check "site --db and --collector agree with the API ($(verdict "$api"))" \
  '[ "$(verdict "$api")" = "$(verdict "$fromdb")" ] && [ "$(verdict "$api")" = "$(verdict "$fromurl")" ]'

# A browser agent of the same site: the page is served by the collector and posts back to it.
"$BIN" lab exec --prefix "$prefix" desk1 -- "$BIN" browser lab --collector "http://jp1.iceprobe.test:$port" --insecure-http \
  --ca-file "$ca" --site tokyo --agent web1 --timeout 90 --format json >"$work/web1.json" 2>"$work/web1.err" || true
check "the browser agent web1 sent a browser report through the collector's check page" \
  'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d[\"report\"][\"source\"]==\"browser\" else 1)" "$work/web1.json" 2>/dev/null'
[ -s "$work/web1.json" ] || tail -5 "$work/web1.err" >&2
api="$(fetch "$url/api/v1/sites/tokyo")"
check "site tokyo rolls up 4 agents: desk1, desk2, home1 from the CLI and web1 from a browser" \
  'python3 -c "import json,sys; d=json.loads(sys.argv[1]); s={a[\"agent\"]: a[\"source\"] for a in d[\"agentResults\"]}; sys.exit(0 if d[\"agents\"]==4 and s=={\"desk1\":\"cli\",\"desk2\":\"cli\",\"home1\":\"cli\",\"web1\":\"browser\"} else 1)" "$api"'
page="$(fetch "$url/sites/tokyo")"
check "the site page lists web1 as from a browser" '[[ "$page" == *"<td>web1</td><td>browser</td>"* ]]'

stop_collector
out="$(agent_check desk1)"
echo "  desk1 (collector down): $out"
check "with the collector down the report stays in the spool" '[ "$(ls "$work/spool-desk1" | grep -c "^report-")" -eq 1 ]'
start_collector
out="$(agent_check desk1)"
echo "  desk1 (collector back): $out"
check "after the restart the spooled report and the new one are sent" '[[ "$out" == *"2 report(s) uploaded"* ]] && [ -z "$(ls "$work/spool-desk1")" ]'
count="$(sqlite3 "$work/collector.sqlite" "SELECT COUNT(*) FROM reports")"
check "the collector stored 6 reports (3 + browser + 2), none twice" '[ "$count" -eq 6 ]'

# Monitoring: --every 10s --count 3, stopped (SIGTERM, as Ctrl-C) while it waits after the first check.
"$BIN" lab exec --prefix "$prefix" desk2 -- "$BIN" check lab --ca-file "$ca" --site tokyo --agent desk2 --format json \
  --upload "http://jp1.iceprobe.test:$port" --insecure-http --token-file "$work/tokens" --spool-dir "$work/spool-desk2" \
  --every 10s --count 3 >/dev/null 2>"$work/every.log" &
every_pid=$!
for _ in $(seq 100); do
  [ "$(sqlite3 "$work/collector.sqlite" "SELECT COUNT(*) FROM reports")" -ge 7 ] && break
  sleep 0.2
done
sleep 0.5
stopped_at=$(date +%s%N)
kill -TERM "$every_pid"
rc=0; wait "$every_pid" || rc=$?
stop_ms=$(( ($(date +%s%N) - stopped_at) / 1000000 ))
count="$(sqlite3 "$work/collector.sqlite" "SELECT COUNT(*) FROM reports")"
check "check --every stopped during its wait within ${stop_ms} ms (exit $rc), its one report sent, spool empty" \
  '[ "$rc" -eq 130 ] && [ "$stop_ms" -lt 2000 ] && [ "$count" -eq 7 ] && [ -z "$(ls "$work/spool-desk2")" ]'
grep -q "lab-turn-password" "$work"/collector.sqlite* "$work/collector.log" && check "no TURN password in the database or logs" false \
  || check "no TURN password in the database or logs" true
exit "$fails"
