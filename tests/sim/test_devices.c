/*
 * test_devices.c - the simulated board's devices: the NVIC through the
 * shared driver (arch/armv7m/nvic.c), the CMSDK UART and timer, the FPGA
 * I/O block, the stimulus device, scenario files, and the machine's timed
 * events (next_event / fire_due), down to a guest instruction touching a
 * device at its exact cycle.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "armv7m/nvic.h"
#include "armv7m/regs/cmsdk_timer.h"
#include "armv7m/regs/fpgaio.h"
#include "armv7m/regs/stimulus.h"
#include "armv7m/regs/uart_cmsdk.h"
#include "machine.h"
#include "mmio.h"
#include "options.h"

/* --- the register accessors, onto whichever bus a test uses ------------ */

static struct sim_bus *cur_bus;

uint32_t mmio_read32(uint32_t addr) { return sim_bus_read(cur_bus, addr); }
void mmio_write32(uint32_t addr, uint32_t v) { sim_bus_write(cur_bus, addr, v); }

/* --- a bus of its own: one device at a time, the clock in `now` ------------ */

static uint64_t now;
static struct sim_bus bus;
static struct sim_nvic nvic;
static char *log_text;
static size_t log_size;
static FILE *log_file;

#define UART 0x40005000u
#define TIMER 0x40000000u
#define FPGA 0x40028000u
#define STIM 0x40030000u

static int setup(void **state)
{
    (void)state;
    now = 0;
    bus = (struct sim_bus){0};
    cur_bus = &bus;
    log_file = open_memstream(&log_text, &log_size);
    sim_nvic_reset(&nvic, 32, log_file);
    sim_bus_attach(&bus, "nvic", NVIC_BASE, NVIC_REGS_SIZE, &sim_nvic_ops, &nvic);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fclose(log_file);
    free(log_text);
    log_text = NULL;
    return 0;
}

static const char *logged(void)
{
    fflush(log_file);
    return log_text ? log_text : "";
}

/* --- NVIC ------------------------------------------------------------------ */

static void nvic_enable_mask_and_pending_through_the_driver(void **state)
{
    (void)state;
    assert_int_equal(sim_nvic_next(&nvic), -1);
    sim_nvic_raise(&nvic, 5);
    assert_true(nvic_is_pending(5));
    assert_int_equal(sim_nvic_next(&nvic), -1); /* pending, not enabled */
    nvic_enable(5);
    assert_true(nvic_is_enabled(5));
    assert_int_equal(mmio_read32(NVIC_ISER), 1u << 5);
    assert_int_equal(sim_nvic_next(&nvic), 5);
    nvic_disable(5); /* masked: stays pending, not taken */
    assert_int_equal(sim_nvic_next(&nvic), -1);
    assert_true(nvic_is_pending(5));
    nvic_enable(5);
    nvic_enable(4);
    nvic_set_pending(4); /* software pend: the lower line first */
    assert_int_equal(sim_nvic_next(&nvic), 4);
    nvic_clear_pending(4);
    assert_false(nvic_is_pending(4));
    assert_int_equal(sim_nvic_next(&nvic), 5);
    sim_nvic_take(&nvic, 5);
    assert_false(nvic_is_pending(5));
    assert_true(nvic_is_active(5));
    assert_int_equal(mmio_read32(NVIC_IABR), 1u << 5);
    mmio_write32(NVIC_IABR, 0); /* read-only */
    assert_true(nvic_is_active(5));
    sim_nvic_done(&nvic, 5);
    assert_false(nvic_is_active(5));
    assert_int_equal(sim_nvic_next(&nvic), -1);
    assert_int_equal(nvic.raises[5], 1);
    assert_int_equal(nvic.raises[4], 0); /* software pends are not raises */
    assert_int_equal(nvic.taken[5], 1);
    /* lines the board does not have: read as zero, writes ignored */
    nvic_enable(40);
    assert_false(nvic_is_enabled(40));
    nvic_enable(31);
    assert_int_equal(mmio_read32(NVIC_ISER), 0x80000030u);
    nvic_set_priority(6, 0xa0);
    nvic_set_priority(7, 0x20);
    assert_int_equal(nvic_priority(6), 0xa0);
    assert_int_equal(nvic_priority(7), 0x20);
    assert_int_equal(mmio_read32(NVIC_IPR + 4), 0x20a00000u);
}

static void nvic_level_lines_follow_the_cortex_m3_rules(void **state)
{
    (void)state;
    nvic_enable(3);
    sim_nvic_assert(&nvic, 3);
    assert_int_equal(sim_nvic_next(&nvic), 3);
    nvic_clear_pending(3); /* still asserted: no change */
    assert_true(nvic_is_pending(3));
    sim_nvic_take(&nvic, 3);
    sim_nvic_done(&nvic, 3); /* returns while asserted: pending again */
    assert_true(nvic_is_pending(3));
    sim_nvic_deassert(&nvic, 3);
    assert_true(nvic_is_pending(3)); /* latched */
    nvic_clear_pending(3);
    assert_false(nvic_is_pending(3));
    assert_int_equal(nvic.raises[3], 1);
    /* a shared line: asserted while either device asserts it */
    struct sim_irq_pin a, b;
    sim_irq_pin_wire(&a, &nvic, 12);
    sim_irq_pin_wire(&b, &nvic, 12);
    sim_irq_pin_set(&a, true);
    sim_irq_pin_set(&b, true);
    assert_int_equal(nvic.raises[12], 1);
    sim_irq_pin_set(&a, false);
    nvic_clear_pending(12);
    assert_true(nvic_is_pending(12));
    sim_irq_pin_set(&b, false);
    nvic_clear_pending(12);
    assert_false(nvic_is_pending(12));
    sim_irq_pin_set(&a, true);
    assert_int_equal(nvic.raises[12], 2);
}

/* --- UART ------------------------------------------------------------------ */

static struct sim_uart uart;
static char *tx_text;
static size_t tx_size;

static void attach_uart(void)
{
    FILE *out = open_memstream(&tx_text, &tx_size);
    sim_uart_reset(&uart, "uart1", &now, out, log_file);
    sim_uart_wire(&uart, SIM_UART_RX, &nvic, 2);
    sim_uart_wire(&uart, SIM_UART_TX, &nvic, 3);
    sim_uart_wire(&uart, SIM_UART_OVERRUN, &nvic, 12);
    sim_bus_attach(&bus, "uart1", UART, 0x1000, &sim_uart_ops, &uart);
    for (unsigned l = 0; l < 32; l++)
        nvic_enable(l);
}

