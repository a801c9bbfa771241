#!/usr/bin/env bash
# test_cli.sh — the command line: check, list, show, options in any
# position, per-command help, exit codes, where content is found, write
# errors, "did you mean", widths, URLs, ASCII output, search for people and
# for programs, and escaped echoes (issues 10 and 12).
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
    checks=$((checks + 1))
    grep -qE "^Try 'borderless ([a-z]+ )?--help' for more information\.\$" "$T/err" ||
        fail "no hint naming --help"
    expect_err_lines 2
}

# No raw control character (C0, DEL, or a C1 control as UTF-8 or a byte)
# in the file; tabs and newlines allowed.
expect_no_controls() {
    checks=$((checks + 1))
    if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" ||
        LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"; then
        fail "$1 holds a raw control character: $(od -c "$1" | head -5 | tr '\n' ' ')"
    fi
}

# Only ASCII bytes in the file.
expect_ascii() {
    checks=$((checks + 1))
    ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$1" ||
        fail "$1 holds non-ASCII bytes: $(LC_ALL=C grep -n "$(printf '[\200-\377]')" "$1" | head -3)"
}

# ---- check ------------------------------------------------------------------

begin "check on the shipped content"
run -C "$SRC/content" check
expect_rc 0
expect_out "15 roles, 7 sections"
expect_err_empty

begin "check finds the source tree's content by itself"
run check
expect_rc 0
expect_out "15 roles, 7 sections"

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
# The reading order is sections.yaml's role_order (every shipped role is in it).
awk '/^role_order:/ { on = 1; next } on && /^  - / { print "role\t" $2; next } on { exit }' \
    "$SRC/content/sections.yaml" >"$T/want"
checks=$((checks + 1))
[ "$(wc -l <"$T/want")" -eq "$(ls "$SRC"/content/roles/*.yaml | wc -l)" ] ||
    fail "role_order does not list every role"
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
    # A URL alone on its line (or after its label) may be wider: it is never broken.
    grep -vE '^ *(• |- |Source: )?[a-z]+://[^ ]+$' "$T/out" >"$T/out-text"
    w=$(wc -L <"$T/out-text")
    [ "$w" -le "$1" ] || fail "a line is $w columns wide, more than $1"
    checks=$((checks + 1))
    [ "$w" -gt "$2" ] || fail "the widest line is $w columns: not wrapped near $1"
    # the same with awk, on the lines where bytes are columns (pure ASCII;
    # mawk's length() counts bytes)
    checks=$((checks + 1))
    LC_ALL=C awk -v max="$1" '!/[^ -~]/ { if (length($0) > max) bad = 1 } END { exit bad }' \
        "$T/out-text" || fail "awk finds an ASCII line longer than $1"
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

begin "show a role prints its quick facts and the glossary terms it uses"
run -C "$SRC/content" show interpol-agent
expect_rc 0
expect_out_has "Quick facts"
expect_out_has "Employer: "
expect_out_has "Terms used"
expect_out_has "→ NCB (National Central Bureau)"
checks=$((checks + 1))
# Terms used comes after the links to roles and sections, before the sources.
awk '/^Terms used$/ {t=NR} /^Sources$/ {s=NR} /^Related roles$/ {r=NR}
     END {exit !(t && s && r && r < t && t < s)}' "$T/out" ||
    fail "Terms used is not between Related roles and Sources"

begin "show a role lists only the glossary terms its text uses"
run -C "$SRC/tests/screen_groups/content" show alpha
expect_rc 0
checks=$((checks + 1))
[ "$(sed -n '/^Terms used$/,/^$/p' "$T/out")" = "$(printf 'Terms used\n→ ABC (Alpha Beta Committee)\n')" ] ||
    fail "Terms used is not exactly ABC"
run -C "$FIX/base" show alpha
expect_rc 0
checks=$((checks + 1))
! grep -q "^Terms used" "$T/out" || fail "a role that uses no term has a Terms used block"

begin "show glossary lists the terms with their expansions"
run -C "$SRC/content" show glossary
expect_rc 0
checks=$((checks + 1))
[ "$(head -n 1 "$T/out")" = "Glossary" ] || fail "first line is not Glossary"
for t in "NCB (National Central Bureau)" "OSINT (" "EPPO (" "UNODC ("; do
    expect_out_has "• $t"
done

