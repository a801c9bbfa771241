#!/bin/bash
# The fit finder in a real terminal, with real keys: f, every question of
# the shipped content answered (number keys, an arrow, !, Space on the crime
# areas, Backspace back a question), the ranking, p saving the report (the
# same bytes as 'borderless fit --answers' on the answers kept), Enter on a
# role and Backspace back, a role selected and opened with the mouse, Esc;
# then a new run starts on the ranking.
. "$(dirname "$0")/lib.sh"

E2E_CWD="$E2E_DIR/cwd"
E2E_STATE="$E2E_DIR/xdg"
mkdir -p "$E2E_CWD"
n=$("$BORDERLESS_BIN" -C "$CONTENT" fit --questions | wc -l)
[ "$n" -ge 10 ] || fail "only $n questions"

e2e_start 80 24
e2e_wait "$E2E_MENU"
e2e_keys f
e2e_wait "Question 1 of $n"
e2e_keys 2 Enter
e2e_wait "Question 2 of $n"
e2e_keys Up Enter                 # from "no preference" to the fifth answer
e2e_wait "Question 3 of $n"
e2e_keys BSpace                   # back: the answer given is kept
e2e_wait "Question 2 of $n"
e2e_keys Enter
e2e_wait "Question 3 of $n"
e2e_keys 4 '!'
e2e_wait "! important"
e2e_keys Enter
for ((q = 4; q <= n; q++)); do
    e2e_wait "Question $q of $n"
    if e2e_screen | grep -qF "Space picks or unpicks"; then
        e2e_keys Space Down Down Space   # the first and third crime areas
    else
        e2e_keys 1
    fi
    e2e_keys Enter
done
e2e_wait "Every role ranked by your"
e2e_wait "What would change:"

# p: the report, where the prompt says, as the command line writes it.
e2e_keys p
e2e_wait "to: ./fit-report.txt"
e2e_keys Enter
e2e_wait "Saved $E2E_CWD/fit-report.txt"
answers="$E2E_STATE/state/borderless/answers"
[ -s "$answers" ] || fail "the answers were not kept in $answers"
grep -qx 'desk_field=1' "$answers" || fail "desk_field not kept: $(cat "$answers")"
grep -q '!$' "$answers" || fail "the important mark not kept: $(cat "$answers")"
LC_ALL=C.UTF-8 "$BORDERLESS_BIN" -C "$CONTENT" fit --no-state --answers "$answers" \
    > "$E2E_DIR/expected.txt" || fail "borderless fit --answers failed"
cmp -s "$E2E_CWD/fit-report.txt" "$E2E_DIR/expected.txt" ||
    fail "the saved report differs from 'borderless fit --answers'"

# Enter opens the selected role's page; Backspace comes back to the ranking.
e2e_keys Enter
e2e_wait "Backspace returns to the ranking"
e2e_wait_gone "Every role ranked by your"
e2e_keys BSpace
e2e_wait "Every role ranked by your"

# The mouse, as xterm reports it (SGR, 1-based column;row): a click on the
# second role (line 4) selects it, a second click opens its page.
second=$(e2e_line 4 | sed -E 's/^.*[0-9]%  fits [0-9]+ of [0-9]+  //')
[ -n "$second" ] || fail "no second role on line 4"
e2e_line 4 | grep -q '^▸' && fail "the second role is selected before the click"
e2e_keys -l $'\e[<0;30;4M\e[<0;30;4m'
e2e_wait_line 4 '^▸' "a click on the second role did not select it"
e2e_keys -l $'\e[<0;30;4M\e[<0;30;4m'
e2e_wait "Backspace returns to the ranking"
e2e_wait_line 1 "${second:0:20}" "the second click did not open $second"
e2e_keys BSpace
e2e_wait "Every role ranked by your"
e2e_keys Escape
e2e_wait "Answers kept: f opens the fit finder again"
e2e_keys q
e2e_wait_exit 0

# A new run (back where the last one ended): f starts on the ranking of the
# answers kept.
e2e_start 80 24
e2e_wait "q Quit"
e2e_keys f
e2e_wait "Every role ranked by your"
e2e_keys q
e2e_wait_exit 0
