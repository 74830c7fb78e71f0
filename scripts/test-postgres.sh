#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (issue #8).
#
#   scripts/test-postgres.sh start   install PostgreSQL if missing, make a fresh cluster in a temporary
#                                    folder, start it on 127.0.0.1 only, create a role with a password
#                                    and a database, write the URL to .build/postgres-url
#   scripts/test-postgres.sh stop    stop that server and delete its cluster (safe to run twice)
#   scripts/test-postgres.sh restart stop it at once (`pg_ctl restart -m fast`) and start it again, for
#                                    the scale simulation's chaos run (issue #19)
#
# The scale simulation (scripts/bench-scale.sh) runs its own server beside the tests' one, with more
# connections and fsync on, through these variables: TEST_POSTGRES_STATE and TEST_POSTGRES_URL_FILE
# (where the cluster and the URL are noted), TEST_POSTGRES_MAX_CONNECTIONS (50), TEST_POSTGRES_FSYNC
# (off: the tests need no durability) and TEST_POSTGRES_OPTIONS (more `-c name=value` settings).
#
# The cluster belongs to an unprivileged user: the `postgres` system user Debian's package creates when
# run as root, else the user running the script. It listens on loopback only, its socket lives in the
# temporary folder, and nothing in /etc or /var/lib/postgresql is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE_FILE=${TEST_POSTGRES_STATE:-.build/postgres-cluster}     # the temporary folder of the running cluster
URL_FILE=${TEST_POSTGRES_URL_FILE:-.build/postgres-url}        # the URL the tests read (TEST_POSTGRES_URL); it holds the password
FIRST_PORT=${TEST_POSTGRES_PORT:-54329}
DATABASE=digitize_test
ROLE=digitize

# The newest installed server's bin folder (Debian keeps them in /usr/lib/postgresql/<version>/bin).
server_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_server() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "Installing PostgreSQL from Debian's packages for the tests"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null; }
}

# Runs a server program as the cluster's owner, from a folder that user can enter.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd "$CLUSTER" && runuser -u postgres -- "$@")
  else
    (cd "$CLUSTER" && "$@")
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop() {
  [ -f "$STATE_FILE" ] || return 0
  CLUSTER=$(cat "$STATE_FILE")
  local bin
  bin=$(server_bin || true)
  if [ -n "$bin" ] && [ -f "$CLUSTER/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$CLUSTER/data" -m fast -w stop >/dev/null || true
  fi
  case "$CLUSTER" in /tmp/digitize-postgres.*) rm -rf "$CLUSTER" ;; esac
  rm -f "$STATE_FILE" "$URL_FILE"
  echo "Test PostgreSQL stopped and its cluster deleted"
}

start() {
  stop    # a cluster left by an interrupted run
  local bin
  bin=$(server_bin) || { install_server; bin=$(server_bin); } || { echo "PostgreSQL could not be installed" >&2; exit 1; }
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "The postgres system user is missing; reinstall Debian's postgresql package" >&2; exit 1
  fi

  mkdir -p .build
  CLUSTER=$(mktemp -d /tmp/digitize-postgres.XXXXXX)
  echo "$CLUSTER" > "$STATE_FILE"
  trap 'status=$?; [ $status = 0 ] || { echo "Test PostgreSQL did not start; its log:" >&2; cat "$CLUSTER/log" >&2 2>/dev/null; stop; }' EXIT
  [ "$(id -u)" = 0 ] && chown postgres: "$CLUSTER"
  chmod 700 "$CLUSTER"

  local port=$FIRST_PORT
  while port_in_use "$port"; do
    port=$((port + 1))
    [ "$port" -lt $((FIRST_PORT + 50)) ] || { echo "No free port from $FIRST_PORT" >&2; exit 1; }
  done
  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

  # Superuser over the private socket only; every TCP connection must give a password (SCRAM).
  as_owner "$bin/initdb" -D "$CLUSTER/data" -U postgres -E UTF8 --locale=C --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  as_owner "$bin/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $CLUSTER -c fsync=${TEST_POSTGRES_FSYNC:-off} -c max_connections=${TEST_POSTGRES_MAX_CONNECTIONS:-50} ${TEST_POSTGRES_OPTIONS:-}" >/dev/null
  as_owner "$bin/psql" -q -h "$CLUSTER" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE $ROLE LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE $DATABASE OWNER $ROLE" >/dev/null

  (umask 077 && echo "postgresql://$ROLE:$password@127.0.0.1:$port/$DATABASE?sslmode=disable" > "$URL_FILE")
  echo "Test PostgreSQL: postgresql://$ROLE:***@127.0.0.1:$port/$DATABASE (full URL in $URL_FILE)"
}

# pg_ctl restart keeps the options the server was started with (postmaster.opts).
restart() {
  [ -f "$STATE_FILE" ] || { echo "No test PostgreSQL is running" >&2; exit 1; }
  CLUSTER=$(cat "$STATE_FILE")
  as_owner "$(server_bin)/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/log" -m fast -w -t 60 restart >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  *) echo "usage: $0 start|stop|restart" >&2; exit 64 ;;
esac
