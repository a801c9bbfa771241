#!/usr/bin/env bash
# test_cli.sh — the command line: check, list, show, options, exit codes,
# where content is found, and write errors.
#
# Run through CTest (tests/core.cmake), which sets BORDERLESS_BIN,
# BORDERLESS_SOURCE_DIR and BORDERLESS_FIXTURES.  Every check runs; each
# failure is reported with what was expected and what came out, and the
# script exits non-zero if any failed.
set -u

: "${BORDERLESS_BIN:?run through ctest}"
: "${BORDERLESS_SOURCE_DIR:?run through ctest}"
: "${BORDERLESS_FIXTURES:?run through ctest}"

BIN=$BORDERLESS_BIN
SRC=$BORDERLESS_SOURCE_DIR
FIX=$BORDERLESS_FIXTURES
unset BORDERLESS_CONTENT
export LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/borderless-cli-XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

failures=0
checks=0
current=""

# Names the check that the following assertions belong to.
begin() { current=$1; }

fail() {
    failures=$((failures + 1))
    printf 'FAIL: %s: %s\n' "$current" "$1"
    printf '  command: %s\n  exit status: %s\n' "$cmd" "$rc"
    printf '  stdout:\n'; sed -n '1,15s/^/    | /p' "$T/out"
    printf '  stderr:\n'; sed -n '1,15s/^/    | /p' "$T/err"
}

# run ARGS... — runs the program with stdin from /dev/null; sets rc and
# leaves stdout and stderr in $T/out and $T/err.
run() {
    cmd="borderless $*"
    "$BIN" "$@" </dev/null >"$T/out" 2>"$T/err"
    rc=$?
}

expect_rc() {
    checks=$((checks + 1))
    [ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1"
}

expect_out() { # exact stdout
    checks=$((checks + 1))
    printf '%s\n' "$1" >"$T/want"
    cmp -s "$T/want" "$T/out" || fail "stdout differs: $(diff "$T/want" "$T/out" | head -5 | tr '\n' ' ')"
}

expect_err() { # exact stderr
    checks=$((checks + 1))
    printf '%s\n' "$1" >"$T/want"
    cmp -s "$T/want" "$T/err" || fail "stderr differs: $(diff "$T/want" "$T/err" | head -8 | tr '\n' ' ')"
}

expect_out_empty() {
    checks=$((checks + 1))
    [ ! -s "$T/out" ] || fail "stdout should be empty"
}

expect_err_empty() {
    checks=$((checks + 1))
    [ ! -s "$T/err" ] || fail "stderr should be empty"
}

expect_err_has() { # fixed string in stderr
    checks=$((checks + 1))
    grep -qF -- "$1" "$T/err" || fail "stderr lacks \"$1\""
}

expect_out_has() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$T/out" || fail "stdout lacks \"$1\""
}

expect_err_lines() { # number of lines on stderr
    checks=$((checks + 1))
    local n
    n=$(wc -l <"$T/err")
    [ "$n" -eq "$1" ] || fail "stderr has $n lines, expected $1"
}

# The usage errors: exit 2, nothing on stdout, a message and a one-line hint
# naming --help on stderr.
expect_usage_error() {
    expect_rc 2
    expect_out_empty
    expect_err_has "$1"
    expect_err_has "Try 'borderless --help'"
    expect_err_lines 2
}

# ---- check ------------------------------------------------------------------

begin "check on the shipped content"
run -C "$SRC/content" check
expect_rc 0
expect_out "5 roles, 7 sections"
expect_err_empty

begin "check finds the source tree's content by itself"
run check
expect_rc 0
expect_out "5 roles, 7 sections"

begin "check on the base fixture"
run -C "$FIX/base" check
expect_rc 0
expect_out "2 roles, 3 sections"

begin "check on a broken folder reports every problem"
run -C "$FIX/broken" check
expect_rc 1
expect_out_empty
expect_err "$FIX/broken/sections.yaml:13:9: bad id \"Outro\": use lowercase letters, digits and '-' (at most 64)
$FIX/broken/roles/alpha.yaml:15:1: unknown key \"skils\" (did you mean \"skills\"?)
$FIX/broken/roles/alpha.yaml:1:1: missing required key \"skills\"
$FIX/broken/roles/beta.yaml:23:11: \"reviewed\" must be a date written YYYY-MM-DD, not \"2023-02-30x\""
# and each line is path:line:column: message
checks=$((checks + 1))
grep -qvE '^[^:]+:[0-9]+:[0-9]+: .+' "$T/err" && fail "a stderr line is not path:line:column: message"

