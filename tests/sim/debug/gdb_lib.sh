# gdb_lib.sh - shared by the gdb-multiarch tests (gdb_batch.sh,
# gdb_fake.sh): start a GDB server, read its port, run gdb-multiarch in
# batch mode and check what it printed.  Sourced, not run.

SKIP=77 # CTest's SKIP_RETURN_CODE for these tests

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  for f in "$tmp"/gdb.out "$tmp"/server.err; do
    [ -f "$f" ] && { echo "---- $(basename "$f")"; cat "$f"; }
  done
  exit 1
}

need_gdb() {
  command -v gdb-multiarch >/dev/null 2>&1 ||
    { echo "SKIP: gdb-multiarch is not installed (tools/install-deps.sh)"; exit $SKIP; }
}

# start_server CMD...: runs CMD in the background (stderr to server.err)
# and sets $port from its "gdb: listening on 127.0.0.1:NNNN" line.
start_server() {
  "$@" </dev/null >"$tmp/server.out" 2>"$tmp/server.err" &
  server_pid=$!
  port=
  for _ in $(seq 200); do
    port=$(sed -n 's/^gdb: listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$tmp/server.err")
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited before listening"
    sleep 0.05
  done
  fail "no 'gdb: listening on 127.0.0.1:PORT' line within 10 s"
}

# run_gdb ARGS...: gdb-multiarch -batch -nx ARGS, output in gdb.out.
run_gdb() {
  timeout 120 gdb-multiarch -batch -nx -ex 'set pagination off' -ex 'set confirm off' \
    "$@" >"$tmp/gdb.out" 2>&1 || true
}

# Gives the server 10 s to end after the client detached (what it does
# then is its own business: one still running is stopped); a sanitizer
# report in its output fails.
wait_server() {
  for _ in $(seq 200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    echo "note: the server still ran 10 s after the detach; stopped"
    kill "$server_pid" 2>/dev/null
  fi
  wait "$server_pid" 2>/dev/null
  server_pid=
  grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' "$tmp/server.err" &&
    fail "the server reported a sanitizer error"
  return 0
}

# expect REGEX WHAT: gdb.out matches the extended regular expression.
expect() {
  grep -Eq -- "$1" "$tmp/gdb.out" || fail "$2 (no match for /$1/)"
}

# section NAME: the lines between `echo @@NAME\n` and the next @@ marker.
section() {
  sed -n "/^@@$1\$/,/^@@/p" "$tmp/gdb.out" | sed '1d;$d'
}

# value N: the value GDB printed as $N (print/x), e.g. 0x100188.
value() {
  sed -n "s/^\\\$$1 = \\(0x[0-9a-f]*\\).*/\\1/p" "$tmp/gdb.out" | head -1
}
