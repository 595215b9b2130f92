# shellcheck shell=bash
# A project-local PostgreSQL cluster: started by scripts/dev and scripts/test when DATABASE_URL is unset.
# Sourced, not run. initdb refuses to run as root, so as root the cluster belongs to the postgres user.

pg_bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  dirname "$(command -v pg_ctl)"
}

# pg_as CMD...: run a PostgreSQL server tool as the cluster's owner.
pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DIR PORT [test]: create (once) and start a cluster in DIR listening on 127.0.0.1:PORT.
# With "test" the cluster trades durability for speed (fsync off), fine for throw-away data.
pg_start() {
  local dir=$1 port=$2 mode=${3:-dev} bin
  bin=$(pg_bin_dir)
  if [ ! -s "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    pg_as "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # shared_buffers: the default 128 MB holds a fraction of the 100k-service directory (460 MB with
  # its indexes), and a broad search then copies most heap pages in from the OS cache again.
  local opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c shared_buffers=1GB"
  [ "$mode" = test ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  pg_as "$bin/pg_ctl" -D "$dir" -o "$opts" -l "$dir/server.log" -w -t 30 start >/dev/null
}

# pg_url DIR PORT DB: the URL of database DB in the cluster in DIR, over its Unix socket (cheaper per
# statement than TCP on localhost; the server and PostgreSQL share the machine).
pg_url() {
  echo "postgres://postgres@${1//\//%2F}:$2/$3"
}

pg_stop() {
  local dir=$1
  [ -s "$dir/postmaster.pid" ] || return 0
  pg_as "$(pg_bin_dir)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# A temp directory the postgres user can enter (not under root's home).
pg_tmp_dir() {
  local d
  d=$(mktemp -d /tmp/zorgroute-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$d"
  echo "$d"
}

# free_port: a TCP port nobody listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
