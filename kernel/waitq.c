/* waitq.c - threads blocked on kernel objects (see waitq.h). */
#include "waitq.h"

#include "thread.h"

void waitq_init(struct waitq *q, uint8_t discipline)
{
    q->head = 0;
    q->discipline = discipline;
}

/* FIFO: at the tail; by priority: behind every waiter of its priority or
 * higher, so equals keep their arrival order. */
static void insert(struct waitq *q, struct thread *t)
{
    struct thread **link = &q->head;
    if (q->discipline == CFG_DISCIPLINE_PRIORITY) {
        while (*link && (*link)->priority >= t->priority)
            link = &(*link)->wq_next;
    } else {
        while (*link)
            link = &(*link)->wq_next;
    }
    t->wq_next = *link;
    *link = t;
    t->waitq = q;
}

void waitq_block(struct waitq *q, struct thread *t, uint64_t until)
{
    thread_block(t, WAIT_OBJECT, until);
    insert(q, t);
}

void waitq_remove(struct thread *t)
{
    struct waitq *q = t->waitq;
    if (!q)
        return;
    for (struct thread **link = &q->head; *link; link = &(*link)->wq_next) {
        if (*link == t) {
            *link = t->wq_next;
            break;
        }
    }
    t->wq_next = 0;
    t->waitq = 0;
}

void waitq_wake(struct thread *t, int32_t rc)
{
    waitq_remove(t);
    thread_unsleep(t);
    arch_syscall_return(&t->ctx, (uint32_t)rc);
    thread_make_ready(t, false);
}

void waitq_reorder(struct thread *t)
{
    struct waitq *q = t->waitq;
    if (!q || q->discipline != CFG_DISCIPLINE_PRIORITY)
        return;
    waitq_remove(t);
    insert(q, t);
}

uint32_t waitq_count(const struct waitq *q)
{
    uint32_t n = 0;
    for (const struct thread *t = q->head; t; t = t->wq_next)
        n++;
    return n;
}
