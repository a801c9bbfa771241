#!/bin/bash
# The terminal going away ends the guide at once, even when SIGHUP is
# ignored (nohup) or never sent (no controlling terminal: setsid).
. "$(dirname "$0")/lib.sh"

# gone_within PID MS WHAT: until PID has ended (gone, or a zombie waiting
# for its new parent to reap it).
gone_within() {
    local pid=$1 ms=$2 what=$3 waited=0 state
    while [ $waited -lt "$ms" ]; do
        state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 0
        [ -z "$state" ] || [ "$state" = Z ] && return 0
        sleep 0.05
        waited=$((waited + 50))
    done
    fail "$what: still running ${ms} ms after the terminal closed (state $state)"
}

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
    gone_within "$pid" 2000 "[$wrap]"
done
