/* owner.c - owns the stimulus device and uart1; serves both lines with
 * interrupt processes (app.yaml). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "fenestra.h"
#include "regs/stimulus.h"
#include "regs/uart_cmsdk.h"

#define STIMULUS_LINE 30
#define UART1_BASE 0x40005000u
#define UART1_RX_LINE 2

static FEN_THREAD_STACK(stim_stack, 1024);
static FEN_THREAD_STACK(rx_stack, 1024);

static volatile uint32_t *reg(uint32_t base, uint32_t offset)
{
    return (volatile uint32_t *)(base + offset);
}

static void stim(void *arg)
{
    (void)arg;
    for (;;) {
        struct fen_irq_event ev;
        fen_irq_wait(STIMULUS_LINE, &ev, FEN_INFINITE_TIME);
        while (*reg(STIMULUS_SIM_BASE, STIMULUS_COUNT)) {
            printf("stim: record %" PRIu32 " word0 %" PRIu32 " asserted %" PRIu64
                   " delivered %" PRIu64 "\n", *reg(STIMULUS_SIM_BASE, STIMULUS_SEQ),
                   *reg(STIMULUS_SIM_BASE, STIMULUS_WORD(0)), ev.asserted, ev.delivered);
            *reg(STIMULUS_SIM_BASE, STIMULUS_POP) = 1;
        }
        *reg(STIMULUS_SIM_BASE, STIMULUS_INTCLEAR) = STIMULUS_INT_ARRIVAL;
        fen_irq_ack(STIMULUS_LINE);
    }
}

static void rx(void *arg)
{
    (void)arg;
    char line[64];
    uint32_t n = 0;
    for (;;) {
        fen_irq_wait(UART1_RX_LINE, NULL, FEN_INFINITE_TIME);
        while (*reg(UART1_BASE, UART_STATE) & UART_STATE_RX_FULL) {
            char c = (char)*reg(UART1_BASE, UART_DATA);
            if (c == '\n' || n == sizeof line - 1) {
                line[n] = 0;
                printf("rx: '%s'\n", line);
                n = 0;
            } else {
                line[n++] = c;
            }
        }
        *reg(UART1_BASE, UART_INTSTATUS) = UART_INT_RX;
        fen_irq_ack(UART1_RX_LINE);
    }
}

int main(void)
{
    *reg(STIMULUS_SIM_BASE, STIMULUS_CTRL) = STIMULUS_CTRL_INT_EN;
    *reg(UART1_BASE, UART_BAUDDIV) = 217; /* 115200 baud at 25 MHz */
    *reg(UART1_BASE, UART_CTRL) = UART_CTRL_RX_EN | UART_CTRL_RX_INT_EN;
    int32_t s = fen_create_process("stim", stim, stim_stack.stack, sizeof stim_stack.stack);
    int32_t r = fen_create_process("rx", rx, rx_stack.stack, sizeof rx_stack.stack);
    int32_t e1 = fen_irq_enable(STIMULUS_LINE), e2 = fen_irq_enable(UART1_RX_LINE);
    if (s < 0 || r < 0 || e1 < 0 || e2 < 0) {
        printf("owner: set-up failed\n");
        return 1;
    }
    fen_start(s);
    fen_start(r);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