begin "list and show refuse broken content too"
run -C "$FIX/broken" list
expect_rc 1
expect_out_empty
expect_err_has "$FIX/broken/roles/beta.yaml:23:11: "
run -C "$FIX/broken" show alpha
expect_rc 1
expect_out_empty

begin "check caps the number of problems shown"
mkdir -p "$T/many/roles"
cp "$FIX/base/sections.yaml" "$T/many/"
cp "$FIX/base/roles/"*.yaml "$T/many/roles/"
for i in $(seq 1 60); do : >"$T/many/roles/empty-$i.yaml"; done
run -C "$T/many" check
expect_rc 1
expect_err_lines 51
checks=$((checks + 1))
[ "$(tail -n 1 "$T/err")" = "... and 10 more problems" ] || fail "last line is not '... and 10 more problems'"

# ---- list -------------------------------------------------------------------

begin "list prints roles then sections in reading order"
run -C "$SRC/content" list
expect_rc 0
expect_err_empty
checks=$((checks + 1))
cut -f1,2 "$T/out" >"$T/ids"
printf 'role\t%s\n' interpol-agent diplomatic-liaison intelligence-analyst \
    transnational-crime-investigator customs-border-officer >"$T/want"
printf 'section\t%s\n' introduction landscape challenges training benefits closing glossary >>"$T/want"
cmp -s "$T/want" "$T/ids" || fail "kinds and ids differ: $(diff "$T/want" "$T/ids" | tr '\n' ' ')"
checks=$((checks + 1))
awk -F '\t' 'NF != 3 || $3 == "" { bad = 1 } END { exit bad }' "$T/out" ||
    fail "a line is not kind<TAB>id<TAB>title"
expect_out_has "$(printf 'role\tinterpol-agent\tInterpol officer')"

begin "list on the base fixture, exactly"
run -C "$FIX/base" list
expect_rc 0
expect_out "$(printf 'role\tbeta\tBeta analyst\nrole\talpha\tAlpha officer\nsection\tintro\tIntroduction\nsection\toutro\tClosing\nsection\tglossary\tGlossary')"

# ---- show -------------------------------------------------------------------

# Asserts that no line of stdout is wider than $1 display columns, and that
# some line is wider than $2 (the text really is wrapped near the width).
expect_width() {
    checks=$((checks + 1))
    local w
    w=$(wc -L <"$T/out")
    [ "$w" -le "$1" ] || fail "a line is $w columns wide, more than $1"
    checks=$((checks + 1))
    [ "$w" -gt "$2" ] || fail "the widest line is $w columns: not wrapped near $1"
    # the same with awk, on the lines where bytes are columns (pure ASCII;
    # mawk's length() counts bytes)
    checks=$((checks + 1))
    LC_ALL=C awk -v max="$1" '!/[^ -~]/ { if (length($0) > max) bad = 1 } END { exit bad }' \
        "$T/out" || fail "awk finds an ASCII line longer than $1"
}

for id in interpol-agent diplomatic-liaison intelligence-analyst \
    transnational-crime-investigator customs-border-officer; do
    begin "show $id wraps at 80 columns when stdout is not a terminal"
    run -C "$SRC/content" show "$id"
    expect_rc 0
    expect_err_empty
    expect_width 80 70
    expect_out_has "Summary"
    expect_out_has "Sources"
    expect_out_has "https://"
done

begin "show prints the title first"
run -C "$SRC/content" show interpol-agent
checks=$((checks + 1))
[ "$(head -n 1 "$T/out")" = "Interpol officer" ] || fail "first line is not the title"
expect_out_has "INTERPOL"

begin "show a section"
run -C "$SRC/content" show landscape
expect_rc 0
checks=$((checks + 1))
[ "$(head -n 1 "$T/out")" = "The landscape of international law enforcement" ] ||
    fail "first line is not the section's title"
expect_width 80 60

begin "show ignores COLUMNS when stdout is not a terminal"
cmd="COLUMNS=40 borderless show interpol-agent"
COLUMNS=40 "$BIN" -C "$SRC/content" show interpol-agent </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_width 80 70

begin "show an unknown id"
run -C "$SRC/content" show no-such-role
expect_rc 1
expect_out_empty
expect_err_has "no-such-role"
expect_err_lines 1

begin "show an id that differs only in case"
run -C "$SRC/content" show Interpol-Agent
expect_rc 1
expect_out_empty

