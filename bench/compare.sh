#!/usr/bin/env bash
# bench/compare.sh BASE_BIN_DIR BIN_DIR - the window-switch benchmarks of
# two builds (e.g. before and after a change), interleaved round by round so
# that a noisy machine's slow and fast spells hit both alike.  Prints the
# median host time per window of each build and the median of the
# per-round ratios (BIN / BASE).  ./fenestra bench --against REV runs it
# with REV built in a scratch worktree.
set -euo pipefail
BASE=${1:?usage: bench/compare.sh BASE_BIN_DIR BIN_DIR}
NEW=${2:?usage: bench/compare.sh BASE_BIN_DIR BIN_DIR}
RUNS=${RUNS:-9}

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# per_window BIN APP FRAMES: host microseconds per window (10 per frame).
per_window() {
  local s
  s=$("$1/$2-sim" --quiet --frames "$3" 2>&1 >/dev/null | grep '^run:')
  echo "$s" | awk -v f="$3" '{ for (i = 1; i <= NF; i++) if ($i == "host") h = $(i + 1);
                               printf "%.4f\n", h / (f * 10) * 1e6 }'
}

row() { # NAME APP FRAMES
  local base="" new=""
  for _ in $(seq "$RUNS"); do
    base+="$(per_window "$BASE" "$2" "$3")"$'\n'
    new+="$(per_window "$NEW" "$2" "$3")"$'\n'
  done
  base=$(echo -n "$base"); new=$(echo -n "$new")
  local ratio
  ratio=$(paste <(echo "$new") <(echo "$base") | awk '{printf "%.3f\n", $1 / $2}' | median)
  echo "| $1 | $(echo "$base" | median) us | $(echo "$new" | median) us | ${ratio}x |"
}

echo "| per window (median of $RUNS interleaved rounds) | base | this build | this / base (median of per-round ratios) |"
echo "|---|---|---|---|"
row "window switch, thread wakes, runs and sleeps (bench_windows_tick)" bench_windows_tick 10000
row "window switch preempting running code (bench_windows_spin)" bench_windows_spin 2000
echo
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