static void detach_uart(void)
{
    fclose(uart.out);
    free(tx_text);
    tx_text = NULL;
}

/* Fires the UART's events up to cycle t, as the machine would. */
static void run_uart_to(uint64_t t)
{
    for (;;) {
        uint64_t e = sim_uart_next_event(&uart);
        if (e > t)
            break;
        now = e;
        assert_true(sim_uart_fire(&uart));
    }
    now = t;
}

static void uart_rx_bytes_arrive_one_byte_time_apart(void **state)
{
    (void)state;
    attach_uart();
    mmio_write32(UART + UART_BAUDDIV, 16); /* 160 cycles a byte */
    mmio_write32(UART + UART_CTRL, UART_CTRL_RX_EN | UART_CTRL_RX_INT_EN);
    assert_int_equal(sim_uart_byte_cycles(&uart, false), 160);
    assert_true(sim_uart_input(&uart, 1000, 'a'));
    assert_true(sim_uart_input(&uart, 1000, 'b')); /* same stamp: paced */
    assert_true(sim_uart_input(&uart, 1100, 'c'));
    assert_true(sim_uart_input(&uart, 5000, 'd')); /* after a gap: its stamp */
    assert_int_equal(sim_uart_next_event(&uart), 1000);
    run_uart_to(999);
    assert_int_equal(mmio_read32(UART + UART_STATE), 0);
    run_uart_to(1000);
    assert_int_equal(mmio_read32(UART + UART_STATE), UART_STATE_RX_FULL);
    assert_int_equal(mmio_read32(UART + UART_INTSTATUS), UART_INT_RX);
    assert_int_equal(sim_nvic_next(&nvic), 2);
    assert_int_equal(mmio_read32(UART + UART_DATA), 'a');
    assert_int_equal(mmio_read32(UART + UART_STATE), 0);
    mmio_write32(UART + UART_INTCLEAR, UART_INT_RX);
    assert_int_equal(mmio_read32(UART + UART_INTSTATUS), 0);
    nvic_clear_pending(2); /* the line fell: the clear takes */
    assert_int_equal(sim_nvic_next(&nvic), -1);
    assert_int_equal(sim_uart_next_event(&uart), 1160);
    run_uart_to(1160);
    assert_int_equal(mmio_read32(UART + UART_DATA), 'b');
    assert_int_equal(sim_uart_next_event(&uart), 1320); /* max(1100, 1160 + 160) */
    run_uart_to(1320);
    assert_int_equal(mmio_read32(UART + UART_DATA), 'c');
    assert_int_equal(sim_uart_next_event(&uart), 5000);
    run_uart_to(6000);
    assert_int_equal(mmio_read32(UART + UART_DATA), 'd');
    assert_int_equal(uart.rx_bytes, 4);
    assert_int_equal(uart.rx_overruns, 0);
    assert_true(sim_uart_next_event(&uart) == UINT64_MAX);
    assert_int_equal(nvic.raises[2], 2); /* cleared once in between */
    detach_uart();
}

static void uart_rx_overrun_is_flagged_counted_and_logged_once(void **state)
{
    (void)state;
    attach_uart();
    mmio_write32(UART + UART_BAUDDIV, 16);
    mmio_write32(UART + UART_CTRL, UART_CTRL_RX_EN | UART_CTRL_RX_OVERRUN_INT_EN);
    for (int i = 0; i < 4; i++)
        sim_uart_input(&uart, 100, (uint8_t)('w' + i));
    run_uart_to(100 + 160); /* w, then x over the unread w */
    uint32_t s = mmio_read32(UART + UART_STATE);
    assert_int_equal(s, UART_STATE_RX_FULL | UART_STATE_RX_OVERRUN);
    assert_int_equal(mmio_read32(UART + UART_INTSTATUS), UART_INT_RX_OVERRUN);
    assert_int_equal(sim_nvic_next(&nvic), 12);
    assert_int_equal(uart.rx_overruns, 1);
    run_uart_to(100 + 3 * 160);
    assert_int_equal(uart.rx_overruns, 3);
    assert_int_equal(mmio_read32(UART + UART_DATA), 'z'); /* the newest byte */
    const char *l = logged();
    assert_non_null(strstr(l, "sim: uart1: RX overrun at cycle 260: byte 0x78 replaced "
                              "the unread 0x77"));
    assert_null(strstr(strstr(l, "RX overrun") + 1, "RX overrun")); /* once */
    mmio_write32(UART + UART_STATE, UART_STATE_RX_OVERRUN); /* W1C */
    assert_int_equal(mmio_read32(UART + UART_STATE), 0);
    assert_int_equal(mmio_read32(UART + UART_INTSTATUS), 0);
    /* a byte arriving with RX disabled: dropped, counted, logged */
    mmio_write32(UART + UART_CTRL, 0);
    sim_uart_input(&uart, 2000, '!');
    run_uart_to(2000);
    assert_int_equal(uart.rx_dropped_disabled, 1);
    assert_int_equal(mmio_read32(UART + UART_STATE), 0);
    assert_non_null(strstr(logged(), "byte 0x21 arrived at cycle 2000 with RX disabled"));
    detach_uart();
}

