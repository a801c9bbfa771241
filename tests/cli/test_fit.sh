#!/usr/bin/env bash
# test_fit.sh — the `fit` command: --questions, --answers FILE and "-",
# answer errors with positions, -f/-o and the safe writer's rules, answers
# kept in the XDG state folder (and damaged ones set aside), --clear,
# --no-state, usage errors, ASCII output, and that no output says
# "eligible", "qualified" or "you will".
#
# Run through CTest (tests/fit.cmake), which sets BORDERLESS_BIN and
# BORDERLESS_SOURCE_DIR.  Every check runs; each failure is reported and the
# script exits non-zero if any failed.
set -u

: "${BORDERLESS_BIN:?run through ctest}"
: "${BORDERLESS_SOURCE_DIR:?run through ctest}"

BIN=$BORDERLESS_BIN
SRC=$BORDERLESS_SOURCE_DIR
unset BORDERLESS_CONTENT
export LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/borderless-fit-XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export XDG_STATE_HOME="$T/state"
export HOME="$T/home"
mkdir -p "$HOME"
STATE="$XDG_STATE_HOME/borderless/answers"

failures=0
checks=0
current=""
cmd=""
rc=0

begin() { current=$1; }

fail() {
    failures=$((failures + 1))
    printf 'FAIL: %s: %s\n' "$current" "$1"
    printf '  command: %s\n  exit status: %s\n' "$cmd" "$rc"
    printf '  stdout:\n'; sed -n '1,12s/^/    | /p' "$T/out"
    printf '  stderr:\n'; sed -n '1,12s/^/    | /p' "$T/err"
}

# run ARGS... — stdin from /dev/null; run_in FILE ARGS... — stdin from FILE.
run() { run_in /dev/null "$@"; }
run_in() {
    local in=$1
    shift
    cmd="borderless $*"
    "$BIN" -C "$SRC/content" "$@" <"$in" >"$T/out" 2>"$T/err"
    rc=$?
}

expect_rc() {
    checks=$((checks + 1))
    [ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1"
}
expect_err() {
    checks=$((checks + 1))
    printf '%s\n' "$1" >"$T/want"
    cmp -s "$T/want" "$T/err" || fail "stderr differs: $(diff "$T/want" "$T/err" | head -6 | tr '\n' ' ')"
}
expect_out_has() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$T/out" || fail "stdout lacks \"$1\""
}
expect_err_has() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$T/err" || fail "stderr lacks \"$1\""
}
expect_out_empty() {
    checks=$((checks + 1))
    [ ! -s "$T/out" ] || fail "stdout should be empty"
}
expect_err_empty() {
    checks=$((checks + 1))
    [ ! -s "$T/err" ] || fail "stderr should be empty"
}
expect_file_same() { # FILE1 FILE2
    checks=$((checks + 1))
    cmp -s "$1" "$2" || fail "$1 and $2 differ: $(diff "$1" "$2" | head -4 | tr '\n' ' ')"
}
expect_no_verdict() { # FILE
    checks=$((checks + 1))
    if grep -qiE 'eligible|qualified|you will' "$1"; then
        fail "$1 says: $(grep -inE 'eligible|qualified|you will' "$1" | head -3)"
    fi
}
expect_usage_error() {
    expect_rc 2
    expect_out_empty
    expect_err_has "$1"
    expect_err_has "Try 'borderless"
}

# ---- --questions -----------------------------------------------------------

begin "--questions: one question a line, key TAB question TAB answers"
run fit --questions
expect_rc 0
expect_err_empty
checks=$((checks + 1))
n=$(wc -l <"$T/out")
[ "$n" -eq 13 ] || fail "$n questions, expected 13"
checks=$((checks + 1))
awk -F'\t' 'NF != 3 { bad = 1 } END { exit bad }' "$T/out" || fail "a line without exactly three fields"
checks=$((checks + 1))
grep -q "^shifts	How do you feel about nights, weekends and being on call?	Office hours only|Now and then|Sometimes is fine|Often is fine|Shifts and nights are fine\$" "$T/out" ||
    fail "the shifts question is not as the content says"
checks=$((checks + 1))
grep -q '^crime_areas	[^	]*	terrorism|cybercrime|' "$T/out" || fail "crime areas are not ids"
checks=$((checks + 1))
for key in desk_field travel relocation shifts public_contact physical vetting analysis_people languages education crime_areas situation citizenship; do
    grep -q "^$key	" "$T/out" || fail "no question $key"
done
cp "$T/out" "$T/questions"