begin "show a section"
run -C "$SRC/content" show landscape
expect_rc 0
checks=$((checks + 1))
[ "$(head -n 1 "$T/out")" = "The landscape of international law enforcement" ] ||
    fail "first line is not the section's title"
expect_width 80 60

begin "show wraps at \$COLUMNS when stdout is not a terminal"
cmd="COLUMNS=40 borderless show interpol-agent"
COLUMNS=40 "$BIN" -C "$SRC/content" show interpol-agent </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_width 40 30

begin "a wide \$COLUMNS is capped at the readable measure (80)"
cmd="COLUMNS=200 borderless show interpol-agent"
COLUMNS=200 "$BIN" -C "$SRC/content" show interpol-agent </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_width 80 70

begin "an invalid \$COLUMNS is ignored"
for bad in abc 0 -5 99999999999 ''; do
    cmd="COLUMNS='$bad' borderless show interpol-agent"
    COLUMNS=$bad "$BIN" -C "$SRC/content" show interpol-agent </dev/null >"$T/out" 2>"$T/err"
    rc=$?
    expect_rc 0
    expect_width 80 70
done

begin "--width N overrides the terminal, \$COLUMNS and the measure"
cmd="COLUMNS=40 borderless --width 120 show interpol-agent"
COLUMNS=40 "$BIN" -C "$SRC/content" --width 120 show interpol-agent </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_width 120 100
run -C "$SRC/content" show interpol-agent --width=50
expect_rc 0
expect_width 50 40

begin "show an unknown id"
run -C "$SRC/content" show no-such-role
expect_rc 1
expect_out_empty
expect_err "borderless: no role or section has the id 'no-such-role' (see 'borderless list')"

begin "show an id that differs only in case opens the entry"
run -C "$SRC/content" show interpol-agent
cp "$T/out" "$T/lower"
run -C "$SRC/content" show Interpol-AGENT
expect_rc 0
expect_err_empty
checks=$((checks + 1))
cmp -s "$T/lower" "$T/out" || fail "not the same output as 'show interpol-agent'"

begin "did you mean: a prefix of an id"
run -C "$SRC/content" show interpol
expect_rc 1
expect_out_empty
expect_err "borderless: no role or section has the id 'interpol'
Did you mean: interpol-agent?"

begin "did you mean: a typo"
run -C "$SRC/content" show interpol-agnet
expect_rc 1
expect_err "borderless: no role or section has the id 'interpol-agnet'
Did you mean: interpol-agent?"
run -C "$SRC/content" show lanscape
expect_rc 1
expect_err_has "Did you mean: landscape?"
run -C "$SRC/content" show intro
expect_rc 1
expect_err_has "Did you mean: introduction?"

begin "did you mean in summary names roles only"
run -C "$SRC/content" summary interpol-agnet
expect_rc 1
expect_err "borderless: no role has the id 'interpol-agnet'
Did you mean: interpol-agent?"
run -C "$SRC/content" summary landscap
expect_rc 1
expect_err "borderless: no role has the id 'landscap' (see 'borderless list')"
run -C "$SRC/content" summary CUSTOMS-border-officer
expect_rc 0
expect_out_has "Customs and border protection officer"

# ---- usage errors -----------------------------------------------------------

begin "show with no id"
run -C "$SRC/content" show
expect_usage_error "show needs an ID"
expect_err_has "Try 'borderless show --help'"

begin "show with two ids"
run -C "$SRC/content" show interpol-agent closing
expect_usage_error "unexpected argument 'closing'"

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

