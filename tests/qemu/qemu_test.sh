#!/usr/bin/env bash
# qemu_test.sh MODE APP_DIR FW_DIR BIN_DIR BOARD [options] - one `qemu` or
# `diff` test (tests/qemu/CMakeLists.txt).  APP_DIR is the app's folder
# (relative to the root), whose qemu.txt gives the frames and the
# scenario's settings (tools/qemu/scenario.sh), as for `./fenestra diff`;
# FW_DIR is the firmware tree the fixture built, BIN_DIR the host tree's
# bin/ (APP-sim, APP-fwlog).
#
#   run   the firmware runs the frames on QEMU and ends by itself, no
#         event is lost, and its console has the simulator's kinds of line
#         (numbers masked) in about the same number (see below) and the
#         qemu.txt's `expect` lines
#   diff  the kernel event sequences match (tools/qemu/evdiff.sh), with the
#         known deviations of tools/qemu/event_deviations.txt named
#
# options, after qemu.txt's settings: --lines PCT (how far the line counts
# may be apart, in percent of the simulator's), for a board whose clock
# is not its simulator twin's.
set -euo pipefail
mode=$1 app_dir=$2 fw=$3 bin=$4 board=$5
shift 5
root=$(cd "$(dirname "$0")/../.." && pwd)
app=${app_dir##*/}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# shellcheck source=../../tools/qemu/scenario.sh
. "$root/tools/qemu/scenario.sh"
scenario_load "$root/$app_dir" || exit 2
[ -n "$SC_FRAMES" ] || { echo "qemu_test.sh: $app_dir/qemu.txt gives no frames" >&2; exit 2; }
frames=$SC_FRAMES lines_pct=$SC_LINES
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "qemu_test.sh: --lines needs a percentage" >&2; exit 2; }
      lines_pct=$2; shift 2 ;;
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
  for line in "${SC_EXPECT[@]}"; do
    for run in sim qemu; do
      grep -qF -- "$line" "$tmp/$run.txt" || { echo "the $run run does not print: $line"; exit 1; }
    done
  done
  [ ${#SC_EXPECT[@]} -eq 0 ] || echo "console: both print the ${#SC_EXPECT[@]} expected lines"
  exit 0
fi
frame=$(awk '/^run:/ { print int($5 / $3); exit }' "$tmp/sim.err")
"$root/tools/qemu/evdiff.sh" "${SC_EVDIFF[@]}" --deviations "$root/tools/qemu/event_deviations.txt" "$app" \
  "$tmp/sim.txt" "$tmp/qemu.txt" "${SC_TOLERANCE:-$((frame / 10))}" 5000
