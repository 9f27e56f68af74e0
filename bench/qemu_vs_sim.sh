#!/usr/bin/env bash
# bench/qemu_vs_sim.sh BIN_DIR FW_DIR - the simulator against QEMU, side by
# side (./fenestra bench, when qemu-system-arm is installed).
#
# The same app, the same frames: APP-sim from BIN_DIR (sim-release) and the
# app's firmware from FW_DIR under QEMU as `./fenestra qemu` runs it
# (tools/qemu/run.sh: -icount, WFI skipping idle time, semihosting exit).
# Each round runs both, one after the other, so a slow spell of a noisy
# machine hits both alike; figures are medians over RUNS rounds and the
# ratio is the median of the per-round ratios.  Times are whole processes
# (start-up included), since QEMU's own start-up is part of what a user
# waits for.
set -euo pipefail
BIN=${1:?usage: bench/qemu_vs_sim.sh BIN_DIR FW_DIR}
FW=${2:?usage: bench/qemu_vs_sim.sh BIN_DIR FW_DIR}
RUNS=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

# seconds CMD...: the wall time of one run, which must succeed.
seconds() {
  local t0 t1
  t0=$(now)
  "$@" >/dev/null 2>&1 || { echo "bench: '$*' failed" >&2; exit 1; }
  t1=$(now)
  echo "$t0 $t1" | awk '{printf "%.4f\n", $2 - $1}'
}

# The apps a user would compare: the smallest and the default demo (its
# stimulus is the simulator's own device, so both run without it).
specs=("hello 200" "avionics 100")
declare -A sim_s qemu_s
for _ in $(seq "$RUNS"); do
  for spec in "${specs[@]}"; do
    read -r app frames <<<"$spec"
    opts=(--frames "$frames" --quiet)
    [ -f "$root/apps/$app/stimulus.txt" ] && opts+=(--stimulus none)
    board=$(sed -n 's/^board: *\([A-Za-z0-9_-]*\).*/\1/p' "$root/apps/$app/app.yaml" | head -n 1)
    sim_s[$app]+="$(seconds "$BIN/$app-sim" "${opts[@]}") "
    qemu_s[$app]+="$(seconds "$root/tools/qemu/run.sh" "$board" "$FW/fw/$app.elf" "$frames" 300 \
      "$BIN/$app-fwlog" --quiet) "
  done
done

echo "| app | frames | virtual time | simulator | QEMU -icount | QEMU / simulator |"
echo "|---|---|---|---|---|---|"
for spec in "${specs[@]}"; do
  read -r app frames <<<"$spec"
  s=$(tr ' ' '\n' <<<"${sim_s[$app]}" | grep . )
  q=$(tr ' ' '\n' <<<"${qemu_s[$app]}" | grep . )
  frame_ms=$("$BIN/$app-sim" --frames 1 --quiet 2>&1 >/dev/null |
    awk '/^run:/ { gsub(/[(]/, "", $7); printf "%.3f", $7 * 1000 }')
  ratio=$(paste <(echo "$q") <(echo "$s") | awk '{printf "%.2f\n", $1 / $2}' | median)
  awk -v a="$app" -v f="$frames" -v ms="$frame_ms" -v s="$(echo "$s" | median)" \
      -v q="$(echo "$q" | median)" -v r="$ratio" \
      'BEGIN {printf "| %s | %d | %.3f s | %.3f s | %.3f s | %.1fx |\n", a, f, f * ms / 1000, s, q, r}'
done
