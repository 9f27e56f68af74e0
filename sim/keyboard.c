/* keyboard.c - host stdin into a UART (see keyboard.h).  This file, alone
 * in the simulator, talks to the host's input; nothing it reads changes
 * the simulation except through sim_uart_input, stamped. */
#define _POSIX_C_SOURCE 200809L /* poll, read */

#include "keyboard.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

void sim_keyboard_open(struct sim_keyboard *k, int fd, struct sim_uart *u, uint64_t every)
{
    *k = (struct sim_keyboard){.fd = fd, .uart = u, .every = every};
}

/* True when fd has bytes (or its end) to read without waiting. */
static bool ready(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int n;
    do
        n = poll(&p, 1, 0);
    while (n < 0 && errno == EINTR);
    return n > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR));
}

bool sim_keyboard_poll(struct sim_keyboard *k, uint64_t now)
{
    if (k->fd < 0 || k->eof || !k->uart)
        return false;
    if (now < k->next_poll)
        return true;
    k->next_poll = now + k->every;
    unsigned room = sim_uart_input_room(k->uart);
    if (room == 0 || !ready(k->fd))
        return true;
    uint8_t buf[SIM_UART_RING];
    ssize_t n;
    do
        n = read(k->fd, buf, room < sizeof buf ? room : sizeof buf);
    while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return true;
    if (n <= 0) {
        k->eof = true;
        return false;
    }
    for (ssize_t i = 0; i < n; i++) {
        sim_uart_input(k->uart, now, buf[i]);
        if (k->on_byte)
            k->on_byte(k->user, now, buf[i]);
    }
    k->bytes += (uint64_t)n;
    return true;
}
