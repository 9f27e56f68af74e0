#!/usr/bin/env bash
# qemu_test.sh MODE APP FRAMES FW_DIR BIN_DIR [BOARD] [options] - one `qemu`
# or `diff` test (tests/qemu/CMakeLists.txt).  FW_DIR is the firmware tree
# the fixture built, BIN_DIR the host tree's bin/ (APP-sim, APP-fwlog);
# BOARD defaults to the one apps/APP/app.yaml names.
#
#   run   the firmware runs FRAMES frames on QEMU and ends by itself, no
#         event is lost, and its console has the simulator's kinds of line
#         (numbers masked) in about the same number (see below)
#   diff  the kernel event sequences match (tools/qemu/evdiff.sh), with the
#         known deviations of tests/qemu/event_deviations.txt named
#
# options (the scenarios of tests/sim/apps, docs/boards.md):
#   --tolerance T     diff: other events' cycles within T ("-": not
#                     checked); default a tenth of the major frame
#   --per-partition   diff: the order within each partition (evdiff.sh)
#   --also KINDS      diff: also compare these event kinds (evdiff.sh)
#   --expect TEXT     run: text (numbers included) that the console of
#                     both runs must contain; may be repeated
#   --lines PCT       run: how far the line counts may be apart, in
#                     percent of the simulator's (default 20)
set -euo pipefail
mode=$1 app=$2 frames=$3 fw=$4 bin=$5
shift 5
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
board=
if [ $# -gt 0 ] && [[ $1 != --* ]]; then board=$1; shift; fi
[ -n "$board" ] || board=$(sed -n 's/^board: *\([A-Za-z0-9_-]*\).*/\1/p' "$root/apps/$app/app.yaml" | head -n 1)
tolerance= evdiff_opts=() expect=() lines_pct=20
while [ $# -gt 0 ]; do
  [[ $1 == --per-partition ]] || [ $# -ge 2 ] || { echo "qemu_test.sh: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --tolerance) tolerance=$2; shift 2 ;;
    --per-partition) evdiff_opts+=(--per-partition); shift ;;
    --also) evdiff_opts+=(--also "$2"); shift 2 ;;
    --expect) expect+=("$2"); shift 2 ;;
    --lines) lines_pct=$2; shift 2 ;;
    *) echo "qemu_test.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
# QEMU has no stimulus device: the simulator runs without a scenario file.
sim_opts=(--frames "$frames" --stimulus none)
log_opts=()
[ "$mode" = diff ] && { sim_opts+=(--events); log_opts+=(--events); }

"$bin/$app-sim" "${sim_opts[@]}" >"$tmp/sim.txt" 2>"$tmp/sim.err"
"$root/tools/qemu/run.sh" "$board" "$fw/fw/$app.elf" "$frames" 120 "$bin/$app-fwlog" "${log_opts[@]}" \
  >"$tmp/qemu.txt" 2>"$tmp/qemu.err" || { cat "$tmp/qemu.err"; echo "QEMU run failed"; exit 1; }
cat "$tmp/qemu.err"
grep -q "end: frames reached\|end: module halted" "$tmp/qemu.err" || { echo "no clean end"; exit 1; }
grep -q ", 0 lost," "$tmp/qemu.err" || { echo "kernel events were lost"; exit 1; }
# A run that reached its frames reports them, not one more, and ends
# within a tenth of a frame of the simulator's end (in seconds: a board's
# cycles may be another clock's): the trace drained after the end is not
# part of the run.
if grep -q "end: frames reached" "$tmp/qemu.err"; then
  grep -q "^qemu: [^ ]*: $frames frames, " "$tmp/qemu.err" ||
    { echo "the summary does not report the $frames frames run"; exit 1; }
  awk -v n="$frames" '/^run: [^ ]*: [0-9]+ frames,/ { sim = $7 } /^qemu: [^ ]*: [0-9]+ frames,/ { qemu = $7 }
    END { sub(/^\(/, "", sim); sub(/^\(/, "", qemu); exit !(qemu - sim < sim / n / 10) }' \
    "$tmp/sim.err" "$tmp/qemu.err" || { echo "the run's end is past the simulator's by a tenth of a frame or more"; exit 1; }
fi

# The text carries times and cycle counts the partitions measure, and a
# partition that sleeps relative to its last line fits fewer lines in a
# window where the kernel costs more (QEMU runs the kernel's instructions;
# the simulator charges a fixed entry cost): so the kinds of lines must be
# the same (numbers masked), and their number within 20% (--lines).
if [ "$mode" = run ]; then
  mask() { grep -v '^@' "$1" | sed 's/0x[0-9a-f]*/N/g; s/[0-9][0-9]*/N/g' | sort -u; }
  if ! diff <(mask "$tmp/sim.txt") <(mask "$tmp/qemu.txt") >"$tmp/d"; then
    echo "console lines differ from the simulator's (numbers masked):"; head -20 "$tmp/d"; exit 1
  fi
  ns=$(grep -vc '^@' "$tmp/sim.txt"); nq=$(grep -vc '^@' "$tmp/qemu.txt")
  echo "console: $nq lines (simulator: $ns), the same kinds of line"
  [ $((nq * 100)) -ge $((ns * (100 - lines_pct))) ] && [ $((nq * 100)) -le $((ns * (100 + lines_pct))) ] ||
    { echo "line counts more than $lines_pct% apart"; exit 1; }
  for line in "${expect[@]}"; do
    for run in sim qemu; do
      grep -qF -- "$line" "$tmp/$run.txt" || { echo "the $run run does not print: $line"; exit 1; }
    done
  done
  [ ${#expect[@]} -eq 0 ] || echo "console: both print the ${#expect[@]} expected lines"
  exit 0
fi
frame=$(awk '/^run:/ { print int($5 / $3); exit }' "$tmp/sim.err")
"$root/tools/qemu/evdiff.sh" "${evdiff_opts[@]}" --deviations "$root/tests/qemu/event_deviations.txt" "$app" \
  "$tmp/sim.txt" "$tmp/qemu.txt" "${tolerance:-$((frame / 10))}" 5000