begin "--version matches project(VERSION) and names the content's newest review"
version=$(sed -n 's/^project(borderless[^)]*VERSION \([0-9][0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt" | head -n 1)
checks=$((checks + 1))
[ -n "$version" ] || fail "no project(... VERSION x.y.z) in $SRC/CMakeLists.txt"
newest=$(sed -n 's/^reviewed: "\(.*\)"$/\1/p' "$SRC/content/roles/"*.yaml | sort | tail -n 1)
checks=$((checks + 1))
[ -n "$newest" ] || fail "no reviewed: dates in the content"
run --version
expect_rc 0
expect_err_empty
expect_out "borderless $version
content reviewed $newest"

begin "--version with another review date in the content"
mkdir -p "$T/dated/roles"
cp "$FIX/base/sections.yaml" "$T/dated/"
cp "$FIX/base/roles/"*.yaml "$T/dated/roles/"
sed -i 's/^reviewed: .*/reviewed: "2031-12-02"/' "$T/dated/roles/beta.yaml"
run -C "$T/dated" --version
expect_rc 0
expect_out "borderless $version
content reviewed 2031-12-02"

begin "--version without content, or with broken content, still exits 0"
run -C "$T/nowhere" --version
expect_rc 0
expect_out "borderless $version"
expect_err_empty
run --version -C "$FIX/broken"
expect_rc 0
expect_out "borderless $version"
expect_err_empty

begin "--version takes no arguments"
run --version extra
expect_usage_error "--version takes no arguments (got 'extra')"
run check --version
expect_usage_error "--version takes no arguments (got 'check')"

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
    for c in "list" "check" "show interpol-agent" "search border" "--help" "--version"; do
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

# ---- options in any position, and -- ------------------------------------------

begin "options after the command and its arguments"
run check -C "$FIX/base"
expect_rc 0
expect_out "2 roles, 3 sections"
run list -C "$FIX/base"
expect_rc 0
expect_out_has "$(printf 'role\tbeta\tBeta analyst')"
run show alpha -C "$FIX/base"
expect_rc 0
expect_out_has "Alpha officer"
run summary interpol-agent -C "$SRC/content"
expect_rc 0
cmp -s "$T/out" "$SRC/tests/golden/interpol-agent.txt" || { checks=$((checks + 1)); fail "not the golden summary"; }
run search -C "$SRC/content" trafficking --tsv
expect_rc 0
expect_out_has "$(printf 'role\ttransnational-crime-investigator\t')"

begin "options after the command even with POSIXLY_CORRECT set"
cmd="POSIXLY_CORRECT=1 borderless check -C base"
POSIXLY_CORRECT=1 "$BIN" check -C "$FIX/base" </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_out "2 roles, 3 sections"

begin "-- ends the options"
run -C "$SRC/content" show -- interpol-agent
expect_rc 0
expect_out_has "Interpol officer"
run -C "$SRC/content" -- show interpol-agent
expect_rc 0
expect_out_has "Interpol officer"
run -C "$SRC/content" show -- --help
expect_rc 1
expect_err_has "no role or section has the id '--help'"
run -C "$SRC/content" search -- -zzqqx
expect_rc 1
expect_err_has "no matches for '-zzqqx'"

begin "extra arguments are usage errors everywhere"
for c in "check extra" "list extra" "show interpol-agent extra" "export extra" \
    "help show extra"; do
    # shellcheck disable=SC2086
    run -C "$SRC/content" $c
    expect_usage_error "unexpected argument 'extra'"
done

begin "options of another command are usage errors"
run -C "$SRC/content" list --tsv
expect_usage_error "option --tsv is only for search"
run -C "$SRC/content" show interpol-agent -o x.txt
expect_usage_error "option -o is only for summary, fit, compare and export"
run -C "$SRC/content" check --force
expect_usage_error "option --force is only for summary, fit, compare and export"

begin "bad option values"
run --width 5 -C "$SRC/content" show interpol-agent
expect_usage_error "bad width '5'"
run --width abc show interpol-agent
expect_usage_error "bad width 'abc'"
run show interpol-agent --width
expect_usage_error "option --width needs a number"
run --theme pink check
expect_usage_error "unknown theme 'pink' (use light, dark or mono)"
run --force=yes summary interpol-agent
expect_usage_error "option '--force' takes no value"
run --f summary interpol-agent
expect_usage_error "ambiguous option '--f'"

begin "--theme is accepted anywhere; \$BORDERLESS_THEME is checked when the guide opens"
for t in light dark mono; do
    run -C "$FIX/base" check --theme "$t"
    expect_rc 0
    expect_out "2 roles, 3 sections"
done
cmd="BORDERLESS_THEME=pink borderless list"
BORDERLESS_THEME=pink "$BIN" -C "$FIX/base" list </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0
expect_err_empty
cmd="BORDERLESS_THEME=pink borderless"
BORDERLESS_THEME=pink "$BIN" -C "$FIX/base" </dev/null >"$T/out" 2>"$T/err"
rc=$?
expect_usage_error "BORDERLESS_THEME: unknown theme 'pink'"

# ---- --help for every command ------------------------------------------------

for c in check list show search summary help; do
    begin "$c --help and help $c"
    run -C "$T/nowhere" "$c" --help
    expect_rc 0
    expect_err_empty
    checks=$((checks + 1))
    head -n 1 "$T/out" | grep -q "^Usage: borderless $c\b" || fail "first line is not 'Usage: borderless $c ...'"
    expect_out_has "-h, --help"
    cp "$T/out" "$T/help1"
    run help "$c"
    expect_rc 0
    checks=$((checks + 1))
    cmp -s "$T/help1" "$T/out" || fail "'help $c' differs from '$c --help'"
    run -h "$c"
    expect_rc 0
    checks=$((checks + 1))
    cmp -s "$T/help1" "$T/out" || fail "'-h $c' differs from '$c --help'"
done

begin "show ID --help is help, search --help is help"
run -C "$SRC/content" show interpol-agent --help
expect_rc 0
expect_out_has "Usage: borderless show"
run -C "$SRC/content" search --help
expect_rc 0
expect_out_has "Usage: borderless search"
expect_out_has "--tsv"

begin "help with no command, and with an unknown one"
run help
expect_rc 0
expect_out_has "Usage: borderless [OPTIONS] [COMMAND [ARGS]]"
run help shw
expect_usage_error "unknown command 'shw' (did you mean 'show'?)"

# ---- URLs are never broken -----------------------------------------------------

begin "every source URL is whole, on a line of its own, at any width"
for width in 20 40 79 80 120; do
    run -C "$SRC/content" --width "$width" show interpol-agent
    expect_rc 0
    sed -n 's/^ *url: *"\{0,1\}\([^" ]*\)"\{0,1\} *$/\1/p' "$SRC/content/roles/interpol-agent.yaml" >"$T/urls"
    checks=$((checks + 1))
    [ "$(wc -l <"$T/urls")" -ge 5 ] || fail "found only $(wc -l <"$T/urls") URLs in the role file"
    while read -r url; do
        checks=$((checks + 1))
        grep -qxF -e "  $url" -e "• $url" "$T/out" ||
            fail "at --width $width the URL $url is not whole on a line of its own"
    done <"$T/urls"
done
# And the longest one really is longer than the line (so the rule was needed).
checks=$((checks + 1))
[ "$(awk '{ print length($0) }' "$T/urls" | sort -n | tail -n 1)" -gt 80 ] ||
    fail "no URL longer than 80 columns to test with"

# ---- ASCII in a locale that is not UTF-8 ----------------------------------------

begin "LC_ALL=C: show, list and search write ASCII"
for c in "show interpol-agent" "show landscape" "list" "search trafficking" \
    "search --tsv border" "summary interpol-agent"; do
    cmd="LC_ALL=C borderless $c"
    # shellcheck disable=SC2086
    LC_ALL=C "$BIN" -C "$SRC/content" $c </dev/null >"$T/out" 2>"$T/err"
    rc=$?
    expect_rc 0
    expect_ascii "$T/out"
done
cmd="LC_ALL=C borderless search trafficking"
LC_ALL=C "$BIN" -C "$SRC/content" search trafficking </dev/null >"$T/out" 2>&1
checks=$((checks + 1))
grep -q '\.\.\.' "$T/out" || fail "snippets have no '...' cut mark in ASCII"
begin "and in UTF-8 the same commands do use non-ASCII (the test can fail)"
run -C "$SRC/content" show interpol-agent
expect_out_has "•"
run -C "$SRC/content" search trafficking
expect_out_has "…"

# ---- escaped echoes (issue 10) ---------------------------------------------------

ESC=$(printf '\033')
begin "a role file named with an escape sequence: check escapes it"
mkdir -p "$T/evil/roles"
cp "$FIX/base/sections.yaml" "$T/evil/"
cp "$FIX/base/roles/"*.yaml "$T/evil/roles/"
printf 'title: [broken\n' >"$T/evil/roles/${ESC}[2J${ESC}]0;pwned$(printf '\a')x.yaml"
run -C "$T/evil" check
expect_rc 1
expect_no_controls "$T/err"
expect_err_has '\e[2J\e]0;pwned\ax.yaml:'

begin "an unknown id, option, command, query and path are escaped"
for args in "show ${ESC}[31mred" "summary ${ESC}[31mred" "--${ESC}]0;t" "${ESC}[2Jcmd" \
    "search zzqq${ESC}[31m" "show $(printf '\302\233')31m" "show $(printf '\377\376')x" \
    "help ${ESC}c" "--width ${ESC}1 list" "show a$(printf '\tb\nc')"; do
    # shellcheck disable=SC2086
    run -C "$SRC/content" $args
    checks=$((checks + 1))
    [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ] || fail "exit status $rc, expected 1 or 2"
    expect_no_controls "$T/err"
    expect_out_empty
done
run -C "$SRC/content" search "zzqq${ESC}[31m"
expect_err_has "no matches for 'zzqq\\e[31m'"
run -C "$SRC/content" show "$(printf '\302\233')31m"
expect_err_has "'\\x9b31m'"
run -C "$SRC/content" show "$(printf '\377')x"
expect_err_has "'\\xffx'"
run -C "$SRC/content" "show" "$(printf 'a\tb')"
expect_err_has "'a\\tb'"
run -C "$T/no${ESC}[2Jwhere" list
expect_rc 1
expect_no_controls "$T/err"
expect_err_has 'no\e[2Jwhere'
run -C "$SRC/content" summary interpol-agent -o "$T/no${ESC}such/x.txt"
expect_rc 1
expect_no_controls "$T/err"
expect_err_has 'no\esuch/x.txt'

begin "a 1 MB query is not repeated in full on stderr"
chunk=$(head -c 100000 /dev/zero | tr '\0' q)
run -C "$SRC/content" search "$chunk" "$chunk" "$chunk" "$chunk" "$chunk" \
    "$chunk" "$chunk" "$chunk" "$chunk" "$chunk"
expect_rc 1
checks=$((checks + 1))
[ "$(wc -c <"$T/err")" -lt 1000 ] || fail "stderr has $(wc -c <"$T/err") bytes"
expect_err_has "…'"
run -C "$SRC/content" show "$chunk"
expect_rc 1
checks=$((checks + 1))
[ "$(wc -c <"$T/err")" -lt 1000 ] || fail "show: stderr has $(wc -c <"$T/err") bytes"
run -C "$SRC/content" "--$chunk"
expect_rc 2
checks=$((checks + 1))
[ "$(wc -c <"$T/err")" -lt 1000 ] || fail "an unknown option: stderr has $(wc -c <"$T/err") bytes"
cmd="LC_ALL=C borderless show q...q"
LC_ALL=C "$BIN" -C "$SRC/content" show "$chunk" </dev/null >"$T/out" 2>"$T/err"
expect_err_has "q...'"
expect_ascii "$T/err"

begin "content never prints a control character (the loader refuses them)"
mkdir -p "$T/ctl/roles"
cp "$FIX/base/sections.yaml" "$T/ctl/"
cp "$FIX/base/roles/"*.yaml "$T/ctl/roles/"
sed -i 's/^title: .*/title: "Alpha \\e[31mofficer"/' "$T/ctl/roles/alpha.yaml"
run -C "$T/ctl" check
expect_rc 1
expect_err_has "control character in text"
expect_no_controls "$T/err"
# An invisible bidi override is accepted but never printed.
sed -i 's/^title: .*/title: "Alpha \\u202e officer"/' "$T/ctl/roles/alpha.yaml"
for c in list "show alpha" "search alpha" "search --tsv officer"; do
    # shellcheck disable=SC2086
    run -C "$T/ctl" $c
    expect_rc 0
    checks=$((checks + 1))
    ! grep -q "$(printf '\342\200\256')" "$T/out" || fail "$c printed U+202E"
    expect_no_controls "$T/out"
done

# ---- search: for people on a terminal, for programs through a pipe ----------------

# run_tty COLS ENV... -- ARGS: the program on a pseudo-terminal of COLS
# columns (script(1)); stdout+stderr, without carriage returns, in $T/out.
run_tty() {
    local cols=$1
    shift
    local -a envs=()
    while [ "$1" != -- ]; do envs+=("$1"); shift; done
    shift
    cmd="(on a ${cols}-column terminal) ${envs[*]} borderless $*"
    script -qec "stty cols $cols rows 24; exec env ${envs[*]} $(printf '%q ' "$BIN" "$@")" \
        /dev/null </dev/null >"$T/raw" 2>"$T/err"
    rc=$?
    tr -d '\r' <"$T/raw" >"$T/out"
}

if command -v script >/dev/null; then
    begin "search through a pipe: today's TSV, the same as --tsv"
    run -C "$SRC/content" search trafficking
    expect_rc 0
    cp "$T/out" "$T/pipe"
    checks=$((checks + 1))
    awk -F '\t' 'NF != 4 { bad = 1 } END { exit bad }' "$T/pipe" || fail "not 4 TSV fields"
    run_tty 100 TERM=xterm -- -C "$SRC/content" search --tsv trafficking
    expect_rc 0
    checks=$((checks + 1))
    cmp -s "$T/pipe" "$T/out" || fail "--tsv on a terminal differs from the pipe's output"

    begin "search on a terminal: aligned kind, id and title, then the snippet, bold matches"
    run_tty 100 TERM=xterm -- -C "$SRC/content" search trafficking
    expect_rc 0
    bold=$(tput -T xterm bold)
    checks=$((checks + 1))
    grep -qF "${bold}trafficking" "$T/out" || fail "no match in bold"
    checks=$((checks + 1))
    ! grep -q "$(printf '\t')" "$T/out" || fail "tabs on a terminal"
    sed 's/\x1b[[(][0-9;]*[mB]//g' "$T/out" >"$T/plain"
    checks=$((checks + 1))
    grep -qE '^role +transnational-crime-investigator +Transnational crime investigator$' "$T/plain" ||
        fail "no aligned line for transnational-crime-investigator"
    # Every first line has its id in the same column.
    checks=$((checks + 1))
    [ "$(grep -E '^(role|section) ' "$T/plain" | awk '{ print index($0, $2) }' | sort -u | wc -l)" -eq 1 ] ||
        fail "ids are not aligned"
    checks=$((checks + 1))
    [ "$(grep -cE '^(role|section) ' "$T/plain")" -eq "$(wc -l <"$T/pipe")" ] ||
        fail "not one result per hit"
    checks=$((checks + 1))
    [ "$(wc -L <"$T/plain")" -le 100 ] || fail "a line is wider than the terminal"

    begin "search on a narrow terminal, and with --width: cut by display width"
    for cols in 40 60; do
        run_tty "$cols" TERM=xterm -- -C "$SRC/content" search border
        expect_rc 0
        sed 's/\x1b[[(][0-9;]*[mB]//g' "$T/out" >"$T/plain"
        checks=$((checks + 1))
        [ "$(wc -L <"$T/plain")" -le "$cols" ] || fail "a line is wider than $cols: $(wc -L <"$T/plain")"
        expect_out_has "…"
    done
    run_tty 100 TERM=xterm -- -C "$SRC/content" search border --width 30
    sed 's/\x1b[[(][0-9;]*[mB]//g' "$T/out" >"$T/plain"
    checks=$((checks + 1))
    [ "$(wc -L <"$T/plain")" -le 30 ] || fail "--width 30: a line is wider"

    begin "bold only where the terminal has it; NO_COLOR keeps it (an attribute)"
    run_tty 100 TERM=dumb -- -C "$SRC/content" search trafficking
    expect_rc 0
    expect_no_controls "$T/out"
    run_tty 100 TERM=xterm NO_COLOR=1 -- -C "$SRC/content" search trafficking
    checks=$((checks + 1))
    grep -qF "${bold}trafficking" "$T/out" || fail "no bold under NO_COLOR"
    run_tty 100 TERM=xterm LC_ALL=C -- -C "$SRC/content" search trafficking
    sed 's/\x1b[[(][0-9;]*[mB]//g' "$T/out" >"$T/plain"
    expect_ascii "$T/plain"

    begin "show on a terminal wraps to it, capped at the readable measure"
    run_tty 60 TERM=xterm COLUMNS=120 -- -C "$SRC/content" show interpol-agent
    expect_rc 0
    expect_width 60 50
    run_tty 200 TERM=xterm -- -C "$SRC/content" show interpol-agent
    expect_width 80 70
    run_tty 200 TERM=xterm -- -C "$SRC/content" show interpol-agent --width 150
    expect_width 150 100
else
    begin "script(1)"
    checks=$((checks + 1))
    fail "script (util-linux) not found: cannot test terminal output"
fi

# ---- summary ------------------------------------------------------------------

if [ "$failures" -ne 0 ]; then
    printf '%d of %d checks failed\n' "$failures" "$checks"
    exit 1
fi
printf 'all %d checks passed\n' "$checks"
exit 0
