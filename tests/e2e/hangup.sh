#!/bin/bash
# The terminal going away ends the guide at once, even when SIGHUP is
# ignored (nohup) or never sent (no controlling terminal: setsid).
. "$(dirname "$0")/lib.sh"

for wrap in "env --ignore-signal=HUP " "setsid -w " ""; do
    E2E_WRAP=$wrap
    e2e_start 100 30
    e2e_wait "$E2E_MENU" "[$wrap]: no menu"
    pid=$(e2e_pid) && [ -n "$pid" ] || fail "[$wrap]: no process"
    # setsid forks when it leads its process group.
    if ! grep -q borderless "/proc/$pid/cmdline"; then
        pid=$(pgrep -P "$pid" | head -n 1) && [ -n "$pid" ] || fail "no process under setsid"
    fi
    grep -q borderless "/proc/$pid/cmdline" || fail "[$wrap]: $pid is not the guide"
    tm kill-server
    e2e_wait_pid_gone "$pid" 2000 "[$wrap] after the terminal closed"
done
