#!/bin/bash
# gdb_fake.sh FAKE_GDB_SERVER: gdb-multiarch against the stub over the
# fake session (tests/sim/debug/fake_session.h) - the protocol as a real
# GDB speaks it: target description, threads, breakpoints, a watchpoint
# (GDB must see the old and new value after the accessing instruction),
# reverse-stepi and reverse-continue, monitor commands, detach.
set -u
. "$(dirname "$0")/gdb_lib.sh"
need_gdb
start_server "$1"

# The fake: ping/main (slot 0, GDB thread 1) runs at positions 0-9,
# 20-29, ...; its pc starts at 0x20001000 and moves 2 bytes a step; every
# step writes the position to 0x20000100.
run_gdb \
  -ex "target remote 127.0.0.1:$port" \
  -ex 'echo @@threads\n' -ex 'info threads' -ex 'echo @@\n' \
  -ex 'break *0x2000101e' -ex 'continue' \
  -ex 'print/x $pc' \
  -ex 'reverse-stepi' -ex 'print/x $pc' \
  -ex 'stepi' -ex 'print/x $pc' \
  -ex 'delete' \
  -ex 'watch *(int *)0x20000100' -ex 'continue' \
  -ex 'print/x $pc' \
  -ex 'delete' \
  -ex 'continue' \
  -ex 'reverse-continue' \
  -ex 'echo @@registers\n' -ex 'info registers' -ex 'echo @@\n' \
  -ex 'echo @@monitor\n' -ex 'monitor partitions' -ex 'monitor position' -ex 'echo @@\n' \
  -ex 'detach'

section threads | grep -Eq 'Thread 1 "ping/main" \(running\)' || fail "thread 1 is not ping/main"
section threads | grep -Eq 'Thread 3 "pong/tx&rx" \(ready\)' || fail "thread 3 is not pong/tx&rx"
expect 'Thread 1 "ping/main" hit Breakpoint 1, 0x2000101e' "the breakpoint was not hit"
[ "$(value 1)" = 0x2000101e ] || fail "pc at the breakpoint: $(value 1)"
[ "$(value 2)" = 0x2000101c ] || fail "pc after reverse-stepi: $(value 2)"
[ "$(value 3)" = 0x2000101e ] || fail "pc after stepi: $(value 3)"
expect 'Hardware watchpoint 2: \*\(int \*\)0x20000100' "no watchpoint"
expect 'Old value = 25' "the watchpoint's old value"
expect 'New value = 26' "the watchpoint's new value"
[ "$(value 4)" = 0x20001020 ] || fail "pc after the watchpoint: $(value 4)"
expect 'the run ended at its cycle limit' "the session's message at the end"
expect 'No more reverse-execution history' "the end (or start) of the history"
section registers | grep -Eq '^xpsr +0x1000000' || fail "no xpsr"
section registers | grep -Eq '^control +0x3' || fail "no control"
section monitor | grep -q 'ping' || fail "monitor partitions"
section monitor | grep -q '^cycle 0, 0 instructions' ||
  fail "monitor position after reverse-continue"
expect 'detached' "no detach"
wait_server
grep -q 'gdb: the client detached' "$tmp/server.err" || fail "the stub did not log the detach"
echo "PASS"
