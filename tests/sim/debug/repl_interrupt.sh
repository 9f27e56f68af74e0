#!/bin/bash
# repl_interrupt.sh HELLO_SIM: Ctrl-C in the debugger's command line.
# `hello-sim --debug --frames 1000000 --commands FILE` runs `continue`
# on a run far longer than this test may take; a SIGINT once the
# transcript shows `> continue` must stop it where it is ("interrupted at
# cycle N"), and the session must go on with the next commands (a step
# each way, where, quit) and exit 0 soon after.
set -u
sim=$1
tmp=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  for f in "$tmp"/out "$tmp"/err; do
    [ -f "$f" ] && { echo "---- $(basename "$f")"; tail -40 "$f"; }
  done
  exit 1
}

cat >"$tmp/cmds.txt" <<'EOF'
continue
stepi
reverse-stepi
where
quit
EOF

"$sim" --debug --frames 1000000 --commands "$tmp/cmds.txt" >"$tmp/out" 2>"$tmp/err" &
pid=$!

# The transcript shows each command before it runs.
for _ in $(seq 200); do
  grep -q '^> continue$' "$tmp/out" && break
  kill -0 "$pid" 2>/dev/null || fail "the debugger exited before the continue"
  sleep 0.05
done
grep -q '^> continue$' "$tmp/out" || fail "no '> continue' within 10 s"
sleep 1
kill -0 "$pid" 2>/dev/null || fail "the continue ended by itself within 1 s"
kill -INT "$pid"

# Asked every 2^20 cycles: the stop comes within a fraction of a second.
for _ in $(seq 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
if kill -0 "$pid" 2>/dev/null; then
  fail "the debugger still ran 5 s after SIGINT"
fi
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 0 ] || fail "exit status $rc, not 0"
grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' "$tmp/err" &&
  fail "a sanitizer error"

# The stop, then each following command ran.
stop=$(grep -n '^interrupted at cycle [0-9][0-9]*$' "$tmp/out" | head -1)
[ -n "$stop" ] || fail "no 'interrupted at cycle N' line"
grep -q 'end of the run' "$tmp/out" && fail "the run reached its end"
line=${stop%%:*}
cycle=${stop##* }
after=$(tail -n +"$line" "$tmp/out")
prev=0
for cmd in stepi reverse-stepi where quit; do
  n=$(printf '%s\n' "$after" | grep -n "^> $cmd\$" | head -1 | cut -d: -f1)
  [ -n "$n" ] && [ "$n" -gt "$prev" ] || fail "'$cmd' did not run after the stop"
  prev=$n
done
# `where` after a step and a step back: at or before the stop, not after.
where=$(printf '%s\n' "$after" | sed -n '/^> where$/{n;p}')
w=$(printf '%s\n' "$where" | sed -n 's/^  cycle \([0-9]*\),.*/\1/p')
[ -n "$w" ] && [ "$w" -le "$cycle" ] || fail "where says '$where' after the stop at $cycle"
echo "PASS: interrupted at cycle $cycle"
