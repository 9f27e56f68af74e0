/* restarter.c - four lives of one partition, each printing what it found
 * in .data and .bss before changing them:
 *   life 0 (cold, power-on): the error handler gets the worker's
 *     application error and warm starts the partition itself;
 *   life 1 (warm): no handler; the partition table warm starts it on the
 *     worker's application error;
 *   life 2 (warm): the worker reads outside its memory; the partition
 *     table cold starts it;
 *   life 3 (cold): the worker just works. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fenestra.h"

static uint32_t data_word = 100; /* .data */
static uint32_t bss_word;        /* .bss */
static uint32_t life;            /* .bss: restarts seen at start */
static FEN_THREAD_STACK(worker_stack, 1024);
static FEN_THREAD_STACK(handler_stack, 1024);

static const char *const mode_names[] = {"idle", "cold", "warm", "normal"};

static void handler(void)
{
    struct fen_error_status st;
    while (fen_get_error_status(&st) == 0)
        printf("handler: error %s from process %" PRIu32 ": %.*s\n",
               fen_error_name(st.error), st.process, (int)st.length, st.message);
    printf("handler: warm start\n");
    fen_set_partition_mode(FEN_MODE_WARM_START);
}

static void worker(void *arg)
{
    (void)arg;
    static const char msg[] = "sensor stuck";
    if (life <= 1) {
        fen_raise_application_error(msg, sizeof msg - 1);
    } else if (life == 2) {
        (void)*(volatile uint32_t *)0x20110000u; /* steady's memory */
    }
    for (uint32_t n = 1; n <= 3; n++) {
        printf("worker: working %" PRIu32 "\n", n);
        fen_timed_wait(fen_ms_to_cycles(10));
    }
}

int main(void)
{
    struct fen_partition_status st;
    fen_get_partition_status(&st);
    life = st.restarts;
    printf("life %" PRIu32 ": %s start, condition %" PRIu32 ", data %" PRIu32 ", bss %" PRIu32 "\n",
           life, mode_names[st.mode & 3], st.start_condition, data_word, bss_word);
    data_word++;
    bss_word++;
    if (life == 0 && fen_create_error_handler(handler, handler_stack.stack,
                                              sizeof handler_stack.stack) < 0)
        printf("no error handler\n");
    int32_t id = fen_create_process("worker", worker, worker_stack.stack, sizeof worker_stack.stack);
    fen_start(id);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
