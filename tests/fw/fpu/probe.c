/*
 * probe.c - the probe partition of the FP context test (app.yaml), built
 * soft-float: only peek.S has FP instructions.  `restarter` (every frame,
 * in probe's window, after alpha and beta used the FPU) starts `peek`,
 * which reads s0-s31 and FPSCR with no FP context of its own and stops;
 * restarted, it again has none.
 *
 *   peek 1: s0-s31, FPSCR read as zero
 *   peek 2: LEAK: s3 0x3f800000 (12 of 33 words not zero)
 */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

enum { WORDS = 33 }; /* s0-s31, FPSCR */

void fp_peek(uint32_t out[WORDS]);

static FEN_THREAD_STACK(restarter_stack, 1024);
static FEN_THREAD_STACK(peek_stack, 1024);
static int32_t peek_id;
static uint32_t peeks;

static void peek(void *arg)
{
    (void)arg;
    static uint32_t regs[WORDS];
    fp_peek(regs);
    peeks++;
    unsigned nonzero = 0, first = WORDS;
    for (unsigned i = 0; i < WORDS; i++) {
        if (regs[i] && first == WORDS)
            first = i;
        nonzero += regs[i] != 0;
    }
    if (!nonzero)
        printf("peek %" PRIu32 ": s0-s31, FPSCR read as zero\n", peeks);
    else if (first == WORDS - 1)
        printf("peek %" PRIu32 ": LEAK: FPSCR 0x%08" PRIx32 "\n", peeks, regs[first]);
    else
        printf("peek %" PRIu32 ": LEAK: s%u 0x%08" PRIx32 " (%u of %d words not zero)\n",
               peeks, first, regs[first], nonzero, WORDS);
    fen_stop_self();
}

static void restarter(void *arg)
{
    (void)arg;
    for (;;) {
        fen_start(peek_id);
        fen_periodic_wait();
    }
}

int main(void)
{
    int32_t r = fen_create_process("restarter", restarter, restarter_stack.stack,
                                   sizeof restarter_stack.stack);
    peek_id = fen_create_process("peek", peek, peek_stack.stack, sizeof peek_stack.stack);
    if (r < 0 || peek_id < 0) {
        printf("set-up failed: %" PRId32 " %" PRId32 "\n", r, peek_id);
        return 1;
    }
    fen_start(r);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
