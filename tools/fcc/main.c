/*
 * main.c - fcc's command line.
 *
 *   fcc --app APP.yaml --boards DIR --out OUTDIR   validate and generate
 *   fcc --check APP.yaml --boards DIR              validate only
 *
 * Exit status: 0 success, 1 invalid input (every error printed), 2 usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "fcc.h"

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

struct options {
    const char *app;
    const char *check;
    const char *boards;
    const char *out;
    const char *board; /* --board: instead of the app's */
    const char *overlays; /* --overlays: a folder of board overlays */
};

static void usage(FILE *to)
{
    fputs("usage: fcc --app APP.yaml --boards DIR --out OUTDIR\n"
          "       fcc --check APP.yaml --boards DIR\n"
          "       fcc --help\n"
          "\n"
          "Validates an app's configuration and its board "
          "(DIR/<board>/board.yaml)\n"
          "and writes OUTDIR/cfg_gen.h, OUTDIR/cfg_gen.c and "
          "OUTDIR/<partition>.ld.\n"
          "\n"
          "  --app APP.yaml   the app to compile\n"
          "  --check APP.yaml validate only; write nothing\n"
          "  --boards DIR     the folder holding one folder per board\n"
          "  --board NAME     use this board instead of the one the app "
          "names\n"
          "  --overlays DIR   apply the overlay of the board found in DIR "
          "(docs/config.md)\n"
          "  --out OUTDIR     where the generated files go (created if "
          "missing)\n"
          "  --help           print this help\n"
          "\n"
          "Exit status: 0 success, 1 invalid input, 2 usage error.\n"
          "The formats are described in docs/config.md.\n",
          to);
}

static int usage_error(const char *msg, const char *arg)
{
    if (arg)
        fprintf(stderr, "fcc: %s '%s'\n", msg, arg);
    else
        fprintf(stderr, "fcc: %s\n", msg);
    usage(stderr);
    return EXIT_USAGE;
}

/* Fills o from argv; returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        { "app", required_argument, NULL, 'a' },
        { "check", required_argument, NULL, 'c' },
        { "boards", required_argument, NULL, 'b' },
        { "out", required_argument, NULL, 'o' },
        { "board", required_argument, NULL, 'B' },
        { "overlays", required_argument, NULL, 'O' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case 'a': o->app = optarg; break;
        case 'c': o->check = optarg; break;
        case 'b': o->boards = optarg; break;
        case 'o': o->out = optarg; break;
        case 'B': o->board = optarg; break;
        case 'O': o->overlays = optarg; break;
        case 'h': usage(stdout); return EXIT_SUCCESS;
        case ':': return usage_error("missing argument to", argv[optind - 1]);
        default: return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);
    return -1;
}

/* The combinations that make sense: exactly one of --app/--check,
 * --boards always, --out with --app only. */
static int check_args(const struct options *o)
{
    if (!o->app == !o->check)
        return usage_error("give exactly one of --app and --check", NULL);
    if (!o->boards)
        return usage_error("--boards is required", NULL);
    if (o->app && !o->out)
        return usage_error("--out is required with --app", NULL);
    if (o->check && o->out)
        return usage_error("--out cannot be used with --check", NULL);
    return -1;
}

static int run(const struct options *o)
{
    struct fcc_diag *d = fcc_diag_new();
    if (!d) {
        fputs("fcc: out of memory\n", stderr);
        return EXIT_INVALID;
    }
    const char *app = o->app ? o->app : o->check;
    const struct fcc_target t = { o->board, o->overlays };
    struct fcc_system *sys = fcc_system_load_on(d, app, o->boards, &t);
    if (sys && o->out)
        fcc_system_write(d, sys, o->out);
    fcc_diag_print(d, stderr);
    int status = fcc_diag_count(d) ? EXIT_INVALID : EXIT_SUCCESS;
    fcc_system_free(sys);
    fcc_diag_free(d);
    return status;
}

int main(int argc, char **argv)
{
    struct options o = { 0 };
    int status = parse_args(argc, argv, &o);
    if (status < 0)
        status = check_args(&o);
    return status < 0 ? run(&o) : status;
}
