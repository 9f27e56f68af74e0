#!/usr/bin/env bash
# bench/run.sh BIN_DIR - Fenestra's benchmarks (./fenestra bench).
#
# RUNS rounds; each round runs every benchmark once, one after the other, so
# that slow and fast spells of a noisy machine hit all of them alike.  Every
# figure is the median over the rounds; the simulator/native ratio is the
# median of the per-round ratios.  Host times come from the simulators'
# end-of-run summaries (stderr), which report, never steer.
set -euo pipefail
BIN=${1:?usage: bench/run.sh BIN_DIR}
RUNS=${RUNS:-5}

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# summary FIELD: pulls "<number> FIELD" out of a run's summary line.
field() { sed -n "s/.* \([0-9.]*\) $1.*/\1/p"; }

# sim APP ARGS...: one run of APP-sim; prints "host_s insns entries frames".
sim() {
  local app=$1; shift
  local s
  s=$("$BIN/$app-sim" --quiet "$@" 2>&1 >/dev/null | grep '^run:')
  echo "$(echo "$s" | sed -n 's/.*host \([0-9.]*\) s.*/\1/p') \
$(echo "$s" | field 'guest instructions') $(echo "$s" | field 'kernel entries') \
$(echo "$s" | sed -n 's/^run: [^:]*: \([0-9]*\) frames.*/\1/p')"
}

col() { awk -v c="$1" '{print $c}'; }

native_sum=$("$BIN/bench-native" | sed -n 's/.*checksum=\(0x[0-9a-f]*\).*/\1/p')
guest_sum=$("$BIN/bench_cpu-sim" --frames 1000 2>/dev/null | sed -n 's/.*checksum=\(0x[0-9a-f]*\).*/\1/p')
[ "$native_sum" = "$guest_sum" ] || { echo "checksums differ: native $native_sum, guest $guest_sum" >&2; exit 1; }

# bench_irq's input: a pulse on the stimulus device's line 30 every 2000
# cycles in owner's half of each 10 ms frame (250000 cycles), 200 frames.
# Pulses need no device access to clear, so the figure is the kernel's
# path alone (device-register accesses are settled exactly, one
# instruction at a time, and cost far more: docs/benchmarks.md).
IRQ_FRAMES=200
stim=$(mktemp); trap 'rm -f "$stim"' EXIT
awk -v n="$IRQ_FRAMES" 'BEGIN { for (f = 0; f < n; f++) for (c = 1000; c < 125000; c += 2000)
  printf "%d irq 30\n", f * 250000 + c }' > "$stim"
irq_records=$(wc -l < "$stim")

# ports APP ARGS: "host_s messages" of a bench_ports run (the receiving
# port's count from --ports).
ports() {
  local out
  out=$("$BIN/bench_ports-sim" --quiet --ports "$@" 2>&1)
  echo "$(echo "$out" | sed -n 's/.*host \([0-9.]*\) s.*/\1/p') \
$(echo "$out" | awk '$1 == "recv.in" {print $4}')"
}

# rec APP ARGS: "plain_s recorded_s replayed_s bytes" of one app: a run, the
# same run recorded, and the replay of that recording (checking every event).
rec_file=$(mktemp)
trap 'rm -f "$stim" "$rec_file"' EXIT
rec() {
  local app=$1; shift
  local plain recd repl
  plain=$(sim "$app" "$@" | col 1)
  recd=$(sim "$app" "$@" --record "$rec_file" | col 1)
  repl=$("$BIN/$app-sim" --replay "$rec_file" 2>&1 >/dev/null | sed -n 's/^replay: .*matched.* host \([0-9.]*\) s.*/\1/p')
  [ -n "$repl" ] || { echo "bench: replay of $app did not match its recording" >&2; exit 1; }
  echo "$plain $recd $repl $(stat -c %s "$rec_file")"
}