static void uart_tx_completes_one_byte_time_after_the_previous(void **state)
{
    (void)state;
    attach_uart();
    mmio_write32(UART + UART_BAUDDIV, 100); /* 1000 cycles a byte */
    mmio_write32(UART + UART_CTRL, UART_CTRL_TX_EN);
    now = 10;
    mmio_write32(UART + UART_DATA, 'q'); /* TX interrupt off: not timed */
    assert_true(sim_uart_next_event(&uart) == UINT64_MAX);
    mmio_write32(UART + UART_CTRL, UART_CTRL_TX_EN | UART_CTRL_TX_INT_EN);
    now = 500;
    mmio_write32(UART + UART_DATA, 'x');
    now = 600;
    mmio_write32(UART + UART_DATA, 'y');
    assert_int_equal(mmio_read32(UART + UART_STATE) & UART_STATE_TX_FULL, 0); /* never */
    assert_int_equal(sim_uart_next_event(&uart), 1500);
    run_uart_to(1499);
    assert_int_equal(mmio_read32(UART + UART_INTSTATUS), 0);
    run_uart_to(1500);
    assert_int_equal(mmio_read32(UART + UART_INTSTATUS), UART_INT_TX);
    assert_int_equal(sim_nvic_next(&nvic), 3);
    mmio_write32(UART + UART_INTCLEAR, UART_INT_TX);
    nvic_clear_pending(3);
    assert_int_equal(sim_uart_next_event(&uart), 2500);
    run_uart_to(2500);
    assert_int_equal(mmio_read32(UART + UART_INTSTATUS), UART_INT_TX);
    assert_int_equal(uart.tx_interrupts, 2);
    assert_int_equal(nvic.raises[3], 2);
    now = 3000; /* idle line: the next byte takes one byte time from its write */
    mmio_write32(UART + UART_CTRL, UART_CTRL_TX_EN | UART_CTRL_TX_INT_EN | UART_CTRL_HSTEST);
    mmio_write32(UART + UART_DATA, 'z');
    assert_int_equal(sim_uart_next_event(&uart), 3010); /* a bit per cycle */
    fflush(uart.out);
    assert_string_equal(tx_text, "qxyz");
    detach_uart();
}

/* --- CMSDK timer ------------------------------------------------------------- */

static struct sim_timer timer;

static void attach_timer(void)
{
    sim_timer_reset(&timer, "timer0", &now, log_file);
    sim_timer_wire(&timer, &nvic, 8);
    sim_bus_attach(&bus, "timer0", TIMER, 0x1000, &sim_timer_ops, &timer);
    nvic_enable(8);
}

static void timer_underflows_reloads_and_interrupts_exactly(void **state)
{
    (void)state;
    attach_timer();
    mmio_write32(TIMER + CMSDK_TIMER_RELOAD, 99); /* also the count */
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 99);
    now = 10;
    mmio_write32(TIMER + CMSDK_TIMER_CTRL, CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_IRQ_EN);
    assert_int_equal(sim_timer_next_event(&timer), 109); /* 99 cycles after */
    now = 60;
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 49);
    now = 108;
    assert_false(sim_timer_fire(&timer));
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 1);
    now = 109;
    assert_true(sim_timer_fire(&timer));
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_INTSTATUS), 1);
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 0);
    assert_int_equal(sim_nvic_next(&nvic), 8);
    now = 110; /* held at 0 for one cycle, then reloaded */
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 99);
    assert_true(sim_timer_next_event(&timer) == UINT64_MAX); /* INTSTATUS set */
    now = 150;
    mmio_write32(TIMER + CMSDK_TIMER_INTCLEAR, 1);
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_INTSTATUS), 0);
    assert_int_equal(sim_timer_next_event(&timer), 209); /* period RELOAD + 1 */
    now = 260; /* late: the underflow at 209 is what fires */
    assert_true(sim_timer_fire(&timer));
    assert_int_equal(timer.interrupts, 2);
    mmio_write32(TIMER + CMSDK_TIMER_INTCLEAR, 1);
    assert_int_equal(sim_timer_next_event(&timer), 309);
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 99 - (260 - 210));
    mmio_write32(TIMER + CMSDK_TIMER_CTRL, CMSDK_TIMER_CTRL_IRQ_EN); /* stop */
    now = 5000;
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 49); /* held */
    assert_true(sim_timer_next_event(&timer) == UINT64_MAX);
}

static void timer_without_reload_fires_once(void **state)
{
    (void)state;
    attach_timer();
    mmio_write32(TIMER + CMSDK_TIMER_VALUE, 5); /* RELOAD 0: one shot */
    now = 100;
    mmio_write32(TIMER + CMSDK_TIMER_CTRL, CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_IRQ_EN);
    assert_int_equal(sim_timer_next_event(&timer), 105);
    now = 105;
    assert_true(sim_timer_fire(&timer));
    mmio_write32(TIMER + CMSDK_TIMER_INTCLEAR, 1);
    assert_true(sim_timer_next_event(&timer) == UINT64_MAX);
    now = 1000;
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_VALUE), 0);
    /* from a count of 0: held one cycle, reloaded, down to 0 */
    mmio_write32(TIMER + CMSDK_TIMER_CTRL, 0);
    mmio_write32(TIMER + CMSDK_TIMER_VALUE, 0);
    mmio_write32(TIMER + CMSDK_TIMER_RELOAD, 9);
    mmio_write32(TIMER + CMSDK_TIMER_VALUE, 0);
    mmio_write32(TIMER + CMSDK_TIMER_CTRL, CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_IRQ_EN);
    assert_int_equal(sim_timer_next_event(&timer), 1000 + 1 + 9);
    /* the external input is not modelled, and the log says so */
    mmio_write32(TIMER + CMSDK_TIMER_CTRL, CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_EXTIN_CLOCK);
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_CTRL),
                     CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_EXTIN_CLOCK);
    assert_non_null(strstr(logged(), "external input"));
}

/* --- FPGA I/O ------------------------------------------------------------------ */

static uint64_t led_cycle[8];
static uint32_t led_value[8];
static unsigned led_calls;

static void on_leds(void *user, const struct sim_fpgaio *f, uint64_t cycle, uint32_t leds)
{
    (void)user, (void)f;
    led_cycle[led_calls % 8] = cycle;
    led_value[led_calls++ % 8] = leds;
}