# ---- usage errors -----------------------------------------------------------

begin "show with no id"
run -C "$SRC/content" show
expect_usage_error "show needs an ID"

begin "show with two ids"
run -C "$SRC/content" show interpol-agent closing
expect_usage_error "show takes one ID"

begin "unknown command"
run -C "$SRC/content" frobnicate
expect_usage_error "unknown command 'frobnicate'"

begin "unknown option"
run --frobnicate check
expect_usage_error "unknown option '--frobnicate'"

begin "unknown short option"
run -x check
expect_usage_error "unknown option '-x'"

begin "-C without a folder"
run -C
expect_usage_error "-C"

begin "check with an argument"
run -C "$SRC/content" check extra
expect_usage_error "'extra'"

begin "list with an argument"
run -C "$SRC/content" list extra
expect_usage_error "'extra'"

begin "usage errors need no content"
run -C "$T/nowhere" frobnicate
expect_rc 2

# ---- --help and --version ---------------------------------------------------

begin "--help"
run --help
expect_rc 0
expect_err_empty
expect_out_has "Usage: borderless"
expect_out_has "check"
expect_out_has "list"
expect_out_has "show ID"
expect_out_has "-C DIR"
expect_out_has "--version"

begin "-h"
run -h
expect_rc 0
expect_out_has "Usage: borderless"

begin "--help wins over a command and needs no content"
run -C "$T/nowhere" --help
expect_rc 0
expect_out_has "Usage: borderless"

begin "--version matches project(VERSION) in CMakeLists.txt"
version=$(sed -n 's/^project(borderless[^)]*VERSION \([0-9][0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt" | head -n 1)
checks=$((checks + 1))
[ -n "$version" ] || fail "no project(... VERSION x.y.z) in $SRC/CMakeLists.txt"
run --version
expect_rc 0
expect_err_empty
expect_out "borderless $version"

# ---- where content is found ---------------------------------------------------

begin "\$BORDERLESS_CONTENT is used without -C"
cmd="BORDERLESS_CONTENT=base borderless check"
BORDERLESS_CONTENT="$FIX/base" "$BIN" check </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_out "2 roles, 3 sections"

begin "\$BORDERLESS_CONTENT pointing at broken content fails"
cmd="BORDERLESS_CONTENT=broken borderless check"
BORDERLESS_CONTENT="$FIX/broken" "$BIN" check </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1
expect_err_has "$FIX/broken/roles/beta.yaml:23:11: "

begin "-C wins over \$BORDERLESS_CONTENT"
cmd="BORDERLESS_CONTENT=broken borderless -C base check"
BORDERLESS_CONTENT="$FIX/broken" "$BIN" -C "$FIX/base" check </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_out "2 roles, 3 sections"
expect_err_empty

begin "-CDIR (attached) works too"
run "-C$FIX/base" list
expect_rc 0
expect_out_has "$(printf 'role\tbeta\tBeta analyst')"

begin "-C a folder with no content"
mkdir -p "$T/empty"
run -C "$T/empty" check
expect_rc 1
expect_out_empty
expect_err_has "$T/empty"
expect_err_has "sections.yaml"

begin "-C a folder that does not exist"
run -C "$T/does-not-exist" list
expect_rc 1
expect_out_empty
expect_err_has "$T/does-not-exist"

# ---- write errors and the full-screen guide -------------------------------------

if [ -w /dev/full ]; then
    for c in "list" "check" "show interpol-agent"; do
        begin "$c > /dev/full"
        cmd="borderless $c > /dev/full"
        # shellcheck disable=SC2086
        "$BIN" -C "$SRC/content" $c </dev/null >/dev/full 2>"$T/err"
        rc=$?
        : >"$T/out"
        expect_rc 1
        expect_err_has "cannot write"
    done
else
    begin "/dev/full"
    checks=$((checks + 1))
    fail "/dev/full is missing or not writable: cannot test write errors"
fi

begin "no command with stdout not a terminal"
run -C "$SRC/content"
expect_rc 2
expect_out_empty
expect_err_has "borderless list"
expect_err_has "borderless show ID"

begin "no command, no -C, stdout a file"
run
expect_rc 2
expect_out_empty
expect_err_has "borderless list"

# ---- summary ------------------------------------------------------------------

if [ "$failures" -ne 0 ]; then
    printf '%d of %d checks failed\n' "$failures" "$checks"
    exit 1
fi
printf 'all %d checks passed\n' "$checks"
exit 0
