/* shortlist.c — the shortlist store: parse, salvage, merge under a lock,
 * write safely (see shortlist.h for the format and the rules). */
#include "borderless/shortlist.h"

#include "borderless/safewrite.h"
#include "borderless/userstate.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#define MAGIC "borderless-shortlist"
#define ID_MAX 64 /* as the loader's BL_MAX_ID */
/* No valid line is longer: kind, id, dates, keys and a full note. */
#define LINE_MAX_BYTES (BL_SHORTLIST_NOTE_MAX + ID_MAX + 256)

/* The entries of one file, or of a handle.  Each entry's strings live in one
 * block starting at its id: "id\0reviewed\0note\0". */
struct table {
    bl_shortlist_entry *items;
    size_t n, cap;
};

struct bl_shortlist {
    char *path; /* "" in a private session */
    unsigned flags;
    int read_only;
    struct table t;
    char *notice;
};

/* What reading a file found. */
struct info {
    int version; /* the header's, 0 for a hand-made list */
    int newer; /* version > BL_SHORTLIST_VERSION */
    size_t bad_lines; /* lines left out */
    int damaged; /* something was wrong: repair on write */
};

static void say(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t size, const char *fmt, ...)
{
    if (!why || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
}

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dup_printf(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

/* ---- tables ---- */

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free((char *)t->items[i].id);
    free(t->items);
    *t = (struct table){0};
}

static long table_index(const struct table *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->items[i].id, id) == 0)
            return (long)i;
    return -1;
}

static int make_entry(bl_shortlist_entry *e, const char *id, size_t idlen, const char *rev,
                      size_t revlen, const char *note, size_t notelen, long long added)
{
    char *b = malloc(idlen + revlen + notelen + 3);
    if (!b)
        return -ENOMEM;
    memcpy(b, id, idlen);
    b[idlen] = '\0';
    memcpy(b + idlen + 1, rev, revlen);
    b[idlen + 1 + revlen] = '\0';
    memcpy(b + idlen + revlen + 2, note, notelen);
    b[idlen + revlen + 2 + notelen] = '\0';
    *e = (bl_shortlist_entry){
        .id = b, .reviewed = b + idlen + 1, .note = b + idlen + revlen + 2, .added = added};
    return 0;
}

/* Puts e into t, replacing an entry with the same id in place (taking
 * ownership of e's block either way).  -ENOSPC when full. */
static int table_put(struct table *t, bl_shortlist_entry e)
{
    long at = table_index(t, e.id);
    if (at >= 0) {
        free((char *)t->items[at].id);
        t->items[at] = e;
        return 0;
    }
    if (t->n >= BL_SHORTLIST_MAX) {
        free((char *)e.id);
        return -ENOSPC;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        bl_shortlist_entry *items = realloc(t->items, cap * sizeof *items);
        if (!items) {
            free((char *)e.id);
            return -ENOMEM;
        }
        t->items = items;
        t->cap = cap;
    }
    t->items[t->n++] = e;
    return 0;
}

static void table_delete(struct table *t, size_t i)
{
    free((char *)t->items[i].id);
    memmove(&t->items[i], &t->items[i + 1], (t->n - i - 1) * sizeof t->items[0]);
    t->n--;
}

/* ---- validation ---- */

int bl_shortlist_valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > ID_MAX || id[0] == '-')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
            return 0;
    return 1;
}

static int valid_id_n(const char *s, size_t n)
{
    char buf[ID_MAX + 1];
    if (n == 0 || n > ID_MAX)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return bl_shortlist_valid_id(buf);
}

/* 1 when s[0..n) is valid UTF-8 with no control characters, line or
 * paragraph separators (tabs allowed when allow_tab). */
static int clean_text(const char *s, size_t n, int allow_tab)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0)
            return 0;
        if (c == '\t' ? !allow_tab : c < 0x20 || (c >= 0x7f && c < 0xa0))
            return 0;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

int bl_shortlist_check_note(const char *note, char *why, size_t why_size)
{
    size_t n = strlen(note);
    if (n > BL_SHORTLIST_NOTE_MAX) {
        say(why, why_size, "the note is too long (%zu bytes; at most %d)", n,
            BL_SHORTLIST_NOTE_MAX);
        return -EINVAL;
    }
    if (!clean_text(note, n, 0)) {
        say(why, why_size,
            "the note must be one line of text, without tabs or control "
            "characters, in UTF-8");
        return -EINVAL;
    }
    return 0;
}