native="" cpu="" null="" win="" busy="" p1="" p8="" p64="" port="" irq="" irq0="" rav="" rport=""
for _ in $(seq "$RUNS"); do
  native+="$("$BIN/bench-native" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')"$'\n'
  cpu+="$(sim bench_cpu --frames 1000)"$'\n'
  null+="$(sim bench_nullsys --frames 40)"$'\n'
  win+="$(sim bench_windows_tick --frames 10000)"$'\n'
  busy+="$(sim bench_windows_spin --frames 2000)"$'\n'
  p1+="$(sim bench_procs_1 --frames 400)"$'\n'
  p8+="$(sim bench_procs_8 --frames 400)"$'\n'
  p64+="$(sim bench_procs_64 --frames 400)"$'\n'
  port+="$(ports --frames 2000)"$'\n'
  irq+="$(sim bench_irq --frames $IRQ_FRAMES --stimulus "$stim")"$'\n'
  irq0+="$(sim bench_irq --frames $IRQ_FRAMES --stimulus none)"$'\n'
  rav+="$(rec avionics --frames 100)"$'\n'
  rport+="$(rec bench_ports --frames 2000)"$'\n'
done
rav=$(echo -n "$rav"); rport=$(echo -n "$rport")
port=$(echo -n "$port"); irq=$(echo -n "$irq"); irq0=$(echo -n "$irq0")
native=$(echo -n "$native"); cpu=$(echo -n "$cpu"); null=$(echo -n "$null")
win=$(echo -n "$win"); busy=$(echo -n "$busy")
p1=$(echo -n "$p1"); p8=$(echo -n "$p8"); p64=$(echo -n "$p64")
native_s=$(echo "$native" | median)
cpu_s=$(echo "$cpu" | col 1 | median)
cpu_insns=$(echo "$cpu" | col 2 | head -1)
ratio=$(paste <(echo "$cpu" | col 1) <(echo "$native") | awk '{printf "%.2f\n", $1 / $2}' | median)

per_entry_us() { awk '{printf "%.4f\n", $1 / $3 * 1e6}' | median; }
# The window benchmarks have 10 windows per frame.
per_window_us() { awk '{printf "%.4f\n", $1 / ($4 * 10) * 1e6}' | median; }
# Woken windows minus the thread's own sleep call, costed as the null call
# of the same round: what the window switch itself costs.
switch_us() {
  paste <(echo "$win") <(echo "$null") |
    awk '{ printf "%.4f\n", $1 / ($4 * 10) * 1e6 - $5 / $7 * 1e6 }' | median
}
# Busy windows minus the time of their own guest instructions at the guest
# speed measured in the same round: what stopping and switching costs.
busy_overhead_us() {
  paste <(echo "$busy") <(echo "$cpu") |
    awk '{ mips_s = $6 / $5; printf "%.4f\n", ($1 - $2 / mips_s) / ($4 * 10) * 1e6 }' | median
}