static void fpgaio_records_leds_and_shows_buttons(void **state)
{
    (void)state;
    struct sim_fpgaio f;
    sim_fpgaio_reset(&f, "fpgaio", &now, 25000000, log_file);
    f.on_leds = on_leds;
    led_calls = 0;
    sim_bus_attach(&bus, "fpgaio", FPGA, 0x1000, &sim_fpgaio_ops, &f);
    now = 1234;
    mmio_write32(FPGA + FPGAIO_LED0, 0xfd); /* two LEDs: bits 0..1 */
    assert_int_equal(mmio_read32(FPGA + FPGAIO_LED0), 1);
    now = 2000;
    mmio_write32(FPGA + FPGAIO_LED0, 1); /* no change */
    now = 3000;
    mmio_write32(FPGA + FPGAIO_LED0, 2);
    assert_int_equal(led_calls, 2);
    assert_int_equal(led_cycle[0], 1234);
    assert_int_equal(led_value[0], 1);
    assert_int_equal(led_cycle[1], 3000);
    assert_int_equal(led_value[1], 2);
    assert_int_equal(f.led_changes, 2);
    assert_int_equal(f.led_changed_at, 3000);
    assert_int_equal(mmio_read32(FPGA + FPGAIO_BUTTON), 0);
    sim_fpgaio_set_buttons(&f, 2);
    assert_int_equal(mmio_read32(FPGA + FPGAIO_BUTTON), 2);
    mmio_write32(FPGA + FPGAIO_BUTTON, 0); /* read-only */
    assert_int_equal(mmio_read32(FPGA + FPGAIO_BUTTON), 2);
    /* counters from the 25 MHz clock */
    now = 25000000 * 3ull + 249999;
    assert_int_equal(mmio_read32(FPGA + FPGAIO_CLK1HZ), 3);
    assert_int_equal(mmio_read32(FPGA + FPGAIO_CLK100HZ), 300);
    now += 1;
    assert_int_equal(mmio_read32(FPGA + FPGAIO_CLK100HZ), 301);
    assert_int_equal(mmio_read32(FPGA + FPGAIO_COUNTER), (uint32_t)now); /* PRESCALE 0 */
    mmio_write32(FPGA + FPGAIO_PRESCALE, 5);
    mmio_write32(FPGA + FPGAIO_PSCNTR, 7);
    uint32_t c0 = mmio_read32(FPGA + FPGAIO_COUNTER);
    uint64_t t0 = now;
    now = t0 + 7;
    assert_int_equal(mmio_read32(FPGA + FPGAIO_PSCNTR), 0);
    assert_int_equal(mmio_read32(FPGA + FPGAIO_COUNTER), c0);
    now = t0 + 8;
    assert_int_equal(mmio_read32(FPGA + FPGAIO_PSCNTR), 5);
    assert_int_equal(mmio_read32(FPGA + FPGAIO_COUNTER), c0 + 1);
    now = t0 + 8 + 6 * 10;
    assert_int_equal(mmio_read32(FPGA + FPGAIO_COUNTER), c0 + 11);
}

/* --- stimulus device ------------------------------------------------------------ */

static void stimulus_registers_show_the_head_record(void **state)
{
    (void)state;
    struct sim_stimulus s;
    sim_stimulus_reset(&s, "stim0", &now, log_file);
    sim_stimulus_wire(&s, &nvic, 30);
    sim_bus_attach(&bus, "stim0", STIM, 0x1000, &sim_stimulus_ops, &s);
    nvic_enable(30);
    assert_int_equal(mmio_read32(STIM + STIMULUS_STATUS), 0);
    assert_int_equal(mmio_read32(STIM + STIMULUS_CONFIG), 16 | 8 << 8);
    const uint32_t w[3] = {0x10, 0x20, 7};
    bool queued;
    sim_stimulus_arrive(&s, 0x100000005ull, w, 3, &queued); /* no interrupt yet */
    assert_true(queued);
    assert_int_equal(sim_nvic_next(&nvic), -1);
    mmio_write32(STIM + STIMULUS_CTRL, STIMULUS_CTRL_INT_EN);
    sim_stimulus_arrive(&s, 0x100000009ull, w, 1, &queued);
    assert_int_equal(sim_nvic_next(&nvic), 30);
    assert_int_equal(mmio_read32(STIM + STIMULUS_INTSTATUS), STIMULUS_INT_ARRIVAL);
    assert_int_equal(mmio_read32(STIM + STIMULUS_STATUS), STIMULUS_STATUS_AVAIL);
    assert_int_equal(mmio_read32(STIM + STIMULUS_COUNT), 2);
    assert_int_equal(mmio_read32(STIM + STIMULUS_LEN), 3);
    assert_int_equal(mmio_read32(STIM + STIMULUS_SEQ), 0);
    assert_int_equal(mmio_read32(STIM + STIMULUS_TIME_LO), 5);
    assert_int_equal(mmio_read32(STIM + STIMULUS_TIME_HI), 1);
    assert_int_equal(mmio_read32(STIM + STIMULUS_WORD(0)), 0x10);
    assert_int_equal(mmio_read32(STIM + STIMULUS_WORD(2)), 7);
    assert_int_equal(mmio_read32(STIM + STIMULUS_WORD(3)), 0); /* beyond LEN */
    mmio_write32(STIM + STIMULUS_POP, 0);
    assert_int_equal(mmio_read32(STIM + STIMULUS_SEQ), 1);
    assert_int_equal(mmio_read32(STIM + STIMULUS_LEN), 1);
    mmio_write32(STIM + STIMULUS_POP, 0);
    assert_int_equal(mmio_read32(STIM + STIMULUS_STATUS), 0);
    assert_int_equal(mmio_read32(STIM + STIMULUS_SEQ), 2); /* the next one's */
    mmio_write32(STIM + STIMULUS_INTCLEAR, STIMULUS_INT_ARRIVAL);
    assert_int_equal(mmio_read32(STIM + STIMULUS_INTSTATUS), 0);
    mmio_write32(STIM + STIMULUS_POP, 0); /* empty: logged, harmless */
    assert_non_null(strstr(logged(), "POP with the FIFO empty"));
}

/* --- scenario files --------------------------------------------------------------- */

static const struct cfg_mem test_ram[] = {
    {"code", 0x00000000, 0x00400000, CFG_MEM_RAM},
    {"data", 0x20000000, 0x00400000, CFG_MEM_RAM},
};
static const struct cfg_irq_line uart0_irqs[] = {{"rx", 0}, {"tx", 1}, {"overrun", 12}};
static const struct cfg_irq_line uart1_irqs[] = {{"rx", 2}, {"tx", 3}, {"overrun", 12}};
static const struct cfg_irq_line timer_irqs[] = {{"timer", 8}};
static const struct cfg_irq_line stim_irqs[] = {{"data", 30}};
static const struct cfg_device test_devices[] = {
    {"uart0", "cmsdk-uart", 0x40004000, 0x1000, 3, uart0_irqs},
    {"uart1", "cmsdk-uart", 0x40005000, 0x1000, 3, uart1_irqs},
    {"timer0", "cmsdk-timer", 0x40000000, 0x1000, 1, timer_irqs},
    {"fpgaio", "fpgaio", 0x40028000, 0x1000, 0, NULL},
    {"stim0", "stimulus", 0x40030000, 0x1000, 1, stim_irqs},
    {"dualtimer", "cmsdk-dualtimer", 0x40002000, 0x1000, 0, NULL},
    {"systick", "systick", 0xE000E010, 16, 0, NULL},
};
static const struct cfg_board test_board = {
    .name = "testboard", .cpu = "cortex-m3", .clock_hz = 25000000,
    .kernel_entry_cycles = 64, .num_mem = 2, .mem = test_ram,
    .num_devices = sizeof test_devices / sizeof test_devices[0], .devices = test_devices,
    .console_base = 0x40004000, .mpu_regions = 8, .irq_lines = 32};

