#!/bin/bash
# gdb_patch.sh HELLO_SIM ELF_DIR: code written from GDB is the code that
# runs.  On a live run of apps/hello, ping stops at fen_sleep_for; GDB
# writes `udf #0` over its first instruction and continues: the kernel
# must report ping's undefined instruction at exactly that address.  (GDB
# removes and reinserts its breakpoints around each stop, which drops the
# engines' translations anyway; replay.debug_write checks a write with no
# breakpoint change after it.)
#
# Skipped (77) without gdb-multiarch.
set -u
sim=$1
elfdir=$2
. "$(dirname "$0")/gdb_lib.sh"
need_gdb
[ -f "$elfdir/ping.elf" ] || fail "no $elfdir/ping.elf"
start_server "$sim" --debug --gdb 0

run_gdb \
  -ex "file $elfdir/ping.elf" \
  -ex "target remote 127.0.0.1:$port" \
  -ex 'break fen_sleep_for' -ex 'continue' \
  -ex 'print/x $pc' \
  -ex 'set {unsigned short}$pc = 0xde00' \
  -ex 'echo @@patched\n' -ex 'x/1i $pc' -ex 'echo @@\n' \
  -ex 'delete' -ex 'continue' \
  -ex 'detach'

at=$(value 1)
[ -n "$at" ] || fail "GDB printed no pc at the breakpoint"
section patched | grep -q 'udf' || fail "GDB does not read back the udf it wrote"
wait_server
want=$(printf 'kernel: fault in ping/0: ILLEGAL_REQUEST, pc 0x%08x' "$at")
grep -qF "$want" "$tmp/server.out" ||
  { echo "---- server.out"; cat "$tmp/server.out"; fail "no '$want' on the console"; }
echo "PASS"
