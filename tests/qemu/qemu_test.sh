#!/usr/bin/env bash
# qemu_test.sh MODE APP FRAMES FW_DIR BIN_DIR [BOARD] - one `qemu` or `diff` test
# (tests/qemu/CMakeLists.txt).  FW_DIR is the firmware tree the fixture
# built, BIN_DIR the host tree's bin/ (APP-sim, APP-fwlog).
#
#   run   the firmware runs FRAMES frames on QEMU and ends by itself, no
#         event is lost, and its console has the simulator's kinds of line
#         (numbers masked) in about the same number (see below)
#   diff  the kernel event sequences match (tools/qemu/evdiff.sh)
set -euo pipefail
mode=$1 app=$2 frames=$3 fw=$4 bin=$5
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
board=${6:-$(sed -n 's/^board: *\([A-Za-z0-9_-]*\).*/\1/p' "$root/apps/$app/app.yaml" | head -n 1)}
sim_opts=(--frames "$frames")
[ -f "$root/apps/$app/stimulus.txt" ] && sim_opts+=(--stimulus none) # QEMU has no stimulus device
log_opts=()
[ "$mode" = diff ] && { sim_opts+=(--events); log_opts+=(--events); }

"$bin/$app-sim" "${sim_opts[@]}" >"$tmp/sim.txt" 2>"$tmp/sim.err"
"$root/tools/qemu/run.sh" "$board" "$fw/fw/$app.elf" "$frames" 120 "$bin/$app-fwlog" "${log_opts[@]}" \
  >"$tmp/qemu.txt" 2>"$tmp/qemu.err" || { cat "$tmp/qemu.err"; echo "QEMU run failed"; exit 1; }
cat "$tmp/qemu.err"
grep -q "end: frames reached\|end: module halted" "$tmp/qemu.err" || { echo "no clean end"; exit 1; }
grep -q ", 0 lost," "$tmp/qemu.err" || { echo "kernel events were lost"; exit 1; }

# The text carries times and cycle counts the partitions measure, and a
# partition that sleeps relative to its last line fits fewer lines in a
# window where the kernel costs more (QEMU runs the kernel's instructions;
# the simulator charges a fixed entry cost): so the kinds of lines must be
# the same (numbers masked), and their number within 20%.
if [ "$mode" = run ]; then
  mask() { grep -v '^@' "$1" | sed 's/0x[0-9a-f]*/N/g; s/[0-9][0-9]*/N/g' | sort -u; }
  if ! diff <(mask "$tmp/sim.txt") <(mask "$tmp/qemu.txt") >"$tmp/d"; then
    echo "console lines differ from the simulator's (numbers masked):"; head -20 "$tmp/d"; exit 1
  fi
  ns=$(grep -vc '^@' "$tmp/sim.txt"); nq=$(grep -vc '^@' "$tmp/qemu.txt")
  echo "console: $nq lines (simulator: $ns), the same kinds of line"
  [ $((nq * 5)) -ge $((ns * 4)) ] && [ $((nq * 5)) -le $((ns * 6)) ] || { echo "line counts too far apart"; exit 1; }
  exit 0
fi
frame=$(awk '/^run:/ { print int($5 / $3); exit }' "$tmp/sim.err")
"$root/tools/qemu/evdiff.sh" "$tmp/sim.txt" "$tmp/qemu.txt" $((frame / 10)) 5000
