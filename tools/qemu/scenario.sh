# scenario.sh - sourced by ./fenestra and tests/qemu/qemu_test.sh: how an
# app runs and compares on QEMU, from the qemu.txt beside its CMakeLists.txt,
# so that `./fenestra diff APP` gives the verdict of the `diff.APP` test
# (docs/boards.md, "The simulator's scenarios on QEMU").
#
# qemu.txt holds one setting per line; `#` starts a comment line:
#   frames N          the frames a run covers (the scenario's point)
#   tolerance T       diff: other events' cycles within T cycles, or "-"
#                     (reported, not checked); default a tenth of a frame
#   per-partition     diff: the order within each partition (evdiff.sh)
#   also KINDS        diff: also compare these event kinds (evdiff.sh)
#   expect TEXT       run test: both consoles print TEXT (may repeat)
#   lines PCT         run test: line counts at most PCT% apart (default 20)
#
# scenario_load DIR sets SC_FRAMES (empty: not given), SC_TOLERANCE,
# SC_EVDIFF (evdiff.sh options), SC_EXPECT and SC_LINES; a bad line is an
# error naming the file and line, and scenario_load returns 2.

scenario_error() {
  echo "$1:$2: $3" >&2
  return 2
}

scenario_load() {
  local file=$1/qemu.txt n=0 line key value
  SC_FRAMES='' SC_TOLERANCE='' SC_EVDIFF=() SC_EXPECT=() SC_LINES=20
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    key=${line%% *} value=
    [ "$key" = "$line" ] || value=${line#* }
    case "$key" in
      frames)
        [[ $value =~ ^[1-9][0-9]*$ ]] || scenario_error "$file" $n "frames needs a positive number, not '$value'" || return
        SC_FRAMES=$value ;;
      tolerance)
        [[ $value =~ ^([0-9]+|-)$ ]] || scenario_error "$file" $n "tolerance needs cycles or -, not '$value'" || return
        SC_TOLERANCE=$value ;;
      per-partition)
        [ -z "$value" ] || scenario_error "$file" $n "per-partition takes no value" || return
        SC_EVDIFF+=(--per-partition) ;;
      also)
        [[ $value =~ ^[a-z_]+(,[a-z_]+)*$ ]] || scenario_error "$file" $n "also needs event kinds such as wake, not '$value'" || return
        SC_EVDIFF+=(--also "$value") ;;
      expect)
        [ -n "$value" ] || scenario_error "$file" $n "expect needs text" || return
        SC_EXPECT+=("$value") ;;
      lines)
        [[ $value =~ ^[0-9]+$ ]] || scenario_error "$file" $n "lines needs a percentage, not '$value'" || return
        SC_LINES=$value ;;
      *) scenario_error "$file" $n "unknown setting '$key' (frames, tolerance, per-partition, also, expect, lines)" || return ;;
    esac
  done <"$file"
}
