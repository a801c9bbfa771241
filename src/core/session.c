/* session.c — the session store (see session.h). */
#include "borderless/session.h"

#include "borderless/safewrite.h"
#include "borderless/userstate.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "borderless-session"
#define FILE_MAX 4096 /* a valid session is a few hundred bytes */

static int word_ok(const char *s, size_t n, size_t max, int id)
{
    if (n == 0 || n > max || (id && s[0] == '-'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            (!id && ((c >= 'A' && c <= 'Z') || c == '_'));
        if (!ok)
            return 0;
    }
    return 1;
}

/* A decimal number in s[0..n) up to max; -1 when not one. */
static int number(const char *s, size_t n, unsigned long long max, unsigned long long *out)
{
    unsigned long long v = 0;
    if (n == 0 || n > 20)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int resolve(const char *path, char *buf, size_t size)
{
    if (!path)
        return bl_userstate_path(BL_USERSTATE_STATE, BL_SESSION_FILE, buf, size);
    int w = snprintf(buf, size, "%s", path);
    return w >= 0 && (size_t)w < size ? 0 : -ENAMETOOLONG;
}

/* The header's version, or -1 when the text does not start with one. */
static int header_version(const char *s, size_t n, size_t *len)
{
    size_t m = strlen(MAGIC);
    const char *nl = memchr(s, '\n', n);
    if (!nl || (size_t)(nl - s) < m + 2 || memcmp(s, MAGIC, m) != 0 || s[m] != ' ')
        return -1;
    unsigned long long v;
    if (number(s + m + 1, (size_t)(nl - s) - m - 1, INT_MAX, &v) < 0 || v < 1)
        return -1;
    *len = (size_t)(nl - s) + 1;
    return (int)v;
}

/* The compare line's value v..end: one to BL_SESSION_COMPARE_MAX ids, one
 * space between them; -1 when it is not that. */
static int parse_compare(const char *v, const char *end, bl_session *s)
{
    s->n_compare = 0;
    for (const char *q = v;;) {
        const char *sp = memchr(q, ' ', (size_t)(end - q));
        const char *we = sp ? sp : end;
        if (s->n_compare == BL_SESSION_COMPARE_MAX ||
            !word_ok(q, (size_t)(we - q), BL_SESSION_ID_MAX, 1))
            return -1;
        memcpy(s->compare[s->n_compare], q, (size_t)(we - q));
        s->compare[s->n_compare++][we - q] = '\0';
        if (!sp)
            return 0;
        q = sp + 1;
    }
}

/* Drops the compare ids g has no role for (with g) and repeats. */
static void keep_compare(const bl_guide *g, bl_session *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_compare; i++) {
        const bl_entry *e = g ? bl_guide_find(g, s->compare[i]) : NULL;
        int keep = !g || (e && e->kind == BL_ENTRY_ROLE);
        for (size_t k = 0; k < n && keep; k++)
            keep = strcmp(s->compare[k], s->compare[i]) != 0;
        if (keep && n != i)
            memcpy(s->compare[n], s->compare[i], sizeof s->compare[n]);
        n += keep;
    }
    for (size_t i = n; i < s->n_compare; i++)
        memset(s->compare[i], 0, sizeof s->compare[i]);
    s->n_compare = n;
}

/* Parses "key<TAB>value" lines into *s; -1 on any malformed line. */
static int parse_lines(const char *p, const char *end, bl_session *s)
{
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return -1; /* cut short */
        const char *tab = memchr(p, '\t', (size_t)(nl - p));
        if (!tab)
            return -1;
        size_t klen = (size_t)(tab - p), vlen = (size_t)(nl - tab - 1);
        const char *v = tab + 1;
        unsigned long long a[4];
        if (klen == 5 && memcmp(p, "entry", 5) == 0) {
            if (!word_ok(v, vlen, BL_SESSION_ID_MAX, 1))
                return -1;
            memcpy(s->entry, v, vlen);
            s->entry[vlen] = '\0';
        } else if (klen == 5 && memcmp(p, "focus", 5) == 0) {
            if (!word_ok(v, vlen, BL_SESSION_FOCUS_MAX, 0))
                return -1;
            memcpy(s->focus, v, vlen);
            s->focus[vlen] = '\0';
        } else if (klen == 4 && memcmp(p, "line", 4) == 0) {
            if (number(v, vlen, SIZE_MAX, &a[0]) < 0)
                return -1;
            s->line = (size_t)a[0];
        } else if (klen == 3 && memcmp(p, "pos", 3) == 0) {
            const char *q = v, *ve = nl;
            for (int i = 0; i < 4; i++) {
                const char *sp = memchr(q, ' ', (size_t)(ve - q));
                const char *fe = i < 3 ? sp : ve;
                if (!fe || (i == 3 && sp) ||
                    number(q, (size_t)(fe - q), i == 0 ? INT_MAX : SIZE_MAX, &a[i]) < 0)
                    return -1;
                q = fe + 1;
            }
            /* part is stored plus one, since BL_PART_TITLE is -1 */
            s->pos = (bl_layout_pos){.part = (int)a[0] - 1,
                                     .item = (size_t)a[1],
                                     .src = (size_t)a[2],
                                     .nth = (size_t)a[3]};
        } else if (klen == 7 && memcmp(p, "compare", 7) == 0) {
            if (parse_compare(v, nl, s) < 0)
                return -1;
        } else if (memchr(p, '\0', (size_t)(nl - p))) {
            return -1;
        } /* other keys: from a later minor change; ignored */
        p = nl + 1;
    }
    return 0;
}

