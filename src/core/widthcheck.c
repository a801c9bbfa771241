#include "borderless/widthcheck.h"

#include "borderless/layout.h"
#include "borderless/loader.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The first character of s with an unreliable width, or -1; *bytes gets
 * its UTF-8.  Every such character is U+0300 or above, so only lead bytes
 * from 0xCC up are decoded: ASCII (eight bytes at a time), continuation
 * bytes and the leads of smaller characters are stepped over. */
static int32_t first_unreliable(const char *s, char bytes[5])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    const uint64_t highs = 0x8080808080808080u;
    for (size_t i = 0; i < len;) {
#ifdef __SSE2__
        /* Sixteen bytes at a time up to the first lead byte from 0xCC. */
        while (len - i >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)0xCC)), x);
            unsigned m = (unsigned)_mm_movemask_epi8(lead);
            if (m) {
                i += (size_t)__builtin_ctz(m);
                break;
            }
            i += 16;
        }
#endif
        uint64_t w;
        while (len - i >= 8 && (memcpy(&w, u + i, 8), (w & highs) == 0))
            i += 8;
        if (i == len)
            break;
        if (u[i] < 0xCC) {
            i++;
            continue;
        }
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t n =
            utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &cp);
        if (n < 1 || cp < 0) {
            i++;
            continue;
        }
        if (bl_char_width_unreliable(cp)) {
            memcpy(bytes, s + i, (size_t)n);
            bytes[n] = '\0';
            return cp;
        }
        i += (size_t)n;
    }
    return -1;
}

/* Line and column (1-based, in characters) in the file at path of the
 * first `needle` after the anchors, each searched after the one before
 * (NULL ends them; one not found is skipped); 0 and 0 when it cannot tell
 * (the file writes the character as an escape). */
static void locate(const char *path, const char *const anchors[], const char *needle, size_t *line,
                   size_t *col)
{
    *line = *col = 0;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return;
    char *buf = malloc(BL_MAX_FILE_SIZE + 1);
    size_t n = buf ? fread(buf, 1, BL_MAX_FILE_SIZE, f) : 0;
    fclose(f);
    if (!buf)
        return;
    buf[n] = '\0'; /* a NUL inside only ends the search early */
    const char *from = buf;
    for (size_t a = 0; anchors[a]; a++) {
        const char *at = strstr(from, anchors[a]);
        if (at)
            from = at + strlen(anchors[a]);
    }
    const char *hit = strstr(from, needle);
    if (hit) {
        size_t ln = 1, cl = 1;
        for (const char *p = buf; p < hit; p++) {
            if (*p == '\n') {
                ln++;
                cl = 1;
            } else if ((*p & 0xC0) != 0x80) {
                cl++;
            }
        }
        *line = ln;
        *col = cl;
    }
    free(buf);
}

/* Warns about s, found in the file at path under the YAML key `key`
 * (after "id: <section_id>" when that is not NULL); the message names it
 * `what`, in single quotes when quote is set. */
static size_t warn_at(const char *path, const char *section_id, const char *key, const char *what,
                      int quote, const char *s, bl_diags *warn)
{
    char bytes[5];
    int32_t cp = s ? first_unreliable(s, bytes) : -1;
    if (cp < 0)
        return 0;
    char id_anchor[BL_MAX_ID + 8], key_anchor[64];
    snprintf(id_anchor, sizeof id_anchor, "id: %s", section_id ? section_id : "");
    snprintf(key_anchor, sizeof key_anchor, "%s:", key);
    const char *anchors[3] = {NULL, NULL, NULL};
    size_t k = 0;
    if (section_id)
        anchors[k++] = id_anchor;
    anchors[k] = key_anchor;
    size_t line, col;
    locate(path, anchors, bytes, &line, &col);
    bl_diags_add(warn, path ? path : "?", line, col,
                 "warning: %s%s%s has U+%04lX, whose width differs between terminals: "
                 "its lines may look out of place on some",
                 quote ? "'" : "", what, quote ? "'" : "", (unsigned long)cp);
    return 1;
}

/* key: the YAML key the text is under. */
static size_t warn_text(const bl_entry *e, const char *key, const char *what, int quote,
                        const char *s, bl_diags *warn)
{
    /* A section is found by its id in sections.yaml, then the key. */
    return warn_at(e->path, e->kind == BL_ENTRY_SECTION ? e->id : NULL, key, what, quote, s, warn);
}

size_t bl_width_warnings_head(const bl_guide *g, bl_diags *warn)
{
    size_t n = 0;
    if (g->title || g->tagline) {
        char *path = NULL;
        size_t len = strlen(g->dir ? g->dir : ".") + sizeof "/sections.yaml";
        path = malloc(len);
        if (path)
            snprintf(path, len, "%s/sections.yaml", g->dir ? g->dir : ".");
        n += warn_at(path, NULL, "title", "the guide's title", 0, g->title, warn);
        n += warn_at(path, NULL, "tagline", "the tagline", 0, g->tagline, warn);
        free(path);
    }
    return n;
}

size_t bl_width_warnings_entry(const bl_entry *e, bl_diags *warn)
{
    size_t n = warn_text(e, "title", "the title", 0, e->title, warn);
    for (size_t f = 0; f < e->n_fields; f++) {
        const bl_field_value *v = &e->fields[f];
        const struct bl_field_info *fi = bl_field_info(v->field);
        const char *key = e->kind == BL_ENTRY_ROLE ? fi->role_key : fi->section_key;
        const char *what = key ? key : fi->heading;
        n += warn_text(e, key, what, 1, v->text, warn);
        for (size_t k = 0; k < v->n_items; k++)
            n += warn_text(e, key, what, 1, v->items[k], warn);
    }
    for (size_t k = 0; k < e->n_sources; k++)
        n += warn_text(e, "sources", "a source", 0, e->sources[k].title, warn);
    return n;
}

size_t bl_width_warnings(const bl_guide *g, bl_diags *warn)
{
    size_t n = bl_width_warnings_head(g, warn);
    for (size_t i = 0; i < g->n_entries; i++)
        n += bl_width_warnings_entry(&g->entries[i], warn);
    return n;
}
