#!/usr/bin/env bash
# fpu_test.sh MODE ... - the FP context tests (tests/fw/fpu, docs/boards.md
# "Floating point"; tests/qemu/CMakeLists.txt).
#
#   run BOARD ELF FWLOG FRAMES   the fpu app on QEMU: it ends by itself, both
#        FP partitions report every spin round kept (s0-s31 and FPSCR held
#        across other windows and tick's preemptions, the FP series equal
#        to soft-float) and their tick patterns kept, the probe reads zeros
#        on every peek, and nothing faults
#   kernel-nofp ELF   the image's kernel code (.text) has FP instructions
#        only in arch/armv7m/fp_regs.S's three functions
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

fail() { echo "FAIL: $*"; exit 1; }

# count PATTERN FILE: lines matching (0 when none).
count() { grep -c -- "$1" "$2" || true; }

run() {
  local board=$1 elf=$2 fwlog=$3 frames=$4
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  "$root/tools/qemu/run.sh" "$board" "$elf" "$frames" 120 "$fwlog" >"$tmp/out" 2>"$tmp/err" ||
    { cat "$tmp/out" "$tmp/err"; fail "QEMU run failed"; }
  cat "$tmp/err"
  grep -q "end: frames reached" "$tmp/err" || fail "no clean end"
  local bad; bad=$(grep -E "CORRUPTED|DIFFERS|LEAK|its own window only|fault in|hm:|panic|failed" "$tmp/out" || true)
  [ -z "$bad" ] || { echo "$bad" | head -20; fail "unexpected lines (above)"; }
  local p spins ticks
  for p in alpha beta; do
    spins=$(count "^\[.*\] $p: spin [0-9]*: s0-s31, FPSCR kept across other windows; series matches soft-float$" "$tmp/out")
    ticks=$(count "^\[.*\] $p: tick [0-9]*: 50 of 50 patterns kept$" "$tmp/out")
    echo "$p: $spins spin rounds kept, $ticks tick reports of 50 kept"
    [ "$spins" -eq 4 ] || fail "$p: expected 4 spin rounds kept, found $spins"
    [ "$ticks" -ge 2 ] || fail "$p: expected at least 2 tick reports, found $ticks"
  done
  local peeks; peeks=$(count "^\[.*\] probe: peek [0-9]*: s0-s31, FPSCR read as zero$" "$tmp/out")
  echo "probe: $peeks peeks read zeros"
  [ "$peeks" -ge $((frames - 2)) ] || fail "probe: expected a zero peek per frame, found $peeks"
}

# FP and SIMD mnemonics all begin with "v" in Thumb-2 (vldr, vstm, vmov,
# vmrs, vpush, vadd, ...); nothing else does.
kernel_nofp() {
  local elf=$1 objdump
  objdump=$(command -v llvm-objdump || command -v llvm-objdump-14)
  local found
  found=$("$objdump" -d --no-show-raw-insn --section=.text "$elf" | awk '
    /^[0-9a-f]+ <.*>:$/ { fn = $2; next }
    $2 ~ /^v/ && fn !~ /^<armv7m_fp_(store|load|zero)>:$/ { print fn, $0 }')
  [ -z "$found" ] || { echo "$found" | head -20; fail "FP instructions in the kernel (above)"; }
  local allowed
  allowed=$("$objdump" -d --no-show-raw-insn --section=.text "$elf" | grep -c "^[0-9a-f]* <armv7m_fp_\(store\|load\|zero\)>:$" || true)
  echo "kernel code of $(basename "$elf"): no FP instructions outside fp_regs.S ($allowed of its functions linked)"
}

mode=$1
shift
case $mode in
  run) run "$@" ;;
  kernel-nofp) kernel_nofp "$@" ;;
  *) fail "unknown mode $mode" ;;
esac