static struct sim_stimulus_file sf;
static char err[256];

static bool parse(const char *text)
{
    err[0] = 0;
    return sim_stimulus_file_parse(&sf, "t.stim", text, strlen(text), &test_board, err,
                                   sizeof err);
}

static void refused(const char *text, const char *message)
{
    if (parse(text)) {
        sim_stimulus_file_free(&sf);
        fail_msg("accepted: %s", text);
    }
    if (strcmp(err, message) != 0)
        fail_msg("for:  %s\nwant: %s\ngot:  %s", text, message, err);
}

static void scenario_times_convert_exactly(void **state)
{
    (void)state;
    assert_true(parse("# time kind device args\n"
                      "\n"
                      "0        irq 1\n"
                      "40ns     irq 1   # one cycle at 25 MHz\n"
                      "7        irq 2\n"
                      "2.52us   irq 1\n"
                      "1ms      irq 1\n"
                      "2.5ms    irq 1\n"
                      "1.000s   irq 31\n"
                      "1s       irq 0x1f\n"));
    const uint64_t want[] = {0, 1, 7, 63, 25000, 62500, 25000000, 25000000};
    assert_int_equal(sf.num, 8);
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(sf.recs[i].cycle, want[i]);
    assert_int_equal(sf.recs[2].value, 2);
    assert_int_equal(sf.recs[2].line, 5);
    assert_int_equal(sf.recs[7].value, 31);
    sim_stimulus_file_free(&sf);
    refused("0.5us irq 1", "t.stim:1:1: '0.5us' is not a whole number of cycles at "
                           "25000000 Hz (between 12 and 13)");
    refused("1.5 irq 1", "t.stim:1:1: '1.5': a time with a fraction needs a unit (ns, "
                         "us, ms or s)");
    refused("3xs irq 1", "t.stim:1:2: bad time unit in '3xs' (ns, us, ms or s)");
    refused("ms irq 1", "t.stim:1:1: bad time 'ms' (cycles, or a number with ns, us, ms "
                        "or s)");
    assert_true(parse("")); /* an empty file is fine */
    assert_int_equal(sf.num, 0);
    sim_stimulus_file_free(&sf);
    assert_true(parse("# nothing\n\n   \t\n"));
    assert_int_equal(sf.num, 0);
    sim_stimulus_file_free(&sf);
}

static void scenario_records_carry_their_data(void **state)
{
    (void)state;
    assert_true(parse("1ms   data    stim0  0x10 0x20 7 -1 0b101\r\n"
                      "2ms   uart    uart1  \"hi\\n\" 0x41 \"\\x00\\\"#\"   # bytes\n"
                      "3ms   buttons fpgaio 0b11\n"
                      "3ms   irq     30\n"));
    assert_int_equal(sf.num, 4);
    const struct sim_stim_record *r = &sf.recs[0];
    assert_int_equal(r->kind, SIM_STIM_DATA);
    assert_int_equal(r->target, 4);
    assert_int_equal(r->len, 5);
    const uint32_t *w = sim_stim_words(&sf, r);
    assert_int_equal(w[0], 0x10);
    assert_int_equal(w[2], 7);
    assert_int_equal(w[3], 0xffffffffu);
    assert_int_equal(w[4], 5);
    r = &sf.recs[1];
    assert_int_equal(r->kind, SIM_STIM_UART);
    assert_int_equal(r->target, 1);
    assert_int_equal(r->len, 7);
    assert_memory_equal(sim_stim_bytes(&sf, r), "hi\nA\0\"#", 7);
    assert_int_equal(sf.recs[2].value, 3);
    assert_int_equal(sf.recs[3].target, SIM_STIM_TARGET_NVIC);
    assert_int_equal(sf.first[4], 0);
    assert_int_equal(sf.first[1], 1);
    assert_true(sf.first[0] == SIM_STIM_NONE);
    sim_stimulus_file_free(&sf);
}

static void scenario_errors_name_line_and_column(void **state)
{
    (void)state;
    refused("1ms blah stim0 1", "t.stim:1:5: unknown kind 'blah' (data, uart, irq or "
                                "buttons)");
    refused("1ms", "t.stim:1:4: missing kind after the time (data, uart, irq or buttons)");
    refused("# ok\n1ms data nosuch 1", "t.stim:2:10: unknown device 'nosuch' (board "
                                       "testboard has no such device)");
    refused("1ms data uart1 1", "t.stim:1:10: device 'uart1' is a cmsdk-uart: 'data' "
                                "needs a device of type stimulus");
    refused("1ms buttons stim0 1", "t.stim:1:13: device 'stim0' is a stimulus: 'buttons' "
                                   "needs a device of type fpgaio");
    refused("1ms data", "t.stim:1:9: 'data' needs a device name");
    refused("1ms data stim0", "t.stim:1:15: 'data' needs 1 to 8 words");
    refused("1ms data stim0 1 0xzz", "t.stim:1:18: bad number '0xzz' (decimal, 0x hex or "
                                     "0b binary, at most 32 bits)");
    refused("1ms data stim0 4294967296", "t.stim:1:16: bad number '4294967296' (decimal, "
                                         "0x hex or 0b binary, at most 32 bits)");
    refused("2ms irq 1\n1ms irq 1", "t.stim:2:1: time goes backwards: '1ms' is cycle "
                                    "25000, before cycle 50000 of the input on line 1");
    refused("1ms data stim0 1 2 3 4 5 6 7 8 9", "t.stim:1:32: too many words: a data "
                                                "record holds at most 8");
    refused("1ms uart uart1 \"abc", "t.stim:1:16: unterminated string (no closing '\"' "
                                    "on this line)");
    refused("1ms uart uart1 \"a\\qb\"", "t.stim:1:18: bad escape '\\q' (\\n \\r \\t \\0 "
                                        "\\\\ \\\" or \\xHH)");
    refused("1ms uart uart1 \"\\x4\"", "t.stim:1:17: bad escape '\\x' (\\n \\r \\t \\0 "
                                       "\\\\ \\\" or \\xHH)");
    refused("1ms uart uart1 300", "t.stim:1:16: byte 300 out of range (0..255)");
    refused("1ms uart uart1", "t.stim:1:15: 'uart' needs bytes: a string or numbers");
    refused("1ms irq 32", "t.stim:1:9: line 32 out of range: board testboard has 32 NVIC "
                          "lines (0..31)");
    refused("1ms irq 3 4", "t.stim:1:11: trailing junk '4' after the irq line");
    refused("1ms irq", "t.stim:1:8: 'irq' needs an NVIC line number");
    refused("1ms buttons fpgaio 4", "t.stim:1:20: buttons 0x4 out of range: the FPGA I/O "
                                    "block has 2 buttons (0..3)");
    refused("1ms buttons fpgaio 1 \"x\"", "t.stim:1:22: trailing junk '\"x\"' after the "
                                          "buttons' state");
}

