/*
 * user_copy.c - kernel/arch.h's copies to and from a partition's memory.
 * The kernel has checked the range against the partition's regions; the
 * kernel is privileged and the MPU's background region (PRIVDEFENA) lets
 * it reach any partition's RAM whatever set is loaded, and regions that
 * are read-only to the partition stay writable to it (mpu.c: ap_of).
 */
#include "arch.h"
#include "compiler.h"

KERNEL_SHARED void arch_copy_from_user(void *dst, uint32_t src, uint32_t len)
{
    const uint8_t *s = (const uint8_t *)(uintptr_t)src;
    uint8_t *d = dst;
    for (uint32_t i = 0; i < len; i++)
        d[i] = s[i];
}

KERNEL_SHARED void arch_copy_to_user(uint32_t dst, const void *src, uint32_t len)
{
    uint8_t *d = (uint8_t *)(uintptr_t)dst;
    const uint8_t *s = src;
    for (uint32_t i = 0; i < len; i++)
        d[i] = s[i];
}
