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
#   lazy-fault BOARD ELF FWLOG FRAMES   the fplazy app (tests/fw/fplazy) on
#        QEMU: every frame the victim's `lost` spins with its stack pointer
#        less than 72 bytes above the end of its memory; the refused lazy
#        save of its FP frame is reported as its own fault (MEMORY_VIOLATION,
#        exception stacking, its spin pc, status MLSPERR) and the process
#        restarted, once per frame; the witness partition runs undisturbed
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

fail() { echo "FAIL: $*"; exit 1; }

# count PATTERN FILE: lines matching (0 when none).
count() { grep -c -- "$1" "$2" || true; }

# run_clean BOARD ELF FWLOG FRAMES OUT BAD: runs the image under QEMU with
# its console in OUT and prints run.sh's summary; fails unless the run
# ended by itself and no console line matches the extended regex BAD.
run_clean() {
  local board=$1 elf=$2 fwlog=$3 frames=$4 out=$5 bad_re=$6
  "$root/tools/qemu/run.sh" "$board" "$elf" "$frames" 120 "$fwlog" >"$out" 2>"$out.err" ||
    { cat "$out" "$out.err"; fail "QEMU run failed"; }
  cat "$out.err"
  grep -q "end: frames reached" "$out.err" || fail "no clean end"
  local bad; bad=$(grep -E "$bad_re" "$out" || true)
  [ -z "$bad" ] || { echo "$bad" | head -20; fail "unexpected lines (above)"; }
}

# fpwork_kept P OUT: partition P (fpwork.c) kept its FP registers in all 4
# spin rounds, its series matched, and tick reported at least twice.
fpwork_kept() {
  local p=$1 out=$2 spins ticks
  spins=$(count "^\[.*\] $p: spin [0-9]*: s0-s31, FPSCR kept across other windows; series matches soft-float$" "$out")
  ticks=$(count "^\[.*\] $p: tick [0-9]*: 50 of 50 patterns kept$" "$out")
  echo "$p: $spins spin rounds kept, $ticks tick reports of 50 kept"
  [ "$spins" -eq 4 ] || fail "$p: expected 4 spin rounds kept, found $spins"
  [ "$ticks" -ge 2 ] || fail "$p: expected at least 2 tick reports, found $ticks"
}

run() {
  local board=$1 elf=$2 fwlog=$3 frames=$4
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  run_clean "$board" "$elf" "$fwlog" "$frames" "$tmp/out" \
    "CORRUPTED|DIFFERS|LEAK|its own window only|fault in|hm:|panic|failed"
  fpwork_kept alpha "$tmp/out"
  fpwork_kept beta "$tmp/out"
  local peeks; peeks=$(count "^\[.*\] probe: peek [0-9]*: s0-s31, FPSCR read as zero$" "$tmp/out")
  echo "probe: $peeks peeks read zeros"
  [ "$peeks" -ge $((frames - 2)) ] || fail "probe: expected a zero peek per frame, found $peeks"
}

# lazy_fault's expectations on the console OUT of a run of FRAMES frames.
lazy_fault_check() {
  local out=$1 frames=$2
  local lost; lost=$(grep -E "^\[.*\] victim: lost [0-9]+: " "$out" || true)
  local n_lost; n_lost=$(printf '%s' "$lost" | grep -c . || true)
  [ "$n_lost" -eq "$frames" ] || fail "expected a lost line per frame ($frames), found $n_lost"
  local sp pc
  sp=$(sed -n 's/.*victim: lost 1: FP context, stack pointer \(0x[0-9a-f]*\), spinning at .*/\1/p' "$out")
  pc=$(sed -n 's/.*victim: lost 1: .*, spinning at \(0x[0-9a-f]*\)$/\1/p' "$out")
  [ -n "$sp" ] && [ -n "$pc" ] || fail "no 'lost 1' line with a stack pointer and a pc"
  [ "$(printf '%s\n' "$lost" | grep -vc "stack pointer $sp, spinning at $pc\$" || true)" -eq 0 ] ||
    fail "the lost lines differ in stack pointer or pc"
  # The stack pointer is above the end of the victim's data region by less
  # than the 72 bytes of s0-s15, FPSCR and the reserved word.
  local last; last=$(awk '/kernel: fault in victim\// { v = 1; next } /kernel: fault in / { v = 0 }
    v && match($0, /region data 0x[0-9a-f]+\.\.0x[0-9a-f]+ /) {
      split(substr($0, RSTART, RLENGTH), a, /\.\./); sub(/ $/, "", a[2]); print a[2]; exit }' "$out")
  [ -n "$last" ] || fail "no region map of the victim after its fault"
  local above=$((sp - last - 1))
  [ "$above" -gt 0 ] && [ "$above" -lt 72 ] ||
    fail "stack pointer $sp is $above bytes above the end of the region (last byte $last)"
  local want="kernel: fault in victim/lost: MEMORY_VIOLATION: exception stacking, pc $pc, status 0x00000020"
  local faults; faults=$(count "^\[.*\] $want\$" "$out")
  local all; all=$(count "kernel: fault in " "$out")
  echo "victim: $n_lost runs with sp $sp ($above bytes above its memory), $faults faults: $want"
  [ "$faults" -eq $((frames - 1)) ] || fail "expected $((frames - 1)) such faults (one per later frame), found $faults"
  [ "$all" -eq "$faults" ] || { grep "kernel: fault in " "$out" | grep -v -- "$want" | head; fail "other faults (above)"; }
  local hm="kernel: hm: victim/lost: MEMORY_VIOLATION in normal -> restart_process (process table)"
  [ "$(count "^\[.*\] $hm\$" "$out")" -eq "$faults" ] || fail "expected '$hm' after each fault"
  [ "$(count "kernel: hm: " "$out")" -eq "$faults" ] || fail "other health-monitor actions"
}

lazy_fault() {
  local board=$1 elf=$2 fwlog=$3 frames=$4
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  run_clean "$board" "$elf" "$fwlog" "$frames" "$tmp/out" \
    "CORRUPTED|DIFFERS|LEAK|its own window only|panic|failed"
  lazy_fault_check "$tmp/out" "$frames"
  fpwork_kept witness "$tmp/out"
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
  lazy-fault) lazy_fault "$@" ;;
  *) fail "unknown mode $mode" ;;
esac
