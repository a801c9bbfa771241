#!/bin/bash
# The compare set survives a restart: c on two roles, q; the session file
# names both in the order added, and the next start offers "C Compare 2"
# and opens their comparison, with the first role in column A.
. "$(dirname "$0")/lib.sh"

export E2E_STATE="$E2E_DIR/shared"
SESSION="$E2E_STATE/state/borderless/session"

e2e_start 100 30
e2e_wait "Role 1/" "a fresh start is not at role 1"
e2e_keys c
e2e_wait "(marked A in the menu)" "c did not add the first role"
first=$(e2e_screen | sed -n 's/.*Compare (1 of 3): A \(.*\) (marked A in the menu).*/\1/p')
[ -n "$first" ] || fail "the status line does not name the role"
e2e_keys j
e2e_wait "Role 2/" "j did not select role 2"
e2e_keys c
e2e_wait "C compares (2 of 3): A $first, B " "c did not add the second role"
e2e_keys q
e2e_wait_exit 0
grep -qE "^compare"$'\t'"[a-z0-9-]+ [a-z0-9-]+\$" "$SESSION" ||
    fail "the session has no compare set: $(cat "$SESSION")"

e2e_start 100 30
e2e_wait "C Compare 2" "the next start did not restore the compare set"
e2e_keys C
e2e_wait "Comparison" "C did not open the comparison"
e2e_wait "A ${first:0:20}" "column A is not the first role added"
e2e_keys Escape
e2e_wait "C Compare 2"
e2e_keys q
e2e_wait_exit 0
echo "ok"
