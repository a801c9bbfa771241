#!/bin/bash
# Pick up where you left off: the session is saved on SIGTERM and on q and
# restored at the next start; m writes the shortlist the command line reads;
# BORDERLESS_NO_STATE reads and writes neither.
. "$(dirname "$0")/lib.sh"

export E2E_STATE="$E2E_DIR/shared"
t2=$(role_title 2) id2=$(role_id 2) t3=$(role_title 3)
[ -n "$t2" ] && [ -n "$t3" ] || fail "no roles in the content"

# Read role 2, mark it, end by SIGTERM.
e2e_start 100 30
e2e_wait "$E2E_MENU"
e2e_keys j
e2e_wait "› $t2"
e2e_keys m
e2e_wait "Added to the shortlist"
e2e_keys Enter
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -TERM "$pid"
e2e_wait_exit 143
[ -s "$E2E_STATE/state/borderless/session" ] || fail "SIGTERM saved no session"
XDG_DATA_HOME="$E2E_STATE/data" "$BORDERLESS_BIN" -C "$CONTENT" shortlist | grep -q "$id2" \
    || fail "the mark is not on the shortlist the command line reads"

# The next start shows role 2 again; move to role 3 and quit with q.
e2e_start 100 30
e2e_wait "› $t2"
e2e_keys Escape j
e2e_wait "› $t3"
e2e_keys q
e2e_wait_exit 0
e2e_start 100 30
e2e_wait "› $t3"
e2e_keys q
e2e_wait_exit 0

# A private session restores nothing (and saves nothing).
cp "$E2E_STATE/state/borderless/session" "$E2E_DIR/session.before"
e2e_start 100 30 xterm-256color C.UTF-8 BORDERLESS_NO_STATE=1
e2e_wait "$E2E_MENU"
e2e_screen | head -n 1 | grep -qF "› $t3" && fail "a private session restored the last one"
e2e_keys j j q
e2e_wait_exit 0
cmp -s "$E2E_STATE/state/borderless/session" "$E2E_DIR/session.before" \
    || fail "a private session wrote the session"
echo "ok"