# ---- --answers --------------------------------------------------------------

cat >"$T/answers" <<'EOF'
# what suits me
desk_field=Mostly out and about
shifts=4!
public_contact != 3
crime_areas=drugs, customs-smuggling
travel=none
situation=graduate
citizenship=uk
EOF

begin "--answers FILE: the ranked report"
run fit --answers "$T/answers"
expect_rc 0
expect_err_empty
expect_out_has "Guidance, not a verdict."
expect_out_has "Ranking"
expect_out_has "fits"
expect_out_has "What would change"
expect_out_has "Matched because:"
expect_out_has "Held back by:"
expect_out_has "- Irregular hours: Shifts and nights are fine (important)"
expect_out_has "- Contact with the public: A lot (important)"
expect_out_has "- Customs and border protection officer ranks first. The answer that"
checks=$((checks + 1))
# The customs officer works shifts, out and about, with the public: first.
sed -n '/^Ranking/,/^What would change/p' "$T/out" | grep -m1 '%' | grep -qE "^ +1  .*Customs and border protection officer" ||
    fail "the customs officer does not rank first alone"
expect_out_has "Not yet: "
expect_out_has "Check: "
expect_out_has "Open to you: "
expect_no_verdict "$T/out"
cp "$T/out" "$T/report.txt"

begin "--answers FILE keeps the answers, with a versioned header"
checks=$((checks + 1))
[ -f "$STATE" ] || fail "no state file at $STATE"
checks=$((checks + 1))
[ "$(head -n1 "$STATE")" = "# borderless fit answers, version 1" ] || fail "state header: $(head -n1 "$STATE")"
checks=$((checks + 1))
grep -qx 'shifts=4!' "$STATE" || fail "the state lacks shifts=4!"
checks=$((checks + 1))
[ "$(stat -c %a "$XDG_STATE_HOME/borderless")" = 700 ] || fail "the state folder is not 0700"

begin "fit without --answers: the kept answers give the same report"
run fit
expect_rc 0
expect_err_empty
expect_file_same "$T/report.txt" "$T/out"

begin "--answers -: standard input"
run_in "$T/answers" fit --answers - --no-state
expect_rc 0
expect_file_same "$T/report.txt" "$T/out"

begin "the report is the same on every run"
run fit --answers "$T/answers"
expect_file_same "$T/report.txt" "$T/out"

begin "-f markdown"
run fit -f markdown
expect_rc 0
expect_out_has "# Borderless fit finder: the roles and your answers"
expect_out_has "## What would change"
expect_out_has '```'
expect_no_verdict "$T/out"

begin "ASCII in a locale that is not UTF-8"
LC_ALL=C "$BIN" -C "$SRC/content" fit >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
checks=$((checks + 1))
! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/out" || fail "non-ASCII bytes in LC_ALL=C"
expect_out_has "##"
LC_ALL=C "$BIN" -C "$SRC/content" fit --questions >"$T/out" 2>"$T/err"
checks=$((checks + 1))
! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/out" || fail "non-ASCII bytes in --questions"

begin "every single answer: no output says eligible, qualified or you will"
for key in desk_field travel relocation shifts public_contact physical vetting analysis_people languages education; do
    for v in 0 2 4; do
        printf '%s=%s!\nsituation=%s\ncitizenship=%s\n' "$key" "$v" \
            "$([ "$v" = 4 ] && echo serving-officer || echo student)" \
            "$([ "$v" = 2 ] && echo eu || echo other)" >"$T/one"
        for f in text markdown; do
            "$BIN" -C "$SRC/content" fit --no-state --answers "$T/one" -f "$f" >"$T/out" 2>"$T/err"
            rc=$?
            expect_rc 0
            expect_no_verdict "$T/out"
        done
    done
done
printf 'travel=none\n' >"$T/none"
run fit --no-state --answers "$T/none"
expect_rc 0
expect_out_has "You gave no preference on any question, so every role ties for first"
expect_no_verdict "$T/out"
run fit --no-state --answers "$T/none" -f markdown
expect_no_verdict "$T/out"
run fit --questions
expect_no_verdict "$T/out"

# ---- bad answers -------------------------------------------------------------

