#!/bin/bash
# What the guide asks of the terminal and what it takes from it: a TERM
# that can move the cursor, the real window size (never LINES/COLUMNS, and
# bounded), no flow control, Ctrl-L.
. "$(dirname "$0")/lib.sh"

# A terminal that cannot address the cursor is refused like no terminal.
for term in dumb no-such-terminal-xyz; do
    e2e_start 100 30 "$term"
    e2e_wait_exit 2
    e2e_wait "the guide needs a terminal" "TERM=$term: no message"
    e2e_term_restored "TERM=$term"
done

# LINES and COLUMNS do not override the real size: stale, or huge.  The
# screen is the same as without them.
e2e_start 80 24
e2e_wait "Role 1/"
e2e_wait "Quit"
want=$(e2e_screen)
e2e_keys q
e2e_wait_exit 0
for env in "LINES=60 COLUMNS=120" "LINES=30000 COLUMNS=30000" "LINES=5 COLUMNS=20"; do
    # shellcheck disable=SC2086
    e2e_start 80 24 xterm-256color C.UTF-8 $env
    e2e_wait "Role 1/" "$env: no menu"
    e2e_wait "Quit"
    [ "$(e2e_screen)" = "$want" ] || fail "$env: not the 80x24 screen"
    e2e_keys q
    e2e_wait_exit 0
done

# A terminal that claims to be enormous: the screen is bounded, not gigabytes
# (1000x1000 cells, drawn into the real 80x24 pane: garbled, but alive).
E2E_WRAP="stty rows 30000 cols 30000; "
e2e_start 80 24
e2e_wait "Quit"
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
[ "${rss:-0}" -lt 1048576 ] || fail "the guide uses ${rss} kB for a 30000x30000 terminal"
e2e_keys j
e2e_keys q
e2e_wait_exit 0
E2E_WRAP=

# Ctrl-S does not freeze the guide (no software flow control).
e2e_start 100 30
e2e_wait "Role 1/"
e2e_keys C-s
e2e_keys j
e2e_wait "Role 2/" "Ctrl-S froze the guide"
# Ctrl-L paints the whole screen again: garbage written behind the guide's
# back disappears.
tty=$(tm display-message -p '#{pane_tty}')
printf '\033[5;20HGARBAGE-GARBAGE\033[12;30HMORE-GARBAGE' > "$tty"
e2e_wait "GARBAGE-GARBAGE"
e2e_keys C-l
e2e_wait_gone "GARBAGE" "Ctrl-L did not redraw the screen"
e2e_wait "Role 2/"
e2e_wait "$E2E_MENU"
e2e_keys q
e2e_wait_exit 0
e2e_term_restored "q"
