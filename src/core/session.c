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
        parse_lines(text + hlen, text + len, s) == 0 && s->entry[0] &&
        (!g || bl_guide_find(g, s->entry));
    free(text);
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
    if ((elen && !word_ok(s->entry, elen, BL_SESSION_ID_MAX, 1)) ||
        (flen && !word_ok(s->focus, flen, BL_SESSION_FOCUS_MAX, 0)) || s->pos.part < -1 ||
        s->pos.part == INT_MAX) {
        if (why && why_size)
            snprintf(why, why_size, "not a session to save (a bad entry id or focus)");
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
    char doc[512];
    int n = snprintf(doc, sizeof doc, "%s %d\nentry\t%s\npos\t%d %zu %zu %zu\nline\t%zu\n", MAGIC,
                     BL_SESSION_VERSION, s->entry, s->pos.part + 1, s->pos.item, s->pos.src,
                     s->pos.nth, s->line);
    if (n > 0 && (size_t)n < sizeof doc && flen)
        n += snprintf(doc + n, sizeof doc - (size_t)n, "focus\t%s\n", s->focus);
    if (n < 0 || (size_t)n >= sizeof doc)
        return -ENAMETOOLONG;
    if (!elen) /* nothing to restore: an entry line must not be empty */
        n = snprintf(doc, sizeof doc, "%s %d\n", MAGIC, BL_SESSION_VERSION);
    char reason[BL_REASON_MAX];
    rc = bl_safewrite(file, doc, (size_t)n, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason);
    if (rc < 0 && why && why_size)
        snprintf(why, why_size, "cannot save the session: %s", reason);
    return rc;
}
