/*
 * lost.c - the victim partition of the lazy FP stacking test (app.yaml):
 * `lost` announces where its stack pointer goes and where it spins, then
 * lost.S takes an FP context, moves the stack pointer 8 bytes above the end
 * of the partition's data region and spins.  The extended frame of a
 * preemption is 104 bytes below that pointer: r0-r3, r12, lr, pc, xPSR in
 * its lowest 32 bytes, inside the region; s0-s15 and FPSCR above them,
 * reserved and written lazily, with their last 8 bytes past the end.  The
 * kernel reports the refused save as lost's MEMORY_VIOLATION and restarts
 * it (app.yaml), so every victim window after the first prints both:
 *   lost 2: FP context, stack pointer 0x20110008, spinning at 0x00100xxx
 */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

void fplazy_lose(uint32_t sp); /* lost.S */
extern const char fplazy_spin[];
extern char __region_data_end[]; /* the generated linker script */

static FEN_THREAD_STACK(lost_stack, 1024);
static uint32_t runs; /* kept across restarts of the process */

static void lost(void *arg)
{
    (void)arg;
    uint32_t sp = (uint32_t)__region_data_end + 8;
    printf("lost %" PRIu32 ": FP context, stack pointer 0x%08" PRIx32 ", spinning at 0x%08" PRIx32
           "\n",
           ++runs, sp, (uint32_t)fplazy_spin);
    fplazy_lose(sp);
}

int main(void)
{
    int32_t id = fen_create_process("lost", lost, lost_stack.stack, sizeof lost_stack.stack);
    if (id < 0) {
        printf("set-up failed: %" PRId32 "\n", id);
        return 1;
    }
    fen_start(id);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
