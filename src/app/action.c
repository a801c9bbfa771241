#include "borderless/action.h"

/* The help texts fit the help overlay's columns at 80x24 (16 columns: a
 * screen test checks it) and are all different (test_app checks it). */
static const struct bl_action_info table[BL_ACT_COUNT] = {
    [BL_ACT_HELP] = {.help = "Show this help", .bar = "Help", .bar_prio = 1},
    [BL_ACT_SEARCH] = {.help = "Search the guide", .bar = "Search", .bar_prio = 3},
    [BL_ACT_NEXT_MATCH] = {.help = "Next/prev. match",
                           .pair = BL_ACT_PREV_MATCH,
                           .bar = "Next",
                           .bar_prio = 4},
    [BL_ACT_END_SEARCH] = {.help = "Close the search", .bar = "Close", .bar_prio = 1},
    [BL_ACT_SAVE] = {.help = "Save a summary", .bar = "Save", .bar_prio = 5},
    [BL_ACT_MARK] = {.help = "Mark/unmark role", .bar = "Mark", .bar_prio = 6},
    [BL_ACT_NOTE] = {.help = "Note on the role", .bar = "Note", .bar_prio = 7},
    [BL_ACT_SHORTLIST] = {.help = "Your shortlist", .bar = "List", .bar_prio = 6},
    /* Export a booklet (issue 16).  In the bar after Note (same priority, a
     * later key): at 80 columns the menu has room for both unless the
     * compare set's "C Compare 2" is shown too. */
    [BL_ACT_EXPORT] = {.help = "Export a booklet", .bar = "Export", .bar_prio = 7},
    [BL_ACT_BACK] = {.help = "Back from a link", .bar = "Back", .bar_prio = 1},
    [BL_ACT_QUIT] = {.help = "Quit", .bar = "Quit", .bar_prio = 1},
    [BL_ACT_REDRAW] = {.help = "Repaint screen"},
    [BL_ACT_CLICK] = {.help = "Select or follow"},
    [BL_ACT_WHEEL] = {.help = "Scroll under it"},
    [BL_ACT_UP] = {.help = "Up, down a row", .pair = BL_ACT_DOWN},
    [BL_ACT_PAGE_UP] = {.help = "A page up, down", .pair = BL_ACT_PAGE_DOWN},
    [BL_ACT_HOME] = {.help = "First, last", .pair = BL_ACT_END},
    [BL_ACT_OPEN] = {.help = "Read the entry", .bar = "Read", .bar_prio = 2},
    [BL_ACT_PREV_HEADING] = {.help = "Heading up, down", .pair = BL_ACT_NEXT_HEADING},
    [BL_ACT_NEXT_HEADING] = {.bar = "Heading", .bar_prio = 3},
    [BL_ACT_NEXT_LINK] = {.help = "Next, prev. link",
                          .pair = BL_ACT_PREV_LINK,
                          .bar = "Link",
                          .bar_prio = 3},
    [BL_ACT_FOLLOW] = {.help = "Follow the link", .bar = "Follow", .bar_prio = 2},
    [BL_ACT_CLOSE] = {.help = "Back to the list", .bar = "Menu", .bar_prio = 1},
    [BL_ACT_ACCEPT] = {.help = "Search, or save"},
    [BL_ACT_CANCEL] = {.help = "Cancel the prompt"},
    [BL_ACT_HISTORY_PREV] = {.help = "Earlier queries", .pair = BL_ACT_HISTORY_NEXT},
    [BL_ACT_RESULT_PREV] = {.help = "Prev., next hit", .pair = BL_ACT_RESULT_NEXT},
    [BL_ACT_EDIT_LEFT] = {.help = "Move the cursor", .pair = BL_ACT_EDIT_RIGHT},
    [BL_ACT_EDIT_HOME] = {.help = "Line start, end", .pair = BL_ACT_EDIT_END},
    [BL_ACT_EDIT_BACKSPACE] = {.help = "Delete backward"},
    [BL_ACT_EDIT_DELETE] = {.help = "Delete forward"},
    [BL_ACT_EDIT_KILL_START] = {.help = "Cut to start, end", .pair = BL_ACT_EDIT_KILL_END},
    [BL_ACT_EDIT_KILL_WORD] = {.help = "Cut a word back"},
    [BL_ACT_YES] = {.help = "Yes (else no)"},
    /* Picking a search suggestion. */
    [BL_ACT_SUGGEST_NEXT] = {.help = "Try a suggestion",
                             .pair = BL_ACT_SUGGEST_PREV,
                             .bar = "Suggestion",
                             .bar_prio = 2},
    /* Compare (issue 16) */
    [BL_ACT_COMPARE_TOGGLE] = {.help = "Add/drop compare"},
    [BL_ACT_COMPARE] = {.help = "Compare roles", .bar = "Compare", .bar_prio = 6},
    [BL_ACT_COMPARE_DIFF] = {.help = "Differences only", .bar = "Diffs", .bar_prio = 2},
    [BL_ACT_COMPARE_CLOSE] = {.help = "Close comparison", .bar = "Back", .bar_prio = 1},
    /* The fit finder */
    [BL_ACT_FIT] = {.help = "Fit finder", .bar = "Fit", .bar_prio = 6},
    [BL_ACT_FIT_PICK] = {.help = "Choose an answer", .bar = "Answer", .bar_prio = 4},
    [BL_ACT_FIT_TOGGLE] = {.help = "Pick/unpick area", .bar = "Pick", .bar_prio = 2},
    [BL_ACT_FIT_IMPORTANT] = {.help = "Mark important", .bar = "Important", .bar_prio = 3},
    [BL_ACT_FIT_NEXT] = {.help = "Confirm, go on", .bar = "Next", .bar_prio = 1},
    [BL_ACT_FIT_PREV] = {.help = "Back a question", .bar = "Prev", .bar_prio = 2},
    [BL_ACT_FIT_EDIT] = {.help = "Edit an answer", .bar = "Edit", .bar_prio = 2},
    [BL_ACT_FIT_CLEAR] = {.help = "Clear answers", .bar = "Clear", .bar_prio = 5},
    [BL_ACT_FIT_LEAVE] = {.help = "Leave fit finder", .bar = "Leave", .bar_prio = 1},
    /* The fit finder's leftovers (issue 15 follow-up): p on the ranking
     * saves the fit report, not a summary. */
    [BL_ACT_FIT_SAVE] = {.help = "Save the report", .bar = "Save", .bar_prio = 5},
};

const struct bl_action_info *bl_action_info(enum bl_action a)
{
    return &table[a];
}