static int valid_date_n(const char *s, size_t n)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

/* "2026-12-02T09:30:00Z" -> seconds, or -1. */
static long long parse_time(const char *s, size_t n)
{
    char buf[32];
    if (n != 20 || s[19] != 'Z')
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    struct tm tm = {0};
    int used = 0;
    if (sscanf(buf, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec, &used) != 6 ||
        used != 20)
        return -1;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    return t < 0 ? -1 : (long long)t; /* before 1970: not a time we wrote */
}

static void format_time(long long t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        strcpy(out, "1970-01-01T00:00:00Z");
}

/* ---- parsing ---- */

/* "role<TAB>ID<TAB>key=value..." into *e.  0, -1 when not a good line, or
 * -ENOMEM. */
static int parse_role_line(const char *s, size_t n, bl_shortlist_entry *e)
{
    if (n > LINE_MAX_BYTES || !clean_text(s, n, 1) || n < 5 || memcmp(s, "role\t", 5) != 0)
        return -1;
    const char *end = s + n, *p = s + 5;
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    const char *id = p;
    size_t idlen = (size_t)((tab ? tab : end) - p);
    if (!valid_id_n(id, idlen))
        return -1;
    const char *rev = "", *note = "";
    size_t revlen = 0, notelen = 0;
    long long added = -1;
    p = tab ? tab + 1 : end;
    while (p < end) {
        tab = memchr(p, '\t', (size_t)(end - p));
        const char *fe = tab ? tab : end;
        const char *eq = memchr(p, '=', (size_t)(fe - p));
        if (!eq)
            return -1;
        size_t klen = (size_t)(eq - p), vlen = (size_t)(fe - eq - 1);
        if (klen == 5 && memcmp(p, "added", 5) == 0) {
            if ((added = parse_time(eq + 1, vlen)) < 0)
                return -1;
        } else if (klen == 8 && memcmp(p, "reviewed", 8) == 0) {
            if (vlen && !valid_date_n(eq + 1, vlen))
                return -1;
            rev = eq + 1, revlen = vlen;
        } else if (klen == 4 && memcmp(p, "note", 4) == 0) {
            if (vlen > BL_SHORTLIST_NOTE_MAX)
                return -1;
            note = eq + 1, notelen = vlen;
        } /* other keys: from a later minor change; ignored */
        p = tab ? tab + 1 : end;
    }
    if (added < 0) /* required: a line cut short usually lacks it */
        return -1;
    return make_entry(e, id, idlen, rev, revlen, note, notelen, added) < 0 ? -ENOMEM : 0;
}

/* A hand-made line: "ID" or "ID<TAB>NOTE". */
static int parse_plain_line(const char *s, size_t n, bl_shortlist_entry *e)
{
    if (n > LINE_MAX_BYTES || !clean_text(s, n, 1))
        return -1;
    const char *tab = memchr(s, '\t', n);
    size_t idlen = tab ? (size_t)(tab - s) : n;
    const char *note = tab ? tab + 1 : "";
    size_t notelen = tab ? n - idlen - 1 : 0;
    if (!valid_id_n(s, idlen) || notelen > BL_SHORTLIST_NOTE_MAX || memchr(note, '\t', notelen))
        return -1;
    return make_entry(e, s, idlen, "", 0, note, notelen, 0) < 0 ? -ENOMEM : 0;
}

/* The version in a header line, or -1 when the line is not one. */
static int header_version(const char *s, size_t n)
{
    size_t m = strlen(MAGIC);
    if (n < m + 2 || memcmp(s, MAGIC, m) != 0 || s[m] != ' ')
        return -1;
    long v = 0;
    for (size_t i = m + 1; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > 100000)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v >= 1 ? (int)v : -1;
}

