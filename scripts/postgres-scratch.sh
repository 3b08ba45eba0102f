#!/usr/bin/env bash
# A throw-away PostgreSQL server for the collector's tests and benchmark, on 127.0.0.1 only.
#   scripts/postgres-scratch.sh start DIR [PORT]   initdb a cluster in DIR (created; must not exist),
#                                                  start it on 127.0.0.1:PORT (default: a free port
#                                                  from 55432 up), create database "iceprobe" and
#                                                  print its URL: postgres://postgres@127.0.0.1:PORT/iceprobe
#   scripts/postgres-scratch.sh stop DIR           stop that server (fast shutdown) and remove DIR.
# Run as root, the server runs as the "postgres" user (initdb refuses root); otherwise as the
# caller. Authentication is "trust" on loopback: for tests only. Needs Debian's postgresql package
# (scripts/install-deps.sh). Start is bounded by pg_ctl -t 30, stop by -t 30.
set -euo pipefail

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "postgres-scratch: PostgreSQL server binaries not found (apt install postgresql)" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir="${2:?usage: $0 start DIR [PORT]}"
    port="${3:-}"
    if [ -e "$dir" ]; then echo "postgres-scratch: $dir already exists" >&2; exit 1; fi
    if [ -z "$port" ]; then
      port=55432
      while ss -Htln "sport = :$port" | grep -q . ; do port=$((port + 1)); done
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    as_owner "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres iceprobe
    echo "postgres://postgres@127.0.0.1:$port/iceprobe"
    ;;
  stop)
    dir="${2:?usage: $0 stop DIR}"
    if [ -d "$dir/data" ]; then
      as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
