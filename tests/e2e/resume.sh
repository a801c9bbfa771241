#!/bin/bash
# Pick up where you left off, however the guide ends: a hang-up (SIGHUP
# sent, and the terminal really closing), SIGTERM, and SIGKILL, which gives
# no chance to save on the way out (the session kept at the last pause in
# the keys is there).  Each start must show the role the last run ended on:
# "Role N/" in the title bar appears only once that role is selected, and a
# fresh start shows role 1.
. "$(dirname "$0")/lib.sh"

export E2E_STATE="$E2E_DIR/shared"
SESSION="$E2E_STATE/state/borderless/session"

# next_role N: from role N-1 in the menu, j selects role N.
next_role() {
    e2e_keys j
    e2e_wait "Role $1/" "j did not select role $1"
}

# The id the session file names now.
saved_id() { sed -n 's/^entry\t//p' "$SESSION" 2>/dev/null; }

# kept_at_pause OLD: until the session file names another id than OLD.
kept_at_pause() {
    local deadline=$((SECONDS + E2E_TIMEOUT))
    until [ -n "$(saved_id)" ] && [ "$(saved_id)" != "$1" ]; do
        [ $SECONDS -lt $deadline ] || fail "the session was not kept at a pause (still '$1')"
        sleep 0.1
    done
}

# move_then_forget N: role N selected and kept at the pause; then the file
# is removed.
move_then_forget() {
    local old
    old=$(saved_id)
    next_role "$1"
    kept_at_pause "$old"
    rm -f "$SESSION"
}

e2e_start 100 30
e2e_wait "Role 1/" "a fresh start is not at role 1"
move_then_forget 2
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -HUP "$pid"
e2e_wait_exit 129

# SIGHUP: restored; then SIGTERM.
e2e_start 100 30
e2e_wait "Role 2/" "SIGHUP: the next start did not restore role 2"
move_then_forget 3
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -TERM "$pid"
e2e_wait_exit 143

# SIGTERM: restored; then SIGKILL, once the pause after the move kept it.
e2e_start 100 30
e2e_wait "Role 3/" "SIGTERM: the next start did not restore role 3"
before=$(saved_id)
[ -n "$before" ] || fail "no session saved"
next_role 4
kept_at_pause "$before"
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -KILL "$pid"
e2e_wait_exit 137

# SIGKILL: restored; then the terminal closes (the real hang-up: the pty
# goes away, the guide's read fails and SIGHUP comes, maybe twice).
e2e_start 100 30
e2e_wait "Role 4/" "SIGKILL: the next start did not restore role 4"
move_then_forget 5
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
tm kill-server
e2e_wait_pid_gone "$pid" 5000 "after the terminal closed"
e2e_start 100 30
e2e_wait "Role 5/" "hang-up: the next start did not restore role 5"
e2e_keys q
e2e_wait_exit 0
echo "ok"
