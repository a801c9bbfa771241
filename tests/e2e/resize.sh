#!/bin/bash
# Resize to narrow, tiny and back: the selection and reading place stay.
. "$(dirname "$0")/lib.sh"

t3=$(role_title 3)
e2e_start 100 30
e2e_wait "$E2E_MENU"
e2e_keys j j
e2e_wait "Role 3/"

# 40x12: one pane, the menu, still on the third role.
e2e_resize 40 12
e2e_wait_gone "│"
e2e_wait "Role 3/"
e2e_screen | grep -qF "▸ ${t3:0:20}" || fail "selection lost at 40x12"
# Enter opens the entry full width; Left returns.
e2e_keys Enter
e2e_wait " ${t3:0:20}"
e2e_wait_gone "$E2E_MENU"
e2e_keys Left
e2e_wait "$E2E_MENU"

# 10x4: too small, but alive; 1x1 and 3x2 too: it still answers at 10x4
# after them (redrawing is the proof, so no waiting for nothing).
e2e_resize 10 4
e2e_wait "Too small"
e2e_resize 1 1
e2e_resize 3 2
e2e_wait_gone "Too small"
e2e_resize 10 4
e2e_wait "Too small"
[ -s "$EXIT_FILE" ] && fail "exited at a tiny size: $(cat "$EXIT_FILE")"

e2e_resize 100 30
e2e_wait "Role 3/"
e2e_wait "│ ${t3:0:30}"
e2e_screen | grep -qF "▸ ${t3:0:20}" || fail "selection lost after resizing back"

# The reading place survives a resize.
e2e_keys Enter ']' ']'
e2e_wait_gone "│ ${t3:0:30}"
before=$(e2e_line 2 | sed 's/.*│ //')
# At 90 columns the menu is 36 wide (2/5), at 100 40: wait for each.
e2e_resize 90 30
e2e_wait_line 2 '^.\{36\}│' "the 90-column screen never showed"
e2e_resize 100 30
e2e_wait_line 2 '^.\{40\}│' "the 100-column screen never showed"
e2e_wait "│ $before"

e2e_keys q
e2e_wait_exit 0
