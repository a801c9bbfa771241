/* cli.c — helpers shared by the commands (see cli.h). */
#include "cli.h"

#include "borderless/editdist.h"
#include "borderless/layout.h"
#include "borderless/safewrite.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *bl_cli_q(const bl_cli *c, char buf[BL_ESC_SIZE], const char *s)
{
    return bl_esc(buf, BL_ESC_SIZE, s, strlen(s), BL_ESC_MAX, c ? c->esc : 0);
}

int bl_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("borderless: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'borderless %s%s--help' for more information.\n", cmd ? cmd : "",
            cmd ? " " : "");
    return BL_EXIT_USAGE;
}

int bl_cli_finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return BL_EXIT_FAIL;
    }
    return status;
}

/* ---- ids: exact, any case, else "did you mean" ----------------------- */

#define ID_MAX 256 /* longer typed ids cannot be near any valid id */
#define SUGGEST_MAX 3

struct near {
    size_t entry;
    unsigned rank; /* 0: the typed id is a prefix of it; else 1 + edits */
};

const bl_entry *bl_cli_find(const bl_cli *c, const bl_guide *g, const char *id, int roles_only)
{
    const bl_entry *e = bl_guide_find(g, id);
    size_t len = strlen(id);
    char lower[ID_MAX + 1];
    if (!e && len <= ID_MAX) {
        for (size_t i = 0; i <= len; i++)
            lower[i] = (char)tolower((unsigned char)id[i]);
        e = bl_guide_find(g, lower);
    }
    if (e)
        return e;

    struct near best[SUGGEST_MAX];
    size_t n_best = 0;
    if (len >= 2 && len <= ID_MAX) {
        unsigned bound = len <= 4 ? 1 : len <= 8 ? 2 : 3;
        size_t n = roles_only ? g->n_roles : g->n_entries;
        for (size_t i = 0; i < n; i++) {
            const char *cand = g->entries[i].id;
            size_t clen = strlen(cand);
            unsigned rank;
            if (clen > len && strncmp(cand, lower, len) == 0) {
                rank = 0;
            } else {
                unsigned d = bl_edit_distance_utf8(lower, cand, bound);
                if (clen > len) { /* a typo in the beginning of a longer id */
                    char head[ID_MAX + 1];
                    memcpy(head, cand, len);
                    head[len] = '\0';
                    unsigned hb = len <= 8 ? 1 : 2;
                    unsigned dh = bl_edit_distance_utf8(lower, head, hb);
                    if (dh <= hb && dh < d)
                        d = dh;
                }
                if (d > bound)
                    continue;
                rank = 1 + d;
            }
            /* Insert by rank, keeping the guide's order among equals. */
            size_t at = n_best;
            while (at > 0 && best[at - 1].rank > rank)
                at--;
            if (at >= SUGGEST_MAX)
                continue;
            size_t last = n_best < SUGGEST_MAX ? n_best : SUGGEST_MAX - 1;
            memmove(&best[at + 1], &best[at], (last - at) * sizeof best[0]);
            best[at] = (struct near){.entry = i, .rank = rank};
            if (n_best < SUGGEST_MAX)
                n_best++;
        }
    }

    /* Ids that begin with what was typed say more than near misses. */
    if (n_best > 0 && best[0].rank == 0)
        while (best[n_best - 1].rank != 0)
            n_best--;
    char buf[BL_ESC_SIZE];
    fprintf(stderr, "borderless: no %s has the id '%s'%s\n",
            roles_only ? "role" : "role or section", bl_cli_q(c, buf, id),
            n_best ? "" : " (see 'borderless list')");
    if (n_best) {
        fputs("Did you mean:", stderr);
        for (size_t i = 0; i < n_best; i++)
            fprintf(stderr, "%s %s", i ? "," : "", g->entries[best[i].entry].id);
        fputs("?\n", stderr);
    }
    return NULL;
}

/* ---- content text ---------------------------------------------------- */

/* The bytes and columns glyph g is written as. */
static size_t glyph_out(const bl_cli *c, const bl_glyph *g, char out[4], int *cols)
{
    if (c->ascii && g->cp == 0x2026) {
        memcpy(out, "...", 3);
        *cols = 3;
        return 3;
    }
    size_t n = bl_glyph_encode(g, c->ascii, out);
    *cols = n ? g->width : 0;
    return n;
}

int bl_cli_width_of(const bl_cli *c, const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        bl_glyph g;
        char out[4];
        int cols;
        i += bl_glyph_next(s + i, len - i, &g);
        glyph_out(c, &g, out, &cols);
        w += cols;
    }
    return w;
}

int bl_cli_put(const bl_cli *c, FILE *f, const char *s, size_t len, int max_cols,
               const bl_search_mark *marks, size_t n_marks)
{
    const char *ell = bl_esc_ellipsis(c->ascii ? BL_ESC_ASCII : 0);
    int ell_cols = c->ascii ? 3 : 1;
    int limit = max_cols;
    int cut = max_cols >= 0 && bl_cli_width_of(c, s, len) > max_cols;
    if (cut)
        limit = max_cols - ell_cols;
    int w = 0, bold = 0;
    size_t m = 0;
    for (size_t i = 0; i < len;) {
        bl_glyph g;
        char out[4];
        int cols;
        size_t n = bl_glyph_next(s + i, len - i, &g);
        size_t k = glyph_out(c, &g, out, &cols);
        if (cut && w + cols > limit)
            break;
        if (c->bold && c->sgr0) {
            while (m < n_marks && marks[m].end <= i)
                m++;
            int in = m < n_marks && marks[m].start <= i && i < marks[m].end;
            if (in != bold)
                fputs(in ? c->bold : c->sgr0, f);
            bold = in;
        }
        fwrite(out, 1, k, f);
        w += cols;
        i += n;
    }
    if (bold)
        fputs(c->sgr0, f);
    if (cut && limit >= 0) {
        fputs(ell, f);
        w += ell_cols;
    }
    return w;
}

enum bl_summary_format bl_cli_format(const bl_cli *c, int *to_stdout)
{
    *to_stdout = !c->out || strcmp(c->out, "-") == 0;
    if (c->fmt != BL_SUMMARY_AUTO)
        return c->fmt;
    return *to_stdout ? BL_SUMMARY_TEXT : bl_summary_format_for_path(c->out);
}

int bl_cli_save(const bl_cli *c, const char *path, int force, const char *what, const char *doc,
                size_t len)
{
    char reason[BL_REASON_MAX];
    /* Ctrl-C, a kill or a hang-up during the write leaves no temporary
     * file behind. */
    (void)bl_safewrite_guard_signals();
    int rc =
        bl_safewrite(path, doc, len, force ? BL_SAFEWRITE_OVERWRITE : 0, reason, sizeof reason);
    if (rc == 0)
        return BL_EXIT_OK;
    /* The reason names the path the user typed: escape it. */
    char why[4 * BL_REASON_MAX + 16];
    bl_esc(why, sizeof why, reason, strlen(reason), BL_REASON_MAX, c->esc);
    if (rc == -EEXIST)
        fprintf(stderr, "borderless: %s; use --force to replace it\n", why);
    else
        fprintf(stderr, "borderless: cannot save the %s: %s\n", what, why);
    return BL_EXIT_FAIL;
}
