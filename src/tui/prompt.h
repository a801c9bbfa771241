/* prompt.h — the bottom-line prompt: a line editor (search, file name) or
 * a yes/no question, pushed on the screen's overlay stack.
 *
 * The prompt only edits; it reports what happened with view flags
 * (VIEW_EDITED, VIEW_ACCEPT, VIEW_CANCEL) and leaves unhandled the keys it
 * has no use for (Up/Down: the screen moves over the search results; F1,
 * Ctrl-C).  The screen reads the text with prompt_text() and pops the
 * prompt when it is done with it.  `purpose` is the screen's own tag. */
#ifndef BORDERLESS_PROMPT_H
#define BORDERLESS_PROMPT_H

#include "view.h"

/* A line prompt: label, then the editable text (prefilled with text). */
struct view *prompt_line_new(const struct term *t, int purpose, const char *label,
                             const char *text);

/* A question: head, then `subject` (cut from the left when too long),
 * then tail.  y or Y accept; any other key cancels. */
struct view *prompt_question_new(const struct term *t, int purpose, const char *head,
                                 const char *subject, const char *tail);

/* 1 when v is a prompt (of either kind). */
int prompt_is(const struct view *v);
int prompt_purpose(const struct view *v);
/* The line's text (a question: ""). */
const char *prompt_text(const struct view *v);

#endif
