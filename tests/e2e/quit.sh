#!/bin/bash
# q, Ctrl-C, SIGTERM and SIGHUP all leave a clean terminal.
. "$(dirname "$0")/lib.sh"

e2e_start 100 30
e2e_wait "$E2E_MENU"
e2e_keys q
e2e_wait_exit 0
# The alternate screen is gone: the guide no longer shows.
e2e_wait_gone "$E2E_MENU"

e2e_start 100 30
e2e_wait "$E2E_MENU"
e2e_keys C-c
e2e_wait_exit 0
e2e_wait_gone "$E2E_MENU"

# Ctrl-C in a prompt cancels the prompt only (readline, less).
e2e_start 100 30
e2e_wait "$E2E_MENU"
e2e_keys /
e2e_wait "Search:"
e2e_keys t r a C-c
e2e_wait_gone "Search:"
e2e_wait "$E2E_MENU"
[ -s "$EXIT_FILE" ] && fail "Ctrl-C in the prompt ended the guide: $(cat "$EXIT_FILE")"
e2e_keys q
e2e_wait_exit 0

e2e_start 100 30
e2e_wait "$E2E_MENU"
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -TERM "$pid"
e2e_wait_exit 143
e2e_wait_gone "$E2E_MENU"

e2e_start 100 30
e2e_wait "$E2E_MENU"
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -HUP "$pid"
e2e_wait_exit 129