int bl_session_load(const char *path, unsigned flags, const bl_guide *g, bl_session *s)
{
    memset(s, 0, sizeof *s);
    char buf[BL_PATH_MAX];
    if ((flags & BL_USERSTATE_PRIVATE) || resolve(path, buf, sizeof buf) < 0)
        return 1;
    char *text = NULL;
    size_t len = 0, hlen = 0;
    int rc = bl_userstate_read(buf, FILE_MAX, &text, &len);
    int ok = rc == 0 && header_version(text, len, &hlen) == BL_SESSION_VERSION &&
        parse_lines(text + hlen, text + len, s) == 0;
    free(text);
    if (ok && g && s->entry[0] && !bl_guide_find(g, s->entry)) {
        /* Stale: the place goes, the compare set may stay. */
        memset(s->entry, 0, sizeof s->entry);
        s->pos = (bl_layout_pos){0};
        s->line = 0;
        memset(s->focus, 0, sizeof s->focus);
    }
    if (ok)
        keep_compare(g, s);
    ok = ok && (s->entry[0] || s->n_compare);
    if (!ok)
        memset(s, 0, sizeof *s);
    return ok ? 0 : 1;
}

int bl_session_save(const char *path, unsigned flags, const bl_session *s, char *why,
                    size_t why_size)
{
    if (flags & BL_USERSTATE_PRIVATE)
        return 0;
    size_t elen = strnlen(s->entry, sizeof s->entry), flen = strnlen(s->focus, sizeof s->focus);
    int bad = (elen && !word_ok(s->entry, elen, BL_SESSION_ID_MAX, 1)) ||
        (flen && !word_ok(s->focus, flen, BL_SESSION_FOCUS_MAX, 0)) || s->pos.part < -1 ||
        s->pos.part == INT_MAX || s->n_compare > BL_SESSION_COMPARE_MAX;
    for (size_t i = 0; !bad && i < s->n_compare; i++)
        bad = !word_ok(s->compare[i], strnlen(s->compare[i], sizeof s->compare[i]),
                       BL_SESSION_ID_MAX, 1);
    if (bad) {
        if (why && why_size)
            snprintf(why, why_size, "not a session to save (a bad entry id, focus or compare set)");
        return -EINVAL;
    }
    char file[BL_PATH_MAX];
    int rc = resolve(path, file, sizeof file);
    if (rc < 0) {
        if (why && why_size)
            snprintf(why, why_size, "cannot tell where to keep the session: %s",
                     rc == -ENOENT ? "no home folder" : strerror(-rc));
        return rc;
    }
    char *old = NULL;
    size_t oldlen = 0, hlen = 0;
    if (bl_userstate_read(file, FILE_MAX, &old, &oldlen) >= 0 &&
        header_version(old, oldlen, &hlen) > BL_SESSION_VERSION) {
        free(old);
        if (why && why_size)
            snprintf(why, why_size,
                     "%s: written by a newer version of borderless; not "
                     "changed",
                     file);
        return -EROFS;
    }
    free(old);
    if ((rc = bl_userstate_mkdirs_for(file)) < 0) {
        if (why && why_size)
            snprintf(why, why_size, "cannot make the folder for %s: %s", file, strerror(-rc));
        return rc;
    }
    char doc[1024];
    int n = snprintf(doc, sizeof doc, "%s %d\n", MAGIC, BL_SESSION_VERSION);
    /* No place without an entry: an entry line must not be empty. */
    size_t room = (size_t)n < sizeof doc ? sizeof doc - (size_t)n : 0;
    if (n > 0 && room && elen)
        n += snprintf(doc + n, room, "entry\t%s\npos\t%d %zu %zu %zu\nline\t%zu\n", s->entry,
                      s->pos.part + 1, s->pos.item, s->pos.src, s->pos.nth, s->line);
    if (n > 0 && (size_t)n < sizeof doc && elen && flen)
        n += snprintf(doc + n, sizeof doc - (size_t)n, "focus\t%s\n", s->focus);
    for (size_t i = 0; i < s->n_compare && n > 0 && (size_t)n < sizeof doc; i++)
        n += snprintf(doc + n, sizeof doc - (size_t)n, "%s%s%s", i ? " " : "compare\t",
                      s->compare[i], i + 1 == s->n_compare ? "\n" : "");
    if (n < 0 || (size_t)n >= sizeof doc)
        return -ENAMETOOLONG;
    char reason[BL_REASON_MAX];
    rc = bl_safewrite(file, doc, (size_t)n, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason);
    if (rc < 0 && why && why_size)
        snprintf(why, why_size, "cannot save the session: %s", reason);
    return rc;
}

int bl_session_same(const bl_session *a, const bl_session *b)
{
    if (strcmp(a->entry, b->entry) != 0 || strcmp(a->focus, b->focus) != 0 || a->line != b->line ||
        a->pos.part != b->pos.part || a->pos.item != b->pos.item || a->pos.src != b->pos.src ||
        a->pos.nth != b->pos.nth || a->n_compare != b->n_compare)
        return 0;
    for (size_t i = 0; i < a->n_compare && i < BL_SESSION_COMPARE_MAX; i++)
        if (strcmp(a->compare[i], b->compare[i]) != 0)
            return 0;
    return 1;
}
