#!/usr/bin/env bash
# A throwaway PostgreSQL server for the service's tests, from Debian's postgresql package:
# a fresh cluster in a folder under /tmp (which the postgres user can reach, wherever the
# checkout is), listening only on a Unix socket there.
# Usage: scripts/postgres.sh start   (prints the server's URL on standard output)
#        scripts/postgres.sh stop
set -euo pipefail
home="${TMPDIR:-/tmp}/slmatch-postgres-$(id -u)"
port=55432
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "postgres.sh: no PostgreSQL installed (scripts/setup.sh --tests)" >&2; exit 1; }
# PostgreSQL will not run as root: run it as the postgres user the package made.
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); else as_owner=(); fi

case "${1:-}" in
  start)
    if [ -f "$home/data/postmaster.pid" ]; then "$0" stop; fi
    rm -rf "$home"
    mkdir -p "$home"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$home"
    "${as_owner[@]}" "$bin/initdb" -D "$home/data" -U slmatch -A trust --no-sync >/dev/null
    "${as_owner[@]}" "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w \
      -o "-p $port -k $home -c listen_addresses='' -c fsync=off" start >/dev/null
    "${as_owner[@]}" "$bin/createdb" -h "$home" -p "$port" -U slmatch slmatch
    echo "postgresql://slmatch@/slmatch?host=$home&port=$port"
    ;;
  stop)
    [ -f "$home/data/postmaster.pid" ] || exit 0
    "${as_owner[@]}" "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
