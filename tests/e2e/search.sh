#!/bin/bash
# Search in the guide: the prompt, the results in place of the menu, a hit
# opened at its first match with the matches highlighted, n/N, Esc back.
. "$(dirname "$0")/lib.sh"

search() { "$BORDERLESS_BIN" -C "$CONTENT" search "$@" 2>/dev/null; }
n_hits=$(search traffick | wc -l)
[ "$n_hits" -ge 3 ] || fail "need three hits for 'traffick' in $CONTENT"
hit1=$(search traffick | sed -n 1p | cut -f3)
hit2=$(search traffick | sed -n 2p | cut -f3)
t3=$(role_title 3)
# The match colour: black on yellow (43) or black on magenta (45) for the
# current one.
sgr_match=$'\e\\[[0-9;]*4[35]m[Tt]raffick'

e2e_start 100 30
e2e_wait "Roles"
e2e_keys j j
e2e_wait "Role 3/"

# The prompt on the bottom line; results replace the menu as you type.
e2e_keys /
e2e_wait "Search:"
e2e_wait "Roles" "the menu went away before anything was typed"
e2e_keys t r a f x
e2e_wait "matches for 'trafx'"
e2e_keys BSpace f i c k
e2e_wait "$n_hits matches for 'traffick'"
e2e_wait_gone "Roles"
e2e_line 3 | grep -qF "▸ ${hit1:0:20}" || fail "first hit '$hit1' is not selected"
# The detail pane follows the selected result, with the matches marked.
e2e_wait "│ ${hit1:0:30}"
e2e_screen_sgr | grep -qE "$sgr_match" || fail "no highlighted match on screen"

# Down (and Ctrl-N/Ctrl-P) move while the prompt is still open.
e2e_keys C-n
e2e_wait "▸ ${hit2:0:20}"
e2e_keys C-p
e2e_wait "▸ ${hit1:0:20}"
e2e_keys Down
e2e_wait "▸ ${hit2:0:20}"
# hit2 may open scrolled to its first match, below its title.
e2e_wait_gone "│ ${hit1:0:30}" "the detail pane did not follow the selection"
e2e_wait "Search: traffick"

# Enter opens it: the prompt closes, the cursor is on the first match.
e2e_keys Enter
e2e_wait_gone "Search:"
# hit2 may open scrolled to its first match, below its title.
e2e_wait_gone "│ ${hit1:0:30}" "the detail pane did not follow the selection"
e2e_wait_cursor "traffick" 
e2e_screen_sgr | grep -qE "$sgr_match" || fail "no highlighted match in the opened hit"
e2e_wait "matches for 'traffick'" "the results left the menu after Enter"
line_before=$(tm display-message -p '#{cursor_y}')

# n and N jump between matches, wrapping, with a status message.
e2e_keys n
e2e_wait "match 2/"
e2e_wait_cursor "traffick"
total=$(e2e_screen | sed -n 's/.*match 2\/\([0-9]*\).*/\1/p')
[ -n "$total" ] || fail "no match count"
e2e_keys N
e2e_wait "match 1/$total"
e2e_keys N
e2e_wait "match $total/$total" "N did not wrap to the last match"
e2e_keys n
e2e_wait "match 1/$total" "n did not wrap to the first match"
[ "$(tm display-message -p '#{cursor_y}')" = "$line_before" ] || fail "back at match 1, not on its line"

# Esc: back to the results, then to the full menu and the old selection.
e2e_keys Escape
e2e_wait "Open" "bar does not show the results' keys"
e2e_wait "matches for 'traffick'"
e2e_keys Escape
e2e_wait "Roles"
e2e_wait_gone "matches for"
e2e_wait "Role 3/"
e2e_screen | grep -qF "▸ ${t3:0:20}" || fail "previous selection not restored"
e2e_wait "│ ${t3:0:30}"

# / again: an empty prompt; Esc closes it and nothing changed.
e2e_keys /
e2e_wait "Search:"
e2e_keys Escape
e2e_wait_gone "Search:"
e2e_wait "Role 3/"

# No matches: said so, with suggestions; Enter keeps the prompt open.
e2e_keys / c y b r
e2e_wait "No matches for 'cybr'"
e2e_wait "Did you mean: cyber"
e2e_keys Enter
e2e_wait "Search: cybr"
# Line editing: Ctrl-W, Ctrl-U, Home/End, Left, Delete.
e2e_keys C-w
e2e_wait "Type a word to search"
e2e_keys i n t e r p o l Home Delete
e2e_wait "Search: nterpol"
e2e_keys End Left Left C-u
e2e_wait "Search: ol"
e2e_keys C-k
e2e_wait "Type a word to search"
e2e_keys C-u i n t e r p o l
e2e_wait "matches for 'interpol'"
e2e_keys Escape
e2e_wait "Roles"
e2e_wait "Role 3/"

# UTF-8 input: an accent folds ("europól" finds Europol).
e2e_keys / e u r o p ó l
e2e_wait "for 'europól'"
e2e_wait_gone "No matches"
e2e_keys Escape
e2e_wait "Roles"

# One pane (narrow): results, Enter reads, Esc back to results, Esc menu.
e2e_resize 50 20
e2e_wait_gone "│"
e2e_keys / t r a f f i c k
e2e_wait "$n_hits matches for 'traffick'"
e2e_keys Enter
e2e_wait_gone "matches for"
e2e_wait " ${hit1:0:20}"
e2e_keys n
e2e_wait "match 2/"
e2e_keys Escape
e2e_wait "matches for 'traffick'"
e2e_keys Escape
e2e_wait "Roles"
e2e_wait "Role 3/"

# Resizing while the prompt is open keeps the query and the results.
e2e_keys / c u s t o m s
e2e_wait "matches for 'customs'"
e2e_resize 100 30
e2e_wait "Search: customs"
e2e_wait "matches for 'customs'"
e2e_keys Escape

e2e_keys q
e2e_wait_exit 0

# A non-UTF-8 locale: ASCII only, and a byte it cannot show is refused
# without eating the keys after it.
e2e_start 100 30 xterm-256color C
e2e_wait "Roles"
e2e_keys / t r a f é f i c k
e2e_wait "$n_hits matches for 'traffick'"
e2e_keys Enter n
e2e_wait "match 2/"
if e2e_screen | LC_ALL=C grep -q '[^ -~]'; then
    fail "non-ASCII output in the C locale"
fi
e2e_keys q
e2e_wait_exit 0

# Monochrome: matches are still marked (reverse, bold or underline).
e2e_start 100 30 xterm-256color C.UTF-8 NO_COLOR=1
e2e_wait "Roles"
e2e_keys / t r a f f i c k
e2e_wait "matches for 'traffick'"
e2e_keys Enter
e2e_wait_gone "Search:"
e2e_screen_sgr | grep -qE $'\e\\[[0-9;]*(1|4|7)m[Tt]raffick' || fail "no marked match without colours"
e2e_keys q
e2e_wait_exit 0
