#!/usr/bin/env bash
# mpu_matrix.sh MATRIX PROBE_ELF [cold|warm] - the MPU isolation matrix on
# QEMU against the simulator, probe for probe (docs/boards.md, "The MPU
# isolation matrix on QEMU").
#
#   MATRIX     the simulator's matrix (test_mpu_matrix); with MATRIX_DUMP it
#              writes the probe list and its verdict per probe
#   PROBE_ELF  the firmware runner (tests/mpu/fw: matrix-probe.elf), which
#              QEMU's loader gives the same list at __probe_list
#   mode       cold: the MPU (and QEMU's TLB) is reloaded before each probe;
#              warm: a partition's read and write probes run back to back
#
# A verdict line is "<partition> <access> <address> <verdict> cfsr= far=".
# Every line must be the same, except the probes tests/qemu/mpu_deviations.txt
# lists for the mode: those are named, with their reason.
set -euo pipefail
matrix=$1 elf=$2 mode=${3:-cold}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

MATRIX_DUMP=$tmp/sim "$matrix" >"$tmp/matrix.log" 2>&1 || { cat "$tmp/matrix.log"; echo "simulator matrix failed"; exit 1; }
[ "$mode" = warm ] && printf 'MRPW' | dd of="$tmp/sim.bin" conv=notrunc status=none
nm=$(command -v llvm-nm || command -v llvm-nm-14)
addr=$("$nm" "$elf" | awk '$3 == "__probe_list" { print $1 }')
[ -n "$addr" ] || { echo "$elf has no __probe_list"; exit 2; }
timeout 120 qemu-system-arm -M mps2-an385 -nographic -icount shift=5,align=off,sleep=off \
  -semihosting-config enable=on,target=native -kernel "$elf" \
  -device "loader,file=$tmp/sim.bin,addr=0x$addr" >"$tmp/qemu.raw" 2>"$tmp/qemu.err" ||
  { cat "$tmp/qemu.err"; tail -5 "$tmp/qemu.raw"; echo "QEMU run failed"; exit 1; }
n=$(wc -l <"$tmp/sim.txt")
grep -q "^matrix-probe: $n probes" "$tmp/qemu.raw" || { tail -5 "$tmp/qemu.raw"; echo "QEMU ran not all $n probes"; exit 1; }
grep -v '^matrix-probe:' "$tmp/qemu.raw" >"$tmp/qemu.txt"

# Known deviations of this mode: "<partition> <access> <address>" -> reason.
awk -v m="$mode" '!/^#/ && $1 == m { k = $2 " " $3 " " $4; $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print k "\t" $0 }' \
  "$root/tests/qemu/mpu_deviations.txt" >"$tmp/known"
paste -d '\n' "$tmp/sim.txt" "$tmp/qemu.txt" | awk -v known="$tmp/known" '
  BEGIN { FS = "\t"; while ((getline l < known) > 0) { split(l, a, "\t"); why[a[1]] = a[2] }; FS = " " }
  NR % 2 == 1 { sim = $0; next }
  { probes++; split(sim, s, " "); k = s[1] " " s[2] " " s[3]
    if (sim == $0) { if (k in why) { stale++; print "stale deviation (agrees now): " k } next }
    if (k in why) { dev++; print "known QEMU deviation: " k ": simulator " s[4] ", QEMU " $4 " (" why[k] ")"; next }
    bad++; if (bad <= 20) print "MISMATCH " k ": simulator " sim " / QEMU " $0 }
  END { printf "mpu matrix on QEMU (%s): %d probes, %d agree, %d known QEMU deviations, %d mismatches, %d stale\n",
        "'"$mode"'", probes, probes - dev - bad, dev, bad, stale
        exit (bad || stale) ? 1 : 0 }'
