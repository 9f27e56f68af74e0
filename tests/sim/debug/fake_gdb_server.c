/* fake_gdb_server.c - the GDB stub over the fake session as a program, so
 * a real gdb-multiarch can be pointed at it (gdb_fake.sh): the protocol
 * as GDB speaks it, without a simulator. */
#include <stdio.h>
#include <stdlib.h>

#include "fake_session.h"
#include "gdb_stub.h"

/* argv[1], when given: the position from which threads exist. */
int main(int argc, char **argv)
{
    struct dbg_session *s = fake_session_new();
    char err[160];

    if (argc > 1)
        s->threads_from = strtoull(argv[1], NULL, 0);
    setvbuf(stdout, NULL, _IOLBF, 0);
    bool ok = gdb_serve(s, 0, stderr, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s\n", err);
    fake_session_free(s);
    return ok ? 0 : 1;
}