begin "a bad answer: FILE:line:column: message, exit 1, nothing kept"
cp "$STATE" "$T/state-before"
printf 'desk_field=2\nshifts=7\ncrime_areas=drugs,piracy\n' >"$T/bad"
run fit --answers "$T/bad"
expect_rc 1
expect_out_empty
expect_err "$T/bad:2:8: \"7\" is not an answer to \"shifts\": give one of 0 (Office hours only), 1 (Now and then), 2 (Sometimes is fine), 3 (Often is fine), 4 (Shifts and nights are fine), or none
$T/bad:3:19: \"piracy\" is not a crime area (see 'borderless fit --questions')"
expect_file_same "$T/state-before" "$STATE"

begin "bad answers on standard input"
printf 'nonsense\n' >"$T/bad2"
run_in "$T/bad2" fit --answers -
expect_rc 1
expect_err "(standard input):1:1: expected KEY=VALUE (see 'borderless fit --questions' for the keys)"

begin "a control character in an answer is not echoed"
printf 'shifts=\033]0;owned\007\n' >"$T/bad3"
run fit --answers "$T/bad3"
expect_rc 1
checks=$((checks + 1))
! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T/err" || fail "a raw control character on stderr"

begin "an answers file that cannot be read"
run fit --answers "$T/nowhere"
expect_rc 1
expect_err_has "cannot read"

# ---- -o and the safe writer ------------------------------------------------

begin "-o FILE writes the report; an existing FILE needs --force"
run fit -o "$T/r.md"
expect_rc 0
expect_err_empty
checks=$((checks + 1))
head -n1 "$T/r.md" | grep -q '^# ' || fail "-o r.md is not Markdown by its extension"
echo precious >"$T/keep.txt"
run fit -o "$T/keep.txt"
expect_rc 1
expect_err_has "use --force to replace it"
checks=$((checks + 1))
[ "$(cat "$T/keep.txt")" = precious ] || fail "the existing file was changed"
run fit -o "$T/keep.txt" --force
expect_rc 0
expect_file_same "$T/report.txt" "$T/keep.txt"

# ---- the state file -------------------------------------------------------

begin "a damaged state file is set aside with a notice"
printf 'not an answers file\n' >"$STATE"
run fit
expect_rc 1
expect_err_has "could not be read; they are kept in $STATE.damaged-"
expect_err_has "no answers yet"
checks=$((checks + 1))
kept=$(ls "$STATE".damaged-* 2>/dev/null | head -n1)
[ -n "$kept" ] && [ ! -e "$STATE" ] || fail "the damaged file was not set aside"
checks=$((checks + 1))
[ -n "$kept" ] && [ "$(cat "$kept")" = "not an answers file" ] || fail "the kept file lost its bytes"

begin "--clear forgets the kept answers"
run fit --answers "$T/answers"
run fit --clear
expect_rc 0
expect_out_has "Forgot the answers kept in $STATE"
checks=$((checks + 1))
[ ! -e "$STATE" ] || fail "the state file is still there"
run fit --clear
expect_rc 0
expect_out_has "No answers were kept"
run fit
expect_rc 1
expect_err_has "no answers yet"

begin "--no-state (and BORDERLESS_NO_STATE) keep nothing"
run fit --no-state --answers "$T/answers"
expect_rc 0
checks=$((checks + 1))
[ ! -e "$STATE" ] || fail "--no-state wrote the state file"
BORDERLESS_NO_STATE=1 run fit --answers "$T/answers"
expect_rc 0
checks=$((checks + 1))
[ ! -e "$STATE" ] || fail "BORDERLESS_NO_STATE=1 wrote the state file"

begin "HOME's default when XDG_STATE_HOME is not absolute"
XDG_STATE_HOME=relative "$BIN" -C "$SRC/content" fit --answers "$T/answers" >/dev/null 2>"$T/err"
checks=$((checks + 1))
[ -f "$HOME/.local/state/borderless/answers" ] || fail "no answers in ~/.local/state"

# ---- usage errors -------------------------------------------------------------

begin "usage errors"
run fit --questions --clear
expect_usage_error "give one of --questions, --answers and --clear"
run fit --questions -o x
expect_usage_error "-o, -f and --force go with the report"
run fit --answers
expect_usage_error "option --answers needs a file name"
run list --questions
expect_usage_error "option --questions is only for fit"
run fit extra
expect_usage_error "unexpected argument 'extra'"
run fit -f pdf
expect_usage_error "unknown format"

begin "fit --help and help fit"
run fit --help
expect_rc 0
expect_out_has "Usage: borderless fit"
expect_out_has "--questions"
cp "$T/out" "$T/help1"
run help fit
expect_file_same "$T/help1" "$T/out"

printf '%d checks, %d failure(s)\n' "$checks" "$failures"
[ "$failures" -eq 0 ]
