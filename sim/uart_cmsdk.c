/* uart_cmsdk.c - CMSDK APB UART model (see uart_cmsdk.h). */
#include "uart_cmsdk.h"

#include <inttypes.h>
#include <string.h>

#include "armv7m/regs/uart_cmsdk.h"

const char *const sim_uart_line_names[SIM_UART_LINES] = {
    "tx", "rx", "tx-overrun", "rx-overrun", "overrun", "combined",
};

/* Peripheral and component identification (PID4..7, PID0..3, CID0..3 at
 * 0xfd0..0xffc), as the CMSDK UART reports them. */
static const uint8_t uart_id[12] = {0x04, 0x00, 0x00, 0x00, 0x21, 0xb8,
                                    0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void sim_uart_reset(struct sim_uart *u, const char *name, const uint64_t *now,
                    FILE *out, FILE *log)
{
    *u = (struct sim_uart){.name = name, .now = now, .out = out, .log = log};
    for (int i = 0; i < SIM_UART_LINES; i++)
        sim_irq_pin_wire(&u->pin[i], NULL, -1);
}

void sim_uart_wire(struct sim_uart *u, enum sim_uart_line which, struct sim_nvic *n,
                   int line)
{
    sim_irq_pin_wire(&u->pin[which], n, line);
}

int sim_uart_line_by_name(const char *name)
{
    for (int i = 0; i < SIM_UART_LINES; i++)
        if (!strcmp(name, sim_uart_line_names[i]))
            return i;
    return -1;
}

/* --- interrupt status ---------------------------------------------------- */

/* The overrun interrupt bits are the overrun state bits gated by their
 * enables (levels, as on the hardware and in QEMU's model); every output
 * follows its INTSTATUS bits. */
static void update(struct sim_uart *u)
{
    uint32_t omask = UART_INT_TX_OVERRUN | UART_INT_RX_OVERRUN;
    u->intstatus = (u->intstatus & ~omask) | (u->state & (u->ctrl >> 2) & omask);
    uint32_t s = u->intstatus;
    sim_irq_pin_set(&u->pin[SIM_UART_TX], s & UART_INT_TX);
    sim_irq_pin_set(&u->pin[SIM_UART_RX], s & UART_INT_RX);
    sim_irq_pin_set(&u->pin[SIM_UART_TX_OVERRUN], s & UART_INT_TX_OVERRUN);
    sim_irq_pin_set(&u->pin[SIM_UART_RX_OVERRUN], s & UART_INT_RX_OVERRUN);
    sim_irq_pin_set(&u->pin[SIM_UART_OVERRUN], s & omask);
    sim_irq_pin_set(&u->pin[SIM_UART_COMBINED], s != 0);
}

/* --- timing -------------------------------------------------------------- */

uint64_t sim_uart_byte_cycles(const struct sim_uart *u, bool tx)
{
    if (tx && (u->ctrl & UART_CTRL_HSTEST))
        return 10;
    uint32_t div = u->bauddiv < UART_BAUDDIV_MIN ? UART_BAUDDIV_MIN : u->bauddiv;
    return 10ull * div;
}

/* The next byte to receive: the earlier-stamped head of the script and
 * the ring (the script first on a tie). */
static bool rx_head(const struct sim_uart *u, uint64_t *stamp, uint8_t *byte,
                    bool *from_ring)
{
    uint64_t s = 0;
    uint8_t b = 0;
    bool script = u->script.peek && u->script.peek(u->script.user, &s, &b);
    bool ring = u->ring_count > 0;
    *from_ring = ring && (!script || u->ring_stamp[u->ring_head] < s);
    if (*from_ring) {
        s = u->ring_stamp[u->ring_head];
        b = u->ring_byte[u->ring_head];
    }
    *stamp = s;
    *byte = b;
    return script || ring;
}

static uint64_t rx_due(const struct sim_uart *u)
{
    uint64_t stamp;
    uint8_t byte;
    bool from_ring;
    if (!rx_head(u, &stamp, &byte, &from_ring))
        return UINT64_MAX;
    if (u->rx_bytes == 0)
        return stamp;
    uint64_t free_at = u->rx_last + sim_uart_byte_cycles(u, false);
    return stamp > free_at ? stamp : free_at;
}

uint64_t sim_uart_next_event(const struct sim_uart *u)
{
    uint64_t rx = rx_due(u);
    uint64_t tx = u->tx_pending ? u->tx_done : UINT64_MAX;
    return rx < tx ? rx : tx;
}

/* --- receive ------------------------------------------------------------- */

bool sim_uart_input(struct sim_uart *u, uint64_t stamp, uint8_t byte)
{
    if (u->ring_count == SIM_UART_RING)
        return false;
    unsigned i = (u->ring_head + u->ring_count++) % SIM_UART_RING;
    u->ring_stamp[i] = stamp;
    u->ring_byte[i] = byte;
    return true;
}

unsigned sim_uart_input_room(const struct sim_uart *u)
{
    return SIM_UART_RING - u->ring_count;
}

static void take_head(struct sim_uart *u, bool from_ring)
{
    if (!from_ring) {
        u->script.take(u->script.user);
        return;
    }
    u->ring_head = (u->ring_head + 1) % SIM_UART_RING;
    u->ring_count--;
}

static void rx_dropped(struct sim_uart *u, uint64_t at, uint8_t byte)
{
    u->rx_dropped_disabled++;
    if (u->dropped_logged || !u->log)
        return;
    u->dropped_logged = true;
    fprintf(u->log, "sim: %s: byte 0x%02x arrived at cycle %" PRIu64 " with RX "
            "disabled: dropped (counted until RX is enabled)\n", u->name, byte, at);
}

static void rx_overrun(struct sim_uart *u, uint64_t at, uint8_t byte)
{
    u->state |= UART_STATE_RX_OVERRUN;
    u->rx_overruns++;
    if (u->overrun_logged || !u->log)
        return;
    u->overrun_logged = true;
    fprintf(u->log, "sim: %s: RX overrun at cycle %" PRIu64 ": byte 0x%02x replaced "
            "the unread 0x%02x (counted until STATE.RXOVERRUN is cleared)\n", u->name,
            at, byte, u->rxbuf);
}

/* The head byte reaches the receive buffer at cycle `at`. */
static void deliver_rx(struct sim_uart *u, uint64_t at)
{
    uint64_t stamp;
    uint8_t byte;
    bool from_ring;
    rx_head(u, &stamp, &byte, &from_ring);
    take_head(u, from_ring);
    u->rx_last = at;
    u->rx_bytes++;
    if (u->on_rx)
        u->on_rx(u->rx_user, u, stamp, at, byte, from_ring);
    if (!(u->ctrl & UART_CTRL_RX_EN)) {
        rx_dropped(u, at, byte);
        return;
    }
    if (u->state & UART_STATE_RX_FULL)
        rx_overrun(u, at, byte);
    u->rxbuf = byte;
    u->state |= UART_STATE_RX_FULL;
    if (u->ctrl & UART_CTRL_RX_INT_EN)
        u->intstatus |= UART_INT_RX;
    update(u);
}

/* --- transmit ------------------------------------------------------------ */

static void complete_tx(struct sim_uart *u)
{
    u->tx_pending--;
    if (u->ctrl & UART_CTRL_TX_INT_EN) {
        u->intstatus |= UART_INT_TX;
        u->tx_interrupts++;
    }
    if (u->tx_pending)
        u->tx_done += sim_uart_byte_cycles(u, true);
    update(u);
}

bool sim_uart_fire(struct sim_uart *u)
{
    uint64_t rx = rx_due(u);
    uint64_t tx = u->tx_pending ? u->tx_done : UINT64_MAX;
    if (rx <= tx && rx <= *u->now) {
        deliver_rx(u, rx);
        return true;
    }
    if (tx < UINT64_MAX && tx <= *u->now) {
        complete_tx(u);
        return true;
    }
    return false;
}

/* A byte sent while TX is disabled is still shown (losing console output
 * would hide the bug), but the model says so once.  With TX and its
 * interrupt enabled, the byte's completion is timed. */
static void uart_tx(struct sim_uart *u, uint8_t c)
{
    if (!(u->ctrl & UART_CTRL_TX_EN) && u->tx_while_disabled++ == 0 && u->log)
        fprintf(u->log, "sim: %s: byte written with TX disabled\n", u->name);
    fputc(c, u->out);
    u->tx_bytes++;
    uint32_t timed = UART_CTRL_TX_EN | UART_CTRL_TX_INT_EN;
    if ((u->ctrl & timed) != timed)
        return;
    if (u->tx_pending++ == 0)
        u->tx_done = *u->now + sim_uart_byte_cycles(u, true);
}

/* --- registers ----------------------------------------------------------- */

static void unknown(const struct sim_uart *u, const char *what, uint32_t off)
{
    if (u->log)
        fprintf(u->log, "sim: %s: %s of unknown register +0x%03x\n", u->name, what, off);
}

static uint32_t uart_read(void *dev, uint32_t off)
{
    struct sim_uart *u = dev;
    switch (off) {
    case UART_DATA:
        u->state &= ~UART_STATE_RX_FULL;
        update(u);
        return u->rxbuf;
    case UART_STATE: return u->state; /* TX never full */
    case UART_CTRL: return u->ctrl;
    case UART_INTSTATUS: return u->intstatus;
    case UART_BAUDDIV: return u->bauddiv;
    default:
        if (off >= 0xfd0 && off <= 0xffc && off % 4 == 0)
            return uart_id[(off - 0xfd0) / 4];
        unknown(u, "read", off);
        return 0;
    }
}

static void set_ctrl(struct sim_uart *u, uint32_t v)
{
    u->ctrl = v & UART_CTRL_MASK;
    if (u->ctrl & UART_CTRL_RX_EN)
        u->dropped_logged = false;
    bool on = u->ctrl & (UART_CTRL_TX_EN | UART_CTRL_RX_EN);
    if (on && u->bauddiv < UART_BAUDDIV_MIN && !u->bauddiv_logged && u->log) {
        u->bauddiv_logged = true;
        fprintf(u->log, "sim: %s: enabled with BAUDDIV %u (the minimum is %u): "
                "timed as %u\n", u->name, u->bauddiv, UART_BAUDDIV_MIN, UART_BAUDDIV_MIN);
    }
}

/* Clearing RX overrun ends an overrun episode: the next one is logged. */
static void clear_overruns(struct sim_uart *u, uint32_t bits)
{
    bits &= UART_STATE_TX_OVERRUN | UART_STATE_RX_OVERRUN;
    u->state &= ~bits;
    if (bits & UART_STATE_RX_OVERRUN)
        u->overrun_logged = false;
}

static void uart_write(void *dev, uint32_t off, uint32_t v)
{
    struct sim_uart *u = dev;
    switch (off) {
    case UART_DATA: uart_tx(u, (uint8_t)v); break;
    case UART_STATE: clear_overruns(u, v); break;
    case UART_CTRL: set_ctrl(u, v); break;
    case UART_INTCLEAR:
        /* the overrun causes are the overrun state bits: cleared together */
        clear_overruns(u, v);
        u->intstatus &= ~v;
        break;
    case UART_BAUDDIV: u->bauddiv = v & UART_BAUDDIV_MASK; break;
    default: unknown(u, "write", off); return;
    }
    update(u);
}

const struct sim_device_ops sim_uart_ops = {uart_read, uart_write};
