/* Hand-written stand-in for fcc's output: the kernel unit tests' system. */
#ifndef CFG_GEN_H
#define CFG_GEN_H
#define CFG_NUM_PARTITIONS 2
#define CFG_NUM_THREADS 8
#define CFG_NUM_WINDOWS 2
#define CFG_MAX_THREADS_PER_PARTITION 4
#define CFG_CLOCK_HZ 1000000
#define CFG_MAJOR_FRAME 250ULL
#define CFG_APP_NAME "unit"
#define CFG_MPU_REGIONS 8
#define CFG_MPU_MAX_PART_REGIONS 3
#define CFG_PORT_POOL 8
#define CFG_CHANNEL_POOL 4
#define CFG_OBJECT_POOL 16
#define CFG_MSG_POOL_BYTES 4096
#define CFG_IRQ_LINES 32
/* Every service in; test_trim builds the kernel again without them. */
#ifndef CFG_HAS_PROCESSES
#define CFG_HAS_PROCESSES 1
#define CFG_HAS_OBJECTS 1
#define CFG_HAS_PORTS 1
#define CFG_HAS_IRQ_OWNERS 1
#endif
#define CFG_HAS_SHARED_CODE 0
#endif
