/* lineedit.h — a one-line text editor for prompts, as a pure state machine:
 * edits in, text and a display window out.  No curses, no locale.
 *
 * The text is UTF-8 (any bytes are kept; an invalid byte counts as one
 * character).  The cursor is a byte offset that always sits on a character
 * boundary, where a character is a code point together with the zero-width
 * glyphs after it (combining accents), so one Left or Backspace never
 * splits "e" from its accent.  Widths are display columns (layout.h).
 *
 *     bl_lineedit le;
 *     bl_lineedit_init(&le, "./prefill.txt");        // cursor at the end
 *     bl_lineedit_insert_cp(&le, 0x00E9);            // typed "é"
 *     bl_lineedit_apply(&le, BL_LE_KILL_WORD);       // Ctrl-W
 *     bl_lineedit_view(&le, cols, &start, &end, &cx); // what to show
 *     ... bl_lineedit_text(&le) ...
 *     bl_lineedit_done(&le);
 */
#ifndef BORDERLESS_LINEEDIT_H
#define BORDERLESS_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

/* The longest text in bytes; input beyond it is refused. */
#define BL_LINEEDIT_MAX 4096

typedef struct bl_lineedit {
    char *buf; /* NUL-terminated; owned */
    size_t len; /* bytes of text */
    size_t cap;
    size_t cur; /* cursor: byte offset on a character boundary */
    size_t scroll; /* first byte shown (kept between views, like a shell) */
} bl_lineedit;

enum bl_lineedit_op {
    BL_LE_LEFT, /* one character left */
    BL_LE_RIGHT,
    BL_LE_HOME, /* start of the line (Home, Ctrl-A) */
    BL_LE_END, /* end of the line (End, Ctrl-E) */
    BL_LE_BACKSPACE, /* delete the character before the cursor */
    BL_LE_DELETE, /* delete the character under the cursor */
    BL_LE_KILL_START, /* Ctrl-U: delete from the start to the cursor */
    BL_LE_KILL_END, /* Ctrl-K: delete from the cursor to the end */
    BL_LE_KILL_WORD /* Ctrl-W: delete the blank-separated word before the
                          cursor and the blanks after it (as a shell does) */
};

/* What an edit did: flags, 0 when nothing changed. */
enum { BL_LE_MOVED = 1, BL_LE_CHANGED = 2, BL_LE_CUT = 4 /* a paste did not fit */ };

/* Starts with `text` (NULL: empty), the cursor at its end.  0, or -1 when
 * memory runs out (le is then empty but usable and safe to _done). */
int bl_lineedit_init(bl_lineedit *le, const char *text);
void bl_lineedit_done(bl_lineedit *le);

/* Replaces the text with s[0..len) (cut at BL_LINEEDIT_MAX on a character
 * boundary), the cursor at the end.  0 or -1 (out of memory: unchanged). */
int bl_lineedit_set(bl_lineedit *le, const char *s, size_t len);

/* The text, NUL-terminated (never NULL). */
const char *bl_lineedit_text(const bl_lineedit *le);

/* Inserts s[0..len) at the cursor and moves past it.  BL_LE_CHANGED, 0 when
 * it would exceed BL_LINEEDIT_MAX or memory runs out (unchanged). */
unsigned bl_lineedit_insert(bl_lineedit *le, const char *s, size_t len);

/* Inserts one typed code point.  Control characters, surrogates and
 * non-characters are refused (0). */
unsigned bl_lineedit_insert_cp(bl_lineedit *le, uint32_t cp);

/* Inserts pasted text s[0..len) at the cursor, literally: line breaks
 * (CR, LF, CR LF, U+2028/9) and tabs become one space each, other control
 * characters, invalid bytes and what insert_cp refuses are dropped, so the
 * text never acts as keys.  What does not fit in BL_LINEEDIT_MAX is cut
 * (on a character boundary).  BL_LE_CHANGED | BL_LE_MOVED when something
 * was inserted, with BL_LE_CUT when some was cut; 0 otherwise. */
unsigned bl_lineedit_paste(bl_lineedit *le, const char *s, size_t len);

/* Applies an editing operation; BL_LE_* flags. */
unsigned bl_lineedit_apply(bl_lineedit *le, enum bl_lineedit_op op);

/* The window of the text to show in `cols` columns (cols < 1 counts as 1),
 * scrolled horizontally so the cursor's cell is inside it: bytes
 * [*start, *end) and the cursor's column from the window's left.  Keeps the
 * window where it was when the cursor is still inside; moving left past it
 * shows a third of a window of context; shrinking text is pulled back in
 * to fill the room.  Updates le->scroll. */
void bl_lineedit_view(bl_lineedit *le, int cols, size_t *start, size_t *end, int *cursor_col);

#endif
