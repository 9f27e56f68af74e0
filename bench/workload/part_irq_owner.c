/* part_irq_owner.c - bench_irq's owner: its initial thread is the
 * interrupt process of the stimulus line.  The benchmark pulses the line
 * (nothing to clear in the device), so each interrupt is the kernel's path
 * alone: top half, switch, wait, acknowledge. */
#include <stdint.h>

#include "fenestra.h"
#include "regs/stimulus.h"

#define LINE 30

static void set_reg(uint32_t offset, uint32_t value)
{
    *(volatile uint32_t *)(STIMULUS_SIM_BASE + offset) = value;
}

int main(void)
{
    set_reg(STIMULUS_CTRL, STIMULUS_CTRL_INT_EN);
    fen_irq_enable(LINE);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    for (;;) {
        fen_irq_wait(LINE, 0, FEN_INFINITE_TIME);
        fen_irq_ack(LINE);
    }
}