/* Parses buf[0..len) (cut: the file went on beyond it) into t. */
static int parse(const char *buf, size_t len, int cut, struct table *t, struct info *info)
{
    *info = (struct info){.version = BL_SHORTLIST_VERSION, .damaged = cut};
    const char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    int first = 1, has_header = 0;
    size_t plain_lines = 0, role_lines = 0;
    while (p < end) {
        const char *e = p;
        while (e < end && *e != '\n' && *e != '\r')
            e++;
        size_t n = (size_t)(e - p);
        int terminated = e < end;
        const char *line = p;
        if (e + 1 < end && e[0] == '\r' && e[1] == '\n')
            p = e + 2; /* CRLF */
        else
            p = terminated ? e + 1 : e; /* LF, CR, or the end */
        if (first) {
            first = 0;
            int v = header_version(line, n);
            if (v >= 0) {
                has_header = 1;
                info->version = v;
                info->newer = v > BL_SHORTLIST_VERSION;
                continue;
            }
            size_t m = strlen(MAGIC);
            if ((n >= m && memcmp(line, MAGIC, m) == 0) ||
                (n >= 4 && n < m && memcmp(line, MAGIC, n) == 0)) {
                has_header = 1; /* a damaged or cut header: read what follows */
                info->bad_lines++;
                continue;
            }
        }
        if (n == 0 || line[0] == '#')
            continue;
        if (has_header && !terminated && !info->newer)
            info->damaged = 1; /* we always end lines: this one was cut */
        bl_shortlist_entry ent;
        int rc = parse_role_line(line, n, &ent);
        if (rc == 0)
            role_lines++;
        else if (rc == -1 && !has_header && (rc = parse_plain_line(line, n, &ent)) == 0)
            plain_lines++;
        if (rc == -ENOMEM)
            return -ENOMEM;
        if (rc == 0)
            rc = table_put(t, ent);
        if (rc == -ENOMEM)
            return -ENOMEM;
        if (rc != 0)
            info->bad_lines++;
    }
    if (!has_header && len > 0) {
        if (role_lines == 0 && info->bad_lines == 0)
            info->version = 0; /* a hand-made list: fine, upgraded on write */
        else
            info->damaged = 1;
    }
    if (info->bad_lines)
        info->damaged = 1;
    if (info->newer)
        info->damaged = 0; /* never ours to judge or repair */
    return 0;
}

/* Reads and parses path.  -ENOENT (empty t) when there is no file.  The
 * bytes read stay in *raw for a copy of a damaged file. */
static int read_file(const char *path, struct table *t, struct info *info, char **raw,
                     size_t *rawlen, char *why, size_t why_size)
{
    *t = (struct table){0};
    *info = (struct info){.version = BL_SHORTLIST_VERSION};
    int rc = bl_userstate_read(path, BL_SHORTLIST_FILE_MAX, raw, rawlen);
    if (rc == -ENOENT)
        return rc;
    if (rc < 0) {
        say(why, why_size, "%s: %s", path, strerror(-rc));
        return rc;
    }
    if (parse(*raw, *rawlen, rc == 1, t, info) < 0) {
        table_free(t);
        free(*raw);
        *raw = NULL;
        say(why, why_size, "%s: %s", path, strerror(ENOMEM));
        return -ENOMEM;
    }
    return 0;
}

/* ---- writing ---- */

static int serialize(const struct table *t, char **out, size_t *len)
{
    FILE *f = open_memstream(out, len);
    if (!f)
        return -ENOMEM;
    fprintf(f, "%s %d\n", MAGIC, BL_SHORTLIST_VERSION);
    fputs("# Roles shortlisted in borderless, one a line; see borderless(1), FILES.\n", f);
    for (size_t i = 0; i < t->n; i++) {
        const bl_shortlist_entry *e = &t->items[i];
        char when[32];
        format_time(e->added, when);
        fprintf(f, "role\t%s\tadded=%s\treviewed=%s\tnote=%s\n", e->id, when, e->reviewed, e->note);
    }
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        free(*out);
        *out = NULL;
        return -ENOMEM;
    }
    return 0;
}

static int write_table(const char *path, const struct table *t, char *why, size_t why_size)
{
    int rc = bl_userstate_mkdirs_for(path);
    if (rc < 0) {
        say(why, why_size, "cannot make the folder for %s: %s", path, strerror(-rc));
        return rc;
    }
    char *doc = NULL;
    size_t len = 0;
    if ((rc = serialize(t, &doc, &len)) < 0) {
        say(why, why_size, "%s: %s", path, strerror(-rc));
        return rc;
    }
    char reason[BL_REASON_MAX];
    rc = bl_safewrite(path, doc, len, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason);
    free(doc);
    if (rc < 0)
        say(why, why_size, "cannot save the shortlist: %s", reason);
    return rc;
}

/* Keeps a damaged file beside itself and writes the salvaged t in its
 * place; sets the notice.  Call with the lock held. */
