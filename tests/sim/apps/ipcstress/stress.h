/* stress.h - what src and dst of the ipcstress app agree on. */
#ifndef IPCSTRESS_H
#define IPCSTRESS_H

#include <stdint.h>

#define QA_MESSAGES 80000u
#define QB_MESSAGES 20000u

struct qa_msg {
    uint32_t seq;
    uint32_t check; /* seq scrambled: a torn or mixed-up copy shows */
};

struct qb_msg {
    uint32_t seq;
    uint32_t check;
    uint32_t pad;
};

static inline uint32_t stress_check(uint32_t seq)
{
    return seq * 2654435761u ^ 0x5a5a5a5au;
}

#endif
