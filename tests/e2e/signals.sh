#!/bin/bash
# Every signal whose default action ends the process gives the terminal back
# (modes, alternate screen, mouse, keypad, bracketed paste) and ends the
# process by that same signal.
. "$(dirname "$0")/lib.sh"

ulimit -c 0 # no core files from QUIT, ABRT, SEGV ...
# After the guide: what a paste looks like to the shell (bracketed paste must
# be off again).
E2E_AFTER='cat -v > "$2.after"'

# paste_is_off WHAT: a paste now arrives as plain text.
paste_is_off() {
    e2e_paste "after-paste"
    e2e_keys Enter
    local deadline=$((SECONDS + E2E_TIMEOUT))
    until grep -q "after-paste" "$EXIT_FILE.after" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || fail "$1: the paste never reached the shell"
        sleep 0.1
    done
    grep -q '200~' "$EXIT_FILE.after" && fail "$1: bracketed paste still on: $(cat "$EXIT_FILE.after")"
    return 0
}

# Delivered asynchronously: the guide ends its loop, restores, re-raises.
async="HUP TERM QUIT PIPE ALRM USR1 USR2 VTALRM PROF XCPU XFSZ IO PWR SYS RTMIN RTMIN+3 RTMAX"
# Faults, sent from outside: restored from the handler.  A sanitizer build
# reports some of them itself (exit 1, or abort: 134).
faults="SEGV BUS FPE ILL ABRT TRAP"

for sig in $async $faults; do
    num=$(kill -l "$sig") || fail "no signal $sig"
    e2e_start 100 30
    e2e_wait "$E2E_MENU" "$sig: no menu"
    pid=$(e2e_pid) && [ -n "$pid" ] || fail "$sig: no process"
    kill -s "$sig" "$pid" || fail "cannot send $sig"
    status=$(e2e_wait_exit_any)
    case " $faults " in
    *" $sig "*)
        case "$status" in
        $((128 + num)) | 134 | 1) ;;
        *) fail "$sig: exit status $status" ;;
        esac
        ;;
    *) [ "$status" = $((128 + num)) ] || fail "$sig: exit status $status, expected $((128 + num))" ;;
    esac
    e2e_term_restored "$sig"
    e2e_wait_gone "$E2E_MENU" "$sig: the guide is still on the screen"
    paste_is_off "$sig"
done

# The handler's own restore on terminals without an alternate screen, or
# with padding in their capabilities.
for term in vt100 linux; do
    e2e_start 100 30 "$term"
    e2e_wait "$E2E_MENU" "$term: no menu"
    pid=$(e2e_pid) && [ -n "$pid" ] || fail "$term: no process"
    kill -ABRT "$pid"
    status=$(e2e_wait_exit_any)
    [ "$status" = 134 ] || fail "$term: ABRT: exit status $status"
    e2e_term_restored "$term ABRT"
    e2e_screen | grep -qF '$<' && fail "$term: padding written raw"
done

# Two signals before the loop takes the first: the handler restores at once.
e2e_start 100 30
e2e_wait "$E2E_MENU"
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -STOP "$pid"
kill -USR1 "$pid"
kill -USR2 "$pid"
kill -CONT "$pid"
status=$(e2e_wait_exit_any)
case "$status" in 138 | 140) ;; *) fail "two signals: exit status $status" ;; esac
e2e_term_restored "two signals"

# A signal ignored when the guide starts (nohup) stays ignored.
E2E_WRAP="env --ignore-signal=USR1 "
e2e_start 100 30
e2e_wait "$E2E_MENU"
pid=$(e2e_pid) && [ -n "$pid" ] || fail "no process"
kill -USR1 "$pid"
e2e_keys j
e2e_wait "Role 2/" "an ignored USR1 stopped the guide"
e2e_keys q
e2e_wait_exit 0
e2e_term_restored "q"
