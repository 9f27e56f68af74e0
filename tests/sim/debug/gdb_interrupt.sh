#!/bin/bash
# gdb_interrupt.sh HELLO_SIM ELF_DIR: Ctrl-C in gdb-multiarch on a live run
# of apps/hello (`hello-sim --debug --frames 1000000 --gdb 0`, a run far
# longer than this test).  GDB `continue`s without a breakpoint; a SIGINT
# to GDB (what Ctrl-C at its terminal sends) makes it send 0x03, and the
# stub must stop the run: GDB reports SIGINT, and the session still
# answers (registers, stepi, a monitor command, detach).
# Skipped (77) without gdb-multiarch.
set -u
sim=$1
elfdir=$2
. "$(dirname "$0")/gdb_lib.sh"
need_gdb
[ -f "$elfdir/ping.elf" ] || fail "no $elfdir/ping.elf"
start_server "$sim" --debug --frames 1000000 --gdb 0

timeout 60 gdb-multiarch -batch -nx -ex 'set pagination off' -ex 'set confirm off' \
  -ex "file $elfdir/ping.elf" \
  -ex "target remote 127.0.0.1:$port" \
  -ex 'continue' \
  -ex 'print/x $pc' \
  -ex 'stepi' \
  -ex 'echo @@where\n' -ex 'monitor position' -ex 'echo @@\n' \
  -ex 'detach' >"$tmp/gdb.out" 2>&1 &
gdb_pid=$!

# Once GDB's continue runs, Ctrl-C: the run's console lines (the server's
# stdout) appear only then.  (A SIGINT while GDB is still exchanging
# packets before its continue makes it disconnect.)  Under a loaded
# parallel run GDB has still disconnected after the Ctrl-C now and then,
# cause not found: the test runs alone (RUN_SERIAL).
for _ in $(seq 400); do
  grep -q '^\[ *[0-9.]*\] ' "$tmp/server.out" 2>/dev/null && break
  sleep 0.05
done
grep -q '^\[ *[0-9.]*\] ' "$tmp/server.out" || fail "no console line from the run within 20 s"
sleep 0.5
kill -0 "$gdb_pid" 2>/dev/null || fail "GDB ended before the Ctrl-C"
kill -INT "$gdb_pid"
for _ in $(seq 200); do
  kill -0 "$gdb_pid" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$gdb_pid" 2>/dev/null && { kill "$gdb_pid"; fail "GDB still ran 10 s after the Ctrl-C"; }
wait "$gdb_pid"

expect 'received signal SIGINT' "GDB did not report SIGINT"
expect '^\$1 = 0x[0-9a-f]+' "no pc after the stop"
section where | grep -Eq '^cycle [0-9]+, [0-9]+ instructions' || fail "monitor position did not answer"
expect 'detached' "GDB did not detach"
grep -q 'end of the run' "$tmp/gdb.out" && fail "the run reached its end"
wait_server
echo "PASS"