echo "| benchmark | median of $RUNS | |"
echo "|---|---|---|"
awk -v i="$cpu_insns" -v s="$cpu_s" 'BEGIN {printf "| guest MIPS, CPU-bound partition, exact preemption every 10 ms frame | %.0f MIPS | %d instructions in %.3f s |\n", i / s / 1e6, i, s}'
echo "| same workload native on the host (clang -O2) | $native_s s | simulator / native = ${ratio}x (median of per-round ratios) |"
echo "| null system call (get_time), host time per kernel entry | $(echo "$null" | per_entry_us) us | 100000 calls |"
echo "| window switch into a partition whose thread wakes, runs and sleeps, per window | $(echo "$win" | per_window_us) us | 10 windows per 1 ms frame; about 2.9 kernel entries per window |"
echo "| ... of which the switch (the thread's sleep call, costed as the same round's null call, subtracted) | $(switch_us) us | |"
echo "| window with running code preempted at an exact cycle, per window | $(echo "$busy" | per_window_us) us | 10 spinning partitions, 2440 guest instructions per window |"
echo "| ... of which stopping and switching (the guest's own instructions at the guest speed of the same round subtracted) | $(busy_overhead_us) us | |"
echo "| process switch (timed wait 0 to the next thread of the same priority), per kernel entry, 1 other thread ready | $(echo "$p1" | per_entry_us) us | 400 frames of 10 ms, one partition |"
echo "| ... 8 other threads ready | $(echo "$p8" | per_entry_us) us | |"
echo "| ... 64 other threads ready | $(echo "$p64" | per_entry_us) us | 64 / 1 = $(paste <(echo "$p64") <(echo "$p1") | awk '{printf "%.2f\n", ($1 / $3) / ($5 / $7)}' | median)x (median of per-round ratios) |"
port_msgs=$(echo "$port" | col 2 | head -1)
# 2000 frames of 1 ms: 2 simulated seconds.
echo "| queuing port throughput, 16-byte messages, depth 256, sender and receiver in alternate 0.5 ms windows | $(echo "$port" | awk '{printf "%.0f\n", $2 / $1}' | median) messages per host second | $port_msgs messages in 2 simulated s = $((port_msgs / 2)) per simulated second |"
# Interrupts: the extra host time and kernel entries of the run with
# records over the one without, per record.
irq_us() {
  paste <(echo "$irq") <(echo "$irq0") | awk -v n="$irq_records" '{printf "%.4f\n", ($1 - $5) / n * 1e6}' | median
}
irq_entries=$(paste <(echo "$irq") <(echo "$irq0") | head -1 | awk -v n="$irq_records" '{printf "%.2f", ($3 - $7) / n}')
# The top half: an interrupt's whole path minus its process's two calls
# (wait and acknowledge), costed as the same round's null call.
top_half_us() {
  paste <(echo "$irq") <(echo "$irq0") <(echo "$null") |
    awk -v n="$irq_records" '{printf "%.4f\n", ($1 - $5) / n * 1e6 - 2 * $9 / $11 * 1e6}' | median
}
echo "| interrupt, from assertion to acknowledgement (top half, switch to the interrupt process, its wait and ack calls), per interrupt | $(irq_us) us | $irq_records line pulses, $irq_entries kernel entries each |"
echo "| ... of which the top half and the switch (the two calls, costed as the same round's null call, subtracted) | $(top_half_us) us | 64 simulated cycles charged per kernel entry (sim.irq) |"
# Recording and replay: per-round ratios to the plain run of the same round.
rec_rows() {
  local name=$1 data=$2
  echo "| $name: recording overhead (recorded / plain run - 1) | $(echo "$data" | awk '{printf "%.1f\n", ($2 / $1 - 1) * 100}' | median) % | plain $(echo "$data" | col 1 | median) s, recorded $(echo "$data" | col 2 | median) s, $(echo "$data" | col 4 | head -1) bytes |"
  echo "| $name: replay speed (plain run / replay, every event checked) | $(echo "$data" | awk '{printf "%.1f\n", $1 / $3 * 100}' | median) % of live | replay $(echo "$data" | col 3 | median) s |"
}
rec_rows "avionics, 100 frames (stimulus, interrupts, ports)" "$rav"
rec_rows "bench_ports, 2000 frames (an event every few hundred cycles)" "$rport"
# Reverse execution in a recording of about 10^9 guest instructions.
"$BIN/bench_windows_spin-sim" --quiet --frames 41000 --record "$rec_file" 2>/dev/null
rv=$("$BIN/bench-reverse" "$rec_file" 21)
kv() { echo "$rv" | sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
echo "| reverse-stepi from a random point of a recording of $(kv insns) guest instructions | median $(kv stepi_median_ms) ms, max $(kv stepi_max_ms) ms | $(kv points) points; replay to the end with snapshots $(kv forward_s) s; $(kv snapshots) snapshots, $(kv snapshot_bytes) bytes of a $(kv budget) budget, one every $(kv every) cycles |"
echo
echo "checksum $native_sum on both sides; machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