static int repair(bl_shortlist *sl, const struct table *t, const struct info *info, const char *raw,
                  size_t rawlen, char *why, size_t why_size)
{
    char kept[BL_PATH_MAX];
    int rc = bl_userstate_keep_damaged(sl->path, raw, rawlen, kept, sizeof kept);
    if (rc < 0) {
        say(why, why_size,
            "the shortlist %s is damaged, and no copy of it could be kept "
            "(%s), so it was left as it is",
            sl->path, strerror(-rc));
        return -EIO;
    }
    if ((rc = write_table(sl->path, t, why, why_size)) < 0)
        return rc;
    free(sl->notice);
    sl->notice =
        dup_printf("The shortlist %s was damaged: %zu line%s could not be read and "
                   "%s left out (%zu role%s kept).  The original is kept as %s.",
                   sl->path, info->bad_lines, info->bad_lines == 1 ? "" : "s",
                   info->bad_lines == 1 ? "was" : "were", t->n, t->n == 1 ? "" : "s", kept);
    return 0;
}

static void set_newer_notice(bl_shortlist *sl, int version)
{
    free(sl->notice);
    sl->notice = dup_printf("The shortlist %s was written by a newer version of borderless "
                            "(format %d; this one knows %d): it is shown but not changed.",
                            sl->path, version, BL_SHORTLIST_VERSION);
}

/* Reads the file into the handle, repairing damage. */
static int load(bl_shortlist *sl, char *why, size_t why_size)
{
    struct table t;
    struct info info;
    char *raw = NULL;
    size_t rawlen = 0;
    int rc = read_file(sl->path, &t, &info, &raw, &rawlen, why, why_size);
    if (rc == -ENOENT)
        rc = 0;
    if (rc < 0)
        return rc;
    int lock = -1;
    if (info.damaged) {
        /* Repair under the lock, from the file as it is now. */
        lock = bl_userstate_lock(sl->path);
        table_free(&t);
        free(raw);
        raw = NULL;
        rc = read_file(sl->path, &t, &info, &raw, &rawlen, why, why_size);
        if (rc == -ENOENT)
            rc = 0;
        /* Repair only when the lock is ours (or locks do not exist here);
         * otherwise the next change repairs it. */
        if (rc == 0 && info.damaged && (lock >= 0 || lock == -ENOLCK)) {
            char failure[BL_REASON_MAX];
            if (repair(sl, &t, &info, raw, rawlen, failure, sizeof failure) < 0) {
                free(sl->notice);
                sl->notice =
                    dup_printf("The shortlist %s is damaged (%zu line%s cannot be "
                               "read) and could not be repaired: %s",
                               sl->path, info.bad_lines, info.bad_lines == 1 ? "" : "s", failure);
            }
        }
    }
    if (rc == 0) {
        sl->read_only = info.newer;
        if (info.newer)
            set_newer_notice(sl, info.version);
        table_free(&sl->t);
        sl->t = t;
    } else {
        table_free(&t);
    }
    bl_userstate_unlock(lock);
    free(raw);
    return rc;
}

int bl_shortlist_open(const char *path, unsigned flags, bl_shortlist **out, char *why,
                      size_t why_size)
{
    *out = NULL;
    bl_shortlist *sl = calloc(1, sizeof *sl);
    if (!sl) {
        say(why, why_size, "%s", strerror(ENOMEM));
        return -ENOMEM;
    }
    sl->flags = flags;
    char buf[BL_PATH_MAX];
    int rc = 0;
    if (flags & BL_USERSTATE_PRIVATE)
        buf[0] = '\0';
    else if (path)
        rc = snprintf(buf, sizeof buf, "%s", path) < (int)sizeof buf ? 0 : -ENAMETOOLONG;
    else
        rc = bl_userstate_path(BL_USERSTATE_DATA, BL_SHORTLIST_FILE, buf, sizeof buf);
    if (rc < 0) {
        say(why, why_size, "cannot tell where to keep the shortlist: %s",
            rc == -ENOENT ? "no home folder (set HOME or XDG_DATA_HOME)" : strerror(-rc));
        free(sl);
        return rc;
    }
    if (!(sl->path = strdup(buf))) {
        free(sl);
        say(why, why_size, "%s", strerror(ENOMEM));
        return -ENOMEM;
    }
    if (!(flags & BL_USERSTATE_PRIVATE) && (rc = load(sl, why, why_size)) < 0) {
        bl_shortlist_close(sl);
        return rc;
    }
    *out = sl;
    return 0;
}

