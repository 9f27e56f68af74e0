#!/usr/bin/env bash
# evdiff.sh SIM_EVENTS QEMU_EVENTS TOLERANCE WINDOW_TOLERANCE - compares the kernel event
# sequences of a simulator run and a QEMU run of the same app and frames
# (both as `run --events` text; console lines are ignored).  Used by
# `./fenestra diff` and the `diff` tests; docs/boards.md explains the rules.
#
# Compared, in order: boot, frames, windows, releases, process-state
# changes, faults (thread, error, access, address, pc, status), errors,
# health-monitor actions, modes, schedules, module events, port messages
# (operation, port, sequence number, length) and application messages.
# Not compared: thread switches, system calls, sleeps and wake-ups (their
# number follows the partitions' own timing: a partition that prints
# faster on one fits one more line in its window), and fields that are
# times measured by the partition or the kernel (release `at` of an
# aperiodic start, deadlines, latencies, ages, an error's a0/a1 - the
# fault event has the address).  Each matched pair's cycles must agree
# within TOLERANCE cycles, frame and window starts within WINDOW_TOLERANCE:
# kernel code costs differ between the builds (the simulator charges a
# fixed entry cost; QEMU runs the kernel's instructions, and a window
# starts only once the kernel entry in progress, such as a console write,
# has returned), and QEMU counts 0.8 board cycles per instruction.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: evdiff.sh SIM_EVENTS QEMU_EVENTS TOLERANCE WINDOW_TOLERANCE" >&2; exit 2; }

normalize() {
  awk '
    /^@/ {
      kind = $2
      if (kind !~ /^(boot|frame|window|release|process|fault|error|hm|mode|schedule|module|port|message|window_complete)$/)
        next
      out = kind
      for (i = 3; i <= NF; i++) {
        f = $i
        if (kind == "release" && f ~ /^(at|deadline_lo)=/) continue
        if (kind == "process" && f ~ /^arg=/ && $0 !~ /op=(start|create|stop|resume|restart)/) continue
        if (kind == "port" && f ~ /^(latency|age)=/) continue
        if (kind == "error" && f ~ /^a[01]=/) continue
        out = out " " f
      }
      print substr($1, 2) "\t" out
    }' "$1"
}

paste <(normalize "$1") <(normalize "$2") | awk -F'\t' -v tol="$3" -v wtol="$4" '
  function deviation(line) {
    if (line ~ /status=0x000000(1|9)0/)
      return "known deviation: a stacking fault leaves no frame on hardware, so its pc is 0 on QEMU"
    if (line ~ /^fault/)
      return "check: QEMU caches MPU verdicts per 1 KiB page when a region edge or subregion splits a page (docs/boards.md)"
    return ""
  }
  {
    n++
    if ($2 != $4) {
      printf "diff: event %d differs:\n  sim  @%s %s\n  qemu @%s %s\n", n, $1, $2, $3, $4
      d = deviation($2 " " $4); if (d != "") print "  " d
      bad++; if (bad >= 10) exit 1
      next
    }
    dc = $3 - $1; if (dc < 0) dc = -dc
    win = $2 ~ /^(frame|window) /
    limit = win ? wtol : tol
    if (win && dc > maxw) { maxw = dc; atw = $2 }
    if (!win && dc > maxdc) { maxdc = dc; at = $2 }
    if (dc > limit) {
      printf "diff: event %d, %s: cycles %s (sim) and %s (qemu) differ by %d > %d\n", n, $2, $1, $3, dc, limit
      bad++; if (bad >= 10) exit 1
    }
  }
  END {
    if (bad) exit 1
    if (atw == "") atw = "-"; if (at == "") at = "-"
    printf "diff: %d events match\n", n
    printf "diff: frame and window starts: largest difference %d cycles (tolerance %d) at: %s\n", maxw, wtol, atw
    printf "diff: other events: largest difference %d cycles (tolerance %d) at: %s\n", maxdc, tol, at
  }'
