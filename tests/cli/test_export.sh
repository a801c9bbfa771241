#!/usr/bin/env bash
# test_export.sh — the `export` command: every scope to standard output and
# to files, formats by option and by extension, the safe writer's rules
# (refusal, --force), --no-state, and every exit status: 0 written; 1 an
# empty shortlist, no answers, a bad answers file, an unknown id, a section,
# an existing file, an unwritable place; 2 usage errors.
#
# Run through CTest (tests/export.cmake), which sets BORDERLESS_BIN and
# BORDERLESS_SOURCE_DIR.  Every check runs; the script exits non-zero if any
# failed.
set -u

: "${BORDERLESS_BIN:?run through ctest}"
: "${BORDERLESS_SOURCE_DIR:?run through ctest}"

BIN=$BORDERLESS_BIN
SRC=$BORDERLESS_SOURCE_DIR
unset BORDERLESS_CONTENT BORDERLESS_NO_STATE
export LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/borderless-export-XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export XDG_STATE_HOME="$T/state" XDG_DATA_HOME="$T/data" HOME="$T/home"
mkdir -p "$HOME"
cd "$T" || exit 1

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
    printf '  stdout:\n'; sed -n '1,8s/^/    | /p' "$T/out"
    printf '  stderr:\n'; sed -n '1,8s/^/    | /p' "$T/err"
}
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
expect_out_has() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$T/out" || fail "stdout lacks \"$1\""
}
expect_err_has() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$T/err" || fail "stderr lacks \"$1\""
}
expect_err_empty() {
    checks=$((checks + 1))
    [ ! -s "$T/err" ] || fail "stderr is not empty"
}
expect_usage() {
    expect_rc 2
    expect_err_has "$1"
    expect_err_has "Try 'borderless"
}
check() { # check DESCRIPTION COMMAND...
    checks=$((checks + 1))
    shift
    "$@" || fail "$current: check failed: $*"
}

version=$("$BIN" --version | sed -n 's/^borderless //p')
date=$("$BIN" -C "$SRC/content" --version | sed -n 's/^content reviewed //p')

begin "all roles to standard output: text, with the version and the date"
run export
expect_rc 0
expect_err_empty
expect_out_has ": All roles"
expect_out_has "borderless $version. Content reviewed $date."
expect_out_has "Contents"
expect_out_has "Interpol officer"
expect_out_has "Glossary"
grep -q '<html' "$T/out" && fail "HTML on stdout by default"

begin "formats: -f, and from the extension"
run export -f markdown
expect_rc 0
expect_out_has "# Borderless: All roles"
run export -f html
expect_rc 0
expect_out_has '<html lang="en">'
run export -o all.md
expect_rc 0
check "all.md is Markdown" grep -q '^# Borderless: All roles' all.md
run export -o all.html
expect_rc 0
check "all.html is HTML" grep -q '^<!DOCTYPE html>' all.html
run export -o all.txt
expect_rc 0
check "all.txt is text" grep -q '^=====' all.txt
run export -o all.htm -f text
expect_rc 0
grep -q '<html' all.htm && fail "-f did not win over the extension"

begin "the safe writer: no replacing without --force"
echo "mine" >keep.html
run export -o keep.html
expect_rc 1
expect_err_has "already exists; use --force"
check "keep.html unchanged" grep -qx mine keep.html
run export -o keep.html --force
expect_rc 0
check "keep.html replaced" grep -q '<!DOCTYPE html>' keep.html
run export -o "$T/no/such/folder/x.html"
expect_rc 1
expect_err_has "cannot save the booklet"

begin "shortlist: empty, then with notes"
run export --scope shortlist
expect_rc 1
expect_err_has "your shortlist is empty"
run shortlist add europol-analyst "ask about the <reserve> list"
expect_rc 0
run shortlist add interpol-agent
expect_rc 0
run export --scope shortlist
expect_rc 0
expect_out_has "Your shortlist"
expect_out_has "Your note: ask about the <reserve> list"
check "in the shortlist's order" \
    awk '/^Europol analyst or specialist$/ { e = NR } /^Interpol officer$/ { i = NR } END { exit !(e && i && e < i) }' "$T/out"
run --no-state export --scope shortlist
expect_rc 1
expect_err_has "no shortlist in a private session"

begin "compare: two or three ids"
run export --scope compare interpol-agent europol-analyst
expect_rc 0
expect_out_has "Comparison"
expect_out_has "A Interpol officer"
run export --scope compare interpol-agent europol-analyst customs-border-officer -f markdown
expect_rc 0
run export --scope compare interpol-agent no-such-role
expect_rc 1
expect_err_has "no-such-role"
run export --scope compare interpol-agent training
expect_rc 1
expect_err_has "only roles can be compared"
run export --scope compare interpol-agent
expect_usage "needs two or three role IDs"
run export --scope compare a b c d
expect_usage "at most three role IDs"

begin "fit: answers from a file, standard input, kept; none"
run export --scope fit
expect_rc 1
expect_err_has "no answers yet"
printf 'desk_field=0\ntravel=4\n' >answers
run export --scope fit --answers answers
expect_rc 0
expect_out_has "Fit report"
run export --scope fit
expect_rc 0
expect_out_has "Fit report"
run_in answers export --scope fit --answers - -f html
expect_rc 0
expect_out_has "The roles, best fit first"
printf 'desk_field=9\n' >bad
run export --scope fit --answers bad
expect_rc 1
expect_err_has "bad:1:"
run --no-state export --scope fit
expect_rc 1
expect_err_has "no answers yet"

begin "usage errors"
run export --scope everything
expect_usage "unknown scope 'everything'"
run export --scope
expect_usage "option --scope needs"
run export extra
expect_usage "unexpected argument 'extra'"
run export --answers answers
expect_usage "--answers goes with --scope fit"
run export -f pdf
expect_usage "unknown format 'pdf'"
run show interpol-agent --scope all
expect_usage "option --scope is only for export"
run summary interpol-agent -f html
expect_usage "html is for export"
run fit -f html
expect_usage "export --scope fit"
run compare interpol-agent europol-analyst -f html
expect_usage "export --scope compare"
run export --help
expect_rc 0
expect_out_has "Usage: borderless export"
expect_out_has "--scope SCOPE"
run help export
expect_rc 0
expect_out_has "Usage: borderless export"
run --help
expect_out_has "  export "

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
