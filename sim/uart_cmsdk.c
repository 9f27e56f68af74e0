/* uart_cmsdk.c - CMSDK APB UART model (see uart_cmsdk.h). */
#include "uart_cmsdk.h"

#include "armv7m/regs/uart_cmsdk.h"

void sim_uart_reset(struct sim_uart *u, const char *name, FILE *out, FILE *log)
{
    *u = (struct sim_uart){.name = name, .out = out, .log = log};
}

static uint32_t uart_read(void *dev, uint32_t off)
{
    struct sim_uart *u = dev;
    switch (off) {
    case UART_DATA: return 0; /* no RX yet */
    case UART_STATE: return 0; /* TX never full, RX never full */
    case UART_CTRL: return u->ctrl;
    case UART_INTSTATUS: return 0;
    case UART_BAUDDIV: return u->bauddiv;
    default:
        if (u->log)
            fprintf(u->log, "sim: %s: read of unknown register +0x%03x\n", u->name, off);
        return 0;
    }
}

/* A byte sent while TX is disabled is still shown (losing console output
 * would hide the bug), but the model says so once. */
static void uart_tx(struct sim_uart *u, uint8_t c)
{
    if (!(u->ctrl & UART_CTRL_TX_EN) && u->tx_while_disabled++ == 0 && u->log)
        fprintf(u->log, "sim: %s: byte written with TX disabled\n", u->name);
    fputc(c, u->out);
    u->tx_bytes++;
}

static void uart_write(void *dev, uint32_t off, uint32_t v)
{
    struct sim_uart *u = dev;
    switch (off) {
    case UART_DATA: uart_tx(u, (uint8_t)v); break;
    case UART_STATE: break; /* write-one-to-clear overrun bits: none modelled */
    case UART_CTRL: u->ctrl = v & 0x7f; break;
    case UART_INTSTATUS: break;
    case UART_BAUDDIV: u->bauddiv = v & 0xfffff; break;
    default:
        if (u->log)
            fprintf(u->log, "sim: %s: write of unknown register +0x%03x\n", u->name, off);
    }
}

const struct sim_device_ops sim_uart_ops = {uart_read, uart_write};