/* --- the machine: timed events, in order, at exact cycles --------------------------- */

static const struct cfg_system test_system = {.app_name = "devices", .board = &test_board};
static struct sim_machine m;

struct seen {
    uint64_t stamp, cycle;
    int kind;
    const char *device;
    uint32_t value;
    bool lost;
};
static struct seen seen[64];
static unsigned num_seen;

static void record_input(void *user, const struct sim_input *in)
{
    (void)user;
    if (num_seen < 64)
        seen[num_seen] = (struct seen){in->stamp, in->cycle, (int)in->kind, in->device,
                                       in->value, in->lost};
    num_seen++;
}

static int machine_up(void **state)
{
    setup(state);
    num_seen = 0;
    char e[256];
    bool ok = sim_machine_init(&m, &test_system, ".", log_file, log_file, e, sizeof e);
    if (!ok)
        fail_msg("%s", e);
    m.on_input = record_input;
    cur_bus = &m.bus;
    return 0;
}

static int machine_down(void **state)
{
    sim_machine_free(&m);
    return teardown(state);
}

/* Loads a scenario from a file of its own (read whole at load, so the
 * file goes at once); messages name it "test_devices.stim". */
static bool load(const char *text)
{
    char path[] = "/tmp/test_devices.stim.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    err[0] = 0;
    bool ok = sim_machine_load_stimulus(&m, path, err, sizeof err);
    unlink(path);
    char *at = strstr(err, path);
    if (at) {
        memmove(at + strlen("test_devices.stim"), at + strlen(path),
                strlen(at + strlen(path)) + 1);
        memcpy(at, "test_devices.stim", strlen("test_devices.stim"));
    }
    return ok;
}

static void advance(uint64_t t)
{
    m.clock.now = t;
    sim_machine_fire_due(&m);
}

static void machine_fires_events_by_cycle_then_board_order(void **state)
{
    (void)state;
    assert_true(load("1000 irq 5\n"
                     "1000 data stim0 1\n"
                     "1000 buttons fpgaio 1\n"
                     "1000 uart uart1 \"ab\"\n"
                     "1500 buttons fpgaio 2\n"));
    assert_true(sim_machine_next_event(&m) == 1000);
    advance(999);
    assert_int_equal(num_seen, 0);
    advance(1000); /* uart1, fpgaio, stim0 (board order), the irq last */
    assert_int_equal(num_seen, 4);
    assert_string_equal(seen[0].device, "uart1");
    assert_int_equal(seen[0].value, 'a');
    assert_string_equal(seen[1].device, "fpgaio");
    assert_string_equal(seen[2].device, "stim0");
    assert_int_equal(seen[3].kind, SIM_STIM_IRQ);
    assert_int_equal(seen[3].value, 5);
    assert_true(sim_nvic_pending(&m.nvic, 5));
    assert_int_equal(m.fpgaio[0].buttons, 1);
    /* uart1 takes 10 x 16 cycles a byte before it is programmed */
    assert_true(sim_machine_next_event(&m) == 1160);
    advance(5000); /* everything due, still in cycle order */
    assert_int_equal(num_seen, 6);
    assert_int_equal(seen[4].cycle, 1160);
    assert_int_equal(seen[4].stamp, 1000);
    assert_int_equal(seen[4].value, 'b');
    assert_int_equal(seen[5].cycle, 1500);
    assert_int_equal(seen[5].value, 2);
    assert_true(sim_machine_next_event(&m) == UINT64_MAX);
    /* uart1's RX was never enabled: both bytes dropped, and said */
    assert_int_equal(m.uart[1].rx_dropped_disabled, 2);
    assert_non_null(strstr(logged(), "sim: uart1: byte 0x61 arrived at cycle 1000 with "
                                     "RX disabled"));
}

