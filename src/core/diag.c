#include "borderless/diag.h"
#include "borderless/vec.h"

#include "borderless/esc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void bl_diags_init(bl_diags *d, size_t max)
{
    memset(d, 0, sizeof *d);
    d->max = max ? max : BL_DIAGS_DEFAULT_MAX;
}

void bl_diags_free(bl_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].path);
        free(d->items[i].message);
        free(d->items[i].formatted);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

static char *vformat(const char *fmt, va_list ap) BL_PRINTF(1, 0);
static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (len < 0)
        return NULL;
    char *s = malloc((size_t)len + 1);
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}

static char *format(const char *fmt, ...) BL_PRINTF(1, 2);
static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    return s;
}

void bl_diags_add(bl_diags *d, const char *path, size_t line, size_t column, const char *fmt, ...)
{
    d->total++;
    if (d->n >= d->max)
        return;
    bl_diag *items = bl_vec_grow(d->items, &d->cap, d->n + 1, sizeof *items, 8);
    if (!items) {
        d->oom = 1;
        return;
    }
    d->items = items;
    va_list ap;
    va_start(ap, fmt);
    char *message = vformat(fmt, ap);
    va_end(ap);
    char *p = strdup(path ? path : "");
    char *formatted = NULL;
    if (message && p) {
        if (line && column)
            formatted = format("%s:%zu:%zu: %s", p, line, column, message);
        else if (line)
            formatted = format("%s:%zu: %s", p, line, message);
        else
            formatted = format("%s: %s", p, message);
    }
    if (!formatted) {
        free(message);
        free(p);
        d->oom = 1;
        return;
    }
    d->items[d->n++] = (bl_diag){
        .path = p,
        .line = line,
        .column = column,
        .message = message,
        .formatted = formatted,
    };
}

void bl_diags_print(const bl_diags *d, FILE *out)
{
    bl_diags_print_ex(d, out, 0);
}

void bl_diags_print_ex(const bl_diags *d, FILE *out, unsigned esc_flags)
{
    for (size_t i = 0; i < d->n; i++) {
        const bl_diag *g = &d->items[i];
        bl_esc_write(out, g->path, strlen(g->path), BL_DIAG_PATH_MAX, esc_flags);
        if (g->line && g->column)
            fprintf(out, ":%zu:%zu", g->line, g->column);
        else if (g->line)
            fprintf(out, ":%zu", g->line);
        fputs(": ", out);
        bl_esc_write(out, g->message, strlen(g->message), BL_DIAG_MESSAGE_MAX, esc_flags);
        fputc('\n', out);
    }
    if (d->total > d->n)
        fprintf(out, "... and %zu more problem%s\n", d->total - d->n,
                d->total - d->n == 1 ? "" : "s");
    if (d->oom)
        fprintf(out, "(out of memory while reporting problems)\n");
}