void bl_shortlist_close(bl_shortlist *sl)
{
    if (!sl)
        return;
    table_free(&sl->t);
    free(sl->path);
    free(sl->notice);
    free(sl);
}

int bl_shortlist_reload(bl_shortlist *sl, char *why, size_t why_size)
{
    if (sl->flags & BL_USERSTATE_PRIVATE)
        return 0;
    free(sl->notice);
    sl->notice = NULL;
    return load(sl, why, why_size);
}

const char *bl_shortlist_notice(const bl_shortlist *sl)
{
    return sl->notice;
}
const char *bl_shortlist_path(const bl_shortlist *sl)
{
    return sl->path;
}
int bl_shortlist_read_only(const bl_shortlist *sl)
{
    return sl->read_only;
}
int bl_shortlist_is_private(const bl_shortlist *sl)
{
    return (sl->flags & BL_USERSTATE_PRIVATE) != 0;
}
size_t bl_shortlist_count(const bl_shortlist *sl)
{
    return sl->t.n;
}

const bl_shortlist_entry *bl_shortlist_at(const bl_shortlist *sl, size_t i)
{
    return i < sl->t.n ? &sl->t.items[i] : NULL;
}

const bl_shortlist_entry *bl_shortlist_find(const bl_shortlist *sl, const char *id)
{
    long i = table_index(&sl->t, id);
    return i >= 0 ? &sl->t.items[i] : NULL;
}

int bl_shortlist_is_marked(const bl_shortlist *sl, const char *id)
{
    return bl_shortlist_find(sl, id) != NULL;
}

int bl_shortlist_updated(const bl_shortlist_entry *e, const char *reviewed_now)
{
    size_t n = reviewed_now ? strlen(reviewed_now) : 0;
    if (!e || !valid_date_n(e->reviewed, strlen(e->reviewed)) ||
        !valid_date_n(reviewed_now ? reviewed_now : "", n))
        return 0;
    return strcmp(reviewed_now, e->reviewed) > 0;
}

/* ---- changes ---- */

enum op_kind { OP_ADD, OP_REMOVE, OP_NOTE };

struct op {
    enum op_kind kind;
    const char *id, *reviewed, *note; /* note NULL: leave it */
    long long now;
};

/* Applies op to t: 0 or 1 (see bl_shortlist_add) when done, 2 when nothing
 * changed, or -errno. */
static int apply(struct table *t, const struct op *op, char *why, size_t why_size)
{
    long at = table_index(t, op->id);
    bl_shortlist_entry e;
    switch (op->kind) {
    case OP_ADD: {
        if (at >= 0 && !op->note)
            return 2;
        const bl_shortlist_entry *old = at >= 0 ? &t->items[at] : NULL;
        const char *rev = old ? old->reviewed : op->reviewed ? op->reviewed : "";
        const char *note = op->note ? op->note : "";
        if (make_entry(&e, op->id, strlen(op->id), rev, strlen(rev), note, strlen(note),
                       old ? old->added : op->now) < 0)
            return -ENOMEM;
        int rc = table_put(t, e);
        if (rc == -ENOSPC)
            say(why, why_size, "the shortlist is full (%d roles); remove one first",
                BL_SHORTLIST_MAX);
        return rc < 0 ? rc : old ? 1 : 0;
    }
    case OP_REMOVE:
        if (at < 0) {
            say(why, why_size, "'%s' is not on the shortlist", op->id);
            return -ENOENT;
        }
        table_delete(t, (size_t)at);
        return 0;
    case OP_NOTE: {
        if (at < 0) {
            say(why, why_size, "'%s' is not on the shortlist", op->id);
            return -ENOENT;
        }
        const bl_shortlist_entry *old = &t->items[at];
        if (make_entry(&e, old->id, strlen(old->id), old->reviewed, strlen(old->reviewed), op->note,
                       strlen(op->note), old->added) < 0)
            return -ENOMEM;
        return table_put(t, e);
    }
    }
    return -EINVAL;
}

