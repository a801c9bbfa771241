/* esc.c — outside data made safe to echo (see esc.h). */
#include "borderless/esc.h"

#include <string.h>
#include <utf8proc.h>

const char *bl_esc_ellipsis(unsigned flags)
{
    return flags & BL_ESC_ASCII ? "..." : "\xE2\x80\xA6";
}

/* The escaped form of the character at s[0..len) (len > 0) into unit (at
 * most 11 bytes, not terminated); returns its length and sets *used to the
 * input bytes it stands for. */
static size_t esc_unit(const char *s, size_t len, unsigned flags, char unit[12], size_t *used)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char c = (unsigned char)s[0];
    *used = 1;
    if (c < 0x20 || c == 0x7F) {
        static const char named[] = {['\a'] = 'a', ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n',
                                     ['\v'] = 'v', ['\f'] = 'f', ['\r'] = 'r', [0x1B] = 'e'};
        if (c < sizeof named && named[c]) {
            unit[0] = '\\';
            unit[1] = named[c];
            return 2;
        }
        unit[0] = '\\', unit[1] = 'x', unit[2] = hex[c >> 4], unit[3] = hex[c & 15];
        return 4;
    }
    if (c == '\\') {
        unit[0] = unit[1] = '\\';
        return 2;
    }
    if (c < 0x80) {
        unit[0] = (char)c;
        return 1;
    }
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)(len < 4 ? len : 4), &cp);
    if (n < 1 || cp < 0 || (flags & BL_ESC_ASCII)) {
        /* Not UTF-8, or not for this locale: one byte at a time. */
        unit[0] = '\\', unit[1] = 'x', unit[2] = hex[c >> 4], unit[3] = hex[c & 15];
        return 4;
    }
    *used = (size_t)n;
    if (cp < 0xA0) { /* C1 control */
        unit[0] = '\\', unit[1] = 'x', unit[2] = hex[cp >> 4], unit[3] = hex[cp & 15];
        return 4;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: {
        int digits = cp > 0xFFFF ? 8 : 4;
        unit[0] = '\\';
        unit[1] = digits == 8 ? 'U' : 'u';
        for (int i = 0; i < digits; i++)
            unit[2 + i] = hex[(cp >> (4 * (digits - 1 - i))) & 15];
        return 2 + (size_t)digits;
    }
    default:
        memcpy(unit, s, (size_t)n);
        return (size_t)n;
    }
}

const char *bl_esc(char *out, size_t size, const char *s, size_t len, size_t max, unsigned flags)
{
    if (size == 0)
        return out;
    char unit[12];
    size_t used = 0;
    /* Does it all fit?  (Scans at most `max` bytes.) */
    size_t total = 0, i = 0;
    while (i < len && i < max) {
        size_t n = esc_unit(s + i, len - i, flags, unit, &used);
        if (i + used > max)
            break;
        total += n;
        i += used;
    }
    int cut = i < len || total + 1 > size;
    const char *mark = bl_esc_ellipsis(flags);
    size_t mark_len = cut ? strlen(mark) : 0;
    size_t o = 0;
    for (i = 0; i < len;) {
        size_t n = esc_unit(s + i, len - i, flags, unit, &used);
        if (i + used > max || o + n + mark_len + 1 > size)
            break;
        memcpy(out + o, unit, n);
        o += n;
        i += used;
    }
    if (cut && o + mark_len + 1 <= size) {
        memcpy(out + o, mark, mark_len);
        o += mark_len;
    }
    out[o] = '\0';
    return out;
}

int bl_esc_write(FILE *f, const char *s, size_t len, size_t max, unsigned flags)
{
    size_t i = 0;
    while (i < len) {
        char unit[12];
        size_t used = 0;
        size_t n = esc_unit(s + i, len - i, flags, unit, &used);
        if (i + used > max) {
            fputs(bl_esc_ellipsis(flags), f);
            break;
        }
        if (fwrite(unit, 1, n, f) != n)
            return -1;
        i += used;
    }
    return ferror(f) ? -1 : 0;
}
