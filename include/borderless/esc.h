/* esc.h — outside data made safe to echo in a message.
 *
 * Every message that repeats something the user typed or a file held (a
 * path, an id, a query, an option, a diagnostic) passes it through here, so
 * no control character reaches the terminal and a huge echo is cut:
 *
 *     char buf[BL_ESC_SIZE];
 *     fprintf(stderr, "no such id '%s'\n", bl_esc(buf, sizeof buf, id, strlen(id),
 *                                                  BL_ESC_MAX, flags));
 *
 * What is escaped (C-style, like `ls -b`):
 *   - C0 controls and DEL: \a \b \t \n \v \f \r \e, else \xNN;
 *   - a backslash: \\ (so every escape reads back unambiguously);
 *   - bytes that are not valid UTF-8: \xNN, one per byte;
 *   - C1 controls (U+0080..U+009F): \xNN with the code point's value;
 *   - invisible or unassigned code points (format characters such as a bidi
 *     override, surrogates, private use, line/paragraph separators): \uXXXX
 *     or \UXXXXXXXX;
 *   - with BL_ESC_ASCII (a locale that is not UTF-8): every non-ASCII byte,
 *     as \xNN.
 * Everything else is copied unchanged.  Input past `max` bytes is dropped
 * (at a character boundary) and the cut is marked with "…" ("..." in ASCII).
 * Pure: no locale, no allocation.  One UTF-8 decoder: utf8proc.
 */
#ifndef BORDERLESS_ESC_H
#define BORDERLESS_ESC_H

#include <stddef.h>
#include <stdio.h>

enum { BL_ESC_ASCII = 1 };

/* The usual cut for an echo in a message: this many input bytes. */
#define BL_ESC_MAX 200
/* A buffer that holds any escape of BL_ESC_MAX input bytes, mark and NUL
 * included (one input byte grows to at most 4 output bytes). */
#define BL_ESC_SIZE (4 * BL_ESC_MAX + 16)

/* Escapes s[0..len) (at most `max` bytes of it) into out[0..size), always
 * NUL-terminated when size > 0.  When the escaped text does not fit in
 * `size`, it is cut at a whole escape and marked too.  Returns out. */
const char *bl_esc(char *out, size_t size, const char *s, size_t len, size_t max, unsigned flags);

/* The same written to f, with no output bound (max still cuts the input).
 * 0, or -1 on a write error. */
int bl_esc_write(FILE *f, const char *s, size_t len, size_t max, unsigned flags);

/* The NUL-terminated mark of a cut: "…", or "..." with BL_ESC_ASCII. */
const char *bl_esc_ellipsis(unsigned flags);

#endif
