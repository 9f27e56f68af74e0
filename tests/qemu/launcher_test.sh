#!/usr/bin/env bash
# launcher_test.sh BIN_TREE FW_TREE - `./fenestra`'s app resolution
# (resolve_app: apps/, tests/sim/apps/, tests/footprint/, tests/fw/, by
# name or folder) and a real `qemu`, `build-fw` and `diff` of scenario
# apps.  BIN_TREE is the host tree (bin/APP-sim, bin/APP-fwlog), FW_TREE
# the qemu fixture's mps2-an385 firmware tree (with the scenarios): the
# launcher sees them as its sim-release and fw-mps2-an385 trees through
# FENESTRA_BUILD_DIR, so it builds nothing new.
set -euo pipefail
bin_tree=$1 fw_tree=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" # folders given to the launcher are relative to here
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export FENESTRA_BUILD_DIR=$tmp/build
mkdir "$FENESTRA_BUILD_DIR"
ln -s "$bin_tree" "$FENESTRA_BUILD_DIR/sim-release"
ln -s "$fw_tree" "$FENESTRA_BUILD_DIR/fw-mps2-an385"

# expect_fail TEXT CMD...: CMD fails and says TEXT on stderr.
expect_fail() {
  local text=$1; shift
  if "$@" >"$tmp/out" 2>"$tmp/err"; then fail "$* succeeded"; fi
  grep -qF -- "$text" "$tmp/err" || { cat "$tmp/err"; fail "$*: no \"$text\""; }
  echo "ok: $* -> $(head -c 120 "$tmp/err")"
}
# expect_out LINE CMD...: CMD succeeds and prints LINE.
expect_out() {
  local line=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "$* failed"; }
  grep -qxF -- "$line" "$tmp/out" || { cat "$tmp/out"; fail "$*: no line \"$line\""; }
  echo "ok: $* -> $line"
}

f=$root/fenestra
# By name in each place, by folder (from another directory too), and an
# app whose config is another app's.
expect_out "badptr tests/sim/apps/badptr tests/sim/apps/badptr/app.yaml mps2-an385" "$f" apps badptr
expect_out "hello apps/hello apps/hello/app.yaml mps2-an385" "$f" apps hello
expect_out "portshm tests/footprint/portshm tests/footprint/portshm/app.yaml mps2-an385" "$f" apps portshm
expect_out "fpu tests/fw/fpu tests/fw/fpu/app.yaml mps2-an386" "$f" apps fpu
expect_out "faulty_jump tests/sim/apps/faulty_jump tests/sim/apps/faulty/app.yaml mps2-an385" \
  "$f" apps tests/sim/apps/faulty_jump
expect_out "lwlock tests/sim/apps/lwlock tests/sim/apps/lwlock/app.yaml mps2-an385" \
  bash -c "cd '$root/tests/sim' && '$f' apps apps/lwlock/"

# Unknown names and folders, in every command that takes an app.
for cmd in qemu diff build-fw run debug apps; do
  expect_fail "unknown app 'nosuch': looked in apps tests/sim/apps tests/footprint tests/fw" "$f" $cmd nosuch
done
expect_fail "'tests/sim' is not an app folder" "$f" qemu tests/sim
expect_fail "no folder 'tests/sim/apps/nosuch'" "$f" diff tests/sim/apps/nosuch

# --trace (firmware without the kernel's trace): a bad or missing value,
# and what needs the trace (diff, --events) refused with it off.
expect_fail "--trace takes on or off, not 'maybe'" "$f" build-fw hello --trace maybe
expect_fail "--trace takes on or off, not 'maybe'" "$f" qemu hello --trace maybe
expect_fail "--trace needs a value: on or off" "$f" qemu hello --trace
expect_fail "diff compares the kernel's trace events: it cannot run with --trace off" \
  "$f" diff hello --trace off
expect_fail "--events needs the kernel's trace, which --trace off leaves out" \
  "$f" qemu hello --trace off --events

