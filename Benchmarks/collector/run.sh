#!/usr/bin/env bash
# Collector load and crash benchmark, loopback only, bounded in count and time.
#   Benchmarks/collector/run.sh [sqlite|postgres|all]      (default: all)
# For each store:
#   1. load: COUNT reports (default 5000, from `iceprobe site --generate-samples`) sent by
#      CLIENTS concurrent keep-alive clients (default 50) to `iceprobe serve`; checks that the
#      number of reports in the database equals the number of 201 answers; prints p50/p99.
#   2. crash: a second set of reports under the same load; `kill -9` of the server once a fifth
#      of them were answered 201; restart on the same database; checks that every report
#      answered 201 is there.
# Bounds: each load run stops sending after LIMIT_SECONDS (default 300), every request times
# out after 10 s, server start waits at most 60 s. Needs python3, sqlite3, psql and Debian's
# postgresql (scripts/install-deps.sh); the binary from ICEPROBE_BIN or `swift build`.
# Exit 0 when every check held, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
which="${1:-all}"
COUNT="${COUNT:-5000}"
CLIENTS="${CLIENTS:-50}"
LIMIT_SECONDS="${LIMIT_SECONDS:-300}"
BIN="${ICEPROBE_BIN:-$(swift build --show-bin-path)/iceprobe}"
[ -x "$BIN" ] || { echo "run.sh: $BIN not built (swift build)" >&2; exit 1; }

work="$(mktemp -d /tmp/iceprobe-collector-bench.XXXXXX)"
server_pid=""
pg_dir=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ]; then scripts/postgres-scratch.sh stop "$pg_dir" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/tokens"
echo >>"$work/tokens"
"$BIN" site --generate-samples "$COUNT" --seed 1 --sites 20 "$work/load-reports"
"$BIN" site --generate-samples "$COUNT" --seed 2 --sites 20 "$work/crash-reports"

free_port() {
  local port=18080
  while ss -Htln "sport = :$port" | grep -q . ; do port=$((port + 1)); done
  echo "$port"
}

start_server() {  # $1 db, $2 port
  "$BIN" serve --listen "127.0.0.1:$2" --db "$1" --token-file "$work/tokens" 2>>"$work/server.log" &
  server_pid=$!
  local waited=0
  until python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$2/healthz', timeout=2)" 2>/dev/null; do
    sleep 0.5; waited=$((waited + 1))
    if [ "$waited" -ge 120 ] || ! kill -0 "$server_pid" 2>/dev/null; then
      echo "run.sh: the collector did not start; its log:" >&2; tail -5 "$work/server.log" >&2; exit 1
    fi
  done
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
}

sql() {  # $1 store, $2 db, $3 query
  if [ "$1" = sqlite ]; then sqlite3 "$2" "$3"; else psql -qtA "$2" -c "$3"; fi
}

reset_db() {  # $1 store, $2 db
  if [ "$1" = sqlite ]; then rm -f "$2" "$2-wal" "$2-shm"; else psql -q "$2" -c "SET client_min_messages TO warning" -c "DROP TABLE IF EXISTS reports, iceprobe_schema_migrations"; fi
}

failed=0
bench() {  # $1 store
  local store="$1" db
  if [ "$store" = sqlite ]; then
    db="$work/collector.sqlite"
  else
    pg_dir="$(mktemp -u -d /tmp/iceprobe-pg.XXXXXX)"
    db="$(scripts/postgres-scratch.sh start "$pg_dir")"
  fi
  local port
  port="$(free_port)"

  # 1. load
  reset_db "$store" "$db"
  start_server "$db" "$port"
  : >"$work/answered-load"
  local summary
  summary="$(python3 Benchmarks/collector/load.py --url "http://127.0.0.1:$port" --token-file "$work/tokens" \
    --dir "$work/load-reports" --clients "$CLIENTS" --limit-seconds "$LIMIT_SECONDS" --answered "$work/answered-load")"
  stop_server
  local created stored
  created="$(wc -l <"$work/answered-load")"
  stored="$(sql "$store" "$db" "SELECT COUNT(*) FROM reports")"
  echo "$store load: $COUNT reports, $CLIENTS clients: $summary"
  if [ "$created" -eq "$COUNT" ] && [ "$stored" -eq "$created" ]; then
    echo "$store load: PASS 201 answers $created = reports in the database $stored"
  else
    echo "$store load: FAIL 201 answers $created, reports in the database $stored, sent $COUNT"; failed=1
  fi

  # 2. kill -9 mid-load, restart, every 201-answered report present
  reset_db "$store" "$db"
  start_server "$db" "$port"
  : >"$work/answered-crash"
  python3 Benchmarks/collector/load.py --url "http://127.0.0.1:$port" --token-file "$work/tokens" \
    --dir "$work/crash-reports" --clients "$CLIENTS" --limit-seconds "$LIMIT_SECONDS" --answered "$work/answered-crash" \
    >"$work/crash-summary" &
  local load_pid=$! waited=0
  until [ "$(wc -l <"$work/answered-crash")" -ge $((COUNT / 5)) ] || [ "$waited" -ge 600 ]; do sleep 0.1; waited=$((waited + 1)); done
  kill -9 "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  local at_kill
  at_kill="$(wc -l <"$work/answered-crash")"
  wait "$load_pid" || true
  start_server "$db" "$port"
  stop_server
  cut -d' ' -f1 "$work/answered-crash" | sort -u >"$work/ids-answered"
  sql "$store" "$db" "SELECT id FROM reports" | sort -u >"$work/ids-stored"
  local answered missing
  answered="$(wc -l <"$work/ids-answered")"
  missing="$(comm -23 "$work/ids-answered" "$work/ids-stored" | wc -l)"
  echo "$store crash: kill -9 after $at_kill answers; load client: $(cat "$work/crash-summary")"
  if [ "$missing" -eq 0 ] && [ "$answered" -gt 0 ]; then
    echo "$store crash: PASS all $answered reports answered 201 are in the database after the restart ($(wc -l <"$work/ids-stored") stored)"
  else
    echo "$store crash: FAIL $missing of $answered reports answered 201 are missing after the restart"; failed=1
  fi

  if [ "$store" = postgres ]; then scripts/postgres-scratch.sh stop "$pg_dir"; pg_dir=""; fi
}

case "$which" in
  sqlite|postgres) bench "$which" ;;
  all) bench sqlite; bench postgres ;;
  *) echo "usage: $0 [sqlite|postgres|all]" >&2; exit 2 ;;
esac
exit "$failed"
