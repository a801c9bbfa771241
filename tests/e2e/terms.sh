#!/bin/bash
# Several terminal types, a non-UTF-8 locale, and NO_COLOR.
. "$(dirname "$0")/lib.sh"

t1=$(role_title 1)
for term in xterm-256color xterm screen tmux-256color linux vt100; do
    infocmp "$term" >/dev/null 2>&1 || fail "no terminfo for TERM=$term (install ncurses-base)"
    e2e_start 100 30 "$term"
    e2e_wait "$E2E_MENU" "TERM=$term: no menu"
    e2e_wait "${t1:0:30}" "TERM=$term: no entry"
    e2e_keys j Enter ']'
    e2e_wait "Role 2/" "TERM=$term: j did not move"
    e2e_keys q
    e2e_wait_exit 0
done

# A non-UTF-8 locale: ASCII only, with ASCII bullets and markers.
e2e_start 100 30 xterm-256color C
e2e_wait "$E2E_MENU"
e2e_wait "> ${t1:0:20}"
e2e_wait "| "
e2e_wait "- "
if e2e_screen | LC_ALL=C grep -q '[^ -~]'; then
    fail "non-ASCII output in the C locale"
fi
e2e_keys q
e2e_wait_exit 0

# By default the terminal's own colours for text (attributes only on the
# first screen); a theme's palette with BORDERLESS_THEME; none with NO_COLOR
# (bold and reverse instead), whatever the theme.
sgr_colour='\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'
e2e_start 100 30 xterm-256color C.UTF-8
e2e_wait "$E2E_MENU"
tm capture-pane -p -e | grep -qE "$sgr_colour" && fail "colours in the text by default"
tm capture-pane -p -e | grep -qE '\[([0-9;]*;)?7(;[0-9;]*)?m' || fail "no reverse video by default"
e2e_keys q
e2e_wait_exit 0

for theme in dark light; do
    e2e_start 100 30 xterm-256color C.UTF-8 BORDERLESS_THEME=$theme
    e2e_wait "$E2E_MENU"
    tm capture-pane -p -e | grep -qE "$sgr_colour" || fail "no colours with the $theme theme"
    e2e_keys q
    e2e_wait_exit 0
done

e2e_start 100 30 xterm-256color C.UTF-8 NO_COLOR=1 BORDERLESS_THEME=dark
e2e_wait "$E2E_MENU"
tm capture-pane -p -e | grep -qE "$sgr_colour" && fail "colours despite NO_COLOR"
tm capture-pane -p -e | grep -qE '\[([0-9;]*;)?7(;[0-9;]*)?m' || fail "no reverse video with NO_COLOR"
e2e_keys q
e2e_wait_exit 0
