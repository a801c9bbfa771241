#!/bin/bash
# Open and close the help overlay; it lists every context of the key table.
. "$(dirname "$0")/lib.sh"

# Tall enough for all of it.
e2e_start 110 50
e2e_wait "Roles"
e2e_keys '?'
e2e_wait "Show this help"
e2e_wait "Press any key to close"
# Every action of the key table is listed, new ones included.
for text in "Previous heading" "Next heading" "Next link" "Open the selected link" \
    "Back to the menu" "Go back" "Quit" "Scroll down a page" "Search the whole guide" \
    "Save a role's summary" "Next search match" "In the search results" "Close the search" \
    "In the search or file-name prompt" "Delete the word before" "Ctrl-W" "Ctrl-U" \
    "Home, Ctrl-A" "End, Ctrl-E" "Up, Ctrl-P" "Down, Ctrl-N" "In a question" "y, Y"; do
    e2e_screen | grep -qF -- "$text" || fail "help does not list '$text'"
done
e2e_keys x
e2e_wait_gone "Show this help"
e2e_wait "Roles"

e2e_resize 100 30
e2e_keys F1
e2e_wait "Show this help"
# q closes the help instead of quitting.
e2e_keys q
e2e_wait_gone "Show this help"
sleep 0.3
[ -s "$EXIT_FILE" ] && fail "q in the help quit the program"

# Small screens scroll the help.
e2e_resize 60 14
e2e_keys '?'
e2e_wait "any other key closes"
e2e_keys Escape
e2e_wait_gone "Keys"

e2e_keys q
e2e_wait_exit 0
