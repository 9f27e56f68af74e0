#!/usr/bin/env bash
# run.sh BOARD ELF FRAMES TIMEOUT FWLOG [fwlog options] - runs a firmware
# image under qemu-system-arm and splits its console with FWLOG (the app's
# <app>-fwlog).  Used by `./fenestra qemu`, `./fenestra diff` and the
# `qemu` and `diff` tests, so they all run QEMU the same way:
#
#   -M BOARD           the board's name is QEMU's machine name
#   -icount shift=S    deterministic time: one instruction is 2^S ns (icount
#                      takes only powers of two), per board (qemu_shift):
#                      mps2-*: S=5, 32 ns, 0.8 cycles of the 25 MHz clock
#                      (40 ns would be one cycle); netduinoplus2: S=2, 4 ns,
#                      0.67 cycles of the 168 MHz QEMU clocks SysTick at
#                      whatever the firmware sets in the RCC (QEMU has no
#                      RCC; the board runs at 16 MHz, board.yaml's clock)
#                      align=off, sleep=off: WFI jumps to the next timer,
#                      so idle time costs no wall time
#   -semihosting       the firmware ends QEMU with SYS_EXIT at the run's end
#   loader device      writes the host parameters (magic "FEN1" and the
#                      frame count) at the image's __host_params before reset
#   timeout            a hard limit in seconds, whatever the firmware does
#   FWLOG --clock-hz   the board's clock_hz (board.yaml): FWLOG holds the
#                      app's own board's, which a firmware for another
#                      board does not run at
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: run.sh BOARD ELF FRAMES TIMEOUT FWLOG [fwlog options]" >&2; exit 2; }
board=$1 elf=$2 frames=$3 limit=$4 fwlog=$5
shift 5
root=$(cd "$(dirname "$0")/../.." && pwd)

# The icount shift of each board QEMU has a machine for.
qemu_shift() {
  case "$1" in
    mps2-*) echo 5 ;;
    netduinoplus2) echo 2 ;;
    *) echo "run.sh: board '$1' has no QEMU machine here (docs/boards.md)" >&2; exit 2 ;;
  esac
}
shift_=$(qemu_shift "$board")
clock=$(sed -n 's/^clock_hz: *\([0-9]*\).*/\1/p' "$root/boards/$board/board.yaml")
[ -n "$clock" ] || { echo "run.sh: boards/$board/board.yaml has no clock_hz" >&2; exit 2; }
nm=$(command -v llvm-nm || command -v llvm-nm-14)
addr=$("$nm" "$elf" | awk '$3 == "__host_params" { print $1 }')
[ -n "$addr" ] || { echo "run.sh: $elf has no __host_params" >&2; exit 2; }
data=$(printf '0x%08x46454e31' "$frames")
timeout "$limit" qemu-system-arm -M "$board" -nographic \
  -icount "shift=$shift_,align=off,sleep=off" -semihosting-config enable=on,target=native \
  -kernel "$elf" -device "loader,addr=0x$addr,data=$data,data-len=8" |
  "$fwlog" --clock-hz "$clock" "$@"
