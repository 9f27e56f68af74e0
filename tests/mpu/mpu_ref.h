/*
 * mpu_ref.h - an independent reference for PMSAv7 access verdicts, written
 * from the ARMv7-M Architecture Reference Manual (B3.1 the default memory
 * map, B3.5 the MPU) to check the simulator's MPU model (sim/mpu.c) and the
 * kernel's region sets.  It shares no code and no header with either: the
 * field positions are spelled out here again.
 */
#ifndef FENESTRA_TEST_MPU_REF_H
#define FENESTRA_TEST_MPU_REF_H

#include <stdbool.h>
#include <stdint.h>

enum ref_verdict {
    REF_ALLOW = 0,
    REF_MEMMANAGE = 1, /* the MPU, or the default map's execute-never */
    REF_BUSFAULT = 2,  /* unprivileged data access to the PPB */
};

enum ref_access { REF_READ = 0, REF_WRITE = 1, REF_EXEC = 2 };

/* The verdict for one byte at addr.  rbar/rasr: the region registers as
 * software reads them back (RBAR: ADDR and REGION; RASR whole), regions
 * 0..nregions-1; ctrl: MPU_CTRL; access: enum ref_access. */
enum ref_verdict ref_check(const uint32_t rbar[], const uint32_t rasr[], unsigned nregions,
                           uint32_t ctrl, uint32_t addr, int access, bool privileged);

const char *ref_verdict_name(enum ref_verdict v);

#endif