# One name in two places: a copy of the launcher in a scratch root.
scratch=$tmp/root
for d in apps/twin tests/sim/apps/twin tests/fw/solo; do
  mkdir -p "$scratch/$d"
  printf 'fenestra_app(NAME %s CONFIG app.yaml\n  PARTITION p SOURCES p.c)\n' "${d##*/}" \
    >"$scratch/$d/CMakeLists.txt"
  echo "board: mps2-an385" >"$scratch/$d/app.yaml"
done
cp "$f" "$scratch/fenestra"
mkdir -p "$scratch/tools/qemu"
cp "$root/tools/qemu/scenario.sh" "$scratch/tools/qemu/"
expect_fail "app name 'twin' is ambiguous: apps/twin tests/sim/apps/twin; give its folder instead" \
  "$scratch/fenestra" qemu twin
expect_out "twin tests/sim/apps/twin tests/sim/apps/twin/app.yaml mps2-an385" \
  "$scratch/fenestra" apps "$scratch/tests/sim/apps/twin"
expect_out "solo tests/fw/solo tests/fw/solo/app.yaml mps2-an385" "$scratch/fenestra" apps solo
# A bad line in an app's qemu.txt, named with its file and line.
printf 'frames 3\nbogus 1\n' >"$scratch/tests/fw/solo/qemu.txt"
for cmd in qemu diff build-fw; do
  expect_fail "tests/fw/solo/qemu.txt:2: unknown setting 'bogus'" "$scratch/fenestra" $cmd solo
done
printf 'frames\n' >"$scratch/tests/fw/solo/qemu.txt"
expect_fail "tests/fw/solo/qemu.txt:1: frames needs a positive number, not ''" "$scratch/fenestra" qemu solo

# Real runs of scenario apps: options still apply, the summary reports the
# frames asked for, build-fw finds the partitions' ELFs.
"$f" qemu badptr --frames 2 --quiet >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "qemu badptr"; }
cat "$tmp/err"
grep -q "^qemu: badptr: 2 frames, .* end: frames reached" "$tmp/err" || fail "qemu badptr: summary"
[ ! -s "$tmp/out" ] || fail "qemu badptr --quiet printed console text"
"$f" qemu tests/sim/apps/lwlock --frames 1 >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "qemu lwlock"; }
grep -q "locker: uncontended: 1000 pairs" "$tmp/out" || fail "qemu lwlock: console"
echo "ok: qemu badptr --frames 2 --quiet, qemu tests/sim/apps/lwlock --frames 1"
"$f" build-fw faulty_jump >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "build-fw faulty_jump"; }
cat "$tmp/out"
[ "$(grep -c "^  partition .* (ELF)$" "$tmp/out")" = 3 ] || fail "build-fw faulty_jump: partition ELF sizes"
"$f" diff faulty_ok --frames 3 >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out" "$tmp/err"; fail "diff faulty_ok"; }
tail -n 2 "$tmp/out"
# A diff by hand gives its test's verdict: badptr's qemu.txt (8 frames,
# order per partition, cycles not compared), and overflow's known
# deviations, one of which its first two frames do not reach.
"$f" diff badptr >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out" "$tmp/err"; fail "diff badptr"; }
grep -q "^qemu: badptr: 8 frames" "$tmp/err" || fail "diff badptr: not the 8 frames of its qemu.txt"
grep -q "^diff: other events: .*(tolerance -)" "$tmp/out" || fail "diff badptr: not its tolerance"
"$f" diff overflow --frames 2 >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out" "$tmp/err"; fail "diff overflow --frames 2"; }
grep -q '^diff: event .*: known deviation "stacking"' "$tmp/out" || fail "diff overflow: deep's deviation not named"
grep -q 'listed deviation "stacking" of overflow (fault spawner.1, field pc) did not occur in these frames' \
  "$tmp/out" || fail "diff overflow --frames 2: spawner's deviation not noted"
echo "ok: diff badptr, diff overflow --frames 2"
echo "launcher: all checks passed"
