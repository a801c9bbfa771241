#!/bin/bash
# Browse to the third role and read it in the detail pane.
. "$(dirname "$0")/lib.sh"

t1=$(role_title 1)
t3=$(role_title 3)
[ -n "$t1" ] && [ -n "$t3" ] || fail "need at least three roles in $CONTENT"
n=$("$BORDERLESS_BIN" -C "$CONTENT" list | grep -c '^role')

e2e_start 100 30
e2e_wait "Roles"
e2e_wait "Role 1/$n"
# The detail pane shows the first role; the menu marks it.
e2e_line 2 | grep -qF "│ ${t1:0:30}" || fail "detail does not show '$t1'"
e2e_screen | grep -qF "▸ ${t1:0:20}" || fail "menu does not mark '$t1'"

e2e_keys Down
e2e_wait "Role 2/$n"
e2e_keys j
e2e_wait "Role 3/$n"
e2e_line 2 | grep -qF "│ ${t3:0:30}" || fail "detail does not follow the selection to '$t3'"
e2e_screen | grep -qF "▸ ${t3:0:20}" || fail "menu does not mark '$t3'"
[ "$(e2e_screen | grep -c '▸')" -eq 1 ] || fail "more than one selected row"
# The cursor rests on the selected menu row.
e2e_cursor_line | grep -qF "▸ ${t3:0:20}" || fail "cursor is not on the selected row"

# Into the detail pane: the page scrolls, the selection stays.
e2e_keys Enter
e2e_wait "Follow" "bar does not show the detail keys"
e2e_wait "Top"
e2e_keys Space
e2e_wait_gone "│ ${t3:0:30}" "Space did not scroll the entry"
e2e_wait "Role 3/$n"
e2e_keys g
e2e_wait "│ ${t3:0:30}"
# ] jumps to a heading: the top line becomes one.
e2e_keys ']'
e2e_wait_gone "│ ${t3:0:30}" "] did not move"
top=$(e2e_line 2 | sed 's/.*│ //')
"$BORDERLESS_BIN" -C "$CONTENT" show "$(role_id 3)" | grep -qxF "$top" \
    || fail "top line '$top' is not a line of the entry"
e2e_keys G
e2e_wait "Bot"
e2e_wait "Last reviewed"

# Back to the menu; moving again changes the entry.
e2e_keys Escape
e2e_wait_gone "Follow"
e2e_keys k
e2e_wait "Role 2/$n"

e2e_keys q
e2e_wait_exit 0