static void machine_stimulus_fifo_overflows_at_the_17th_record(void **state)
{
    (void)state;
    char text[2048] = "";
    for (int i = 0; i < 18; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%d data stim0 %d\n",
                 100 * (i + 1), i);
    assert_true(load(text));
    mmio_write32(STIM + STIMULUS_CTRL, STIMULUS_CTRL_INT_EN);
    nvic_enable(30);
    m.clock.now = 100; /* not fired yet: an access brings the devices up to date */
    assert_int_equal(mmio_read32(STIM + STIMULUS_TIME_LO), 100); /* its exact cycle */
    assert_int_equal(sim_nvic_next(&m.nvic), 30);
    advance(1600); /* 16 records, none read */
    assert_int_equal(mmio_read32(STIM + STIMULUS_COUNT), 16);
    assert_int_equal(mmio_read32(STIM + STIMULUS_STATUS), STIMULUS_STATUS_AVAIL);
    mmio_write32(STIM + STIMULUS_INTCLEAR, STIMULUS_INT_ARRIVAL);
    advance(1700); /* the 17th: lost, flagged, counted, interrupting */
    assert_int_equal(mmio_read32(STIM + STIMULUS_COUNT), 16);
    assert_int_equal(mmio_read32(STIM + STIMULUS_STATUS),
                     STIMULUS_STATUS_AVAIL | STIMULUS_STATUS_OVERFLOW);
    assert_int_equal(mmio_read32(STIM + STIMULUS_OVERFLOWS), 1);
    assert_int_equal(mmio_read32(STIM + STIMULUS_INTSTATUS), STIMULUS_INT_OVERFLOW);
    assert_true(seen[16].lost);
    assert_int_equal(seen[16].value, 16);
    assert_non_null(strstr(logged(), "sim: stim0: FIFO full (16 records unread): record "
                                     "16 arriving at cycle 1700 lost"));
    for (uint32_t seq = 0; seq < 16; seq++) {
        assert_int_equal(mmio_read32(STIM + STIMULUS_SEQ), seq);
        assert_int_equal(mmio_read32(STIM + STIMULUS_WORD(0)), seq);
        mmio_write32(STIM + STIMULUS_POP, 1);
    }
    advance(1800); /* the 18th: queued as SEQ 17, the gap shows */
    assert_int_equal(mmio_read32(STIM + STIMULUS_COUNT), 1);
    assert_int_equal(mmio_read32(STIM + STIMULUS_SEQ), 17);
    assert_int_equal(mmio_read32(STIM + STIMULUS_WORD(0)), 17);
    assert_int_equal(mmio_read32(STIM + STIMULUS_TIME_LO), 1800);
    mmio_write32(STIM + STIMULUS_STATUS, STIMULUS_STATUS_OVERFLOW);
    assert_int_equal(mmio_read32(STIM + STIMULUS_STATUS), STIMULUS_STATUS_AVAIL);
}