static int change(bl_shortlist *sl, const struct op *op, char *why, size_t why_size)
{
    if (!bl_shortlist_valid_id(op->id)) {
        say(why, why_size, "'%s' is not a role id", op->id);
        return -EINVAL;
    }
    if (op->reviewed && *op->reviewed && !valid_date_n(op->reviewed, strlen(op->reviewed))) {
        say(why, why_size, "'%s' is not a date (YYYY-MM-DD)", op->reviewed);
        return -EINVAL;
    }
    if (op->note && bl_shortlist_check_note(op->note, why, why_size) < 0)
        return -EINVAL;
    if (sl->flags & BL_USERSTATE_PRIVATE) {
        int rc = apply(&sl->t, op, why, why_size);
        return rc == 2 ? 1 : rc;
    }
    if (sl->read_only) {
        say(why, why_size,
            "the shortlist %s was written by a newer version of borderless "
            "and is not changed",
            sl->path);
        return -EROFS;
    }

    int rc = bl_userstate_mkdirs_for(sl->path); /* the lock file lives there */
    if (rc < 0) {
        say(why, why_size, "cannot make the folder for %s: %s", sl->path, strerror(-rc));
        return rc;
    }
    int lock = bl_userstate_lock(sl->path);
    if (lock < 0 && lock != -ENOLCK) {
        say(why, why_size, "cannot lock the shortlist %s: %s", sl->path,
            lock == -EWOULDBLOCK ? "another borderless is still writing it" : strerror(-lock));
        return lock;
    }
    if (lock >= 0)
        bl_userstate_clean_temps(sl->path);
    /* (-ENOLCK: no locks on this file system.  Go on unlocked: re-reading
     * just before writing still narrows the race to milliseconds.) */
    struct table t;
    struct info info;
    char *raw = NULL;
    size_t rawlen = 0;
    rc = read_file(sl->path, &t, &info, &raw, &rawlen, why, why_size);
    if (rc == -ENOENT)
        rc = 0;
    if (rc == 0 && info.newer) {
        table_free(&sl->t);
        sl->t = t;
        t = (struct table){0};
        sl->read_only = 1;
        set_newer_notice(sl, info.version);
        say(why, why_size,
            "the shortlist %s was written by a newer version of borderless "
            "and is not changed",
            sl->path);
        rc = -EROFS;
    }
    int result = 0;
    if (rc == 0) {
        result = apply(&t, op, why, why_size);
        if (info.damaged)
            rc = repair(sl, &t, &info, raw, rawlen, why, why_size);
        else if (result == 0 || result == 1)
            rc = write_table(sl->path, &t, why, why_size);
        if (rc == 0) { /* show the file as it now is */
            table_free(&sl->t);
            sl->t = t;
            t = (struct table){0};
        }
    }
    table_free(&t);
    free(raw);
    bl_userstate_unlock(lock);
    if (rc < 0)
        return rc;
    return result == 2 ? 1 : result;
}

int bl_shortlist_add(bl_shortlist *sl, const char *id, const char *reviewed, const char *note,
                     char *why, size_t why_size)
{
    struct op op = {
        .kind = OP_ADD, .id = id, .reviewed = reviewed, .note = note, .now = (long long)time(NULL)};
    return change(sl, &op, why, why_size);
}

int bl_shortlist_remove(bl_shortlist *sl, const char *id, char *why, size_t why_size)
{
    struct op op = {.kind = OP_REMOVE, .id = id};
    return change(sl, &op, why, why_size);
}

int bl_shortlist_set_note(bl_shortlist *sl, const char *id, const char *note, char *why,
                          size_t why_size)
{
    struct op op = {.kind = OP_NOTE, .id = id, .note = note ? note : ""};
    return change(sl, &op, why, why_size);
}

int bl_shortlist_from_text(const char *text, size_t len, bl_shortlist **out, size_t *bad_lines,
                           int *damaged)
{
    char why[64];
    int rc = bl_shortlist_open(NULL, BL_USERSTATE_PRIVATE, out, why, sizeof why);
    if (rc < 0)
        return rc;
    struct info info;
    if (parse(text, len, 0, &(*out)->t, &info) < 0) {
        bl_shortlist_close(*out);
        *out = NULL;
        return -ENOMEM;
    }
    if (bad_lines)
        *bad_lines = info.bad_lines;
    if (damaged)
        *damaged = info.damaged;
    return 0;
}

int bl_shortlist_to_text(const bl_shortlist *sl, char **text, size_t *len)
{
    return serialize(&sl->t, text, len);
}
