/*
 * fpwork.c - partitions alpha and beta of the FP context test (app.yaml),
 * compiled with FP instructions (-mfpu, -mfloat-abi=softfp: the runtime's
 * soft-float calling convention is kept).  FP_SEED tells them apart.
 *
 *   spin  each round: holds a pattern in s0-s31 and FPSCR while spinning
 *         across other partitions' windows and tick's preemptions, checks
 *         every word, then runs an FP series and checks it bit for bit
 *         against libgcc's soft-float routines:
 *           spin 1: s0-s31, FPSCR kept across other windows; series matches soft-float
 *   tick  wakes every 1 ms (preempting spin): its own pattern, held briefly and
 *         checked; a line every 50 activations
 *           tick 50: 50 of 50 patterns kept
 * A register that changed is named ("s17 0x... expected 0x...").
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fenestra.h"

#ifndef FP_SEED
#define FP_SEED 1
#endif
#define SPIN_ROUNDS 4
#define SPIN_LOOPS 250000u  /* about three of its windows: beyond a major frame */
#define SERIES_STEPS 5000u  /* about two of its windows */
#define TICK_REPORT 50u

/* FPSCR bits a write sets: N Z C V, AHP, DN, FZ, RMode, IDC and the
 * cumulative exception flags. */
#define FPSCR_WRITABLE 0xf7c0009fu

enum { WORDS = 33 }; /* s0-s31, FPSCR */

static FEN_THREAD_STACK(tick_stack, 1024);
static FEN_THREAD_STACK(spin_stack, 1024);
static struct fen_partition_info info;

/* A pattern of its own per partition, thread and round. */
static void fill(uint32_t p[WORDS], uint32_t thread, uint32_t round)
{
    uint32_t x = FP_SEED * 0x9e3779b9u ^ thread * 0x85ebca6bu ^ round * 0xc2b2ae35u;
    for (unsigned i = 0; i < WORDS; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = x;
    }
    p[WORDS - 1] &= FPSCR_WRITABLE;
}

/* Loads s0-s31 and FPSCR, spins `loops` times without touching them,
 * stores them back, and leaves FPSCR at 0 (round to nearest) for C code. */
static void hold(const uint32_t *in, uint32_t *out, uint32_t loops)
{
    uint32_t t;
    __asm__ volatile("vldmia %[in], {s0-s31}\n\t"
                     "ldr %[t], [%[in], #128]\n\t"
                     "vmsr fpscr, %[t]\n"
                     "1: subs %[n], %[n], #1\n\t"
                     "bne 1b\n\t"
                     "vstmia %[out], {s0-s31}\n\t"
                     "vmrs %[t], fpscr\n\t"
                     "str %[t], [%[out], #128]\n\t"
                     "movs %[t], #0\n\t"
                     "vmsr fpscr, %[t]"
                     : [n] "+r"(loops), [t] "=&r"(t)
                     : [in] "r"(in), [out] "r"(out)
                     : "memory", "cc", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
                       "s8", "s9", "s10", "s11", "s12", "s13", "s14", "s15", "s16",
                       "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24", "s25",
                       "s26", "s27", "s28", "s29", "s30", "s31");
}

/* The first word that differs, or -1. */
static int first_diff(const uint32_t *want, const uint32_t *got)
{
    for (int i = 0; i < WORDS; i++)
        if (want[i] != (i == WORDS - 1 ? got[i] & FPSCR_WRITABLE : got[i]))
            return i;
    return -1;
}

static void report_diff(const char *who, uint32_t n, int i, const uint32_t *want,
                        const uint32_t *got)
{
    char reg[8];
    if (i == WORDS - 1)
        snprintf(reg, sizeof reg, "FPSCR");
    else
        snprintf(reg, sizeof reg, "s%d", i);
    printf("%s %" PRIu32 ": CORRUPTED %s 0x%08" PRIx32 " expected 0x%08" PRIx32 "\n", who,
           n, reg, got[i], want[i]);
}

/* The same series with the FPU and with libgcc's soft-float routines (no
 * fused multiply-add: -ffp-contract=off), compared bit for bit. */
float __aeabi_fmul(float a, float b);
float __aeabi_fadd(float a, float b);

static uint32_t bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static bool series_matches(uint32_t steps)
{
    float hw = 1.0f + FP_SEED, sw = hw;
    for (uint32_t i = 0; i < steps; i++) {
        hw = hw * 0.999999f + 0.25f;
        sw = __aeabi_fadd(__aeabi_fmul(sw, 0.999999f), 0.25f);
    }
    return bits(hw) == bits(sw);
}

static void spin(void *arg)
{
    (void)arg;
    uint64_t frame = info.major_frame; /* longer: other windows came between */
    static uint32_t want[WORDS], got[WORDS];
    for (uint32_t round = 1; round <= SPIN_ROUNDS; round++) {
        fill(want, 1, round);
        uint64_t t0 = fen_get_time();
        hold(want, got, SPIN_LOOPS);
        uint64_t held = fen_get_time() - t0;
        int bad = first_diff(want, got);
        if (bad >= 0) {
            report_diff("spin", round, bad, want, got);
            continue;
        }
        printf("spin %" PRIu32 ": s0-s31, FPSCR kept across %s; series %s\n", round,
               held > frame ? "other windows" : "its own window only",
               series_matches(SERIES_STEPS) ? "matches soft-float" : "DIFFERS from soft-float");
    }
    fen_stop_self();
}

static void tick(void *arg)
{
    (void)arg;
    static uint32_t want[WORDS], got[WORDS];
    uint32_t kept = 0;
    for (uint32_t n = 1;; n++) {
        fill(want, 2, n);
        hold(want, got, 200);
        int bad = first_diff(want, got);
        if (bad >= 0)
            report_diff("tick", n, bad, want, got);
        else
            kept++;
        if (n % TICK_REPORT == 0) {
            printf("tick %" PRIu32 ": %" PRIu32 " of %u patterns kept\n", n, kept,
                   TICK_REPORT);
            kept = 0;
        }
        fen_timed_wait(fen_ms_to_cycles(1));
    }
}

int main(void)
{
    fen_partition_info(&info);
    int32_t t = fen_create_process("tick", tick, tick_stack.stack, sizeof tick_stack.stack);
    int32_t s = fen_create_process("spin", spin, spin_stack.stack, sizeof spin_stack.stack);
    if (t < 0 || s < 0) {
        printf("set-up failed: %" PRId32 " %" PRId32 "\n", t, s);
        return 1;
    }
    fen_start(t);
    fen_start(s);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
