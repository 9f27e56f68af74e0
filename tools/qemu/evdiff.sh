#!/usr/bin/env bash
# evdiff.sh [--per-partition] [--also KINDS] [--deviations FILE APP [--unseen-ok]] SIM_EVENTS QEMU_EVENTS
#           TOLERANCE WINDOW_TOLERANCE
# compares the kernel event sequences of a simulator run and a QEMU run of
# the same app and frames (both as `run --events` text; console lines are
# ignored).  Used by `./fenestra diff` and the `diff` tests; docs/boards.md
# explains the rules.
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
# fault event has the address - and an interrupt's assertion cycle and
# latency, which its event's own cycle shows).  Each matched pair's cycles must agree
# within TOLERANCE cycles ("-": reported, not checked), frame and window
# starts within WINDOW_TOLERANCE:
# kernel code costs differ between the builds (the simulator charges a
# fixed entry cost; QEMU runs the kernel's instructions, and a window
# starts only once the kernel entry in progress, such as a console write,
# has returned), and QEMU counts 0.8 board cycles per instruction.
#
#   --per-partition  the order is compared within each partition's events
#                    and within the schedule's (frames, windows), not
#                    across them: for apps whose partitions' work crosses
#                    a window boundary at another point on QEMU
#   --also KINDS     also compare these kinds (comma-separated), such as
#                    wake for an app whose wake-ups are its point
#   --deviations FILE APP   the known deviations of APP listed in FILE
#                    (tools/qemu/event_deviations.txt: app, event kind,
#                    thread, field, deviation): a pair that differs in
#                    exactly that field, as that deviation describes, is
#                    named and counted, not failed; a listed deviation
#                    that does not occur fails (the list stays exact)
#   --unseen-ok      a listed deviation that does not occur is only noted:
#                    for a run of other frames than the app's own
set -euo pipefail
usage() {
  echo "usage: evdiff.sh [--per-partition] [--also KINDS] [--deviations FILE APP [--unseen-ok]] SIM_EVENTS QEMU_EVENTS TOLERANCE WINDOW_TOLERANCE" >&2
  exit 2
}
per_part=0 devfile=/dev/null app=- also= unseen_ok=0
while [ $# -gt 0 ]; do
  case "$1" in
    --per-partition) per_part=1; shift ;;
    --also) [ $# -ge 2 ] && [[ $2 =~ ^[a-z_]+(,[a-z_]+)*$ ]] ||
      { echo "evdiff.sh: --also needs event kinds, such as wake" >&2; exit 2; }
      also="|${2//,/|}"; shift 2 ;;
    --deviations) [ $# -ge 3 ] || usage; devfile=$2 app=$3; shift 3
      [ -r "$devfile" ] || { echo "evdiff.sh: cannot read deviations file '$devfile'" >&2; exit 2; } ;;
    --unseen-ok) unseen_ok=1; shift ;;
    -*) echo "evdiff.sh: unknown option '$1'" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -eq 4 ] || usage
[[ $3 =~ ^([0-9]+|-)$ ]] || { echo "evdiff.sh: TOLERANCE '$3' is neither cycles nor -" >&2; exit 2; }
[[ $4 =~ ^[0-9]+$ ]] || { echo "evdiff.sh: WINDOW_TOLERANCE '$4' is not cycles" >&2; exit 2; }

tab=$'\t'
normalize() {
  awk -v per_part="$per_part" -v also="$also" '
    /^@/ {
      kind = $2
      if (kind !~ "^(boot|frame|window|release|process|fault|error|hm|mode|schedule|module|port|message|window_complete" also ")$")
        next
      out = kind
      for (i = 3; i <= NF; i++) {
        f = $i
        if (kind == "release" && f ~ /^(at|deadline_lo)=/) continue
        if (kind == "process" && f ~ /^arg=/ && $0 !~ /op=(start|create|stop|resume|restart)/) continue
        if (kind == "port" && f ~ /^(latency|age)=/) continue
        if (kind == "error" && f ~ /^a[01]=/) continue
        if (kind == "irq" && f ~ /^(asserted_lo|latency)=/) continue
        out = out " " f
      }
      # the stream the order is compared in (--per-partition)
      stream = "all"
      if (per_part && kind ~ /^(boot|frame|window|window_complete|schedule|module)$/)
        stream = "schedule"
      else if (per_part && match(out, / (part|thread)=[^ .]+/))
        stream = substr(out, RSTART + 1, RLENGTH - 1)
      print stream "\t" substr($1, 2) "\t" out
    }' "$1" | LC_ALL=C sort -s -t "$tab" -k1,1
}

