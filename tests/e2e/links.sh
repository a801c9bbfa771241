#!/bin/bash
# Follow a related-role link with Tab and Enter, then come back with Backspace.
. "$(dirname "$0")/lib.sh"

t3=$(role_title 3)
id3=$(role_id 3)
# The first related role of the third role, as `show` prints it.
target=$(COLUMNS=200 "$BORDERLESS_BIN" -C "$CONTENT" show "$id3" |
    awk '/^Related roles$/ { f = 1; next } f && /^→ / { sub(/^→ /, ""); print; exit }')
[ -n "$target" ] || fail "role 3 ($id3) has no related roles"

e2e_start 100 30
e2e_wait "Roles"
e2e_keys j j Enter
e2e_wait "Role 3/"
e2e_wait "Follow"
e2e_line 2 | grep -qF "│ ${t3:0:30}" || fail "not on '$t3'"

e2e_keys Tab
e2e_wait "→ ${target:0:30}"
# The cursor marks the focused link.
e2e_cursor_line | grep -qF "→ ${target:0:30}" || fail "cursor is not on the link"

e2e_keys Enter
e2e_wait "│ ${target:0:30}"
e2e_line 2 | grep -qF "│ ${target:0:30}" || fail "Enter did not open '$target'"
e2e_screen | grep -qF "▸ ${target:0:20}" || fail "menu does not follow the link"

e2e_keys BSpace
e2e_wait "Role 3/"
e2e_screen | grep -qF "▸ ${t3:0:20}" || fail "Backspace did not return to '$t3'"
e2e_cursor_line | grep -qF "→ ${target:0:30}" || fail "the link focus was not restored"

# Nothing earlier: a message, same entry.
e2e_keys BSpace
e2e_wait "No earlier entry"
e2e_wait "Role 3/"

e2e_keys q
e2e_wait_exit 0
