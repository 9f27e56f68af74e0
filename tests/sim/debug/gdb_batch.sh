#!/bin/bash
# gdb_batch.sh HELLO_SIM ELF_DIR: gdb-multiarch on a live run of
# apps/hello (`hello-sim --debug --gdb 0`), with ping's ELF as symbols:
#
#   break fen_sleep_for, continue   ping stops after printing its first
#                                   line, at the system call stub
#   print lines[0].buf              the runtime's line buffer (user/stdio.c)
#                                   holds that line: "ping #1 at ..."
#   reverse-stepi                   one instruction back: the `bl` in main
#                                   that called fen_sleep_for, i.e. the
#                                   thread's previous pc = lr - 1 - 4
#   info threads                    "partition/process" names
#   monitor partitions              the session's report
#   detach                          the simulator goes on without GDB
#
# Skipped (77) until hello-sim has --gdb, or without gdb-multiarch.
set -u
sim=$1
elfdir=$2
. "$(dirname "$0")/gdb_lib.sh"
need_gdb
"$sim" --help 2>&1 | grep -q -- '--gdb' ||
  { echo "SKIP: $sim has no --gdb option yet"; exit $SKIP; }
[ -f "$elfdir/ping.elf" ] || fail "no $elfdir/ping.elf"
start_server "$sim" --debug --gdb 0

run_gdb \
  -ex "file $elfdir/ping.elf" \
  -ex "target remote 127.0.0.1:$port" \
  -ex 'break fen_sleep_for' -ex 'continue' \
  -ex 'print/x $pc' -ex 'print/x $lr' \
  -ex 'echo @@line\n' -ex 'print lines[0].buf' -ex 'echo @@\n' \
  -ex 'reverse-stepi' \
  -ex 'print/x $pc' \
  -ex 'echo @@again\n' -ex 'print lines[0].buf' -ex 'echo @@\n' \
  -ex 'echo @@where\n' -ex 'info symbol $pc' -ex 'echo @@\n' \
  -ex 'echo @@threads\n' -ex 'info threads' -ex 'echo @@\n' \
  -ex 'echo @@partitions\n' -ex 'monitor partitions' -ex 'echo @@\n' \
  -ex 'detach'

expect '^Breakpoint 1, .*fen_sleep_for|hit Breakpoint 1, .*fen_sleep_for' \
  "the breakpoint at fen_sleep_for was not hit"
bp=$(sed -n 's/^Breakpoint 1 at \(0x[0-9a-f]*\).*/\1/p' "$tmp/gdb.out")
[ -n "$bp" ] && [ "$(value 1)" = "$bp" ] || fail "pc at the breakpoint: $(value 1), set at $bp"
section line | grep -Eq 'ping #1 at [0-9]+ cycles' ||
  fail "lines[0].buf does not hold ping's first line"
section again | grep -Eq 'ping #1 at [0-9]+ cycles' || fail "lines[0].buf changed by one step back"
lr=$(value 2)
back=$(value 4)
[ -n "$lr" ] && [ -n "$back" ] || fail "no pc or lr printed"
[ $((back)) -eq $(((lr & ~1) - 4)) ] ||
  fail "pc after reverse-stepi is $back, not the bl before the return address $lr"
section where | grep -Eq '^main \+ [0-9]+ in section' || fail "the step back did not land in main"
section threads | grep -q '"ping/main"' || fail "info threads has no ping/main"
section threads | grep -q '"pong/main"' || fail "info threads has no pong/main"
section partitions | grep -q 'ping' || fail "monitor partitions does not list ping"
section partitions | grep -q 'pong' || fail "monitor partitions does not list pong"
expect 'detached' "GDB did not detach"
wait_server
echo "PASS"
