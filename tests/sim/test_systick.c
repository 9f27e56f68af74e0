/*
 * test_systick.c - the SysTick model (sim/systick.c) driven through the
 * shared driver (arch/armv7m/systick.c) on a bus of its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "armv7m/systick.h"
#include "bus.h"
#include "mmio.h"
#include "systick.h"

#define BASE 0xe000e010u

static uint64_t now;
static struct sim_bus bus;
static struct sim_systick tick;

uint32_t mmio_read32(uint32_t addr) { return sim_bus_read(&bus, addr); }
void mmio_write32(uint32_t addr, uint32_t v) { sim_bus_write(&bus, addr, v); }

static int setup(void **state)
{
    (void)state;
    now = 0;
    bus = (struct sim_bus){0};
    sim_systick_reset(&tick, &now, NULL);
    sim_bus_attach(&bus, "systick", BASE, 16, &sim_systick_ops, &tick);
    return 0;
}

static void an_arm_fires_exactly_that_many_cycles_later(void **state)
{
    (void)state;
    now = 500;
    systick_arm(BASE, 1000);
    assert_int_equal(tick.fire_at, 1500);
    now = 501; /* loaded with RVR = 999 one cycle after the enable */
    assert_int_equal(mmio_read32(BASE + SYSTICK_CVR), 999);
    now = 1499;
    assert_int_equal(mmio_read32(BASE + SYSTICK_CVR), 1);
    assert_int_equal(mmio_read32(BASE + SYSTICK_CSR) & SYSTICK_CSR_COUNTFLAG, 0);
    now = 1500;
    sim_systick_fired(&tick);
    assert_int_equal(mmio_read32(BASE + SYSTICK_CSR) & SYSTICK_CSR_COUNTFLAG,
                     SYSTICK_CSR_COUNTFLAG);
    assert_int_equal(mmio_read32(BASE + SYSTICK_CSR) & SYSTICK_CSR_COUNTFLAG, 0);
    assert_int_equal(tick.fire_at, 2500); /* it reloads: periodic */
    now = 1501;
    assert_int_equal(mmio_read32(BASE + SYSTICK_CVR), 999);
}

static void the_longest_arm_is_2_to_the_24(void **state)
{
    (void)state;
    systick_arm(BASE, SYSTICK_MAX_CYCLES);
    assert_int_equal(tick.fire_at, SYSTICK_MAX_CYCLES);
    assert_int_equal(mmio_read32(BASE + SYSTICK_RVR), SYSTICK_MAX_RELOAD);
}

static void stopped_or_zero_reload_never_fires(void **state)
{
    (void)state;
    systick_arm(BASE, 100);
    systick_stop(BASE);
    assert_true(tick.fire_at == UINT64_MAX);
    assert_int_equal(mmio_read32(BASE + SYSTICK_CVR), 0);
    mmio_write32(BASE + SYSTICK_RVR, 0);
    mmio_write32(BASE + SYSTICK_CSR, SYSTICK_CSR_ENABLE | SYSTICK_CSR_TICKINT |
                                         SYSTICK_CSR_CLKSOURCE);
    assert_true(tick.fire_at == UINT64_MAX);
    mmio_write32(BASE + SYSTICK_RVR, 9); /* no interrupt without TICKINT */
    mmio_write32(BASE + SYSTICK_CSR, SYSTICK_CSR_ENABLE | SYSTICK_CSR_CLKSOURCE);
    assert_true(tick.fire_at == UINT64_MAX);
    assert_int_equal(mmio_read32(BASE + SYSTICK_CALIB) >> 31, 1); /* NOREF */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(an_arm_fires_exactly_that_many_cycles_later, setup),
        cmocka_unit_test_setup(the_longest_arm_is_2_to_the_24, setup),
        cmocka_unit_test_setup(stopped_or_zero_reload_never_fires, setup),
    };
    return cmocka_run_group_tests_name("sim.systick", tests, NULL, NULL);
}
