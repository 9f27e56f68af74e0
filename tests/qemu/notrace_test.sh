#!/usr/bin/env bash
# notrace_test.sh - firmware built without the kernel's trace
# (FENESTRA_FW_TRACE=OFF; docs/boards.md, "Firmware without the trace").
#
# notrace_test.sh run APP FRAMES FW_NOTRACE FW_TRACE BIN_DIR [BOARD]
#   the image without the trace on QEMU, against the same app's image with
#   it.  FW_NOTRACE and FW_TRACE are the two firmware trees, BIN_DIR the
#   host tree's bin/ (APP-fwlog); BOARD defaults to mps2-an385.  Checks:
#   - the run ends by itself after FRAMES frames (its end record);
#   - its raw console stream holds no trace record (STX 'T'), one end
#     record (STX 'E'), and fwlog counts no event and none lost;
#   - its console has the same kinds of line (numbers masked) as the
#     traced image's, in about the same number (within 20%);
#   - the traced image's stream does hold trace records (so the check
#     above can fail).
#
# notrace_test.sh launcher FW_TRACE FW_NOTRACE
#   `./fenestra build-fw` with --trace off and on, on these trees (seen by
#   the launcher as its fw-mps2-an385 and fw-mps2-an385-notrace through
#   FENESTRA_BUILD_DIR, so it builds nothing new): each takes its image from its own tree, the summary says when
#   the trace is off, and the traced tree stays configured with it.  Not
#   `qemu`, which builds the host tree the other tests are running from
#   (`run` above runs the same images).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

launcher() {
  [ $# -eq 2 ] || { echo "usage: notrace_test.sh launcher FW_TRACE FW_NOTRACE" >&2; exit 2; }
  local f=$root/fenestra b=$tmp/build
  export FENESTRA_BUILD_DIR=$b
  mkdir "$b"
  ln -s "$1" "$b/fw-mps2-an385"; ln -s "$2" "$b/fw-mps2-an385-notrace"
  cd "$root"
  "$f" build-fw hello --trace off >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "build-fw --trace off"; }
  cat "$tmp/out"
  grep -qx "hello on mps2-an385: $b/fw-mps2-an385-notrace/fw/hello.elf" "$tmp/out" ||
    fail "build-fw --trace off: not the image of the tree without the trace"
  grep -q "^  trace     off: " "$tmp/out" || fail "build-fw --trace off: the summary does not say so"
  [ "$(grep -c "^  partition .* (ELF)$" "$tmp/out")" = 2 ] || fail "build-fw --trace off: partition ELF sizes"
  "$f" build-fw hello --trace on >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "build-fw --trace on"; }
  grep -qx "hello on mps2-an385: $b/fw-mps2-an385/fw/hello.elf" "$tmp/out" ||
    fail "build-fw --trace on: not the image of the traced tree"
  ! grep -q "^  trace " "$tmp/out" || fail "build-fw --trace on: the summary says the trace is off"
  grep -qx "FENESTRA_FW_TRACE:BOOL=ON" "$1/CMakeCache.txt" || fail "the traced tree lost its trace"
  grep -qx "FENESTRA_FW_TRACE:BOOL=OFF" "$2/CMakeCache.txt" || fail "the tree without the trace has it"
  echo "launcher: build-fw --trace off and on take their own trees' images"
  exit 0
}

mode=${1:-}
shift || true
case "$mode" in
  launcher) launcher "$@" ;;
  run) ;;
  *) echo "usage: notrace_test.sh run|launcher ..." >&2; exit 2 ;;
esac
[ $# -ge 5 ] || { echo "usage: notrace_test.sh run APP FRAMES FW_NOTRACE FW_TRACE BIN_DIR [BOARD]" >&2; exit 2; }
app=$1 frames=$2 fw_off=$3 fw_on=$4 bin=$5 board=${6:-mps2-an385}

# run.sh pipes QEMU's serial output into its FWLOG argument: this one keeps
# a copy of the raw stream ($tmp/<kind>.raw) on the way.
for kind in off on; do
  printf '#!/bin/sh\ntee "%s" | "%s" "$@"\n' "$tmp/$kind.raw" "$bin/$app-fwlog" >"$tmp/fwlog-$kind"
  chmod +x "$tmp/fwlog-$kind"
done
run() {
  local kind=$1 fw=$2
  "$root/tools/qemu/run.sh" "$board" "$fw/fw/$app.elf" "$frames" 120 "$tmp/fwlog-$kind" \
    >"$tmp/$kind.txt" 2>"$tmp/$kind.err" || { cat "$tmp/$kind.err"; fail "the QEMU run ($kind) failed"; }
}
run off "$fw_off"
run on "$fw_on"
cat "$tmp/off.err"

grep -q "^qemu: [^ ]*: $frames frames, .* 0 events, 0 lost, end: frames reached$" "$tmp/off.err" ||
  fail "the run without the trace did not end cleanly after $frames frames with no events"
# Records: STX (0x02), a kind letter, hex digits, ETX (trace_out.c).
records() { LC_ALL=C grep -ao $'\x02'"$1" "$2" | wc -l; }
n_t=$(records T "$tmp/off.raw") n_e=$(records E "$tmp/off.raw") n_on=$(records T "$tmp/on.raw")
[ "$n_t" -eq 0 ] || fail "the stream without the trace holds $n_t trace records"
[ "$n_e" -eq 1 ] || fail "the stream without the trace holds $n_e end records, not 1"
[ "$n_on" -gt 0 ] || fail "the traced image's stream holds no trace record"
echo "stream: no trace record, one end record ($n_on trace records with the trace)"

mask() { sed 's/0x[0-9a-f]*/N/g; s/[0-9][0-9]*/N/g' "$1" | sort -u; }
diff <(mask "$tmp/on.txt") <(mask "$tmp/off.txt") >"$tmp/d" ||
  { echo "console lines differ from the traced image's (numbers masked):"; head -20 "$tmp/d"; exit 1; }
n_on=$(wc -l <"$tmp/on.txt") n_off=$(wc -l <"$tmp/off.txt")
[ $((n_off * 100)) -ge $((n_on * 80)) ] && [ $((n_off * 100)) -le $((n_on * 120)) ] ||
  fail "console: $n_off lines, more than 20% from the traced image's $n_on"
echo "console: $n_off lines (with the trace: $n_on), the same kinds of line"