paste <(normalize "$1") <(normalize "$2") |
  awk -F'\t' -v tol="$3" -v wtol="$4" -v devfile="$devfile" -v app="$app" -v unseen_ok=$unseen_ok '
  function hexval(h,    v, i, c) {
    v = 0; h = tolower(h); sub(/^0x/, "", h)
    for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)); v = v * 16 + c - 1 }
    return v
  }
  function field(text, key,    w, i, nw) {
    nw = split(text, w, " ")
    for (i = 2; i <= nw; i++) if (index(w[i], key "=") == 1) return substr(w[i], length(key) + 2)
    return ""
  }
  # The one field in which two events of the same kind differ, else "".
  function one_field(a, b,    wa, wb, na, nb, i, f) {
    na = split(a, wa, " "); nb = split(b, wb, " ")
    if (na != nb || wa[1] != wb[1]) return ""
    f = ""
    for (i = 2; i <= na; i++) if (wa[i] != wb[i]) { if (f != "") return ""; f = wa[i]; sub(/=.*/, "", f) }
    return f
  }
  # Does the deviation `id` explain this pair?  stacking: a fault whose
  # exception entry could not stack its frame (MSTKERR 0x10, STKERR 0x1000)
  # has no frame on the hardware, so the firmware reports pc 0.
  function explains(id, fld, s, q,    st) {
    if (id == "stacking") {
      st = hexval(field(s, "status"))
      return fld == "pc" && field(q, "pc") == "0x00000000" && (int(st / 16) % 2 || int(st / 4096) % 2)
    }
    return 0
  }
  function reason(id) {
    if (id == "stacking") return "a stacking error leaves no exception frame, so the firmware cannot know the pc (0); the simulator does"
    return id
  }
  function late_hint(line) {
    if (line ~ /^irq .*op=assert/)
      return "check: QEMU 7.2 can leave the CPU in WFI with an interrupt pending under -icount sleep=off (docs/boards.md)"
    return ""
  }
  function hint(line) {
    if (line ~ /^fault/ && line ~ /status=0x[0-9a-f]*[13579bdf][0-9a-f]$/)
      return "check: a stacking fault leaves no frame on hardware, so its pc is 0 on QEMU (a known deviation to list?)"
    if (line ~ /^fault/)
      return "check: QEMU caches MPU verdicts per 1 KiB page when a region edge or subregion splits a page (docs/boards.md)"
    return ""
  }
  BEGIN {
    while ((getline l < devfile) > 0) {
      if (l ~ /^[ \t]*(#|$)/) continue
      split(l, w, /[ \t]+/)
      if (w[1] != app) continue
      k = w[2] SUBSEP w[3] SUBSEP w[4]
      listed[k] = w[5]; order[++nlisted] = k
    }
  }
  {
    n++
    if ($3 != $6) {
      fld = one_field($3, $6)
      k = field($3, "thread"); k = substr($3, 1, index($3, " ") - 1) SUBSEP k SUBSEP fld
      if (fld != "" && (k in listed) && explains(listed[k], fld, $3, $6)) {
        printf "diff: event %d: known deviation \"%s\" (%s): %s sim %s, qemu %s: %s\n", n, listed[k],
               devfile, substr($3, 1, index($3, " ") - 1) " thread=" field($3, "thread"), fld "=" field($3, fld),
               fld "=" field($6, fld), reason(listed[k])
        seen[k] = 1; known++
      } else {
        printf "diff: event %d differs:\n  sim  @%s %s\n  qemu @%s %s\n", n, $2, $3, $5, $6
        d = hint($3); if (d != "") print "  " d
        bad++; if (bad >= 10) exit 1
        next
      }
    }
    dc = $5 - $2; if (dc < 0) dc = -dc
    win = $3 ~ /^(frame|window) /
    if (win && dc > maxw) { maxw = dc; atw = $3 }
    if (!win && dc > maxdc) { maxdc = dc; at = $3 }
    limit = win ? wtol : tol
    if (limit != "-" && dc > limit + 0) {
      printf "diff: event %d, %s: cycles %s (sim) and %s (qemu) differ by %d > %d\n", n, $3, $2, $5, dc, limit
      d = late_hint($3); if (d != "" && $5 > $2) print "  " d
      bad++; if (bad >= 10) exit 1
    }
  }
  END {
    for (i = 1; i <= nlisted; i++) if (!(order[i] in seen)) {
      split(order[i], w, SUBSEP)
      if (unseen_ok) {
        printf "diff: listed deviation \"%s\" of %s (%s %s, field %s) did not occur in these frames\n",
               listed[order[i]], app, w[1], w[2], w[3]
        continue
      }
      printf "diff: listed deviation \"%s\" of %s (%s %s, field %s) no longer occurs: remove it from %s\n",
             listed[order[i]], app, w[1], w[2], w[3], devfile
      bad++
    }
    if (bad) exit 1
    if (atw == "") atw = "-"; if (at == "") at = "-"
    printf "diff: %d events match%s\n", n - known, known ? sprintf(", %d more with a known deviation", known) : ""
    printf "diff: frame and window starts: largest difference %d cycles (tolerance %d) at: %s\n", maxw, wtol, atw
    printf "diff: other events: largest difference %d cycles (tolerance %s) at: %s\n", maxdc, tol, at
  }'
