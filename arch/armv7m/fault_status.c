/* fault_status.c - the SCB's fault status registers (see fault_status.h). */
#include "fault_status.h"

#include <mmio.h>

#include "regs/mpu.h"

void fault_status_read(struct kern_fault *f)
{
    uint32_t cfsr = mmio_read32(SCB_CFSR);
    f->status = cfsr;
    if (cfsr & 0xffu) {
        f->kind = KERN_FAULT_MEMORY;
        f->stacking = (cfsr & (SCB_MMFSR_MSTKERR | SCB_MMFSR_MUNSTKERR)) != 0;
        f->addr_valid = (cfsr & SCB_MMFSR_MMARVALID) != 0;
        f->addr = f->addr_valid ? mmio_read32(SCB_MMFAR) : 0;
    } else {
        f->kind = KERN_FAULT_BUS;
        f->stacking = (cfsr & SCB_BFSR_STKERR) != 0;
        f->addr_valid = (cfsr & SCB_BFSR_BFARVALID) != 0;
        f->addr = f->addr_valid ? mmio_read32(SCB_BFAR) : 0;
    }
    mmio_write32(SCB_CFSR, cfsr);
}