static void machine_wires_lines_by_name_and_reports_errors(void **state)
{
    (void)state;
    /* uart1's overrun and uart0's share line 12 */
    assert_int_equal(m.uart[1].pin[SIM_UART_RX].line, 2);
    assert_int_equal(m.uart[1].pin[SIM_UART_OVERRUN].line, 12);
    assert_int_equal(m.timer[0].pin.line, 8);
    assert_int_equal(m.stimulus[0].pin.line, 30);
    assert_int_equal(sim_machine_device(&m, "dualtimer")->kind, SIM_DEV_NONE);
    mmio_read32(0x40002000); /* not modelled: a stray access */
    assert_int_equal(m.bus.stray_accesses, 1);
    assert_false(load("1ms uart uart9 1"));
    assert_string_equal(err, "test_devices.stim:1:10: unknown device 'uart9' (board "
                             "testboard has no such device)");
    assert_true(sim_machine_next_event(&m) == UINT64_MAX);
    assert_false(sim_machine_keyboard(&m, "timer0", 0, err, sizeof err));
    assert_string_equal(err, "board testboard has no UART named 'timer0' (UARTs: uart0 "
                             "uart1)");
    assert_false(sim_machine_load_stimulus(&m, "/nonexistent.stim", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent.stim: cannot open"));
}

/* Host input: bytes read from a pipe are stamped with the cycle of the poll. */
static void machine_keyboard_stamps_bytes_when_they_enter(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_true(sim_machine_keyboard(&m, "uart1", fds[0], err, sizeof err));
    mmio_write32(0x40005000 + UART_BAUDDIV, 16);
    mmio_write32(0x40005000 + UART_CTRL, UART_CTRL_RX_EN);
    m.clock.now = 300;
    sim_machine_poll_input(&m); /* nothing yet */
    assert_true(sim_machine_next_event(&m) == UINT64_MAX);
    assert_int_equal(write(fds[1], "ok", 2), 2);
    m.clock.now = 400; /* polls are 2500 cycles apart (100 us) */
    sim_machine_poll_input(&m);
    assert_true(sim_machine_next_event(&m) == UINT64_MAX);
    m.clock.now = 2800;
    sim_machine_poll_input(&m);
    assert_true(sim_machine_next_event(&m) == 2800);
    advance(2960);
    assert_int_equal(num_seen, 2);
    assert_int_equal(seen[1].stamp, 2800);
    assert_int_equal(seen[1].cycle, 2960);
    assert_int_equal(mmio_read32(0x40005000 + UART_DATA), 'k');
    /* the scenario's bytes and the keyboard's, the earlier stamp first */
    assert_true(load("3000 uart uart1 \"st\"\n"));
    assert_int_equal(write(fds[1], "K", 1), 1);
    m.clock.now = 5300;
    sim_machine_poll_input(&m);
    advance(5300);
    assert_int_equal(num_seen, 5);
    assert_int_equal(seen[2].value, 's');
    assert_int_equal(seen[2].stamp, 3000);
    assert_int_equal(seen[2].cycle, 2960 + 160); /* a byte time after 'k' */
    assert_int_equal(seen[3].value, 't');
    assert_int_equal(seen[3].cycle, 3280);
    assert_int_equal(seen[4].value, 'K');
    assert_int_equal(seen[4].stamp, 5300);
    close(fds[1]);
    m.clock.now = 8000;
    sim_machine_poll_input(&m);
    assert_true(m.keyboard.eof);
    close(fds[0]);
}

/* A guest instruction touching a device does so at its exact cycle, and a
 * device event it makes due before the run's stop ends the run there. */
static const uint8_t read_value[] = {
    0x40, 0xf2, 0x00, 0x01, /* movw r1, #0 */
    0xc4, 0xf2, 0x00, 0x01, /* movt r1, #0x4000: timer0 */
    0x48, 0x68,             /* ldr r0, [r1, #4]: VALUE, at cycle 2 */
    0xfe, 0xe7,             /* b . */
};
static const uint8_t start_timer[] = {
    0x40, 0xf2, 0x00, 0x01, /* movw r1, #0 */
    0xc4, 0xf2, 0x00, 0x01, /* movt r1, #0x4000 */
    0x09, 0x20,             /* movs r0, #9: EN | IRQ_EN */
    0x08, 0x60,             /* str r0, [r1]: CTRL, at cycle 3 */
    0xfe, 0xe7,             /* b . */
};

static const uint8_t enable_overrun_interrupt[] = {
    0x45, 0xf2, 0x00, 0x01, /* movw r1, #0x5000 */
    0xc4, 0xf2, 0x00, 0x01, /* movt r1, #0x4000: uart1 */
    0x22, 0x20,             /* movs r0, #0x22: RX_EN | RX_OVERRUN_INT_EN */
    0x88, 0x60,             /* str r0, [r1, #8]: CTRL, at cycle 3 */
    0xfe, 0xe7,             /* b . */
};

static struct sim_exit run_code(const uint8_t *code, size_t n, struct arch_context *ctx)
{
    memcpy(sim_mem_host(&m.mem, 0x1000, (uint32_t)n), code, n);
    memset(ctx, 0, sizeof *ctx);
    ctx->pc = 0x1000;
    ctx->sp = 0x20001000;
    ctx->xpsr = 1u << 24;
    m.clock.deadline = 1000;
    m.clock.limit = UINT64_MAX;
    m.clock.pause = UINT64_MAX;
    return sim_cpu_run(&m.cpu, ctx);
}

static void guest_device_accesses_happen_at_their_cycle(void **state)
{
    (void)state;
    struct arch_context ctx;
    mmio_write32(TIMER + CMSDK_TIMER_VALUE, 500);
    mmio_write32(TIMER + CMSDK_TIMER_CTRL, CMSDK_TIMER_CTRL_EN); /* at cycle 0 */
    struct sim_exit x = run_code(read_value, sizeof read_value, &ctx);
    assert_int_equal(x.why, SIM_STOP_CLOCK);
    assert_int_equal(m.clock.now, 1000);
    assert_int_equal(ctx.r[0], 498);
    assert_int_equal(m.clock.insns, 1000);
}

static void a_guest_access_that_makes_an_event_due_stops_the_run_there(void **state)
{
    (void)state;
    struct arch_context ctx;
    mmio_write32(TIMER + CMSDK_TIMER_VALUE, 5);
    nvic_enable(8);
    struct sim_exit x = run_code(start_timer, sizeof start_timer, &ctx);
    assert_int_equal(x.why, SIM_STOP_CLOCK);
    assert_int_equal(m.clock.now, 8); /* enabled at 3, 5 cycles to go */
    assert_true(sim_machine_next_event(&m) == 8);
    sim_machine_fire_due(&m);
    assert_int_equal(sim_nvic_next(&m.nvic), 8);
    assert_int_equal(mmio_read32(TIMER + CMSDK_TIMER_INTSTATUS), 1);
    /* the interrupt is pending; the next run goes on to its stop */
    x = sim_cpu_run(&m.cpu, &ctx);
    assert_int_equal(m.clock.now, 1000);
}

static void a_guest_access_that_pends_an_interrupt_stops_right_after(void **state)
{
    (void)state;
    struct arch_context ctx;
    assert_true(load("10 uart uart1 1 2\n"));
    mmio_write32(UART + UART_BAUDDIV, 16);
    mmio_write32(UART + UART_CTRL, UART_CTRL_RX_EN);
    nvic_enable(12);
    advance(200); /* the second byte overran the first */
    assert_int_equal(mmio_read32(UART + UART_STATE),
                     UART_STATE_RX_FULL | UART_STATE_RX_OVERRUN);
    m.clock.now = 0;
    struct sim_exit x = run_code(enable_overrun_interrupt, sizeof enable_overrun_interrupt,
                                 &ctx);
    assert_int_equal(x.why, SIM_STOP_CLOCK);
    assert_int_equal(m.clock.now, 4); /* right after the store at cycle 3 */
    assert_int_equal(sim_nvic_next(&m.nvic), 12);
}

/* --- the command line -------------------------------------------------------------- */

static void options_name_the_inputs(void **state)
{
    (void)state;
    char *argv[] = {"run", "--stimulus", "s.stim", "--uart-input", "uart1", "--ports", NULL};
    struct sim_options o = {0};
    assert_true(sim_parse_options(6, argv, &o, err, sizeof err));
    assert_string_equal(o.stimulus, "s.stim");
    assert_string_equal(o.uart_input, "uart1");
    assert_true(o.ports);
    char *bad[] = {"run", "--stimulus", NULL};
    o = (struct sim_options){0};
    assert_false(sim_parse_options(2, bad, &o, err, sizeof err));
    assert_string_equal(err, "--stimulus needs a scenario file");
    char *bad2[] = {"run", "--uart-input", NULL};
    assert_false(sim_parse_options(2, bad2, &o, err, sizeof err));
    assert_string_equal(err, "--uart-input needs a UART's name");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(nvic_enable_mask_and_pending_through_the_driver,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(nvic_level_lines_follow_the_cortex_m3_rules, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(uart_rx_bytes_arrive_one_byte_time_apart, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(uart_rx_overrun_is_flagged_counted_and_logged_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(uart_tx_completes_one_byte_time_after_the_previous,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(timer_underflows_reloads_and_interrupts_exactly,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(timer_without_reload_fires_once, setup, teardown),
        cmocka_unit_test_setup_teardown(fpgaio_records_leds_and_shows_buttons, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(stimulus_registers_show_the_head_record, setup,
                                        teardown),
        cmocka_unit_test(options_name_the_inputs),
        cmocka_unit_test(scenario_times_convert_exactly),
        cmocka_unit_test(scenario_records_carry_their_data),
        cmocka_unit_test(scenario_errors_name_line_and_column),
        cmocka_unit_test_setup_teardown(machine_fires_events_by_cycle_then_board_order,
                                        machine_up, machine_down),
        cmocka_unit_test_setup_teardown(machine_stimulus_fifo_overflows_at_the_17th_record,
                                        machine_up, machine_down),
        cmocka_unit_test_setup_teardown(machine_wires_lines_by_name_and_reports_errors,
                                        machine_up, machine_down),
        cmocka_unit_test_setup_teardown(machine_keyboard_stamps_bytes_when_they_enter,
                                        machine_up, machine_down),
        cmocka_unit_test_setup_teardown(guest_device_accesses_happen_at_their_cycle,
                                        machine_up, machine_down),
        cmocka_unit_test_setup_teardown(
            a_guest_access_that_makes_an_event_due_stops_the_run_there, machine_up,
            machine_down),
        cmocka_unit_test_setup_teardown(
            a_guest_access_that_pends_an_interrupt_stops_right_after, machine_up,
            machine_down),
    };
    return cmocka_run_group_tests_name("sim.devices", tests, NULL, NULL);
}
