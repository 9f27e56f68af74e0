/*
 * table.h - a plain text table with aligned columns: text columns left,
 * numbers right, each as wide as its widest cell.  Used by stats.c; rows
 * are few (partitions and windows), so cells are kept until printed.
 */
#ifndef FENESTRA_TRACE_TABLE_H
#define FENESTRA_TRACE_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#define TABLE_MAX_COLS 24

struct table {
    unsigned cols;
    const char *const *head;  /* column titles */
    unsigned left;            /* bit c: column c is left-aligned */
    char **cells;             /* row-major, rows * cols */
    unsigned count;           /* cells filled */
    unsigned cap;
    bool failed;              /* out of memory: printing says so */
};

/* cols at most TABLE_MAX_COLS; head: cols titles. */
void table_init(struct table *t, unsigned cols, const char *const *head, unsigned left);
/* Appends the next cell, row by row. */
void table_cell(struct table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void table_print(const struct table *t, FILE *out);
void table_free(struct table *t);

#endif
